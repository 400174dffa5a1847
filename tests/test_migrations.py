from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from tests import factories as f


@pytest.mark.django_db
def test_models_have_no_pending_migrations():
    out = StringIO()

    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"pending model changes, run `make migrations`:\n{out.getvalue()}\n(exit {exit_.code})")


@pytest.mark.django_db(transaction=True)
def test_audit_log_keeps_its_rows_when_it_moves_from_common_to_access():
    # Back to the database as it was before the move: the model in ``common``, its table common_auditentry.
    executor = MigrationExecutor(connection)
    executor.migrate([("access", None)])
    old_apps = executor.loader.project_state([("common", "0002_initial")]).apps
    with scopes_disabled():
        student = f.StudentFactory()
        reader = f.UserFactory()
    OldEntry = old_apps.get_model("common", "AuditEntry")
    kept = OldEntry.objects.create(
        school_id=student.school_id,
        student_id=student.pk,
        actor_id=reader.pk,
        actor_role="mentor",
        action="view",
        subject="dossier-overzicht",
    )
    ContentType.objects.filter(app_label="access", model="auditentry").delete()
    old_type, _ = ContentType.objects.get_or_create(app_label="common", model="auditentry")
    ContentType.objects.clear_cache()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    with scopes_disabled():
        entry = AuditEntry.objects.get()
    assert (entry.pk, entry.student_id, entry.actor_id, entry.subject) == (
        kept.pk,
        student.pk,
        reader.pk,
        "dossier-overzicht",
    )
    assert AuditEntry._meta.db_table in connection.introspection.table_names()
    assert "common_auditentry" not in connection.introspection.table_names()
    assert ContentType.objects.get(app_label="access", model="auditentry").pk == old_type.pk
