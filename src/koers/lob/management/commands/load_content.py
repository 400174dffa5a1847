from typing import Any

from django.core.management.base import BaseCommand

from koers.lob.content_loader import load_content


class Command(BaseCommand):
    help = "Load the shipped LOB content (qualities, motives, reflection prompts) into the database."

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_content()
        if options["verbosity"]:
            self.stdout.write(f"content: {report.created} created, {report.updated} updated")
