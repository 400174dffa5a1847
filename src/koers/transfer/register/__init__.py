"""The register of personal data: every model that holds data about a person, why, who sees it, how long.

Export (requests for access), removal (retention) and docs/privacy.md all read this one list, so a model
that stores something about a person is found by all three or by none. ``tests/transfer/test_register.py``
fails when a model is in neither this register nor ``NOT_PERSONAL``.

``student_path`` is the ORM lookup from the model to the ``Student`` a row is about. Models whose rows are
about a user who is not (necessarily) a student (a mentor's account, a retention report) have ``None``: they
are personal data of staff or guardians and are not part of a student's export.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from django.apps import apps
from django.db import models
from django.db.models.fields.files import FieldFile

from koers.schools.models import Student
from koers.transfer.register import school_work, students
from koers.transfer.register.entry import DOSSIER_KEPT, STUDENT_AND_GUIDES, CopyRule, Entry
from koers.transfer.register.later import LATER
from koers.transfer.register.partners import PARTNERS

__all__ = [
    "COPY_RULES",
    "DOSSIER_KEPT",
    "REGISTER",
    "STUDENT_AND_GUIDES",
    "CopyRule",
    "Entry",
    "entry_for",
    "files_of",
    "rows_of",
]

_ENTRIES: list[Entry] = [*students.ENTRIES, *school_work.ENTRIES]
for _label, _path, _files, _purpose, _who, _kept in [*LATER, *PARTNERS]:
    with contextlib.suppress(LookupError):
        _ENTRIES.append(Entry(apps.get_model(_label), _path, _files, _purpose, _who, _kept))

# Whose data is what, per model (by label); every model not named here is wholly the student's data.
COPY_RULES: dict[str, CopyRule] = {
    "schools.User": CopyRule(secrets=("password",)),
    "sessions.Session": CopyRule(secrets=("session_key", "session_data")),
    "conversations.Conversation": CopyRule(staff_only=("mentor_goal", "mentor_reflection", "mirror")),
    "conversations.Preparation": CopyRule(author="author"),
    "conversations.PrivateNote": CopyRule(author="author", private_to_author=True),
    "programme.GuardianAnswer": CopyRule(author="guardian"),
    "accounts.LoginCard": CopyRule(secrets=("token_hash",)),
    "schools.ImportToken": CopyRule(secrets=("digest",)),
    "partners.SupervisorLink": CopyRule(secrets=("token_hash",)),
    "quality.LeaverInvite": CopyRule(secrets=("token_hash",)),
    "accounts.GuardianInvitation": CopyRule(secrets=("code_hash", "token_hash")),
    "accounts.OpenSession": CopyRule(secrets=("session_key",)),
    "otp_totp.TOTPDevice": CopyRule(secrets=("key",)),
    "axes.AccessLog": CopyRule(secrets=("session_hash",)),
}

_ENTRIES = [replace(e, copy=COPY_RULES[e.label]) if e.label in COPY_RULES else e for e in _ENTRIES]
REGISTER: tuple[Entry, ...] = tuple(_ENTRIES)
_BY_MODEL = {entry.model: entry for entry in REGISTER}


def entry_for(model: type[models.Model] | models.Model) -> Entry | None:
    if isinstance(model, models.Model):
        model = type(model)
    return _BY_MODEL.get(model._meta.concrete_model or model)


def rows_of(student: Student) -> Iterator[tuple[Entry, models.QuerySet]]:
    """Every row about ``student``, per register entry (one query each when evaluated).

    Call inside ``school_scope(student.school)``: the scoped managers keep the answer to that school.
    """
    for entry in REGISTER:
        if entry.student_path is None:
            continue
        manager = entry.model._default_manager
        yield entry, manager.filter(**{entry.student_path: student.pk}).distinct().order_by("pk")


def files_of(student: Student) -> list[FieldFile]:
    """Every stored file about ``student`` (call inside ``school_scope``)."""
    found: list[FieldFile] = []
    for entry, rows in rows_of(student):
        if not entry.files:
            continue
        for row in rows.only("pk", *entry.files):
            for name in entry.files:
                stored = getattr(row, name)
                if stored:
                    found.append(stored)
    return found
