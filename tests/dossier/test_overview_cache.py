"""The dossier's cached sections (issue 19): reused only for the very same rows, reader, language and day.

The student's own page keys them on one query that reads every row of every table it shows
(``overview.queries.stamp``); the page of someone who follows the student is rendered afresh.
Each test first visits the page (so the sections are cached), then changes something in a way that sends no
signal, and visits again.
"""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.dossier.models import Action, Experience, StudentTrait
from koers.overview.queries.dossier import dossier_overview
from koers.overview.queries.stamp import stamped_tables
from koers.schools.models import User
from tests import factories as f
from tests.dossier.portfolio_helpers import fill_dossier, role_of, today

HOME = reverse("dossier:home")
SHARE = reverse("dossier:share_toggle")

# session, user+roles, the student, the state of their dossier: nothing else when nothing changed.
HOME_CACHED_QUERIES = 4


def filled(world) -> None:
    fill_dossier(world.student, 2)
    with scopes_disabled():
        conversation = f.ConversationFactory(student=world.student, status="closed")
        f.ConversationTagFactory(conversation=conversation)


def test_the_stamp_reads_every_table_the_own_page_is_read_from(world):
    filled(world)
    role = role_of(world.student)
    with CaptureQueriesContext(connection) as read, scopes_disabled():
        dossier_overview(role=role, student=world.student, with_group=False)

    tables = set()
    for query in read.captured_queries:
        tables |= set(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"]))
    stamped = {s.model._meta.db_table for s in stamped_tables()}
    assert tables  # the pattern found the tables
    assert tables - stamped == set()


def test_a_second_visit_to_an_unchanged_dossier_reads_none_of_it(login, world, django_assert_num_queries):
    filled(world)
    client = login("student")
    first = client.get(HOME).content.decode()

    with django_assert_num_queries(HOME_CACHED_QUERIES):
        again = client.get(HOME)

    assert again.status_code == 200
    assert _without_tokens(again.content.decode()) == _without_tokens(first)


def test_an_address_with_a_query_is_rendered_afresh_and_its_forms_return_there(login, world):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student)
    client = login("student")
    client.get(HOME)

    body = client.get(HOME + "?van=mail").content.decode()

    assert 'name="next" value="/dossier/?van=mail"' in body
    assert 'name="next" value="/dossier/"' not in body


def test_an_edit_that_sends_no_signal_shows_at_once(login, world):
    filled(world)
    client = login("student")
    client.get(HOME)
    with scopes_disabled():
        experience = Experience.objects.filter(student=world.student).first()
        Experience.objects.filter(pk=experience.pk).update(title="Een dag bij de garage")

    assert "Een dag bij de garage" in client.get(HOME).content.decode()


def test_sharing_an_item_shows_at_once(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, shared_with_guardians=False)
    client = login("student")
    assert "Delen met ouders" in client.get(HOME).content.decode()

    client.post(SHARE, {"kind": "experience", "pk": experience.pk, "shared": "1"})

    assert "Niet meer delen" in client.get(HOME).content.decode()


def test_a_link_between_a_quality_and_an_experience_shows_at_once(login, world):
    filled(world)
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Oppassen bij de buren")
        trait = StudentTrait.objects.filter(student=world.student).first()
    client = login("student")
    assert "Oppassen bij de buren" not in _traits_of(client.get(HOME).content.decode())

    with scopes_disabled():
        trait.experiences.add(experience)  # only the link table changes

    assert "Oppassen bij de buren" in _traits_of(client.get(HOME).content.decode())


def test_a_new_name_of_whoever_gave_a_compliment_shows_at_once(login, world):
    filled(world)
    client = login("student")
    client.get(HOME)
    with scopes_disabled():
        giver = User.objects.filter(pk__in=world.student.compliments.values("given_by")).first()
        User.objects.filter(pk=giver.pk).update(first_name="Zoë", last_name="Vermeulen")

    assert "Zoë Vermeulen" in client.get(HOME).content.decode()


def test_an_action_shows_overdue_the_day_after_its_date(login, world):
    # Two minutes before midnight and one after: well within the time a fragment stays cached.
    before_midnight = timezone.make_aware(dt.datetime.combine(today(), dt.time(23, 58)))
    with time_machine.travel(before_midnight, tick=False):
        with scopes_disabled():
            f.ActionFactory(student=world.student, what="Mail de garage", due_on=today())
        client = login("student")
        assert "Te laat" not in client.get(HOME).content.decode()

    with time_machine.travel(before_midnight + dt.timedelta(minutes=3), tick=False):
        body = client.get(HOME).content.decode()

    assert "Te laat" in body


def test_the_page_follows_the_readers_language(login, world):
    filled(world)
    client = login("student")
    assert "Actiepunten" in client.get(HOME).content.decode()
    User.objects.filter(pk=world.student.user_id).update(preferred_language="en")

    body = client.get(HOME).content.decode()

    assert "Actiepunten" not in body


def test_the_forms_carry_a_token_of_the_readers_own_csrf_secret(world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, shared_with_guardians=False)
    browsers = [Client(enforce_csrf_checks=True) for _ in range(2)]  # two CSRF secrets, one dossier
    pages = []
    for browser in browsers:
        browser.force_login(world.users["student"])
        pages.append(browser.get(HOME).content.decode())

    # The token inside the experience's share switch (the page's frame has forms of its own).
    token = re.search(
        r'class="share-toggle".*?name="csrfmiddlewaretoken" value="(\w+)"', pages[1], re.S
    ).group(1)
    answer = browsers[1].post(
        SHARE, {"kind": "experience", "pk": experience.pk, "shared": "1", "csrfmiddlewaretoken": token}
    )

    assert answer.status_code == 302
    experience.refresh_from_db()
    assert experience.shared_with_guardians


@pytest.mark.parametrize("persona", ["mentor", "guardian"])
def test_someone_who_follows_the_student_sees_an_edit_at_once(login, world, persona):
    fill_dossier(world.student, 1, shared=True)
    client = login(persona)
    url = reverse("dossier:student", args=[world.student.pk])
    client.get(url)
    with scopes_disabled():
        Action.objects.filter(student=world.student, status="open").update(what="Bel de leerwerkplaats")

    assert "Bel de leerwerkplaats" in client.get(url).content.decode()


def _without_tokens(html: str) -> str:
    """The page without what differs on every request: CSRF tokens and signed read-aloud links."""
    html = re.sub(r'value="\w{64}"|"X-CSRFToken": "\w{64}"|data-read-aloud="[^"]*"', "", html)
    return re.sub(r"\s+", " ", html)


def _traits_of(html: str) -> str:
    return html[html.index('id="kwaliteiten"') : html.index('id="complimenten"')]
