"""Experiences: the student records, edits and deletes them; followers read them; everyone else gets 404."""

import datetime as dt
import os
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.common.uploads import UploadKind, check_upload
from koers.dossier.domain.experiences import record_experience
from koers.dossier.models import Evidence, Experience
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.pictogram_helpers import shows_pictogram
from tests.refusals import assert_not_found, nothing_written


def experience_data(**overrides):
    data = {
        "kind": "internship",
        "title": "Meelopen bij de garage",
        "happened_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "place": "Garage De Vries",
        "what_i_did": "Ik heb banden gewisseld.",
        "feeling": "proud",
        "went_well": "Ik durfde vragen te stellen.",
        "learned_about_me": "Ik werk graag met mijn handen.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def experience(world):
    with scopes_disabled():
        return f.ExperienceFactory(student=world.student, title="Dag bij de bakker")


@pytest.fixture
def shared_experience(world):
    with scopes_disabled():
        return f.ExperienceFactory(student=world.student, title="Open dag", shared_with_guardians=True)


def audit_rows(world):
    with scopes_disabled():
        return list(AuditEntry.objects.filter(student=world.student))


# --- creating ---


def test_experience_new_page_shows_pictogram_tiles_with_words(login):
    response = login("student").get(reverse("dossier:experience_new"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "picto-choice" in page
    assert "Stage" in page and shows_pictogram(page, "kind.internship")
    assert "Trots" in page and shows_pictogram(page, "feeling.proud")
    assert "data-recorder" in page


def test_experience_new_saves_the_experience_for_the_student(login, world):
    response = login("student").post(reverse("dossier:experience_new"), experience_data())

    with scopes_disabled():
        experience = Experience.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("dossier:experience", args=[experience.pk])
    assert experience.student == world.student
    assert experience.title == "Meelopen bij de garage"
    assert experience.feeling == "proud"


def test_experience_new_with_missing_title_shows_dutch_error_next_to_field(login):
    response = login("student").post(reverse("dossier:experience_new"), experience_data(title=""))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<p class="error" id="id_title-error">Geef je ervaring een korte titel.' in page
    assert 'aria-invalid="true"' in page


def test_experience_new_with_error_keeps_what_was_typed(login):
    response = login("student").post(reverse("dossier:experience_new"), experience_data(title=""))

    page = response.content.decode()
    assert 'value="Garage De Vries"' in page
    assert "Ik durfde vragen te stellen." in page
    assert re.search(r'value="internship"[^>]*checked', page)


def test_experience_new_with_error_saves_nothing(login):
    login("student").post(reverse("dossier:experience_new"), experience_data(title=""))

    with scopes_disabled():
        assert not Experience.objects.exists()


def test_experience_new_refuses_a_date_in_the_future(login):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

    response = login("student").post(reverse("dossier:experience_new"), experience_data(happened_on=tomorrow))

    assert "Deze datum ligt in de toekomst" in response.content.decode()
    with scopes_disabled():
        assert not Experience.objects.exists()


def test_experience_new_without_kind_asks_to_pick_one(login):
    response = login("student").post(reverse("dossier:experience_new"), experience_data(kind=""))

    assert "Kies wat voor ervaring het was." in response.content.decode()


def test_experience_new_sharing_follows_the_school_default(login, world):
    world.school.guardian_sharing_defaults = {"experience": True}
    world.school.save()

    response = login("student").get(reverse("dossier:experience_new"))

    assert re.search(r'name="shared_with_guardians"[^>]*checked', response.content.decode())


def test_record_experience_uses_the_school_default_for_sharing(world, in_school):
    world.school.guardian_sharing_defaults = {"experience": True}
    world.school.save()
    role = Role.objects.get(user=world.student.user, kind=RoleKind.STUDENT)

    experience = record_experience(
        student=world.student, by=role, kind="sport", title="Wedstrijd", happened_on=timezone.localdate()
    )

    assert experience.shared_with_guardians is True


def test_record_experience_refuses_someone_else_acting(world, in_school):
    mentor_role = Role.objects.get(user=world.users["mentor"], kind=RoleKind.MENTOR)

    with pytest.raises(PermissionDenied):
        record_experience(
            student=world.student,
            by=mentor_role,
            kind="sport",
            title="Wedstrijd",
            happened_on=timezone.localdate(),
        )


# --- reading ---


def test_experience_detail_shows_the_story_to_the_student(login, experience):
    response = login("student").get(reverse("dossier:experience", args=[experience.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dag bij de bakker" in page
    assert "Banden gewisseld en de monteur geholpen." in page
    assert reverse("dossier:experience_edit", args=[experience.pk]) in page


@pytest.mark.parametrize("persona", ["mentor", "counsellor"])
def test_experience_detail_is_open_to_followers_without_edit_links(login, experience, persona):
    response = login(persona).get(reverse("dossier:experience", args=[experience.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dag bij de bakker" in page
    assert reverse("dossier:experience_edit", args=[experience.pk]) not in page


def test_experience_detail_shared_is_open_to_guardian(login, shared_experience):
    response = login("guardian").get(reverse("dossier:experience", args=[shared_experience.pk]))

    assert response.status_code == 200
    assert "Open dag" in response.content.decode()


def test_experience_detail_shared_is_404_for_guardian_without_authority(login, world, shared_experience):
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)

    with nothing_written():  # no "looked at" row either
        response = login("guardian").get(reverse("dossier:experience", args=[shared_experience.pk]))

    assert_not_found(response, shared_experience.title)


def test_experience_detail_by_mentor_writes_one_audit_row(login, world, experience):
    login("mentor").get(reverse("dossier:experience", args=[experience.pk]))

    rows = audit_rows(world)
    assert len(rows) == 1
    assert rows[0].actor == world.users["mentor"]
    assert rows[0].actor_role == RoleKind.MENTOR
    assert rows[0].action == "view"
    assert "Dag bij de bakker" in rows[0].subject


def test_experience_detail_by_guardian_writes_one_audit_row(login, world, shared_experience):
    login("guardian").get(reverse("dossier:experience", args=[shared_experience.pk]))

    assert [r.actor_role for r in audit_rows(world)] == [RoleKind.GUARDIAN]


def test_experience_detail_by_the_student_writes_no_audit_row(login, world, experience):
    login("student").get(reverse("dossier:experience", args=[experience.pk]))

    assert audit_rows(world) == []


def test_experience_detail_offers_the_six_competences_to_reflect_on(login, experience):
    response = login("student").get(reverse("dossier:experience", args=[experience.pk]))

    page = response.content.decode()
    for competence in [
        "qualities",
        "motives",
        "work_exploration",
        "career_steering",
        "networking",
        "expectations",
    ]:
        assert reverse("dossier:reflection", args=[experience.pk, competence]) in page
    assert "Omgaan met verwachtingen" in page


# --- editing and deleting ---


def test_experience_edit_changes_the_experience(login, experience):
    response = login("student").post(
        reverse("dossier:experience_edit", args=[experience.pk]), experience_data(title="Nieuwe titel")
    )

    experience.refresh_from_db()
    assert response.status_code == 302
    assert experience.title == "Nieuwe titel"


def test_experience_edit_form_is_filled_with_the_current_values(login, experience):
    response = login("student").get(reverse("dossier:experience_edit", args=[experience.pk]))

    assert 'value="Dag bij de bakker"' in response.content.decode()


def test_experience_edit_with_error_keeps_the_old_version(login, experience):
    response = login("student").post(
        reverse("dossier:experience_edit", args=[experience.pk]), experience_data(title="")
    )

    experience.refresh_from_db()
    assert "Geef je ervaring een korte titel." in response.content.decode()
    assert experience.title == "Dag bij de bakker"


@pytest.mark.parametrize("persona", ["mentor", "counsellor", "guardian", "classmate", "outsider"])
def test_experience_edit_is_404_for_anyone_but_the_student(login, experience, persona):
    response = login(persona).post(
        reverse("dossier:experience_edit", args=[experience.pk]), experience_data(title="Overschreven")
    )

    experience.refresh_from_db()
    assert response.status_code == 404
    assert experience.title == "Dag bij de bakker"


def test_experience_delete_asks_first(login, experience):
    response = login("student").get(reverse("dossier:experience_delete", args=[experience.pk]))

    assert response.status_code == 200
    assert "Dit kun je niet terugdraaien" in response.content.decode()
    with scopes_disabled():
        assert Experience.objects.filter(pk=experience.pk).exists()


def test_experience_delete_removes_it_with_its_files(
    login, world, django_capture_on_commit_callbacks, in_school
):
    role = Role.objects.get(user=world.student.user, kind=RoleKind.STUDENT)
    experience = record_experience(
        student=world.student,
        by=role,
        kind="sport",
        title="Toernooi",
        happened_on=timezone.localdate(),
        evidence=[check_upload(f.sample_jpeg(), UploadKind.IMAGE)],
    )
    stored = Evidence.objects.get().file.path

    with django_capture_on_commit_callbacks(execute=True):
        response = login("student").post(reverse("dossier:experience_delete", args=[experience.pk]))

    assert response.status_code == 302
    assert not Experience.objects.filter(pk=experience.pk).exists()
    assert not os.path.exists(stored)


@pytest.mark.parametrize("persona", ["mentor", "counsellor", "classmate", "outsider"])
def test_experience_delete_is_404_for_anyone_but_the_student(login, experience, persona):
    response = login(persona).post(reverse("dossier:experience_delete", args=[experience.pk]))

    assert response.status_code == 404
    with scopes_disabled():
        assert Experience.objects.filter(pk=experience.pk).exists()
