"""The counsellor's and the leader's whole-school figures are computed once per change of the school: a page
view after a write shows the write, a page view without one costs no query of its own."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.dossier.domain.experiences import delete_experience, record_experience
from koers.schools.models import Role, RoleKind, School
from tests import factories as f
from tests.home.helpers import add_students, fill_dossier
from tests.schooladmin.import_support import import_file

REQUEST_OVERHEAD = 2  # session, user+roles
COUNSELLOR = reverse("home:counsellor")
LEADER = reverse("home:leader")


def _student_role(world) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.student.user, kind=RoleKind.STUDENT)


def _quiet_names(response) -> list[str]:
    return [s.name for s in response.context["page"].quiet.object_list]


def test_an_experience_shows_on_the_counsellor_page_at_the_next_view(login, world):
    client = login("counsellor")
    before = client.get(COUNSELLOR, {"weken": "4"})
    assert world.student.name in _quiet_names(before)

    with scopes_disabled():
        record_experience(
            student=world.student,
            by=_student_role(world),
            kind="side_job",
            title="Bij de bakker",
            happened_on=timezone.localdate(),
        )
    after = client.get(COUNSELLOR, {"weken": "4"})

    assert after.context["page"].totals.experiences_in_period == (
        before.context["page"].totals.experiences_in_period + 1
    )
    assert world.student.name not in _quiet_names(after)
    assert after.context["page"].quiet.paginator.count == before.context["page"].quiet.paginator.count - 1


def test_a_deleted_experience_leaves_the_counsellor_page_at_the_next_view(login, world):
    with scopes_disabled():
        experience = record_experience(
            student=world.student,
            by=_student_role(world),
            kind="side_job",
            title="Bij de bakker",
            happened_on=timezone.localdate(),
        )
    client = login("counsellor")
    before = client.get(COUNSELLOR, {"weken": "4"})

    with scopes_disabled():
        delete_experience(experience=experience, by=_student_role(world))
    after = client.get(COUNSELLOR, {"weken": "4"})

    assert before.context["page"].totals.experiences_in_period == 1
    assert after.context["page"].totals.experiences_in_period == 0
    assert world.student.name in _quiet_names(after)


def test_the_leader_sees_a_new_compliment_and_overdue_action_at_the_next_view(login, world):
    client = login("leader")
    before = client.get(LEADER).context["page"].totals

    with scopes_disabled():
        fill_dossier(world.classmate)
    after = client.get(LEADER).context["page"].totals

    assert (after.compliments, after.overdue_actions) == (before.compliments + 1, before.overdue_actions + 1)


def test_a_student_moved_to_another_group_counts_there_at_the_next_view(login, world):
    with scopes_disabled():
        other = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K2")
    client = login("leader")
    before = {g.group.name: g.students for g in client.get(LEADER).context["page"].groups}

    with scopes_disabled():
        membership = world.student.memberships.get(group=world.group)
        membership.ends_on = timezone.localdate() - dt.timedelta(days=1)
        membership.save(update_fields=["ends_on"])
        f.MembershipFactory(student=world.student, group=other, starts_on=timezone.localdate())
    after = {g.group.name: g.students for g in client.get(LEADER).context["page"].groups}

    assert before == {"3K1": 2, "3K2": 0}
    assert after == {"3K1": 1, "3K2": 1}


@pytest.mark.parametrize("size", [3, 30])
def test_an_unchanged_school_costs_no_query_of_the_page_itself(login, world, size, django_assert_num_queries):
    with scopes_disabled():
        add_students(world.group, size)
        add_students(world.group, size, filled=False)
    counsellor = login("counsellor")
    first = counsellor.get(COUNSELLOR, {"weken": "4"})

    with django_assert_num_queries(REQUEST_OVERHEAD):
        again = counsellor.get(COUNSELLOR, {"weken": "4"})

    assert again.context["page"].totals == first.context["page"].totals
    assert (
        again.context["page"].quiet.paginator.count == first.context["page"].quiet.paginator.count == size + 2
    )
    assert [s.pk for s in again.context["page"].quiet.object_list] == [
        s.pk for s in first.context["page"].quiet.object_list
    ]
    leader = login("leader")
    leader.get(LEADER)
    with django_assert_num_queries(REQUEST_OVERHEAD):
        leader.get(LEADER)


def test_the_page_says_when_the_figures_were_computed(login, world):
    html = login("counsellor").get(COUNSELLOR).content.decode()
    shown = timezone.localtime().strftime("%H:%M")

    assert "Cijfers bijgewerkt om" in html
    assert shown in html or (timezone.localtime() - dt.timedelta(minutes=1)).strftime("%H:%M") in html


def test_another_schools_change_does_not_touch_this_schools_figures(login, world):
    client = login("leader")
    client.get(LEADER)
    with scopes_disabled():
        marker = School.objects.get(pk=world.school.pk).changed_at
        fill_dossier(world.other_student)

        assert School.objects.get(pk=world.school.pk).changed_at == marker
        assert School.objects.get(pk=world.other_school.pk).changed_at > marker


def test_saving_a_school_loaded_before_a_change_keeps_the_newer_marker(world):
    with scopes_disabled():
        stale = School.objects.get(pk=world.school.pk)
        fill_dossier(world.classmate)
        newer = School.objects.get(pk=world.school.pk).changed_at
        stale.name = "Het Baken (nieuw)"
        stale.save()

        reloaded = School.objects.get(pk=world.school.pk)
    assert (reloaded.name, reloaded.changed_at) == ("Het Baken (nieuw)", newer)


def test_an_import_shows_its_new_students_on_the_leader_page_at_the_next_view(login, world):

    client = login("leader")
    before = client.get(LEADER).context["page"]

    import_file(world.school, b"Stamnr;Roepnaam;Achternaam;Klas;Mentor\n300001;Ilse;Vos;2K1;\n")
    after = client.get(LEADER).context["page"]

    assert "2K1" not in [g.group.name for g in before.groups]
    assert [(g.group.name, g.students) for g in after.groups if g.group.name == "2K1"] == [("2K1", 1)]
