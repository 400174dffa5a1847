"""The one permission idiom: role predicates, ``permit`` for views, ``require`` for verbs, and a refusal that
is answered as "not found" (or the login page), never as 403."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django_scopes import scopes_disabled

import koers
from koers.access.gate import permit, require
from koers.access.rules import is_counsellor, is_follower, is_mentor, is_the_student, school_of
from koers.access.views import refused
from tests.refusals import assert_not_found

SRC = Path(koers.__file__).resolve().parent


def _request(role=None, user=None):
    request = RequestFactory().get("/ergens/")
    request.role = role
    request.user = user or AnonymousUser()
    return request


def test_role_predicate_refuses_an_object_of_another_school(world):
    counsellor = world.role("counsellor")

    assert is_counsellor(counsellor, world.student)
    assert not is_counsellor(counsellor, world.other_student)


def test_combined_rule_holds_for_each_of_its_roles_only(world):
    assert is_follower(world.role("mentor"))
    assert is_follower(world.role("counsellor"))
    assert not is_follower(world.role("teacher"))
    assert not is_follower(world.role("guardian"))


def test_is_the_student_is_only_the_student_themself(world):
    assert is_the_student(world.role("student"), world.student)
    assert not is_the_student(world.role("classmate"), world.student)
    assert not is_the_student(world.role("mentor"), world.student)


def test_a_rule_cannot_judge_an_object_without_a_school(world):
    with pytest.raises(TypeError):
        school_of(world.users["student"])


def test_role_predicates_cost_no_query(world, django_assert_num_queries):
    mentor = world.role("mentor")

    with django_assert_num_queries(0):
        (is_mentor | is_counsellor).test(mentor, world.student)


def test_permit_returns_the_active_role_when_the_rule_allows(world):
    mentor = world.role("mentor")

    assert permit(_request(mentor), is_follower, world.student) == mentor


def test_permit_refuses_another_role_and_no_role(world):
    with pytest.raises(PermissionDenied):
        permit(_request(world.role("teacher")), is_follower)
    with pytest.raises(PermissionDenied):
        permit(_request(None), is_follower)


def test_require_refuses_with_permission_denied(world):
    with pytest.raises(PermissionDenied):
        require(world.role("outsider"), is_counsellor, world.student)


def test_refusal_is_the_not_found_page_for_someone_logged_in(world):
    with scopes_disabled():
        response = refused(_request(world.role("mentor"), world.users["mentor"]), PermissionDenied())

    assert_not_found(response)
    assert "Deze pagina bestaat niet (of niet voor jou)" in response.content.decode()


def test_refusal_sends_someone_not_logged_in_to_the_login_page(db):
    response = refused(_request(), PermissionDenied())

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=/ergens/")


def test_a_refused_page_answers_404_not_403(world, login):
    # The counsellor's planning pages refuse a mentor through permit(); the answer says nothing exists.
    response = login("mentor").get("/gesprekken/rondes/")

    assert_not_found(response)
    assert "Deze pagina bestaat niet (of niet voor jou)" in response.content.decode()
    assert "403" not in response.content.decode()


# --- the idiom holds in every view module --------------------------------------------------------------

VIEW_FILES = sorted(p for p in SRC.glob("*/views*.py")) + sorted(SRC.glob("*/views/*.py"))


def _views_that(pattern: str) -> list[str]:
    found = re.compile(pattern)
    return [str(p.relative_to(SRC)) for p in VIEW_FILES if found.search(p.read_text(encoding="utf-8"))]


def test_views_make_no_direct_database_calls():
    # Objects come from get_<thing>_for(role, pk) in the area's queries, which answers 404.
    assert _views_that(r"\.objects\.|get_object_or_404") == []


def test_views_never_turn_a_refusal_into_a_404_themselves():
    # permit() and the project's handler403 do that, everywhere the same way.
    assert _views_that(r"except PermissionDenied") == []


def test_views_do_not_compare_role_kinds():
    # A gate is a named rule from an area's rules.py, not a comparison with (a tuple of) role kinds.
    assert _views_that(r"\b(role|by)\.kind (==|!=|in |not in )|\(RoleKind\.\w+,") == []
