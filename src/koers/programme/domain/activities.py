"""Writes for planning the programme: planned activities, the school's own activity types, and copying last
year's programme forward.

Only counsellors plan. Every verb is keyword-only, validates its input, runs in one transaction and raises
``ValidationError`` keyed by form field, so a view can show the message next to the field and nothing is
half-saved. Objects of another school raise ``PermissionDenied`` (a view answers 404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.lob.vocabulary import Competence, Element
from koers.pictograms import catalogue as pictograms
from koers.programme.models import Activity, ActivityType, DatePrecision
from koers.programme.queries.checks import Derived, derived_checks
from koers.programme.queries.planning import copy_plan, month_end
from koers.programme.rules import can_plan_programme
from koers.schools.models import STAFF_KINDS, Group, Role, SchoolYear, Track, User

TITLE_MAX = 160
PARTNER_MAX = 160
TYPE_NAME_MAX = 120


def _require_planner(by: Role, *objects: Any) -> None:
    """Only the counsellor plans, and only with objects of their own school."""
    require(by, can_plan_programme)
    for thing in objects:
        require(by, can_plan_programme, thing)


def _day(value: dt.date) -> str:
    return value.strftime("%d-%m-%Y")


def _in_order(chosen: Iterable[str], allowed: list[str]) -> list[str]:
    wanted = set(chosen)
    return [value for value in allowed if value in wanted]


@dataclass
class _Checked:
    fields: dict[str, Any]
    groups: list[Group]


def _check_activity(
    *,
    by: Role,
    school_year: SchoolYear,
    type: ActivityType,
    title: str,
    description: str,
    track: str,
    year_level: int,
    starts_on: dt.date,
    precision: str,
    groups: Iterable[Group],
    responsible: User | None,
    partner: str,
    has_preparation: bool,
    has_reflection: bool,
    involves_guardians: bool,
    competences: Iterable[str],
    elements: Iterable[str],
    checks_note: str = "",
    derived: Derived | None = None,
    type_was: ActivityType | None = None,
) -> _Checked:
    chosen_groups = list(groups)
    _require_planner(by, school_year, type, *chosen_groups)
    errors: dict[str, str] = {}
    title = (title or "").strip()
    partner = (partner or "").strip()
    if not title:
        errors["title"] = _("Geef de activiteit een titel, bijvoorbeeld “Bedrijfsbezoek bakkerij”.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Maak de titel korter (hoogstens %(max)s tekens).") % {"max": TITLE_MAX}
    if len(partner) > PARTNER_MAX:
        errors["partner"] = _("Maak de naam van de partner korter (hoogstens %(max)s tekens).") % {
            "max": PARTNER_MAX
        }
    if not type.active and type != type_was:
        errors["type"] = _("Deze soort activiteit is uitgezet. Kies een andere soort.")
    if track not in Track.values:
        errors["track"] = _("Kies een leerweg.")
    if not 1 <= year_level <= 6:
        errors["year_level"] = _("Kies een leerjaar van 1 tot en met 6.")
    if precision not in DatePrecision.values:
        errors["precision"] = _("Kies of de activiteit in een maand of op een dag plaatsvindt.")
    elif precision == DatePrecision.MONTH:
        starts_on = starts_on.replace(day=1)
        if month_end(starts_on) < school_year.starts_on or starts_on > school_year.ends_on:
            errors["starts_on"] = _(
                "Deze maand valt buiten schooljaar %(year)s (%(start)s tot en met %(end)s). "
                "Kies een maand binnen het schooljaar."
            ) % {
                "year": school_year.name,
                "start": _day(school_year.starts_on),
                "end": _day(school_year.ends_on),
            }
    elif not school_year.starts_on <= starts_on <= school_year.ends_on:
        errors["starts_on"] = _(
            "Deze datum valt buiten schooljaar %(year)s (%(start)s tot en met %(end)s). "
            "Kies een datum binnen het schooljaar."
        ) % {"year": school_year.name, "start": _day(school_year.starts_on), "end": _day(school_year.ends_on)}
    wrong_groups = [
        g.name
        for g in chosen_groups
        if g.school_year_id != school_year.pk or g.track != track or g.year_level != year_level
    ]
    if wrong_groups and "track" not in errors and "year_level" not in errors:
        errors["groups"] = _(
            "Deze groepen horen niet bij dit schooljaar, deze leerweg en dit leerjaar: %(names)s."
        ) % {"names": ", ".join(sorted(wrong_groups))}
    if (
        responsible is not None
        and not responsible.roles.filter(school_id=by.school_id, kind__in=STAFF_KINDS).exists()
    ):
        errors["responsible"] = _("Kies iemand die op deze school werkt.")
    checks_note = (checks_note or "").strip()
    derived = derived or Derived()
    ticked = {"has_preparation": has_preparation, "has_reflection": has_reflection}
    ticked["involves_guardians"] = involves_guardians
    by_hand = [name for name, value in ticked.items() if value and not derived.backs(name)]
    if by_hand and not checks_note:
        errors["checks_note"] = _(
            "Je hebt iets aangevinkt dat de planning niet laat zien. Schrijf kort op hoe het gebeurt, "
            "bijvoorbeeld “voorbereiding in de mentorles”."
        )
    unknown = set(competences) - set(Competence.values) or set(elements) - set(Element.values)
    if unknown:
        errors["competences"] = _("Kies alleen uit de loopbaancompetenties en werkzame elementen.")
    if errors:
        raise ValidationError(errors)
    return _Checked(
        fields={
            "school_year": school_year,
            "type": type,
            "title": title,
            "description": (description or "").strip(),
            "track": track,
            "year_level": year_level,
            "starts_on": starts_on,
            "precision": precision,
            "responsible": responsible,
            "partner": partner,
            "has_preparation": has_preparation,
            "has_reflection": has_reflection,
            "involves_guardians": involves_guardians,
            "checks_note": checks_note,
            "competences": _in_order(competences, Competence.values),
            "elements": _in_order(elements, Element.values),
        },
        groups=chosen_groups,
    )


def plan_activity(
    *,
    by: Role,
    school_year: SchoolYear,
    type: ActivityType,
    title: str,
    track: str,
    year_level: int,
    starts_on: dt.date,
    precision: str = DatePrecision.MONTH,
    description: str = "",
    groups: Iterable[Group] = (),
    responsible: User | None = None,
    partner: str = "",
    has_preparation: bool = False,
    has_reflection: bool = False,
    involves_guardians: bool = False,
    competences: Iterable[str] = (),
    elements: Iterable[str] = (),
    checks_note: str = "",
) -> Activity:
    """Plan an activity for one track and year level. No groups means every group of that track and year
    level in the school year."""
    checked = _check_activity(
        by=by,
        school_year=school_year,
        type=type,
        title=title,
        description=description,
        track=track,
        year_level=year_level,
        starts_on=starts_on,
        precision=precision,
        groups=groups,
        responsible=responsible,
        partner=partner,
        has_preparation=has_preparation,
        has_reflection=has_reflection,
        involves_guardians=involves_guardians,
        competences=competences,
        elements=elements,
        checks_note=checks_note,
    )
    with transaction.atomic():
        activity = Activity.objects.create(school_id=by.school_id, **checked.fields)
        activity.groups.set(checked.groups)
    return activity


# What the activity form changes (the groups are a set beside it), and its version covers.
ACTIVITY_FIELDS = (
    "type",
    "title",
    "description",
    "track",
    "year_level",
    "starts_on",
    "precision",
    "responsible",
    "partner",
    "has_preparation",
    "has_reflection",
    "involves_guardians",
    "checks_note",
    "competences",
    "elements",
)


def update_activity(
    *,
    by: Role,
    activity: Activity,
    type: ActivityType,
    title: str,
    track: str,
    year_level: int,
    starts_on: dt.date,
    precision: str = DatePrecision.MONTH,
    description: str = "",
    groups: Iterable[Group] = (),
    responsible: User | None = None,
    partner: str = "",
    has_preparation: bool = False,
    has_reflection: bool = False,
    involves_guardians: bool = False,
    competences: Iterable[str] = (),
    elements: Iterable[str] = (),
    checks_note: str = "",
    version: str | None = None,
) -> Activity:
    """Change a planned activity; it stays in its school year. Against a changed ``version`` (a colleague
    saved it since) ``EditConflict``."""
    _require_planner(by, activity)
    checked = _check_activity(
        by=by,
        school_year=activity.school_year,
        type=type,
        title=title,
        description=description,
        track=track,
        year_level=year_level,
        starts_on=starts_on,
        precision=precision,
        groups=groups,
        responsible=responsible,
        partner=partner,
        has_preparation=has_preparation,
        has_reflection=has_reflection,
        involves_guardians=involves_guardians,
        competences=competences,
        elements=elements,
        checks_note=checks_note,
        derived=derived_checks([activity])[activity.pk],
        type_was=activity.type,
    )
    fields = {name: value for name, value in checked.fields.items() if name != "school_year"}
    with transaction.atomic():
        for name, value in fields.items():
            setattr(activity, name, value)
        save_unless_changed(activity, fields=ACTIVITY_FIELDS, version=version)
        activity.groups.set(checked.groups)
    return activity


def removal_blockers(activity: Activity) -> list[str]:
    """Why an activity cannot be removed: what students did for it would go with it."""
    reasons = []
    if activity.participations.exists():
        reasons.append(_("Er is al deelname van leerlingen geregistreerd."))
    if activity.assignments.exists():
        reasons.append(_("Er zijn opdrachten aan gekoppeld die leerlingen maken of gemaakt hebben."))
    return reasons


def remove_activity(*, by: Role, activity: Activity) -> None:
    """Remove a planned activity, unless students already took part or got assignments for it."""
    _require_planner(by, activity)
    with transaction.atomic():
        reasons = removal_blockers(activity)
        if reasons:
            raise ValidationError(
                _("Deze activiteit kan niet weg: %(reasons)s Pas haar liever aan.")
                % {"reasons": " ".join(reasons)}
            )
        activity.delete()


# --- the school's own activity types ------------------------------------------------------------------


def _check_type_fields(name: str, icon: str) -> tuple[str, str]:
    name = (name or "").strip()
    icon = (icon or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Geef de soort activiteit een naam.")
    elif len(name) > TYPE_NAME_MAX:
        errors["name"] = _("Maak de naam korter (hoogstens %(max)s tekens).") % {"max": TYPE_NAME_MAX}
    if icon and not pictograms.exists(icon):
        errors["icon"] = _("Kies een pictogram uit de lijst.")
    if errors:
        raise ValidationError(errors)
    return name, icon


def _name_taken(by: Role, name: str, but: ActivityType | None = None) -> bool:
    others = ActivityType.objects.filter(school_id=by.school_id, name__iexact=name)
    if but is not None:
        others = others.exclude(pk=but.pk)
    return others.exists()


def add_activity_type(*, by: Role, name: str, description: str = "", icon: str = "") -> ActivityType:
    """A school's own kind of activity, next to the shipped ones."""
    _require_planner(by)
    name, icon = _check_type_fields(name, icon)
    with transaction.atomic():
        if _name_taken(by, name):
            raise ValidationError({"name": _("Deze school heeft al een soort activiteit met deze naam.")})
        taken = set(ActivityType.objects.filter(school_id=by.school_id).values_list("key", flat=True))
        base = slugify(name)[:50] or "activiteit"
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        return ActivityType.objects.create(
            school_id=by.school_id,
            key=key,
            name=name,
            description=(description or "").strip(),
            icon=icon,
            shipped=False,
            order=1000 + len(taken),
        )


def change_activity_type(
    *, by: Role, type: ActivityType, name: str, description: str = "", icon: str = "", active: bool = True
) -> ActivityType:
    """Rename a type (shipped or the school's own), change its icon, or switch it off for new plans."""
    _require_planner(by, type)
    name, icon = _check_type_fields(name, icon)
    with transaction.atomic():
        if _name_taken(by, name, but=type):
            raise ValidationError({"name": _("Deze school heeft al een soort activiteit met deze naam.")})
        type.name = name
        type.description = (description or "").strip()
        type.icon = icon
        type.active = active
        type.save(update_fields=["name", "description", "icon", "active"])
    return type


# --- copying last year's programme forward ------------------------------------------------------------


@dataclass(frozen=True)
class CopyResult:
    copied: int
    skipped: int


def copy_programme_forward(*, by: Role, from_year: SchoolYear, to_year: SchoolYear) -> CopyResult:
    """Copy every activity of ``from_year`` into ``to_year``: dates a year later, groups matched by name
    (a group that is not found is left out; no groups means every group of the track and year level).
    Activities copied before, or already planned the same way, are skipped, so copying twice adds nothing."""
    _require_planner(by, from_year, to_year)
    if to_year.starts_on <= from_year.starts_on:
        raise ValidationError(
            {"from_year": _("Kies een schooljaar dat vóór %(year)s ligt.") % {"year": to_year.name}}
        )
    with transaction.atomic():
        plan = copy_plan(from_year, to_year)
        new = [
            Activity(
                school_id=by.school_id,
                school_year=to_year,
                type_id=item.source.type_id,
                title=item.source.title,
                description=item.source.description,
                track=item.source.track,
                year_level=item.source.year_level,
                starts_on=item.starts_on,
                precision=item.source.precision,
                responsible_id=item.source.responsible_id,
                partner=item.source.partner,
                has_preparation=item.source.has_preparation,
                has_reflection=item.source.has_reflection,
                involves_guardians=item.source.involves_guardians,
                checks_note=item.source.checks_note,
                competences=list(item.source.competences),
                elements=list(item.source.elements),
                copied_from=item.source,
            )
            for item in plan.items
        ]
        Activity.objects.bulk_create(new)
        through = Activity.groups.through
        through.objects.bulk_create(
            [
                through(activity_id=activity.pk, group_id=group.pk)
                for activity, item in zip(new, plan.items, strict=True)
                for group in item.groups
            ]
        )
    return CopyResult(copied=len(new), skipped=plan.duplicates)
