from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.lob.content_loader import ContentError, load_all
from koers.schools.content import copy_content_into_every_school


class Command(BaseCommand):
    help = (
        "Load the shipped content into the database: LOB (qualities, motives, reflection prompts) and the "
        "catalogues other areas register (careers: sectors, occupations, programmes, the interest test); "
        "then give every school what it lacks of its own copies (conversation types, activity types, "
        "assignments, self-scan statements, tasks, question lists) and refresh their translations."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--area", action="append", dest="areas", help="only this area's content (lob, careers, choices)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            reports = load_all(options["areas"])
        except ContentError as error:
            raise CommandError(str(error)) from error
        schools = copy_content_into_every_school() if not options["areas"] else 0
        if options["verbosity"]:
            for area, report in reports.items():
                self.stdout.write(f"{area}: {report.created} created, {report.updated} updated")
            if schools:
                self.stdout.write(f"schools: {schools} brought up to date")
