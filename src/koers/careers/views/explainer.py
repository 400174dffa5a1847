"""The Dutch school system explained, for students and guardians: public, so the invitation letter's landing
page can link to it before a guardian has an account."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def school_system(request: HttpRequest) -> HttpResponse:
    return render(request, "careers/school_system.html")
