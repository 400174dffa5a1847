"""“Mijn LOB-lijn”: one line through time, filterable by competence, looking back and looking ahead."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from tests import factories as f
from tests.dossier.portfolio_helpers import fill_dossier, today
from tests.link_check import dead_links

URL = reverse("dossier:timeline")


def titles(entries) -> list[str]:
    return [e.title for e in entries]


def student_url(world, query: str = "") -> str:
    return reverse("dossier:student_timeline", args=[world.student.pk]) + query


def test_timeline_puts_past_items_newest_first(login, world):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Oud", happened_on=today() - dt.timedelta(days=30))
        f.ExperienceFactory(student=world.student, title="Nieuw", happened_on=today() - dt.timedelta(days=2))

    line = login("student").get(URL).context["line"]

    assert titles(line.past) == ["Nieuw", "Oud"]


def test_timeline_looks_ahead_at_open_actions_and_dated_steps_soonest_first(login, world):
    with scopes_disabled():
        f.ActionFactory(student=world.student, what="Later", due_on=today() + dt.timedelta(days=20))
        ambition = f.AmbitionFactory(student=world.student)
        f.AmbitionStepFactory(ambition=ambition, text="Eerst", due_on=today() + dt.timedelta(days=3))
        f.AmbitionStepFactory(ambition=ambition, text="Zonder datum")

    line = login("student").get(URL).context["line"]

    assert titles(line.future) == ["Eerst", "Later"]


def test_timeline_puts_finished_actions_in_the_past(login, world):
    with scopes_disabled():
        f.ActionFactory(
            student=world.student, what="Klaar", status="done", due_on=today() + dt.timedelta(days=5)
        )

    line = login("student").get(URL).context["line"]

    assert titles(line.past) == ["Klaar"]
    assert line.future == []


def test_timeline_keeps_overdue_actions_ahead_and_marks_them(login, world):
    with scopes_disabled():
        f.ActionFactory(student=world.student, what="Vergeten", due_on=today() - dt.timedelta(days=4))

    response = login("student").get(URL)

    assert [e.overdue for e in response.context["line"].future] == [True]
    assert "overdue" in response.content.decode()


def test_timeline_shows_reflections_with_their_competence(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Stage")
        f.ReflectionFactory(experience=experience, competence="networking")

    line = login("student").get(URL).context["line"]

    reflection = next(e for e in line.past if e.kind == "reflection")
    assert reflection.competences == ["Netwerken"]


def test_timeline_filter_keeps_matching_reflections_experiences_and_actions(login, world):
    with scopes_disabled():
        matching = f.ExperienceFactory(student=world.student, title="Stage bij de dierenarts")
        f.ReflectionFactory(experience=matching, competence="motives")
        other = f.ExperienceFactory(student=world.student, title="Voetbaltraining")
        f.ReflectionFactory(experience=other, competence="networking")
        f.ActionFactory(student=world.student, what="Dierenarts mailen", experience=matching)
        f.ActionFactory(student=world.student, what="Trainer vragen", experience=other)
        f.ActionFactory(student=world.student, what="Los actiepunt")
        f.AmbitionStepFactory(ambition=f.AmbitionFactory(student=world.student), due_on=today())

    line = login("student").get(URL + "?competentie=motives").context["line"]

    assert sorted(titles(line.past)) == ["Stage bij de dierenarts", "Stage bij de dierenarts"]
    assert titles(line.future) == ["Dierenarts mailen"]


def test_timeline_filter_links_mark_the_current_one(login, world):
    body = login("student").get(URL + "?competentie=networking").content.decode()

    assert 'class="filters tap"' in body
    assert 'href="/dossier/lijn/?competentie=networking&amp;kijk=alles" aria-current="page"' in body
    assert body.count('aria-current="page"') == 2  # the competence and the direction


def test_timeline_ignores_an_unknown_competence(login, world):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Stage")

    line = login("student").get(URL + "?competentie=onzin").context["line"]

    assert line.competence is None
    assert titles(line.past) == ["Stage"]


def test_timeline_looking_back_shows_no_look_ahead_section(login, world):
    with scopes_disabled():
        f.ActionFactory(student=world.student, what="Gepland")
        f.ExperienceFactory(student=world.student, title="Gebeurd")

    body = login("student").get(URL + "?kijk=terug").content.decode()

    assert "Gebeurd" in body
    assert "Gepland" not in body


def test_timeline_looking_ahead_shows_no_past(login, world):
    with scopes_disabled():
        f.ActionFactory(student=world.student, what="Gepland")
        f.ExperienceFactory(student=world.student, title="Gebeurd")

    body = login("student").get(URL + "?kijk=vooruit").content.decode()

    assert "Gepland" in body
    assert "Gebeurd" not in body


def test_timeline_is_not_audited_for_the_student(login, world):
    login("student").get(URL)

    with scopes_disabled():
        assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("persona", ["mentor", "counsellor"])
def test_student_timeline_shows_staff_everything_and_writes_one_audit_row(login, world, persona):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Privé stage")

    body = login(persona).get(student_url(world)).content.decode()

    assert "Privé stage" in body
    with scopes_disabled():
        assert AuditEntry.objects.filter(student=world.student, actor=world.users[persona]).count() == 1


def test_student_timeline_shows_a_guardian_only_shared_items(login, world):
    with scopes_disabled():
        shared = f.ExperienceFactory(
            student=world.student, title="Gedeelde stage", shared_with_guardians=True
        )
        private = f.ExperienceFactory(student=world.student, title="Privé stage")
        f.ReflectionFactory(experience=private, competence="motives", shared_with_guardians=True)
        f.ReflectionFactory(experience=shared, competence="networking", shared_with_guardians=False)
        f.ActionFactory(student=world.student, what="Privé actie")

    line = login("guardian").get(student_url(world)).context["line"]

    assert titles(line.past) == ["Gedeelde stage"]
    assert line.past[0].competences == []
    assert line.future == []


def test_student_timeline_for_a_guardian_without_authority_is_empty(login, world):
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)
        f.ExperienceFactory(student=world.student, title="Gedeelde stage", shared_with_guardians=True)

    response = login("guardian").get(student_url(world))

    assert response.status_code == 200
    assert "Gedeelde stage" not in response.content.decode()
    assert "geen ouderlijk gezag" in response.content.decode()


@pytest.mark.parametrize("size", [1, 6])
def test_timeline_costs_a_fixed_number_of_queries(login, world, django_assert_num_queries, size):
    fill_dossier(world.student, size)
    client = login("student")

    with django_assert_num_queries(TIMELINE_QUERIES):
        response = client.get(URL)

    assert len(response.context["line"].future) == 3 * size


@pytest.mark.parametrize("size", [1, 6])
def test_filtered_student_timeline_costs_a_fixed_number_of_queries(
    login, world, django_assert_num_queries, size
):
    fill_dossier(world.student, size, shared=True)
    client = login("guardian")

    with django_assert_num_queries(TIMELINE_QUERIES - 5 + 2):
        response = client.get(student_url(world, "?competentie=qualities"))

    assert response.status_code == 200


# session, user+roles; the student; experiences and their reflections; reflections; actions; dated steps;
# conversations; open days (careers); confirmed choices (choices); internships (partners). A guardian adds the
# guardianship and the audit row; a competence filter drops the steps, the conversations, the open days, the
# choices and the internships.
TIMELINE_QUERIES = 12


# --- issue 12, item 4: every link on a timeline leads somewhere for whoever reads it ---


@pytest.mark.parametrize("persona", ["guardian", "mentor", "counsellor"])
def test_every_link_on_a_students_timeline_opens_for_the_reader(login, world, persona):

    fill_dossier(world.student, 2, shared=True)
    client = login(persona)
    page = client.get(student_url(world))

    html = page.content.decode()
    assert page.status_code == 200
    assert dead_links(client, html, within="/dossier/") == []


def test_every_link_on_the_students_own_timeline_opens(login, world):

    fill_dossier(world.student, 2)
    client = login("student")

    assert dead_links(client, client.get(URL).content.decode(), within="/dossier/") == []
