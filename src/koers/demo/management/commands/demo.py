from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from koers.demo.builder import (
    DemoError,
    DemoLogin,
    DemoReport,
    build_demo,
    current_logins,
)
from koers.demo.options import DEMO_PASSWORD, SMALL_STUDENTS, add_demo_arguments
from koers.schools.models import RoleKind


def format_logins(logins: list[DemoLogin], url: str | None = None) -> str:
    url = url or settings.KOERS_PUBLIC_URL
    rows = [("gebruikersnaam", "rol", "wie")]
    rows += [(login.username, str(RoleKind(login.role).label), login.description) for login in logins]
    name_width = max(len(row[0]) for row in rows)
    role_width = max(len(row[1]) for row in rows)
    lines = [
        f"Log in op {url} met een van deze gebruikersnamen; het wachtwoord is steeds: {DEMO_PASSWORD}",
        "",
    ]
    lines += [f"  {name.ljust(name_width)}  {role.ljust(role_width)}  {who}" for name, role, who in rows]
    return "\n".join(lines)


def format_summary(report: DemoReport) -> str:
    counts = report.counts
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    return (
        f"Demo klaar in {seconds} s (seed {report.seed}): {report.school} met {counts['students']} "
        f"leerlingen in {counts['groups']} groepen, {report.other_school} met {counts['other_students']} "
        f"leerlingen; {counts['experiences']} ervaringen, {counts['photos']} foto's, "
        f"{counts['reflections']} reflecties, {counts['actions']} actiepunten, "
        f"{counts.get('conversations', 0)} loopbaangesprekken."
    )


class Command(BaseCommand):
    help = (
        "Bouw de demoscholen Het Baken en De Overkant (een eerdere demo wordt vervangen) "
        "en toon de inloggegevens voor elke rol."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_demo_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            logins = current_logins()
            if not logins:
                raise CommandError("Er is nog geen demo. Bouw er een met: koers demo --small")
            self.stdout.write(format_logins(logins))
            return
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "De demo gebruikt een bekend wachtwoord en draait daarom alleen met DEBUG aan "
                "(KOERS_DEBUG=1). Gebruik --force alleen op een testomgeving, nooit in productie."
            )
        students = SMALL_STUDENTS if options["small"] else options["students"]
        try:
            report = build_demo(students=students, seed=options["seed"])
        except DemoError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            self.stdout.write(format_summary(report))
            self.stdout.write("")
            self.stdout.write(format_logins(report.logins))
