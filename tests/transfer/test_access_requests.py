"""Requests for access: the student from 16, a guardian with authority before; a ZIP of everything."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.schools.models import RoleKind
from koers.transfer.models import AccessRequest, access_request_due
from koers.transfer.register import REGISTER
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written

# Queries of a ZIP download besides one per register entry (session, user+roles, request, age check,
# school name, audit row).
FIXED_ZIP_QUERIES = 6


def _age(student, years):
    with scopes_disabled():
        today = timezone.localdate()
        student.date_of_birth = today.replace(year=today.year - years) - dt.timedelta(days=1)
        student.save()


def _ask(client, student, kind="copy"):
    return client.post(reverse("transfer:access"), {"student": student.pk, "kind": kind})


def _zip(client):
    with scopes_disabled():
        request = AccessRequest.objects.latest("pk")
    response = client.get(reverse("transfer:access_download", args=[request.pk]))
    return response, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_access_guardian_of_a_14_year_old_gets_everything(login, world):
    _age(world.student, 14)
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Dag op de kinderboerderij")
        f.EvidenceFactory(experience=experience)
        f.ExperienceFactory(student=world.classmate, title="Van een klasgenoot")
    client = login("guardian")

    _ask(client, world.student)
    response, archive = _zip(client)

    data = json.loads(archive.read("data.json"))
    titles = [
        row["title"] for part in data["data"] if part["model"] == "dossier.Experience" for row in part["rows"]
    ]
    assert titles == ["Dag op de kinderboerderij"]
    assert any(name.startswith("bestanden/evidence/") for name in archive.namelist())
    assert "README.txt" in archive.namelist()
    assert response["Content-Type"] == "application/zip"


def test_access_zip_never_holds_the_password_hash(login, world):
    _age(world.student, 17)
    client = login("student")
    _ask(client, world.student)

    _response, archive = _zip(client)

    data = json.loads(archive.read("data.json"))
    [users] = [part["rows"] for part in data["data"] if part["model"] == "schools.User"]
    assert users[0]["username"] == "student"
    assert "password" not in users[0]
    assert world.student.user.password not in archive.read("data.json").decode()


def test_access_request_records_the_deadline(login, world):
    _age(world.student, 14)

    _ask(login("guardian"), world.student, kind="inspection")

    with scopes_disabled():
        request = AccessRequest.objects.get()
    assert request.requested_on == timezone.localdate()
    assert request.due_on == access_request_due(timezone.localdate())
    assert (request.kind, request.requested_as) == ("inspection", RoleKind.GUARDIAN)


def test_access_download_writes_one_audit_row(login, world):
    _age(world.student, 17)
    client = login("student")
    _ask(client, world.student)

    _zip(client)

    with scopes_disabled():
        assert list(AuditEntry.objects.values_list("action", "actor_id")) == [
            ("export", world.student.user_id)
        ]


def test_access_guardian_of_a_16_year_old_may_not_ask(login, world):
    _age(world.student, 16)

    response = _ask(login("guardian"), world.student)

    assert response.context["students"] == []
    with scopes_disabled():
        assert not AccessRequest.objects.exists()


def test_access_guardian_loses_the_download_when_the_child_turns_16(login, world):
    _age(world.student, 15)
    client = login("guardian")
    _ask(client, world.student)
    _age(world.student, 16)

    response, _archive = None, None
    with scopes_disabled():
        request = AccessRequest.objects.get()
    with nothing_written(AccessRequest):  # no "downloaded" row either
        response = client.get(reverse("transfer:access_download", args=[request.pk]))

    assert_not_found(response)  # the page, not the archive


def test_access_guardian_without_authority_may_not_ask(login, world):
    _age(world.student, 14)
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)

    response = _ask(login("guardian"), world.student)

    assert response.context["students"] == []


def test_access_student_under_16_is_told_to_ask_a_guardian(login, world):
    _age(world.student, 15)

    response = login("student").get(reverse("transfer:access"))

    assert response.context["students"] == []
    assert "ouder of verzorger" in response.content.decode()


def test_access_student_of_16_may_ask_themself(login, world):
    _age(world.student, 16)

    _ask(login("student"), world.student)

    with scopes_disabled():
        assert AccessRequest.objects.get().requested_by == world.student.user


def test_access_school_list_flags_overdue_requests(login, world):
    with scopes_disabled():
        late = AccessRequest.objects.create(
            school=world.school,
            student=world.student,
            requested_by=world.users["guardian"],
            requested_as="guardian",
            kind="copy",
            requested_on=dt.date(2020, 1, 1),
            due_on=dt.date(2020, 2, 1),
        )

    response = login("counsellor").get(reverse("transfer:access_requests"))

    assert response.context["rows"] == [(late, True)]
    assert "te laat" in response.content.decode()


def test_access_school_marks_a_request_handled(login, world):
    with scopes_disabled():
        request = AccessRequest.objects.create(
            school=world.school,
            student=world.student,
            requested_by=world.users["guardian"],
            requested_as="guardian",
            kind="copy",
            due_on=timezone.localdate(),
        )

    login("admin").post(reverse("transfer:access_handled", args=[request.pk]))

    request.refresh_from_db()
    assert request.fulfilled_at is not None


def test_access_outsider_cannot_mark_another_schools_request(login, world):
    with scopes_disabled():
        request = AccessRequest.objects.create(
            school=world.school,
            student=world.student,
            requested_by=world.users["guardian"],
            requested_as="guardian",
            kind="copy",
            due_on=timezone.localdate(),
        )

    with nothing_written(AccessRequest):
        response = login("outsider").post(reverse("transfer:access_handled", args=[request.pk]))

    assert_not_found(response, world.student.user.get_full_name())


@pytest.mark.parametrize("size", [1, 8])
def test_access_school_list_query_count_does_not_grow(login, world, size, django_assert_num_queries):
    with scopes_disabled():
        for _ in range(size):
            student = f.StudentFactory(school=world.school)
            AccessRequest.objects.create(
                school=world.school,
                student=student,
                requested_by=world.users["guardian"],
                requested_as="guardian",
                kind="copy",
                due_on=timezone.localdate(),
            )
    client = login("counsellor")
    client.get(reverse("transfer:access_requests"))

    with django_assert_num_queries(3):
        client.get(reverse("transfer:access_requests"))


@pytest.mark.parametrize("size", [1, 6])
def test_access_zip_query_count_does_not_grow(login, world, size, django_assert_num_queries):
    _age(world.student, 17)
    with scopes_disabled():
        for _ in range(size):
            f.ExperienceFactory(student=world.student)
    client = login("student")
    _ask(client, world.student)
    with scopes_disabled():
        request = AccessRequest.objects.get()
    client.get(reverse("transfer:access_download", args=[request.pk]))

    # One query per register entry about a student, plus a fixed few (FIXED_ZIP_QUERIES).

    per_entry = len([entry for entry in REGISTER if entry.student_path])
    with django_assert_num_queries(per_entry + FIXED_ZIP_QUERIES):
        client.get(reverse("transfer:access_download", args=[request.pk]))


def _rows(data, model):
    return [row for part in data["data"] if part["model"] == model for row in part["rows"]]


def _everything_written(world, *, other_guardian):
    """A conversation with a private note, the mentor's reflection, and preparations of the student, the
    requesting guardian and the other parent; plus a letter invitation whose code hash must never leave."""
    conversation = f.ConversationFactory(
        student=world.student,
        mentor=world.users["mentor"],
        goal="Kiezen tussen zorg en techniek",
        mentor_reflection="Ik praatte te veel zelf.",
    )
    f.PrivateNoteFactory(conversation=conversation, text="Thuis speelt een scheiding.")
    f.PreparationFactory(conversation=conversation, talk_about="Mijn stage bij de garage")
    f.PreparationFactory(
        conversation=conversation,
        author=world.users["guardian"],
        author_role=RoleKind.GUARDIAN,
        talk_about="Wat vindt de school van techniek?",
    )
    f.PreparationFactory(
        conversation=conversation,
        author=other_guardian,
        author_role=RoleKind.GUARDIAN,
        talk_about="Mijn ex bemoeit zich overal mee.",
    )
    f.GuardianAnswerFactory(
        student=world.student, guardian=other_guardian, text="Alleen van de andere ouder."
    )
    f.GuardianInvitationFactory(student=world.student, guardian=world.users["guardian"])
    return conversation


def test_access_guardian_copy_holds_no_private_note_and_no_other_adults_text(login, world):
    _age(world.student, 14)
    with scopes_disabled():
        other = f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN).user
        f.GuardianshipFactory(student=world.student, guardian=other)
        _everything_written(world, other_guardian=other)
    client = login("guardian")

    _ask(client, world.student)
    _response, archive = _zip(client)

    raw = archive.read("data.json").decode()
    data = json.loads(raw)
    assert _rows(data, "conversations.PrivateNote") == []
    assert "Thuis speelt een scheiding" not in raw
    assert "Ik praatte te veel zelf" not in raw
    assert "Mijn ex bemoeit zich" not in raw and "Alleen van de andere ouder" not in raw
    assert sorted(row["talk_about"] for row in _rows(data, "conversations.Preparation")) == [
        "Mijn stage bij de garage",
        "Wat vindt de school van techniek?",
    ]
    assert [row["goal"] for row in _rows(data, "conversations.Conversation")] == [
        "Kiezen tussen zorg en techniek"
    ]
    invitation = _rows(data, "accounts.GuardianInvitation")[0]
    assert "code_hash" not in invitation and "token_hash" not in invitation


def test_access_students_own_copy_leaves_out_the_parents_texts_and_the_private_note(login, world):
    _age(world.student, 16)
    with scopes_disabled():
        other = f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN).user
        _everything_written(world, other_guardian=other)
    client = login("student")

    _ask(client, world.student)
    _response, archive = _zip(client)

    data = json.loads(archive.read("data.json"))
    assert [row["talk_about"] for row in _rows(data, "conversations.Preparation")] == [
        "Mijn stage bij de garage"
    ]
    assert _rows(data, "conversations.PrivateNote") == []
    assert _rows(data, "programme.GuardianAnswer") == []
