"""Background jobs of schools: applying an import (thousands of students are one long transaction)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from koers.background.models import Job
from koers.background.registry import expirer, job_kind
from koers.schooladmin.importing import runs
from koers.schools.models import ImportRun, Role

# How long an import that was never applied keeps its file and name lists, and any import its problem lines
# (which quote cells of the file). docs/privacy.md says the same.
UNAPPLIED_IMPORT = dt.timedelta(days=3)
IMPORT_PROBLEMS = dt.timedelta(days=30)


@job_kind("schools.import_apply", label=_("Import toepassen"))
def apply_import(job: Job) -> None:
    """All or nothing, exactly what the preview showed; a changed school is refused with a message on the
    job's page (a ValidationError ends the job at once) and a fresh preview to look at."""
    run = ImportRun.objects.get(pk=job.params["run"])
    by = Role.objects.select_related("school").get(pk=job.params["role"])
    runs.apply_import(run=run, by=by, confirmed=job.params.get("confirmed"))


@expirer("unapplied imports")
def clear_unapplied_imports(now: dt.datetime) -> int:
    """An import that was previewed but never applied keeps a whole export of personal data; after three days
    its file and the preview's name lists are removed (counts stay; the admin uploads the file again if they
    still want it). After thirty days the problem lines of every import go too."""
    with scopes_disabled():
        cleared = 0
        for run in ImportRun.objects.filter(created_at__lt=now - UNAPPLIED_IMPORT).exclude(content=""):
            runs.clear_personal_data(run)
            cleared += 1
        for run in ImportRun.objects.filter(
            created_at__lt=now - IMPORT_PROBLEMS, summary__has_key="problems"
        ):
            runs.clear_personal_data(run, problems=True)
            cleared += 1
        return cleared
