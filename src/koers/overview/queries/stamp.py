"""The state of a student's dossier in one query: the key of the student's own dossier page in the cache.

The own dossier page reads some fifteen tables in thirteen queries, and most of its server time goes into
building those queries and rendering what they return. Most views of it come back to an unchanged dossier,
so the page caches its rendered sections under a key made of *the rows they are read from*: one statement
that reads every row of every table the page shows for this student, each row as one text of all its
columns. Whatever changes (a title, a share switch, a step done, a reflection added, a mentor's new name, a
conversation's status), by whatever path (a form, a bulk import, a queryset update that sends no signal),
changes the key, and the next request renders the page afresh. No write has to remember to move a marker.

``STAMPED`` lists the tables and how their rows belong to the student; a test compares it with the tables
``dossier_overview`` reads, so a page that starts to show something new cannot be served stale from here.
The statement is built once per process and database vendor from the models' metadata.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import connection
from django.db.models import Model

from koers.conversations.models import Conversation, ConversationTag, ConversationType
from koers.dossier.models import (
    Action,
    Ambition,
    AmbitionStep,
    Compliment,
    Contact,
    Evidence,
    Experience,
    Reflection,
    StudentTrait,
)
from koers.lob.models import Trait
from koers.schools.models import User


@dataclass(frozen=True)
class Stamped:
    """A table of the page, and which of its rows are this student's: ``rows`` is a SQL condition on the
    table's columns with ``{student}`` for the student's id (written out from the models' metadata)."""

    model: type[Model]
    rows: str


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _col(model: type[Model], field: str) -> str:
    return _q(str(model._meta.get_field(field).column))  # type: ignore[union-attr]


def _of_student(model: type[Model]) -> str:
    return f"{_col(model, 'student')} = {{student}}"


def _pk(model: type[Model]) -> str:
    return _q(str(model._meta.pk.column))


def _ids_of(*sources: tuple[type[Model], str]) -> str:
    """``(SELECT <field> FROM <table> WHERE student = ... UNION ...)``: one list, so that the database looks
    the ids up on the primary key instead of testing every row of a large table (users) against each list."""
    selects = [f"SELECT {_col(m, f)} FROM {_q(m._meta.db_table)} WHERE {_of_student(m)}" for m, f in sources]
    return "(" + " UNION ".join(selects) + ")"


def stamped_tables() -> list[Stamped]:
    through = StudentTrait.experiences.through
    people = ((Compliment, "given_by"), (Conversation, "mentor"), (Action, "doer_user"))
    tag_traits = (
        f"(SELECT {_col(ConversationTag, 'trait')} FROM {_q(ConversationTag._meta.db_table)}"
        f" WHERE {_col(ConversationTag, 'conversation')} IN {_ids_of((Conversation, 'id'))})"
    )
    return [
        Stamped(Experience, _of_student(Experience)),
        Stamped(Evidence, _of_student(Evidence)),
        Stamped(Reflection, _of_student(Reflection)),
        Stamped(StudentTrait, _of_student(StudentTrait)),
        Stamped(
            through,
            f"{_q(through._meta.get_field('studenttrait').column)} IN {_ids_of((StudentTrait, 'id'))}",
        ),
        Stamped(Trait, f"{_pk(Trait)} IN {_ids_of((StudentTrait, 'trait'), (Compliment, 'trait'))}"),
        # A tag without its own words shows the trait's name.
        Stamped(Trait, f"{_pk(Trait)} IN {tag_traits}"),
        Stamped(Compliment, _of_student(Compliment)),
        Stamped(Ambition, _of_student(Ambition)),
        Stamped(AmbitionStep, f"{_col(AmbitionStep, 'ambition')} IN {_ids_of((Ambition, 'id'))}"),
        Stamped(Contact, _of_student(Contact)),
        Stamped(Action, _of_student(Action)),
        Stamped(Conversation, _of_student(Conversation)),
        Stamped(ConversationType, f"{_pk(ConversationType)} IN {_ids_of((Conversation, 'type'))}"),
        Stamped(
            ConversationTag, f"{_col(ConversationTag, 'conversation')} IN {_ids_of((Conversation, 'id'))}"
        ),
        Stamped(User, f"{_pk(User)} IN {_ids_of(*people)}"),
    ]


_STATEMENTS: dict[str, tuple[str, int]] = {}


def _statement() -> tuple[str, int]:
    """The one statement and how many times it needs the student's id."""
    vendor = connection.vendor
    if vendor not in _STATEMENTS:
        parts = []
        for stamped in stamped_tables():
            meta = stamped.model._meta
            # Each value as "<length>:<text>", NULL as "-": no two different rows give the same text.
            columns = " || '|' || ".join(
                f"COALESCE(LENGTH(CAST({c} AS TEXT)) || ':' || CAST({c} AS TEXT), '-')"
                for c in (_q(f.column) for f in meta.concrete_fields)
            )
            parts.append(
                f"SELECT '{meta.label}', {_pk(stamped.model)}, {columns} "
                f"FROM {_q(meta.db_table)} WHERE {stamped.rows}"
            )
        sql = " UNION ALL ".join(parts) + " ORDER BY 1, 2"
        _STATEMENTS[vendor] = (sql.replace("{student}", "%s"), sql.count("{student}"))
    return _STATEMENTS[vendor]


def dossier_stamp(student_id: int) -> str:
    """A short hash of every row the student's dossier page shows (one query)."""
    sql, uses = _statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [student_id] * uses)
        rows = cursor.fetchall()
    digest = hashlib.blake2b(digest_size=16)
    for label, pk, text in rows:
        digest.update(f"{label}\x1f{pk}\x1f{text}\x1e".encode())
    return digest.hexdigest()
