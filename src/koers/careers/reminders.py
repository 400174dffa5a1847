"""Reminders of careers (registered with notifications' ``@reminder``, found by its autodiscovery): the day
after an open day the student said they would go to, they are asked (once) how it was, while they still
remember; a visit already reflected on is left alone."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.careers.models import OpenDayVisit
from koers.notifications.queries import roles_by_user
from koers.notifications.registry import New, Params, notification_kind, reminder
from koers.schools.models import RoleKind, School

# Asked from the day after the open day; a visit older than this is no longer asked about.
ASK_WITHIN_DAYS = 14


@notification_kind(
    "open_day_reflect", link=lambda p: reverse("careers:visit_reflect", kwargs={"pk": p["visit"]})
)
def open_day_reflect(p: Params) -> str:
    return _("Je ging naar de open dag van %(institution)s. Hoe was het? Schrijf kort op wat je zag.") % {
        "institution": p["institution"]
    }


@reminder("open_day_reflect", cadence="daily")
def remind_reflect(school: School, now: dt.datetime) -> list[New]:
    today = timezone.localtime(now).date()
    visits = list(
        OpenDayVisit.objects.filter(
            school=school,
            reflection="",
            open_day__date__lt=today,
            open_day__date__gte=today - dt.timedelta(days=ASK_WITHIN_DAYS),
            student__left_on__isnull=True,
        ).values_list("pk", "student__user_id", "open_day__institution")
    )
    roles = roles_by_user(school, RoleKind.STUDENT, [user for _pk, user, _name in visits])
    return [
        New(
            role_id=roles[user],
            kind="open_day_reflect",
            params={"visit": pk, "institution": institution},
            key=f"open-day-reflect:{pk}",
        )
        for pk, user, institution in visits
        if user in roles
    ]
