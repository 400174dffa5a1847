"""Who sees a guardian's answer to a home assignment: the mentor and counsellor following the assignment, and
the child it is about; the guardian is told so on the form. Playing the voice note as staff is logged."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditAction, AuditEntry
from koers.programme.models import GuardianAnswer
from koers.schools.models import Group, RoleKind
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written

REQUEST_OVERHEAD = 2  # session, user+roles


def _home_assignment(world):
    with scopes_disabled():
        given = f.GivenAssignmentFactory(
            assignment__school=world.school,
            assignment__audience="home",
            assignment__title="Praten over werk",
            given_by=world.users["mentor"],
        )
        given.groups.add(world.group)
    return given


def _answered(login, world, given, **data):
    """The world guardian answers ``given`` through their own form, as they would."""
    response = login("guardian").post(
        reverse("programme:guardian_answer", args=[world.student.pk, given.pk]),
        {"text": "", "language": "nl", **data},
    )
    assert response.status_code == 302
    with scopes_disabled():
        return GuardianAnswer.objects.get(given=given, student=world.student)


def _voice_url(answer):
    return reverse("programme:guardian_answer_voice", args=[answer.pk])


def _as_new_user(world, school, kind, *, mentor_of=None, guardian_of=None) -> Client:
    with scopes_disabled():
        user = f.RoleFactory(school=school, kind=kind).user
        if mentor_of is not None:
            f.MentorshipFactory(group=mentor_of, mentor=user)
        if guardian_of is not None:
            f.GuardianshipFactory(student=guardian_of, guardian=user)
    client = Client()
    client.force_login(user)
    return client


def _audit_rows(world):
    with scopes_disabled():
        return list(AuditEntry.objects.filter(student=world.student))


# --- the mentor's follow-up ---------------------------------------------------------------------------


def test_mentor_sees_the_guardians_answer_with_its_language_and_voice(login, world):
    given = _home_assignment(world)
    answer = _answered(login, world, given, text="تحدثنا عن عمل الجد", language="ar", voice=f.sample_ogg())

    response = login("mentor").get(reverse("programme:given", args=[given.pk]))

    html = response.content.decode()
    assert '<p class="work-answer" lang="ar" dir="rtl">تحدثنا عن عمل الجد</p>' in html
    assert "Arabisch" in html
    assert str(world.users["guardian"]) in html
    assert f'src="{_voice_url(answer)}"' in html
    assert response.context["progress"].with_guardian_answer == 1
    assert "antwoordde bij 1 leerling" in html


def test_dutch_answer_reads_left_to_right(login, world):
    given = _home_assignment(world)
    _answered(login, world, given, text="We praatten over de bakkerij.", language="nl")

    html = login("counsellor").get(reverse("programme:given", args=[given.pk])).content.decode()

    assert 'lang="nl" dir="ltr">We praatten over de bakkerij.</p>' in html


def test_mentor_can_play_the_guardians_voice_note(login, world):
    given = _home_assignment(world)
    answer = _answered(login, world, given, voice=f.sample_ogg())

    response = login("mentor").get(_voice_url(answer))

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/ogg"


def test_mentor_of_another_group_cannot_play_the_voice_note(login, world):
    given = _home_assignment(world)
    answer = _answered(login, world, given, voice=f.sample_ogg())
    with scopes_disabled():
        other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")
    client = _as_new_user(world, world.school, RoleKind.MENTOR, mentor_of=other_group)

    with nothing_written():  # no "listened" row either
        assert_not_found(client.get(_voice_url(answer)))
        assert_not_found(client.get(reverse("programme:given", args=[given.pk])), given.assignment.title)


def test_mentor_at_another_school_cannot_play_the_voice_note(login, world):
    given = _home_assignment(world)
    answer = _answered(login, world, given, voice=f.sample_ogg())
    with scopes_disabled():
        their_group = Group.objects.get(school=world.other_school)
    client = _as_new_user(world, world.other_school, RoleKind.MENTOR, mentor_of=their_group)

    with nothing_written():
        assert_not_found(client.get(_voice_url(answer)))


def test_guardian_of_another_child_cannot_play_the_voice_note(login, world):
    given = _home_assignment(world)
    answer = _answered(login, world, given, voice=f.sample_ogg())
    client = _as_new_user(world, world.school, RoleKind.GUARDIAN, guardian_of=world.classmate)

    with nothing_written():
        assert_not_found(client.get(_voice_url(answer)))


# --- the audit log ------------------------------------------------------------------------------------


def test_staff_playing_the_voice_note_writes_one_audit_row(login, world):
    given = _home_assignment(world)
    answer = _answered(login, world, given, voice=f.sample_ogg())
    client = login("mentor")
    before = len(_audit_rows(world))

    client.get(_voice_url(answer))
    client.get(_voice_url(answer), HTTP_RANGE="bytes=20-")  # the player fetching the rest

    rows = _audit_rows(world)
    assert len(rows) - before == 1
    newest = rows[-1]
    assert (newest.actor, newest.actor_role, newest.action) == (
        world.users["mentor"],
        RoleKind.MENTOR,
        AuditAction.DOWNLOAD,
    )
    assert "Praten over werk" in newest.subject


@pytest.mark.parametrize("persona", ["guardian", "student"])
def test_guardian_and_child_playing_the_voice_note_write_no_audit_row(login, world, persona):
    given = _home_assignment(world)
    answer = _answered(login, world, given, voice=f.sample_ogg())
    before = len(_audit_rows(world))

    response = login(persona).get(_voice_url(answer))

    assert response.status_code == 200
    assert len(_audit_rows(world)) == before


# --- the student's work page --------------------------------------------------------------------------


def test_student_sees_their_guardians_answer_on_the_work_page(login, world):
    given = _home_assignment(world)
    answer = _answered(login, world, given, text="Opa vertelde over de haven.", voice=f.sample_ogg())

    client = login("student")
    html = client.get(reverse("programme:work", args=[given.pk])).content.decode()

    assert "Antwoord van je ouder/verzorger" in html
    assert "Opa vertelde over de haven." in html
    assert f'src="{_voice_url(answer)}"' in html
    assert client.get(_voice_url(answer)).status_code == 200


def test_classmate_does_not_see_another_childs_guardian_answer(login, world):
    given = _home_assignment(world)
    answer = _answered(login, world, given, text="Opa vertelde over de haven.", voice=f.sample_ogg())

    client = login("classmate")
    html = client.get(reverse("programme:work", args=[given.pk])).content.decode()

    assert "Opa vertelde over de haven." not in html
    assert "Antwoord van je ouder/verzorger" not in html
    assert client.get(_voice_url(answer)).status_code == 404


# --- the guardian's form ------------------------------------------------------------------------------


def test_guardian_is_told_who_sees_the_answer(login, world):
    given = _home_assignment(world)

    html = (
        login("guardian")
        .get(reverse("programme:guardian_answer", args=[world.student.pk, given.pk]))
        .content.decode()
    )

    assert "Samira ziet uw antwoord, en op school de mentor en de decaan van Samira." in html


# --- query count --------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 8])
def test_given_detail_with_guardian_answers_costs_a_fixed_number_of_queries(
    login, world, size, django_assert_num_queries
):
    given = _home_assignment(world)
    with scopes_disabled():
        for n in range(size):
            student = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=student, group=world.group)
            f.GuardianAnswerFactory(
                given=given,
                school=world.school,
                student=student,
                language="fa",
                voice=ContentFile(b"OggS" + bytes(60), name=f"antwoord-{n}.ogg"),
                voice_content_type="audio/ogg",
            )
    client = login("mentor")

    with django_assert_num_queries(REQUEST_OVERHEAD + 5):
        response = client.get(reverse("programme:given", args=[given.pk]))

    assert response.context["progress"].with_guardian_answer == size
    assert response.content.decode().count("<audio") == size
