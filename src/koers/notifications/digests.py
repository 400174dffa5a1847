"""The weekly overviews for staff (Dutch and English only, like every staff screen)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from koers.notifications.registry import Params, day_text, notification_kind


def _counts(p: Params) -> str:
    return _(
        "%(overdue)s actiepunten over tijd, %(due)s leerlingen nog zonder gesprek in deze ronde, "
        "%(quiet)s leerlingen zonder nieuwe ervaring in %(weeks)s weken."
    ) % {"overdue": p["overdue"], "due": p["due"], "quiet": p["quiet"], "weeks": p["weeks"]}


@notification_kind("weekly_groups", link=lambda p: reverse("home:mentor"))
def weekly_groups(p: Params) -> str:
    return _("Weekoverzicht van je groepen: %(counts)s") % {"counts": _counts(p)}


@notification_kind("weekly_school", link=lambda p: reverse("home:counsellor"))
def weekly_school(p: Params) -> str:
    return _("Weekoverzicht van de school: %(counts)s") % {"counts": _counts(p)}


@notification_kind("action_helper", link=lambda p: reverse("dossier:action", kwargs={"pk": p["action"]}))
def action_helper(p: Params) -> str:
    return _("%(student)s koos jou bij een actiepunt: “%(what)s” (klaar op %(day)s).") % {
        "student": p["student"],
        "what": p["what"],
        "day": day_text(p["due"]),
    }
