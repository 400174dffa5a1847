"""Follow-up education: the student argues a programme from the careers catalogue with an open-day experience;
the counsellor sees the application's status; another school's programme is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.choices.domain.choosing import make_choice
from koers.choices.models import Application, Choice, MomentKind
from koers.lob.vocabulary import ExperienceKind
from koers.schools.models import Role
from tests import factories as f
from tests.careers.factories import ProgrammeFactory
from tests.choices.helpers import make_moment


def test_student_argues_a_follow_up_programme_and_the_counsellor_sees_the_application(world, login):
    moment = make_moment(world.group, kind=MomentKind.FOLLOW_UP, title="Vervolgopleiding")
    with scopes_disabled():
        programme = ProgrammeFactory(texts={"nl": "Verzorgende IG"})
        open_day = f.ExperienceFactory(
            student=world.student, kind=ExperienceKind.LOB_ACTIVITY, title="Open dag ROC"
        )

    login("student").post(
        reverse("choices:choose", args=[moment.pk]),
        {
            "chosen": "Verzorgende IG",
            "why": "Ik wil in de zorg werken.",
            "found_out": "Op de open dag sprak ik studenten.",
            "experiences": [open_day.pk],
            "programme": programme.pk,
            "institution": "ROC Midden",
            "application": Application.APPLIED,
        },
    )

    with scopes_disabled():
        choice = Choice.objects.get()
        assert (choice.programme, choice.application) == (programme, Application.APPLIED)
        assert list(choice.experiences.all()) == [open_day]
    page = login("counsellor").get(reverse("choices:overview")).content.decode()
    assert "aangemeld" in page


def test_another_schools_own_programme_is_refused(world, in_school):
    moment = make_moment(world.group, kind=MomentKind.FOLLOW_UP)
    with scopes_disabled():
        theirs = ProgrammeFactory(school=world.other_school)
        student_role = Role.objects.get(user=world.users["student"], school=world.school)

    with pytest.raises(ValidationError):
        make_choice(by=student_role, student=world.student, moment=moment, chosen="x", programme=theirs)
