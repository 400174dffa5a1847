"""What students, guardians and staff are told about internships: approvals (family texts) and reminders."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from koers.notifications.registry import Params, day_text, notification_kind


@notification_kind(
    "internship_approved", link=lambda p: reverse("partners:internship", kwargs={"pk": p["internship"]})
)
def internship_approved(p: Params) -> str:
    return _("Je stageplek is rond: %(partner)s, vanaf %(day)s.") % {
        "partner": p["partner"],
        "day": day_text(p["day"]),
    }


@notification_kind(
    "internship_approved_guardian",
    link=lambda p: reverse("partners:internship", kwargs={"pk": p["internship"]}),
)
def internship_approved_guardian(p: Params) -> str:
    return _("%(child)s heeft een stageplek: %(partner)s, vanaf %(day)s.") % {
        "child": p["child"],
        "partner": p["partner"],
        "day": day_text(p["day"]),
    }


# --- reminders (partners/reminders.py) ---


@notification_kind(
    "internship_log_missing", link=lambda p: reverse("partners:internship", kwargs={"pk": p["internship"]})
)
def internship_log_missing(p: Params) -> str:
    return _(
        "Je hebt deze week nog niets in je stagelogboek gezet (%(partner)s). Schrijf kort op wat je deed."
    ) % {"partner": p["partner"]}
