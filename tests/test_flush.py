"""The flush after a committing test empties every data table and keeps the models' catalogues as they were
(tests/fast_flush.py): content types keep their ids, so code that cached them still points at real rows, and
nothing is written back (re-creating them cost 0.5-0.8 s per committing test on PostgreSQL)."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from koers.schools.models import School, User
from tests import factories as f


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_data_and_keeps_content_types_and_permissions():
    with scopes_disabled():
        f.SchoolFactory()
    user = f.UserFactory()
    types_before = set(ContentType.objects.values_list("id", "app_label", "model"))
    permissions_before = Permission.objects.count()
    assert types_before and permissions_before

    with CaptureQueriesContext(connection) as queries:
        # As TransactionTestCase's teardown calls it.
        call_command("flush", interactive=False, verbosity=0, reset_sequences=False, allow_cascade=False)

    written = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]
    assert written == []

    with scopes_disabled():
        assert not School.objects.exists()
    assert not User.objects.filter(pk=user.pk).exists()
    assert set(ContentType.objects.values_list("id", "app_label", "model")) == types_before
    assert Permission.objects.count() == permissions_before
