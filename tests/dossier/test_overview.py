"""The dossier overview: the student's own page and the same dossier seen by staff and guardians."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from tests import factories as f
from tests.dossier.portfolio_helpers import fill_dossier, today
from tests.pictogram_helpers import shows_pictogram

HOME = reverse("dossier:home")


def student_url(world) -> str:
    return reverse("dossier:student", args=[world.student.pk])


def audit_rows(world) -> list[AuditEntry]:
    with scopes_disabled():
        return list(AuditEntry.objects.filter(student=world.student))


def test_home_shows_the_students_own_items(login, world):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Meelopen bij de bakker")
        f.ExperienceFactory(student=world.classmate, title="Stage van een ander")

    body = login("student").get(HOME).content.decode()

    assert "Meelopen bij de bakker" in body
    assert "Stage van een ander" not in body


def test_home_offers_quick_buttons_to_add_things(login, world):
    body = login("student").get(HOME).content.decode()

    for name in (
        "dossier:experience_new",
        "dossier:trait_new",
        "dossier:ambition_new",
        "dossier:contact_new",
    ):
        assert reverse(name) in body
    assert reverse("dossier:action_new") in body


def test_home_shows_counts_of_evidence_and_reflections(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student)
        f.EvidenceFactory(experience=experience)
        f.EvidenceFactory(experience=experience)
        f.ReflectionFactory(experience=experience)

    overview = login("student").get(HOME).context["overview"]

    card = overview.experiences[0]
    assert (card.evidence_count, card.reflection_count) == (2, 1)


def test_home_shows_the_kind_and_feeling_pictograms_with_words(login, world):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, kind="sport", feeling="happy")

    body = login("student").get(HOME).content.decode()

    assert "Sport" in body and shows_pictogram(body, "kind.sport")
    assert "Blij" in body and shows_pictogram(body, "feeling.happy")


def test_home_marks_overdue_actions_with_words_not_only_colour(login, world):
    with scopes_disabled():
        f.ActionFactory(student=world.student, what="Mail de garage", due_on=today() - dt.timedelta(days=3))

    body = login("student").get(HOME).content.decode()

    assert 'class="action-item is-overdue"' in body
    assert 'class="overdue"' in body
    assert "Te laat" in body


def test_home_lists_done_actions_apart_from_open_ones(login, world):
    with scopes_disabled():
        f.ActionFactory(student=world.student, what="Open dag bezocht", status="done")
        f.ActionFactory(student=world.student, what="Vragen opschrijven")

    overview = login("student").get(HOME).context["overview"]

    assert [a.what for a in overview.open_actions] == ["Vragen opschrijven"]
    assert [a.what for a in overview.closed_actions] == ["Open dag bezocht"]


def test_home_shows_who_gave_a_compliment_and_as_what(login, world):
    with scopes_disabled():
        mentor = world.users["mentor"]
        mentor.first_name, mentor.last_name = "Mirjam", "de Wit"
        mentor.save()
        f.ComplimentFactory(student=world.student, given_by=mentor, given_as="mentor")

    body = login("student").get(HOME).content.decode()

    assert "Mirjam de Wit" in body
    assert "(mentor)" in body


def test_home_shows_ambitions_with_their_steps(login, world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student, dream="Kok worden", why="Ik kook graag thuis")
        f.AmbitionStepFactory(ambition=ambition, text="Een dag meedraaien in een keuken")

    body = login("student").get(HOME).content.decode()

    assert "Kok worden" in body
    assert "Een dag meedraaien in een keuken" in body


def test_home_is_not_audited_for_the_student(login, world):
    login("student").get(HOME)

    assert audit_rows(world) == []


@pytest.mark.parametrize("persona", ["mentor", "counsellor"])
def test_student_dossier_shows_everything_to_staff_who_follow_the_student(login, world, persona):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Geheim voor thuis", shared_with_guardians=False)

    response = login(persona).get(student_url(world))

    assert response.status_code == 200
    assert "Geheim voor thuis" in response.content.decode()


@pytest.mark.parametrize("persona", ["mentor", "counsellor", "guardian"])
def test_student_dossier_writes_exactly_one_audit_row_per_view(login, world, persona):
    login(persona).get(student_url(world))

    rows = audit_rows(world)
    assert len(rows) == 1
    assert (rows[0].actor, rows[0].action) == (world.users[persona], "view")


@pytest.mark.parametrize("persona", ["classmate", "teacher", "leader", "admin", "outsider"])
def test_student_dossier_is_a_404_for_those_who_may_not_see_it(login, world, persona):
    response = login(persona).get(student_url(world))

    assert response.status_code == 404
    assert audit_rows(world) == []


def test_student_dossier_for_the_student_themself_goes_to_their_own_page(login, world):
    response = login("student").get(student_url(world))

    assert response.status_code == 302
    assert response.headers["Location"] == HOME


def test_guardian_sees_only_shared_items(login, world):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Gedeelde open dag", shared_with_guardians=True)
        f.ExperienceFactory(student=world.student, title="Privé bijbaan", shared_with_guardians=False)
        f.ActionFactory(student=world.student, what="Gedeelde actie", shared_with_guardians=True)
        f.ActionFactory(student=world.student, what="Privé actie", shared_with_guardians=False)
        f.ContactFactory(student=world.student, name="Gedeelde oom", shared_with_guardians=True)
        f.ContactFactory(student=world.student, name="Privé buurvrouw", shared_with_guardians=False)

    body = login("guardian").get(student_url(world)).content.decode()

    assert "Gedeelde open dag" in body and "Gedeelde actie" in body and "Gedeelde oom" in body
    assert "Privé bijbaan" not in body and "Privé actie" not in body and "Privé buurvrouw" not in body


def test_guardian_sees_only_the_compliments_they_gave_themself(login, world):
    with scopes_disabled():
        f.ComplimentFactory(student=world.student, given_by=world.users["guardian"], message="Van thuis")
        f.ComplimentFactory(student=world.student, given_by=world.users["mentor"], message="Van de mentor")

    body = login("guardian").get(student_url(world)).content.decode()

    assert "Van thuis" in body
    assert "Van de mentor" not in body


def test_guardian_without_authority_sees_nothing_but_an_explanation(login, world):
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)
        f.ExperienceFactory(student=world.student, title="Gedeelde open dag", shared_with_guardians=True)

    response = login("guardian").get(student_url(world))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Gedeelde open dag" not in body
    assert "geen ouderlijk gezag" in body


def test_guardian_without_authority_leaves_no_audit_row_because_nothing_was_shown(login, world):
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)

    login("guardian").get(student_url(world))

    assert audit_rows(world) == []


def test_student_dossier_offers_staff_a_compliment_button(login, world):
    body = login("mentor").get(student_url(world)).content.decode()

    assert reverse("dossier:compliment_new", args=[world.student.pk]) in body


def test_student_dossier_shows_staff_no_share_toggles(login, world):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student)

    body = login("mentor").get(student_url(world)).content.decode()

    assert reverse("dossier:share_toggle") not in body


# --- a fixed number of queries whatever the size of the dossier ---


@pytest.mark.parametrize("size", [1, 6])
def test_home_costs_a_fixed_number_of_queries(login, world, django_assert_num_queries, size):
    fill_dossier(world.student, size)
    client = login("student")

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(HOME)

    assert len(response.context["overview"].open_actions) == 2 * size


@pytest.mark.parametrize("size", [1, 6])
def test_student_dossier_costs_a_fixed_number_of_queries(login, world, django_assert_num_queries, size):
    fill_dossier(world.student, size)
    client = login("mentor")

    with django_assert_num_queries(STAFF_QUERIES):
        response = client.get(student_url(world))

    assert len(response.context["overview"].contacts) == size


@pytest.mark.parametrize("size", [1, 6])
def test_student_dossier_for_a_guardian_costs_a_fixed_number_of_queries(
    login, world, django_assert_num_queries, size
):
    fill_dossier(world.student, size, shared=True)
    client = login("guardian")

    with django_assert_num_queries(GUARDIAN_QUERIES):
        response = client.get(student_url(world))

    assert len(response.context["overview"].contacts) == size


# session, user+roles; the student; their group (on the student's own page instead: the state of the dossier,
# overview/queries/stamp.py); the experience count and list; traits and their experiences; compliments;
# ambitions and their steps; contacts; open and closed actions; conversations (+ the audit row for someone
# else, + the guardianship for a guardian). An unchanged own dossier costs 4 (test_overview_cache.py).
HOME_QUERIES = 15
STAFF_QUERIES = HOME_QUERIES + 1
GUARDIAN_QUERIES = HOME_QUERIES + 2


def test_home_shows_the_newest_experiences_not_the_oldest(login, world):
    # Issue 12, item 1: the counts' GROUP BY dropped the model's ordering, so the five oldest were shown.
    with scopes_disabled():
        for weeks_ago in range(11, 0, -1):
            f.ExperienceFactory(
                student=world.student,
                title=f"Ervaring van {weeks_ago} weken terug",
                happened_on=today() - dt.timedelta(weeks=weeks_ago),
            )
        f.ExperienceFactory(student=world.student, title="Deze week bij de kapper", happened_on=today())

    overview = login("student").get(HOME).context["overview"]

    titles = [card.experience.title for card in overview.experiences]
    assert titles[0] == "Deze week bij de kapper"
    assert titles[1:3] == ["Ervaring van 1 weken terug", "Ervaring van 2 weken terug"]
