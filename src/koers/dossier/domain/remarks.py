"""Remarks: a mentor or counsellor asks about an entry and the student answers. A dialogue, not grading."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.dossier.models import Action, Experience, Remark
from koers.dossier.rules import can_answer_remark, can_remark, can_write_remark
from koers.schools.models import Role, Student

REMARK_MAX_LENGTH = 2000


def validate_remark_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(
            {"text": ValidationError(_("Schrijf eerst je vraag of reactie."), code="required")}
        )
    if len(text) > REMARK_MAX_LENGTH:
        raise ValidationError(
            {
                "text": ValidationError(
                    _("Dit bericht is te lang. Houd het onder de %(limit)s tekens."),
                    code="too_long",
                    params={"limit": REMARK_MAX_LENGTH},
                )
            }
        )
    return text


@leaves_trace
def add_remark(
    *,
    role: Role,
    student: Student,
    experience: Experience | None = None,
    action: Action | None = None,
    text: str,
) -> Remark:
    """Add a remark to the thread on one experience or one action of ``student``.

    Mentors and counsellors who follow the student may start or continue a thread; the student may answer
    in a thread that has been started. Everyone else is refused.
    """
    entry = experience if experience is not None else action
    if (experience is None) == (action is None) or entry is None:
        raise ValueError("a remark belongs to exactly one experience or action")
    if entry.student_id != student.pk or entry.school_id != student.school_id:
        raise PermissionDenied
    text = validate_remark_text(text)
    thread = (
        Remark.objects.filter(experience=experience) if experience else Remark.objects.filter(action=action)
    )
    require(role, can_write_remark, student)
    if not can_remark(role, student) and not thread.exists():
        raise PermissionDenied  # the student answers; there is nothing to answer yet
    by_student = can_answer_remark(role, student)
    with transaction.atomic():
        record_change(by=role, student=student, change="remark.added", subject=str(entry))
        return Remark.objects.create(
            school_id=student.school_id,
            student=student,
            experience=experience,
            action=action,
            author_id=role.user_id,
            author_role=role.kind,
            text=text,
            seen_by_student=by_student,
        )


def mark_remarks_seen(
    *, role: Role, student: Student, experience: Experience | None = None, action: Action | None = None
) -> int:
    """The student opened the entry: the questions on it are no longer new. Others change nothing."""
    if not can_answer_remark(role, student) or (experience is None) == (action is None):
        return 0
    thread = (
        Remark.objects.filter(experience=experience) if experience else Remark.objects.filter(action=action)
    )
    # One UPDATE is atomic on its own.
    return thread.filter(student=student, seen_by_student=False).update(seen_by_student=True)
