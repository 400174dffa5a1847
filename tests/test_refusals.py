"""The refusal helpers catch what they promise to catch (tests/refusals.py)."""

from __future__ import annotations

import pytest
from django.http import HttpResponse, HttpResponseNotFound
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.schools.models import Group
from tests.refusals import assert_not_found, nothing_written


def test_nothing_written_notices_a_changed_row(world):
    with pytest.raises(AssertionError, match="Group changed"), nothing_written(Group), scopes_disabled():
        Group.objects.filter(pk=world.group.pk).update(name="3K2")


def test_nothing_written_notices_an_audit_row(world):
    with pytest.raises(AssertionError, match="AuditEntry changed"), nothing_written(), scopes_disabled():
        AuditEntry.objects.create(
            school=world.school,
            student=world.student,
            actor=world.users["mentor"],
            actor_role="mentor",
            action="view",
        )


def test_assert_not_found_notices_a_leaked_word_and_a_served_file():
    with pytest.raises(AssertionError, match="leaked"):
        assert_not_found(HttpResponseNotFound("<p>Samira</p>"), "Samira")
    served = HttpResponseNotFound(b"OggS", content_type="audio/ogg")
    with pytest.raises(AssertionError):
        assert_not_found(served)
    with pytest.raises(AssertionError):
        assert_not_found(HttpResponse("<p>ok</p>"))


def test_assert_not_found_tells_a_leaked_name_from_the_same_letters_in_a_random_token():
    with pytest.raises(AssertionError, match="leaked"):
        assert_not_found(HttpResponseNotFound('<option value="7">2B9</option>'), "2B9")
    with pytest.raises(AssertionError, match="leaked"):
        assert_not_found(HttpResponseNotFound("<p>Gesprek met groep 2B9.</p>"), "2B9")
    token = '<input type="hidden" name="csrfmiddlewaretoken" value="q7Xa2B9kLm0-Zt_e">'
    assert_not_found(HttpResponseNotFound(token), "2B9")
