"""The law as product rules (schools/family_rules.py): the 16th birthday, parental authority and consent,
tested on the boundary days."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scopes_disabled

from koers.dossier.domain.family import decide_consent, hide_dossier_from_guardians
from koers.schools.family_rules import (
    birthday_in,
    consent_states_for,
    decides_for_self,
    guardian_sees_dossier,
    hidden_dossier_q,
    youngest_birth_date_deciding,
)
from koers.schools.models import Role, RoleKind, Student
from tests import factories as f

BORN = dt.date(2010, 5, 17)
SIXTEENTH = dt.date(2026, 5, 17)


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC), tick=False)


def test_student_decides_from_the_sixteenth_birthday_not_the_day_before():
    student = Student(date_of_birth=BORN)

    assert not decides_for_self(student, SIXTEENTH - dt.timedelta(days=1))
    assert decides_for_self(student, SIXTEENTH)


def test_student_born_on_29_february_decides_from_1_march_in_a_common_year():
    student = Student(date_of_birth=dt.date(2008, 2, 29))

    assert birthday_in(dt.date(2008, 2, 29), 2023) == dt.date(2023, 3, 1)
    assert not decides_for_self(student, dt.date(2024, 2, 28))
    assert decides_for_self(student, dt.date(2024, 2, 29))  # 2024 is a leap year: the birthday itself


def test_student_without_birth_date_never_decides_alone():
    assert not decides_for_self(Student(date_of_birth=None), dt.date(2030, 1, 1))


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 5, 16),
        dt.date(2026, 5, 17),
        dt.date(2024, 2, 28),
        dt.date(2024, 2, 29),
        dt.date(2025, 3, 1),
    ],
)
def test_query_rule_agrees_with_the_python_rule_around_birthdays(day):
    births = [day.replace(year=day.year - 16) - dt.timedelta(days=d) for d in (-2, -1, 0, 1, 2)]
    births += [dt.date(2008, 2, 29), dt.date(2009, 2, 28), dt.date(2009, 3, 1)]

    for born in births:
        in_python = decides_for_self(Student(date_of_birth=born), day)
        in_sql = born <= youngest_birth_date_deciding(day)
        assert in_python == in_sql, f"born {born} on {day}"


@pytest.mark.django_db
def test_guardian_with_authority_sees_the_dossier_of_a_15_year_old_even_if_the_flag_was_set():
    with scopes_disabled():
        guardianship = f.GuardianshipFactory(
            student=f.StudentFactory(date_of_birth=BORN, dossier_hidden_from_guardians=True)
        )

    assert guardian_sees_dossier(guardianship, guardianship.student, SIXTEENTH - dt.timedelta(days=1))
    assert not guardian_sees_dossier(guardianship, guardianship.student, SIXTEENTH)


@pytest.mark.django_db
def test_information_only_guardian_never_sees_the_dossier():
    with scopes_disabled():
        guardianship = f.GuardianshipFactory(
            has_authority=False, student=f.StudentFactory(date_of_birth=BORN)
        )

    assert not guardian_sees_dossier(guardianship, guardianship.student, SIXTEENTH - dt.timedelta(days=400))
    assert not guardian_sees_dossier(guardianship, guardianship.student, SIXTEENTH + dt.timedelta(days=400))


@pytest.mark.django_db
def test_hidden_dossier_query_finds_only_students_of_16_who_hid_it(in_school, world):
    with scopes_disabled():
        hid_at_16 = f.StudentFactory(
            school=world.school, date_of_birth=BORN, dossier_hidden_from_guardians=True
        )
        f.StudentFactory(school=world.school, date_of_birth=BORN)  # 16, did not hide
        f.StudentFactory(  # flag set, but only 15 on the day
            school=world.school, date_of_birth=BORN + dt.timedelta(days=1), dossier_hidden_from_guardians=True
        )

    found = set(Student.objects.filter(hidden_dossier_q(SIXTEENTH, prefix="")).values_list("pk", flat=True))

    assert found == {hid_at_16.pk}


@pytest.fixture
def family(world):
    """world.student born on BORN, with the world's guardian (authority) and one without authority."""
    with scopes_disabled():
        student = world.student
        student.date_of_birth = BORN
        student.save()
        other = f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN).user
        f.GuardianshipFactory(student=student, guardian=other, has_authority=False)
        roles = {
            "student": Role.objects.get(user=student.user, school=world.school),
            "guardian": Role.objects.get(user=world.users["guardian"], school=world.school),
            "informed": Role.objects.get(user=other, school=world.school),
        }
    return student, roles


def test_hiding_the_dossier_is_refused_before_16_and_allowed_from_16(family, in_school):
    student, roles = family

    with at(SIXTEENTH - dt.timedelta(days=1)), pytest.raises(ValidationError):
        hide_dossier_from_guardians(by=roles["student"], student=student, hidden=True)
    with at(SIXTEENTH):
        hide_dossier_from_guardians(by=roles["student"], student=student, hidden=True)

    student.refresh_from_db()
    assert student.dossier_hidden_from_guardians


def test_only_the_student_hides_their_own_dossier(family, in_school):
    student, roles = family

    with at(SIXTEENTH), pytest.raises(PermissionDenied):
        hide_dossier_from_guardians(by=roles["guardian"], student=student, hidden=True)


def test_guardian_decides_consent_until_16_then_the_student(family, in_school):
    student, roles = family

    with at(SIXTEENTH - dt.timedelta(days=1)):
        decide_consent(by=roles["guardian"], student=student, purpose="photos", granted=True)
        with pytest.raises(PermissionDenied):
            decide_consent(by=roles["student"], student=student, purpose="photos", granted=False)
    with at(SIXTEENTH):
        with pytest.raises(PermissionDenied):
            decide_consent(by=roles["guardian"], student=student, purpose="photos", granted=False)
        decide_consent(by=roles["student"], student=student, purpose="photos", granted=False)


def test_information_only_guardian_has_no_vote_on_consent(family, in_school):
    student, roles = family

    with at(SIXTEENTH - dt.timedelta(days=30)), pytest.raises(PermissionDenied):
        decide_consent(by=roles["informed"], student=student, purpose="voice", granted=True)


def test_at_16_the_guardians_decision_stands_until_the_student_is_asked_and_decides(family, in_school):
    student, roles = family
    with at(SIXTEENTH - dt.timedelta(days=10)):
        decide_consent(by=roles["guardian"], student=student, purpose="voice", granted=True)
        before = consent_states_for(student)["voice"]

    with at(SIXTEENTH):
        on_birthday = consent_states_for(student)["voice"]
        decide_consent(by=roles["student"], student=student, purpose="voice", granted=False)
        after = consent_states_for(student)["voice"]

    assert (before.granted, before.ask_student) == (True, False)
    assert (on_birthday.granted, on_birthday.ask_student) == (True, True)
    assert (after.granted, after.ask_student, after.allows) == (False, False, False)


def test_withdrawn_consent_is_kept_in_the_history_and_the_newest_counts(family, in_school):
    student, roles = family
    with at(SIXTEENTH - dt.timedelta(days=100)):
        decide_consent(by=roles["guardian"], student=student, purpose="photos", granted=True)
    with at(SIXTEENTH - dt.timedelta(days=50)):
        decide_consent(by=roles["guardian"], student=student, purpose="photos", granted=False)

        state = consent_states_for(student)["photos"]

    assert student.consents.count() == 2
    assert state.granted is False
    assert not state.allows


def test_consent_never_asked_allows_and_an_unknown_purpose_is_refused(family, in_school):
    student, roles = family

    with at(SIXTEENTH - dt.timedelta(days=1)):
        state = consent_states_for(student)["photos"]
        with pytest.raises(ValidationError):
            decide_consent(by=roles["guardian"], student=student, purpose="marketing", granted=True)

    assert state.granted is None
    assert state.allows
