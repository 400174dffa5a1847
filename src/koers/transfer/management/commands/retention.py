"""``manage.py retention [--dry-run] [--school SLUG]``: remove the dossiers whose retention period has passed.

Meant to run daily (cron or a systemd timer). Every school gets a removal report per run; a dry run lists
what would go and changes nothing.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scopes_disabled

from koers.schools.models import School
from koers.transfer.domain.retention import RetentionRun, run_retention, run_retention_everywhere
from koers.transfer.queries import kind_label


def format_run(run: RetentionRun) -> str:
    head = "Zou verwijderen" if run.dry_run else "Verwijderd"
    lines = [f"{run.school.name}: {head}: {len(run.removals)} leerling(en), {run.files} bestand(en)."]
    for label, count in sorted(run.counts.items()):
        lines.append(f"  {kind_label(label)}: {count}")
    for removal in run.removals:
        line = removal.line()
        lines.append(
            f"  - leerlingnummer {line['student_number'] or '(geen)'}, vertrokken {line['left_on']}: "
            f"{line['rows']} rijen, {line['files']} bestanden"
        )
    for failure in run.failures:
        lines.append(
            f"  ! leerlingnummer {failure.student_number or '(geen)'} niet verwijderd ({failure.error}); "
            "er is niets van deze leerling gewist"
        )
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Verwijder dossiers van leerlingen van wie de bewaartermijn na vertrek voorbij is."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="alleen tonen wat verwijderd zou worden")
        parser.add_argument("--school", help="alleen deze school (korte naam)")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        if options["school"]:
            with scopes_disabled():
                school = School.objects.filter(slug=options["school"]).first()
            if school is None:
                raise CommandError(f"Geen school met korte naam {options['school']!r}.")
            runs = [run_retention(school=school, dry_run=dry_run)]
        else:
            runs = run_retention_everywhere(dry_run=dry_run)
        for run in runs:
            self.stdout.write(format_run(run))
        if any(run.failures for run in runs):
            raise CommandError("Niet alle leerlingen konden worden verwijderd; zie hierboven.")
