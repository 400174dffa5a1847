"""Retention: a student who left is removed, with all Koers holds about them, after the school's period.

What "everything" means is the personal-data register (``transfer.register``): every row it lists for the
student, every stored file it names, and the student's account when that account has no other role or
student record anywhere. Each student is removed in its own savepoint, so a student is either gone
completely or left untouched (and the failure is reported); stored files are deleted only after the
removal has committed. Every run writes one ``RemovalReport`` with counts per kind and one line per removed
student, without a name. The admin's decisions (the period, keeping one dossier longer) are here too; the
reads for the privacy page (who is due, past reports) are in ``transfer.queries``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from koers.access.gate import require
from koers.access.tenancy import school_scope
from koers.common.uploads import delete_files_on_commit
from koers.schools.models import Guardianship, Role, RoleKind, School, Student, User
from koers.transfer import register
from koers.transfer.models import RemovalReport
from koers.transfer.queries import due_for_removal, months_after
from koers.transfer.rules import can_manage_retention

log = logging.getLogger(__name__)

MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS = 6, 120
# The longest a school may keep a dossier beyond its period in one decision.
MAX_KEEP_YEARS = 10
# Report keys for accounts and roles (the other keys are model labels).
ACCOUNTS = "schools.user"
ROLES = "schools.role"


@dataclass
class StudentRemoval:
    """What removing one student means (or meant): rows per kind and stored files. No name."""

    student_number: str
    left_on: dt.date
    rows: Counter[str] = field(default_factory=Counter)
    files: int = 0
    error: str = ""

    def line(self) -> dict[str, Any]:
        return {
            "student_number": self.student_number,
            "left_on": self.left_on.isoformat(),
            "rows": sum(self.rows.values()),
            "files": self.files,
        }


@dataclass
class RetentionRun:
    school: School
    dry_run: bool
    removals: list[StudentRemoval] = field(default_factory=list)
    failures: list[StudentRemoval] = field(default_factory=list)
    report: RemovalReport | None = None

    @property
    def counts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for removal in self.removals:
            total.update(removal.rows)
        return total

    @property
    def files(self) -> int:
        return sum(r.files for r in self.removals)


def _collect(student: Student) -> tuple[dict[type[Model], list[Any]], list[FieldFile]]:
    """Primary keys of every register row about ``student``, per model, and their stored files.

    Accounts and roles are left out: whether they go depends on what else the person is (see below).
    """
    rows: dict[type[Model], list[Any]] = {}
    for entry, queryset in register.rows_of(student):
        if entry.model in (User, Role):
            continue
        pks = list(queryset.values_list("pk", flat=True))
        if pks:
            rows.setdefault(entry.model, []).extend(pks)
    files = [f for f in register.files_of(student) if f]
    return rows, files


def _count_rows(removal: StudentRemoval, rows: dict[type[Model], list[Any]], files: list[FieldFile]) -> None:
    for model, pks in rows.items():
        removal.rows[model._meta.label_lower] += len(set(pks))
    removal.files = len(files)


def _account_is_unused(user_id: int) -> bool:
    """True when the account holds no role and no student record at any school any more."""
    with scopes_disabled():
        return not (
            Role.objects.filter(user_id=user_id).exists() or Student.objects.filter(user_id=user_id).exists()
        )


def _delete_account_if_unused(user_id: int, counts: Counter[str]) -> None:
    if _account_is_unused(user_id):
        with scopes_disabled():
            User.objects.filter(pk=user_id).delete()
        counts[ACCOUNTS] += 1


def _delete_roles(school: School, user_id: int, kind: str, counts: Counter[str]) -> None:
    deleted, _per_model = Role.objects.filter(school_id=school.pk, user_id=user_id, kind=kind).delete()
    if deleted:
        counts[ROLES] += deleted


def _remove_guardians_left_alone(school: School, guardian_ids: list[int], counts: Counter[str]) -> None:
    """A guardian with no other child at this school loses the guardian role here, and the account too
    when nothing else is left: Koers keeps no parent without a child."""
    for guardian_id in guardian_ids:
        if Guardianship.objects.filter(guardian_id=guardian_id, student__school_id=school.pk).exists():
            continue
        _delete_roles(school, guardian_id, RoleKind.GUARDIAN, counts)
        _delete_account_if_unused(guardian_id, counts)


def _remove_student(school: School, student: Student, removal: StudentRemoval) -> None:
    """Remove one student completely inside the caller's transaction; raises when anything is refused."""
    rows, files = _collect(student)
    guardian_ids = list(
        Guardianship.objects.filter(student_id=student.pk).values_list("guardian_id", flat=True)
    )
    user_id = student.user_id
    _count_rows(removal, rows, files)
    # Deleting the student cascades to every row that points at it; whatever the register lists beyond that
    # (rows that point at the student's account, for instance) is deleted next. The base manager is used on
    # purpose: the audit log refuses bulk deletes through its normal manager, retention is the exception.
    Student.objects.filter(pk=student.pk).delete()
    for model, pks in rows.items():
        model._base_manager.filter(pk__in=pks).delete()
    _delete_roles(school, user_id, RoleKind.STUDENT, removal.rows)
    _delete_account_if_unused(user_id, removal.rows)
    _remove_guardians_left_alone(school, guardian_ids, removal.rows)
    delete_files_on_commit(*files)


def run_retention(
    *, school: School, by: User | None = None, dry_run: bool = False, today: dt.date | None = None
) -> RetentionRun:
    """Remove (or, with ``dry_run``, only list) the students of ``school`` whose retention has passed."""
    today = today or timezone.localdate()
    run = RetentionRun(school=school, dry_run=dry_run)
    with school_scope(school):
        for student in list(due_for_removal(school, today=today)):
            removal = StudentRemoval(student_number=student.number, left_on=student.left_on)  # type: ignore[arg-type]
            if dry_run:
                _count_rows(removal, *_collect(student))
                run.removals.append(removal)
                continue
            try:
                with transaction.atomic():
                    _remove_student(school, student, removal)
            except Exception as error:  # one student's failure must not stop the others
                log.exception("retention: could not remove student %s of school %s", student.pk, school.pk)
                removal.error = type(error).__name__
                removal.rows.clear()
                removal.files = 0
                run.failures.append(removal)
            else:
                run.removals.append(removal)
        if not dry_run:
            run.report = RemovalReport.objects.create(
                school=school,
                ran_at=timezone.now(),
                ran_by=by,
                students_removed=len(run.removals),
                details={
                    "counts": dict(sorted(run.counts.items())),
                    "files": run.files,
                    "lines": [r.line() for r in run.removals],
                    "failed": [{**r.line(), "error": r.error} for r in run.failures],
                },
            )
    return run


def run_retention_everywhere(*, dry_run: bool = False, today: dt.date | None = None) -> list[RetentionRun]:
    with scopes_disabled():
        schools = list(School.objects.order_by("name"))
    return [run_retention(school=s, dry_run=dry_run, today=today) for s in schools]


# --- the admin's decisions -------------------------------------------------------------------------------


@transaction.atomic
def set_retention_period(*, by: Role, school: School, months: int) -> School:
    """How many months after leaving a student's dossier is kept. Only the school's admin sets it."""
    require(by, can_manage_retention, school)
    if not MIN_RETENTION_MONTHS <= months <= MAX_RETENTION_MONTHS:
        raise ValidationError(
            {
                "months": _("Kies een bewaartermijn van %(low)s tot en met %(high)s maanden.")
                % {"low": MIN_RETENTION_MONTHS, "high": MAX_RETENTION_MONTHS}
            }
        )
    school.retention_months = months
    school.save(update_fields=["retention_months"])
    return school


@transaction.atomic
def keep_longer(*, by: Role, student: Student, until: dt.date, today: dt.date | None = None) -> Student:
    """Keep a student's dossier at least until ``until`` (a date in the future), e.g. during a dispute."""
    require(by, can_manage_retention, student)
    today = today or timezone.localdate()
    if student.left_on is None:
        raise ValidationError(
            {"until": _("Deze leerling staat nog ingeschreven; het dossier wordt nu niet verwijderd.")}
        )
    if until <= today:
        raise ValidationError({"until": _("Kies een datum na vandaag.")})
    if until > months_after(today, 12 * MAX_KEEP_YEARS):
        raise ValidationError(
            {"until": _("Kies een datum binnen %(years)s jaar.") % {"years": MAX_KEEP_YEARS}}
        )
    student.keep_until = until
    student.save(update_fields=["keep_until"])
    return student
