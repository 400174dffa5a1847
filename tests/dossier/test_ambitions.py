"""Ambitions: a dream with why, broken into small realistic next steps."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.dossier.models import Ambition, AmbitionStep
from tests import factories as f
from tests.dossier.portfolio_helpers import today


def ambitions(student) -> list[Ambition]:
    with scopes_disabled():
        return list(Ambition.objects.filter(student=student))


def test_adding_an_ambition_opens_it_to_add_steps(login, world):
    response = login("student").post(
        reverse("dossier:ambition_new"), {"dream": "Dierenarts", "why": "Ik hou van dieren"}
    )

    [ambition] = ambitions(world.student)
    assert (ambition.dream, ambition.why) == ("Dierenarts", "Ik hou van dieren")
    assert response.headers["Location"] == reverse("dossier:ambition", args=[ambition.pk])


def test_ambition_without_a_dream_says_so_and_keeps_the_why(login, world):
    response = login("student").post(reverse("dossier:ambition_new"), {"dream": "", "why": "Omdat het kan"})

    form = response.context["form"]
    assert "droom" in str(form.errors["dream"])
    assert form["why"].value() == "Omdat het kan"
    assert ambitions(world.student) == []


def test_ambition_can_be_edited(login, world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student)

    login("student").post(
        reverse("dossier:ambition", args=[ambition.pk]), {"dream": "Piloot", "why": "Vliegen"}
    )

    ambition.refresh_from_db()
    assert (ambition.dream, ambition.why) == ("Piloot", "Vliegen")


def test_adding_a_step_with_a_date(login, world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student)
    due = today() + dt.timedelta(days=7)

    login("student").post(
        reverse("dossier:ambition_step_new", args=[ambition.pk]),
        {"text": "Filmpje kijken", "due_on": due.isoformat()},
    )

    with scopes_disabled():
        [step] = AmbitionStep.objects.filter(ambition=ambition)
    assert (step.text, step.due_on, step.done) == ("Filmpje kijken", due, False)


def test_adding_an_empty_step_explains_and_saves_nothing(login, world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student)

    response = login("student").post(reverse("dossier:ambition_step_new", args=[ambition.pk]), {"text": ""})

    assert "kleine stap" in str(response.context["step_form"].errors["text"])
    with scopes_disabled():
        assert not AmbitionStep.objects.exists()


def test_a_step_with_a_broken_date_keeps_the_text(login, world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student)

    response = login("student").post(
        reverse("dossier:ambition_step_new", args=[ambition.pk]), {"text": "Bellen", "due_on": "31-02-2025"}
    )

    form = response.context["step_form"]
    assert "geen geldige datum" in str(form.errors["due_on"])
    assert form["text"].value() == "Bellen"


def test_marking_a_step_done_and_undone(login, world):
    with scopes_disabled():
        step = f.AmbitionStepFactory(ambition=f.AmbitionFactory(student=world.student))
    client = login("student")
    toggle = reverse("dossier:ambition_step_toggle", args=[step.pk])

    client.post(toggle, {"done": "1"})
    step.refresh_from_db()
    assert step.done is True

    client.post(toggle, {"done": "0"})
    step.refresh_from_db()
    assert step.done is False


def test_marking_a_step_done_with_htmx_answers_the_step_only(login, world):
    with scopes_disabled():
        step = f.AmbitionStepFactory(ambition=f.AmbitionFactory(student=world.student), text="Mailen")

    response = login("student").post(
        reverse("dossier:ambition_step_toggle", args=[step.pk]), {"done": "1"}, HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert body.lstrip().startswith("<li")
    assert "gedaan" in body and "Mailen" in body


def test_dropping_an_ambition_removes_its_steps(login, world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student)
        f.AmbitionStepFactory(ambition=ambition)

    login("student").post(reverse("dossier:ambition_delete", args=[ambition.pk]))

    assert ambitions(world.student) == []
    with scopes_disabled():
        assert not AmbitionStep.objects.exists()


@pytest.mark.parametrize("persona", ["classmate", "mentor", "guardian", "outsider"])
def test_someone_elses_ambition_is_a_404(login, world, persona):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student, dream="Mijn droom")
        step = f.AmbitionStepFactory(ambition=ambition)
    client = login(persona)

    assert client.get(reverse("dossier:ambition", args=[ambition.pk])).status_code == 404
    assert client.post(reverse("dossier:ambition", args=[ambition.pk]), {"dream": "x"}).status_code == 404
    assert (
        client.post(reverse("dossier:ambition_step_new", args=[ambition.pk]), {"text": "x"}).status_code
        == 404
    )
    assert (
        client.post(reverse("dossier:ambition_step_toggle", args=[step.pk]), {"done": "1"}).status_code == 404
    )
    assert client.post(reverse("dossier:ambition_delete", args=[ambition.pk])).status_code == 404
    ambition.refresh_from_db()
    assert ambition.dream == "Mijn droom"
