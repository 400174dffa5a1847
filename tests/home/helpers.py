"""Builders for landing-page tests: classes of any size with a little of everything in each dossier."""

import datetime as dt

from django.utils import timezone

from koers.schools.models import Group, Student
from tests import factories as f


def days_ago(n: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


def fill_dossier(student: Student, *, added_days_ago: int = 3) -> None:
    """One experience with a reflection, one open and one overdue action, one compliment."""
    experience = f.ExperienceFactory(student=student, created_at=days_ago(added_days_ago))
    f.ReflectionFactory(experience=experience, created_at=days_ago(added_days_ago))
    f.ActionFactory(student=student)
    f.ActionFactory(student=student, due_on=timezone.localdate() - dt.timedelta(days=2))
    f.ComplimentFactory(student=student)


def add_students(group: Group, n: int, *, filled: bool = True) -> list[Student]:
    students = []
    for _ in range(n):
        student = f.StudentFactory(school=group.school)
        f.MembershipFactory(student=student, group=group)
        if filled:
            fill_dossier(student)
        students.append(student)
    return students
