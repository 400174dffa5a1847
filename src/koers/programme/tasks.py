"""Background jobs of the programme: telling guardians about a new home assignment, and the A3 poster."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from koers.background.domain import save_output
from koers.background.models import Job
from koers.background.registry import job_kind
from koers.common.pdf import render_pdf
from koers.notifications.domain import notify
from koers.notifications.queries import roles_by_user
from koers.notifications.registry import New, local_param
from koers.programme.forms.line import line_label
from koers.programme.models import Audience, GivenAssignment
from koers.programme.queries.line import YearLine, school_line
from koers.programme.svg import line_svg
from koers.schools.models import Guardianship, Membership, RoleKind, SchoolYear


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


POSTER_STYLESHEET = "programme/poster.css"


def poster_pdf(year_line: YearLine) -> tuple[bytes, str]:
    """The poster of a line (the whole year) and its file name."""
    title = line_label(year_line.track, year_line.year_level)
    html = render_to_string(
        "programme/line/poster.html",
        {
            "line": year_line,
            "title": title,
            "svg": line_svg(
                year_line,
                ident="poster-line",
                title=gettext("LOB-lijn %(line)s") % {"line": title},
                for_print=True,
            ),
        },
    )
    name = slugify(f"lob-lijn-{title}-{year_line.school_year.name}")
    return render_pdf(html, stylesheet=POSTER_STYLESHEET), f"{name}.pdf"


@job_kind("programme.poster", label=_("Poster van de LOB-lijn (A3, pdf)"))
def poster(job: Job) -> None:
    school_year = SchoolYear.objects.get(pk=job.params["school_year"])
    year_line = school_line(
        school_year=school_year, track=job.params["track"], year_level=job.params["year_level"]
    )
    with override(job.params.get("language") or "nl"):  # the language of whoever asked for it
        content, filename = poster_pdf(year_line)
    save_output(job, content=content, filename=filename)
