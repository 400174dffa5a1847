"""The school admin sets the quiet-student signal and what guardians see by default."""

import re

from django_scopes import scopes_disabled

from koers.schools.models import School


def test_admin_saves_school_settings(login, world):
    response = login("admin").post(
        "/beheer/instellingen/",
        {
            "inactive_after_weeks": "4",
            "registration_days_after": "10",
            "shared_by_default": ["experience", "action"],
        },
    )

    assert response.status_code == 302
    with scopes_disabled():
        school = School.objects.get(pk=world.school.pk)
    assert school.inactive_after_weeks == 4
    assert school.registration_days_after == 10
    assert school.shares_by_default("experience") is True
    assert school.shares_by_default("reflection") is False


def test_bad_number_of_weeks_is_explained_next_to_the_field_and_nothing_changes(login, world):
    response = login("admin").post(
        "/beheer/instellingen/",
        {"inactive_after_weeks": "99", "registration_days_after": "7", "shared_by_default": ["experience"]},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies hoogstens 52 weken." in page
    assert 'value="99"' in page
    with scopes_disabled():
        school = School.objects.get(pk=world.school.pk)
    assert school.inactive_after_weeks == 6
    assert school.shares_by_default("experience") is False


def test_new_experience_follows_the_school_default(login, world):
    login("admin").post(
        "/beheer/instellingen/",
        {"inactive_after_weeks": "6", "registration_days_after": "7", "shared_by_default": ["experience"]},
    )
    client = login("student")

    page = client.get("/dossier/ervaringen/nieuw/").content.decode()

    share_box = re.search(r'<input type="checkbox" name="shared_with_guardians"[^>]*>', page)
    assert share_box is not None
    assert "checked" in share_box.group(0)
