"""Remarks: a mentor or counsellor asks, the student answers in the same thread; nobody else takes part."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import escape
from django_scopes import scopes_disabled

from koers.dossier.domain.remarks import add_remark
from koers.dossier.models import Remark
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written


@pytest.fixture
def experience(world):
    with scopes_disabled():
        return f.ExperienceFactory(
            student=world.student, title="Sollicitatie oefenen", shared_with_guardians=True
        )


@pytest.fixture
def action(world):
    with scopes_disabled():
        return f.ActionFactory(student=world.student, shared_with_guardians=True)


def remark_url(**entry):
    [(name, obj)] = entry.items()
    return f"{reverse('dossier:remark_new')}?{name}={obj.pk}"


def thread():
    with scopes_disabled():
        return list(Remark.objects.select_related("author").order_by("created_at", "pk"))


@pytest.fixture
def question(world, experience):
    with scopes_disabled():
        return f.RemarkFactory(
            experience=experience,
            author=world.users["mentor"],
            text="Wat zou je de volgende keer anders doen?",
        )


def test_remark_by_mentor_starts_a_thread(login, world, experience):
    response = login("mentor").post(
        remark_url(experience=experience), {"text": "Wat vond je het spannendst?"}
    )

    [remark] = thread()
    assert response.status_code == 302
    assert response.url == reverse("dossier:experience", args=[experience.pk]) + "#opmerkingen"
    assert (remark.author, remark.author_role, remark.experience_id) == (
        world.users["mentor"],
        RoleKind.MENTOR,
        experience.pk,
    )
    assert remark.seen_by_student is False


def test_remark_by_student_answers_in_the_same_thread(login, world, experience, question):
    login("student").post(remark_url(experience=experience), {"text": "Ik zou rustiger praten."})

    assert [(r.author_role, r.text) for r in thread()] == [
        (RoleKind.MENTOR, "Wat zou je de volgende keer anders doen?"),
        (RoleKind.STUDENT, "Ik zou rustiger praten."),
    ]


def test_remark_thread_shows_who_and_when_on_the_experience(login, world, experience, question):
    login("student").post(remark_url(experience=experience), {"text": "Ik zou rustiger praten."})

    page = login("mentor").get(reverse("dossier:experience", args=[experience.pk])).content.decode()

    assert "Wat zou je de volgende keer anders doen?" in page
    assert "Ik zou rustiger praten." in page
    assert escape(str(world.users["mentor"])) in page
    assert escape(str(world.student.user)) in page
    assert "<time datetime=" in page


def test_remark_by_student_without_a_question_is_refused(login, experience):
    response = login("student").post(remark_url(experience=experience), {"text": "Zomaar iets"})

    assert response.status_code == 200
    assert "zodra je mentor een vraag" in response.content.decode()
    assert thread() == []


def test_remark_empty_is_refused_with_a_message(login, experience):
    response = login("mentor").post(remark_url(experience=experience), {"text": "  "})

    assert "Schrijf eerst je vraag of reactie." in response.content.decode()
    assert thread() == []


@pytest.mark.parametrize("persona", ["guardian", "classmate", "teacher", "leader", "outsider"])
def test_remark_by_others_is_404_and_saves_nothing(login, experience, question, persona):
    response = login(persona).post(remark_url(experience=experience), {"text": "Mag ik ook iets zeggen?"})

    assert response.status_code == 404
    assert len(thread()) == 1


def test_remark_thread_is_not_shown_to_guardians(login, experience, question):
    page = login("guardian").get(reverse("dossier:experience", args=[experience.pk])).content.decode()

    assert "Wat zou je de volgende keer anders doen?" not in page


def test_remark_on_an_action_by_counsellor(login, action):
    response = login("counsellor").post(
        remark_url(action=action), {"text": "Lukt dit voor de deadline?", "next": "/dossier/"}
    )

    [remark] = thread()
    assert response.status_code == 302
    assert response.url == "/dossier/"
    assert (remark.action_id, remark.experience_id) == (action.pk, None)


def test_remark_next_to_another_site_is_ignored(login, action):
    response = login("mentor").post(
        remark_url(action=action), {"text": "Hoe gaat het?", "next": "https://evil.test/"}
    )

    assert response.url == reverse("dossier:action", args=[action.pk])


def test_remark_with_htmx_returns_the_updated_thread(login, experience):
    response = login("mentor").post(
        remark_url(experience=experience), {"text": "Goed gedaan, vertel eens meer!"}, HTTP_HX_REQUEST="true"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="remark-thread"' in page
    assert "<html" not in page
    assert "Goed gedaan, vertel eens meer!" in page


def test_remark_without_entry_is_404(login):
    with nothing_written(Remark):
        response = login("mentor").post(reverse("dossier:remark_new"), {"text": "Waarover?"})

    assert_not_found(response, "Waarover?")


def test_remark_on_other_schools_experience_is_404(login, world):
    with scopes_disabled():
        foreign = f.ExperienceFactory(student=world.other_student)

    response = login("mentor").post(remark_url(experience=foreign), {"text": "x"})

    assert response.status_code == 404
    assert thread() == []


def test_opening_the_experience_marks_questions_seen_by_the_student(login, experience, question):
    login("student").get(reverse("dossier:experience", args=[experience.pk]))

    question.refresh_from_db()
    assert question.seen_by_student is True


def test_add_remark_refuses_a_mentor_of_another_group(world, experience, in_school):
    other_mentor = f.RoleFactory(school=world.school, kind=RoleKind.MENTOR).user
    role = Role.objects.get(user=other_mentor)

    with pytest.raises(PermissionDenied):
        add_remark(role=role, student=world.student, experience=experience, text="Ik ken je niet")


def test_add_remark_refuses_an_entry_of_another_student(world, in_school):
    role = Role.objects.get(user=world.users["mentor"], kind=RoleKind.MENTOR)
    classmates_experience = f.ExperienceFactory(student=world.classmate)

    with pytest.raises(PermissionDenied):
        add_remark(
            role=role, student=world.student, experience=classmates_experience, text="Verkeerde leerling"
        )
