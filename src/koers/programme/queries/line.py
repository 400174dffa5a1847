"""The LOB-lijn: the year programme of one track and year level on a line through the school year.

The school's line holds the planned activities, the conversation rounds of that year level and the moments
with guardians (activities that involve them, rounds with a driegesprek). A student's own line holds the
activities meant for their groups, each marked done (took part, or finished work for it), coming, or missed
(past without taking part, or registered absent).

Every function reads in a fixed number of queries, whatever the number of activities, groups or students.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext_lazy

from koers.common.lookups import one_or_404
from koers.conversations.models import ConversationRound
from koers.language.content import localised
from koers.pictograms import catalogue as pictograms
from koers.programme.models import (
    Activity,
    ActivityFeedback,
    ActivityType,
    AssignmentWork,
    DatePrecision,
    Participation,
    WorkStatus,
)
from koers.schools.models import Group, Membership, Role, SchoolYear, Student, Track


def line_label(track: str, year_level: int) -> str:
    """A line's name as students, guardians and staff read it ("vmbo kader, leerjaar 3")."""
    name = Track(track).label if track in Track.values else track
    return gettext("%(track)s, leerjaar %(level)s") % {"track": name, "level": year_level}


class ItemKind(enum.StrEnum):
    ACTIVITY = "activity"
    ROUND = "round"


class Status(enum.StrEnum):
    DONE = "done"
    COMING = "coming"
    MISSED = "missed"


STATUS_LABELS = {
    Status.DONE: pgettext_lazy("lob-lijn status", "gedaan"),
    Status.COMING: pgettext_lazy("lob-lijn status", "komt nog"),
    Status.MISSED: pgettext_lazy("lob-lijn status", "gemist"),
}
# A mark in text next to the colour, so the status never depends on colour alone.
STATUS_MARKS = {Status.DONE: "✓", Status.COMING: "○", Status.MISSED: "✗"}
# Pictograms (names in koers/pictograms/content/catalogue.yaml) of a round, of a moment with guardians and of
# an activity whose type has none.
ROUND_ICON = "thing.conversation"
GUARDIAN_ICON = "thing.parents"
DEFAULT_ACTIVITY_ICON = "activity.other"


def type_name(activity_type: ActivityType, language: str | None = None) -> str:
    """The type's name in the active language; the school's own (Dutch) name, marked ``only_dutch``, when
    there is no translation of that name."""
    return localised(activity_type.name, activity_type.translations, "name", language)


def last_day_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def is_past(activity: Activity, today: dt.date) -> bool:
    """A dated activity is past the day after; one planned for a month only once that month is over."""
    if activity.precision == DatePrecision.DAY:
        return activity.starts_on < today
    return last_day_of_month(activity.starts_on) < today


def when_label(starts_on: dt.date, precision: str) -> str:
    if precision == DatePrecision.DAY:
        return formats.date_format(starts_on, "j E Y")
    return formats.date_format(starts_on, "F Y")


@dataclass
class LineItem:
    kind: ItemKind
    starts_on: dt.date
    title: str
    icon: str  # the name of a pictogram
    type_label: str
    when: str
    guardians: bool = False
    precision: str = DatePrecision.MONTH
    ends_on: dt.date | None = None
    activity: Activity | None = None
    round: ConversationRound | None = None
    groups: list[Group] = field(default_factory=list)
    status: Status | None = None

    @property
    def is_activity(self) -> bool:
        return self.kind == ItemKind.ACTIVITY

    @property
    def is_round(self) -> bool:
        return self.kind == ItemKind.ROUND

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status]) if self.status else ""

    @property
    def status_mark(self) -> str:
        return STATUS_MARKS[self.status] if self.status else ""


@dataclass
class YearLine:
    school_year: SchoolYear
    track: str
    year_level: int
    items: list[LineItem]
    upcoming_only: bool = False
    # Set on a student's own line: the groups the student is in.
    groups: list[Group] = field(default_factory=list)

    @property
    def months(self) -> list[dt.date]:
        months = []
        day = self.school_year.starts_on.replace(day=1)
        while day <= self.school_year.ends_on:
            months.append(day)
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return months

    @property
    def activities(self) -> list[LineItem]:
        return [item for item in self.items if item.is_activity]

    @property
    def rounds(self) -> list[LineItem]:
        return [item for item in self.items if item.is_round]

    @property
    def guardian_moments(self) -> list[LineItem]:
        return [item for item in self.items if item.guardians]

    def count(self, status: str) -> int:
        return sum(1 for item in self.activities if item.status == status)

    @property
    def done(self) -> int:
        return self.count(Status.DONE)

    @property
    def coming(self) -> int:
        return self.count(Status.COMING)

    @property
    def missed(self) -> int:
        return self.count(Status.MISSED)


# --- choosing a line -----------------------------------------------------------------------------------


def school_years(school_id: int) -> list[SchoolYear]:
    return list(SchoolYear.objects.filter(school_id=school_id).order_by("-starts_on"))


def current_year_of(years: list[SchoolYear], today: dt.date | None = None) -> SchoolYear | None:
    """The school year that holds today; otherwise the most recent one that has begun, or the first one."""
    today = today or timezone.localdate()
    for year in years:
        if year.starts_on <= today <= year.ends_on:
            return year
    begun = [year for year in years if year.starts_on <= today]
    return begun[0] if begun else (years[-1] if years else None)


def line_choices(school_year: SchoolYear) -> list[tuple[str, int]]:
    """The (track, year level) pairs that have groups or planned activities in the school year (2 queries)."""
    pairs = set(
        Group.objects.filter(school_year=school_year).values_list("track", "year_level").distinct()
    ) | set(Activity.objects.filter(school_year=school_year).values_list("track", "year_level").distinct())
    order = {value: index for index, value in enumerate(Track.values)}
    return sorted(pairs, key=lambda pair: (order.get(pair[0], 99), pair[1]))


# --- reading a line ------------------------------------------------------------------------------------


def _rounds(school_year: SchoolYear, year_level: int, upcoming_from: dt.date | None) -> list[LineItem]:
    with_guardians = Exists(
        ConversationRound.types.through.objects.filter(
            conversationround_id=OuterRef("pk"), conversationtype__with_guardians=True
        )
    )
    rounds = ConversationRound.objects.filter(school_year=school_year, year_level=year_level).annotate(
        driegesprek=with_guardians
    )
    if upcoming_from is not None:
        rounds = rounds.filter(ends_on__gte=upcoming_from)
    label = str(pgettext_lazy("lob-lijn", "Gespreksronde"))
    return [
        LineItem(
            kind=ItemKind.ROUND,
            starts_on=round_.starts_on,
            ends_on=round_.ends_on,
            title=round_.name,
            icon=ROUND_ICON,
            type_label=label,
            when=_period_label(round_.starts_on, round_.ends_on),
            guardians=bool(round_.driegesprek),
            precision=DatePrecision.DAY,
            round=round_,
        )
        for round_ in rounds
    ]


def _period_label(starts_on: dt.date, ends_on: dt.date) -> str:
    return f"{formats.date_format(starts_on, 'j M')} – {formats.date_format(ends_on, 'j M Y')}"  # noqa: RUF001 - a date range reads best with an en dash


def _activity_item(activity: Activity, groups: list[Group]) -> LineItem:
    return LineItem(
        kind=ItemKind.ACTIVITY,
        starts_on=activity.starts_on,
        title=activity.title,
        icon=activity.type.icon if pictograms.exists(activity.type.icon) else DEFAULT_ACTIVITY_ICON,
        type_label=type_name(activity.type),
        when=when_label(activity.starts_on, activity.precision),
        guardians=activity.involves_guardians,
        precision=activity.precision,
        activity=activity,
        groups=groups,
    )


def _sorted(items: list[LineItem]) -> list[LineItem]:
    return sorted(items, key=lambda item: (item.starts_on, item.kind != ItemKind.ROUND, item.title))


def upcoming_filter(today: dt.date) -> Q:
    """Activities still to come: a dated one from today, one planned for a month while that month lasts."""
    return Q(precision=DatePrecision.DAY, starts_on__gte=today) | (
        ~Q(precision=DatePrecision.DAY) & Q(starts_on__gte=today.replace(day=1))
    )


def school_line(
    *, school_year: SchoolYear, track: str, year_level: int, upcoming_from: dt.date | None = None
) -> YearLine:
    """The line of one track and year level (4 queries). With ``upcoming_from`` only what is still to come."""
    level_groups = list(
        Group.objects.filter(school_year=school_year, track=track, year_level=year_level).order_by("name")
    )
    activities: QuerySet[Activity] = (
        Activity.objects.filter(school_year=school_year, track=track, year_level=year_level)
        .select_related("type")
        .prefetch_related("groups")
    )
    if upcoming_from is not None:
        activities = activities.filter(upcoming_filter(upcoming_from))
    items = [
        _activity_item(a, sorted(a.groups.all(), key=lambda g: g.name) or level_groups) for a in activities
    ]
    items += _rounds(school_year, year_level, upcoming_from)
    return YearLine(
        school_year=school_year,
        track=track,
        year_level=year_level,
        items=_sorted(items),
        upcoming_only=upcoming_from is not None,
    )


def current_groups_of(student: Student, today: dt.date | None = None) -> list[Group]:
    """The student's groups today, newest school year first (1 query)."""
    memberships = (
        Membership.objects.current(today)
        .filter(student=student)
        .select_related("group__school_year")
        .order_by("-group__school_year__starts_on", "-starts_on")
    )
    return [membership.group for membership in memberships]


def student_line(
    *, student: Student, today: dt.date | None = None, with_status: bool = True
) -> YearLine | None:
    """The student's own line: the activities for their group(s) this school year with a status each, and the
    conversation rounds of their year level (3 queries). ``None`` for a student in no group now.

    ``with_status=False`` leaves the statuses out (for guardians who may not see the dossier)."""
    today = today or timezone.localdate()
    groups = current_groups_of(student, today)
    if not groups:
        return None
    main = groups[0]
    mine = [group for group in groups if group.school_year_id == main.school_year_id]
    through = Activity.groups.through
    for_my_groups = ~Exists(through.objects.filter(activity_id=OuterRef("pk"))) | Exists(
        through.objects.filter(activity_id=OuterRef("pk"), group_id__in=[group.pk for group in mine])
    )
    activities = (
        Activity.objects.filter(
            school_year_id=main.school_year_id, track=main.track, year_level=main.year_level
        )
        .filter(for_my_groups)
        .select_related("type")
    )
    if with_status:
        activities = activities.annotate(
            took_part=Exists(
                Participation.objects.filter(activity_id=OuterRef("pk"), student_id=student.pk, present=True)
            ),
            was_absent=Exists(
                Participation.objects.filter(activity_id=OuterRef("pk"), student_id=student.pk, present=False)
            ),
            finished_work=Exists(
                AssignmentWork.objects.filter(
                    given__activity_id=OuterRef("pk"), student_id=student.pk, status=WorkStatus.FINISHED
                )
            ),
            said_useful=Subquery(
                ActivityFeedback.objects.filter(activity_id=OuterRef("pk"), student_id=student.pk).values(
                    "useful"
                )[:1]
            ),
        )
    items = []
    for activity in activities:
        item = _activity_item(activity, mine)
        if with_status:
            item.status = activity_status(activity, today)
        items.append(item)
    items += _rounds(main.school_year, main.year_level, None)
    return YearLine(
        school_year=main.school_year,
        track=main.track,
        year_level=main.year_level,
        items=_sorted(items),
        groups=mine,
    )


def activity_status(activity: Activity, today: dt.date) -> Status:
    """Done when the student took part or finished work for it; missed when registered absent or past without
    taking part; otherwise still coming. Reads the annotations of ``student_line``."""
    if getattr(activity, "took_part", False) or getattr(activity, "finished_work", False):
        return Status.DONE
    if getattr(activity, "was_absent", False) or is_past(activity, today):
        return Status.MISSED
    return Status.COMING


def get_line_activity_for(role: Role, pk: int) -> Activity:
    """An activity of the role's school with its type, to register who took part; anything else is a 404."""
    return one_or_404(Activity.objects.select_related("type"), school_id=role.school_id, pk=pk)


def noted_participation(activity: Activity, students: list[Student]) -> dict[int, bool]:
    """Whether each of ``students`` was registered present at ``activity`` (missing: not registered)."""
    return dict(
        Participation.objects.filter(activity=activity, student_id__in=[s.pk for s in students]).values_list(
            "student_id", "present"
        )
    )
