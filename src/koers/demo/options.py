"""The options of `koers demo`; importable before Django is set up, as the `koers` command needs."""

from argparse import ArgumentParser, ArgumentTypeError

DEMO_PASSWORD = "koers-demo"
SMALL_STUDENTS = 120
DEFAULT_STUDENTS = 600
DEFAULT_SEED = 2026
MIN_STUDENTS = 10


def student_count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < MIN_STUDENTS:
        raise ArgumentTypeError(f"geef een aantal van minstens {MIN_STUDENTS} leerlingen")
    return number


def add_demo_arguments(parser: ArgumentParser) -> None:
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--students",
        type=student_count,
        default=DEFAULT_STUDENTS,
        help=f"aantal leerlingen van Het Baken (standaard {DEFAULT_STUDENTS})",
    )
    size.add_argument("--small", action="store_true", help=f"een kleine demo van {SMALL_STUDENTS} leerlingen")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="zelfde seed, zelfde demo")
    parser.add_argument(
        "--logins", action="store_true", help="toon alleen de inloggegevens van de bestaande demo"
    )
    parser.add_argument(
        "--force", action="store_true", help="ook bouwen als DEBUG uit staat (nooit in productie)"
    )
