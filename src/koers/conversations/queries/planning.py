"""Reads for planning pages: the mentor's due/planned/done/overdue overview, "Mijn gesprekken", rounds and
types. Each costs a fixed number of queries whatever the number of students, groups and conversations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.access.rules import is_counsellor, is_guardian, is_student
from koers.conversations.models import Conversation, ConversationRound, ConversationStatus, ConversationType
from koers.conversations.queries.lookups import guardian_conversations_q
from koers.schools.models import Group, Guardianship, Membership, Mentorship, Role, RoleKind, Student, User
from koers.schools.queries import mentored_groups


class Due(StrEnum):
    DUE = "due"
    PLANNED = "planned"
    DONE = "done"
    OVERDUE = "overdue"
    NO_ROUND = "no_round"


DUE_LABELS = {
    Due.DUE: _("Nog plannen"),
    Due.PLANNED: _("Gepland"),
    Due.DONE: _("Gehouden"),
    Due.OVERDUE: _("Te laat"),
    Due.NO_ROUND: _("Geen ronde"),
}
# The pill class of each status (see koers.css: pill ok/warn/bad).
DUE_PILLS = {Due.DUE: "warn", Due.PLANNED: "", Due.DONE: "ok", Due.OVERDUE: "bad", Due.NO_ROUND: ""}


@dataclass
class StudentStatus:
    student: Student
    status: Due
    conversation: Conversation | None = None
    # The soonest upcoming planned conversation of any round (a follow-up after the round's one was held,
    # or one planned outside a round), so what the mentor just planned never disappears from the page.
    next_conversation: Conversation | None = None

    @property
    def also_planned(self) -> Conversation | None:
        if self.next_conversation is None or self.next_conversation == self.conversation:
            return None
        return self.next_conversation

    @property
    def label(self) -> str:
        return str(DUE_LABELS[self.status])

    @property
    def pill(self) -> str:
        return DUE_PILLS[self.status]


@dataclass
class GroupOverview:
    group: Group
    round: ConversationRound | None
    round_ended: bool
    students: list[StudentStatus] = field(default_factory=list)
    mentors: list[User] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for s in self.students if s.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {str(status): self.count(status) for status in Due}


def _status_in_round(
    conversations: list[Conversation], *, round_ended: bool, now: dt.datetime
) -> tuple[Due, Conversation | None]:
    closed = [c for c in conversations if c.status == ConversationStatus.CLOSED]
    if closed:
        return Due.DONE, closed[0]
    planned = sorted(
        (c for c in conversations if c.status == ConversationStatus.PLANNED), key=lambda c: c.scheduled_at
    )
    upcoming = [c for c in planned if c.scheduled_at >= now]
    if upcoming and not round_ended:
        return Due.PLANNED, upcoming[0]
    if planned:
        # Held date passed without being closed, or the round ended: it needs attention.
        return Due.OVERDUE, planned[-1]
    return (Due.OVERDUE if round_ended else Due.DUE), None


def mentor_overview(role: Role, *, now: dt.datetime | None = None) -> list[GroupOverview]:
    """Per group this role mentors: the current round of its year level and every current student's status
    in it. The current round is the latest round of that level that has started; once it ended, students
    without a closed conversation in it are overdue. Four queries in all."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    return round_overview(mentored_groups(role, today), now=now)


def round_overview(groups_queryset: QuerySet[Group], *, now: dt.datetime) -> list[GroupOverview]:
    """``mentor_overview`` for any set of groups (the counsellor takes all of them): six queries."""
    today = timezone.localtime(now).date()
    groups = list(groups_queryset.select_related("school_year").order_by("year_level", "name"))
    if not groups:
        return []
    rounds = ConversationRound.objects.filter(
        school_year_id__in={g.school_year_id for g in groups},
        year_level__in={g.year_level for g in groups},
        starts_on__lte=today,
    ).order_by("starts_on", "pk")
    current: dict[tuple[int, int], ConversationRound] = {}
    for started in rounds:
        current[(started.school_year_id, started.year_level)] = started  # the latest started wins
    memberships = list(
        Membership.objects.current(today)
        .filter(group__in=groups)
        .select_related("student__user")
        .order_by("student__user__last_name", "student__user__first_name", "pk")
    )
    round_ids = {r.pk for r in current.values()}
    in_rounds: dict[tuple[int, int], list[Conversation]] = {}
    if round_ids and memberships:
        conversations = (
            Conversation.objects.filter(
                round_id__in=round_ids, student_id__in={m.student_id for m in memberships}
            )
            .exclude(status=ConversationStatus.CANCELLED)
            .only("pk", "student_id", "round_id", "status", "scheduled_at")
        )
        for c in conversations:
            assert c.student_id is not None and c.round_id is not None
            in_rounds.setdefault((c.student_id, c.round_id), []).append(c)
    upcoming: dict[int, Conversation] = {}
    if memberships:
        for c in (
            Conversation.objects.filter(
                student_id__in={m.student_id for m in memberships},
                status=ConversationStatus.PLANNED,
                scheduled_at__gte=now,
            )
            .only("pk", "student_id", "round_id", "status", "scheduled_at")
            .order_by("-scheduled_at")
        ):
            assert c.student_id is not None
            upcoming[c.student_id] = c  # the soonest wins
    mentors: dict[int, list[User]] = {}
    for mentorship in (
        Mentorship.objects.filter(group__in=groups)
        .select_related("mentor")
        .order_by("mentor__last_name", "mentor__first_name")
    ):
        assert mentorship.group_id is not None
        mentors.setdefault(mentorship.group_id, []).append(mentorship.mentor)
    overviews = []
    by_group: dict[int, GroupOverview] = {}
    for g in groups:
        found = current.get((g.school_year_id, g.year_level))
        overview = GroupOverview(
            group=g,
            round=found,
            round_ended=bool(found and found.ends_on < today),
            mentors=mentors.get(g.pk, []),
        )
        overviews.append(overview)
        by_group[g.pk] = overview
    for m in memberships:
        overview = by_group[m.group_id]
        following = upcoming.get(m.student_id)
        if overview.round is None:
            overview.students.append(
                StudentStatus(student=m.student, status=Due.NO_ROUND, next_conversation=following)
            )
            continue
        status, conversation = _status_in_round(
            in_rounds.get((m.student_id, overview.round.pk), []), round_ended=overview.round_ended, now=now
        )
        overview.students.append(
            StudentStatus(
                student=m.student, status=status, conversation=conversation, next_conversation=following
            )
        )
    return overviews


def school_overview(role: Role, *, now: dt.datetime | None = None) -> list[GroupOverview]:
    """The counsellor's view of conversation progress: every group of the school's current school year,
    with its mentors."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    groups = Group.objects.filter(
        school_id=role.school_id, school_year__starts_on__lte=today, school_year__ends_on__gte=today
    )
    return round_overview(groups, now=now)


def upcoming_led_by(role: Role, *, now: dt.datetime | None = None) -> list[Conversation]:
    """The planned conversations this mentor or counsellor leads that are still to come, soonest first."""
    return list(
        Conversation.objects.filter(
            school_id=role.school_id,
            mentor_id=role.user_id,
            status=ConversationStatus.PLANNED,
            scheduled_at__gte=now or timezone.now(),
        )
        .select_related("type", "student__user", "group")
        .order_by("scheduled_at", "pk")[:UPCOMING_LIMIT]
    )


UPCOMING_LIMIT = 100


def my_conversations(role: Role) -> QuerySet[Conversation]:
    """ "Mijn gesprekken": a student's own conversations (and those of their current groups); a guardian's
    children's conversations they were invited to, or whose summary was shared with an authorised guardian."""
    base = Conversation.objects.filter(school_id=role.school_id).select_related(
        "type", "mentor", "student__user", "group", "round"
    )
    if is_student(role):
        in_group = Membership.objects.current().filter(
            student__user_id=role.user_id, group_id=OuterRef("group_id")
        )
        return base.filter(Q(student__user_id=role.user_id) | Q(Exists(in_group)))
    if is_guardian(role):
        linked = Guardianship.objects.filter(guardian_id=role.user_id, student_id=OuterRef("student_id"))
        return base.filter(Exists(linked)).filter(guardian_conversations_q(role))
    return base.none()


def split_upcoming(
    conversations: QuerySet[Conversation], *, now: dt.datetime | None = None
) -> tuple[list[Conversation], list[Conversation]]:
    """(upcoming planned ones, soonest first; everything else, latest first)."""
    now = now or timezone.now()
    everything = list(conversations.order_by("-scheduled_at"))
    upcoming = sorted(
        (c for c in everything if c.status == ConversationStatus.PLANNED and c.scheduled_at >= now),
        key=lambda c: c.scheduled_at,
    )
    chosen = {c.pk for c in upcoming}
    return upcoming, [c for c in everything if c.pk not in chosen]


def rounds_of_school(role: Role) -> QuerySet[ConversationRound]:
    return (
        ConversationRound.objects.filter(school_id=role.school_id)
        .select_related("school_year")
        .prefetch_related(Prefetch("types", queryset=ConversationType.objects.order_by("order", "name")))
        .order_by("-school_year__starts_on", "year_level", "starts_on")
    )


def types_of_school(role: Role) -> QuerySet[ConversationType]:
    return ConversationType.objects.filter(school_id=role.school_id).order_by("-active", "order", "name")


def linked_guardians(student: Student | None) -> QuerySet[User]:
    if student is None:
        return User.objects.none()
    return User.objects.filter(guardianships__student=student).order_by("last_name", "first_name")


def guardian_users(role: Role) -> QuerySet[User]:
    """Every guardian of the school: the plan form accepts any of them, the domain refuses the unlinked."""
    return User.objects.filter(roles__school_id=role.school_id, roles__kind=RoleKind.GUARDIAN).distinct()


def plannable_groups(role: Role) -> QuerySet[Group]:
    if is_counsellor(role):
        today = timezone.localdate()
        return Group.objects.filter(
            school_id=role.school_id, school_year__starts_on__lte=today, school_year__ends_on__gte=today
        )
    return mentored_groups(role)


def active_types(role: Role) -> QuerySet[ConversationType]:
    """The school's conversation types that can be chosen when planning."""
    return ConversationType.objects.filter(school_id=role.school_id, active=True)


def open_rounds(role: Role) -> QuerySet[ConversationRound]:
    """The rounds a conversation planned now can still belong to."""
    return ConversationRound.objects.filter(school_id=role.school_id, ends_on__gte=timezone.localdate())
