"""Reads about choice moments and choices, each page in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.access.rules import is_counsellor, is_mentor, leads_group
from koers.choices.models import (
    Choice,
    ChoiceMoment,
    ChoiceStance,
    Confirmation,
    Confirmer,
    Module,
    RouteStep,
)
from koers.choices.queries.links import interest_field_names, label_links, needs_field_names, with_links
from koers.choices.rules import can_follow_choices, can_plan_choices
from koers.common.lookups import one_or_404
from koers.conversations.models import Conversation
from koers.dossier.models import Action, Experience
from koers.schools.family_rules import decides_for_self
from koers.schools.models import Group, Membership, Role, SchoolYear, Student
from koers.schools.queries import current_group_of, mentored_groups, visible_students


def current_year(role: Role, day: dt.date | None = None) -> SchoolYear | None:
    day = day or timezone.localdate()
    years = SchoolYear.objects.filter(school_id=role.school_id).order_by("-starts_on")
    return years.filter(starts_on__lte=day, ends_on__gte=day).first() or years.first()


def get_moment_for(role: Role, pk: int) -> ChoiceMoment:
    if not can_plan_choices(role):
        raise Http404
    return one_or_404(ChoiceMoment.objects.select_related("school_year"), pk=pk, school_id=role.school_id)


def get_module_for(role: Role, pk: int) -> Module:
    if not can_plan_choices(role):
        raise Http404
    return one_or_404(
        Module.objects.select_related("teacher", "school_year", "presentation"),
        pk=pk,
        school_id=role.school_id,
    )


def get_choice_for(role: Role, pk: int) -> Choice:
    """A choice of a student this role may open (the student, their mentors, the counsellor, a guardian)."""
    return one_or_404(
        Choice.objects.select_related("moment", "student__user").filter(student__in=visible_students(role)),
        pk=pk,
    )


def moments_for_student(student: Student, group: Group | None) -> QuerySet[ChoiceMoment]:
    if group is None:
        return ChoiceMoment.objects.none()
    return ChoiceMoment.objects.filter(
        school_id=student.school_id,
        school_year_id=group.school_year_id,
        track=group.track,
        year_level=group.year_level,
    ).order_by("closes_on", "pk")


@dataclass
class MomentLine:
    moment: ChoiceMoment
    choice: Choice | None
    needed: list[str]
    confirmed: list[str]
    late: bool

    @property
    def complete(self) -> bool:
        return self.choice is not None and not self.missing

    @property
    def missing(self) -> list[str]:
        return [kind for kind in self.needed if kind not in self.confirmed]

    @property
    def confirmed_labels(self) -> list[str]:
        return [str(Confirmer(kind).label) for kind in self.confirmed]

    @property
    def missing_labels(self) -> list[str]:
        return [str(Confirmer(kind).label) for kind in self.missing]


def confirmers_needed(moment: ChoiceMoment, student: Student, day: dt.date | None = None) -> list[str]:
    needed = []
    if moment.mentor_confirms:
        needed.append(Confirmer.MENTOR.value)
    if moment.guardian_confirms and not decides_for_self(student, day):
        needed.append(Confirmer.GUARDIAN.value)
    if moment.counsellor_confirms:
        needed.append(Confirmer.COUNSELLOR.value)
    return needed


def may_still_confirm(role: Role, line: MomentLine) -> bool:
    """Whether guide mode offers this mentor or counsellor to confirm the line's choice: a confirmation is
    still missing and it is not the one they already gave (the guardian's is the guardian's to give)."""
    if line.choice is None or not line.missing:
        return False
    if is_mentor(role):
        return Confirmer.MENTOR.value in line.missing
    # A counsellor may confirm any choice (choosing.confirm_choice), once.
    return is_counsellor(role) and Confirmer.COUNSELLOR.value not in line.confirmed


def student_choices(
    student: Student, day: dt.date | None = None, *, shared_only: bool = False
) -> list[MomentLine]:
    """The student's moments with their choice, confirmations and what the argument links to: three queries
    (group, moments, choices), then with choices nine prefetches and, when a test result is linked, the
    interest fields' names. ``shared_only``: a guardian's view (only dossier items shared with guardians)."""
    day = day or timezone.localdate()
    group = current_group_of(student, day)
    moments = list(moments_for_student(student, group))
    # The agreements are dossier action points: a guardian reads only those the student shares.
    agreed = Action.objects.filter(shared_with_guardians=True) if shared_only else Action.objects.all()
    found = list(
        with_links(
            Choice.objects.filter(student=student, moment__in=[m.pk for m in moments])
            .select_related("programme")
            .prefetch_related(
                Prefetch("confirmations", queryset=Confirmation.objects.all()),
                Prefetch("agreed_actions", queryset=agreed.order_by("due_on", "pk")),
                Prefetch(
                    "route_steps",
                    queryset=RouteStep.objects.select_related("unit", "deepening", "broaden_with"),
                ),
            ),
            shared_only=shared_only,
        )
    )
    label_links(found, interest_field_names() if needs_field_names(found) else {})
    choices = {c.moment_id: c for c in found}
    lines = []
    for moment in moments:
        choice = choices.get(moment.pk)
        confirmed = [c.confirmer for c in choice.confirmations.all()] if choice else []
        lines.append(
            MomentLine(
                moment=moment,
                choice=choice,
                needed=confirmers_needed(moment, student, day),
                confirmed=confirmed,
                late=choice is None and moment.closes_on < day,
            )
        )
    return lines


@dataclass
class StudentRow:
    student: Student
    stance: ChoiceStance | None
    cells: dict[int, MomentLine] = field(default_factory=dict)


@dataclass
class Overview:
    moments: list[ChoiceMoment]
    rows: list[StudentRow]

    def cells(self) -> list[tuple[StudentRow, list[MomentLine | None]]]:
        return [(row, [row.cells.get(m.pk) for m in self.moments]) for row in self.rows]

    def counts(self) -> list[dict[str, int]]:
        figures = []
        for m in self.moments:
            lines = [row.cells[m.pk] for row in self.rows if m.pk in row.cells]
            figures.append(
                {
                    "chosen": sum(1 for line in lines if line.choice),
                    "argued": sum(1 for line in lines if line.choice and line.choice.is_argued),
                    "confirmed": sum(1 for line in lines if line.complete),
                    "late": sum(1 for line in lines if line.late),
                    "students": len(lines),
                }
            )
        return figures


def overview(role: Role, students: QuerySet[Student], day: dt.date | None = None) -> Overview:
    """Students x their moments (the moments of their own group's track and year level): four queries
    (memberships with students and groups, moments, choices with confirmations, stances)."""
    if not can_follow_choices(role):
        raise Http404
    day = day or timezone.localdate()
    memberships = list(
        Membership.objects.current(day)
        .filter(student__in=students)
        .select_related("student__user", "group")
        .order_by("group__name", "student__user__last_name", "student__user__first_name", "pk")
    )
    seen: dict[int, Membership] = {}
    for membership in memberships:
        seen.setdefault(membership.student_id, membership)
    kinds = {(m.group.school_year_id, m.group.track, m.group.year_level) for m in seen.values()}
    moments = [
        moment
        for moment in ChoiceMoment.objects.filter(school_id=role.school_id).order_by("closes_on", "pk")
        if (moment.school_year_id, moment.track, moment.year_level) in kinds
    ]
    choices = (
        Choice.objects.filter(moment__in=[m.pk for m in moments], student_id__in=list(seen))
        .prefetch_related("confirmations")
        .only("pk", "moment_id", "student_id", "why", "chosen", "application")
    )
    by_pair = {(c.student_id, c.moment_id): c for c in choices}
    stances = {s.student_id: s for s in ChoiceStance.objects.filter(student_id__in=list(seen))}
    rows = []
    for membership in seen.values():
        student = membership.student
        row = StudentRow(student=student, stance=stances.get(student.pk))
        group = membership.group
        for moment in moments:
            if (moment.school_year_id, moment.track, moment.year_level) != (
                group.school_year_id,
                group.track,
                group.year_level,
            ):
                continue
            choice = by_pair.get((student.pk, moment.pk))
            row.cells[moment.pk] = MomentLine(
                moment=moment,
                choice=choice,
                needed=confirmers_needed(moment, student, day),
                confirmed=[c.confirmer for c in choice.confirmations.all()] if choice else [],
                late=choice is None and moment.closes_on < day,
            )
        rows.append(row)
    return Overview(moments=moments, rows=rows)


def group_students(role: Role, group: Group) -> QuerySet[Student]:
    return visible_students(role).filter(memberships__group=group).distinct()


def school_moments(role: Role) -> list[ChoiceMoment]:
    return list(ChoiceMoment.objects.filter(school_id=role.school_id).select_related("school_year"))


def stance_of(student: Student) -> ChoiceStance | None:
    return ChoiceStance.objects.filter(student=student).first()


def experiences_of(student: Student) -> QuerySet[Experience]:
    return Experience.objects.filter(student=student).order_by("-happened_on", "-pk")


def conversations_of(student: Student) -> QuerySet[Conversation]:
    return Conversation.objects.filter(student=student).select_related("type").order_by("-pk")


def get_group_for(role: Role, pk: int) -> Group:
    group = one_or_404(Group.objects.select_related("school_year"), pk=pk, school_id=role.school_id)
    if not leads_group(role, group):
        raise Http404
    return group


def groups_followed(role: Role) -> list[Group]:
    if is_counsellor(role):
        year = current_year(role)
        return list(Group.objects.filter(school_year=year).order_by("name")) if year else []
    return list(mentored_groups(role).order_by("name"))


def get_student_moment_for(role: Role, student: Student, moment_pk: int) -> MomentLine:
    line = next((line for line in student_choices(student) if line.moment.pk == moment_pk), None)
    if line is None:
        raise Http404
    return line
