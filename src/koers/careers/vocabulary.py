"""The words of the careers area that students and guardians read: kinds and levels of programmes, routes,
prospects, kinds of open days (a family source: translated into every family language)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ProgrammeKind(models.TextChoices):
    MBO = "mbo", gettext_lazy("mbo")
    HBO = "hbo", gettext_lazy("hbo")
    WO = "wo", gettext_lazy("wo")


class Route(models.TextChoices):
    BOL = "bol", gettext_lazy("bol (vooral op school)")
    BBL = "bbl", gettext_lazy("bbl (werken en leren)")


class Outlook(models.TextChoices):
    GOOD = "good", gettext_lazy("goede kansen op werk")
    FAIR = "fair", gettext_lazy("redelijke kansen op werk")
    LOW = "low", gettext_lazy("weinig kansen op werk")


class EventKind(models.TextChoices):
    OPEN_DAY = "open_day", gettext_lazy("open dag")
    TASTER_DAY = "taster_day", gettext_lazy("meeloopdag")
    FAIR = "fair", gettext_lazy("onderwijsbeurs")


def level_label(kind: str, level: int | None) -> str:
    if kind != ProgrammeKind.MBO:
        return str(ProgrammeKind(kind).label)
    if level == 1:
        return _("mbo entree (niveau 1)")
    return _("mbo niveau %(level)s") % {"level": level}
