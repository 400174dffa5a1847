"""Per student: which career competences and effective elements they worked on in a school year.

A student worked on a competence or element when they took part in an activity mapped to it or finished an
assignment mapped to it; on a competence (and the element reflection) when they wrote a reflection on it that
school year; and on the elements reflection and "the student is active" when they held a career conversation,
plus "involving parents" when it was a driegesprek. A gap is a competence never touched. Every read is a
fixed number of queries, whatever the size of the school.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from koers.conversations.models import Conversation, ConversationStatus
from koers.dossier.models import Reflection
from koers.lob.vocabulary import Competence, Element
from koers.programme.models import Activity, Assignment, AssignmentWork, Participation, WorkStatus
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


# Each competence and each element is one bit of an integer (competences low, elements high: the two
# vocabularies share a value, "expectations"), so that what a student touched is an int and folding
# thousands of rows together is a cheap bitwise or.
_ELEMENT_SHIFT = len(Competence.values)
_COMPETENCE_BIT: dict[str, int] = {value: 1 << n for n, value in enumerate(Competence.values)}
_ELEMENT_BIT: dict[str, int] = {value: 1 << (_ELEMENT_SHIFT + n) for n, value in enumerate(Element.values)}
_COMPETENCE_BITS = sum(_COMPETENCE_BIT.values())
_REFLECTION = _ELEMENT_BIT[Element.REFLECTION.value]
_CONVERSATION = _ELEMENT_BIT[Element.REFLECTION.value] | _ELEMENT_BIT[Element.ACTIVE.value]
_PARENTS = _ELEMENT_BIT[Element.PARENTS.value]


def _mask(competences: Iterable[str] | None, elements: Iterable[str] | None) -> int:
    """The bits of the known competences and elements (unknown values are ignored)."""
    bits = 0
    for value in competences or []:
        bits |= _COMPETENCE_BIT.get(value, 0)
    for value in elements or []:
        bits |= _ELEMENT_BIT.get(value, 0)
    return bits


def _unmask(mask: int) -> Worked:
    return Worked(
        competences={value for value, bit in _COMPETENCE_BIT.items() if mask & bit},
        elements={value for value, bit in _ELEMENT_BIT.items() if mask & bit},
    )


def _worked_masks(school_year: SchoolYear, student_ids: Iterable[int] | None = None) -> dict[int, int]:
    """What each student touched in the school year as a bit mask (six queries, whatever the numbers).

    Participations and finished assignments are read as (student, activity or assignment) pairs of ids;
    the competences and elements of the year's activities and of the finished assignments are read once,
    not once per row. Students who touched nothing are absent."""
    start, end = _year_bounds(school_year)
    participations = Participation.objects.filter(present=True, activity__school_year=school_year)
    finished = AssignmentWork.objects.filter(
        status=WorkStatus.FINISHED, finished_at__gte=start, finished_at__lt=end
    )
    reflections = Reflection.objects.filter(created_at__gte=start, created_at__lt=end)
    conversations = Conversation.objects.filter(
        status=ConversationStatus.CLOSED, student__isnull=False, scheduled_at__gte=start, scheduled_at__lt=end
    )
    if student_ids is not None:
        ids = list(student_ids)
        participations = participations.filter(student_id__in=ids)
        finished = finished.filter(student_id__in=ids)
        reflections = reflections.filter(student_id__in=ids)
        conversations = conversations.filter(student_id__in=ids)
    activity_bits = {
        pk: _mask(competences, elements)
        for pk, competences, elements in Activity.objects.filter(school_year=school_year)
        .order_by()
        .values_list("pk", "competences", "elements")
    }
    assignment_bits = {
        pk: _mask(competences, elements)
        for pk, competences, elements in Assignment.objects.filter(
            pk__in=finished.order_by().values("given__assignment_id")
        )
        .order_by()
        .values_list("pk", "competences", "elements")
    }
    masks: dict[int, int] = defaultdict(int)
    for student_id, activity_id in participations.order_by().values_list("student_id", "activity_id"):
        masks[student_id] |= activity_bits.get(activity_id, 0)
    for student_id, assignment_id in (
        finished.order_by().values_list("student_id", "given__assignment_id").distinct()
    ):
        masks[student_id] |= assignment_bits.get(assignment_id, 0)
    # ``order_by()`` first: the default ordering would otherwise join the DISTINCT (created_at, type).
    for student_id, with_guardians in (
        conversations.order_by().values_list("student_id", "type__with_guardians").distinct()
    ):
        assert student_id is not None
        masks[student_id] |= _CONVERSATION | (_PARENTS if with_guardians else 0)
    for student_id, competence in reflections.order_by().values_list("student_id", "competence").distinct():
        masks[student_id] |= _COMPETENCE_BIT.get(competence, 0) | _REFLECTION
    return masks


def worked_on(school_year: SchoolYear, student_ids: Iterable[int] | None = None) -> dict[int, Worked]:
    """Competences and elements per student id in the school year (six queries). ``None``: every student."""
    return {pk: _unmask(mask) for pk, mask in _worked_masks(school_year, student_ids).items()}


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
    missing ``competence``; optionally in one group. Eight queries, whatever the size of the school.

    The list runs by group, then by name. The counts need every student, so they are made from plain ids
    and bit masks, in group order only; names are read (and sorted) only for the groups the page shown
    touches, so that neither the names of the whole school nor the user table of the whole deployment
    (users carry no school) are read."""
    today = today or timezone.localdate()
    if groups is None:
        groups = groups_of_year(school_year)
    memberships = (
        Membership.objects.current(today)
        .filter(group__school_year=school_year)
        .order_by("group__year_level", "group__name", "group_id")
    )
    if group_id is not None:
        memberships = memberships.filter(group_id=group_id)
    masks = _worked_masks(school_year)
    # student id: group id, grouped by group in the list's order (a student in two groups: the first).
    everyone: dict[int, int] = {}
    for student_id, in_group in memberships.values_list("student_id", "group_id"):
        everyone.setdefault(student_id, in_group)
    touched = Counter(masks.get(pk, 0) & _COMPETENCE_BITS for pk in everyone)  # a few dozen distinct masks
    never_touched = [
        (c, sum(n for mask, n in touched.items() if not mask & _COMPETENCE_BIT[c.value])) for c in Competence
    ]
    wanted = _COMPETENCE_BIT.get(competence or "", _COMPETENCE_BITS)
    # A gap: some wanted competence bit is not set.
    gaps = [pk for pk in everyone if masks.get(pk, 0) & wanted != wanted]
    pages = max(1, -(-len(gaps) // PAGE_SIZE))
    page = min(max(1, page), pages)
    start, end = (page - 1) * PAGE_SIZE, page * PAGE_SIZE
    # Which students fall on this page depends on the order of names only inside the groups at its edges:
    # read the students of every group the page touches, sorted by name, and cut the page out of them.
    on_page = {everyone[pk] for pk in gaps[start:end]}
    first = next((n for n, pk in enumerate(gaps) if everyone[pk] in on_page), 0)
    candidates = [pk for pk in gaps if everyone[pk] in on_page]
    position = {pk: n for n, pk in enumerate(dict.fromkeys(everyone.values()))}  # group id: place in list
    students = sorted(
        Student.objects.filter(pk__in=candidates)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
        if candidates
        else [],
        key=lambda student: position[everyone[student.pk]],  # stable: names stay sorted within a group
    )[start - first : end - first]
    group_by_pk = {g.pk: g for g in groups}
    rows = []
    for student in students:
        found = _unmask(masks.get(student.pk, 0))
        rows.append(
            StudentCoverage(
                student=student,
                group=group_by_pk.get(everyone[student.pk]),
                competences=found.competences,
                elements=found.elements,
            )
        )
    return GapsPage(
        school_year=school_year,
        groups=groups,
        rows=rows,
        total=len(everyone),
        with_gaps=len(gaps),
        never_touched=never_touched,
        page=page,
        pages=pages,
    )
