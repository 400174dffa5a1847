"""Planning the programme: the domain verbs for activities, activity types and copying a year forward."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scopes_disabled

from koers.programme.content import ensure_activity_types
from koers.programme.domain import activities as domain
from koers.programme.models import Activity, ActivityType
from koers.schools.models import Group, Role, SchoolYear
from tests import factories as f


def role_of(world: Any, persona: str) -> Role:
    with scopes_disabled():
        return Role.objects.select_related("school").get(user=world.users[persona], school=world.school)


@pytest.fixture
def counsellor(world, in_school) -> Role:
    return role_of(world, "counsellor")


@pytest.fixture
def year(world) -> SchoolYear:
    return world.group.school_year


@pytest.fixture
def visit(world, in_school) -> ActivityType:
    ensure_activity_types(world.school)
    return ActivityType.objects.get(school=world.school, key="company_visit")


def plan(counsellor: Role, year: SchoolYear, visit: ActivityType, **changes: Any) -> Activity:
    fields: dict[str, Any] = {
        "by": counsellor,
        "school_year": year,
        "type": visit,
        "title": "Bedrijfsbezoek bakkerij",
        "track": "vmbo_k",
        "year_level": 3,
        "starts_on": year.starts_on + dt.timedelta(days=70),
        "precision": "day",
    }
    fields.update(changes)
    return domain.plan_activity(**fields)


def test_plan_activity_saves_the_activity_with_its_groups(world, counsellor, year, visit):
    activity = plan(
        counsellor,
        year,
        visit,
        groups=[world.group],
        has_reflection=True,
        checks_note="Nabespreking in de mentorles.",
        competences=["networking", "qualities"],
        elements=["practice"],
    )

    assert list(activity.groups.all()) == [world.group]
    # Stored in the vocabulary's order, whatever order they were ticked in.
    assert activity.competences == ["qualities", "networking"]
    assert activity.has_reflection


def test_plan_activity_in_a_month_is_stored_as_its_first_day(counsellor, year, visit):
    activity = plan(
        counsellor, year, visit, starts_on=year.starts_on.replace(month=10, day=17), precision="month"
    )

    assert activity.starts_on == year.starts_on.replace(month=10, day=1)


def test_plan_activity_with_a_date_outside_the_school_year_is_refused(counsellor, year, visit):
    with pytest.raises(ValidationError) as refused:
        plan(counsellor, year, visit, starts_on=year.ends_on + dt.timedelta(days=1))

    assert "buiten schooljaar" in refused.value.message_dict["starts_on"][0]
    assert not Activity.objects.exists()


def test_plan_activity_in_a_month_outside_the_school_year_is_refused(counsellor, year, visit):
    with pytest.raises(ValidationError) as refused:
        plan(counsellor, year, visit, starts_on=year.starts_on - dt.timedelta(days=40), precision="month")

    assert "starts_on" in refused.value.message_dict


def test_plan_activity_for_a_group_of_another_school_is_refused_and_saves_nothing(
    world, counsellor, year, visit
):
    with scopes_disabled():
        foreign = Group.objects.get(school=world.other_school)

    with pytest.raises(PermissionDenied):
        plan(counsellor, year, visit, groups=[foreign])

    assert not Activity.objects.exists()


def test_plan_activity_for_a_group_of_another_year_level_is_refused(world, counsellor, year, visit):
    with pytest.raises(ValidationError) as refused:
        plan(counsellor, year, visit, year_level=2, groups=[world.group])

    assert "3K1" in refused.value.message_dict["groups"][0]
    assert not Activity.objects.exists()


def test_plan_activity_with_a_student_as_responsible_is_refused(world, counsellor, year, visit):
    with pytest.raises(ValidationError) as refused:
        plan(counsellor, year, visit, responsible=world.student.user)

    assert "responsible" in refused.value.message_dict


def test_plan_activity_with_a_staff_member_as_responsible_is_saved(world, counsellor, year, visit):
    activity = plan(counsellor, year, visit, responsible=world.users["teacher"])

    assert activity.responsible == world.users["teacher"]


def test_plan_activity_by_a_mentor_is_refused(world, year, visit):
    with pytest.raises(PermissionDenied):
        plan(role_of(world, "mentor"), year, visit)


def test_plan_activity_with_a_switched_off_type_is_refused(counsellor, year, visit):
    visit.active = False
    visit.save()

    with pytest.raises(ValidationError) as refused:
        plan(counsellor, year, visit)

    assert "type" in refused.value.message_dict


def test_update_activity_changes_the_checks_and_groups(world, counsellor, year, visit):
    activity = plan(counsellor, year, visit, groups=[world.group])

    domain.update_activity(
        by=counsellor,
        activity=activity,
        type=visit,
        title="Bezoek aan de bakkerij",
        track="vmbo_k",
        year_level=3,
        starts_on=activity.starts_on,
        precision="day",
        involves_guardians=True,
        checks_note="Ouders komen mee op de ouderavond.",
    )

    activity.refresh_from_db()
    assert activity.title == "Bezoek aan de bakkerij"
    assert activity.involves_guardians
    assert not activity.groups.exists()


def test_update_activity_outside_the_school_year_keeps_the_old_values(counsellor, year, visit):
    activity = plan(counsellor, year, visit)

    with pytest.raises(ValidationError):
        domain.update_activity(
            by=counsellor,
            activity=activity,
            type=visit,
            title="Verplaatst",
            track="vmbo_k",
            year_level=3,
            starts_on=year.ends_on + dt.timedelta(days=3),
            precision="day",
        )

    activity.refresh_from_db()
    assert activity.title == "Bedrijfsbezoek bakkerij"


def test_remove_activity_removes_it(counsellor, year, visit):
    activity = plan(counsellor, year, visit)

    domain.remove_activity(by=counsellor, activity=activity)

    assert not Activity.objects.exists()


def test_remove_activity_with_participation_is_refused(world, counsellor, year, visit):
    activity = plan(counsellor, year, visit)
    f.ParticipationFactory(activity=activity, student=world.student, noted_by=world.users["teacher"])

    with pytest.raises(ValidationError):
        domain.remove_activity(by=counsellor, activity=activity)

    assert Activity.objects.filter(pk=activity.pk).exists()


def test_add_activity_type_adds_an_own_type(world, counsellor, visit):
    added = domain.add_activity_type(
        by=counsellor, name="Sollicitatietraining", icon="activity.professional_talk"
    )

    assert not added.shipped
    assert added.key == "sollicitatietraining"
    assert added.school == world.school


def test_add_activity_type_with_a_pictogram_outside_the_catalogue_is_refused(counsellor, visit):
    with pytest.raises(ValidationError) as refused:
        domain.add_activity_type(by=counsellor, name="Sollicitatietraining", icon="🤝")

    assert "icon" in refused.value.message_dict
    assert not ActivityType.objects.filter(name="Sollicitatietraining").exists()


def test_add_activity_type_with_a_name_in_use_is_refused(counsellor, visit):
    with pytest.raises(ValidationError) as refused:
        domain.add_activity_type(by=counsellor, name="bedrijfsbezoek of excursie")

    assert "name" in refused.value.message_dict


def test_change_activity_type_renames_a_shipped_type(counsellor, visit):
    domain.change_activity_type(by=counsellor, type=visit, name="Werkbezoek", icon="activity.company_visit")

    visit.refresh_from_db()
    assert (visit.name, visit.key, visit.shipped) == ("Werkbezoek", "company_visit", True)


def test_change_activity_type_of_another_school_is_refused(world, counsellor):
    with scopes_disabled():
        foreign = f.ActivityTypeFactory(school=world.other_school)

    with pytest.raises(PermissionDenied):
        domain.change_activity_type(by=counsellor, type=foreign, name="Van ons")


# --- copying forward ---


@pytest.fixture
def next_year(world, year) -> SchoolYear:
    with scopes_disabled():
        return f.SchoolYearFactory(
            school=world.school,
            starts_on=year.starts_on.replace(year=year.starts_on.year + 1),
            ends_on=year.ends_on.replace(year=year.ends_on.year + 1),
        )


def test_copy_programme_forward_shifts_dates_a_year_and_maps_groups_by_name(
    world, counsellor, year, next_year, visit
):
    source = plan(counsellor, year, visit, groups=[world.group])
    with scopes_disabled():
        new_group = f.GroupFactory(school=world.school, school_year=next_year, name="3K1")

    result = domain.copy_programme_forward(by=counsellor, from_year=year, to_year=next_year)

    copy = Activity.objects.get(school_year=next_year)
    assert result == domain.CopyResult(copied=1, skipped=0)
    assert copy.starts_on == source.starts_on.replace(year=source.starts_on.year + 1)
    assert list(copy.groups.all()) == [new_group]
    assert copy.copied_from == source


def test_copy_programme_forward_twice_adds_nothing_the_second_time(counsellor, year, next_year, visit):
    plan(counsellor, year, visit)
    domain.copy_programme_forward(by=counsellor, from_year=year, to_year=next_year)

    again = domain.copy_programme_forward(by=counsellor, from_year=year, to_year=next_year)

    assert again == domain.CopyResult(copied=0, skipped=1)
    assert Activity.objects.filter(school_year=next_year).count() == 1


def test_copy_programme_forward_into_an_earlier_year_is_refused(counsellor, year, next_year, visit):
    plan(counsellor, year, visit)

    with pytest.raises(ValidationError):
        domain.copy_programme_forward(by=counsellor, from_year=next_year, to_year=year)

    assert Activity.objects.count() == 1


def test_copy_programme_forward_from_another_school_is_refused(world, counsellor, year):
    with scopes_disabled():
        foreign_year = f.SchoolYearFactory(school=world.other_school, name="ander")

    with pytest.raises(PermissionDenied):
        domain.copy_programme_forward(by=counsellor, from_year=foreign_year, to_year=year)
