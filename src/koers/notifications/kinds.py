"""What students and guardians are told (family texts: translated into every family language)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from koers.notifications.registry import Params, day_text, local_text, notification_kind


@notification_kind(
    "conversation_prepare", link=lambda p: reverse("conversations:prepare", kwargs={"pk": p["conversation"]})
)
def conversation_prepare(p: Params) -> str:
    return _("Over twee dagen: %(type)s, %(day)s. Bereid je nu voor: waar wil je over praten?") % {
        "type": local_text(p["type"]),
        "day": day_text(p["at"]),
    }


@notification_kind(
    "conversation_invited", link=lambda p: reverse("conversations:detail", kwargs={"pk": p["conversation"]})
)
def conversation_invited(p: Params) -> str:
    return _("Je bent uitgenodigd voor een driegesprek over %(child)s: %(type)s, %(day)s.") % {
        "child": p["child"],
        "type": local_text(p["type"]),
        "day": day_text(p["at"]),
    }


@notification_kind("action_overdue", link=lambda p: reverse("dossier:action", kwargs={"pk": p["action"]}))
def action_overdue(p: Params) -> str:
    return _("Je actiepunt “%(what)s” moest af zijn op %(day)s. Is het gelukt? Zet het op gedaan.") % {
        "what": p["what"],
        "day": day_text(p["due"]),
    }


@notification_kind(
    "home_assignment",
    link=lambda p: reverse(
        "programme:guardian_answer", kwargs={"student_pk": p["student"], "pk": p["given"]}
    ),
)
def home_assignment(p: Params) -> str:
    return _("Nieuwe opdracht voor thuis, samen met %(child)s: %(title)s (klaar op %(day)s).") % {
        "child": p["child"],
        "title": local_text(p["title"]),
        "day": day_text(p["due"]),
    }


@notification_kind(
    "action_helper_guardian", link=lambda p: reverse("dossier:action", kwargs={"pk": p["action"]})
)
def action_helper_guardian(p: Params) -> str:
    return _("%(child)s vraagt u te helpen bij een actiepunt: “%(what)s” (klaar op %(day)s).") % {
        "child": p["student"],
        "what": p["what"],
        "day": day_text(p["due"]),
    }
