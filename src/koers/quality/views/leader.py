"""The school leader's quality page (the counsellor sees it too)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from koers.access.gate import permit
from koers.quality.queries.evaluations import MIN_GROUP
from koers.quality.queries.leader import leader_quality
from koers.quality.rules import can_see_quality


@login_required
@require_GET
def leader(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_quality)
    return render(request, "quality/leader.html", {"page": leader_quality(role), "min_group": MIN_GROUP})
