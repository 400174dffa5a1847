"""Per student: which career competences and effective elements they worked on in a school year.

A student worked on a competence or element when they took part in an activity mapped to it or finished an
assignment mapped to it; on a competence (and the element reflection) when they wrote a reflection on it that
school year; and on the elements reflection and "the student is active" when they held a career conversation,
plus "involving parents" when it was a driegesprek. A gap is a competence never touched. Every read is a
fixed number of queries, whatever the size of the school.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from koers.conversations.models import Conversation, ConversationStatus
from koers.dossier.models import Reflection
from koers.lob.vocabulary import Competence, Element
from koers.programme.models import AssignmentWork, Participation, WorkStatus
from koers.schools.models import Group, Membership, SchoolYear, Student

PAGE_SIZE = 100


@dataclass
class Worked:
    competences: set[str] = field(default_factory=set)
    elements: set[str] = field(default_factory=set)


@dataclass
class StudentCoverage:
    student: Student
    group: Group | None
    competences: set[str]
    elements: set[str]

    @property
    def worked_competences(self) -> list[Competence]:
        return [c for c in Competence if c.value in self.competences]

    @property
    def missing_competences(self) -> list[Competence]:
        return [c for c in Competence if c.value not in self.competences]

    @property
    def worked_elements(self) -> list[Element]:
        return [e for e in Element if e.value in self.elements]

    @property
    def missing_elements(self) -> list[Element]:
        return [e for e in Element if e.value not in self.elements]

    @property
    def has_gaps(self) -> bool:
        return bool(self.missing_competences)


def _year_bounds(school_year: SchoolYear) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(school_year.starts_on, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(school_year.ends_on + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def worked_on(school_year: SchoolYear, student_ids: Iterable[int] | None = None) -> dict[int, Worked]:
    """Competences and elements per student id in the school year (4 queries). ``None``: every student."""
    participations = Participation.objects.filter(present=True, activity__school_year=school_year)
    start, end = _year_bounds(school_year)
    reflections = Reflection.objects.filter(created_at__gte=start, created_at__lt=end)
    finished = AssignmentWork.objects.filter(
        status=WorkStatus.FINISHED, finished_at__gte=start, finished_at__lt=end
    )
    conversations = Conversation.objects.filter(
        status=ConversationStatus.CLOSED, student__isnull=False, scheduled_at__gte=start, scheduled_at__lt=end
    )
    if student_ids is not None:
        ids = list(student_ids)
        participations = participations.filter(student_id__in=ids)
        reflections = reflections.filter(student_id__in=ids)
        finished = finished.filter(student_id__in=ids)
        conversations = conversations.filter(student_id__in=ids)
    worked: dict[int, Worked] = defaultdict(Worked)
    rows = list(participations.values_list("student_id", "activity__competences", "activity__elements"))
    rows += list(
        finished.values_list("student_id", "given__assignment__competences", "given__assignment__elements")
    )
    for student_id, with_guardians in conversations.values_list(
        "student_id", "type__with_guardians"
    ).distinct():
        assert student_id is not None
        worked[student_id].elements.update({Element.REFLECTION.value, Element.ACTIVE.value})
        if with_guardians:
            worked[student_id].elements.add(Element.PARENTS.value)
    for student_id, competences, elements in rows:
        worked[student_id].competences.update(
            value for value in competences or [] if value in Competence.values
        )
        worked[student_id].elements.update(value for value in elements or [] if value in Element.values)
    for student_id, competence in reflections.values_list("student_id", "competence").distinct():
        worked[student_id].competences.add(competence)
        worked[student_id].elements.add(Element.REFLECTION.value)
    return worked


def coverage_of_student(student: Student, school_year: SchoolYear) -> StudentCoverage:
    worked = worked_on(school_year, [student.pk]).get(student.pk, Worked())
    return StudentCoverage(
        student=student, group=None, competences=worked.competences, elements=worked.elements
    )


def groups_of_year(school_year: SchoolYear) -> list[Group]:
    return list(Group.objects.filter(school_year=school_year).order_by("year_level", "name"))


@dataclass
class GapsPage:
    school_year: SchoolYear
    groups: list[Group]
    rows: list[StudentCoverage]
    total: int
    with_gaps: int
    # Per competence: how many students (of the chosen group, if any) never touched it.
    never_touched: list[tuple[Competence, int]]
    page: int
    pages: int


def students_with_gaps(
    *,
    school_year: SchoolYear,
    groups: list[Group] | None = None,
    competence: str | None = None,
    group_id: int | None = None,
    page: int = 1,
    today: dt.date | None = None,
) -> GapsPage:
    """The students of the school year's groups (today) with a competence never touched: all gaps, or those
    missing ``competence``; optionally in one group. Four queries, whatever the size of the school."""
    today = today or timezone.localdate()
    if groups is None:
        groups = groups_of_year(school_year)
    memberships = (
        Membership.objects.current(today)
        .filter(group__school_year=school_year)
        .select_related("student__user", "group")
        .order_by("group__year_level", "group__name", "student__user__last_name", "student__user__first_name")
    )
    if group_id is not None:
        memberships = memberships.filter(group_id=group_id)
    seen: set[int] = set()
    everyone: list[StudentCoverage] = []
    worked = worked_on(school_year)
    for membership in memberships:
        if membership.student_id in seen:
            continue
        seen.add(membership.student_id)
        found = worked.get(membership.student_id, Worked())
        everyone.append(
            StudentCoverage(
                student=membership.student,
                group=membership.group,
                competences=found.competences,
                elements=found.elements,
            )
        )
    never_touched = [(c, sum(1 for row in everyone if c.value not in row.competences)) for c in Competence]
    if competence in Competence.values:
        gaps = [row for row in everyone if competence not in row.competences]
    else:
        gaps = [row for row in everyone if row.has_gaps]
    pages = max(1, -(-len(gaps) // PAGE_SIZE))
    page = min(max(1, page), pages)
    return GapsPage(
        school_year=school_year,
        groups=groups,
        rows=gaps[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(everyone),
        with_gaps=len(gaps),
        never_touched=never_touched,
        page=page,
        pages=pages,
    )
