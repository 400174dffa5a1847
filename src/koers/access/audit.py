"""Writes the audit log: one row for every view, print and export of a student's dossier by someone else."""

from koers.access.models import AuditAction, AuditEntry
from koers.language.recorded import to_source
from koers.schools.models import Role, Student


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
