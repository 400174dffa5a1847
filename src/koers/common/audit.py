"""Writes the audit log: one row for every view, print and export of a student's dossier by someone else."""

from koers.common.models import AuditAction, AuditEntry
from koers.schools.models import Role, Student


def record_access(*, role: Role, student: Student, action: str = AuditAction.VIEW, subject: str = "") -> None:
    """Log that ``role`` looked at ``student``'s dossier. The student's own use is not logged."""
    if role.user_id == student.user_id:
        return
    AuditEntry.objects.create(
        school_id=student.school_id,
        student=student,
        actor_id=role.user_id,
        actor_role=role.kind,
        action=action,
        subject=subject[:200],
    )
