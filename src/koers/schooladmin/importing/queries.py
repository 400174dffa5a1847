"""Reads of the import pages: one import of the admin's school (or 404) and the latest imports."""

from __future__ import annotations

from django.http import Http404

from koers.schools.models import ImportRun, Role


def get_import_run_for(role: Role, pk: int) -> ImportRun:
    run = ImportRun.objects.filter(pk=pk, school_id=role.school_id).select_related("school").first()
    if run is None:
        raise Http404
    return run


def recent_runs(role: Role, count: int = 10) -> list[ImportRun]:
    return list(
        ImportRun.objects.filter(school_id=role.school_id)
        .select_related("by")
        .defer("content", "summary", "mapping")
        .order_by("-created_at")[:count]
    )
