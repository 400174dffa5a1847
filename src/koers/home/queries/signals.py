"""The mentor's class view in three raw statements: the mentorships, the current memberships, and each
student's signals.

The signals statement is the one the ORM wrote for a student queryset with ``select_related("user")`` and ten
correlated scalar subqueries (the current group's name and nine signals), written once by hand: the ORM spent
some 5 ms of CPU per request building and compiling those subqueries, several times what the database needs to
run them, and the two small reads before it another 1.5 ms. The text depends only on the number of keys and
is kept per process; the values are parameters. Rows become model instances with ``Model.from_db`` after the
backend's converters ran (dates on SQLite, for instance), as a queryset makes them, so the page's objects
are the ones the ORM gave.

Raw SQL bypasses the tenancy scope, so every part filters on the school explicitly, as the scoped managers
add it to the ORM's queries and subqueries.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from typing import Any

from django.db import connection
from django.db.models import Field, Model

from koers.careers.models import Favourite, InterestResult
from koers.dossier.models import Action, ActionStatus, Compliment, Experience, Reflection
from koers.home.queries.common import Period
from koers.schools.models import Group, Membership, Mentorship, SchoolYear, Student, User

# The values after the student's and the user's columns, in the order of the statement, with the model
# field whose type they have when the database's value needs converting (None: a text, a number or 0/1).
SIGNALS: tuple[tuple[str, Field[Any, Any] | None], ...] = (
    ("current_group", None),  # the name of the group the student is in today, or None
    ("s_last_experience_on", Experience._meta.get_field("happened_on")),
    ("s_last_experience_added", Experience._meta.get_field("created_at")),
    ("s_last_reflection_added", Reflection._meta.get_field("created_at")),
    ("s_experiences_in_period", None),
    ("s_reflections_in_period", None),
    ("s_open_actions", None),
    ("s_overdue_actions", None),
    ("s_compliments", None),
    ("s_explored", None),  # 1 when the student has a favourite or took the interest test
)


@functools.lru_cache(maxsize=128)
def _statement(vendor: str, students: int) -> str:
    """The statement for ``students`` primary keys (``vendor`` keys the cache: backends quote differently)."""
    q = connection.ops.quote_name
    t = {
        name: q(model._meta.db_table)
        for name, model in {
            "student": Student,
            "user": User,
            "membership": Membership,
            "group": Group,
            "year": SchoolYear,
            "experience": Experience,
            "reflection": Reflection,
            "action": Action,
            "compliment": Compliment,
            "favourite": Favourite,
            "interest": InterestResult,
        }.items()
    }
    columns = [f"s.{q(f.column)}" for f in Student._meta.concrete_fields]
    columns += [f"u.{q(f.column)}" for f in User._meta.concrete_fields]
    own = "student_id = s.id AND school_id = %(school)s"  # the student's own items, in the student's school
    keys = _keys("s", range(students))[0]
    return f"""
        SELECT {", ".join(columns)},
            (SELECT g.name FROM {t["membership"]} m
                INNER JOIN {t["group"]} g ON g.id = m.group_id
                INNER JOIN {t["year"]} y ON y.id = g.school_year_id
              WHERE m.student_id = s.id AND m.school_id = %(school)s
                AND m.starts_on <= %(day)s AND (m.ends_on IS NULL OR m.ends_on >= %(day)s)
                AND y.starts_on <= %(day)s AND y.ends_on >= %(day)s
              ORDER BY m.starts_on DESC, m.id DESC LIMIT 1),
            (SELECT MAX(happened_on) FROM {t["experience"]} WHERE {own}),
            (SELECT MAX(created_at) FROM {t["experience"]} WHERE {own}),
            (SELECT MAX(created_at) FROM {t["reflection"]} WHERE {own}),
            (SELECT COUNT(*) FROM {t["experience"]} WHERE {own} AND created_at >= %(since)s),
            (SELECT COUNT(*) FROM {t["reflection"]} WHERE {own} AND created_at >= %(since)s),
            (SELECT COUNT(*) FROM {t["action"]} WHERE {own} AND status = %(open)s),
            (SELECT COUNT(*) FROM {t["action"]} WHERE {own} AND status = %(open)s AND due_on < %(day)s),
            (SELECT COUNT(*) FROM {t["compliment"]} WHERE {own}),
            CASE WHEN EXISTS (SELECT 1 FROM {t["favourite"]} WHERE {own})
                   OR EXISTS (SELECT 1 FROM {t["interest"]} WHERE {own}) THEN 1 ELSE 0 END
        FROM {t["student"]} s
        INNER JOIN {t["user"]} u ON u.id = s.user_id
        WHERE s.school_id = %(school)s AND s.id IN ({keys})
    """


@functools.cache
def _converters(
    vendor: str, fields: tuple[Field[Any, Any] | None, ...]
) -> list[tuple[int, Any, tuple[Any, ...]]]:
    """The columns whose values a queryset converts, as (index, column, converters); ``fields`` says the
    model field of each column of a statement (None: a value used as the database gives it)."""
    found = []
    for index, field in enumerate(fields):
        if field is not None:
            col = field.get_col(field.model._meta.db_table)
            functions = tuple(connection.ops.get_db_converters(col) + col.get_db_converters(connection))
            if functions:
                found.append((index, col, functions))
    return found


def _fetch(sql: str, params: dict[str, Any], fields: tuple[Field[Any, Any] | None, ...]) -> list[list[Any]]:
    """The rows of a statement with each value converted as a queryset would (dates on SQLite, say)."""
    converters = _converters(connection.vendor, fields)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [list(row) for row in cursor.fetchall()]
    if converters:
        for values in rows:
            for index, col, functions in converters:
                for function in functions:
                    values[index] = function(values[index], col, connection)
    return rows


def _keys(prefix: str, keys: Collection[int]) -> tuple[str, dict[str, Any]]:
    """Placeholders for an ``IN (...)`` list and their parameters."""
    return ", ".join(f"%({prefix}{n})s" for n in range(len(keys))), {
        f"{prefix}{n}": key for n, key in enumerate(keys)
    }


def _columns(model: type[Model], alias: str) -> str:
    q = connection.ops.quote_name
    return ", ".join(f"{alias}.{q(f.column)}" for f in model._meta.concrete_fields)


def _instance(model: type[Model], values: list[Any]) -> Any:
    return model.from_db(connection.alias, [f.attname for f in model._meta.concrete_fields], values)


_STUDENT_FIELDS = (*Student._meta.concrete_fields, *User._meta.concrete_fields, *(f for _, f in SIGNALS))


def students_with_signals(school_id: int, student_ids: Collection[int], period: Period) -> list[Student]:
    """The students of ``student_ids`` at the school, each with its user and the attributes of ``SIGNALS``.

    One query. Definitions of the signals: ``koers.home.queries`` (the package's docstring).
    """
    if not student_ids:
        return []
    ops = connection.ops
    _, params = _keys("s", student_ids)
    params.update(
        {
            "school": school_id,
            "day": ops.adapt_datefield_value(period.today),
            "since": ops.adapt_datetimefield_value(period.since),
            "open": ActionStatus.OPEN.value,
        }
    )
    rows = _fetch(_statement(connection.vendor, len(student_ids)), params, _STUDENT_FIELDS)
    n_student = len(Student._meta.concrete_fields)
    n_user = len(User._meta.concrete_fields)
    user_field = Student._meta.get_field("user")
    students = []
    for values in rows:
        student = _instance(Student, values[:n_student])
        user_field.set_cached_value(student, _instance(User, values[n_student : n_student + n_user]))
        for (name, _), value in zip(SIGNALS, values[n_student + n_user :], strict=True):
            setattr(student, name, value)
        students.append(student)
    return students


_MENTORSHIP_FIELDS = (
    Mentorship._meta.get_field("student"),
    *Group._meta.concrete_fields,
    *SchoolYear._meta.concrete_fields,
)


def mentorships(school_id: int, mentor_id: int) -> list[tuple[int | None, Group | None]]:
    """The mentor's mentorships at the school: ``(student_id, None)`` for one student, ``(None, group)`` for a
    whole group, with the group's school year loaded. One query."""
    q = connection.ops.quote_name
    sql = f"""
        SELECT ms.student_id, {_columns(Group, "g")}, {_columns(SchoolYear, "y")}
        FROM {q(Mentorship._meta.db_table)} ms
        LEFT OUTER JOIN {q(Group._meta.db_table)} g ON g.id = ms.group_id
        LEFT OUTER JOIN {q(SchoolYear._meta.db_table)} y ON y.id = g.school_year_id
        WHERE ms.mentor_id = %(mentor)s AND ms.school_id = %(school)s
    """
    n_group = len(Group._meta.concrete_fields)
    year_field = Group._meta.get_field("school_year")
    found: list[tuple[int | None, Group | None]] = []
    for values in _fetch(sql, {"mentor": mentor_id, "school": school_id}, _MENTORSHIP_FIELDS):
        if values[0] is not None or values[1] is None:
            found.append((values[0], None))
            continue
        group = _instance(Group, values[1 : 1 + n_group])
        year_field.set_cached_value(group, _instance(SchoolYear, values[1 + n_group :]))
        found.append((None, group))
    return found


_MEMBERSHIP_FIELDS = (
    Membership._meta.get_field("student"),
    Membership._meta.get_field("group"),
    Membership._meta.get_field("starts_on"),
)


def current_memberships(
    school_id: int, group_ids: Collection[int], day: dt.date
) -> list[tuple[int, int, dt.date]]:
    """``(student_id, group_id, starts_on)`` of the memberships of these groups that run on ``day``. One
    query (none without groups)."""
    if not group_ids:
        return []
    keys, params = _keys("g", group_ids)
    params.update({"school": school_id, "day": connection.ops.adapt_datefield_value(day)})
    sql = f"""
        SELECT student_id, group_id, starts_on FROM {connection.ops.quote_name(Membership._meta.db_table)}
        WHERE school_id = %(school)s AND group_id IN ({keys})
          AND starts_on <= %(day)s AND (ends_on IS NULL OR ends_on >= %(day)s)
    """
    return [(values[0], values[1], values[2]) for values in _fetch(sql, params, _MEMBERSHIP_FIELDS)]
