"""Reads for guardians: the home assignments given to their child, with the guardian's own answer.

Home assignments are part of the programme, not of the dossier: every linked guardian sees them, with or
without parental authority. Fixed number of queries whatever the number of assignments."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.programme.models import Audience, GivenAssignment, GuardianAnswer
from koers.programme.rules import can_answer_at_home
from koers.schools.models import Guardianship, Membership, Role, Student, User


def own_child(role: Role, student_pk: int) -> Guardianship:
    """The guardian's link to this child at this school; anyone else's child is a 404."""
    if not can_answer_at_home(role):
        raise Http404
    found = (
        Guardianship.objects.filter(
            guardian_id=role.user_id, student_id=student_pk, student__school_id=role.school_id
        )
        .select_related("student__user")
        .first()
    )
    if found is None:
        raise Http404
    return found


def home_assignments(
    student: Student, guardian: User | int, day: dt.date | None = None
) -> QuerySet[GivenAssignment]:
    """Home assignments given to the child's current groups, with ``my_answers`` (this guardian's answer,
    at most one) prefetched. Two queries when evaluated."""
    day = day or timezone.localdate()
    guardian_id = guardian if isinstance(guardian, int) else guardian.pk
    in_my_groups = Membership.objects.current(day).filter(
        student_id=student.pk,
        group_id__in=GivenAssignment.groups.through.objects.filter(
            givenassignment_id=OuterRef(OuterRef("pk"))
        ).values("group_id"),
    )
    return (
        GivenAssignment.objects.filter(school_id=student.school_id, assignment__audience=Audience.HOME)
        .filter(Exists(in_my_groups))
        .select_related("assignment")
        .prefetch_related(
            Prefetch(
                "guardian_answers",
                queryset=GuardianAnswer.objects.filter(student_id=student.pk, guardian_id=guardian_id),
                to_attr="my_answers",
            )
        )
        .order_by("due_on", "pk")
    )


def get_home_assignment_for(role: Role, student: Student, given_pk: int) -> GivenAssignment:
    found = home_assignments(student, role.user_id).filter(pk=given_pk).first()
    if found is None:
        raise Http404
    return found
