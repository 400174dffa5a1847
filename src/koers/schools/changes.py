"""The school's change marker: ``School.changed_at`` moves whenever something the whole-school figures count
changes (a student's experience, reflection, action or compliment; a student, group, school year or
membership).

The home area connects the model signals (``koers.home.apps``); writes that bypass signals (``bulk_create``,
``bulk_update``, queryset updates) call ``mark_school_changed`` themselves. The marker is written in the
writer's own transaction, so that nobody can read the new rows with the old marker.
"""

from __future__ import annotations

from django.utils import timezone

from koers.schools.models import School


def mark_school_changed(school_id: int | None) -> None:
    if school_id is not None:
        School.objects.filter(pk=school_id).update(changed_at=timezone.now())
