"""Self-scan verbs: open a round, answer it (once per person), close it (storing the measured figures)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.quality.measures import measure_all
from koers.quality.models import ScanAnswer, ScanItem, ScanResponse, ScanRound
from koers.quality.rules import can_answer_scan, can_run_quality
from koers.schools.models import Role, SchoolYear


@transaction.atomic
def open_scan_round(*, by: Role, name: str, school_year: SchoolYear) -> ScanRound:
    require(by, can_run_quality, school_year)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Geef de ronde een naam, bijvoorbeeld 'Zelfscan 2026'.")})
    if ScanRound.objects.filter(school_id=by.school_id, closed_at__isnull=True).exists():
        raise ValidationError(_("Er loopt al een ronde. Sluit die eerst af."))
    if ScanRound.objects.filter(school_id=by.school_id, name__iexact=name).exists():
        raise ValidationError({"name": _("Er is al een ronde met deze naam.")})
    return ScanRound.objects.create(
        school_id=by.school_id, school_year=school_year, name=name, opened_by=by.user
    )


@transaction.atomic
def submit_scan(*, by: Role, round: ScanRound, answers: dict[int, tuple[int | None, str]]) -> ScanResponse:
    """``answers`` maps item pks to (score 1-4 or None for "weet ik niet", remark). All or nothing."""
    require(by, can_answer_scan, round)
    locked = ScanRound.objects.select_for_update().get(pk=round.pk)
    if not locked.is_open:
        raise ValidationError(_("Deze ronde is al gesloten; er kan niet meer op worden geantwoord."))
    if ScanResponse.objects.filter(round=locked, respondent_id=by.user_id).exists():
        raise ValidationError(_("Je hebt deze ronde al ingevuld."))
    items = {item.pk: item for item in ScanItem.objects.filter(school_id=by.school_id, active=True)}
    unknown = set(answers) - set(items)
    if unknown:
        raise ValidationError(_("Deze vragenlijst is intussen veranderd. Laad de pagina opnieuw."))
    for score, _remark in answers.values():
        if score is not None and not 1 <= score <= 4:
            raise ValidationError(_("Kies een score van 1 tot en met 4."))
    if not any(score is not None or remark.strip() for score, remark in answers.values()):
        raise ValidationError(_("Beantwoord minstens één stelling."))
    try:
        with transaction.atomic():
            response = ScanResponse.objects.create(
                school_id=by.school_id, round=locked, respondent_id=by.user_id, respondent_kind=by.kind
            )
    except IntegrityError as error:
        raise ValidationError(_("Je hebt deze ronde al ingevuld.")) from error
    ScanAnswer.objects.bulk_create(
        ScanAnswer(
            school_id=by.school_id, response=response, item=items[pk], score=score, remark=remark.strip()
        )
        for pk, (score, remark) in answers.items()
    )
    return response


@transaction.atomic
def close_scan_round(*, by: Role, round: ScanRound) -> ScanRound:
    require(by, can_run_quality, round)
    locked = ScanRound.objects.select_for_update().get(pk=round.pk)
    if not locked.is_open:
        raise ValidationError(_("Deze ronde is al gesloten."))
    figures = measure_all(by.school)
    locked.measures = {key: figure.as_json() for key, figure in figures.items()}
    locked.closed_at = timezone.now()
    locked.closed_by = by.user
    locked.save(update_fields=["measures", "closed_at", "closed_by"])
    return locked


SCAN_ITEM_FIELDS = ("text", "active", "measure")  # what the item form changes, and its version covers


@transaction.atomic
def update_scan_item(
    *, by: Role, item: ScanItem, text: str, active: bool, measure: str, version: str | None = None
) -> ScanItem:
    """Change a statement of the self-scan; against a changed ``version`` (a colleague saved it since)
    ``EditConflict``."""
    require(by, can_run_quality, item)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf de stelling op.")})
    item.text, item.active, item.measure = text, active, measure
    save_unless_changed(item, fields=SCAN_ITEM_FIELDS, version=version)
    return item


def parse_answers(data: Any, items: list[ScanItem]) -> dict[int, tuple[int | None, str]]:
    """The form's ``score-<pk>`` and ``remark-<pk>`` fields; an unreadable score counts as not given."""
    answers: dict[int, tuple[int | None, str]] = {}
    for item in items:
        raw = (data.get(f"score-{item.pk}") or "").strip()
        score = int(raw) if raw.isdigit() else None
        answers[item.pk] = (score, (data.get(f"remark-{item.pk}") or "")[:500])
    return answers
