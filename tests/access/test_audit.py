from typing import Any

import pytest
from django_scopes import scopes_disabled

from koers.access.audit import record_access
from koers.access.models import AuditAction, AuditEntry
from koers.schools.models import Role
from tests import factories as f


@pytest.fixture
def entry(world, in_school) -> Any:
    return f.AuditEntryFactory(student=world.student, actor=world.users["mentor"])


def test_audit_entry_update_raises(entry):
    entry.subject = "iets anders"

    with pytest.raises(ValueError, match="append-only"):
        entry.save()

    assert AuditEntry.objects.get(pk=entry.pk).subject == ""


def test_audit_entry_delete_raises(entry):
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()

    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_record_access_by_mentor_writes_one_row(world, in_school):
    with scopes_disabled():
        mentor_role = Role.objects.get(user=world.users["mentor"])

    record_access(role=mentor_role, student=world.student, action=AuditAction.PRINT, subject="dossier")

    entry = AuditEntry.objects.get(student=world.student)
    assert (entry.actor, entry.actor_role, entry.action) == (world.users["mentor"], "mentor", "print")


def test_record_access_by_the_student_themself_writes_nothing(world, in_school):
    with scopes_disabled():
        own_role = Role.objects.get(user=world.student.user)

    record_access(role=own_role, student=world.student)

    assert not AuditEntry.objects.exists()


def test_audit_entries_cannot_be_changed_in_bulk(entry):
    with pytest.raises(ValueError, match="append-only"):
        AuditEntry.objects.filter(pk=entry.pk).update(subject="weg")
    with pytest.raises(ValueError, match="append-only"):
        AuditEntry.objects.filter(pk=entry.pk).delete()

    assert AuditEntry.objects.get(pk=entry.pk).subject == ""
