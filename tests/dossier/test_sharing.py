"""Sharing: the student decides per item whether guardians may see it; the school sets the default."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.dossier.domain.overview import set_sharing
from koers.dossier.models import Compliment
from tests import factories as f
from tests.dossier.portfolio_helpers import role_of
from tests.refusals import assert_not_found, nothing_written

URL = reverse("dossier:share_toggle")

ITEMS = {
    "experience": lambda s: f.ExperienceFactory(student=s),
    "reflection": lambda s: f.ReflectionFactory(experience=f.ExperienceFactory(student=s)),
    "trait": lambda s: f.StudentTraitFactory(student=s),
    "ambition": lambda s: f.AmbitionFactory(student=s),
    "contact": lambda s: f.ContactFactory(student=s),
    "action": lambda s: f.ActionFactory(student=s),
}


@pytest.mark.parametrize("kind", ITEMS)
def test_student_shares_and_unshares_each_kind_of_item(login, world, kind):
    with scopes_disabled():
        item = ITEMS[kind](world.student)
    client = login("student")

    client.post(URL, {"kind": kind, "pk": item.pk, "shared": "1"})
    item.refresh_from_db()
    assert item.shared_with_guardians is True

    client.post(URL, {"kind": kind, "pk": item.pk, "shared": "0"})
    item.refresh_from_db()
    assert item.shared_with_guardians is False


def test_share_toggle_with_htmx_answers_the_toggle_only(login, world):
    with scopes_disabled():
        item = f.ContactFactory(student=world.student)

    response = login("student").post(
        URL, {"kind": "contact", "pk": item.pk, "shared": "1"}, HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert body.lstrip().startswith("<form")
    assert "Ouders kunnen dit zien" in body


def test_sharing_makes_the_item_visible_to_the_guardian(login, world):
    with scopes_disabled():
        item = f.ExperienceFactory(student=world.student, title="Open dag kappersschool")
    login("student").post(URL, {"kind": "experience", "pk": item.pk, "shared": "1"})

    body = login("guardian").get(reverse("dossier:student", args=[world.student.pk])).content.decode()

    assert "Open dag kappersschool" in body


@pytest.mark.parametrize("persona", ["classmate", "mentor", "counsellor", "guardian", "outsider"])
def test_only_the_student_can_share(login, world, persona):
    with scopes_disabled():
        item = f.ExperienceFactory(student=world.student)

    response = login(persona).post(URL, {"kind": "experience", "pk": item.pk, "shared": "1"})

    assert response.status_code == 404
    item.refresh_from_db()
    assert item.shared_with_guardians is False


def test_share_toggle_with_an_unknown_kind_is_a_404(login, world):
    with nothing_written(Compliment):
        response = login("student").post(URL, {"kind": "compliment", "pk": "1", "shared": "1"})

    assert_not_found(response)


def test_set_sharing_refuses_someone_elses_item(in_school, world):
    item = f.ContactFactory(student=world.student)

    with pytest.raises(PermissionDenied):
        set_sharing(by=role_of(world.classmate), item=item, shared=True)


@pytest.mark.parametrize(("default", "expected"), [(True, True), (False, False)])
def test_new_contact_starts_with_the_schools_default(login, world, default, expected):
    with scopes_disabled():
        world.school.guardian_sharing_defaults = {"contact": default}
        world.school.save()
    client = login("student")
    form = client.get(reverse("dossier:contact_new")).context["form"]
    data = {"name": "Juf Anna"}
    if form["shared"].initial:
        data["shared"] = "on"

    client.post(reverse("dossier:contact_new"), data)

    with scopes_disabled():
        assert world.student.contacts.get().shared_with_guardians is expected
