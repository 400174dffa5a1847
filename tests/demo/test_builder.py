"""The demo school: deterministic, sized on request, with working logins and nothing shared across schools."""

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from koers.access.tenancy import school_scope
from koers.demo import texts
from koers.demo.builder import FIXED_USERNAMES, RICH_EXPERIENCES, DemoError, build_demo
from koers.demo.options import DEMO_PASSWORD
from koers.dossier.models import Action, ActionStatus, Evidence, EvidenceKind, Reflection
from koers.lob.content_loader import read_yaml
from koers.lob.vocabulary import Competence
from koers.schools.models import Guardianship, Membership, Role, RoleKind, School, SchoolYear, Student, Track
from koers.schools.queries import get_student_for, visible_students
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


@pytest.mark.parametrize(
    ("username", "kind", "school"),
    [
        ("leerling", RoleKind.STUDENT, "het-baken"),
        ("nieuwkomer", RoleKind.STUDENT, "het-baken"),
        ("mentor", RoleKind.MENTOR, "het-baken"),
        ("decaan", RoleKind.COUNSELLOR, "het-baken"),
        ("docent", RoleKind.TEACHER, "het-baken"),
        ("ouder", RoleKind.GUARDIAN, "het-baken"),
        ("ouder2", RoleKind.GUARDIAN, "het-baken"),
        ("schoolleider", RoleKind.LEADER, "het-baken"),
        ("beheer", RoleKind.ADMIN, "het-baken"),
        ("buitenstaander", RoleKind.COUNSELLOR, "de-overkant"),
    ],
)
def test_demo_fixed_login_works_with_the_demo_password(db, client, fast_passwords, username, kind, school):
    build_demo(students=20, seed=1)

    assert client.login(username=username, password=DEMO_PASSWORD)
    assert role_of(username, kind, school)


def test_demo_report_lists_every_fixed_login(db):
    report = build_demo(students=20, seed=1)

    assert [login.username for login in report.logins] == list(FIXED_USERNAMES)
    assert all(login.description for login in report.logins)


@pytest.mark.parametrize("username", ["leerling", "mentor", "decaan", "ouder"])
def test_demo_landing_page_opens_for_fixed_login(db, client, username):
    build_demo(students=30, seed=1)
    client.force_login(get_user_model().objects.get(username=username))

    response = client.get("/", follow=True)

    assert response.status_code == 200


def test_demo_docent_works_at_both_schools(db):
    build_demo(students=20, seed=1)

    with scopes_disabled():
        schools = set(Role.objects.filter(user__username="docent").values_list("school__slug", flat=True))
    assert schools == {"het-baken", "de-overkant"}


def test_demo_outsider_sees_no_student_of_het_baken(db):
    report = build_demo(students=20, seed=1)
    outsider = role_of("buitenstaander", RoleKind.COUNSELLOR, "de-overkant")
    with scopes_disabled():
        leerling = Student.objects.get(user__username="leerling")

    with school_scope(report.other_school):
        visible = list(visible_students(outsider))
        with pytest.raises(Http404):
            get_student_for(outsider, leerling.pk)

    assert len(visible) == report.counts["other_students"]
    assert {student.school_id for student in visible} == {report.other_school.pk}


def test_demo_mentor_sees_own_group(db):
    report = build_demo(students=50, seed=1)
    mentor = role_of("mentor", RoleKind.MENTOR)

    with school_scope(report.school):
        usernames = set(visible_students(mentor).values_list("user__username", flat=True))

    assert "leerling" in usernames
    assert 1 < len(usernames) < report.counts["students"]


def test_demo_photos_are_real_jpegs_in_storage(db):
    build_demo(students=20, seed=1)

    with scopes_disabled():
        photos = list(Evidence.objects.filter(kind=EvidenceKind.PHOTO))
    assert photos
    for photo in photos:
        assert default_storage.exists(photo.file.name)
        assert default_storage.size(photo.file.name) == photo.size
        with default_storage.open(photo.file.name) as fh, Image.open(fh) as image:
            assert image.format == "JPEG"
            assert image.size == (800, 600)


def test_demo_photos_stay_capped_for_a_large_school(db, monkeypatch):
    monkeypatch.setattr("koers.demo.builder.MAX_PHOTOS", 5)

    report = build_demo(students=60, seed=1)

    assert report.counts["photos"] <= 5 + 3  # the rich dossier always has its own three


def test_demo_has_isk_students_who_joined_mid_year(db):
    build_demo(students=60, seed=2)

    with scopes_disabled():
        year_start = SchoolYear.objects.filter(school__slug="het-baken").latest("starts_on").starts_on
        late = Membership.objects.filter(group__track=Track.ISK, starts_on__gt=year_start)
        assert late.filter(student__user__username="nieuwkomer").exists()


def test_demo_has_students_who_changed_group_or_left(db):
    build_demo(students=120, seed=2)

    with scopes_disabled():
        ended = Membership.objects.filter(ends_on__isnull=False, school__slug="het-baken")
        assert ended.filter(student__left_on__isnull=True).exists()  # changed group
        assert ended.filter(student__left_on__isnull=False).exists()  # left the school


def test_demo_guardians_vary_in_number_and_authority(db):
    build_demo(students=120, seed=2)

    with scopes_disabled():
        guardians = Counter(
            Student.objects.filter(school__slug="het-baken")
            .annotate(n=Count("guardianships"))
            .values_list("n", flat=True)
        )
        without_authority = Guardianship.objects.filter(has_authority=False).count()
    assert guardians[1] > guardians[2] > 0
    assert without_authority > 0


def test_demo_rich_dossier_has_every_part(db):
    build_demo(students=20, seed=1)

    with scopes_disabled():
        leerling = Student.objects.get(user__username="leerling")
        assert leerling.experiences.count() >= 6
        assert set(Reflection.objects.filter(student=leerling).values_list("competence", flat=True)) == set(
            Competence.values
        )
        assert leerling.traits.filter(experiences__isnull=False).exists()
        assert leerling.compliments.count() >= 3
        assert leerling.ambitions.get().steps.count() >= 3
        assert leerling.contacts.exists()
        assert Action.objects.filter(student=leerling).overdue().exists()
        assert Action.objects.filter(student=leerling, status=ActionStatus.DONE).exists()
        assert leerling.remarks.exists()
        assert leerling.experiences.filter(shared_with_guardians=True).exists()
        assert leerling.experiences.filter(shared_with_guardians=False).exists()
        assert leerling.age_on(timezone.localdate()) >= 15


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


def test_demo_newcomer_reads_koers_in_simple_language(db):
    report = build_demo(students=20, seed=1)

    users = get_user_model().objects.filter(simple_language=True)
    assert list(users.values_list("username", flat=True)) == ["nieuwkomer"]
    newcomer = next(line for line in report.logins if line.username == "nieuwkomer")
    assert "makkelijke taal" in newcomer.description


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
