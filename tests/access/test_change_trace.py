"""Issue 13, "Writes leave a trace": domain verbs that change a student's data write an audit row (who, what,
when), and the student and guardian see those changes next to "who looked", in their own language."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.audit import TRACED_VERBS, MissingTrace, leaves_trace, record_change
from koers.access.changes import CHANGES
from koers.access.models import AuditAction, AuditEntry
from koers.accounts.domain import invitations
from koers.dossier.domain import remarks
from koers.dossier.domain.experiences import record_experience
from koers.lob.vocabulary import ExperienceKind
from koers.schools.models import Role, RoleKind
from tests import factories as f

# The areas whose verbs change a student's dossier, a conversation, a guardianship, consent or a role.
TRACED_PACKAGES = ("koers.dossier.domain", "koers.conversations.domain")
TRACED_MODULES = ("koers.accounts.domain.invitations",)
# Verbs of those modules that change nothing of one student's data, each with its reason.
NOT_A_CHANGE = {
    "koers.dossier.domain.remarks.mark_remarks_seen": "marks a thread as read; changes no data",
    "koers.conversations.domain.planning.save_round": "a school's conversation round, about no student",
    "koers.conversations.domain.planning.save_type": "a school's conversation type, about no student",
    "koers.conversations.domain.holding.save_phase_note": (
        "autosave of the holder's notes (every few keystrokes); closing the conversation is traced"
    ),
    "koers.conversations.domain.holding.save_private_note": "the holder's own note, private to its author",
    "koers.conversations.domain.closing.record_mentor_reflection": "the mentor's own look back, staff only",
    "koers.conversations.domain.holding.save_mentor_goal": "the holder's own goal for the talk, staff only",
    "koers.accounts.domain.invitations.invite": "an invitation changes no guardianship until it is used",
    "koers.accounts.domain.invitations.revoke_invitation": "an unused invitation; no guardianship changes",
}
# TODO(issue 13): dossier/domain/portfolio.py is being split into overview, traits, ambitions, network,
# actions and compliments in another branch; its verbs get @leaves_trace when that split lands.
NOT_YET: tuple[str, ...] = ()


def _modules():
    for name in TRACED_PACKAGES:
        package = importlib.import_module(name)
        yield package
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module(f"{name}.{info.name}")
    for name in TRACED_MODULES:
        yield importlib.import_module(name)


def _verbs() -> dict[str, object]:
    """Every public function defined in those modules that takes its actor as a keyword (``by`` or ``role``),
    or that is already marked: the domain verbs, by the convention of docs/architecture.md."""
    found = {}
    for module in _modules():
        if module.__name__ in NOT_YET:
            continue
        for name, function in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(function):
                continue
            if function.__module__ != module.__name__:
                continue
            signature = inspect.signature(inspect.unwrap(function))
            keywords = {p.name for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY}
            if keywords & {"by", "role"} or getattr(function, "leaves_trace", False):
                found[f"{module.__name__}.{name}"] = function
    return found


def test_the_walk_finds_the_verbs_of_each_kind():
    verbs = _verbs()
    assert "koers.dossier.domain.experiences.record_experience" in verbs
    assert "koers.dossier.domain.family.decide_consent" in verbs
    assert "koers.conversations.domain.closing.close_conversation" in verbs
    assert "koers.accounts.domain.invitations.add_guardian" in verbs


def test_every_verb_that_changes_a_students_data_leaves_a_trace():
    verbs = _verbs()
    untraced = sorted(
        name
        for name, verb in verbs.items()
        if name not in NOT_A_CHANGE and not getattr(verb, "leaves_trace", False)
    )
    assert untraced == [], f"mark these @leaves_trace and call record_change (or give a reason): {untraced}"
    assert set(NOT_A_CHANGE) <= set(verbs), "a reason names a verb that no longer exists"


def test_every_marked_verb_is_registered():
    assert {name for name, verb in _verbs().items() if getattr(verb, "leaves_trace", False)} <= set(
        TRACED_VERBS
    )


def test_a_marked_verb_that_writes_no_row_fails(settings):
    @leaves_trace
    def forgetful(*, by: Role) -> None:
        return None

    settings.KOERS_STRICT_TRACE = True
    with pytest.raises(MissingTrace):
        forgetful(by=Role())


def test_in_production_a_missing_trace_is_logged_not_raised(settings, caplog):
    @leaves_trace
    def forgetful(*, by: Role) -> None:
        return None

    settings.KOERS_STRICT_TRACE = False
    with caplog.at_level(logging.ERROR, logger="koers.access.audit"):
        forgetful(by=Role())
    assert "without record_change" in caplog.text


def test_an_unknown_kind_of_change_is_refused(world):
    with pytest.raises(ValueError):
        record_change(by=Role(user=world.users["mentor"]), student=world.student, change="nonsense")


def test_every_kind_of_change_has_a_dutch_label():
    assert all(str(label).strip() for label in CHANGES.values())


def _role(world, persona: str, kind: str) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.users[persona], school=world.school, kind=kind)


def test_a_mentors_remark_is_a_change_the_student_reads_in_their_language(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Snuffelstage bij de bakker")
        student_user = world.student.user
        student_user.preferred_language = "en"
        student_user.save(update_fields=["preferred_language"])
    mentor = _role(world, "mentor", RoleKind.MENTOR)
    with scopes_disabled():
        remarks.add_remark(role=mentor, student=world.student, experience=experience, text="Wat leerde je?")
        row = AuditEntry.objects.get(student=world.student, action=AuditAction.CHANGE)

    assert (row.actor_id, row.actor_role, row.change) == (mentor.user_id, RoleKind.MENTOR, "remark.added")
    assert row.subject == "Snuffelstage bij de bakker"
    body = login("student").get(reverse("dossier:access_log")).content.decode()
    assert "question or remark posted: Snuffelstage bij de bakker" in body


def test_the_students_own_changes_are_not_logged(world):
    student_role = _role(world, "student", RoleKind.STUDENT)
    with scopes_disabled():
        record_experience(
            student=world.student,
            by=student_role,
            kind=ExperienceKind.values[0],
            title="Bijbaan",
            happened_on=timezone.localdate(),
        )
        assert not AuditEntry.objects.filter(student=world.student).exists()


def test_a_guardian_sees_who_changed_what_only_for_what_every_guardian_may_see(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(
            student=world.student, title="Niet gedeeld", shared_with_guardians=False
        )
    mentor = _role(world, "mentor", RoleKind.MENTOR)
    counsellor = _role(world, "counsellor", RoleKind.COUNSELLOR)
    with scopes_disabled():
        remarks.add_remark(role=mentor, student=world.student, experience=experience, text="Vertel eens?")
        invitations.add_guardian(by=counsellor, student=world.student, first_name="Noor", last_name="Bakker")
        kinds = sorted(AuditEntry.objects.filter(student=world.student).values_list("change", flat=True))
    assert kinds == ["guardianship.added", "remark.added"]

    body = (
        login("guardian")
        .get(reverse("transfer:guardian_access_log", args=[world.student.pk]))
        .content.decode()
    )
    assert "ouder of verzorger toegevoegd" in body
    assert '<p class="small">gewijzigd</p>' in body  # the remark: that something changed, not what
    assert "Niet gedeeld" not in body and "vraag of opmerking" not in body
