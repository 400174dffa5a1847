import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.careers.models import Favourite, InterestResult
from koers.home.queries import dutch_sort_name
from koers.schools.models import Membership
from tests import factories as f
from tests.careers.factories import OccupationFactory
from tests.home.helpers import add_students, days_ago, fill_dossier

URL = reverse("home:mentor")


def page_text(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_mentor_page_lists_current_students_with_a_link_into_the_dossier(login, world):
    html = page_text(login("mentor"))

    assert world.student.name in html
    assert world.classmate.name in html
    assert reverse("dossier:student", args=[world.student.pk]) in html


def test_mentor_page_hides_students_of_another_group(login, world, other_group):
    with scopes_disabled():
        outsider_name = Membership.objects.get(group=other_group).student.name

    html = page_text(login("mentor"))

    assert outsider_name not in html


def test_mentor_page_hides_an_ended_membership(login, world):
    with scopes_disabled():
        Membership.objects.filter(student=world.classmate).update(
            ends_on=timezone.localdate() - dt.timedelta(days=1)
        )

    html = page_text(login("mentor"))

    assert world.classmate.name not in html
    assert world.student.name in html


def test_mentor_page_shows_a_student_who_changed_group_only_in_the_new_group(login, world, other_group):
    today = timezone.localdate()
    with scopes_disabled():
        Membership.objects.filter(student=world.classmate).update(ends_on=today - dt.timedelta(days=8))
        f.MembershipFactory(
            student=world.classmate, group=other_group, starts_on=today - dt.timedelta(days=7)
        )
        f.MentorshipFactory(group=other_group, mentor=world.users["mentor"])

    client = login("mentor")

    groups = {g.group.pk: [r.student.pk for r in g.rows] for g in client.get(URL).context["page"].groups}

    assert world.classmate.pk in groups[other_group.pk]
    assert world.classmate.pk not in groups[world.group.pk]
    new_group_section = page_text(client).split(f'id="group-{other_group.pk}"')[1]
    assert "nieuw in de groep sinds" in new_group_section


def test_mentor_page_does_not_call_everyone_new_at_the_start_of_the_year(login, world):
    html = page_text(login("mentor"))

    assert "nieuw in de groep" not in html


def test_mentor_page_shows_signals_of_this_period(login, world):
    with scopes_disabled():
        fill_dossier(world.student)
        old = f.ExperienceFactory(
            student=world.student, created_at=days_ago(100), happened_on=dt.date(2020, 1, 1)
        )
        f.ReflectionFactory(experience=old, created_at=days_ago(100), competence="motives")
    client = login("mentor")

    row = client.get(URL).context["page"].groups[0].rows
    signals = next(r for r in row if r.student.pk == world.student.pk)

    assert signals.experiences_in_period == 1
    assert signals.reflections_in_period == 1
    assert signals.open_actions == 2
    assert signals.overdue_actions == 1
    assert signals.compliments == 1
    assert signals.last_experience_on == timezone.localdate() - dt.timedelta(days=7)
    assert not signals.quiet


def test_mentor_page_marks_overdue_actions_with_text(login, world):
    with scopes_disabled():
        f.ActionFactory(student=world.student, due_on=timezone.localdate() - dt.timedelta(days=3))

    html = page_text(login("mentor"))

    assert "1 te laat" in html


def test_mentor_page_lists_individually_mentored_students(login, world, other_group):
    with scopes_disabled():
        loner = f.StudentFactory(school=world.school, user__first_name="Yusuf", user__last_name="Alleen")
        f.MembershipFactory(student=loner, group=other_group)
        f.MentorshipFactory(group=None, student=loner, school=world.school, mentor=world.users["mentor"])

    html = page_text(login("mentor"))

    personal = html.split('id="individual"')[1]
    assert loner.name in personal
    assert other_group.name in personal


def test_mentor_page_ignores_groups_of_last_school_year(login, world):
    with scopes_disabled():
        last_year = f.SchoolYearFactory(
            school=world.school, name="oud", starts_on=dt.date(2001, 8, 1), ends_on=dt.date(2002, 7, 31)
        )
        old_group = f.GroupFactory(school=world.school, school_year=last_year, name="2K9")
        f.MentorshipFactory(group=old_group, mentor=world.users["mentor"])
        add_students(old_group, 1)

    html = page_text(login("mentor"))

    assert "2K9" not in html


def test_mentor_page_explains_when_there_is_nothing_to_mentor(login, world):
    with scopes_disabled():
        world.group.mentorships.all().delete()

    html = page_text(login("mentor"))

    assert "Je bent nog geen mentor van een groep" in html


def test_mentor_page_sorted_for_attention_puts_overdue_first(login, world):
    with scopes_disabled():
        f.ActionFactory(student=world.classmate, due_on=timezone.localdate() - dt.timedelta(days=3))
    client = login("mentor")

    rows = client.get(URL, {"sort": "attention"}).context["page"].groups[0].rows

    assert rows[0].student.pk == world.classmate.pk


@pytest.mark.parametrize(
    ("last_name", "key"),
    [("van den Berg", "berg"), ("de Groot", "groot"), ("El Idrissi", "el idrissi"), ("Jansen", "jansen")],
)
def test_dutch_sort_name_skips_tussenvoegsels(last_name, key):
    assert dutch_sort_name(last_name) == key


def test_mentor_page_sorts_students_the_dutch_way(login, world):
    with scopes_disabled():
        world.student.user.last_name = "van Zanten"
        world.student.user.save()
        world.classmate.user.last_name = "Yilmaz"
        world.classmate.user.save()
    client = login("mentor")

    rows = client.get(URL).context["page"].groups[0].rows

    assert [r.student.pk for r in rows] == [world.classmate.pk, world.student.pk]


def test_mentor_page_points_to_careers_for_who_has_not_explored_yet(login, world):
    """A favourite or a taken interest test counts as explored; the others get a link to their careers."""
    with scopes_disabled():
        third = add_students(world.group, 1)[0]
        InterestResult.objects.create(school=world.school, student=world.student, scores={"hands": 4})
        Favourite.objects.create(school=world.school, student=world.classmate, occupation=OccupationFactory())
    client = login("mentor")

    rows = {r.student.pk: r for r in client.get(URL).context["page"].groups[0].rows}
    html = page_text(client)

    assert rows[world.student.pk].explored
    assert rows[world.classmate.pk].explored
    assert not rows[third.pk].explored
    assert html.count("nog geen beroepen verkend") == 1
    assert reverse("careers:student_careers", args=[third.pk]) in html
    assert reverse("careers:student_careers", args=[world.student.pk]) not in html


def test_mentor_page_shows_only_the_active_schools_mentorships(login, world):
    """The page's reads are raw SQL, which the tenancy scope does not guard: each filters on the school."""
    with scopes_disabled():
        elsewhere = f.GroupFactory(name="9Z9")
        f.MentorshipFactory(group=elsewhere, school=elsewhere.school, mentor=world.users["mentor"])
        pupil = add_students(elsewhere, 1)[0]
        f.MentorshipFactory(group=None, student=pupil, school=elsewhere.school, mentor=world.users["mentor"])

    html = page_text(login("mentor"))

    assert "9Z9" not in html
    assert pupil.name not in html
    assert world.student.name in html
