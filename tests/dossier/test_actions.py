"""Actions: SMART action points with a status; overdue ones stand out; a remarks thread on each."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.dossier.domain.actions import plan_action
from koers.dossier.models import Action
from tests import factories as f
from tests.dossier.portfolio_helpers import role_of, today

NEW = reverse("dossier:action_new")


def smart(**changes) -> dict[str, str]:
    data = {
        "what": "Drie vragen opschrijven voor de open dag",
        "doer": "self",
        "due_on": (today() + dt.timedelta(days=10)).isoformat(),
        "where_with_whom": "thuis, met mijn broer",
        "done_when": "De vragen staan in mijn telefoon",
    }
    return {**data, **changes}


def actions(student) -> list[Action]:
    with scopes_disabled():
        return list(Action.objects.filter(student=student))


def test_planning_a_smart_action(login, world):
    response = login("student").post(NEW, smart())

    [action] = actions(world.student)
    assert (action.what, action.doer, action.who_label, action.status) == (
        "Drie vragen opschrijven voor de open dag",
        "self",
        "ikzelf",
        "open",
    )
    assert response.headers["Location"] == reverse("dossier:action", args=[action.pk])


def test_planning_an_action_linked_to_an_experience(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student)

    login("student").post(NEW, smart(experience=experience.pk))

    assert actions(world.student)[0].experience == experience


def test_new_action_with_a_date_in_the_past_is_explained_and_input_kept(login, world):
    yesterday = (today() - dt.timedelta(days=1)).isoformat()

    response = login("student").post(NEW, smart(due_on=yesterday))

    form = response.context["form"]
    assert "al voorbij" in str(form.errors["due_on"])
    assert form["what"].value() == "Drie vragen opschrijven voor de open dag"
    assert actions(world.student) == []


def test_new_action_due_today_is_fine(login, world):
    login("student").post(NEW, smart(due_on=today().isoformat()))

    assert len(actions(world.student)) == 1


def test_new_action_without_how_we_know_it_is_done_says_so(login, world):
    response = login("student").post(NEW, smart(done_when=""))

    assert "gelukt" in str(response.context["form"].errors["done_when"])
    assert actions(world.student) == []


def test_new_action_with_a_classmates_experience_is_refused(login, world):
    with scopes_disabled():
        theirs = f.ExperienceFactory(student=world.classmate)

    response = login("student").post(NEW, smart(experience=theirs.pk))

    assert "experience" in response.context["form"].errors
    assert actions(world.student) == []


def test_plan_action_rejects_a_blank_what_even_outside_a_form(in_school, world):
    with pytest.raises(ValidationError) as error:
        plan_action(
            student=world.student,
            by=role_of(world.student),
            what="  ",
            due_on=today(),
            done_when="klaar",
        )

    assert "what" in error.value.message_dict


def test_editing_an_overdue_action_may_keep_its_old_date(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student, due_on=today() - dt.timedelta(days=5))

    login("student").post(
        reverse("dossier:action_edit", args=[action.pk]),
        smart(what="Nieuw plan", due_on=action.due_on.isoformat()),
    )

    action.refresh_from_db()
    assert action.what == "Nieuw plan"


def test_editing_an_action_cannot_move_it_into_the_past(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student)
    old_due = action.due_on

    response = login("student").post(
        reverse("dossier:action_edit", args=[action.pk]),
        smart(due_on=(today() - dt.timedelta(days=3)).isoformat()),
    )

    assert "due_on" in response.context["form"].errors
    action.refresh_from_db()
    assert action.due_on == old_due


def test_marking_an_action_done(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student)

    login("student").post(reverse("dossier:action_status", args=[action.pk]), {"status": "done"})

    action.refresh_from_db()
    assert action.status == "done"


def test_an_unknown_status_changes_nothing(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student)

    login("student").post(reverse("dossier:action_status", args=[action.pk]), {"status": "kwijt"})

    action.refresh_from_db()
    assert action.status == "open"


def test_action_page_marks_an_overdue_action_in_words(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student, due_on=today() - dt.timedelta(days=1))

    body = login("student").get(reverse("dossier:action", args=[action.pk])).content.decode()

    assert 'class="overdue"' in body
    assert "Te laat" in body


@pytest.mark.parametrize("persona", ["mentor", "counsellor"])
def test_staff_open_an_action_with_one_audit_row_and_may_remark(login, world, persona):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student)

    response = login(persona).get(reverse("dossier:action", args=[action.pk]))

    assert response.status_code == 200
    assert response.context["can_add_remark"] is True
    with scopes_disabled():
        assert AuditEntry.objects.filter(student=world.student).count() == 1


def test_action_page_shows_the_remarks_thread(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student)
        f.RemarkFactory(
            action=action,
            experience=None,
            student=world.student,
            school=world.school,
            author=world.users["mentor"],
            text="Lukt het je?",
        )

    body = login("student").get(reverse("dossier:action", args=[action.pk])).content.decode()

    assert "Lukt het je?" in body


def test_guardian_opens_a_shared_action_but_sees_no_remarks(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student, shared_with_guardians=True)
        f.RemarkFactory(
            action=action,
            experience=None,
            student=world.student,
            school=world.school,
            author=world.users["mentor"],
            text="Lukt het je?",
        )

    response = login("guardian").get(reverse("dossier:action", args=[action.pk]))

    assert response.status_code == 200
    assert "Lukt het je?" not in response.content.decode()


@pytest.mark.parametrize("persona", ["classmate", "mentor", "guardian", "outsider"])
def test_only_the_student_changes_their_action(login, world, persona):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student, what="Origineel")
    client = login(persona)

    assert client.get(reverse("dossier:action_edit", args=[action.pk])).status_code == 404
    assert client.post(reverse("dossier:action_edit", args=[action.pk]), smart()).status_code == 404
    assert (
        client.post(reverse("dossier:action_status", args=[action.pk]), {"status": "done"}).status_code == 404
    )
    action.refresh_from_db()
    assert (action.what, action.status) == ("Origineel", "open")


def test_student_opening_an_action_marks_its_questions_as_seen(login, world):
    with scopes_disabled():
        action = f.ActionFactory(student=world.student)
        remark = f.RemarkFactory(
            action=action,
            experience=None,
            student=world.student,
            school=world.school,
            author=world.users["mentor"],
        )

    login("student").get(reverse("dossier:action", args=[action.pk]))

    remark.refresh_from_db()
    assert remark.seen_by_student is True
