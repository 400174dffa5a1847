"""Network: people who could help, and whether the student has been in touch yet."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.dossier.models import Contact
from tests import factories as f

NEW = reverse("dossier:contact_new")


def contacts(student) -> list[Contact]:
    with scopes_disabled():
        return list(Contact.objects.filter(student=student))


def test_adding_a_contact(login, world):
    login("student").post(
        NEW,
        {
            "name": "Tante Fatima",
            "relation": "tante",
            "occupation": "verpleegkundige",
            "could_help_with": "Vertellen hoe een dienst in het ziekenhuis gaat",
        },
    )

    [contact] = contacts(world.student)
    assert (contact.name, contact.occupation, contact.contacted) == ("Tante Fatima", "verpleegkundige", False)


def test_contact_without_a_name_says_so_and_keeps_the_rest(login, world):
    response = login("student").post(NEW, {"name": " ", "occupation": "kapper"})

    form = response.context["form"]
    assert "naam" in str(form.errors["name"])
    assert form["occupation"].value() == "kapper"
    assert contacts(world.student) == []


def test_editing_a_contact(login, world):
    with scopes_disabled():
        contact = f.ContactFactory(student=world.student, name="Oom Kees")

    login("student").post(
        reverse("dossier:contact_edit", args=[contact.pk]),
        {"name": "Oom Kees", "occupation": "timmerman", "contacted": "on"},
    )

    contact.refresh_from_db()
    assert (contact.occupation, contact.contacted) == ("timmerman", True)


def test_toggling_contacted(login, world):
    with scopes_disabled():
        contact = f.ContactFactory(student=world.student)

    login("student").post(reverse("dossier:contact_toggle", args=[contact.pk]), {"contacted": "1"})

    contact.refresh_from_db()
    assert contact.contacted is True


def test_deleting_a_contact(login, world):
    with scopes_disabled():
        contact = f.ContactFactory(student=world.student)

    login("student").post(reverse("dossier:contact_delete", args=[contact.pk]))

    assert contacts(world.student) == []


def test_overview_says_in_words_whether_there_was_contact(login, world):
    with scopes_disabled():
        f.ContactFactory(student=world.student, contacted=True)
        f.ContactFactory(student=world.student, contacted=False)

    body = login("student").get(reverse("dossier:home")).content.decode()

    assert "al contact gehad" in body
    assert "nog geen contact" in body


@pytest.mark.parametrize("persona", ["classmate", "mentor", "guardian", "outsider"])
def test_someone_elses_contact_is_a_404(login, world, persona):
    with scopes_disabled():
        contact = f.ContactFactory(student=world.student, name="Buurman Jan")
    client = login(persona)

    assert client.get(reverse("dossier:contact_edit", args=[contact.pk])).status_code == 404
    assert client.post(reverse("dossier:contact_edit", args=[contact.pk]), {"name": "x"}).status_code == 404
    assert (
        client.post(reverse("dossier:contact_toggle", args=[contact.pk]), {"contacted": "1"}).status_code
        == 404
    )
    assert client.post(reverse("dossier:contact_delete", args=[contact.pk])).status_code == 404
    contact.refresh_from_db()
    assert (contact.name, contact.contacted) == ("Buurman Jan", False)


def test_an_empty_post_shows_the_errors_instead_of_a_blank_form(login, world):
    response = login("student").post(NEW, {})

    assert response.context["form"].errors["name"]
    assert contacts(world.student) == []
