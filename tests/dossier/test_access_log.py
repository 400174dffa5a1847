"""“Wie keek in mijn dossier?”: the student sees every view of their dossier by someone else."""

from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories as f

URL = reverse("dossier:access_log")


def test_access_log_lists_who_looked_in_which_role(login, world):
    with scopes_disabled():
        mentor = world.users["mentor"]
        mentor.first_name, mentor.last_name = "Mirjam", "de Wit"
        mentor.save()
    login("mentor").get(reverse("dossier:student", args=[world.student.pk]))

    body = login("student").get(URL).content.decode()

    assert "Mirjam de Wit" in body
    assert "mentor" in body
    assert "dossier-overzicht" in body


def test_access_log_shows_only_this_students_entries(login, world):
    with scopes_disabled():
        f.AuditEntryFactory(student=world.classmate, subject="klasgenoot bekeken")
        f.AuditEntryFactory(student=world.student, subject="mijn dossier bekeken")

    body = login("student").get(URL).content.decode()

    assert "mijn dossier bekeken" in body
    assert "klasgenoot bekeken" not in body


def test_access_log_says_when_nobody_looked(login, world):
    body = login("student").get(URL).content.decode()

    assert "Nog niemand anders" in body
