"""What students and guardians are told about internships (family texts)."""

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
