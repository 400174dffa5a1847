"""Two tabs (or two devices of one student) editing the same dossier item: the second save is refused with
both texts on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.common.versions import EditConflict, version_of_instance
from koers.dossier.domain.ambitions import AMBITION_FIELDS, update_ambition
from koers.dossier.models import Action, Ambition, Contact, Experience, ReflectionAnswer, StudentTrait
from koers.lob.models import ReflectionPrompt
from koers.schools.models import Role
from tests import factories as f
from tests.conversations.test_concurrent_edits import _at_once, postgres_only
from tests.two_tabs import texts_beside, two_tabs, version_in


def _stored(model, pk, field):
    with scopes_disabled():
        return getattr(model.objects.get(pk=pk), field)


def test_ambition_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student, dream="Kok", why="")
    url = reverse("dossier:ambition", args=[ambition.pk])

    page = two_tabs(
        login("student"),
        url,
        {"dream": "Kok in een groot hotel", "why": "Tab 1"},
        {"dream": "Kok op een schip", "why": "Tab 2"},
    )

    texts_beside(page, "Kok in een groot hotel", "Kok op een schip")
    assert _stored(Ambition, ambition.pk, "dream") == "Kok in een groot hotel"


def test_ambition_saves_after_the_other_text_was_shown(login, world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student, dream="Kok")
    url = reverse("dossier:ambition", args=[ambition.pk])
    client = login("student")
    page = two_tabs(client, url, {"dream": "Eerste", "why": ""}, {"dream": "Tweede", "why": ""})

    client.post(url, {"dream": "Eerste en tweede", "why": "", "version": version_in(page)})

    assert _stored(Ambition, ambition.pk, "dream") == "Eerste en tweede"


def test_contact_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        contact = f.ContactFactory(student=world.student, name="Tante Fatima", could_help_with="")
    url = reverse("dossier:contact_edit", args=[contact.pk])
    base = {"name": "Tante Fatima", "relation": "tante", "occupation": "verpleegkundige"}

    page = two_tabs(
        login("student"),
        url,
        {**base, "could_help_with": "Meelopen in het ziekenhuis"},
        {**base, "could_help_with": "Vragen over de opleiding"},
    )

    texts_beside(page, "Meelopen in het ziekenhuis", "Vragen over de opleiding")
    assert _stored(Contact, contact.pk, "could_help_with") == "Meelopen in het ziekenhuis"


def test_action_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student)
    url = reverse("dossier:action_edit", args=[action.pk])
    base = {
        "doer": "self",
        "due_on": action.due_on.isoformat(),
        "where_with_whom": "thuis",
        "done_when": "Het staat in mijn telefoon",
    }

    page = two_tabs(
        login("student"),
        url,
        {**base, "what": "Drie vragen voor de open dag"},
        {**base, "what": "Een mail naar de opleiding"},
    )

    texts_beside(page, "Drie vragen voor de open dag", "Een mail naar de opleiding")
    assert _stored(Action, action.pk, "what") == "Drie vragen voor de open dag"


def test_own_words_of_a_trait_from_two_tabs_keep_the_first_and_show_both(login, world):
    with scopes_disabled():
        claimed = f.StudentTraitFactory(student=world.student, trait=None, own_words="Ik help graag")
    url = reverse("dossier:trait_edit", args=[claimed.pk])

    page = two_tabs(
        login("student"),
        url,
        {"own_words": "Ik help graag mensen die ziek zijn"},
        {"own_words": "Ik help graag kinderen"},
    )

    texts_beside(page, "Ik help graag mensen die ziek zijn", "Ik help graag kinderen")
    assert _stored(StudentTrait, claimed.pk, "own_words") == "Ik help graag mensen die ziek zijn"


def test_experience_from_two_devices_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Dag bij de bakker")
    url = reverse("dossier:experience_edit", args=[experience.pk])
    base = {
        "kind": "internship",
        "title": "Dag bij de bakker",
        "happened_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "place": "Bakkerij",
        "feeling": "proud",
        "went_well": "",
        "learned_about_me": "",
    }

    page = two_tabs(
        login("student"),
        url,
        {**base, "what_i_did": "Brood gebakken op de telefoon"},
        {**base, "what_i_did": "Taarten versierd op de laptop"},
    )

    texts_beside(page, "Brood gebakken op de telefoon", "Taarten versierd op de laptop")
    assert _stored(Experience, experience.pk, "what_i_did") == "Brood gebakken op de telefoon"


# --- at the same time, from two threads (PostgreSQL) ---


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_ambition_from_two_devices_at_once_loses_no_text(world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student, dream="Begin", why="")
        student = Role.objects.get(user=world.student.user, kind="student")
    started_from = version_of_instance(ambition, AMBITION_FIELDS)
    dreams = ["Begin, op de telefoon", "Begin, op de laptop"]

    def save(dream):
        def job():
            with school_scope(world.school), scopes_disabled():
                fresh = Ambition.objects.select_related("student").get(pk=ambition.pk)
                return update_ambition(ambition=fresh, by=student, dream=dream, why="", version=started_from)

        return job

    results = _at_once(save(dreams[0]), save(dreams[1]))

    stored = _stored(Ambition, ambition.pk, "dream")
    conflicts = [r for r in results if isinstance(r, EditConflict)]
    assert len(conflicts) == 1, results
    assert stored in dreams
    # The loser was told the winner's text, and still holds their own: both texts survive.
    assert conflicts[0].theirs == {"dream": stored, "why": ""}


def test_reflection_from_two_devices_keeps_the_first_answers_and_shows_both(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Meeloopdag ziekenhuis")
    prompt = ReflectionPrompt.objects.filter(competence="qualities").order_by("order", "pk").first()
    assert prompt is not None
    url = reverse("dossier:reflection", args=[experience.pk, "qualities"])
    field = f"text_{prompt.pk}"

    page = two_tabs(
        login("student"),
        url,
        {field: "Ik bleef rustig toen het druk werd."},
        {field: "Ik kon goed luisteren naar de patiënt."},
        second_client=login("student"),  # the first answers of a reflection not written yet
    )

    texts_beside(page, "Ik bleef rustig toen het druk werd.", "Ik kon goed luisteren naar de patiënt.")
    with scopes_disabled():
        assert list(ReflectionAnswer.objects.values_list("text", flat=True)) == [
            "Ik bleef rustig toen het druk werd."
        ]
