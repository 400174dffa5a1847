"""``manage.py import_file FILE --school SLUG [--preset magister] [--apply]`` (also ``koers import``).

For scripts and cron: prints the same preview as the screen, applies only with ``--apply`` and only when no
safety threshold is crossed, and exits non-zero with the reasons otherwise. Every run is recorded like an
import from the screen, so the admin sees it in the list of imports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.schooladmin.importing.presets import PRESETS
from koers.schooladmin.importing.runs import unattended_import
from koers.schools.models import ImportRun, ImportVia, School


def format_run(run: ImportRun) -> str:
    summary = run.summary or {}
    lines = [f"{run.school.name}: {run.filename}"]
    counts = {k: v for k, v in summary.get("counts", {}).items() if v}
    if counts:
        lines += [f"  {key}: {count}" for key, count in sorted(counts.items())]
    elif summary:
        lines.append("  geen wijzigingen")
    lines.append(f"  ongewijzigd: {summary.get('unchanged', 0)}")
    columns = summary.get("ignored_columns") or []
    if columns:
        lines.append(f"  niet gebruikte kolommen: {', '.join(columns)}")
    for warning in summary.get("warnings", []):
        lines.append(f"  let op: {warning}")
    for problem in summary.get("problems", []):
        lines.append(f"  regel {problem['line']}: {problem['reason']}")
    if run.applied_at:
        lines.append("Toegepast.")
    elif not run.refused:
        lines.append("Alleen gecontroleerd (gebruik --apply om toe te passen).")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Lees een export van de leerlingadministratie in: controleren, en met --apply toepassen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="het exportbestand (CSV of .xlsx)")
        parser.add_argument("--school", required=True, help="de korte naam van de school")
        parser.add_argument("--preset", default="magister", choices=[*PRESETS, "manual"])
        parser.add_argument(
            "--apply", action="store_true", help="toepassen als geen drempel wordt overschreden"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan {path} niet lezen: {error.strerror}.") from error
        with scopes_disabled():
            school = School.objects.filter(slug=options["school"]).first()
        if school is None:
            raise CommandError(f"Geen school met korte naam {options['school']!r}.")
        with school_scope(school):
            run = unattended_import(
                school=school,
                filename=path.name,
                data=data,
                preset=options["preset"],
                apply=options["apply"],
                via=ImportVia.COMMAND,
            )
        self.stdout.write(format_run(run))
        if run.refused:
            raise CommandError(run.refused)
