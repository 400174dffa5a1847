"""A student's "was this useful?" after an activity they took part in (or finished work for): yes or no and
one optional line, once per activity, which they may change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.programme.models import Activity, ActivityFeedback, AssignmentWork, Participation, WorkStatus
from koers.programme.rules import can_say_useful
from koers.schools.models import Role, Student

LINE_MAX = 200


def took_part(student: Student, activity: Activity) -> bool:
    return (
        Participation.objects.filter(activity=activity, student=student, present=True).exists()
        or AssignmentWork.objects.filter(
            given__activity=activity, student=student, status=WorkStatus.FINISHED
        ).exists()
    )


@transaction.atomic
def say_useful(
    *, by: Role, student: Student, activity: Activity, useful: bool | None, line: str = ""
) -> ActivityFeedback:
    require(by, can_say_useful, student)
    if activity.school_id != student.school_id or not took_part(student, activity):
        raise ValidationError(_("Je kunt dit zeggen over een activiteit waar je aan meedeed."))
    if useful is None:
        raise ValidationError({"useful": _("Kies ja of nee.")})
    line = (line or "").strip()[:LINE_MAX]
    feedback, _created = ActivityFeedback.objects.update_or_create(
        activity=activity,
        student=student,
        defaults={"school_id": student.school_id, "useful": useful, "line": line},
    )
    return feedback
