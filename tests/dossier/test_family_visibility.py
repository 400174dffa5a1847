"""Issue 5's quality bar for the law: a 15-year-old's shared item is visible to the guardian; the same
student at 16 can hide the dossier, after which the guardian sees only the programme; an information-only
guardian never sees dossier items. Also: refused consent stops new photos and voice notes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.common.uploads import UploadKind, check_upload
from koers.dossier.domain.experiences import record_experience
from koers.dossier.domain.family import decide_consent
from koers.dossier.models import Experience
from koers.schools.models import Role, RoleKind, User
from tests import factories as f

BORN = dt.date(2010, 9, 3)
SIXTEENTH = dt.date(2026, 9, 3)
SHARED = "Meegelopen bij de brandweer"


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC), tick=False)


@pytest.fixture
def child(world):
    with scopes_disabled():
        world.student.date_of_birth = BORN
        world.student.save()
        f.ExperienceFactory(student=world.student, title=SHARED, shared_with_guardians=True)
        informed = f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user__username="informed").user
        f.GuardianshipFactory(student=world.student, guardian=informed, has_authority=False)
    return world.student


def page_of(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_guardian_sees_a_15_year_olds_shared_item_and_not_after_the_16_year_old_hides_it(world, child):
    guardian = world.users["guardian"]
    dossier_url = reverse("dossier:student", args=[child.pk])

    with at(SIXTEENTH - dt.timedelta(days=1)):
        assert SHARED in page_of(guardian, dossier_url)

    with at(SIXTEENTH):
        student = Client()
        student.force_login(child.user)
        student.post(reverse("dossier:family"), {"dossier": "hide"})
        assert SHARED not in page_of(guardian, dossier_url)
        # The programme stays visible to the guardian.
        assert page_of(guardian, reverse("programme:student_line", args=[child.pk]))

    with scopes_disabled():
        child.refresh_from_db()
    assert child.dossier_hidden_from_guardians


def test_a_15_year_old_cannot_hide_the_dossier_yet(world, child):
    with at(SIXTEENTH - dt.timedelta(days=1)):
        student = Client()
        student.force_login(child.user)
        response = student.post(reverse("dossier:family"), {"dossier": "hide"}, follow=True)

        assert "zestiende" in response.content.decode()
        assert SHARED in page_of(world.users["guardian"], reverse("dossier:student", args=[child.pk]))


@pytest.mark.parametrize("day", [SIXTEENTH - dt.timedelta(days=200), SIXTEENTH + dt.timedelta(days=200)])
def test_information_only_guardian_never_sees_dossier_items(world, child, day):
    with at(day):
        informed = User.objects.get(username="informed")
        page = page_of(informed, reverse("dossier:student", args=[child.pk]))

    assert SHARED not in page


def test_guardian_withdraws_photo_consent_and_a_new_photo_is_refused_with_nothing_saved(
    world, child, in_school
):
    with at(SIXTEENTH - dt.timedelta(days=30)):
        guardian = Client()
        guardian.force_login(world.users["guardian"])
        guardian.post(
            reverse("dossier:guardian_family", args=[child.pk]), {"purpose": "photos", "granted": "0"}
        )
        role = Role.objects.get(user=child.user, school=world.school)
        photo = check_upload(f.sample_png(), UploadKind.IMAGE)

        with pytest.raises(ValidationError) as refused:
            record_experience(
                student=child,
                by=role,
                kind="internship",
                title="Met foto",
                happened_on=dt.date(2026, 8, 1),
                evidence=[photo],
            )

    assert "toestemming" in str(refused.value)
    assert not Experience.objects.filter(title="Met foto").exists()


def test_student_of_16_gives_voice_consent_back_after_the_guardian_refused(world, child, in_school):
    with at(SIXTEENTH - dt.timedelta(days=5)):
        decide_consent(
            by=Role.objects.get(user=world.users["guardian"], school=world.school),
            student=child,
            purpose="voice",
            granted=False,
        )
    with at(SIXTEENTH):
        student = Client()
        student.force_login(child.user)
        before = student.get(reverse("dossier:family")).content.decode()
        student.post(reverse("dossier:family"), {"purpose": "voice", "granted": "1"})
        after = student.get(reverse("dossier:family")).content.decode()

    # Asked once per purpose; deciding about voice notes leaves only the question about photos.
    # Counted as shown messages (each read-aloud button also names the text it reads).
    assert before.count('<p class="message info">Je bent 16: wil je zelf kiezen?') == 2
    assert after.count('<p class="message info">Je bent 16: wil je zelf kiezen?') == 1
    assert child.consents.filter(purpose="voice").first().granted
