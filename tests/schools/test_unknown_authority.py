"""Parental authority the school's administration did not state clearly is stored as unknown (``None``), shown
to staff as unknown, and never counts as yes: every rule that asks for authority treats it as no say."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.choices.domain.choosing import confirm_choice
from koers.choices.models import Confirmation
from koers.dossier.rules import decides_consent_for
from koers.schools.family_rules import consent_states_for
from koers.schools.models import Consent, ConsentPurpose, Guardianship, Role, RoleKind
from koers.schools.queries import guardian_sees_dossier_of
from koers.transfer.rules import has_authority_over, may_request_for
from tests.choices.helpers import make_choice, make_moment


@pytest.fixture
def unknown(world):
    """The guardian of a 14-year-old whose authority the import could not read."""
    with scopes_disabled():
        world.student.date_of_birth = timezone.localdate() - dt.timedelta(days=14 * 366)
        world.student.save(update_fields=["date_of_birth"])
        Guardianship.objects.filter(student=world.student).update(has_authority=None)
        return Role.objects.select_related("school").get(user=world.users["guardian"])


@pytest.mark.parametrize("authority", [True, None])
def test_unknown_authority_gives_no_say_where_yes_would(world, in_school, authority):
    with scopes_disabled():
        world.student.date_of_birth = timezone.localdate() - dt.timedelta(days=14 * 366)
        world.student.save(update_fields=["date_of_birth"])
        Guardianship.objects.filter(student=world.student).update(has_authority=authority)
    guardian = Role.objects.select_related("school").get(user=world.users["guardian"])
    student = world.student

    answers = {
        "sees dossier": guardian_sees_dossier_of(guardian, student),
        "decides consent": decides_consent_for(guardian, student),
        "asks for the data": may_request_for(guardian, student),
        "sees who looked": has_authority_over(guardian, student),
    }

    assert answers == dict.fromkeys(answers, authority is True)


def test_unknown_authority_guardian_cannot_confirm_a_choice(world, in_school, unknown):
    choice = make_choice(make_moment(world.group), world.student)

    with pytest.raises(ValidationError):
        confirm_choice(
            by=unknown, choice=choice, guardianship=Guardianship.objects.get(guardian=unknown.user)
        )

    assert not Confirmation.objects.exists()


def test_unknown_authority_guardian_consent_does_not_count(world, in_school, unknown):
    Consent.objects.create(
        school=world.school,
        student=world.student,
        purpose=ConsentPurpose.PHOTOS,
        granted=True,
        decided_by=unknown.user,
        decided_as=RoleKind.GUARDIAN,
    )

    states = consent_states_for(world.student)

    assert not states[ConsentPurpose.PHOTOS].granted


def test_staff_see_unknown_authority_on_the_guardian_list(login, world, unknown):
    response = login("mentor").get(reverse("accounts:invitations"))

    assert "gezag onbekend" in response.content.decode()
