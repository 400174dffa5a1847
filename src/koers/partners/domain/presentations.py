"""The class reflection after the internships: the mentor plans a group session (a group conversation of the
conversations area) where each student presents their internship, and records per student that they
presented, what the class said back and a photo, which goes into that student's dossier."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.common.uploads import CheckedUpload
from koers.conversations.domain.planning import plan_conversation
from koers.conversations.models import Conversation, ConversationStatus, ConversationType
from koers.partners.domain.internships import record_presentation
from koers.partners.models import ClassPresentation, Internship
from koers.partners.queries.internships import group_students
from koers.schools.models import Group, Role

SESSION_MINUTES = 50


def plan_presentations(
    *,
    by: Role,
    group: Group,
    scheduled_at: dt.datetime,
    place: str = "",
    video_url: str = "",
    duration_minutes: int = SESSION_MINUTES,
) -> Conversation:
    """Plan the group session as a group conversation of the school's group type; the conversations area
    checks the slot, who may plan for the group, and sends the invitations."""
    kind = (
        ConversationType.objects.filter(school_id=group.school_id, is_group=True, active=True)
        .order_by("order", "pk")
        .first()
    )
    if kind is None:
        raise ValidationError(
            _(
                "De school heeft geen gesprekstype voor groepsgesprekken aanstaan. "
                "Vraag de decaan er een aan te zetten."
            )
        )
    return plan_conversation(
        by=by,
        type=kind,
        group=group,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        place=place,
        video_url=video_url,
    )


def record_in_session(
    *,
    by: Role,
    session: Conversation,
    internship: Internship,
    class_said: str,
    photo: CheckedUpload | None = None,
) -> ClassPresentation:
    """That this student presented in the session, what the class said and a photo (to their dossier). A
    student outside the session's group is a 404; a cancelled or future session is refused."""
    group = session.group
    if group is None or not group_students(group).filter(pk=internship.student_id).exists():
        raise Http404
    if session.status == ConversationStatus.CANCELLED:
        raise ValidationError(_("Deze bijeenkomst is geannuleerd."))
    held_on = timezone.localtime(session.scheduled_at).date()
    return record_presentation(
        by=by,
        internship=internship,
        presented_on=held_on,
        class_said=class_said,
        photo=photo,
        conversation=session,
    )
