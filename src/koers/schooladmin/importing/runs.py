"""The domain verbs of an import: read a file into an ImportRun, map its columns (with a dry run), apply.

Only the school's admin imports: an import decides who is in which group and so whose dossier each mentor
may open, which is the school's structure (the admin's job), not guidance (the counsellor's).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.schooladmin.importing.apply import apply_plan
from koers.schooladmin.importing.decode import DecodeError, Table, decode
from koers.schooladmin.importing.plan import make_plan
from koers.schooladmin.importing.presets import MANUAL, PRESETS, clean_mapping, mapping_with_memory
from koers.schooladmin.rules import can_import
from koers.schools.models import ImportRun, ImportToken, Role, School


def _check(by: Role, run: ImportRun | None = None) -> None:
    require(by, can_import, run)


def table_of(run: ImportRun) -> Table:
    if not run.content:
        raise ValidationError(
            _("Het bestand van deze import is niet meer bewaard. Lees het opnieuw in om verder te gaan.")
        )
    return Table.from_text(run.content)


def clear_personal_data(run: ImportRun, *, problems: bool = False) -> None:
    """Remove the file and the preview's name lists; counts stay (and problem lines, unless ``problems``)."""
    summary = dict(run.summary or {})
    if "lists" in summary:
        summary["lists"] = {}
    if problems and "problems" in summary:
        summary["problem_count"] = len(summary.pop("problems"))
    run.content = ""
    run.summary = summary
    run.save(update_fields=["content", "summary"])


@transaction.atomic
def cancel_import(*, run: ImportRun, by: Role) -> ImportRun:
    """The admin does not go on with this file: it and the preview's name lists are removed now."""
    _check(by, run)
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.applied_at is None and run.cancelled_at is None:
        run.cancelled_at = timezone.now()
        run.save(update_fields=["cancelled_at"])
        clear_personal_data(run)
    return run


def preview(run: ImportRun, *, today: dt.date | None = None) -> dict[str, Any]:
    """The dry run of ``run`` against the school as it is now."""
    return make_plan(school=run.school, table=table_of(run), mapping=run.mapping, today=today).summary()


@transaction.atomic
def start_import(*, by: Role, filename: str, data: bytes, preset: str) -> ImportRun:
    """Read an uploaded export; with a preset it is mapped and previewed at once."""
    _check(by)
    try:
        table = decode(data, filename)
    except DecodeError as error:
        raise ValidationError({"file": str(error)}) from error
    mapping, remembered = mapping_with_memory(preset, table.columns, by.school.import_mappings)
    run = ImportRun(
        school=by.school,
        by_id=by.user_id,
        filename=filename[:200],
        preset=preset if preset in PRESETS else MANUAL,
        content=table.to_text(),
        mapping=mapping,
    )
    if (preset in PRESETS or remembered) and "number" in run.mapping["columns"]:
        run.summary = make_plan(school=by.school, table=table, mapping=run.mapping).summary()
    run.save()
    return run


@transaction.atomic
def map_columns(*, run: ImportRun, by: Role, mapping: dict[str, Any]) -> ImportRun:
    """Store the admin's mapping and the dry run it gives."""
    _check(by, run)
    if run.applied_at is not None:
        raise ValidationError(_("Deze import is al toegepast."))
    if run.cancelled_at is not None:
        raise ValidationError(_("Deze import is geannuleerd."))
    table = table_of(run)
    run.mapping = clean_mapping(mapping, table.columns)
    if "number" not in run.mapping["columns"]:
        raise ValidationError({"number": _("Koppel een kolom aan het leerlingnummer.")})
    run.summary = make_plan(school=run.school, table=table, mapping=run.mapping).summary()
    run.save(update_fields=["mapping", "summary"])
    remember_mapping(run)
    return run


def remember_mapping(run: ImportRun) -> None:
    """Keep the admin's mapping for the next file of this kind (column names only)."""
    school = School.objects.select_for_update().get(pk=run.school_id)
    school.import_mappings = {
        **school.import_mappings,
        run.preset or MANUAL: {
            "columns": run.mapping.get("columns", {}),
            "full_export": bool(run.mapping.get("full_export")),
        },
    }
    school.save(update_fields=["import_mappings"])
    run.school.import_mappings = school.import_mappings


class PreviewOutdated(ValidationError):
    """The school changed since the preview; the new preview is stored and must be looked at again."""


class ConfirmationNeeded(ValidationError):
    """The import removes more than the safety thresholds allow; the admin types the number to go on."""


def check_confirmation(summary: dict[str, Any], confirmed: int | None) -> None:
    """Refuse unless ``confirmed`` is the exact number of removals the preview asks to confirm."""
    needed = summary.get("confirm") or 0
    if needed and confirmed != needed:
        raise ConfirmationNeeded(
            {
                "confirm": _(
                    "Deze import schrijft leerlingen uit of haalt mentoren weg: %(n)s in totaal, meer dan "
                    "Koers zonder controle toestaat. Typ het getal %(n)s om te bevestigen dat dit klopt."
                )
                % {"n": needed}
            }
        )


def apply_import(*, run: ImportRun, by: Role, confirmed: int | None = None) -> ImportRun:
    """Apply exactly what the preview showed, all or nothing; the file's content is cleared afterwards.

    When the preview crossed a safety threshold (many leavers, many mentor links ended), ``confirmed`` must
    be the number of those removals, as the admin typed it.
    """
    _check(by, run)
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.applied_at is not None:
            raise ValidationError(_("Deze import is al toegepast."))
        if run.cancelled_at is not None:
            raise ValidationError(_("Deze import is geannuleerd."))
        if not run.summary:
            raise ValidationError(_("Bekijk eerst wat de import zal doen."))
        plan = make_plan(school=run.school, table=table_of(run), mapping=run.mapping)
        summary = plan.summary()
        if summary != run.summary:
            stale = True
        else:
            check_confirmation(summary, confirmed)
            stale = False
            apply_plan(plan)
            run.applied_at = timezone.now()
            run.save(update_fields=["applied_at"])
            clear_personal_data(run)  # not kept once it has done its work
    if stale:
        run.summary = summary
        run.save(update_fields=["summary"])
        raise PreviewOutdated(
            _(
                "Sinds de controle is er in Koers iets veranderd. Bekijk de bijgewerkte controle en pas de "
                "import dan opnieuw toe."
            )
        )
    return run


def unattended_import(
    *,
    school: School,
    filename: str,
    data: bytes,
    preset: str,
    apply: bool,
    via: str,
    token: ImportToken | None = None,
    today: dt.date | None = None,
) -> ImportRun:
    """An import without a person clicking through it (``koers import``, an upload with a key): the same
    preview as on the screen with the school's remembered mapping, applied only when asked and when no safety
    threshold is crossed; otherwise ``refused`` says why. Recorded like an import from the screen. Call it
    inside the school's scope; the caller has checked who may (the server's shell, a valid key)."""
    run = ImportRun(school=school, filename=filename[:200], preset=preset, via=via, token=token)
    try:
        table = decode(data, filename)
    except DecodeError as error:
        run.refused = str(error)
        run.save()
        return run
    run.mapping, _remembered = mapping_with_memory(preset, table.columns, school.import_mappings)
    if "number" not in run.mapping["columns"]:
        run.refused = _(
            "Geen kolom voor het leerlingnummer gevonden. Koppel de kolommen één keer op het scherm; Koers "
            "onthoudt die koppeling voor de volgende keer."
        )
        run.save()
        return run
    with transaction.atomic():
        plan = make_plan(school=school, table=table, mapping=run.mapping, today=today)
        run.summary = plan.summary()
        run.content = table.to_text()
        if apply and run.summary["confirm"]:
            run.refused = _(
                "Niet toegepast: deze import schrijft leerlingen uit of haalt mentoren weg (%(n)s in "
                "totaal), meer dan Koers zonder controle toestaat. Bekijk de import op het scherm en "
                "bevestig daar het aantal."
            ) % {"n": run.summary["confirm"]}
        elif apply:
            apply_plan(plan)
            run.applied_at = timezone.now()
        run.save()
        if run.applied_at is not None:
            clear_personal_data(run)
    return run
