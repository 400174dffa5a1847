"""The assignment bank: browsing and filtering, the counsellor's own and edited assignments, archiving."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.models import Assignment
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written

REQUEST_OVERHEAD = 2  # session, user+roles


def new_assignment_data(**changes):
    data = {
        "title": "Vraag je buurman naar zijn werk",
        "goal": "Je ontdekt welk werk je buurman doet.",
        "steps": "Bel aan bij je buurman.\nVraag wat hij doet.",
        "questions": "Wat doet hij?\nWat vindt hij leuk?",
        "audience": "student",
        "format": "questions",
        "competences": ["work_exploration"],
        "elements": ["practice"],
    }
    data.update(changes)
    return data


def test_bank_shows_the_shipped_assignments_to_the_mentor(login):
    response = login("mentor").get(reverse("programme:bank"))

    assert response.status_code == 200
    assert "Een bedrijfsbezoek voorbereiden" in response.content.decode()


def test_bank_filters_by_element(login):
    response = login("counsellor").get(reverse("programme:bank"), {"element": "parents"})

    rows = response.context["rows"]
    assert rows and all("parents" in row["assignment"].elements for row in rows)


def test_bank_filters_by_competence_and_format(login):
    response = login("counsellor").get(
        reverse("programme:bank"), {"competence": "expectations", "format": "photo"}
    )

    titles = [row["assignment"].title for row in response.context["rows"]]
    assert titles == ["Een strip over een vooroordeel"]


def test_bank_filters_by_audience(login):
    response = login("counsellor").get(reverse("programme:bank"), {"audience": "class"})

    assert {row["assignment"].audience for row in response.context["rows"]} == {"class"}


def test_bank_answers_htmx_with_only_the_results(login):
    response = login("counsellor").get(reverse("programme:bank"), {"format": "voice"}, HTTP_HX_REQUEST="true")

    content = response.content.decode()
    assert 'id="bank-results"' in content
    assert "<html" not in content


def test_counsellor_adds_an_own_assignment(login, world):
    response = login("counsellor").post(reverse("programme:assignment_new"), new_assignment_data())

    with scopes_disabled():
        made = Assignment.objects.get(school=world.school, title="Vraag je buurman naar zijn werk")
    assert response.status_code == 302
    assert (made.shipped, made.steps, made.questions) == (
        False,
        ["Bel aan bij je buurman.", "Vraag wat hij doet."],
        ["Wat doet hij?", "Wat vindt hij leuk?"],
    )


def test_new_assignment_without_steps_is_refused_next_to_the_field(login, world):
    response = login("counsellor").post(
        reverse("programme:assignment_new"), new_assignment_data(steps="  \n ")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["steps"]
    with scopes_disabled():
        assert not Assignment.objects.filter(title="Vraag je buurman naar zijn werk").exists()


def test_interview_without_questions_is_refused(login):
    response = login("counsellor").post(
        reverse("programme:assignment_new"), new_assignment_data(format="interview", questions="")
    )

    assert "questions" in response.context["form"].errors


def test_counsellor_edits_a_shipped_assignment(login, world):
    client = login("counsellor")
    client.get(reverse("programme:bank"))
    with scopes_disabled():
        shipped = Assignment.objects.get(school=world.school, key="strip-stereotype")

    client.post(
        reverse("programme:assignment_edit", args=[shipped.pk]), new_assignment_data(title="Strip maken")
    )

    with scopes_disabled():
        shipped.refresh_from_db()
    assert (shipped.title, shipped.shipped) == ("Strip maken", True)


def test_mentor_cannot_edit_an_assignment(login, world):
    with scopes_disabled():
        assignment = f.AssignmentFactory(school=world.school)

    with nothing_written(Assignment):
        response = login("mentor").post(
            reverse("programme:assignment_edit", args=[assignment.pk]), new_assignment_data()
        )

    assert_not_found(response)


def test_archiving_hides_the_assignment_from_the_mentor(login, world):
    with scopes_disabled():
        assignment = f.AssignmentFactory(school=world.school, title="Oude opdracht")
    login("counsellor").post(reverse("programme:assignment_archive", args=[assignment.pk]))

    response = login("mentor").get(reverse("programme:assignment", args=[assignment.pk]))

    assert response.status_code == 404
    with scopes_disabled():
        assert Assignment.objects.filter(pk=assignment.pk, active=False).exists()


def test_counsellor_sees_archived_assignments_when_asked(login, world):
    with scopes_disabled():
        f.AssignmentFactory(school=world.school, title="Oude opdracht", active=False)

    shown = login("counsellor").get(reverse("programme:bank"), {"archived": "on"})
    hidden = login("counsellor").get(reverse("programme:bank"))

    assert "Oude opdracht" in shown.content.decode()
    assert "Oude opdracht" not in hidden.content.decode()


def test_archived_assignment_comes_back(login, world):
    with scopes_disabled():
        assignment = f.AssignmentFactory(school=world.school, active=False)

    login("counsellor").post(reverse("programme:assignment_archive", args=[assignment.pk]), {"active": "1"})

    with scopes_disabled():
        assignment.refresh_from_db()
    assert assignment.active


@pytest.mark.parametrize("extra", [1, 20])
def test_bank_query_count_is_fixed(login, world, extra, django_assert_num_queries):
    client = login("counsellor")
    client.get(reverse("programme:bank"))
    with scopes_disabled():
        f.AssignmentFactory.create_batch(extra, school=world.school)

    with django_assert_num_queries(REQUEST_OVERHEAD + 1):
        response = client.get(reverse("programme:bank"))

    assert len(response.context["rows"]) >= 30 + extra
