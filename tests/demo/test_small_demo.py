"""The small demo (20 students) as its people meet it: the fixed logins, their pages, the rich dossier, the
photos. Built once for the module and only read (tests/once.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from koers.access.tenancy import school_scope
from koers.demo.builder import FIXED_USERNAMES, DemoReport
from koers.demo.options import DEMO_PASSWORD
from koers.dossier.models import Action, ActionStatus, Evidence, EvidenceKind, Reflection
from koers.lob.vocabulary import Competence
from koers.schools.models import Role, RoleKind, Student
from koers.schools.queries import get_student_for, visible_students
from tests.once import demo_once

_demo = demo_once(students=20, seed=1)


@pytest.fixture
def demo(db, settings, _demo) -> DemoReport:
    settings.MEDIA_ROOT = _demo[0]  # where the module's demo put its photos
    return _demo[1]


def role_of(username: str, kind: str, school: str = "het-baken") -> Role:
    with scopes_disabled():
        return Role.objects.select_related("school").get(
            user__username=username, kind=kind, school__slug=school
        )


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
def test_demo_fixed_login_works_with_the_demo_password(demo, client, username, kind, school):
    assert client.login(username=username, password=DEMO_PASSWORD)
    assert role_of(username, kind, school)


def test_demo_report_lists_every_fixed_login(demo):
    assert [login.username for login in demo.logins] == list(FIXED_USERNAMES)
    assert all(login.description for login in demo.logins)


@pytest.mark.parametrize("username", ["leerling", "mentor", "decaan", "ouder"])
def test_demo_landing_page_opens_for_fixed_login(demo, client, username):
    client.force_login(get_user_model().objects.get(username=username))

    response = client.get("/", follow=True)

    assert response.status_code == 200


def test_demo_docent_works_at_both_schools(demo):
    with scopes_disabled():
        schools = set(Role.objects.filter(user__username="docent").values_list("school__slug", flat=True))
    assert schools == {"het-baken", "de-overkant"}


def test_demo_outsider_sees_no_student_of_het_baken(demo):
    outsider = role_of("buitenstaander", RoleKind.COUNSELLOR, "de-overkant")
    with scopes_disabled():
        leerling = Student.objects.get(user__username="leerling")

    with school_scope(demo.other_school):
        visible = list(visible_students(outsider))
        with pytest.raises(Http404):
            get_student_for(outsider, leerling.pk)

    assert len(visible) == demo.counts["other_students"]
    assert {student.school_id for student in visible} == {demo.other_school.pk}


def test_demo_photos_are_real_jpegs_in_storage(demo):
    with scopes_disabled():
        photos = list(Evidence.objects.filter(kind=EvidenceKind.PHOTO))
    assert photos
    for photo in photos:
        assert default_storage.exists(photo.file.name)
        assert default_storage.size(photo.file.name) == photo.size
        with default_storage.open(photo.file.name) as fh, Image.open(fh) as image:
            assert image.format == "JPEG"
            assert image.size == (800, 600)


def test_demo_rich_dossier_has_every_part(demo):
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


def test_demo_newcomer_reads_koers_in_simple_language(demo):
    users = get_user_model().objects.filter(simple_language=True)
    assert list(users.values_list("username", flat=True)) == ["nieuwkomer"]
    newcomer = next(line for line in demo.logins if line.username == "nieuwkomer")
    assert "makkelijke taal" in newcomer.description
