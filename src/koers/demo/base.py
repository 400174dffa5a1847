"""The demo builder's base: its random generator, the rows it collects, and the helpers every planner uses
(people, dossiers, conversations ...). ``demo/builder.py`` puts the planners together."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from koers.demo import names
from koers.demo.options import DEMO_PASSWORD
from koers.dossier.models import (
    Experience,
    StudentTrait,
)
from koers.lob.models import ReflectionPrompt, Trait
from koers.lob.vocabulary import Competence, TraitKind
from koers.schools.models import (
    Group,
    Role,
    School,
    Student,
    User,
)

DEMO_EMAIL_DOMAIN = "demo.koers.invalid"


MAX_PHOTOS = 100


GROUP_SIZE = 25


# The fixed logins, in the order they are printed.
FIXED_USERNAMES = (
    "leerling",
    "nieuwkomer",
    "mentor",
    "decaan",
    "docent",
    "ouder",
    "ouder2",
    "schoolleider",
    "beheer",
    "buitenstaander",
)


class DemoError(Exception):
    """The demo cannot be built here; the message says why, in Dutch."""


@lru_cache(maxsize=4)
def _password_hash(hasher: str) -> str:
    # Hashing is deliberately slow; every demo person shares one hash of the published password, made
    # with the preferred hasher (passed in so that a change of settings, as in tests, gets a new hash).
    return make_password(DEMO_PASSWORD)


RICH, ACTIVE, QUIET, EMPTY = "rich", "active", "quiet", "empty"


@dataclass
class _GroupPlan:
    group: Group
    mentors: list[User] = field(default_factory=list)


@dataclass
class _StudentPlan:
    student: Student
    group: Group
    international: bool
    simple: bool
    profile: str = ACTIVE
    guardians: list[tuple[User, bool]] = field(default_factory=list)  # (user, has authority)
    programme: str = ""  # the profile or route the student follows (demo/about.py)


class BuilderBase:
    def __init__(
        self,
        *,
        students: int,
        seed: int,
        saved_files: list[str],
        regional_schools: int = 0,
        regional_dossiers: bool = True,
    ):
        self.rng = random.Random(seed)
        self.regional_schools = regional_schools
        self.regional_dossiers = regional_dossiers
        self.seed = seed
        self.students_wanted = students
        self.saved_files = saved_files
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        start_year = self.today.year if self.today.month >= 8 else self.today.year - 1
        self.year_start = dt.date(start_year, 8, 1)
        self.year_end = dt.date(start_year + 1, 7, 31)
        self.password = _password_hash(settings.PASSWORD_HASHERS[0])
        taken = set(User.objects.values_list("username", flat=True))
        clash = [name for name in FIXED_USERNAMES if name in taken]
        if clash:
            raise DemoError(
                f"De gebruikersnaam {clash[0]!r} bestaat al en hoort niet bij de demo; "
                "bouw de demo in een lege database (zet KOERS_DATA_DIR of DATABASE_URL)."
            )
        self.taken = taken | set(FIXED_USERNAMES)
        self.rows: dict[type[models.Model], list[Any]] = {}
        self.trait_links: list[tuple[StudentTrait, Experience]] = []
        self.photos = 0
        self.numbers_given: set[int] = set()
        self.max_photos = MAX_PHOTOS
        self.photo_chance = min(0.5, MAX_PHOTOS / students)
        self.mentors_of: dict[int, list[User]] = {}  # by group pk
        self.teachers_of: dict[int, list[User]] = {}  # by school pk
        self.counsellors_of: dict[int, list[User]] = {}  # by school pk
        self.programmes: dict[int, str] = {}  # by student pk, once saved (demo/about.py)
        self.qualities = {t.key: t for t in Trait.objects.filter(kind=TraitKind.QUALITY)}
        self.motives = {t.key: t for t in Trait.objects.filter(kind=TraitKind.MOTIVE)}
        self.prompts: dict[str, list[ReflectionPrompt]] = {c: [] for c in Competence.values}
        for prompt in ReflectionPrompt.objects.order_by("competence", "order"):
            self.prompts[prompt.competence].append(prompt)

    # -- helpers -------------------------------------------------------------------------------------

    def add(self, row: Any) -> Any:
        self.rows.setdefault(type(row), []).append(row)
        return row

    def save_all(self, *model_classes: type[models.Model]) -> None:
        for model in model_classes:
            rows = self.rows.get(model, [])
            if rows:
                model._default_manager.bulk_create(rows, batch_size=500)

    def count(self, model: type[models.Model]) -> int:
        return len(self.rows.get(model, []))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        if last <= first:
            return first
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def moment(self, day: dt.date, *, later_days: int = 0) -> dt.datetime:
        """An aware moment in the afternoon of ``day`` (plus some days), never in the future."""
        when = dt.datetime.combine(
            day + dt.timedelta(days=later_days), dt.time(self.rng.randint(8, 20), self.rng.randint(0, 59))
        )
        return min(timezone.make_aware(when), self.now - dt.timedelta(minutes=self.rng.randint(1, 90)))

    def person_name(self, *, international: bool, adult: bool = False) -> tuple[str, str]:
        if adult:
            firsts = names.ADULT_INTERNATIONAL_FIRST_NAMES if international else names.ADULT_DUTCH_FIRST_NAMES
        else:
            firsts = names.INTERNATIONAL_FIRST_NAMES if international else names.DUTCH_FIRST_NAMES
        lasts = names.INTERNATIONAL_LAST_NAMES if international else names.DUTCH_LAST_NAMES
        return self.rng.choice(firsts), self.rng.choice(lasts)

    def username_for(self, first: str, last: str, *, initial: bool = False) -> str:
        given = slugify(first)[:1] if initial else slugify(first)
        base = f"{given}.{slugify(last).replace('-', '')}"[:140]
        candidate, number = base, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{base}{number}"
        self.taken.add(candidate)
        return candidate

    def user(
        self, first: str, last: str, *, username: str | None = None, staff: bool = False, language: str = "nl"
    ) -> User:
        username = username or self.username_for(first, last, initial=staff)
        return self.add(
            User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                password=self.password,
                preferred_language=language,
                date_joined=self.now,
            )
        )

    def role(self, school: School, user: User, kind: str) -> Role:
        return self.add(Role(school=school, user=user, kind=kind))

    def staff(self, school: School, kind: str, username: str | None = None) -> User:
        first, last = self.person_name(international=self.chance(0.25), adult=True)
        person = self.user(first, last, username=username, staff=True)
        self.role(school, person, kind)
        return person

    # -- schools, groups and people ------------------------------------------------------------------
