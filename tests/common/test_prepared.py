"""Queries prepared once per process (common/prepared.py) and the session store that uses one
(common/sessions.py) answer exactly what the queryset or Django's own store answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import user_with_roles
from koers.common.prepared import PreparedQuery
from koers.common.sessions import SessionStore
from koers.schools.models import Role, User
from tests import factories as f


def roles_of(user_id: int):
    return Role.objects.select_related("school", "user").filter(user_id=user_id).order_by("kind")


def test_a_prepared_query_returns_what_the_queryset_returns_with_its_related_rows(world):
    prepared = PreparedQuery(roles_of, markers=[-91_000_001])
    mentor = world.users["mentor"]
    with scopes_disabled():
        f.RoleFactory(school=world.other_school, kind="leader", user=mentor)
        expected = list(roles_of(mentor.pk))

        with CaptureQueriesContext(connection) as queries:
            got = prepared(mentor.pk)
            again = prepared(mentor.pk)

    assert len(expected) == 2
    assert [r.pk for r in got] == [r.pk for r in expected] == [r.pk for r in again]
    assert [r.school.name for r in got] == [r.school.name for r in expected]
    assert {r.user.username for r in got} == {"mentor"}
    assert [r.__dict__.keys() for r in got] == [r.__dict__.keys() for r in expected]
    assert len(queries) == 2  # one query per call; the related rows come with it
    assert all("-91000001" not in q["sql"] for q in queries)


def test_a_prepared_query_swaps_in_each_calls_own_values(world):
    prepared = PreparedQuery(
        lambda username: User.objects.filter(username=username), markers=["koers-test-marker"]
    )
    assert [u.username for u in prepared("mentor")] == ["mentor"]
    assert [u.username for u in prepared("student")] == ["student"]
    assert prepared("nobody-has-this-name") == []


def test_a_marker_that_does_not_reach_the_sql_unchanged_is_refused(db):
    prepared = PreparedQuery(
        lambda part: User.objects.filter(username__contains=part), markers=["koers-test-marker"]
    )
    with pytest.raises(ValueError, match="marker"):
        prepared("ment")


def test_a_value_of_another_type_than_its_marker_is_refused(db):
    prepared = PreparedQuery(lambda pk: User.objects.filter(pk=pk), markers=[-91_000_002])
    with pytest.raises(TypeError):
        prepared("1")


def test_user_with_roles_loads_the_person_once_for_all_roles(world):
    mentor = world.users["mentor"]
    with scopes_disabled():
        extra = f.RoleFactory(school=world.other_school, kind="leader", user=mentor)

    user = user_with_roles(str(mentor.pk))  # the session keeps the id as a string

    assert user is not None and user.pk == mentor.pk
    roles = user._koers_roles  # type: ignore[attr-defined]
    assert extra.pk in {r.pk for r in roles}
    assert all(r.user is user for r in roles)


def test_the_session_store_reads_what_djangos_store_reads(world):
    django_store = DjangoSessionStore()
    django_store["koers"] = {"a": 1}
    django_store.create()
    django_store["koers"] = {"a": 1}
    django_store.save()

    ours = SessionStore(django_store.session_key)

    assert ours.load() == DjangoSessionStore(django_store.session_key).load() == {"koers": {"a": 1}}
    assert ours.session_key == django_store.session_key


def test_an_expired_or_unknown_session_is_empty_and_loses_its_key(world):
    store = SessionStore()
    store["x"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )

    expired = SessionStore(store.session_key)
    unknown = SessionStore("k" * 32)

    assert expired.load() == {} and expired.session_key is None
    assert unknown.load() == {} and unknown.session_key is None
