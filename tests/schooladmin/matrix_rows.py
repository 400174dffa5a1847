"""Rows of the permission matrix for this part of the area (see tests/matrix.py for the vocabulary).

The import pages are the school admin's alone; every other persona (the counsellor included) gets a 404,
and the outsider a 404 for the first school's import.
"""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.schooladmin.importing import runs
from tests import factories as f
from tests.matrix import POST_ONLY, Objects, Redirect, Row, answers, only


def import_run(o: Objects) -> Any:
    """A previewed, not yet applied import at the first school, built on first use."""
    cached = o.__dict__.get("_import_run")
    if cached is None:
        with scopes_disabled():
            cached = f.ImportRunFactory(school=o.world.school, by=o.world.users["admin"])
        with school_scope(o.world.school):
            cached.summary = runs.preview(cached)
            cached.save(update_fields=["summary"])
        o.__dict__["_import_run"] = cached
    return cached


def of_run(o: Objects) -> dict[str, Any]:
    return {"pk": import_run(o).pk}


def of_token(o: Objects) -> dict[str, Any]:
    """A live import key of the first school."""
    cached = o.__dict__.get("_import_token")
    if cached is None:
        with scopes_disabled():
            cached = o.__dict__["_import_token"] = f.ImportTokenFactory(school=o.world.school)
    return {"pk": cached.pk}


ROWS: dict[str, Row | list[Row]] = {
    "schooladmin:import_start": Row(get=only(admin=200)),
    "schooladmin:import_mapping": Row(kwargs=of_run, get=only(admin=200)),
    "schooladmin:import_preview": Row(kwargs=of_run, get=only(admin=200)),
    "schooladmin:import_apply": Row(
        kwargs=of_run, get=POST_ONLY, post=only(admin=Redirect("background:job"))
    ),
    "schooladmin:import_cancel": Row(
        kwargs=of_run, get=POST_ONLY, post=only(admin=Redirect("schooladmin:import_preview"))
    ),
    "schooladmin:import_runs": Row(get=only(admin=200)),
    "schooladmin:staff_codes": Row(get=only(admin=200), post=only(admin=Redirect("schooladmin:staff_codes"))),
    "schooladmin:staff_codes_file": Row(get=POST_ONLY, post=only(admin=400)),
    # An empty form is refused next to its fields.
    "schooladmin:import_tokens": Row(get=only(admin=200), post=only(admin=400)),
    "schooladmin:import_token_revoke": Row(
        kwargs=of_token, get=POST_ONLY, post=only(admin=Redirect("schooladmin:import_tokens"))
    ),
    # The script's endpoint knows no persona, only keys: without one everybody gets a 401 (a GET a 405).
    "schooladmin:import_upload": Row(get=answers(405, anonymous=405), post=answers(401, anonymous=401)),
}
