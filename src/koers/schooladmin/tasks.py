"""Background jobs of schools: applying an import (thousands of students are one long transaction)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from koers.background.models import Job
from koers.background.registry import expirer, job_kind
from koers.schooladmin.importing import runs
from koers.schools.models import ImportRun, Role

UNAPPLIED_IMPORT = dt.timedelta(days=14)


@job_kind("schools.import_apply", label=_("Import toepassen"))
def apply_import(job: Job) -> None:
    """All or nothing, exactly what the preview showed; a changed school is refused with a message on the
    job's page (a ValidationError ends the job at once) and a fresh preview to look at."""
    run = ImportRun.objects.get(pk=job.params["run"])
    by = Role.objects.select_related("school").get(pk=job.params["role"])
    runs.apply_import(run=run, by=by, confirmed=job.params.get("confirmed"))


@expirer("unapplied imports")
def clear_unapplied_imports(now: dt.datetime) -> int:
    """An import that was previewed but never applied keeps a whole export of personal data; after two
    weeks its content is cleared (the admin uploads the file again if they still want it)."""
    with scopes_disabled():
        return (
            ImportRun.objects.filter(applied_at__isnull=True, created_at__lt=now - UNAPPLIED_IMPORT)
            .exclude(content="")
            .update(content="", summary={})
        )
