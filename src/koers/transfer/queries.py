"""Reads for taking the dossier along, for requests for access and for retention; each in a fixed number of
queries."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.access.rules import is_guardian, is_student
from koers.choices.models import Choice, RouteStep
from koers.choices.queries.links import interest_field_names, label_links, needs_field_names, with_links
from koers.choices.queries.moments import confirmers_needed
from koers.common.lookups import one_or_404
from koers.dossier.models import (
    Action,
    Ambition,
    AmbitionStep,
    Evidence,
    Experience,
    Reflection,
    StudentTrait,
)
from koers.dossier.models import ReflectionAnswer as Answer
from koers.schools.models import Role, School, Student
from koers.transfer.models import AccessRequest, RemovalReport, TransferExport, TransferImport
from koers.transfer.rules import age_allows, may_request_for

# The kinds of item a student can take along, in the order they are shown and written.
KINDS = ("experiences", "evidence", "reflections", "traits", "ambitions", "actions", "choices")
# What reading a transfer file writes into the new school's dossier: choices are only read by people.
READ_BACK = tuple(kind for kind in KINDS if kind != "choices")


@dataclass
class Items:
    """A student's items by kind; evidence and reflections also hang under their experience."""

    experiences: list[Experience] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    traits: list[StudentTrait] = field(default_factory=list)
    ambitions: list[Ambition] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)

    def pks(self) -> dict[str, set[int]]:
        return {kind: {item.pk for item in getattr(self, kind)} for kind in KINDS}

    def count(self) -> int:
        return sum(len(getattr(self, kind)) for kind in KINDS)


def items_of(student: Student, selection: dict[str, Any] | None = None) -> Items:
    """The student's own items (all of them, or only the pks in ``selection``): six queries plus prefetches.

    Filtering on ``student`` first means a pk of someone else's item can never come back.
    """

    def only_chosen(queryset: QuerySet, kind: str) -> QuerySet:
        if selection is None:
            return queryset
        wanted = [pk for pk in selection.get(kind, []) if isinstance(pk, int)]
        return queryset.filter(pk__in=wanted)

    evidence = only_chosen(Evidence.objects.filter(student=student).order_by("created_at", "pk"), "evidence")
    experiences = only_chosen(Experience.objects.filter(student=student), "experiences")
    reflections = only_chosen(
        Reflection.objects.filter(student=student)
        .select_related("experience")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("prompt"))),
        "reflections",
    )
    traits = only_chosen(StudentTrait.objects.filter(student=student).select_related("trait"), "traits")
    ambitions = only_chosen(
        Ambition.objects.filter(student=student).prefetch_related(
            Prefetch("steps", queryset=AmbitionStep.objects.order_by("order", "pk"))
        ),
        "ambitions",
    )
    actions = only_chosen(Action.objects.filter(student=student), "actions")
    # Confirmed choices (choices): every confirmation their moment asks for is given, as on the LOB-lijn.
    choices = only_chosen(
        with_links(Choice.objects.filter(student=student, confirmations__isnull=False))
        .distinct()
        .select_related("moment", "programme", "vocational_programme")
        .prefetch_related(
            "confirmations",
            Prefetch(
                "route_steps", queryset=RouteStep.objects.select_related("unit", "deepening", "broaden_with")
            ),
        )
        .order_by("moment__closes_on", "pk"),
        "choices",
    )
    confirmed = [
        c
        for c in choices
        if set(confirmers_needed(c.moment, student)) <= {x.confirmer for x in c.confirmations.all()}
    ]
    label_links(confirmed, interest_field_names() if needs_field_names(confirmed) else {})
    return Items(
        experiences=list(experiences),
        evidence=list(evidence),
        reflections=list(reflections),
        traits=list(traits),
        ambitions=list(ambitions),
        actions=list(actions),
        choices=confirmed,
    )


def exports_of(student: Student) -> list[TransferExport]:
    return list(TransferExport.objects.filter(student=student).order_by("-created_at"))


def get_export_for(student: Student, pk: int) -> TransferExport:
    """One of the student's own transfer exports; anything else is a 404."""
    return one_or_404(TransferExport.objects.all(), student=student, pk=pk)


def enrolled_students(day: dt.date | None = None) -> QuerySet[Student]:
    """Students enrolled at the active school on ``day``: joined, and not (yet) left."""
    day = day or timezone.localdate()
    return (
        Student.objects.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def imports_of_school(limit: int = 50) -> list[TransferImport]:
    return list(
        TransferImport.objects.select_related("student__user", "imported_by").order_by("-imported_at")[:limit]
    )


# --- requests for access ---


def requestable_students(role: Role, day: dt.date | None = None) -> list[Student]:
    """The students this role may ask Koers's data of (two queries at most)."""
    day = day or timezone.localdate()
    if is_student(role):
        candidates = Student.objects.filter(user_id=role.user_id)
    elif is_guardian(role):
        candidates = Student.objects.filter(
            guardianships__guardian_id=role.user_id, guardianships__has_authority=True
        )
    else:
        return []
    students = list(candidates.select_related("user").order_by("user__first_name", "pk"))
    allowed = []
    for student in students:
        if age_allows(role.kind, student, day):
            allowed.append(student)
    return allowed


def requests_by(role: Role) -> list[AccessRequest]:
    return list(
        AccessRequest.objects.filter(requested_by_id=role.user_id)
        .select_related("student__user")
        .order_by("-requested_on", "-pk")
    )


def get_request_for(role: Role, pk: int) -> AccessRequest:
    """A request its requester may still download: only while the requester may still ask for that student;
    anything else is a 404."""
    request = (
        AccessRequest.objects.filter(pk=pk, requested_by_id=role.user_id).select_related("student").first()
    )
    if request is None or not may_request_for(role, request.student):
        raise Http404
    return request


def get_school_request_for(role: Role, pk: int) -> AccessRequest:
    """A request to the role's school, for those who handle requests; anything else is a 404."""
    return one_or_404(AccessRequest.objects.all(), pk=pk, school_id=role.school_id)


def get_left_student_for(role: Role, pk: int) -> Student:
    """A student of the role's school who has left (only their retention is the admin's business)."""
    return one_or_404(Student.objects.select_related("user"), pk=pk, left_on__isnull=False)


def school_requests() -> list[AccessRequest]:
    """Every request of the active school, open ones first by deadline (one query)."""
    return list(
        AccessRequest.objects.select_related("student__user", "requested_by").order_by(
            F("fulfilled_at").asc(nulls_first=True), "due_on", "pk"
        )
    )


def get_removal_report_for(role: Role, pk: int) -> RemovalReport:
    """A removal report of the role's school, with who ran it; anything else is a 404."""
    return one_or_404(RemovalReport.objects.select_related("ran_by"), pk=pk, school_id=role.school_id)


# --- retention: when a student who left is removed, who is due soon, what past runs removed --------------

# How far ahead the admin's page looks for students whose removal is coming.
DUE_SOON_DAYS = 92
DUE_SOON_LIMIT = 200
REPORTS_SHOWN = 20


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` moved back ``months`` calendar months (the 31st becomes the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: dt.date, months: int) -> dt.date:
    return months_before(day, -months)


def removal_date(student: Student, retention_months: int) -> dt.date | None:
    """The first day on which the student may be removed, or None while they are still at school."""
    if student.left_on is None:
        return None
    due = months_after(student.left_on, retention_months) + dt.timedelta(days=1)
    if student.keep_until is not None:
        due = max(due, student.keep_until + dt.timedelta(days=1))
    return due


def due_for_removal(school: School, *, today: dt.date | None = None) -> QuerySet[Student]:
    """Students of ``school`` who left more than the retention period ago and are not kept longer."""
    today = today or timezone.localdate()
    cutoff = months_before(today, school.retention_months)
    return (
        Student.objects.filter(school_id=school.pk, left_on__isnull=False, left_on__lt=cutoff)
        .filter(Q(keep_until__isnull=True) | Q(keep_until__lt=today))
        .select_related("user")
        .order_by("left_on", "pk")
    )


@dataclass
class DueStudent:
    student: Student
    removed_on: dt.date
    overdue: bool


def due_soon(school: School, *, today: dt.date | None = None) -> list[DueStudent]:
    """Students whose removal falls within ``DUE_SOON_DAYS`` (or has passed), soonest first. One query."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    students = list(due_for_removal(school, today=horizon)[:DUE_SOON_LIMIT])
    found = []
    for student in students:
        when = removal_date(student, school.retention_months)
        assert when is not None
        found.append(DueStudent(student=student, removed_on=when, overdue=when <= today))
    return sorted(found, key=lambda d: (d.removed_on, d.student.pk))


def recent_reports(school: School) -> list[RemovalReport]:
    return list(RemovalReport.objects.filter(school_id=school.pk).order_by("-ran_at")[:REPORTS_SHOWN])


def kind_label(label: str) -> str:
    """A readable, translated name for a report's count key (``app.model`` or ``accounts``)."""
    try:
        return str(apps.get_model(label)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return label
