"""Writes on the student's network: people who could help them further."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.dossier.domain.overview import default_sharing, required_text
from koers.dossier.models import (
    Contact,
)
from koers.dossier.rules import can_edit_dossier
from koers.schools.models import Role, Student

CONTACT_FIELDS = ("name", "relation", "occupation", "could_help_with", "contacted")


def _contact_name(value: str) -> str:
    return required_text(
        value, "name", _("Vul een naam in, bijvoorbeeld “tante Fatima” of “meneer De Boer”.")
    )


@leaves_trace
@transaction.atomic
def add_contact(
    *,
    student: Student,
    by: Role,
    name: str,
    relation: str = "",
    occupation: str = "",
    could_help_with: str = "",
    contacted: bool = False,
    shared: bool | None = None,
) -> Contact:
    """Someone in the student's network who could help them further."""
    require(by, can_edit_dossier, student)
    record_change(by=by, student=student, change="contact.saved")
    return Contact.objects.create(
        school_id=student.school_id,
        student=student,
        name=_contact_name(name),
        relation=(relation or "").strip(),
        occupation=(occupation or "").strip(),
        could_help_with=(could_help_with or "").strip(),
        contacted=contacted,
        shared_with_guardians=default_sharing(student, "contact") if shared is None else shared,
    )


@leaves_trace
@transaction.atomic
def update_contact(
    *,
    contact: Contact,
    by: Role,
    name: str,
    relation: str,
    occupation: str,
    could_help_with: str,
    contacted: bool,
    version: str | None = None,
) -> Contact:
    """Change a contact; against a changed ``version`` (someone else saved since) ``EditConflict``."""
    require(by, can_edit_dossier, contact.student)
    contact.name = _contact_name(name)
    contact.relation = (relation or "").strip()
    contact.occupation = (occupation or "").strip()
    contact.could_help_with = (could_help_with or "").strip()
    contact.contacted = contacted
    save_unless_changed(contact, fields=CONTACT_FIELDS, version=version)
    record_change(by=by, student=contact.student, change="contact.saved")
    return contact


@leaves_trace
@transaction.atomic
def set_contacted(*, contact: Contact, by: Role, contacted: bool) -> Contact:
    require(by, can_edit_dossier, contact.student)
    if contact.contacted != contacted:
        contact.contacted = contacted
        contact.save(update_fields=["contacted", "updated_at"])
    record_change(by=by, student=contact.student, change="contact.saved")
    return contact


@leaves_trace
@transaction.atomic
def remove_contact(*, contact: Contact, by: Role) -> None:
    require(by, can_edit_dossier, contact.student)
    contact.delete()
    record_change(by=by, student=contact.student, change="contact.removed")
