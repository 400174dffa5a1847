"""The task matrix: tasks against parts (responsible, carries out, consulted) with named people or role
kinds; gaps (no one responsible), overloaded people, and parts of people who left. Three queries whatever
the number of tasks and people (tasks, assignments with their person, the staff for the form)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from koers.common.lookups import one_or_404
from koers.quality.models import Part, Task, TaskAssignment
from koers.quality.rules import can_run_quality, can_see_quality
from koers.schools.models import STAFF_KINDS, Role, RoleKind

# Someone who is responsible for or carries out more tasks than this is shown as overloaded.
OVERLOADED_FROM = 6


def get_assignment_for(role: Role, pk: int) -> TaskAssignment:
    if not can_run_quality(role):
        raise Http404
    return one_or_404(TaskAssignment.objects.filter(school_id=role.school_id), pk=pk)


@dataclass
class Holder:
    pk: int
    label: str
    left: bool = False


@dataclass
class TaskRow:
    task: Task
    cells: dict[str, list[Holder]] = field(default_factory=dict)

    @property
    def gap(self) -> bool:
        return not self.cells.get(Part.RESPONSIBLE)

    @property
    def has_left(self) -> bool:
        return any(holder.left for holders in self.cells.values() for holder in holders)

    @property
    def columns(self) -> list[list[Holder]]:
        return [self.cells.get(part, []) for part in Part.values]


@dataclass
class TaskMatrix:
    rows: list[TaskRow]
    parts: list[str]
    overloaded: list[tuple[str, int]]

    @property
    def gaps(self) -> list[TaskRow]:
        return [row for row in self.rows if row.gap]

    @property
    def left(self) -> list[TaskRow]:
        return [row for row in self.rows if row.has_left]


def task_matrix(role: Role) -> TaskMatrix:
    if not can_see_quality(role):
        raise Http404
    tasks = list(Task.objects.filter(school_id=role.school_id, active=True))
    rows = {task.pk: TaskRow(task=task) for task in tasks}
    load: Counter[str] = Counter()
    for assignment in TaskAssignment.objects.filter(school_id=role.school_id).select_related("role__user"):
        row = rows.get(assignment.task_id)
        if row is None:
            continue
        if assignment.kind:
            holder = Holder(
                assignment.pk, _("%(role)s (iedereen)") % {"role": RoleKind(assignment.kind).label}
            )
        elif assignment.role is None or not assignment.role.user.is_active:
            holder = Holder(assignment.pk, assignment.name, left=True)
        else:
            user = assignment.role.user
            holder = Holder(assignment.pk, user.get_full_name() or user.username)
            if assignment.part in (Part.RESPONSIBLE, Part.DOES):
                load[holder.label] += 1
        row.cells.setdefault(assignment.part, []).append(holder)
    overloaded = sorted(((name, n) for name, n in load.items() if n >= OVERLOADED_FROM), key=lambda x: -x[1])
    return TaskMatrix(
        rows=list(rows.values()), parts=[str(label) for label in Part.labels], overloaded=overloaded
    )


def staff_roles(role: Role) -> QuerySet[Role]:
    return (
        Role.objects.filter(school_id=role.school_id, kind__in=STAFF_KINDS)
        .exclude(kind=RoleKind.ADMIN)
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


def tasks_of(role: Role) -> QuerySet[Task]:
    return Task.objects.filter(school_id=role.school_id, active=True)
