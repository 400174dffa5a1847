import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.schools.models import Membership, School
from tests import factories as f
from tests.home.helpers import days_ago, fill_dossier

URL = reverse("home:counsellor")


def summary_of(response, group):
    return next(s for s in response.context["page"].groups if s.group.pk == group.pk)


def quiet_pks(response) -> list[int]:
    return [s.pk for s in response.context["page"].quiet.object_list]


def test_counsellor_page_sums_the_signals_per_group(login, world):
    with scopes_disabled():
        fill_dossier(world.student)
        fill_dossier(world.classmate)

    summary = summary_of(login("counsellor").get(URL), world.group)

    assert summary.students == 2
    assert summary.experiences_in_period == 2
    assert summary.reflections_in_period == 2
    assert summary.open_actions == 4
    assert summary.overdue_actions == 2
    assert summary.compliments == 2


def test_counsellor_page_counts_a_student_who_changed_group_only_in_the_current_group(
    login, world, other_group
):
    today = timezone.localdate()
    with scopes_disabled():
        fill_dossier(world.classmate)
        Membership.objects.filter(student=world.classmate).update(ends_on=today - dt.timedelta(days=8))
        f.MembershipFactory(
            student=world.classmate, group=other_group, starts_on=today - dt.timedelta(days=7)
        )
    response = login("counsellor").get(URL)

    old, new = summary_of(response, world.group), summary_of(response, other_group)

    assert (old.students, old.experiences_in_period, old.compliments) == (1, 0, 0)
    assert (new.students, new.experiences_in_period, new.compliments) == (2, 1, 1)


def test_counsellor_page_lists_every_group_of_this_school_year_only(login, world, other_group):
    with scopes_disabled():
        last_year = f.SchoolYearFactory(
            school=world.school, name="oud", starts_on=dt.date(2001, 8, 1), ends_on=dt.date(2002, 7, 31)
        )
        f.GroupFactory(school=world.school, school_year=last_year, name="2K9")

    response = login("counsellor").get(URL)

    assert [s.group.name for s in response.context["page"].groups] == ["3K1", "3K2"]


def test_counsellor_quiet_list_uses_the_school_default_without_a_choice(login, world):
    with scopes_disabled():
        fill_dossier(world.student, added_days_ago=10)  # inside the default 6 weeks
        School.objects.filter(pk=world.school.pk).update(inactive_after_weeks=1)

    response = login("counsellor").get(URL)

    assert response.context["page"].quiet_weeks == 1
    assert world.student.pk in quiet_pks(response)


def test_counsellor_quiet_list_honours_the_weeks_parameter(login, world):
    with scopes_disabled():
        fill_dossier(world.student, added_days_ago=10)
    client = login("counsellor")

    one_week = client.get(URL, {"weken": "1"})
    four_weeks = client.get(URL, {"weken": "4"})

    assert world.student.pk in quiet_pks(one_week)
    assert world.student.pk not in quiet_pks(four_weeks)
    assert world.classmate.pk in quiet_pks(four_weeks)  # never added anything


def test_counsellor_quiet_list_counts_a_reflection_as_activity(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, created_at=days_ago(60))
        f.ReflectionFactory(experience=experience, created_at=days_ago(2))

    response = login("counsellor").get(URL, {"weken": "4"})

    assert world.student.pk not in quiet_pks(response)


def test_counsellor_quiet_list_shows_name_group_and_link(login, world):
    html = login("counsellor").get(URL).content.decode()

    quiet = html.split('id="quiet"')[1]
    assert world.classmate.name in quiet
    assert "3K1" in quiet
    assert reverse("dossier:student", args=[world.classmate.pk]) in quiet


def test_counsellor_quiet_list_leaves_out_students_who_left(login, world):
    with scopes_disabled():
        world.classmate.left_on = timezone.localdate() - dt.timedelta(days=1)
        world.classmate.save()

    response = login("counsellor").get(URL)

    assert world.classmate.pk not in quiet_pks(response)


@pytest.mark.parametrize("bad", ["0", "53", "-3", "twee", "2.5"])
def test_counsellor_weeks_parameter_rejects_bad_values_in_dutch(login, world, bad):
    response = login("counsellor").get(URL, {"weken": bad})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een heel aantal weken van 1 tot en met 52." in html
    assert f'value="{bad}"' in html  # the input is kept
    assert response.context["page"].quiet_weeks == world.school.inactive_after_weeks


def test_counsellor_weeks_parameter_does_not_change_the_school_default(login, world):
    login("counsellor").get(URL, {"weken": "12"})

    with scopes_disabled():
        assert School.objects.get(pk=world.school.pk).inactive_after_weeks == 6


def test_counsellor_quiet_list_is_a_fragment_for_htmx(login, world):
    response = login("counsellor").get(URL, {"weken": "3"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card" id="quiet"')
    assert "<html" not in html


def test_counsellor_page_of_another_school_shows_nothing_of_the_first(login, world):
    html = login("outsider").get(URL).content.decode()

    assert world.student.name not in html
    assert world.classmate.name not in html
    assert "3K1" not in html
    assert "2H1" in html


def test_counsellor_group_sums_do_not_multiply_across_kinds(login, world):
    with scopes_disabled():
        for _ in range(2):
            f.ExperienceFactory(student=world.student, created_at=days_ago(1))
        for _ in range(3):
            f.ActionFactory(student=world.student)
        for _ in range(4):
            f.ComplimentFactory(student=world.student)

    summary = summary_of(login("counsellor").get(URL), world.group)

    assert (summary.experiences_in_period, summary.open_actions, summary.compliments) == (2, 3, 4)
    assert summary.students == 2
