"""Who may open which student's dossier: one rule set, answered with 404 for everyone else."""

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.schools.models import Role, RoleKind
from koers.schools.queries import get_student_for, visible_students
from tests import factories as f


def role_of(world, persona: str) -> Role:
    with scopes_disabled():
        return Role.objects.filter(user=world.users[persona]).select_related("school").get()


def visible_names(world, persona: str) -> set[str]:
    role = role_of(world, persona)
    with scopes_disabled():
        return {s.user.username for s in visible_students(role).select_related("user")}


def test_student_sees_only_themself(world):
    assert visible_names(world, "student") == {"student"}


def test_mentor_sees_students_of_the_mentored_group(world):
    assert visible_names(world, "mentor") == {"student", "classmate"}


def test_mentor_no_longer_sees_a_student_whose_membership_ended(world):
    with scopes_disabled():
        membership = world.classmate.memberships.get()
        membership.ends_on = timezone.localdate() - dt.timedelta(days=1)
        membership.save()
    assert visible_names(world, "mentor") == {"student"}


def test_mentor_does_not_see_a_student_who_joins_later(world):
    with scopes_disabled():
        newcomer = f.StudentFactory(school=world.school, user__username="newcomer")
        f.MembershipFactory(
            student=newcomer, group=world.group, starts_on=timezone.localdate() + dt.timedelta(days=3)
        )
    assert "newcomer" not in visible_names(world, "mentor")


def test_mentor_sees_an_individually_mentored_student_of_another_group(world):
    with scopes_disabled():
        loner = f.StudentFactory(school=world.school, user__username="loner")
        f.MentorshipFactory(group=None, student=loner, school=world.school, mentor=world.users["mentor"])
    assert "loner" in visible_names(world, "mentor")


def test_counsellor_sees_every_student_of_the_school_and_none_of_another(world):
    assert visible_names(world, "counsellor") == {"student", "classmate"}
    assert visible_names(world, "outsider") == {"other_student"}


def test_guardian_sees_only_their_own_child(world):
    assert visible_names(world, "guardian") == {"student"}


@pytest.mark.parametrize("persona", ["teacher", "leader", "admin"])
def test_roles_without_dossier_access_see_no_student(world, persona):
    assert visible_names(world, persona) == set()


def test_lookup_of_another_schools_student_is_not_found(world):
    with scopes_disabled(), pytest.raises(Http404):
        get_student_for(role_of(world, "outsider"), world.student.pk)


def test_lookup_of_a_classmate_by_a_student_is_not_found(world):
    with scopes_disabled(), pytest.raises(Http404):
        get_student_for(role_of(world, "student"), world.classmate.pk)


def test_student_age_counts_the_birthday_itself():
    student = f.StudentFactory.build(date_of_birth=dt.date(2010, 3, 15))
    assert student.age_on(dt.date(2026, 3, 14)) == 15
    assert student.age_on(dt.date(2026, 3, 15)) == 16


def test_role_kinds_cover_the_seven_roles():
    assert {k.value for k in RoleKind} == {
        "student",
        "mentor",
        "counsellor",
        "teacher",
        "guardian",
        "leader",
        "admin",
    }
