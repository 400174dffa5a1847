"""The class presentations after the internships: the mentor plans a group session (a group conversation),
records per student that they presented, what the class said and a photo that lands in the dossier."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from koers.conversations.models import Conversation, ConversationType
from koers.dossier.models import Evidence
from koers.partners.domain import internships as internships_domain
from koers.partners.models import ClassPresentation
from tests import factories as f
from tests.partners import factories as pf
from tests.refusals import assert_not_found, nothing_written


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def group_type(world):
    with scopes_disabled():
        return f.ConversationTypeFactory(school=world.school, is_group=True, name="Klassengesprek")


@pytest.fixture
def session(world):
    """A group conversation of the world's group held this morning."""
    with scopes_disabled():
        return f.ConversationFactory(
            student=None,
            group=world.group,
            school=world.school,
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() - dt.timedelta(hours=1),
        )


def _internship(world, student, **place):
    today = timezone.localdate()
    with scopes_disabled():
        return pf.InternshipFactory(
            student=student,
            place__partner__school=world.school,
            place__starts_on=place.get("starts_on", today - dt.timedelta(days=30)),
            place__ends_on=place.get("ends_on", today - dt.timedelta(days=10)),
        )


def test_mentor_plans_a_session_as_a_group_conversation(world, login, group_type):
    day = timezone.localdate() + dt.timedelta(days=7)

    response = login("mentor").post(
        reverse("partners:sessions", args=[world.group.pk]),
        {"date": day.isoformat(), "time": "10:00", "duration_minutes": 50, "place": "Aula"},
    )

    with scopes_disabled():
        planned = Conversation.objects.get(group=world.group)
    assert response.status_code == 302
    assert response.url == reverse("partners:session", args=[planned.pk])
    assert planned.type == group_type and planned.student is None and planned.place == "Aula"


def test_planning_in_the_past_keeps_input_and_plans_nothing(world, login, group_type):
    response = login("mentor").post(
        reverse("partners:sessions", args=[world.group.pk]),
        {"date": "2020-01-01", "time": "10:00", "duration_minutes": 50, "place": "Aula"},
    )

    assert response.status_code == 400
    assert 'value="Aula"' in response.content.decode()
    with scopes_disabled():
        assert not Conversation.objects.exists()


def test_without_a_group_type_the_message_says_so(world, login):
    day = timezone.localdate() + dt.timedelta(days=7)
    with scopes_disabled():  # the school switched its shipped group conversation off
        ConversationType.objects.filter(school=world.school, is_group=True).update(active=False)

    response = login("mentor").post(
        reverse("partners:sessions", args=[world.group.pk]),
        {"date": day.isoformat(), "time": "10:00", "duration_minutes": 50, "place": "Aula"},
    )

    assert response.status_code == 400
    assert "groepsgesprekken" in response.content.decode()


def test_session_lists_the_students_with_an_internship_and_records_who_presented(world, login, session):
    mine = _internship(world, world.student)
    theirs = _internship(world, world.classmate)
    client = login("mentor")

    page = client.get(reverse("partners:session", args=[session.pk]))
    assert page.status_code == 200
    assert world.student.name in page.content.decode() and world.classmate.name in page.content.decode()

    response = client.post(
        reverse("partners:session", args=[session.pk]),
        {
            "internship": mine.pk,
            "class_said": "Mooie foto's van de keuken",
            "photo": SimpleUploadedFile("p.jpg", jpeg(), content_type="image/jpeg"),
        },
    )

    assert response.status_code == 302
    with scopes_disabled():
        recorded = ClassPresentation.objects.get(internship=mine)
        assert recorded.conversation_id == session.pk
        assert recorded.presented_on == timezone.localdate(session.scheduled_at)
        assert recorded.class_said == "Mooie foto's van de keuken"
        assert not ClassPresentation.objects.filter(internship=theirs).exists()
    html = client.get(reverse("partners:session", args=[session.pk])).content.decode()
    assert "1 van 2 leerlingen heeft gepresenteerd." in html


def test_the_photo_of_the_presentation_lands_in_the_students_dossier(world, login, role_of, session):
    mine = _internship(world, world.student)
    with scopes_disabled():
        internships_domain.reflect_afterwards(
            by=role_of("student"), internship=mine, what_i_did="Koken", went_well="", learned_about_me=""
        )

    login("mentor").post(
        reverse("partners:session", args=[session.pk]),
        {
            "internship": mine.pk,
            "class_said": "",
            "photo": SimpleUploadedFile("p.jpg", jpeg(), content_type="image/jpeg"),
        },
    )

    with scopes_disabled():
        photos = Evidence.objects.filter(student=world.student, kind="photo")
        assert [e.experience_id for e in photos] == [mine.experience_id]


def test_a_student_of_another_group_is_a_404_and_nothing_is_saved(world, login, session):
    with scopes_disabled():
        other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K2")
        outsider = f.StudentFactory(school=world.school)
        f.MembershipFactory(student=outsider, group=other_group)
    theirs = _internship(world, outsider)

    response = login("mentor").post(
        reverse("partners:session", args=[session.pk]), {"internship": theirs.pk, "class_said": "x"}
    )

    assert response.status_code == 404
    with scopes_disabled():
        assert not ClassPresentation.objects.exists()


def test_a_session_of_another_mentors_group_is_a_404(world, client, session):
    with scopes_disabled():
        other = f.RoleFactory(school=world.school, kind="mentor").user
    client.force_login(other)

    with nothing_written(ClassPresentation):
        response = client.get(reverse("partners:session", args=[session.pk]))

    assert_not_found(response, world.student.user.get_full_name())


def test_a_text_that_is_not_a_photo_keeps_what_the_class_said(world, login, session):
    mine = _internship(world, world.student)

    response = login("mentor").post(
        reverse("partners:session", args=[session.pk]),
        {
            "internship": mine.pk,
            "class_said": "Goed verteld",
            "photo": SimpleUploadedFile("p.jpg", b"geen foto", content_type="image/jpeg"),
        },
    )

    assert response.status_code == 400
    assert "Goed verteld" in response.content.decode()
    with scopes_disabled():
        assert not ClassPresentation.objects.exists()


@pytest.mark.parametrize("size", [1, 5])
def test_session_page_costs_a_fixed_number_of_queries(world, login, session, django_assert_num_queries, size):
    for _n in range(size):
        with scopes_disabled():
            student = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=student, group=world.group)
        internship = _internship(world, student)
        with scopes_disabled():
            ClassPresentation.objects.create(
                school=world.school,
                internship=internship,
                conversation=session,
                presented_on=timezone.localdate(),
            )
    client = login("mentor")

    with django_assert_num_queries(SESSION_QUERIES):
        response = client.get(reverse("partners:session", args=[session.pk]))

    assert response.context["page"].presented == size


@pytest.mark.parametrize("size", [1, 5])
def test_sessions_page_costs_a_fixed_number_of_queries(world, login, django_assert_num_queries, size):
    with scopes_disabled():
        for n in range(size):
            f.ConversationFactory(
                student=None,
                group=world.group,
                school=world.school,
                mentor=world.users["mentor"],
                scheduled_at=timezone.now() + dt.timedelta(days=n + 1),
            )
    client = login("mentor")

    with django_assert_num_queries(SESSIONS_QUERIES):
        response = client.get(reverse("partners:sessions", args=[world.group.pk]))

    assert len(response.context["sessions"]) == size


# session, user+roles; the session (with its group); the internships with their presentations.
SESSION_QUERIES = 4
# session, user+roles; the group; the sessions with their type; how many presented in each.
SESSIONS_QUERIES = 5
