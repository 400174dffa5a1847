"""The shared version check (common/versions.py), shown on one dossier verb: what is refused, what is not."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.common.versions import EditConflict, save_unless_changed, version_of_instance
from koers.dossier.domain.ambitions import AMBITION_FIELDS, update_ambition
from koers.dossier.models import Ambition
from koers.schools.models import Role
from tests import factories as f


@pytest.fixture
def student(world) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.student.user, kind="student")


def _ambition(world, dream: str = "Kok") -> Ambition:
    with scopes_disabled():
        return f.AmbitionFactory(student=world.student, dream=dream, why="")


def _dream(ambition: Ambition) -> str:
    with scopes_disabled():
        return Ambition.objects.get(pk=ambition.pk).dream


def test_saving_the_same_text_as_the_other_tab_is_no_conflict(world, student):
    ambition = _ambition(world)
    start = version_of_instance(ambition, AMBITION_FIELDS)
    with school_scope(world.school):
        update_ambition(ambition=ambition, by=student, dream="Chef-kok", why="", version=start)
        update_ambition(ambition=ambition, by=student, dream="Chef-kok", why="", version=start)

    assert _dream(ambition) == "Chef-kok"


def test_a_conflict_carries_the_stored_values_and_their_version(world, student):
    ambition = _ambition(world)
    start = version_of_instance(ambition, AMBITION_FIELDS)
    with school_scope(world.school):
        update_ambition(ambition=ambition, by=student, dream="Chef-kok", why="Lekker", version=start)
        with pytest.raises(EditConflict) as refused:
            update_ambition(ambition=ambition, by=student, dream="Bakker", why="", version=start)

    assert refused.value.theirs == {"dream": "Chef-kok", "why": "Lekker"}
    with scopes_disabled():
        assert refused.value.version == version_of_instance(
            Ambition.objects.get(pk=ambition.pk), AMBITION_FIELDS
        )


def test_without_a_version_the_save_is_not_checked(world, student):
    ambition = _ambition(world)
    with school_scope(world.school):
        update_ambition(ambition=ambition, by=student, dream="Chef-kok", why="")
        update_ambition(ambition=ambition, by=student, dream="Bakker", why="")

    assert _dream(ambition) == "Bakker"


def test_an_edit_of_something_removed_meanwhile_is_refused_and_writes_nothing(world, student):
    ambition = _ambition(world)
    start = version_of_instance(ambition, AMBITION_FIELDS)
    with scopes_disabled():
        Ambition.objects.filter(pk=ambition.pk).delete()

    with school_scope(world.school), pytest.raises(EditConflict) as refused:
        update_ambition(ambition=ambition, by=student, dream="Bakker", why="", version=start)

    assert refused.value.theirs is None
    assert "weggehaald" in refused.value.messages[0]
    with scopes_disabled():
        assert not Ambition.objects.filter(pk=ambition.pk).exists()


def test_a_caller_that_catches_the_conflict_goes_on_in_its_own_transaction(world, student):
    """save_unless_changed takes no savepoint of its own; a conflict still leaves the caller's transaction
    usable (nothing was written, so there is nothing to roll back)."""
    ambition = _ambition(world)
    start = version_of_instance(ambition, AMBITION_FIELDS)
    with school_scope(world.school), transaction.atomic():
        update_ambition(ambition=ambition, by=student, dream="Chef-kok", why="", version=start)
        with pytest.raises(EditConflict):
            save_unless_changed(
                Ambition(pk=ambition.pk, dream="Bakker", why=""), fields=AMBITION_FIELDS, version=start
            )
        save_unless_changed(
            Ambition(pk=ambition.pk, dream="Visser", why=""), fields=AMBITION_FIELDS, version=None
        )

    assert _dream(ambition) == "Visser"
