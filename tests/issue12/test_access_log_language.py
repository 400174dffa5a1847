"""Issue 12, item 8: the access log is read in the reader's language, whoever looked and in what language."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.language.recorded import in_language, to_source
from tests import factories as f


def test_a_line_recorded_in_english_is_stored_in_dutch_and_read_in_arabic(login, world):
    with scopes_disabled():
        mentor = world.users["mentor"]
        mentor.preferred_language = "en"
        mentor.save(update_fields=["preferred_language"])
        action = f.ActionFactory(student=world.student, what="Open dag bezoeken")
    login("mentor").get(reverse("dossier:student", args=[world.student.pk]))
    login("mentor").get(reverse("dossier:action", args=[action.pk]))
    with scopes_disabled():
        stored = sorted(AuditEntry.objects.filter(student=world.student).values_list("subject", flat=True))
        student = world.student.user
        student.preferred_language = "ar"
        student.save(update_fields=["preferred_language"])

    assert stored == ["actiepunt “Open dag bezoeken”", "dossier-overzicht"]
    body = login("student").get(reverse("dossier:access_log")).content.decode()
    assert "نظرة عامة على الملف" in body and "portfolio overview" not in body
    assert "المهمة “Open dag bezoeken”" in body


def test_old_lines_in_any_language_are_rendered_in_the_readers_language():
    assert in_language("portfolio overview", "nl") == "dossier-overzicht"
    assert in_language("action point “Mail”", "ar") == "المهمة “Mail”"
    assert to_source("نظرة عامة على الملف") == "dossier-overzicht"
    assert in_language("iets wat de school zelf schreef", "ar") == "iets wat de school zelf schreef"
