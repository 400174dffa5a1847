"""Reads about internships: the open places a student may choose from, one internship for a role, the
matching page of a group, and the students still without a place. Fixed query counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.common.lookups import one_or_404
from koers.partners.models import (
    AgreementSignature,
    ClassPresentation,
    FeedbackKind,
    Internship,
    InternshipPlace,
    InternshipStatus,
    LogDay,
    Party,
    PlaceWish,
    SupervisorFeedback,
    SupervisorLink,
    Visit,
)
from koers.partners.rules import can_match, can_open_internships
from koers.schools.models import Group, Membership, Role, Student
from koers.schools.queries import mentored_groups, visible_students


def open_places(school_id: int, day: dt.date | None = None) -> QuerySet[InternshipPlace]:
    """Places students may still choose: open, not yet over, with ``taken`` (internships at it)."""
    day = day or timezone.localdate()
    return (
        InternshipPlace.objects.filter(school_id=school_id, open=True, ends_on__gte=day)
        .select_related("partner")
        .annotate(taken=Count("internships", distinct=True))
        .order_by("starts_on", "title")
    )


def get_open_place_for(role: Role, pk: int) -> InternshipPlace:
    return one_or_404(open_places(role.school_id), pk=pk)


def wishes_of(student: Student) -> list[PlaceWish]:
    return list(PlaceWish.objects.filter(student=student).select_related("place__partner").order_by("rank"))


def internships_of(student: Student) -> list[Internship]:
    return list(
        Internship.objects.filter(student=student)
        .select_related("place__partner")
        .order_by("-place__starts_on")
    )


def _internships_for(role: Role) -> QuerySet[Internship]:
    if not can_open_internships(role):
        raise Http404
    return Internship.objects.filter(
        school_id=role.school_id, student__in=visible_students(role)
    ).select_related("student__user", "place__partner")


def get_internship_for(role: Role, pk: int) -> Internship:
    """The internship, for its student, the mentor or counsellor following them, and their guardians;
    anyone else (another student, another school) gets a 404."""
    return one_or_404(_internships_for(role), pk=pk)


def get_log_day_for(role: Role, pk: int) -> LogDay:
    """A day of an internship's log, for whoever may open that internship (others: 404)."""
    entry = one_or_404(LogDay.objects.select_related("internship"), pk=pk, school_id=role.school_id)
    get_internship_for(role, entry.internship_id)
    return entry


def get_supervisor_link_for(role: Role, pk: int) -> SupervisorLink:
    """An internship's supervisor link, for whoever may open that internship (others: 404)."""
    link = one_or_404(
        SupervisorLink.objects.select_related("internship__student"), pk=pk, school_id=role.school_id
    )
    get_internship_for(role, link.internship_id)
    return link


def get_wish_for(role: Role, pk: int) -> PlaceWish:
    """A wish, for its student and the mentor or counsellor following them (guardians: 404)."""
    if not can_open_internships(role) or role.kind == "guardian":
        raise Http404
    return one_or_404(
        PlaceWish.objects.filter(school_id=role.school_id, student__in=visible_students(role)).select_related(
            "student"
        ),
        pk=pk,
    )


def feedback_of(internship: Internship) -> list[SupervisorFeedback]:
    return list(internship.feedback.order_by("given_at"))


# --- matching -------------------------------------------------------------------------------------------


def matchable_groups(role: Role, day: dt.date | None = None) -> QuerySet[Group]:
    """The groups this role matches: a mentor the groups they mentor now, a counsellor every current group."""
    if not can_match(role):
        raise Http404
    day = day or timezone.localdate()
    if role.kind == "mentor":
        return mentored_groups(role, day).select_related("school_year").order_by("name")
    return (
        Group.objects.filter(
            school_id=role.school_id, school_year__starts_on__lte=day, school_year__ends_on__gte=day
        )
        .select_related("school_year")
        .order_by("name")
    )


def get_group_for(role: Role, pk: int) -> Group:
    return one_or_404(matchable_groups(role), pk=pk)


@dataclass
class MatchRow:
    student: Student
    wishes: list[PlaceWish]
    internship: Internship | None
    age: int | None = None

    @property
    def without_place(self) -> bool:
        return self.internship is None


@dataclass
class MatchPage:
    group: Group
    rows: list[MatchRow]
    places: list[InternshipPlace]
    without_place: list[Student] = field(default_factory=list)

    @property
    def proposed(self) -> int:
        return sum(1 for r in self.rows if r.internship and r.internship.status == InternshipStatus.PROPOSED)


def group_students(group: Group, day: dt.date | None = None) -> QuerySet[Student]:
    return Student.objects.filter(
        memberships__in=Membership.objects.current(day).filter(group=group), left_on__isnull=True
    ).distinct()


def match_page(group: Group, day: dt.date | None = None) -> MatchPage:
    """The group's students with their wishes and their internship, and the places with how many are taken:
    four queries whatever the size of the group or the number of places."""
    day = day or timezone.localdate()
    students = list(
        group_students(group, day)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "place_wishes",
                queryset=PlaceWish.objects.select_related("place__partner").order_by("rank"),
                to_attr="wish_list",
            ),
            Prefetch(
                "internships",
                queryset=Internship.objects.filter(place__ends_on__gte=day).select_related("place__partner"),
                to_attr="current_internships",
            ),
        )
        .order_by("user__last_name", "user__first_name")
    )
    rows = []
    for s in students:
        current = s.current_internships
        rows.append(MatchRow(student=s, wishes=s.wish_list, internship=current[0] if current else None))
        rows[-1].age = s.age_on(day)
    places = list(open_places(group.school_id, day))
    return MatchPage(
        group=group,
        rows=rows,
        places=places,
        without_place=[r.student for r in rows if r.internship is None],
    )


def students_without_place(role: Role, day: dt.date | None = None) -> list[tuple[Group, int]]:
    """Per group this role matches: how many current students have no internship (proposed or approved)
    for a place that is not over yet. Two queries."""
    day = day or timezone.localdate()
    groups = list(matchable_groups(role, day))
    if not groups:
        return []
    placed = Internship.objects.filter(place__ends_on__gte=day).values("student_id")
    counts = dict(
        Membership.objects.current(day)
        .filter(group__in=groups, student__left_on__isnull=True)
        .exclude(student_id__in=placed)
        .values("group_id")
        .annotate(n=Count("student_id", distinct=True))
        .values_list("group_id", "n")
    )
    return [(g, counts.get(g.pk, 0)) for g in groups]


@dataclass
class InternshipPage:
    log: list[LogDay]
    visits: list[Visit]
    signatures: list[AgreementSignature]
    feedback: list[SupervisorFeedback]
    links: list[SupervisorLink]
    presentation: ClassPresentation | None

    @property
    def hours(self) -> Decimal:
        return sum((d.hours for d in self.log), Decimal(0))

    @property
    def final(self) -> SupervisorFeedback | None:
        return next((f for f in reversed(self.feedback) if f.kind == FeedbackKind.FINAL), None)


def internship_page(internship: Internship) -> InternshipPage:
    """Everything on an internship's page: six queries whatever the length of the log."""
    return InternshipPage(
        log=list(internship.log.order_by("day")),
        visits=list(internship.visits.order_by("on")),
        signatures=list(internship.signatures.order_by("party")),
        feedback=list(internship.feedback.order_by("given_at")),
        links=list(internship.links.annotate(use_count=Count("uses")).order_by("-created_at")),
        presentation=ClassPresentation.objects.filter(internship=internship).first(),
    )


# --- for the family --------------------------------------------------------------------------------------


@dataclass
class ChildInternship:
    """An approved internship as the guardian home shows it: where, when, the supervisor, and which of the
    four parties agreed to the agreement."""

    internship: Internship
    agreed: list[str]
    waiting: list[str]

    @property
    def place(self) -> InternshipPlace:
        return self.internship.place


def approved_internships(student: Student, since: dt.date | None = None) -> QuerySet[Internship]:
    """The student's approved internships, those ending on or after ``since`` when given, first first."""
    found = Internship.objects.filter(student=student, status=InternshipStatus.APPROVED)
    if since is not None:
        found = found.filter(place__ends_on__gte=since)
    return found.select_related("place__partner").order_by("place__starts_on", "pk")


def child_internships(student: Student, day: dt.date | None = None) -> list[ChildInternship]:
    """The child's approved internships that are going on or still to come, with the agreement's state: two
    queries whatever their number."""
    day = day or timezone.localdate()
    internships = approved_internships(student, since=day).prefetch_related(
        Prefetch("signatures", queryset=AgreementSignature.objects.order_by("party"), to_attr="signed")
    )
    rows = []
    for internship in internships:
        done = {s.party for s in internship.signed}
        rows.append(
            ChildInternship(
                internship=internship,
                agreed=[str(label) for value, label in Party.choices if value in done],
                waiting=[str(label) for value, label in Party.choices if value not in done],
            )
        )
    return rows
