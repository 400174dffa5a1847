"""The school leader's quality page (the counsellor sees it too)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from koers.access.gate import permit
from koers.common.downloads import attachment
from koers.common.pdf import render_pdf
from koers.quality.queries.evaluations import MIN_GROUP
from koers.quality.queries.leader import leader_quality
from koers.quality.rules import can_see_quality


@login_required
@require_GET
def leader(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_quality)
    return render(request, "quality/leader.html", {"page": leader_quality(role), "min_group": MIN_GROUP})


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """The yearly report (PDF) for the school plan and the inspection: the leader's page on paper, aggregates
    only."""
    role = permit(request, can_see_quality)
    today = timezone.localdate()
    html = render_to_string(
        "quality/report_pdf.html",
        {
            "page": leader_quality(role, day=today),
            "school": role.school,
            "today": today,
            "min_group": MIN_GROUP,
        },
        request=request,
    )
    filename = f"jaarverslag-lob-{slugify(role.school.name) or role.school_id}-{today:%Y-%m-%d}.pdf"
    return attachment(render_pdf(html), content_type="application/pdf", filename=filename)
