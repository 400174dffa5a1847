"""Shipped content a school adapts is copied when the school is created and by `koers load-content`, never by
a page that is being read."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationType
from koers.programme.models import ActivityType, Assignment
from koers.quality.models import Audience, Questionnaire, ScanItem, Task
from koers.schools.content import COPIERS
from tests import factories as f

COPIED = (ConversationType, ActivityType, Assignment, ScanItem, Task, Questionnaire)


def counts(school) -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model.objects.filter(school=school).count() for model in COPIED}


def test_every_area_that_ships_school_content_registers_it():
    assert set(COPIERS) == {
        "conversations.types",
        "programme.activity_types",
        "programme.assignments",
        "quality",
    }


def test_a_new_school_starts_with_its_own_copy_of_every_catalogue(db):
    school = f.SchoolFactory()

    found = counts(school)

    assert all(found.values()), found
    with scopes_disabled():
        assert set(Questionnaire.objects.filter(school=school).values_list("audience", flat=True)) == set(
            Audience.values
        )


def copies(school) -> dict[str, list[dict]]:
    """Every copied row of the school, in the order it was made, without its id and school."""
    found = {}
    with scopes_disabled():
        for model in COPIED:
            fields = [f.name for f in model._meta.concrete_fields if f.name not in ("id", "school")]
            found[model.__name__] = list(model.objects.filter(school=school).order_by("pk").values(*fields))
    return found


def test_every_new_school_gets_the_same_copies_each_its_own(db):
    first = f.SchoolFactory()
    second = f.SchoolFactory()

    assert copies(second) == copies(first)
    with scopes_disabled():
        for model in COPIED:
            assert model.objects.filter(school=first).count() == model.objects.filter(school=second).count()


@pytest.mark.django_db(transaction=True)
def test_a_school_created_in_another_thread_gets_its_copies_through_that_threads_connection():
    """The prepared copy statements are shared by the process, not the connection: a web server's second
    thread (a live server in the browser tests) uses its own connection, never the first thread's."""
    first = f.SchoolFactory()
    made: list[Any] = []
    failed: list[BaseException] = []

    def create() -> None:
        try:
            made.append(f.SchoolFactory())
        except BaseException as error:  # reported in the test's own thread
            failed.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=create)
    thread.start()
    thread.join()

    assert not failed, failed
    assert copies(made[0]) == copies(first)


def test_what_a_school_changes_in_its_copy_does_not_reach_the_next_new_school(db):
    school = f.SchoolFactory()
    shipped = copies(school)
    with scopes_disabled():
        questionnaire = Questionnaire.objects.get(school=school, audience=Audience.STAFF)
        questionnaire.questions[0]["text"] = "Onze eigen vraag"
        questionnaire.save(update_fields=["questions"])
        guide_type = ConversationType.objects.filter(school=school).order_by("pk").first()
        assert guide_type is not None
        guide_type.guide["reminders"].append("Onze eigen tip")
        guide_type.save(update_fields=["guide"])

    later = f.SchoolFactory()

    assert copies(later) == shipped
    assert copies(school) != shipped


def test_load_content_gives_existing_schools_what_they_lack_and_nothing_twice(db):
    school, other = f.SchoolFactory(), f.SchoolFactory()
    complete = counts(school)
    with scopes_disabled():
        for model in COPIED:
            model.objects.filter(school=school).delete()

    call_command("load_content", verbosity=0)
    call_command("load_content", verbosity=0)

    assert counts(school) == complete
    assert counts(other) == complete


@pytest.mark.parametrize(
    ("persona", "url_name", "model"),
    [
        ("mentor", "conversations:mentor", ConversationType),
        ("counsellor", "conversations:types", ConversationType),
        ("counsellor", "programme:activity_types", ActivityType),
        ("counsellor", "programme:activity_new", ActivityType),
        ("counsellor", "programme:bank", Assignment),
        ("counsellor", "quality:scan_items", ScanItem),
        ("counsellor", "quality:tasks", Task),
        ("counsellor", "quality:evaluations", Questionnaire),
    ],
)
def test_reading_a_page_copies_no_content(world, login, persona, url_name, model):
    with scopes_disabled():
        model.objects.filter(school=world.school).delete()

    page = login(persona).get(reverse(url_name))

    assert page.status_code == 200
    with scopes_disabled():
        assert not model.objects.filter(school=world.school).exists()
