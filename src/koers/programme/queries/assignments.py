"""Reads for the assignment bank, given assignments and students' work. Each answers in a fixed number
of queries, whatever the number of groups, students or assignments.

Who sees what:
- the bank: mentors and counsellors of the school (counsellors also see archived assignments);
- a given assignment: counsellors see every one of the school; a mentor those given to a group they mentor
  now, or given by themself;
- a student sees the assignments given to the groups they are in now. What was given before they joined
  that group is split: what still matters to them (``catch_up``) and what the group simply did before them
  (``group_did``, for an activity held before they came);
- a guardian's answer to a home assignment: the guardian who gave it, the student it is about, and the staff
  who may follow the given assignment.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.access.rules import is_counsellor, is_follower, is_guardian, is_mentor, is_student
from koers.programme.models import (
    Activity,
    Assignment,
    AssignmentWork,
    GivenAssignment,
    GuardianAnswer,
    WorkStatus,
)
from koers.programme.rules import can_give_assignment, can_use_assignment_bank
from koers.schools.models import Group, Membership, Role, Student
from koers.schools.queries import mentored_groups, visible_students

# --- the bank ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BankFilter:
    element: str = ""
    competence: str = ""
    audience: str = ""
    format: str = ""
    archived: bool = False


def bank(role: Role, chosen: BankFilter | None = None) -> list[Assignment]:
    """The school's assignments matching ``chosen``; one query. Lists in JSON are matched in Python, because
    SQLite cannot look inside them (a school's bank holds tens of assignments, not thousands)."""
    chosen = chosen or BankFilter()
    assignments = Assignment.objects.filter(school_id=role.school_id)
    if not (chosen.archived and is_counsellor(role)):
        assignments = assignments.filter(active=True)
    if chosen.audience:
        assignments = assignments.filter(audience=chosen.audience)
    if chosen.format:
        assignments = assignments.filter(format=chosen.format)
    return [
        a
        for a in assignments.order_by("title")
        if (not chosen.element or chosen.element in a.elements)
        and (not chosen.competence or chosen.competence in a.competences)
    ]


def get_assignment_for(role: Role, pk: int) -> Assignment:
    """An assignment of the role's school for mentors and counsellors (archived ones for counsellors only)."""
    if not can_use_assignment_bank(role):
        raise Http404
    assignments = Assignment.objects.filter(school_id=role.school_id)
    if not is_counsellor(role):
        assignments = assignments.filter(active=True)
    assignment = assignments.filter(pk=pk).first()
    if assignment is None:
        raise Http404
    return assignment


# --- giving ---------------------------------------------------------------------------------------


def _current_groups(role: Role, day: dt.date) -> QuerySet[Group]:
    return Group.objects.filter(
        school_id=role.school_id, school_year__starts_on__lte=day, school_year__ends_on__gte=day
    )


def givable_groups(role: Role, day: dt.date | None = None) -> QuerySet[Group]:
    """Groups this role may give an assignment to: a mentor their own groups, a counsellor every group of
    this school year."""
    day = day or timezone.localdate()
    if is_counsellor(role):
        groups = _current_groups(role, day)
    elif is_mentor(role):
        groups = mentored_groups(role, day).filter(school_id=role.school_id)
    else:
        return Group.objects.none()
    return groups.select_related("school_year").order_by("year_level", "name").distinct()


def linkable_activities(role: Role, day: dt.date | None = None) -> QuerySet[Activity]:
    """Planned activities of this school year an assignment can prepare or reflect on."""
    if not can_give_assignment(role):
        return Activity.objects.none()
    day = day or timezone.localdate()
    return (
        Activity.objects.filter(
            school_id=role.school_id, school_year__starts_on__lte=day, school_year__ends_on__gte=day
        )
        .select_related("type")
        .order_by("starts_on", "title")
    )


def visible_given(role: Role) -> QuerySet[GivenAssignment]:
    given = GivenAssignment.objects.filter(school_id=role.school_id)
    if is_counsellor(role):
        return given
    if is_mentor(role):
        mine = mentored_groups(role).values("pk")
        # The groups of a student mentored individually (an ISK newcomer's own mentor) count too; the
        # progress page then shows only the students this mentor follows (``followed_in``).
        theirs = (
            Membership.objects.current()
            .filter(student__mentorships__mentor_id=role.user_id)
            .values("group_id")
        )
        return given.filter(
            Q(groups__in=mine) | Q(groups__in=theirs) | Q(given_by_id=role.user_id)
        ).distinct()
    return given.none()


def followed_in(role: Role, given: GivenAssignment) -> set[int] | None:
    """The students of ``given`` whose work and guardians' answers this role sees (None: everyone): a mentor
    sees the students they follow (their groups and those mentored individually) and, for an assignment they
    gave themselves, everyone it went to."""
    if not is_mentor(role) or given.given_by_id == role.user_id:
        return None
    return set(visible_students(role).values_list("pk", flat=True))


def get_given_for(role: Role, pk: int) -> GivenAssignment:
    given = visible_given(role).select_related("assignment", "activity", "given_by").filter(pk=pk).first()
    if given is None:
        raise Http404
    return given


@dataclass
class GivenRow:
    given: GivenAssignment
    groups: list[Group]
    students: int = 0
    finished: int = 0
    busy: int = 0

    @property
    def not_started(self) -> int:
        return self.students - self.finished - self.busy


def _students_by_group(group_ids: set[int], day: dt.date) -> dict[int, list[Membership]]:
    found: dict[int, list[Membership]] = defaultdict(list)
    for membership in (
        Membership.objects.current(day)
        .filter(group_id__in=group_ids)
        .select_related("student__user", "group")
        .order_by("student__user__last_name", "student__user__first_name")
    ):
        found[membership.group_id].append(membership)
    return found


def given_overview(role: Role, day: dt.date | None = None) -> list[GivenRow]:
    """The assignments this role can follow, each with how many of its students finished, are busy, or have
    not started; four queries."""
    day = day or timezone.localdate()
    given = list(
        visible_given(role)
        .select_related("assignment", "activity")
        .prefetch_related("groups")
        .order_by("-due_on", "-pk")
    )
    rows = [GivenRow(given=g, groups=sorted(g.groups.all(), key=lambda x: x.name)) for g in given]
    members = _students_by_group({group.pk for row in rows for group in row.groups}, day)
    status: dict[tuple[int, int], str] = {
        (given_id, student_id): work_status
        for given_id, student_id, work_status in AssignmentWork.objects.filter(
            given_id__in=[g.pk for g in given]
        ).values_list("given_id", "student_id", "status")
    }
    for row in rows:
        students = {m.student_id for group in row.groups for m in members.get(group.pk, [])}
        row.students = len(students)
        for student_id in students:
            state = status.get((row.given.pk, student_id))
            if state == WorkStatus.FINISHED:
                row.finished += 1
            elif state == WorkStatus.STARTED:
                row.busy += 1
    return rows


@dataclass
class ProgressLine:
    student: Student
    group: Group
    work: AssignmentWork | None
    guardian_answers: list[GuardianAnswer] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.work is None:
            return "not_started"
        return "finished" if self.work.status == WorkStatus.FINISHED else "busy"


@dataclass
class Progress:
    given: GivenAssignment
    groups: list[Group]
    finished: list[ProgressLine] = field(default_factory=list)
    busy: list[ProgressLine] = field(default_factory=list)
    not_started: list[ProgressLine] = field(default_factory=list)
    # Students of whom at least one guardian answered (home assignments).
    with_guardian_answer: int = 0


def given_progress(
    given: GivenAssignment, day: dt.date | None = None, *, only: set[int] | None = None
) -> Progress:
    """Who of the given assignment's groups finished, is busy, or has not started, with their guardians'
    answers (only the students in ``only``, when given); four queries."""
    day = day or timezone.localdate()
    groups = sorted(given.groups.all(), key=lambda g: g.name)
    members = _students_by_group({g.pk for g in groups}, day)
    work = {w.student_id: w for w in AssignmentWork.objects.filter(given=given)}
    answers = guardian_answers_by_student(given)
    progress = Progress(given=given, groups=groups)
    seen: set[int] = set()
    for group in groups:
        for membership in members.get(group.pk, []):
            if membership.student_id in seen or (only is not None and membership.student_id not in only):
                continue
            seen.add(membership.student_id)
            line = ProgressLine(
                membership.student,
                group,
                work.get(membership.student_id),
                answers.get(membership.student_id, []),
            )
            progress.with_guardian_answer += bool(line.guardian_answers)
            {"finished": progress.finished, "busy": progress.busy, "not_started": progress.not_started}[
                line.state
            ].append(line)
    return progress


def guardian_answers_of(given: GivenAssignment) -> QuerySet[GuardianAnswer]:
    """Guardians' answers to the given assignment, each with its guardian; one query."""
    return GuardianAnswer.objects.filter(given=given).select_related("guardian").order_by("created_at", "pk")


def guardian_answers_by_student(given: GivenAssignment) -> dict[int, list[GuardianAnswer]]:
    found: dict[int, list[GuardianAnswer]] = defaultdict(list)
    for answer in guardian_answers_of(given):
        found[answer.student_id].append(answer)
    return found


def get_guardian_answer_for(role: Role, pk: int) -> GuardianAnswer:
    """A guardian's answer for the guardian who gave it, the student it is about, or the staff who may follow
    the given assignment; anyone else a 404."""
    answers = GuardianAnswer.objects.filter(school_id=role.school_id)
    if is_guardian(role):
        answers = answers.filter(guardian_id=role.user_id)
    elif is_student(role):
        answers = answers.filter(student__user_id=role.user_id)
    elif is_mentor(role):
        answers = answers.filter(given__in=visible_given(role).values("pk")).filter(
            Q(student__in=visible_students(role)) | Q(given__given_by_id=role.user_id)
        )
    elif is_follower(role):
        answers = answers.filter(given__in=visible_given(role).values("pk"))
    else:
        raise Http404
    found = answers.select_related("student__user", "given__assignment").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- the student's side ---------------------------------------------------------------------------


@dataclass
class StudentItem:
    given: GivenAssignment
    group: Group
    joined_on: dt.date
    work: AssignmentWork | None

    @property
    def finished(self) -> bool:
        return self.work is not None and self.work.status == WorkStatus.FINISHED

    @property
    def started(self) -> bool:
        return self.work is not None and not self.finished

    @property
    def given_before_joining(self) -> bool:
        return self.given.given_on < self.joined_on

    @property
    def late(self) -> bool:
        return not self.finished and self.given.due_on < timezone.localdate()


@dataclass
class StudentAssignments:
    todo: list[StudentItem] = field(default_factory=list)
    done: list[StudentItem] = field(default_factory=list)
    catch_up: list[StudentItem] = field(default_factory=list)
    group_did: list[StudentItem] = field(default_factory=list)
    # Activities of the group that took place before the student joined it.
    earlier_activities: list[Activity] = field(default_factory=list)
    joined_late: bool = False


def _current_memberships(student: Student, day: dt.date) -> list[Membership]:
    return list(
        Membership.objects.current(day)
        .filter(student=student)
        .select_related("group__school_year")
        .order_by("starts_on")
    )


def _given_to_groups(group_ids: list[int]) -> tuple[list[GivenAssignment], dict[int, list[int]]]:
    """The assignments given to these groups and, per assignment, which of these groups got it."""
    through = GivenAssignment.groups.through
    links: dict[int, list[int]] = defaultdict(list)
    for given_id, group_id in through.objects.filter(group_id__in=group_ids).values_list(
        "givenassignment_id", "group_id"
    ):
        links[given_id].append(group_id)
    given = list(
        GivenAssignment.objects.filter(pk__in=list(links))
        .select_related("assignment", "activity")
        .order_by("due_on", "pk")
    )
    return given, links


def student_assignments(student: Student, day: dt.date | None = None) -> StudentAssignments:
    """Everything the student's page shows, in five queries."""
    day = day or timezone.localdate()
    memberships = _current_memberships(student, day)
    result = StudentAssignments()
    if not memberships:
        return result
    by_group = {m.group_id: m for m in memberships}
    given, links = _given_to_groups(list(by_group))
    work = {w.given_id: w for w in AssignmentWork.objects.filter(student=student, given__in=given)}
    for g in given:
        # A student in two of its groups (a move within the year) counts from the earliest membership.
        membership = min((by_group[group_id] for group_id in links[g.pk]), key=lambda m: m.starts_on)
        item = StudentItem(g, membership.group, membership.starts_on, work.get(g.pk))
        if item.finished:
            result.done.append(item)
        elif not item.given_before_joining or item.started:
            result.todo.append(item)
        elif g.activity is not None and g.activity.starts_on < membership.starts_on:
            # Preparing for or looking back on an activity held before they came: good to know, not to do.
            result.group_did.append(item)
        else:
            result.catch_up.append(item)
    result.joined_late = any(m.starts_on > m.group.school_year.starts_on for m in memberships)
    if result.joined_late:
        result.earlier_activities = earlier_activities_of(memberships)
    return result


def earlier_activities_of(memberships: list[Membership]) -> list[Activity]:
    """Activities planned for the student's groups before they joined them; one query."""
    condition = Q()
    for m in memberships:
        group = m.group
        condition |= Q(
            Q(groups=group) | Q(groups__isnull=True),
            school_year_id=group.school_year_id,
            track=group.track,
            year_level=group.year_level,
            starts_on__lt=m.starts_on,
        )
    return list(Activity.objects.filter(condition).select_related("type").distinct().order_by("starts_on"))


def get_given_for_student(student: Student, pk: int, day: dt.date | None = None) -> StudentItem:
    """The given assignment, if it was given to a group the student is in now; otherwise 404."""
    day = day or timezone.localdate()
    memberships = _current_memberships(student, day)
    by_group = {m.group_id: m for m in memberships}
    given = (
        GivenAssignment.objects.filter(pk=pk, groups__in=list(by_group))
        .select_related("assignment", "activity")
        .prefetch_related("groups")
        .first()
    )
    if given is None:
        raise Http404
    membership = min(
        (by_group[g.pk] for g in given.groups.all() if g.pk in by_group), key=lambda m: m.starts_on
    )
    work = AssignmentWork.objects.filter(given=given, student=student).first()
    return StudentItem(given, membership.group, membership.starts_on, work)
