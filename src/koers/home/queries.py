"""Reads for the landing pages. Each function returns everything one page needs in a fixed number of queries.

Signals are computed in SQL: per student with correlated scalar subqueries on the student index (mentor),
per group with one grouped query per kind of item (counsellor, leader). No query counts over two
multi-valued joins at once, which would multiply the counts. Definitions used on every page:

* **period**: the last ``school.inactive_after_weeks`` weeks up to now. "Experiences/reflections this period"
  count what the student *added* to the dossier in that time (``created_at``), whatever date the experience
  itself happened on.
* **last experience**: the date the most recent experience happened (``happened_on``).
* **last activity**: the latest moment the student added an experience or a reflection.
* **current**: memberships running today, in groups of the school year that runs today.
* **new in the group**: the membership started after the first day of the school year and less than
  ``NEW_IN_GROUP_WEEKS`` weeks ago (ISK students join during the year; at the start of a year nobody is new).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from koers.careers.models import Favourite, InterestResult
from koers.dossier.models import Action, ActionStatus, Compliment, Experience, Reflection
from koers.schools.models import (
    Group,
    Guardianship,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    School,
    SchoolYear,
    Student,
    Track,
    User,
)

NEW_IN_GROUP_WEEKS = 6
INACTIVE_PAGE_SIZE = 50
SEARCH_PAGE_SIZE = 25


@dataclass(frozen=True)
class Period:
    """The window that "this period" means on the landing pages."""

    weeks: int
    since: dt.datetime
    today: dt.date

    @property
    def since_date(self) -> dt.date:
        return timezone.localdate(self.since)

    @classmethod
    def last_weeks(cls, weeks: int, *, now: dt.datetime | None = None) -> Period:
        now = now or timezone.now()
        return cls(weeks=weeks, since=now - dt.timedelta(weeks=weeks), today=timezone.localdate(now))

    @classmethod
    def of_school(cls, school: School, *, now: dt.datetime | None = None) -> Period:
        return cls.last_weeks(school.inactive_after_weeks, now=now)


# --- building blocks -------------------------------------------------------------------------------------


class _CountRows(Func):
    """COUNT(*) as a scalar subquery value, without a GROUP BY."""

    function = "COUNT"
    template = "%(function)s(*)"
    output_field = IntegerField()

    def __init__(self) -> None:
        super().__init__()


def _scalar_count(queryset: QuerySet[Any]) -> Coalesce:
    """The number of rows of ``queryset`` (which may hold OuterRefs) as an annotation, 0 when none."""
    counted = queryset.order_by().annotate(_n=_CountRows()).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _scalar_max(queryset: QuerySet[Any], field_name: str, output_field: Any) -> Subquery:
    """The largest value of ``field_name`` in ``queryset`` as an annotation (NULL when there are no rows)."""
    return Subquery(
        queryset.order_by().annotate(_m=Func(F(field_name), function="MAX")).values("_m"),
        output_field=output_field,
    )


def current_year_groups(day: dt.date) -> QuerySet[Group]:
    return Group.objects.filter(school_year__starts_on__lte=day, school_year__ends_on__gte=day)


def _student_signals(period: Period) -> dict[str, Any]:
    """Signal annotations for a Student queryset: one scalar subquery each, on the student index."""
    student = OuterRef("pk")
    experiences = Experience.objects.filter(student_id=student)
    reflections = Reflection.objects.filter(student_id=student)
    actions = Action.objects.filter(student_id=student, status=ActionStatus.OPEN)
    return {
        "s_last_experience_on": _scalar_max(experiences, "happened_on", DateField()),
        "s_last_experience_added": _scalar_max(experiences, "created_at", DateTimeField()),
        "s_last_reflection_added": _scalar_max(reflections, "created_at", DateTimeField()),
        "s_experiences_in_period": _scalar_count(experiences.filter(created_at__gte=period.since)),
        "s_reflections_in_period": _scalar_count(reflections.filter(created_at__gte=period.since)),
        "s_open_actions": _scalar_count(actions),
        "s_overdue_actions": _scalar_count(actions.filter(due_on__lt=period.today)),
        "s_compliments": _scalar_count(Compliment.objects.filter(student_id=student)),
        # careers: a favourite occupation or programme, or an interest test taken (the class view's signal)
        "s_explored": Exists(Favourite.objects.filter(student_id=student))
        | Exists(InterestResult.objects.filter(student_id=student)),
    }


def _current_group_name(student_ref: str, day: dt.date) -> Subquery:
    memberships = (
        Membership.objects.current(day)
        .filter(student_id=OuterRef(student_ref))
        .filter(group__school_year__starts_on__lte=day, group__school_year__ends_on__gte=day)
        .order_by("-starts_on", "-pk")
        .values("group__name")[:1]
    )
    return Subquery(memberships)


def _attach_current_groups(students: Sequence[Student], day: dt.date) -> None:
    """Set ``current_group`` (a group name or "") on each student of one page. One query.

    Used after paginating, so that the group is looked up for the rows shown, not for every row sorted.
    """
    names: dict[int, str] = {}
    if students:
        for student_id, name in (
            Membership.objects.current(day)
            .filter(student_id__in=[s.pk for s in students])
            .filter(group__school_year__starts_on__lte=day, group__school_year__ends_on__gte=day)
            .order_by("starts_on", "pk")  # the latest membership wins below
            .values_list("student_id", "group__name")
        ):
            names[student_id] = name
    for student in students:
        student.current_group = names.get(student.pk, "")  # type: ignore[attr-defined]


def _is_new(starts_on: dt.date, year_start: dt.date, period: Period) -> bool:
    return starts_on > year_start and starts_on >= period.today - dt.timedelta(weeks=NEW_IN_GROUP_WEEKS)


def _is_quiet(last_activity: dt.datetime | None, period: Period) -> bool:
    return last_activity is None or last_activity < period.since


# --- mentor ----------------------------------------------------------------------------------------------


@dataclass
class StudentRow:
    student: Student
    group_name: str
    last_experience_on: dt.date | None
    experiences_in_period: int
    reflections_in_period: int
    open_actions: int
    overdue_actions: int
    compliments: int
    last_activity: dt.datetime | None
    new_since: dt.date | None = None
    quiet: bool = False
    explored: bool = True  # careers: has a favourite or took the interest test

    @property
    def name(self) -> str:
        return self.student.name


@dataclass
class MentorGroup:
    group: Group
    rows: list[StudentRow] = field(default_factory=list)

    @property
    def overdue_total(self) -> int:
        return sum(r.overdue_actions for r in self.rows)


@dataclass
class MentorPage:
    period: Period
    groups: list[MentorGroup]
    individual: list[StudentRow]

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.individual


SORTS = ("name", "attention")


def dutch_sort_name(last_name: str) -> str:
    """The last name as a Dutch list sorts it: "van den Berg" under B, "El Idrissi" under E.

    Leading words in lower case are the tussenvoegsels (van, de, der, ten, 't ...), which are skipped.
    """
    words = last_name.split()
    while len(words) > 1 and words[0].islower():
        words.pop(0)
    return " ".join(words).casefold()


def _sort_rows(rows: list[StudentRow], sort: str) -> list[StudentRow]:
    by_name = sorted(
        rows, key=lambda r: (dutch_sort_name(r.student.user.last_name), r.student.user.first_name.casefold())
    )
    if sort != "attention":
        return by_name
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    # Most overdue first, then the longest quiet; sorted() is stable so names break ties.
    return sorted(
        by_name,
        key=lambda r: (-r.overdue_actions, r.last_activity or oldest),
    )


def _row(student: Any, group_name: str, period: Period) -> StudentRow:
    added = [d for d in (student.s_last_experience_added, student.s_last_reflection_added) if d is not None]
    last_activity = max(added) if added else None
    return StudentRow(
        student=student,
        group_name=group_name,
        last_experience_on=student.s_last_experience_on,
        experiences_in_period=student.s_experiences_in_period,
        reflections_in_period=student.s_reflections_in_period,
        open_actions=student.s_open_actions,
        overdue_actions=student.s_overdue_actions,
        compliments=student.s_compliments,
        last_activity=last_activity,
        quiet=_is_quiet(last_activity, period),
        explored=bool(getattr(student, "s_explored", True)),
    )


def mentor_page(role: Role, *, sort: str = "name", now: dt.datetime | None = None) -> MentorPage:
    """The mentor's groups (this school year) with each current student's signals. Three queries.

    Students mentored individually are listed apart, with their current group (any group).
    """
    period = Period.of_school(role.school, now=now)
    day = period.today
    # One query for both kinds of mentorship: of a whole group, or of one student.
    groups: list[Group] = []
    alone: set[int] = set()
    for mentorship in Mentorship.objects.filter(mentor_id=role.user_id).select_related("group__school_year"):
        if mentorship.student_id is not None:
            alone.add(mentorship.student_id)
        elif mentorship.group is not None:
            year = mentorship.group.school_year
            if year.starts_on <= day <= year.ends_on:
                groups.append(mentorship.group)
    groups.sort(key=lambda g: (g.year_level, g.name))
    by_group = {g.pk: MentorGroup(group=g) for g in groups}
    memberships = list(
        Membership.objects.current(day)
        .filter(group_id__in=list(by_group))
        .only("student_id", "group_id", "starts_on")
        .order_by()
        if by_group
        else []
    )
    wanted = alone | {m.student_id for m in memberships}
    students: dict[int, Any] = {
        s.pk: s
        for s in (
            Student.objects.filter(pk__in=wanted)
            .select_related("user")
            .annotate(current_group=_current_group_name("pk", day), **_student_signals(period))
            if wanted
            else []
        )
    }
    for m in memberships:
        mentor_group = by_group[m.group_id]
        row = _row(students[m.student_id], mentor_group.group.name, period)
        if _is_new(m.starts_on, mentor_group.group.school_year.starts_on, period):
            row.new_since = m.starts_on
        mentor_group.rows.append(row)
    for mentor_group in by_group.values():
        mentor_group.rows = _sort_rows(mentor_group.rows, sort)
    individual = [
        _row(s, s.current_group or "", period)
        for pk, s in students.items()
        if pk in alone and s.left_on is None
    ]
    return MentorPage(period=period, groups=list(by_group.values()), individual=_sort_rows(individual, sort))


# --- counsellor and leader -------------------------------------------------------------------------------


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
    from django.utils.translation import gettext

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


def quiet_students(school: School, *, weeks: int, now: dt.datetime | None = None) -> QuerySet[Student]:
    """Students still at school who added no experience and no reflection in the last ``weeks`` weeks.

    Longest quiet first (those who never added anything at the very top), then by name. The filter is two
    NOT EXISTS probes per student on the student index; the latest dates are computed only for the quiet
    ones. Users carry no school, so the user table is never joined here: the names to sort on are scalar
    lookups by primary key, one per quiet student of this school, so that the plan never reads the users of
    other schools (a join let PostgreSQL hash the whole user table). Load the users of the rows shown with
    ``with_users``.
    """
    window = Period.last_weeks(weeks, now=now)
    experiences = Experience.objects.filter(student_id=OuterRef("pk"))
    reflections = Reflection.objects.filter(student_id=OuterRef("pk"))
    last_exp = _scalar_max(experiences, "created_at", DateTimeField())
    last_ref = _scalar_max(reflections, "created_at", DateTimeField())
    user = User.objects.filter(pk=OuterRef("user_id"))
    return (
        Student.objects.filter(school_id=school.pk, left_on__isnull=True, joined_on__lte=window.today)
        .filter(
            ~Exists(experiences.filter(created_at__gte=window.since)),
            ~Exists(reflections.filter(created_at__gte=window.since)),
        )
        .annotate(
            last_activity=Greatest(Coalesce(last_exp, last_ref), Coalesce(last_ref, last_exp)),
            sort_last_name=Subquery(user.values("last_name")[:1]),
            sort_first_name=Subquery(user.values("first_name")[:1]),
        )
        .order_by(F("last_activity").asc(nulls_first=True), "sort_last_name", "sort_first_name", "pk")
    )


def with_users(students: Sequence[Student], day: dt.date) -> None:
    """Attach each student's user and ``current_group`` (a group name or "") to one page of students. One
    query, by primary key."""
    if not students:
        return
    found = (
        Student.objects.filter(pk__in=[s.pk for s in students])
        .select_related("user")
        .annotate(current_group=_current_group_name("pk", day))
        .in_bulk()
    )
    for student in students:
        student.user = found[student.pk].user
        student.current_group = found[student.pk].current_group or ""  # type: ignore[attr-defined]


def _page_with_total(queryset: QuerySet[Student], per_page: int, number: int | str) -> Page:
    """``Paginator(queryset, per_page).get_page(number)``, with the total counted in the page's own query.

    A window count (``COUNT(*) OVER ()``) carries the number of matching rows on every row of the page, which
    saves the separate COUNT query. A page number below one or past the end falls back to the paginator,
    which counts and shows the last page, as ``get_page`` does.
    """
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    if wanted < 1:
        return Paginator(queryset, per_page).get_page(wanted)
    bottom = (wanted - 1) * per_page
    rows = list(queryset.annotate(_total=Window(Count("pk")))[bottom : bottom + per_page])
    if not rows and wanted > 1:
        return Paginator(queryset, per_page).get_page(wanted)
    paginator = Paginator(queryset, per_page)
    paginator.count = rows[0]._total if rows else 0
    return Page(rows, wanted, paginator)


@dataclass
class CounsellorPage:
    period: Period
    groups: list[GroupSummary]
    totals: Totals
    table: GroupTable
    quiet_weeks: int
    quiet_since: dt.date
    quiet: Page


def counsellor_page(
    role: Role,
    *,
    weeks: int,
    page: int | str = 1,
    level: str | None = None,
    now: dt.datetime | None = None,
) -> CounsellorPage:
    """Group sums plus one page of quiet students. Four queries (two for the groups; the page with its
    total, and the page's users and groups for the quiet students; two more only for a page number past
    the end)."""
    period = Period.of_school(role.school, now=now)
    groups = group_summaries(role.school, period)
    quiet_page = _page_with_total(quiet_students(role.school, weeks=weeks, now=now), INACTIVE_PAGE_SIZE, page)
    with_users(list(quiet_page.object_list), period.today)
    table = group_table(groups, level)
    return CounsellorPage(
        period=period,
        groups=groups,
        totals=table.totals,
        table=table,
        quiet_weeks=weeks,
        quiet_since=Period.last_weeks(weeks, now=now).since_date,
        quiet=quiet_page,
    )


@dataclass
class LeaderPage:
    period: Period
    groups: list[GroupSummary]
    totals: Totals
    table: GroupTable


def leader_page(role: Role, *, level: str | None = None, now: dt.datetime | None = None) -> LeaderPage:
    """Aggregates only: no names, nothing that leads to a single student. Two queries."""
    period = Period.of_school(role.school, now=now)
    groups = group_summaries(role.school, period)
    table = group_table(groups, level)
    return LeaderPage(period=period, groups=groups, totals=table.totals, table=table)


# --- guardian --------------------------------------------------------------------------------------------


def guardian_children(role: Role, *, day: dt.date | None = None) -> list[Guardianship]:
    """The guardian's children at this school, each with ``current_group`` annotated. One query."""
    day = day or timezone.localdate()
    return list(
        Guardianship.objects.filter(
            guardian_id=role.user_id, student__school_id=role.school_id, student__left_on__isnull=True
        )
        .select_related("student__user")
        .annotate(current_group=_current_group_name("student_id", day))
        .order_by("student__user__first_name", "student__user__last_name")
    )


# --- teacher ---------------------------------------------------------------------------------------------


def search_students(
    school: School,
    *,
    text: str = "",
    group_id: int | None = None,
    page: int | str = 1,
    day: dt.date | None = None,
) -> Page:
    """Current students by (part of) their name and/or their current group. Three queries
    (count, page, the page's groups).

    Only name and current group are selected for display: a teacher sees what a compliment needs.
    """
    day = day or timezone.localdate()
    students = Student.objects.filter(school_id=school.pk, left_on__isnull=True).select_related("user")
    for word in text.split():
        students = students.filter(Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word))
    if group_id is not None:
        students = students.filter(
            pk__in=Membership.objects.current(day).filter(group_id=group_id).values("student_id")
        )
    students = students.order_by("user__last_name", "user__first_name", "pk")
    found = Paginator(students, SEARCH_PAGE_SIZE).get_page(page)
    _attach_current_groups(list(found.object_list), day)
    return found


# --- admin -----------------------------------------------------------------------------------------------


@dataclass
class AdminPage:
    today: dt.date
    years: Sequence[SchoolYear]
    current_year: SchoolYear | None
    groups: list[Group]
    role_counts: list[tuple[str, int]]
    students_enrolled: int
    students_without_group: int


def admin_page(role: Role, *, day: dt.date | None = None) -> AdminPage:
    """School years, this year's groups with counts and mentors, people per role. Five queries."""
    day = day or timezone.localdate()
    years = list(SchoolYear.objects.filter(school_id=role.school_id).annotate(n_groups=Count("groups")))
    current_year = next((y for y in years if y.starts_on <= day <= y.ends_on), None)
    groups: list[Group] = list(
        current_year_groups(day)
        .filter(school_id=role.school_id)
        .annotate(n_students=_scalar_count(Membership.objects.current(day).filter(group_id=OuterRef("pk"))))
        .order_by("year_level", "name")
    )
    mentors: dict[int, list[str]] = {g.pk: [] for g in groups}
    for ms in (
        Mentorship.objects.filter(group_id__in=list(mentors))
        .select_related("mentor")
        .order_by("mentor__last_name", "mentor__first_name")
        if mentors
        else []
    ):
        mentors[ms.group_id].append(str(ms.mentor))  # type: ignore[index]
    for g in groups:
        g.mentor_names = mentors[g.pk]  # type: ignore[attr-defined]
    counts = dict(
        Role.objects.filter(school_id=role.school_id).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    role_counts = [(str(kind.label), counts.get(kind.value, 0)) for kind in RoleKind]
    in_a_group = Membership.objects.current(day).values("student_id")
    student_counts = Student.objects.filter(school_id=role.school_id, left_on__isnull=True).aggregate(
        enrolled=Count("pk"),
        without_group=Count("pk", filter=~Q(pk__in=in_a_group)),
    )
    return AdminPage(
        today=day,
        years=years,
        current_year=current_year,
        groups=groups,
        role_counts=role_counts,
        students_enrolled=student_counts["enrolled"],
        students_without_group=student_counts["without_group"],
    )


@dataclass
class GuardianHome:
    """The guardian's page for one child at a time. See ``guardian_home``."""

    children: list[Guardianship]
    child: Guardianship | None = None
    sees_dossier: bool = False
    line: Any = None
    coming: list[Any] = field(default_factory=list)
    upcoming_conversations: list[Any] = field(default_factory=list)
    agreements: list[Any] = field(default_factory=list)
    assignments: list[Any] = field(default_factory=list)
    shared_experiences: list[Experience] = field(default_factory=list)
    compliments: list[Compliment] = field(default_factory=list)
    internships: list[Any] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.line.done if self.line is not None else 0


GUARDIAN_COMING = 4
GUARDIAN_SHARED = 5
GUARDIAN_COMPLIMENTS = 5


def guardian_home(role: Role, *, child_pk: int | None = None, now: dt.datetime | None = None) -> GuardianHome:
    """Everything the guardian home shows for one child, in a fixed number of queries whatever the number
    of children, activities, conversations, assignments or dossier items.

    ``child_pk`` None picks the first child; a child that is not the guardian's raises Http404. What the
    guardian may see of the dossier follows ``visibility_for`` (parental authority, the student's choice):
    an information-only guardian gets the programme, conversations they take part in and home assignments,
    never dossier items."""
    from django.http import Http404

    from koers.conversations.models import Agreement, ConversationStatus, Party, Preparation
    from koers.conversations.queries.planning import my_conversations
    from koers.dossier.queries.overview import Visibility, visibility_for
    from koers.partners.queries.internships import child_internships
    from koers.programme.queries.guardian import home_assignments
    from koers.programme.queries.line import Status, student_line

    now = now or timezone.now()
    page = GuardianHome(children=guardian_children(role, day=timezone.localdate(now)))
    if child_pk is not None:
        page.child = next((g for g in page.children if g.student_id == child_pk), None)
        if page.child is None:
            raise Http404
    elif page.children:
        page.child = page.children[0]
    if page.child is None:
        return page
    student = page.child.student
    visibility = visibility_for(role, student)
    page.sees_dossier = visibility is not Visibility.NONE

    page.line = student_line(student=student, today=timezone.localdate(now), with_status=page.sees_dossier)
    if page.line is not None:
        today = timezone.localdate(now)
        page.coming = [
            item
            for item in page.line.items
            if item.status == Status.COMING
            or (item.status is None and (item.ends_on or item.starts_on) >= today)
        ][:GUARDIAN_COMING]

    page.upcoming_conversations = list(
        my_conversations(role)
        .filter(student_id=student.pk, status=ConversationStatus.PLANNED, scheduled_at__gte=now)
        .prefetch_related(
            Prefetch(
                "preparations",
                queryset=Preparation.objects.filter(author_id=role.user_id),
                to_attr="my_preparations",
            )
        )
        .order_by("scheduled_at")
    )
    page.assignments = list(home_assignments(student, role.user_id, timezone.localdate(now)))
    if not page.sees_dossier:
        return page

    page.internships = child_internships(student, timezone.localdate(now))
    agreements = Agreement.objects.filter(
        conversation__student_id=student.pk, party=Party.GUARDIAN, action__status=ActionStatus.OPEN
    ).select_related("action", "conversation__type")
    if visibility is Visibility.SHARED:
        agreements = agreements.filter(action__shared_with_guardians=True)
    page.agreements = list(agreements.order_by("action__due_on", "pk"))
    experiences = Experience.objects.filter(student_id=student.pk)
    if visibility is Visibility.SHARED:
        experiences = experiences.filter(shared_with_guardians=True)
    page.shared_experiences = list(experiences.order_by("-pk")[:GUARDIAN_SHARED])
    # A guardian sees the compliments they gave themselves (the dossier's rule).
    page.compliments = list(
        Compliment.objects.filter(student_id=student.pk, given_by_id=role.user_id)
        .select_related("trait")
        .order_by("-pk")[:GUARDIAN_COMPLIMENTS]
    )
    return page
