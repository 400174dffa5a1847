"""Each student's signals in one raw statement, for the mentor's class view.

The statement is the one the ORM wrote for a student queryset with ``select_related("user")`` and ten
correlated scalar subqueries (the current group's name and nine signals), written once by hand: the ORM spent
some 5 ms of CPU per request building and compiling those subqueries, several times what the database needs to
run them. The text depends only on the number of students and is kept per process; the values are
parameters. The students and their users are made with ``Model.from_db`` after the backend's converters ran
(dates on SQLite, for instance), as a queryset makes them.

Raw SQL bypasses the tenancy scope, so every part filters on the school explicitly, as the scoped managers
add it to the ORM's subqueries.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from typing import Any

from django.db import connection
from django.db.models import Field

from koers.careers.models import Favourite, InterestResult
from koers.dossier.models import Action, ActionStatus, Compliment, Experience, Reflection
from koers.home.queries.common import Period
from koers.schools.models import Group, Membership, SchoolYear, Student, User

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

Converter = Callable[[Any, Any, Any], Any]


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
    keys = ", ".join(f"%(s{n})s" for n in range(students))
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
def _converters(vendor: str) -> list[tuple[int, Any, tuple[Converter, ...]]]:
    """The columns of the statement whose values a queryset converts (index, column, converters)."""
    fields: list[Field[Any, Any] | None] = [*Student._meta.concrete_fields, *User._meta.concrete_fields]
    fields += [field for _, field in SIGNALS]
    found = []
    for index, field in enumerate(fields):
        if field is not None:
            col = field.get_col(field.model._meta.db_table)
            functions = tuple(connection.ops.get_db_converters(col) + col.get_db_converters(connection))
            if functions:
                found.append((index, col, functions))
    return found


def students_with_signals(school_id: int, student_ids: Collection[int], period: Period) -> list[Student]:
    """The students of ``student_ids`` at the school, each with its user and the attributes of ``SIGNALS``.

    One query. Definitions of the signals: ``koers.home.queries`` (the package's docstring).
    """
    if not student_ids:
        return []
    ops = connection.ops
    params: dict[str, Any] = {
        "school": school_id,
        "day": ops.adapt_datefield_value(period.today),
        "since": ops.adapt_datetimefield_value(period.since),
        "open": ActionStatus.OPEN.value,
    }
    params.update({f"s{n}": pk for n, pk in enumerate(student_ids)})
    converters = _converters(connection.vendor)
    n_student = len(Student._meta.concrete_fields)
    n_user = len(User._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(_statement(connection.vendor, len(student_ids)), params)
        rows = cursor.fetchall()
    db = connection.alias
    student_names = [f.attname for f in Student._meta.concrete_fields]
    user_names = [f.attname for f in User._meta.concrete_fields]
    user_field = Student._meta.get_field("user")
    students = []
    for raw in rows:
        values = list(raw)
        for index, col, functions in converters:
            for function in functions:
                values[index] = function(values[index], col, connection)
        student = Student.from_db(db, student_names, values[:n_student])
        user = User.from_db(db, user_names, values[n_student : n_student + n_user])
        user_field.set_cached_value(student, user)
        for (name, _), value in zip(SIGNALS, values[n_student + n_user :], strict=True):
            setattr(student, name, value)
        students.append(student)
    return students
