"""Writes the audit log: one row for every view, print and export of a student's dossier by someone else, and
one row for every change someone else makes to a student's data.

Reads are recorded by views (``record_access``). Changes are recorded by the domain verbs that make them
(``record_change``), never by views, so a change made by a job, a command or another verb leaves the same
trace. A verb that changes a student's dossier, a conversation, a guardianship, consent or a role is marked
``@leaves_trace``: the mark lists it (``TRACED_VERBS``, which a test compares with the verbs in those areas)
and checks, each time it returns, that it called ``record_change``; a verb that did not is a programming
error, raised when ``KOERS_STRICT_TRACE`` is on (development and tests) and logged otherwise.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.conf import settings

from koers.access.changes import CHANGES
from koers.access.models import AuditAction, AuditEntry
from koers.language.recorded import to_source
from koers.schools.models import Role, Student

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

# Every verb marked ``@leaves_trace``, by "module.name".
TRACED_VERBS: dict[str, Callable[..., object]] = {}
# One counter per verb call in progress (verbs call verbs); ``record_change`` counts in all of them.
_open_calls: ContextVar[tuple[list[int], ...]] = ContextVar("koers_open_traced_calls", default=())


class MissingTrace(AssertionError):
    """A verb marked ``@leaves_trace`` returned without calling ``record_change``."""


def record_access(
    *,
    role: Role,
    student: Student,
    action: str = AuditAction.VIEW,
    subject: str = "",
    include_own: bool = False,
) -> None:
    """Log that ``role`` looked at ``student``'s dossier. The student's own use is not logged, unless
    ``include_own`` (exports that leave Koers, such as a transfer dossier or a copy of all data)."""
    if role.user_id == student.user_id and not include_own:
        return
    AuditEntry.objects.create(
        school_id=student.school_id,
        student=student,
        actor_id=role.user_id,
        actor_role=role.kind,
        action=action,
        # Kept in Dutch whoever looked, so the log does not mix languages; rendered in the reader's.
        subject=to_source(subject)[:200],
    )


def record_change(*, by: Role, student: Student | None, change: str, subject: str = "") -> None:
    """Log that ``by`` changed ``student``'s data: ``change`` is a key of ``access.changes.CHANGES`` (stored
    as data, shown in the reader's language), ``subject`` the item's own title (someone's own words).

    Like reads, a person's changes to their own data are not logged (the student keeps their own dossier);
    ``student=None`` is a change about no one student (a class dialogue). Either way the call counts as the
    verb's trace."""
    if change not in CHANGES:
        raise ValueError(f"unknown change {change!r}: add it to access/changes.py")
    for counter in _open_calls.get():
        counter[0] += 1
    if student is None or by.user_id == student.user_id:
        return
    AuditEntry.objects.create(
        school_id=student.school_id,
        student=student,
        actor_id=by.user_id,
        actor_role=by.kind,
        action=AuditAction.CHANGE,
        change=change,
        subject=to_source(subject)[:200],
    )


def leaves_trace(verb: Callable[P, R]) -> Callable[P, R]:
    """Mark a domain verb that changes a student's data; it must call ``record_change`` before it returns."""

    @functools.wraps(verb)
    def traced(*args: P.args, **kwargs: P.kwargs) -> R:
        counter = [0]
        token = _open_calls.set((*_open_calls.get(), counter))
        try:
            result = verb(*args, **kwargs)
        finally:
            _open_calls.reset(token)
        if counter[0] == 0:
            message = f"{verb.__module__}.{verb.__qualname__} changed data without record_change"
            if getattr(settings, "KOERS_STRICT_TRACE", settings.DEBUG):
                raise MissingTrace(message)
            log.error(message)
        return result

    traced.leaves_trace = True  # type: ignore[attr-defined]
    TRACED_VERBS[f"{verb.__module__}.{verb.__qualname__}"] = traced
    return traced
