"""Whole-school group sums, shared by the counsellor's and the school leader's pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext

from koers.dossier.models import Action, ActionStatus, Compliment, Experience, Reflection
from koers.home.queries.common import (
    Period,
    current_year_groups,
)
from koers.schools.models import (
    Group,
    Membership,
    School,
    SchoolYear,
    Track,
)


@dataclass
class GroupSummary:
    group: Group
    students: int
    experiences_in_period: int
    reflections_in_period: int
    open_actions: int
    overdue_actions: int
    compliments: int

    @property
    def track_label(self) -> str:
        """The group's track as shown; the same as ``group.get_track_display()``, without rebuilding the
        choices for every row of a long table."""
        return _track_label(self.group.track)


def _track_label(value: str) -> str:
    try:
        return str(Track(value).label)
    except ValueError:
        return value


@dataclass
class Totals:
    students: int = 0
    experiences_in_period: int = 0
    reflections_in_period: int = 0
    open_actions: int = 0
    overdue_actions: int = 0
    compliments: int = 0


def _totals(summaries: Iterable[GroupSummary | Totals]) -> Totals:
    totals = Totals()
    for s in summaries:
        for name in vars(totals):
            setattr(totals, name, getattr(totals, name) + getattr(s, name))
    return totals


# Up to this many groups the counsellor's and leader's pages list every group; a larger school sees one row
# per year level (and one for the ISK) and the groups of the level it opens, so that the page does not grow
# with the school (a school of 6,000 has some 240 groups).
ALL_GROUPS_UP_TO = 30


@dataclass
class LevelSummary:
    key: str  # the year level as a string, or "isk"
    label: str
    groups: int
    totals: Totals


def level_key(group: Group) -> str:
    return Track.ISK.value if group.track == Track.ISK else str(group.year_level)


def level_summaries(summaries: Sequence[GroupSummary]) -> list[LevelSummary]:
    """The group sums added up per year level, ISK groups apart (after the year levels)."""

    by_key: dict[str, list[GroupSummary]] = {}
    for summary in summaries:
        by_key.setdefault(level_key(summary.group), []).append(summary)
    keys = sorted(by_key, key=lambda k: (k == Track.ISK.value, int(k) if k.isdigit() else 0))
    return [
        LevelSummary(
            key=key,
            label=str(Track.ISK.label)
            if key == Track.ISK.value
            else gettext("leerjaar %(level)s") % {"level": key},
            groups=len(by_key[key]),
            totals=_totals(by_key[key]),
        )
        for key in keys
    ]


@dataclass
class GroupTable:
    """What the group table shows: every group, or per year level plus the groups of the level opened."""

    groups: list[GroupSummary]  # the group rows shown
    totals: Totals  # of the whole school
    levels: list[LevelSummary]  # empty when every group is shown
    level: LevelSummary | None  # the level opened, if any


def group_table(summaries: list[GroupSummary], level: str | None = None) -> GroupTable:
    totals = _totals(summaries)
    if len(summaries) <= ALL_GROUPS_UP_TO:
        return GroupTable(groups=summaries, totals=totals, levels=[], level=None)
    levels = level_summaries(summaries)
    opened = next((lv for lv in levels if lv.key == level), None)
    shown = [s for s in summaries if opened is not None and level_key(s.group) == opened.key]
    return GroupTable(groups=shown, totals=totals, levels=levels, level=opened)


def _group_signals_sql() -> str:
    """One statement for the signals of every current group (see ``group_summaries``).

    The items are counted per student first (one pass over each table, only this school's rows), then
    joined once to the current memberships and summed per group. A student in two current memberships of
    one group counts their items twice, as the earlier per-kind joins did; the number of students is distinct.
    """
    table = {
        "membership": Membership._meta.db_table,
        "group": Group._meta.db_table,
        "year": SchoolYear._meta.db_table,
        "experience": Experience._meta.db_table,
        "reflection": Reflection._meta.db_table,
        "action": Action._meta.db_table,
        "compliment": Compliment._meta.db_table,
    }
    return """
        SELECT m.group_id,
               COUNT(DISTINCT m.student_id),
               COALESCE(SUM(i.e), 0),
               COALESCE(SUM(i.r), 0),
               COALESCE(SUM(i.o), 0),
               COALESCE(SUM(i.d), 0),
               COALESCE(SUM(i.c), 0)
        FROM {membership} m
        INNER JOIN {group} g ON g.id = m.group_id
        INNER JOIN {year} y ON y.id = g.school_year_id
        LEFT OUTER JOIN (
            SELECT student_id, SUM(e) AS e, SUM(r) AS r, SUM(o) AS o, SUM(d) AS d, SUM(c) AS c
            FROM (
                SELECT student_id, 1 AS e, 0 AS r, 0 AS o, 0 AS d, 0 AS c
                  FROM {experience} WHERE school_id = %(school)s AND created_at >= %(since)s
                UNION ALL
                SELECT student_id, 0, 1, 0, 0, 0
                  FROM {reflection} WHERE school_id = %(school)s AND created_at >= %(since)s
                UNION ALL
                SELECT student_id, 0, 0, 1, CASE WHEN due_on < %(day)s THEN 1 ELSE 0 END, 0
                  FROM {action} WHERE school_id = %(school)s AND status = %(open)s
                UNION ALL
                SELECT student_id, 0, 0, 0, 0, 1
                  FROM {compliment} WHERE school_id = %(school)s
            ) items
            GROUP BY student_id
        ) i ON i.student_id = m.student_id
        WHERE m.school_id = %(school)s
          AND g.school_id = %(school)s
          AND y.starts_on <= %(day)s AND y.ends_on >= %(day)s
          AND m.starts_on <= %(day)s AND (m.ends_on IS NULL OR m.ends_on >= %(day)s)
        GROUP BY m.group_id
    """.format(**{k: connection.ops.quote_name(v) for k, v in table.items()})


def group_summaries(school: School, period: Period) -> list[GroupSummary]:
    """Every group of the current school year with its current students' signals summed. Two queries.

    A student counts in the group they are in today only; what they did before a change of group moves
    with them (the dossier is the student's, not the group's).

    The sums come from one statement (``_group_signals_sql``): each kind of item is read once for the
    whole school, counted per student, and the per-student counts are joined once to the current
    memberships. The work stays linear in the size of the school on SQLite and PostgreSQL alike, and it
    costs one round trip instead of one per kind. Raw SQL, so the school is filtered explicitly in every
    part (the tenancy scope only guards ORM queries).
    """
    day = period.today
    groups = list(current_year_groups(day).filter(school_id=school.pk).order_by("year_level", "name"))
    if not groups:
        return []
    ops = connection.ops
    params = {
        "school": school.pk,
        "day": ops.adapt_datefield_value(day),
        "since": ops.adapt_datetimefield_value(period.since),
        "open": ActionStatus.OPEN.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(_group_signals_sql(), params)
        counts = {row[0]: [int(n) for n in row[1:]] for row in cursor.fetchall()}
    empty = [0] * 6
    summaries = []
    for g in groups:
        students, experiences, reflections, open_actions, overdue, compliments = counts.get(g.pk, empty)
        summaries.append(
            GroupSummary(
                group=g,
                students=students,
                experiences_in_period=experiences,
                reflections_in_period=reflections,
                open_actions=open_actions,
                overdue_actions=overdue,
                compliments=compliments,
            )
        )
    return summaries
