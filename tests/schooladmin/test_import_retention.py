"""What an import keeps: the file and the preview's name lists go when it is applied, cancelled, or not
applied within three days; problem lines go after thirty days; counts stay (docs/privacy.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.schooladmin.importing import runs
from koers.schooladmin.tasks import clear_unapplied_imports
from koers.schools.models import ImportRun, Student
from tests.schooladmin.import_support import admin_role, import_file

DATA = b"Stamnr;Roepnaam;Achternaam;Klas;Geb.datum\n300001;Ilse;Vos;2K1;1-1-1900\n300002;Bram;Kok;2K1;\n"


def stored(run) -> ImportRun:
    with scopes_disabled():
        return ImportRun.objects.get(pk=run.pk)


def test_applied_import_keeps_counts_and_problems_but_no_file_or_names(world, login):
    run = stored(import_file(world.school, DATA))

    assert run.content == ""
    assert run.summary["lists"] == {}
    assert run.summary["counts"]["students_new"] == 2
    assert len(run.summary["problems"]) == 1
    page = login("admin").get(reverse("schooladmin:import_preview", args=[run.pk])).content.decode()
    assert "Ilse" not in page and "Vos" not in page
    assert "Nieuwe leerlingen: <strong>2</strong>" in page


def test_cancelled_import_removes_the_file_and_changes_nothing(world, login):
    run = import_file(world.school, DATA, apply=False)

    response = login("admin").post(reverse("schooladmin:import_cancel", args=[run.pk]))

    assert response.status_code == 302
    run = stored(run)
    assert run.cancelled_at is not None and run.content == "" and run.summary["lists"] == {}
    with scopes_disabled():
        assert not Student.objects.filter(number="300001").exists()
    page = login("admin").get(reverse("schooladmin:import_preview", args=[run.pk])).content.decode()
    assert "Import toepassen" not in page
    assert login("admin").post(reverse("schooladmin:import_apply", args=[run.pk])).status_code == 302
    with scopes_disabled():
        assert not Student.objects.filter(number="300001").exists()  # the job refused


def test_cancelled_import_cannot_be_applied(world, in_school):
    role = admin_role(world.school)
    run = import_file(world.school, DATA, apply=False)
    runs.cancel_import(run=run, by=role)

    with school_scope(world.school), pytest.raises(ValidationError, match="geannuleerd"):
        runs.apply_import(run=stored(run), by=role)


def test_scheduled_job_clears_unapplied_imports_after_three_days_and_problems_after_thirty(world):
    fresh = import_file(world.school, DATA, apply=False)
    old = import_file(world.school, DATA, apply=False)
    applied_long_ago = import_file(world.school, DATA.replace(b"3000", b"4000"))
    now = timezone.now()
    with scopes_disabled():
        ImportRun.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=4))
        ImportRun.objects.filter(pk=applied_long_ago.pk).update(created_at=now - dt.timedelta(days=31))

    clear_unapplied_imports(now)

    assert stored(fresh).content and stored(fresh).summary["lists"]["students_new"]
    old = stored(old)
    assert old.content == "" and old.summary["lists"] == {} and old.summary["counts"]["students_new"] == 2
    assert old.summary["problems"]  # kept for thirty days
    long_ago = stored(applied_long_ago)
    assert "problems" not in long_ago.summary and long_ago.summary["problem_count"] == 1


def test_expired_import_page_says_the_file_is_gone_and_offers_no_apply(world, login):
    run = import_file(world.school, DATA, apply=False)
    clear_unapplied_imports(timezone.now() + dt.timedelta(days=4))

    client = login("admin")
    page = client.get(reverse("schooladmin:import_preview", args=[run.pk])).content.decode()
    mapping = client.get(reverse("schooladmin:import_mapping", args=[run.pk]))

    assert "niet op tijd toegepast" in page and "Import toepassen" not in page
    assert mapping.status_code == 302
