"""Background jobs of the programme: telling guardians about a new home assignment."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from koers.background.models import Job
from koers.background.registry import job_kind
from koers.notifications.domain import notify
from koers.notifications.queries import roles_by_user
from koers.notifications.registry import New, local_param
from koers.programme.models import Audience, GivenAssignment
from koers.schools.models import Guardianship, Membership, RoleKind


@job_kind("programme.home_assignment", label=_("Melding van een nieuwe thuisopdracht aan ouders"))
def home_assignment(job: Job) -> None:
    """Every guardian linked to a child in the groups (home assignments are for all of them, with or without
    parental authority) hears of it in their own language."""
    given = GivenAssignment.objects.select_related("assignment", "school").get(pk=job.params["given"])
    if given.assignment.audience != Audience.HOME:
        return
    members = Membership.objects.current(given.given_on).filter(group__in=given.groups.all())
    guardianships = list(
        Guardianship.objects.filter(student_id__in=members.values("student_id")).select_related(
            "student__user"
        )
    )
    roles = roles_by_user(given.school, RoleKind.GUARDIAN, [g.guardian_id for g in guardianships])
    title = local_param(given.assignment.title, given.assignment.translations, "title")
    notify(
        school_id=given.school_id,
        items=[
            New(
                role_id=roles[g.guardian_id],
                kind="home_assignment",
                params={
                    "given": given.pk,
                    "student": g.student_id,
                    "child": g.student.name,
                    "title": title,
                    "due": given.due_on.isoformat(),
                },
                key=f"home-assignment:{given.pk}:{g.student_id}",
            )
            for g in guardianships
            if g.guardian_id in roles
        ],
    )
