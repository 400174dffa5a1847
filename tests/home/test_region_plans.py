"""Issue 19: a school's pages do not read the rows of other schools, so they do not slow down as one database
holds more schools. Users carry no school, so any join to the user table is suspect: the plans are checked
with EXPLAIN on PostgreSQL, with many more users of other schools than students of this one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.home.queries import quiet_students, with_users
from koers.schools.models import Role, RoleKind, School, Student, User
from tests import factories as f

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are checked on PostgreSQL (set DATABASE_URL)"
)

OTHER_USERS = 6000
QUIET_HERE = 400


def _region(world) -> None:  # type: ignore[no-untyped-def]
    """``QUIET_HERE`` quiet students at the world's school, and the users of a region of other schools."""
    with scopes_disabled():
        others = [School.objects.create(name=f"Regio {n}", slug=f"regio-{n}") for n in range(4)]
        users = User.objects.bulk_create(
            [
                User(username=f"regio{n}", first_name="Sam", last_name=f"Regio{n:05d}")
                for n in range(OTHER_USERS + QUIET_HERE)
            ],
            batch_size=1000,
        )
        year_ago = timezone.localdate() - dt.timedelta(days=365)
        students = [
            Student(school=world.school, user=u, number=f"q{n}", joined_on=year_ago)
            for n, u in enumerate(users[:QUIET_HERE])
        ]
        students += [
            Student(school=others[n % 4], user=u, number=f"r{n}", joined_on=year_ago)
            for n, u in enumerate(users[QUIET_HERE:])
        ]
        Student.objects.bulk_create(students, batch_size=1000)
        Role.objects.bulk_create(
            [Role(school=s.school, user=s.user, kind=RoleKind.STUDENT) for s in students], batch_size=1000
        )
        f.ExperienceFactory(student=world.student)  # one student of this school is not quiet
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _plan(queryset) -> str:  # type: ignore[no-untyped-def]
    return queryset.explain()


def test_quiet_students_never_scan_the_users_of_the_deployment(world, in_school):
    _region(world)
    with scopes_disabled():
        queryset = quiet_students(world.school, weeks=4)
        plan = _plan(queryset)
        page = list(queryset[:50])

    assert "Seq Scan on schools_user" not in plan, plan
    assert len(page) == 50
    # Sorted by name within "never added anything" (everyone here), and only this school's students.
    assert all(s.school_id == world.school.pk for s in page)
    names = [(s.sort_last_name, s.sort_first_name) for s in page]
    assert names == sorted(names)


def test_the_page_of_quiet_students_loads_its_users_by_key(world, in_school, django_assert_num_queries):
    _region(world)
    with scopes_disabled():
        page = list(quiet_students(world.school, weeks=4)[:50])
        with django_assert_num_queries(1):
            with_users(page, timezone.localdate())
        assert [s.name for s in page] == [str(s.user) for s in page]
        # The region's students have no group; the world's own quiet students (their names sort among the
        # region's, and factory names vary) carry their group's name.
        assert all(s.current_group == "" for s in page if s.number.startswith("q"))
        assert all(s.current_group for s in page if not s.number.startswith("q"))
