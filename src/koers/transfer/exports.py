"""Reads behind the school's CSV downloads: each returns every row of one file in one query.

The files are written by ``common.csv_export``, which neutralises anything a spreadsheet would run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import DateField, F, Func, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.access.models import AuditEntry
from koers.conversations.models import Conversation
from koers.dossier.models import Action, ActionStatus, Compliment, Experience, Reflection
from koers.schools.models import Membership, School, Student


class _Count(Func):
    function = "COUNT"
    template = "COUNT(*)"
    output_field = IntegerField()


def _count(queryset: QuerySet[Any]) -> Coalesce:
    counted = queryset.order_by().annotate(_n=_Count()).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _group_name(day: dt.date) -> Subquery:
    return Subquery(
        Membership.objects.current(day)
        .filter(student_id=OuterRef("pk"))
        .filter(group__school_year__starts_on__lte=day, group__school_year__ends_on__gte=day)
        .order_by("-starts_on", "-pk")
        .values("group__name")[:1]
    )


STUDENT_ACTIVITY_HEADER = (
    _("Leerlingnummer"),
    _("Voornaam"),
    _("Achternaam"),
    _("Groep"),
    _("Ervaringen"),
    _("Reflecties"),
    _("Open actiepunten"),
    _("Complimenten"),
    _("Loopbaangesprekken"),
    _("Laatste ervaring"),
)


def student_activity(school: School, *, day: dt.date | None = None) -> QuerySet[Student]:
    """Every student at school now, with how much their dossier holds; for the counsellor's overview."""
    day = day or timezone.localdate()
    student = OuterRef("pk")
    experiences = Experience.objects.filter(student_id=student)
    return (
        Student.objects.filter(school_id=school.pk, left_on__isnull=True)
        .select_related("user")
        .annotate(
            group_name=_group_name(day),
            n_experiences=_count(experiences),
            n_reflections=_count(Reflection.objects.filter(student_id=student)),
            n_open_actions=_count(Action.objects.filter(student_id=student, status=ActionStatus.OPEN)),
            n_compliments=_count(Compliment.objects.filter(student_id=student)),
            n_conversations=_count(Conversation.objects.filter(student_id=student)),
            last_experience_on=Subquery(
                experiences.order_by().annotate(_m=Func(F("happened_on"), function="MAX")).values("_m"),
                output_field=DateField(),
            ),
        )
        .order_by("group_name", "user__last_name", "user__first_name", "pk")
    )


def student_activity_rows(school: School, *, day: dt.date | None = None) -> Iterator[tuple[Any, ...]]:
    for s in student_activity(school, day=day):
        yield (
            s.number,
            s.user.first_name,
            s.user.last_name,
            s.group_name or "",  # type: ignore[attr-defined]
            s.n_experiences,  # type: ignore[attr-defined]
            s.n_reflections,  # type: ignore[attr-defined]
            s.n_open_actions,  # type: ignore[attr-defined]
            s.n_compliments,  # type: ignore[attr-defined]
            s.n_conversations,  # type: ignore[attr-defined]
            s.last_experience_on,  # type: ignore[attr-defined]
        )


ACCESS_LOG_HEADER = (_("Wanneer"), _("Wie"), _("Rol"), _("Wat"), _("Onderwerp"))


def access_log_rows(student: Student) -> Iterator[tuple[Any, ...]]:
    """The whole access log of one student, oldest first (for a request for access or a complaint)."""
    entries = AuditEntry.objects.filter(student_id=student.pk).select_related("actor").order_by("at", "pk")
    for entry in entries:
        yield (
            entry.at,
            str(entry.actor),
            entry.get_actor_role_display(),
            entry.get_action_display(),
            entry.subject,
        )
