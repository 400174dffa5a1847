"""The transfer file: writing it (``transfer_document``) and reading it back strictly (``parse_transfer``).

The format is documented in docs/transfer-format.md: ``{"format": "koers-transfer", "version": 1, ...}``
with the student's chosen items and their evidence files embedded as base64 with their content type.
Reading never trusts the file: every field is checked for type and length, every embedded file is decoded
and checked by content as an upload would be, and any fault refuses the whole file with a Dutch reason.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.common.uploads import CheckedUpload, UploadKind, check_upload
from koers.dossier.models import ActionStatus, EvidenceKind
from koers.lob.vocabulary import Competence, ExperienceKind, Feeling, TraitKind
from koers.transfer.models import TransferExport
from koers.transfer.queries import Items

FORMAT = "koers-transfer"
VERSION = 1
# The whole file; embedded files are also held to the upload limit of their kind.
MAX_FILE_BYTES = 80 * 1024 * 1024
MAX_ITEMS_PER_KIND = 500
MAX_FILES = 200

UPLOAD_KIND = {
    EvidenceKind.PHOTO: UploadKind.IMAGE,
    EvidenceKind.VIDEO: UploadKind.VIDEO,
    EvidenceKind.AUDIO: UploadKind.AUDIO,
    EvidenceKind.DOCUMENT: UploadKind.DOCUMENT,
}


# --- writing ---


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _embedded(evidence: Any) -> dict[str, Any]:
    with evidence.file.open("rb") as handle:
        data = handle.read()
    return {
        "kind": evidence.kind,
        "content_type": evidence.content_type,
        "name": evidence.original_name,
        "caption": evidence.caption,
        "data": base64.b64encode(data).decode("ascii"),
    }


def transfer_document(export: TransferExport, items: Items, *, source_school: str) -> dict[str, Any]:
    """The JSON document of an approved export; ``items`` are the export's selection (``items_of``)."""
    student = export.student
    evidence_by_experience: dict[int, list[Any]] = {}
    for evidence in items.evidence:
        evidence_by_experience.setdefault(evidence.experience_id, []).append(evidence)
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "approved_at": export.approved_at.isoformat() if export.approved_at else None,
        "source_school": source_school,
        "receiving_school": export.receiving_school,
        "student": {
            "first_name": student.user.first_name,
            "last_name": student.user.last_name,
            "date_of_birth": _date(student.date_of_birth),
        },
        "experiences": [
            {
                "ref": f"e{experience.pk}",
                "kind": experience.kind,
                "title": experience.title,
                "happened_on": _date(experience.happened_on),
                "place": experience.place,
                "what_i_did": experience.what_i_did,
                "feeling": experience.feeling,
                "went_well": experience.went_well,
                "learned_about_me": experience.learned_about_me,
                "evidence": [_embedded(e) for e in evidence_by_experience.get(experience.pk, [])],
            }
            for experience in items.experiences
        ],
        "reflections": [
            {
                "experience": f"e{reflection.experience_id}",
                "competence": reflection.competence,
                "answers": [
                    {"prompt": answer.prompt.key, "question": answer.prompt.question, "text": answer.text}
                    for answer in reflection.answers.all()
                    if answer.text
                ],
            }
            for reflection in items.reflections
        ],
        "traits": [
            {"kind": trait.kind, "key": trait.trait.key if trait.trait else None, "label": trait.label}
            for trait in items.traits
        ],
        "ambitions": [
            {
                "dream": ambition.dream,
                "why": ambition.why,
                "steps": [
                    {"text": step.text, "due_on": _date(step.due_on), "done": step.done}
                    for step in ambition.steps.all()
                ],
            }
            for ambition in items.ambitions
        ],
        "actions": [
            {
                "what": action.what,
                "who": action.who_label,
                "due_on": _date(action.due_on),
                "where_with_whom": action.where_with_whom,
                "done_when": action.done_when,
                "status": action.status,
            }
            for action in items.actions
        ],
        # For the receiving school to read; Koers does not read them back (moments are a school's own).
        "choices": [
            {
                "moment": choice.moment.title,
                "kind": choice.moment.kind,
                "chosen": choice.chosen,
                "why": choice.why,
                "found_out": choice.found_out,
                "still_to_find_out": choice.still_to_find_out,
                "programme": str(choice.programme.dutch_name) if choice.programme else "",
                "institution": choice.institution,
                "application": choice.application,
                "route": [
                    {
                        "unit": str(step.unit.dutch_name),
                        "way": step.way,
                        "deepening": step.deepening.title if step.deepening else "",
                        "broaden_with": str(step.broaden_with.dutch_name) if step.broaden_with else "",
                    }
                    for step in choice.route_steps.all()
                ],
                "supported_by": {
                    "experiences": [e.title for e in choice.experiences.all()],
                    "reflections": [
                        {"competence": r.competence, "experience": r.experience.title}
                        for r in choice.reflections.all()
                    ],
                    "qualities_and_motives": [{"kind": t.kind, "name": t.label} for t in choice.traits.all()],
                    "occupations": [o.dutch_name for o in choice.occupations.all()],
                    "programmes": [p.dutch_name for p in choice.linked_programmes.all()],
                    "interest_tests": [
                        {"date": _date(timezone.localdate(r.created_at)), "top_fields": r.top_fields()}
                        for r in choice.interest_results.all()
                    ],
                },
                "confirmed_by": sorted(c.confirmer for c in choice.confirmations.all()),
            }
            for choice in items.choices
        ],
    }


def transfer_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


# --- reading ---


@dataclass
class IncomingEvidence:
    kind: str
    caption: str
    upload: CheckedUpload


@dataclass
class IncomingExperience:
    ref: str
    fields: dict[str, Any]
    evidence: list[IncomingEvidence] = field(default_factory=list)


@dataclass
class Incoming:
    """A transfer file that passed every check, ready to be written."""

    source_school: str
    experiences: list[IncomingExperience]
    reflections: list[dict[str, Any]]
    traits: list[dict[str, Any]]
    ambitions: list[dict[str, Any]]
    actions: list[dict[str, Any]]


class _Reader:
    """Checks values at a place in the document; the first fault raises with where it was found."""

    def __init__(self) -> None:
        self.files = 0

    def fail(self, where: str, message: str) -> ValidationError:
        return ValidationError(
            _("Dit overdrachtsbestand klopt niet (%(where)s): %(message)s"),
            code="invalid",
            params={"where": where, "message": message},
        )

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, _("hier hoort een object met velden te staan."))
        return value

    def items(self, document: dict[str, Any], key: str) -> list[Any]:
        value = document.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, _("hier hoort een lijst te staan."))
        if len(value) > MAX_ITEMS_PER_KIND:
            raise self.fail(key, _("meer dan %(max)s onderdelen.") % {"max": MAX_ITEMS_PER_KIND})
        return value

    def text(
        self, item: dict[str, Any], key: str, where: str, *, max_length: int | None, required: bool = False
    ) -> str:
        value = item.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", _("hier hoort tekst te staan."))
        value = value.strip()
        if required and not value:
            raise self.fail(f"{where}.{key}", _("dit veld is leeg."))
        if max_length is not None and len(value) > max_length:
            raise self.fail(
                f"{where}.{key}", _("de tekst is langer dan %(max)s tekens.") % {"max": max_length}
            )
        if "\x00" in value:
            raise self.fail(f"{where}.{key}", _("de tekst bevat ongeldige tekens."))
        return value

    def choice(self, item: dict[str, Any], key: str, where: str, choices: Any, *, blank: bool = False) -> str:
        value = item.get(key, "")
        if blank and value in ("", None):
            return ""
        if value not in choices.values:
            raise self.fail(f"{where}.{key}", _("onbekende waarde %(value)r.") % {"value": str(value)[:40]})
        return str(value)

    def date(self, item: dict[str, Any], key: str, where: str, *, required: bool) -> dt.date | None:
        value = item.get(key)
        if value in (None, "") and not required:
            return None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(f"{where}.{key}", _("hier hoort een datum (JJJJ-MM-DD) te staan."))

    def file(self, item: dict[str, Any], where: str) -> IncomingEvidence:
        self.files += 1
        if self.files > MAX_FILES:
            raise self.fail(where, _("meer dan %(max)s bestanden.") % {"max": MAX_FILES})
        kind = self.choice(item, "kind", where, EvidenceKind)
        data = item.get("data")
        if not isinstance(data, str) or not data:
            raise self.fail(f"{where}.data", _("het bestand ontbreekt."))
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise self.fail(f"{where}.data", _("het bestand is niet goed gecodeerd (base64).")) from None
        name = self.text(item, "name", where, max_length=200) or "bestand"
        try:
            upload = check_upload(ContentFile(raw, name=name), UPLOAD_KIND[EvidenceKind(kind)], counted=False)
        except ValidationError as error:
            raise self.fail(f"{where} ({name})", " ".join(error.messages)) from None
        return IncomingEvidence(
            kind=kind, caption=self.text(item, "caption", where, max_length=200), upload=upload
        )


def parse_transfer(raw: bytes) -> Incoming:
    """Read and check a whole transfer file; raises ValidationError (Dutch) at the first fault."""
    reader = _Reader()
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationError(
            _("Dit bestand is te groot voor een overdrachtsdossier (maximaal %(max)s MB)."),
            code="too_large",
            params={"max": MAX_FILE_BYTES // (1024 * 1024)},
        )
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValidationError(
            _("Dit is geen overdrachtsbestand van Koers: het is geen geldige JSON."), code="not_json"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(
            _("Dit is geen overdrachtsbestand van Koers (het veld 'format' is niet 'koers-transfer')."),
            code="wrong_format",
        )
    if document.get("version") != VERSION:
        raise ValidationError(
            _(
                "Deze versie van het overdrachtsbestand (%(version)s) kan Koers niet lezen; "
                "verwacht is versie 1."
            ),
            code="wrong_version",
            params={"version": str(document.get("version"))[:10]},
        )
    source = reader.text(document, "source_school", "source_school", max_length=200, required=True)

    experiences: list[IncomingExperience] = []
    refs: set[str] = set()
    for index, value in enumerate(reader.items(document, "experiences")):
        where = f"experiences[{index}]"
        item = reader.obj(value, where)
        ref = reader.text(item, "ref", where, max_length=40, required=True)
        if ref in refs:
            raise reader.fail(f"{where}.ref", _("deze verwijzing komt twee keer voor."))
        refs.add(ref)
        incoming = IncomingExperience(
            ref=ref,
            fields={
                "kind": reader.choice(item, "kind", where, ExperienceKind),
                "title": reader.text(item, "title", where, max_length=120, required=True),
                "happened_on": reader.date(item, "happened_on", where, required=True),
                "place": reader.text(item, "place", where, max_length=200),
                "what_i_did": reader.text(item, "what_i_did", where, max_length=10_000),
                "feeling": reader.choice(item, "feeling", where, Feeling, blank=True),
                "went_well": reader.text(item, "went_well", where, max_length=10_000),
                "learned_about_me": reader.text(item, "learned_about_me", where, max_length=10_000),
            },
        )
        files = item.get("evidence", [])
        if not isinstance(files, list):
            raise reader.fail(f"{where}.evidence", _("hier hoort een lijst te staan."))
        for number, file in enumerate(files):
            incoming.evidence.append(
                reader.file(reader.obj(file, f"{where}.evidence[{number}]"), f"{where}.evidence[{number}]")
            )
        experiences.append(incoming)

    reflections = []
    seen: set[tuple[str, str]] = set()
    for index, value in enumerate(reader.items(document, "reflections")):
        where = f"reflections[{index}]"
        item = reader.obj(value, where)
        ref = reader.text(item, "experience", where, max_length=40, required=True)
        if ref not in refs:
            raise reader.fail(f"{where}.experience", _("deze ervaring staat niet in het bestand."))
        competence = reader.choice(item, "competence", where, Competence)
        if (ref, competence) in seen:
            raise reader.fail(where, _("twee reflecties op dezelfde ervaring en competentie."))
        seen.add((ref, competence))
        answers = item.get("answers", [])
        if not isinstance(answers, list):
            raise reader.fail(f"{where}.answers", _("hier hoort een lijst te staan."))
        reflections.append(
            {
                "experience": ref,
                "competence": competence,
                "answers": [
                    {
                        "prompt": reader.text(a, "prompt", f"{where}.answers[{n}]", max_length=60),
                        "question": reader.text(a, "question", f"{where}.answers[{n}]", max_length=500),
                        "text": reader.text(
                            a, "text", f"{where}.answers[{n}]", max_length=10_000, required=True
                        ),
                    }
                    for n, a in ((n, reader.obj(a, f"{where}.answers[{n}]")) for n, a in enumerate(answers))
                ],
            }
        )

    traits = []
    for index, value in enumerate(reader.items(document, "traits")):
        where = f"traits[{index}]"
        item = reader.obj(value, where)
        traits.append(
            {
                "kind": reader.choice(item, "kind", where, TraitKind),
                "key": reader.text(item, "key", where, max_length=60),
                "label": reader.text(item, "label", where, max_length=200, required=True),
            }
        )

    ambitions = []
    for index, value in enumerate(reader.items(document, "ambitions")):
        where = f"ambitions[{index}]"
        item = reader.obj(value, where)
        steps = item.get("steps", [])
        if not isinstance(steps, list) or len(steps) > MAX_ITEMS_PER_KIND:
            raise reader.fail(f"{where}.steps", _("hier hoort een lijst te staan."))
        ambitions.append(
            {
                "dream": reader.text(item, "dream", where, max_length=200, required=True),
                "why": reader.text(item, "why", where, max_length=10_000),
                "steps": [
                    {
                        "text": reader.text(s, "text", f"{where}.steps[{n}]", max_length=200, required=True),
                        "due_on": reader.date(s, "due_on", f"{where}.steps[{n}]", required=False),
                        "done": s.get("done") is True,
                    }
                    for n, s in ((n, reader.obj(s, f"{where}.steps[{n}]")) for n, s in enumerate(steps))
                ],
            }
        )

    actions = []
    for index, value in enumerate(reader.items(document, "actions")):
        where = f"actions[{index}]"
        item = reader.obj(value, where)
        actions.append(
            {
                "what": reader.text(item, "what", where, max_length=200, required=True),
                "who": reader.text(item, "who", where, max_length=120, required=True),
                "due_on": reader.date(item, "due_on", where, required=True),
                "where_with_whom": reader.text(item, "where_with_whom", where, max_length=200),
                "done_when": reader.text(item, "done_when", where, max_length=200, required=True),
                "status": reader.choice(item, "status", where, ActionStatus),
            }
        )
    return Incoming(
        source_school=source,
        experiences=experiences,
        reflections=reflections,
        traits=traits,
        ambitions=ambitions,
        actions=actions,
    )
