"""Who does an action point: chosen from the student's mentors, guardians and network (a link), "ikzelf", or
someone else in free text; a mentor chosen this way is told and can open it (issue 12, item 21)."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace

from django.apps import apps
from django.db import connection
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.dossier.models import Action
from koers.notifications.models import Notification
from tests import factories as f
from tests.dossier.portfolio_helpers import today

NEW = reverse("dossier:action_new")
# A data migration reads only its schema editor's connection (the database being migrated).
MIGRATING_DEFAULT = SimpleNamespace(connection=connection)


def smart(**changes) -> dict[str, str]:
    data = {
        "what": "Een stageplek zoeken",
        "doer": "self",
        "due_on": (today() + dt.timedelta(days=10)).isoformat(),
        "where_with_whom": "in de buurt van school",
        "done_when": "Ik heb een stageplek.",
    }
    return {**data, **changes}


def only_action(student) -> Action:
    with scopes_disabled():
        [action] = Action.objects.filter(student=student).select_related("doer_user", "doer_contact")
    return action


def test_the_form_offers_the_students_own_mentor_guardian_and_contacts(login, world):
    with scopes_disabled():
        f.ContactFactory(student=world.student, name="Oom Kees")

    page = login("student").get(NEW).content.decode()

    assert f"{world.users['mentor']} (mijn mentor)" in page
    assert f"{world.users['guardian']} (mijn ouder/verzorger)" in page
    assert "Oom Kees (iemand uit mijn netwerk)" in page
    assert "ikzelf" in page and "iemand anders" in page


def test_choosing_the_mentor_links_them_and_tells_them(login, world):
    mentor = world.users["mentor"]

    login("student").post(NEW, smart(doer=f"mentor:{mentor.pk}"))

    action = only_action(world.student)
    assert (action.doer, action.doer_user) == ("mentor", mentor)
    with scopes_disabled():
        [told] = Notification.objects.filter(kind="action_helper")
    assert told.role.user == mentor
    client = login("mentor")
    listed = client.get(reverse("notifications:list")).content.decode()
    assert "koos jou bij een actiepunt" in listed and "Een stageplek zoeken" in listed
    assert client.get(reverse("dossier:action", args=[action.pk])).status_code == 200


def test_choosing_a_contact_from_the_network_links_it(login, world):
    with scopes_disabled():
        uncle = f.ContactFactory(student=world.student, name="Oom Kees")

    login("student").post(NEW, smart(doer=f"contact:{uncle.pk}"))

    action = only_action(world.student)
    assert (action.doer, action.doer_contact, action.who_label) == (
        "contact",
        uncle,
        "Oom Kees (uit mijn netwerk)",
    )


def test_someone_else_is_kept_as_free_text(login, world):
    login("student").post(NEW, smart(doer="other", who="de buurvrouw"))

    action = only_action(world.student)
    assert (action.doer, action.who_label) == ("other", "de buurvrouw")


def test_someone_else_without_a_name_is_explained_and_input_kept(login, world):
    response = login("student").post(NEW, smart(doer="other", who=""))

    form = response.context["form"]
    assert "Schrijf op wie het doet" in str(form.errors["who"])
    assert form["what"].value() == "Een stageplek zoeken"
    with scopes_disabled():
        assert not Action.objects.filter(student=world.student).exists()


def test_another_students_mentor_cannot_be_chosen(login, world):
    with scopes_disabled():
        stranger = f.RoleFactory(school=world.school, kind="mentor").user

    response = login("student").post(NEW, smart(doer=f"mentor:{stranger.pk}"))

    assert response.status_code == 200
    assert "doer" in response.context["form"].errors
    with scopes_disabled():
        assert not Action.objects.filter(student=world.student).exists()
        assert not Notification.objects.filter(kind="action_helper").exists()


def test_existing_actions_are_migrated_sensibly(world):
    dossier_step = importlib.import_module("koers.dossier.migrations.0005_action_doer_links")
    with scopes_disabled():
        mine = f.ActionFactory(student=world.student, who="Ik", doer="other")
        shared = f.ActionFactory(student=world.student, who="ik en mijn mentor", doer="self")

        dossier_step.link_doers(apps, MIGRATING_DEFAULT)

        mine.refresh_from_db()
        shared.refresh_from_db()
    assert (mine.doer, mine.who) == ("self", "")
    assert (shared.doer, shared.who) == ("other", "ik en mijn mentor")


def test_existing_agreements_link_the_mentor_who_held_the_conversation(world):
    conversations_step = importlib.import_module("koers.conversations.migrations.0006_agreement_doers")
    with scopes_disabled():
        conversation = f.ConversationFactory(student=world.student, mentor=world.users["mentor"])
        action = f.ActionFactory(student=world.student, who=str(world.users["mentor"]), doer="other")
        f.AgreementFactory(conversation=conversation, action=action, party="mentor")

        conversations_step.link_agreement_doers(apps, MIGRATING_DEFAULT)

        action.refresh_from_db()
    assert (action.doer, action.doer_user) == ("mentor", world.users["mentor"])


def _guardian(world, *, language: str = "nl", delivery: str = "now"):
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.preferred_language = language
        guardian.notification_delivery = delivery
        guardian.save(update_fields=["preferred_language", "notification_delivery"])
    return guardian


def _told(kind: str = "action_helper_guardian") -> list[Notification]:
    with scopes_disabled():
        return list(Notification.objects.filter(kind=kind).select_related("role__user"))


def test_choosing_a_guardian_tells_them_in_their_own_language(
    login, world, mailoutbox, django_capture_on_commit_callbacks
):
    guardian = _guardian(world, language="uk")

    with django_capture_on_commit_callbacks(execute=True):
        login("student").post(NEW, smart(doer=f"guardian:{guardian.pk}", shared="on"))

    action = only_action(world.student)
    [told] = _told()
    assert told.role.user == guardian and told.role.kind == "guardian"
    client = login("guardian")
    listed = client.get(reverse("notifications:list")).content.decode()
    assert "просить вас допомогти" in listed and "Een stageplek zoeken" in listed
    assert client.get(reverse("notifications:open", args=[told.pk])).url == reverse(
        "dossier:action", args=[action.pk]
    )
    assert client.get(reverse("dossier:action", args=[action.pk])).status_code == 200
    [message] = mailoutbox
    assert message.to == [guardian.email] and "просить вас допомогти" in message.body


def test_a_guardian_who_wants_no_email_is_told_in_koers_only(
    login, world, mailoutbox, django_capture_on_commit_callbacks
):
    guardian = _guardian(world, delivery="none")

    with django_capture_on_commit_callbacks(execute=True):
        login("student").post(NEW, smart(doer=f"guardian:{guardian.pk}", shared="on"))

    assert len(_told()) == 1
    assert mailoutbox == []


def test_a_guardian_is_told_of_an_unshared_action_only_once_it_is_shared(login, world):
    guardian = _guardian(world)
    client = login("student")

    client.post(NEW, smart(doer=f"guardian:{guardian.pk}"))  # not shared with guardians
    action = only_action(world.student)
    assert not action.shared_with_guardians
    assert _told() == []

    client.post(reverse("dossier:share_toggle"), {"kind": "action", "pk": action.pk, "shared": "1"})
    client.post(reverse("dossier:share_toggle"), {"kind": "action", "pk": action.pk, "shared": "0"})
    client.post(reverse("dossier:share_toggle"), {"kind": "action", "pk": action.pk, "shared": "1"})

    assert len(_told()) == 1


def test_a_guardian_who_may_not_see_the_dossier_is_not_told(login, world):
    guardian = _guardian(world)
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)

    login("student").post(NEW, smart(doer=f"guardian:{guardian.pk}", shared="on"))

    assert only_action(world.student).doer == "guardian"
    assert _told() == []
    assert _told("action_helper") == []
