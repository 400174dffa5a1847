"""The mentor's due/planned/done/overdue page and "Mijn gesprekken" for students and guardians."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationStatus, ConversationType
from koers.conversations.queries.planning import Due, mentor_overview
from tests import factories as f
from tests.conversations.planning_setup import in_days, role_of, types_of


@pytest.fixture
def types(world):
    return types_of(world)


@pytest.fixture
def current_round(world):
    with scopes_disabled():
        return f.ConversationRoundFactory(school_year=world.group.school_year, year_level=3, name="Ronde 1")


def talk(world, types, student, **kwargs):
    kwargs.setdefault("type", types["kennismaking"])
    with scopes_disabled():
        return f.ConversationFactory(student=student, mentor=world.users["mentor"], **kwargs)


def statuses(world):
    with scopes_disabled():
        (overview,) = mentor_overview(role_of(world, "mentor"))
    return {row.student.pk: row.status for row in overview.students}


def test_a_student_without_a_conversation_in_the_running_round_is_due(world, types, current_round):
    assert statuses(world)[world.student.pk] == Due.DUE


def test_a_planned_conversation_in_the_round_shows_as_planned(world, types, current_round):
    talk(world, types, world.student, round=current_round, scheduled_at=in_days(2))

    assert statuses(world)[world.student.pk] == Due.PLANNED


def test_a_closed_conversation_in_the_round_shows_as_done(world, types, current_round):
    talk(
        world,
        types,
        world.student,
        round=current_round,
        scheduled_at=in_days(-2),
        status=ConversationStatus.CLOSED,
    )

    assert statuses(world)[world.student.pk] == Due.DONE


def test_a_date_that_passed_without_closing_is_overdue(world, types, current_round):
    talk(world, types, world.student, round=current_round, scheduled_at=in_days(-1))

    assert statuses(world)[world.student.pk] == Due.OVERDUE


def test_a_student_without_a_conversation_in_an_ended_round_is_overdue(world, types):
    with scopes_disabled():
        f.ConversationRoundFactory(
            school_year=world.group.school_year,
            year_level=3,
            starts_on=timezone.localdate() - dt.timedelta(days=40),
            ends_on=timezone.localdate() - dt.timedelta(days=1),
        )

    assert statuses(world)[world.student.pk] == Due.OVERDUE


def test_a_cancelled_conversation_leaves_the_student_due(world, types, current_round):
    talk(world, types, world.student, round=current_round, status=ConversationStatus.CANCELLED)

    assert statuses(world)[world.student.pk] == Due.DUE


def test_a_conversation_of_an_earlier_round_does_not_count_for_the_current_one(world, types, current_round):
    with scopes_disabled():
        earlier = f.ConversationRoundFactory(
            school_year=world.group.school_year,
            year_level=3,
            starts_on=timezone.localdate() - dt.timedelta(days=100),
            ends_on=timezone.localdate() - dt.timedelta(days=60),
        )
    talk(
        world,
        types,
        world.student,
        round=earlier,
        scheduled_at=in_days(-80),
        status=ConversationStatus.CLOSED,
    )

    assert statuses(world)[world.student.pk] == Due.DUE


def test_mentor_page_shows_each_student_with_status_and_a_plan_link(world, types, current_round, login):
    talk(world, types, world.classmate, round=current_round, scheduled_at=in_days(4))

    page = login("mentor").get(reverse("conversations:mentor"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "3K1" in html
    assert f"{reverse('conversations:plan')}?student={world.student.pk}" in html
    assert "Nog plannen" in html and "Gepland" in html


def test_mentor_page_without_a_round_says_so(world, types, login):
    page = login("mentor").get(reverse("conversations:mentor"))

    assert "nog geen gespreksronde" in page.content.decode()


def test_reading_the_mentor_page_copies_no_content(world, login):
    """Shipped content is copied when a school is created and by `koers load-content`, never by a GET."""

    with scopes_disabled():
        ConversationType.objects.filter(school=world.school, key="driegesprek").delete()

    login("mentor").get(reverse("conversations:mentor"))

    with scopes_disabled():
        assert not ConversationType.objects.filter(school=world.school, key="driegesprek").exists()


# Session, user, roles; groups, rounds, memberships with students, conversations of
# those students in the current rounds, their next planned conversations and the groups' mentors; the
# mentor's own upcoming conversations; the overdue agreements list.
QUERIES_MENTOR_PAGE = 10


def add_students(world, types, current_round, count):
    with scopes_disabled():
        for n in range(count):
            student = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=student, group=world.group)
            guardian = f.UserFactory()
            f.GuardianshipFactory(student=student, guardian=guardian)
            status = ConversationStatus.CLOSED if n % 2 else ConversationStatus.PLANNED
            for _ in range(2):  # history: more conversations per student, in and out of the round
                f.ConversationFactory(
                    student=student,
                    type=types["stage"],
                    mentor=world.users["mentor"],
                    round=current_round,
                    status=status,
                )
                f.ConversationFactory(student=student, type=types["stage"], mentor=world.users["mentor"])


@pytest.mark.parametrize("size", [2, 12])
def test_mentor_page_costs_a_fixed_number_of_queries(
    world, types, current_round, login, size, django_assert_num_queries
):
    add_students(world, types, current_round, size)
    client = login("mentor")
    client.get(reverse("conversations:mentor"))  # warm the session

    with django_assert_num_queries(QUERIES_MENTOR_PAGE):
        page = client.get(reverse("conversations:mentor"))

    assert page.status_code == 200


# --- Mijn gesprekken ---


def test_student_sees_their_planned_conversation(world, types, login):
    talk(world, types, world.student, scheduled_at=in_days(3), place="Lokaal 7")

    page = login("student").get(reverse("conversations:mine"))

    html = page.content.decode()
    assert "Kennismakingsgesprek" in html and "Lokaal 7" in html


def test_student_sees_a_group_conversation_of_their_group(world, types, login):
    with scopes_disabled():
        f.ConversationFactory(
            student=None,
            group=world.group,
            school=world.school,
            type=types["groepsgesprek"],
            mentor=world.users["mentor"],
        )

    page = login("student").get(reverse("conversations:mine"))

    assert "Groepsgesprek in de klas" in page.content.decode()


def test_classmate_does_not_see_the_students_conversation(world, types, login):
    talk(world, types, world.student)

    page = login("classmate").get(reverse("conversations:mine"))

    assert "Kennismakingsgesprek" not in page.content.decode()


def test_guardian_sees_the_driegesprek_they_were_invited_to(world, types, login):
    conversation = talk(world, types, world.student, type=types["driegesprek"])
    with scopes_disabled():
        conversation.guardians.add(world.users["guardian"])

    page = login("guardian").get(reverse("conversations:mine"))

    assert "Driegesprek met ouder(s)" in page.content.decode()


def test_guardian_does_not_see_a_private_conversation_they_were_not_invited_to(world, types, login):
    talk(world, types, world.student)

    page = login("guardian").get(reverse("conversations:mine"))

    assert "Kennismakingsgesprek" not in page.content.decode()


def test_guardian_sees_a_conversation_whose_summary_was_shared(world, types, login):
    talk(
        world,
        types,
        world.student,
        scheduled_at=in_days(-3),
        status=ConversationStatus.CLOSED,
        shared_with_guardians=True,
    )

    page = login("guardian").get(reverse("conversations:mine"))

    assert "Kennismakingsgesprek" in page.content.decode()


# --- issue 12, item 3: what the mentor just planned stays in sight; item 15: the counsellor's view ---


def test_a_conversation_planned_after_the_held_one_shows_on_the_mentor_page(
    world, types, current_round, login
):
    held = talk(
        world,
        types,
        world.student,
        round=current_round,
        scheduled_at=in_days(-20),
        status=ConversationStatus.CLOSED,
    )
    follow_up = talk(world, types, world.student, scheduled_at=in_days(5))  # outside any round

    page = login("mentor").get(reverse("conversations:mentor"))

    html = page.content.decode()
    assert reverse("conversations:detail", args=[held.pk]) in html
    assert reverse("conversations:reschedule", args=[follow_up.pk]) in html
    (row,) = [r for o in page.context["overviews"] for r in o.students if r.student == world.student]
    assert row.also_planned == follow_up


def test_mentor_page_lists_their_own_upcoming_conversations_and_a_calendar(world, types, login):
    mine = talk(world, types, world.student, scheduled_at=in_days(3), place="Lokaal 9")
    with scopes_disabled():
        f.ConversationFactory(
            student=world.classmate, type=types["kennismaking"], mentor=world.users["counsellor"]
        )

    client = login("mentor")
    page = client.get(reverse("conversations:mentor"))

    assert [c.pk for c in page.context["upcoming"]] == [mine.pk]
    assert reverse("conversations:mentor_ics") in page.content.decode()
    calendar = client.get(reverse("conversations:mentor_ics"))
    text = b"".join(calendar.streaming_content if calendar.streaming else [calendar.content]).decode()
    assert calendar["Content-Type"].startswith("text/calendar")
    assert text.count("BEGIN:VEVENT") == 1 and "METHOD:PUBLISH" in text
    assert "Lokaal 9" in text


def test_counsellor_sees_progress_of_every_group_with_its_mentor(world, types, current_round, login):
    talk(world, types, world.student, round=current_round, scheduled_at=in_days(2))

    page = login("counsellor").get(reverse("conversations:mentor"))

    assert page.status_code == 200
    (overview,) = [o for o in page.context["summary"] if o.group == world.group]
    assert overview.count("planned") == 1
    assert world.users["mentor"] in overview.mentors
    detail = login("counsellor").get(reverse("conversations:mentor") + f"?groep={world.group.pk}")
    assert str(world.student.user) in detail.content.decode()
