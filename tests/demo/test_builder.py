"""The demo school: deterministic, sized on request, with working logins and nothing shared across schools."""

import pytest
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.demo import texts
from koers.demo.builder import FIXED_USERNAMES, RICH_EXPERIENCES, DemoError, build_demo
from koers.dossier.models import Reflection
from koers.lob.content_loader import read_yaml
from koers.schools.models import Guardianship, Membership, Role, RoleKind, School, Student
from koers.schools.queries import visible_students
from tests.factories import UserFactory


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def student_names(school: School) -> list[tuple[str, str]]:
    with scopes_disabled():
        return sorted(
            Student.objects.filter(school=school).values_list("user__first_name", "user__last_name")
        )


def role_of(username: str, kind: str, school: str = "het-baken") -> Role:
    with scopes_disabled():
        return Role.objects.select_related("school").get(
            user__username=username, kind=kind, school__slug=school
        )


def test_demo_same_seed_gives_same_people_and_counts(db):
    first = build_demo(students=20, seed=5)
    first_names = student_names(first.school)

    second = build_demo(students=20, seed=5)

    assert student_names(second.school) == first_names
    assert second.counts == first.counts


def test_demo_other_seed_gives_other_people(db):
    first_names = student_names(build_demo(students=20, seed=5).school)

    assert student_names(build_demo(students=20, seed=6).school) != first_names


def test_demo_student_count_follows_the_request(db):
    small = build_demo(students=20, seed=1).counts
    larger = build_demo(students=80, seed=1).counts

    assert (small["students"], larger["students"]) == (20, 80)
    assert larger["groups"] > small["groups"]
    assert larger["experiences"] > small["experiences"]


def test_demo_rebuild_replaces_the_previous_demo(db):
    build_demo(students=20, seed=1)
    report = build_demo(students=20, seed=1)

    assert School.objects.count() == 2
    with scopes_disabled():
        assert Student.objects.count() == report.counts["students"] + report.counts["other_students"]


def test_demo_refuses_too_few_students(db):
    with pytest.raises(DemoError, match="minstens"):
        build_demo(students=3, seed=1)


def test_demo_refuses_when_a_fixed_username_belongs_to_a_real_person(db):
    UserFactory(username="mentor", email="mentor@school.example")

    with pytest.raises(DemoError, match="'mentor' bestaat al"):
        build_demo(students=20, seed=1)
    assert get_user_model().objects.filter(username="mentor").count() == 1


def test_demo_mentor_sees_own_group(db):
    report = build_demo(students=50, seed=1)
    mentor = role_of("mentor", RoleKind.MENTOR)

    with school_scope(report.school):
        usernames = set(visible_students(mentor).values_list("user__username", flat=True))

    assert "leerling" in usernames
    assert 1 < len(usernames) < report.counts["students"]


def test_demo_photos_stay_capped_for_a_large_school(db, monkeypatch):
    monkeypatch.setattr("koers.demo.base.MAX_PHOTOS", 5)

    report = build_demo(students=60, seed=1)

    assert report.counts["photos"] <= 5 + 3  # the rich dossier always has its own three


def test_demo_texts_refer_to_existing_catalogue_keys():
    qualities = {entry["key"] for entry in read_yaml("qualities.yaml")}
    motives = {entry["key"] for entry in read_yaml("motives.yaml")}
    prompts = {entry["key"] for entries in read_yaml("reflection_prompts.yaml").values() for entry in entries}

    for idea in texts.EXPERIENCES:
        assert set(idea.qualities) <= qualities, idea.title
        assert set(idea.motives) <= motives, idea.title
    assert set(texts.COMPLIMENTS) <= qualities
    assert {idea.title for idea in texts.EXPERIENCES} >= RICH_EXPERIENCES
    assert prompts <= set(texts.ANSWERS)


def test_regional_schools_fill_the_database_and_go_with_the_demo(db, fast_passwords):
    """Benchmarks (issue 19) put a region of schools in one database; a new build removes them again."""
    build_demo(students=20, seed=3, regional_schools=2)
    with scopes_disabled():
        regional = School.objects.filter(slug__startswith="demo-regio-")
        assert regional.count() == 2
        for school in regional:
            assert Student.objects.filter(school=school).count() == 20
            assert Membership.objects.filter(school=school).exists()
            assert Reflection.objects.filter(school=school).exists()
            assert not Role.objects.filter(school=school, user__username__in=FIXED_USERNAMES).exists()

    build_demo(students=20, seed=3)
    with scopes_disabled():
        assert not School.objects.filter(slug__startswith="demo-regio-").exists()
        assert School.objects.count() == 2


def test_regional_schools_can_be_people_only(db, fast_passwords):
    build_demo(students=20, seed=3, regional_schools=1, regional_dossiers=False)
    with scopes_disabled():
        regional = School.objects.get(slug="demo-regio-1")
        assert Student.objects.filter(school=regional).count() == 20
        assert Guardianship.objects.filter(student__school=regional).exists()
        assert not Reflection.objects.filter(school=regional).exists()
