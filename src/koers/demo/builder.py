"""Builds the demo: "Het Baken" with vmbo, havo and ISK groups, and a small second school, "De Overkant".

Everything comes from ``random.Random(seed)``, so one seed always gives the same people and dossiers
(dates are relative to today). Rows are written with ``bulk_create``: 2,000 students take seconds.
A new build first removes the previous demo: its two schools, its people (recognisable by their e-mail
domain) and its uploaded files.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django_scopes import scopes_disabled

from koers.access.models import AuditAction, AuditEntry
from koers.conversations.models import Agreement, Conversation
from koers.demo import names, texts
from koers.demo.assignments import plan_assignments
from koers.demo.careers import plan_careers
from koers.demo.choices import plan_choices
from koers.demo.conversations import plan_conversations
from koers.demo.options import DEMO_PASSWORD, MIN_STUDENTS
from koers.demo.partners import plan_partners
from koers.demo.photos import draw_photo
from koers.demo.programme import plan_programme
from koers.demo.quality import plan_quality
from koers.dossier.models import (
    Action,
    ActionStatus,
    Ambition,
    AmbitionStep,
    Compliment,
    Contact,
    Evidence,
    EvidenceKind,
    Experience,
    Reflection,
    ReflectionAnswer,
    Remark,
    StudentTrait,
    evidence_path,
)
from koers.lob.content_loader import load_all
from koers.lob.models import ReflectionPrompt, Trait
from koers.lob.vocabulary import Competence, TraitKind
from koers.schools.changes import mark_school_changed
from koers.schools.models import (
    Group,
    Guardianship,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    School,
    SchoolYear,
    Student,
    Track,
    User,
)

DEMO_EMAIL_DOMAIN = "demo.koers.invalid"
SCHOOL_NAME, SCHOOL_SLUG = "Het Baken", "het-baken"
OTHER_NAME, OTHER_SLUG = "De Overkant", "de-overkant"
# Extra schools of a region in the same database (benchmarks only: ``build_demo(regional_schools=N)``).
REGIONAL_SLUG_PREFIX = "demo-regio-"
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

TRACK_CODES: dict[str, str] = {
    Track.VMBO_BASIS: "B",
    Track.VMBO_KADER: "K",
    Track.VMBO_GEMENGD: "G",
    Track.VMBO_THEORETISCH: "T",
    Track.HAVO: "H",
}
# Groups in the order a school of a given size gets them: a small demo already shows every kind of group.
GROUP_ORDER: tuple[tuple[int, str], ...] = (
    (3, Track.VMBO_KADER),
    (1, Track.ISK),
    (2, Track.VMBO_BASIS),
    (4, Track.VMBO_THEORETISCH),
    (1, Track.HAVO),
    (2, Track.VMBO_GEMENGD),
    (2, Track.ISK),
    (3, Track.HAVO),
    (1, Track.VMBO_KADER),
    (4, Track.VMBO_BASIS),
    (2, Track.VMBO_THEORETISCH),
    (3, Track.VMBO_GEMENGD),
    (1, Track.VMBO_BASIS),
    (4, Track.VMBO_KADER),
    (2, Track.HAVO),
    (3, Track.VMBO_THEORETISCH),
    (1, Track.VMBO_GEMENGD),
    (4, Track.VMBO_GEMENGD),
    (1, Track.VMBO_THEORETISCH),
    (3, Track.VMBO_BASIS),
    (2, Track.VMBO_KADER),
    (4, Track.HAVO),
)

RICH, ACTIVE, QUIET, EMPTY = "rich", "active", "quiet", "empty"
# The `leerling` login: a vmbo kader student heading for car mechanics, with experiences that fit.
RICH_EXPERIENCES = {
    "Snuffelstage bij de garage",
    "Vakkenvullen in de supermarkt",
    "Voetbalwedstrijd als aanvoerder",
    "Brommer gerepareerd met mijn oom",
    "Bedrijfsbezoek bij het bouwbedrijf",
    "Open dag van het mbo",
    "Sollicitatietraining",
    "Praktijkvak: een kastje gemaakt",
}


class DemoError(Exception):
    """The demo cannot be built here; the message says why, in Dutch."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str  # a RoleKind value
    description: str


@dataclass
class DemoReport:
    seed: int
    school: School
    other_school: School
    counts: dict[str, int]
    logins: list[DemoLogin]
    password: str = DEMO_PASSWORD
    seconds: float = 0.0


@lru_cache(maxsize=4)
def _password_hash(hasher: str) -> str:
    # Hashing is deliberately slow; every demo person shares one hash of the published password, made
    # with the preferred hasher (passed in so that a change of settings, as in tests, gets a new hash).
    return make_password(DEMO_PASSWORD)


def _demo_users() -> models.QuerySet[User]:
    return User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")


def delete_demo() -> None:
    """Remove the demo schools, the demo people and (once the removal is committed) their uploaded files."""
    with scopes_disabled():
        schools = School.objects.filter(
            Q(slug__in=[SCHOOL_SLUG, OTHER_SLUG]) | Q(slug__startswith=REGIONAL_SLUG_PREFIX)
        )
        files = [
            *Evidence.objects.filter(school__in=schools).values_list("file", flat=True),
            *ReflectionAnswer.objects.filter(school__in=schools)
            .exclude(voice="")
            .values_list("voice", flat=True),
        ]
        # A conversation protects its type, so the conversations go first; everything else school-owned goes
        # with the school.
        Conversation.objects.filter(school__in=schools).delete()
        schools.delete()
        _demo_users().delete()

    def remove_files() -> None:
        for name in files:
            default_storage.delete(name)
        _remove_empty_folders(files)

    transaction.on_commit(remove_files)


def _remove_empty_folders(names: Iterable[str]) -> None:
    """Remove the per-student folders the removed files leave behind (local storage only)."""
    try:
        root = Path(default_storage.path("")).resolve()
    except NotImplementedError:  # object storage has no folders
        return
    for name in names:
        folder = Path(default_storage.path(name)).resolve().parent
        while folder != root and root in folder.parents:
            try:
                folder.rmdir()
            except OSError:  # not empty, or already gone
                break
            folder = folder.parent


def demo_exists() -> bool:
    return _demo_users().filter(username=FIXED_USERNAMES[0]).exists()


def build_demo(
    *, students: int, seed: int, regional_schools: int = 0, regional_dossiers: bool = True
) -> DemoReport:
    """Replace any previous demo with a fresh one of ``students`` students at Het Baken.

    ``regional_schools`` adds that many more schools of the same size to the same database, with their
    people, groups and (unless ``regional_dossiers`` is False, which builds much faster) dossiers, not their
    programme, conversations or other areas: benchmarks use them to show that a page of one school does not
    slow down as the deployment holds more schools."""
    if students < MIN_STUDENTS:
        raise DemoError(f"Een demoschool heeft minstens {MIN_STUDENTS} leerlingen nodig.")
    started = time.perf_counter()
    load_all()
    saved_files: list[str] = []
    try:
        with transaction.atomic(), scopes_disabled():
            delete_demo()
            builder = _Builder(
                students=students,
                seed=seed,
                saved_files=saved_files,
                regional_schools=regional_schools,
                regional_dossiers=regional_dossiers,
            )
            report = builder.build()
    except BaseException:
        for name in saved_files:
            default_storage.delete(name)
        raise
    report.seconds = time.perf_counter() - started
    return report


def current_logins() -> list[DemoLogin]:
    """The fixed demo logins with a description drawn from the database as it is now."""
    with scopes_disabled():
        users = {u.username: u for u in _demo_users().filter(username__in=FIXED_USERNAMES)}
        if len(users) < len(FIXED_USERNAMES):
            return []
        school = School.objects.get(slug=SCHOOL_SLUG)
        other = School.objects.get(slug=OTHER_SLUG)
        today = timezone.localdate()

        def student_line(username: str) -> str:
            student = Student.objects.select_related("user").get(user=users[username], school=school)
            membership = (
                Membership.objects.current(today)
                .filter(student=student)
                .select_related("group")
                .order_by("-starts_on")
                .first()
            )
            if membership is None:
                return student.name
            return f"{student.name}, {membership.group.name}"

        mentor_groups = ", ".join(
            Group.objects.filter(mentorships__mentor=users["mentor"])
            .order_by("name")
            .values_list("name", flat=True)
        )
        leerling = student_line("leerling")
        nieuwkomer = Student.objects.get(user=users["nieuwkomer"], school=school)
        lines = {
            "leerling": (RoleKind.STUDENT, f"{leerling}: een goed gevuld dossier"),
            "nieuwkomer": (
                RoleKind.STUDENT,
                f"{student_line('nieuwkomer')}: sinds {nieuwkomer.joined_on:%d-%m-%Y} nieuw in de ISK, "
                "leest Koers in makkelijke taal",
            ),
            "mentor": (RoleKind.MENTOR, f"mentor van {mentor_groups} en van één leerling apart"),
            "decaan": (RoleKind.COUNSELLOR, f"decaan van {school}: ziet alle leerlingen"),
            "docent": (RoleKind.TEACHER, f"docent op {school} en {other}: wisselt via het rolmenu"),
            "ouder": (RoleKind.GUARDIAN, f"ouder/verzorger met gezag van {leerling}"),
            "ouder2": (RoleKind.GUARDIAN, f"ouder/verzorger zonder gezag van {leerling}: alleen informatie"),
            "schoolleider": (RoleKind.LEADER, f"schoolleider van {school}: ziet overzichten"),
            "beheer": (RoleKind.ADMIN, f"beheerder van {school}"),
            "buitenstaander": (RoleKind.COUNSELLOR, f"decaan van {other}: ziet niets van {school}"),
        }
    return [DemoLogin(username, kind, text) for username, (kind, text) in lines.items() if username in users]


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


class _Builder:
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
        self.photo_chance = min(0.5, MAX_PHOTOS / students)
        self.mentors_of: dict[int, list[User]] = {}  # by group pk
        self.teachers_of: dict[int, list[User]] = {}  # by school pk
        self.counsellors_of: dict[int, list[User]] = {}  # by school pk
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

    def build(self) -> DemoReport:
        # Het Baken shows how a school can let families see experiences and actions unless a student says no.
        school = School.objects.create(
            name=SCHOOL_NAME,
            slug=SCHOOL_SLUG,
            guardian_sharing_defaults={"experience": True, "action": True},
        )
        other = School.objects.create(name=OTHER_NAME, slug=OTHER_SLUG)
        plans = self.plan_school(school, students=self.students_wanted, main=True)
        other_students = min(40, max(8, self.students_wanted // 10))
        plans += self.plan_school(other, students=other_students, main=False)
        for number in range(1, self.regional_schools + 1):
            regional = School.objects.create(
                name=f"Regioschool {number}", slug=f"{REGIONAL_SLUG_PREFIX}{number}"
            )
            people = self.plan_school(regional, students=self.students_wanted, main=False, regional=True)
            plans += people if self.regional_dossiers else []
        self.save_all(User, Role, Student, Membership, Mentorship, Guardianship)

        for plan in plans:
            self.fill_dossier(plan)
        self.save_all(Experience, Evidence, Reflection, ReflectionAnswer, StudentTrait)
        through = StudentTrait.experiences.through
        through.objects.bulk_create(
            [through(studenttrait_id=trait.pk, experience_id=exp.pk) for trait, exp in self.trait_links],
            batch_size=500,
        )
        self.save_all(Compliment, Ambition, AmbitionStep, Contact, Action, Remark, AuditEntry)
        plan_conversations(self, school, [p for p in plans if p.student.school_id == school.pk])
        plan_programme(self, school)
        plan_assignments(self, school)
        internships = plan_partners(self, school)
        choices = plan_choices(self, school)
        favourites = plan_careers(self, school, [p for p in plans if p.student.school_id == school.pk])
        plan_quality(self, school)
        # Bulk writes send no model signals: the cached school figures (koers.home.queries.overview) must
        # not outlive this build.
        for school_id in {school.pk, other.pk, *(p.student.school_id for p in plans)}:
            mark_school_changed(school_id)

        counts = {
            "students": sum(1 for p in plans if p.student.school_id == school.pk),
            "other_students": sum(1 for p in plans if p.student.school_id == other.pk),
            "groups": sum(1 for g in self.rows[Group] if g.school_id == school.pk),
            "people": self.count(User),
            "guardians": sum(1 for r in self.rows[Role] if r.kind == RoleKind.GUARDIAN),
            "experiences": self.count(Experience),
            "photos": self.photos,
            "reflections": self.count(Reflection),
            "answers": self.count(ReflectionAnswer),
            "traits": self.count(StudentTrait),
            "compliments": self.count(Compliment),
            "ambitions": self.count(Ambition),
            "contacts": self.count(Contact),
            "actions": self.count(Action),
            "remarks": self.count(Remark),
            "conversations": self.count(Conversation),
            "agreements": self.count(Agreement),
            "internships": internships,
            "choices": choices,
            "favourites": favourites,
        }
        return DemoReport(
            seed=self.seed, school=school, other_school=other, counts=counts, logins=current_logins()
        )

    def group_specs(self, count: int) -> list[tuple[str, int, str]]:
        specs: list[tuple[str, int, str]] = []
        isk_letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        round_number = 1
        while len(specs) < count:
            for level, track in GROUP_ORDER:
                if len(specs) == count:
                    break
                if track == Track.ISK:
                    name = f"ISK-{next(isk_letters, str(len(specs)))}"
                else:
                    name = f"{level}{TRACK_CODES[track]}{round_number}"
                specs.append((name, level, track))
            round_number += 1
        return specs

    def plan_school(
        self, school: School, *, students: int, main: bool, regional: bool = False
    ) -> list[_StudentPlan]:
        year = SchoolYear.objects.create(
            school=school,
            name=f"{self.year_start.year}-{self.year_end.year}",
            starts_on=self.year_start,
            ends_on=self.year_end,
        )
        if main or regional:
            specs = self.group_specs(max(2, round(students / GROUP_SIZE)))
        else:
            specs = [("2H1", 2, Track.HAVO), ("3T1", 3, Track.VMBO_THEORETISCH)]
        groups = [
            self.add(Group(school=school, school_year=year, name=name, year_level=level, track=track))
            for name, level, track in specs
        ]
        Group.objects.bulk_create(groups)

        # Staff. The fixed logins come first so that they get the first group and the richest data.
        group_plans = [_GroupPlan(group) for group in groups]
        if main:
            counsellors = [self.staff(school, RoleKind.COUNSELLOR, "decaan")]
            counsellors += [self.staff(school, RoleKind.COUNSELLOR) for _ in range(students // 600)]
            teachers = [self.staff(school, RoleKind.TEACHER, "docent")]
            teachers += [self.staff(school, RoleKind.TEACHER) for _ in range(max(2, students // 40))]
            self.staff(school, RoleKind.LEADER, "schoolleider")
            if students > 1000:
                self.staff(school, RoleKind.LEADER)
            self.staff(school, RoleKind.ADMIN, "beheer")
            fixed_mentor = self.staff(school, RoleKind.MENTOR, "mentor")
        elif regional:
            counsellors = [self.staff(school, RoleKind.COUNSELLOR) for _ in range(1 + students // 600)]
            teachers = [self.staff(school, RoleKind.TEACHER) for _ in range(max(2, students // 40))]
            self.staff(school, RoleKind.LEADER)
            self.staff(school, RoleKind.ADMIN)
            fixed_mentor = None
        else:
            counsellors = [self.staff(school, RoleKind.COUNSELLOR, "buitenstaander")]
            teachers = [self.staff(school, RoleKind.TEACHER) for _ in range(2)]
            docent = next(u for u in self.rows[User] if u.username == "docent")
            self.role(school, docent, RoleKind.TEACHER)  # one person, two schools
            fixed_mentor = None
        for number, plan in enumerate(group_plans):
            mentor = fixed_mentor if number == 0 and fixed_mentor else self.staff(school, RoleKind.MENTOR)
            plan.mentors.append(mentor)
            if number % 4 == 3:  # some groups share the mentoring between two people
                plan.mentors.append(self.staff(school, RoleKind.MENTOR))
            for person in plan.mentors:
                self.add(Mentorship(school=school, mentor=person, group=plan.group))
        self.teachers_of[school.pk] = teachers
        self.counsellors_of[school.pk] = counsellors

        # Students, evenly over the groups.
        sizes = [
            students // len(groups) + (1 if i < students % len(groups) else 0) for i in range(len(groups))
        ]
        plans: list[_StudentPlan] = []
        newcomer_placed = not main
        for plan, size in zip(group_plans, sizes, strict=True):
            for number in range(size):
                username = None
                if main and plan is group_plans[0] and number == 0:
                    username = "leerling"
                elif not newcomer_placed and plan.group.track == Track.ISK:
                    username, newcomer_placed = "nieuwkomer", True
                plans.append(self.plan_student(school, plan, username=username))
        self.plan_moves(school, group_plans, plans)
        for student_plan in plans:
            self.plan_guardians(school, student_plan)
        self.mentors_of.update({p.group.pk: p.mentors for p in group_plans})
        if fixed_mentor is not None:
            # The fixed mentor also coaches one student outside the group, alone.
            loner = next((p for p in plans if p.group != groups[0] and p.student.left_on is None), None)
            if loner is not None:
                self.add(Mentorship(school=school, mentor=fixed_mentor, student=loner.student))
        return plans

    def plan_student(self, school: School, plan: _GroupPlan, *, username: str | None) -> _StudentPlan:
        group = plan.group
        isk = group.track == Track.ISK
        international = isk or self.chance(0.3)
        first, last = self.person_name(international=international)
        user = self.user(first, last, username=username)
        self.role(school, user, RoleKind.STUDENT)
        # Year 1 students are about 12; some are a year older. ISK students are of any secondary-school age.
        age = self.rng.randint(12, 17) if isk else 11 + group.year_level + int(self.chance(0.15))
        born = dt.date(self.year_start.year - age, 10, 1) - dt.timedelta(days=self.rng.randint(0, 364))
        starts_on = self.year_start
        if username == "nieuwkomer" or (isk and username is None and self.chance(0.4)):
            starts_on = self.mid_year_day()
            joined_on = starts_on
        elif isk:
            joined_on = self.year_start - dt.timedelta(days=self.rng.randint(0, 300))
        else:
            joined_on = dt.date(self.year_start.year - group.year_level + 1, 8, 1)
        if username == "leerling":
            born = dt.date(self.today.year - 15, 1, 1) + dt.timedelta(days=self.rng.randint(0, 150))
            born = min(born, self.today - dt.timedelta(days=15 * 366))
        student = self.add(
            Student(
                school=school,
                user=user,
                number=self.student_number(self.rng.randint(100000, 999999)),
                date_of_birth=born,
                joined_on=joined_on,
            )
        )
        self.add(Membership(school=school, student=student, group=group, starts_on=starts_on))
        simple = isk and (username == "nieuwkomer" or self.chance(0.7))
        # The newcomer reads Koers in simple language, so the demo shows the simpler prompts.
        user.simple_language = username == "nieuwkomer"
        return _StudentPlan(student=student, group=group, international=international, simple=simple)

    def student_number(self, drawn: int) -> str:
        """The drawn leerlingnummer, moved up past numbers already given (they are unique per school)."""
        while drawn in self.numbers_given:
            drawn += 1
        self.numbers_given.add(drawn)
        return str(drawn)

    def mid_year_day(self) -> dt.date:
        """A day since the start of the school year, not today: an ISK student who came in between."""
        days = (self.today - self.year_start).days
        if days < 2:
            return self.year_start
        return self.year_start + dt.timedelta(days=self.rng.randint(max(1, days // 5), days - 1))

    def plan_moves(self, school: School, group_plans: list[_GroupPlan], plans: list[_StudentPlan]) -> None:
        """A few students changed group this year and a few left the school."""
        days = (self.today - self.year_start).days
        movable = [p for p in plans if p.student.user.username not in FIXED_USERNAMES]
        if days < 3 or len(group_plans) < 2 or len(movable) < 4:
            return
        self.rng.shuffle(movable)
        movers = movable[: max(1, len(plans) // 50)]
        leavers = movable[len(movers) : len(movers) + max(1, len(plans) // 100)]
        memberships = {m.student.user.username: m for m in self.rows[Membership] if m.school is school}
        for plan in movers:
            membership = memberships[plan.student.user.username]
            same_kind = [
                g.group
                for g in group_plans
                if g.group is not plan.group
                and (g.group.track == Track.ISK) == (plan.group.track == Track.ISK)
                and (plan.group.track == Track.ISK or g.group.year_level == plan.group.year_level)
            ]
            earlier = self.rng.choice(
                same_kind or [g.group for g in group_plans if g.group is not plan.group]
            )
            moved_on = self.year_start + dt.timedelta(days=self.rng.randint(1, days - 1))
            moved_on = max(moved_on, membership.starts_on + dt.timedelta(days=1))
            if moved_on >= self.today:
                continue
            self.add(
                Membership(
                    school=school,
                    student=plan.student,
                    group=earlier,
                    starts_on=membership.starts_on,
                    ends_on=moved_on - dt.timedelta(days=1),
                )
            )
            membership.starts_on = moved_on
        for plan in leavers:
            membership = memberships[plan.student.user.username]
            left_on = self.day_between(membership.starts_on, self.today - dt.timedelta(days=1))
            membership.ends_on = left_on
            plan.student.left_on = left_on

    def plan_guardians(self, school: School, plan: _StudentPlan) -> None:
        username = plan.student.user.username
        wanted: list[tuple[str | None, bool]]  # (fixed username or None, has authority)
        if username == "leerling":
            wanted = [("ouder", True), ("ouder2", False)]
        elif plan.group.track == Track.ISK:
            roll = self.rng.random()
            wanted = [] if roll < 0.05 else [(None, True)] if roll < 0.9 else [(None, True), (None, True)]
        else:
            wanted = [(None, True)] if self.chance(0.7) else [(None, True), (None, not self.chance(0.2))]
        student_last = plan.student.user.last_name
        for fixed, authority in wanted:
            first, last = self.person_name(international=plan.international, adult=True)
            if self.chance(0.75):
                last = student_last
            language = "en" if plan.group.track == Track.ISK and self.chance(0.3) else "nl"
            guardian = self.user(first, last, username=fixed, language=language)
            self.role(school, guardian, RoleKind.GUARDIAN)
            self.add(
                Guardianship(school=school, guardian=guardian, student=plan.student, has_authority=authority)
            )
            plan.guardians.append((guardian, authority))

    # -- the dossier ---------------------------------------------------------------------------------

    def profile_of(self, plan: _StudentPlan) -> str:
        username = plan.student.user.username
        if username == "leerling":
            return RICH
        if username == "nieuwkomer":
            return ACTIVE
        here_for = (self.today - plan.student.joined_on).days
        if here_for < 21:
            return EMPTY if self.chance(0.6) else ACTIVE
        if self.chance(0.04):
            return EMPTY
        if here_for >= 90 and self.chance(0.15):
            return QUIET
        return ACTIVE

    def fill_dossier(self, plan: _StudentPlan) -> None:
        plan.profile = self.profile_of(plan)
        if plan.profile == EMPTY:
            return
        experiences = self.plan_experiences(plan)
        self.plan_reflections(plan, experiences)
        self.plan_traits(plan, experiences)
        self.plan_compliments(plan)
        self.plan_ambition(plan)
        self.plan_contacts(plan)
        actions = self.plan_actions(plan, experiences)
        self.plan_remarks(plan, experiences, actions)
        if plan.profile == RICH:
            self.plan_audit(plan)

    def shared(self, p: float, index: int | None = None) -> bool:
        if index is not None:  # the rich dossier shares a predictable mix
            return index % 2 == 0
        return self.chance(p)

    def plan_experiences(self, plan: _StudentPlan) -> list[tuple[Experience, texts.ExperienceIdea]]:
        rng = self.rng
        student = plan.student
        rich = plan.profile == RICH
        if rich:
            ideas = [idea for idea in texts.EXPERIENCES if idea.title in RICH_EXPERIENCES]
            count = len(ideas)
        else:
            count = rng.randint(2, 6) if plan.profile == ACTIVE else rng.randint(1, 3)
            ideas = rng.sample(texts.EXPERIENCES, count)
        earliest = max(student.joined_on, self.today - dt.timedelta(days=540))
        latest = self.today - dt.timedelta(days=60) if plan.profile == QUIET else self.today
        latest = max(latest, earliest)
        days = sorted((self.day_between(earliest, latest) for _ in range(count)), reverse=True)
        if plan.profile in (ACTIVE, RICH):
            days[0] = self.day_between(max(earliest, self.today - dt.timedelta(days=30)), self.today)
        result = []
        for index, (idea, day) in enumerate(zip(ideas, days, strict=True)):
            simple = plan.simple and not rich
            workplace = rng.choice(names.WORKPLACES)
            experience = self.add(
                Experience(
                    school=student.school,
                    student=student,
                    kind=idea.kind,
                    title=idea.title,
                    happened_on=day,
                    place=idea.place.format(workplace=workplace),
                    what_i_did=rng.choice(texts.SIMPLE_WHAT_I_DID) if simple else idea.what_i_did,
                    feeling="" if self.chance(0.08) and not rich else rng.choice(idea.feelings),
                    went_well="" if simple and self.chance(0.5) else idea.went_well,
                    learned_about_me=rng.choice(texts.SIMPLE_LEARNED) if simple else idea.learned,
                    shared_with_guardians=self.shared(0.45, index if rich else None),
                    created_at=self.moment(day, later_days=rng.randint(0, 3)),
                )
            )
            if rich:
                photos = 2 if index == 0 else 1 if index == 1 else 0
            else:  # only the latest experience of some students, so that a big school stays quick to build
                photos = int(index == 0 and self.photos < MAX_PHOTOS and self.chance(self.photo_chance))
            for _ in range(photos):
                self.plan_photo(experience, idea)
            result.append((experience, idea))
        return result

    def plan_photo(self, experience: Experience, idea: texts.ExperienceIdea) -> None:
        picture_rng = random.Random(self.rng.getrandbits(32))
        data = draw_photo(scene=idea.scene, caption=experience.title, place=experience.place, rng=picture_rng)
        evidence = Evidence(
            school=experience.school,
            student=experience.student,
            experience=experience,
            kind=EvidenceKind.PHOTO,
            content_type="image/jpeg",
            size=len(data),
            original_name=f"foto-{self.photos + 1}.jpg",
            caption=experience.place,
            created_at=experience.created_at,
        )
        # Random file names (not from the seed): a rebuild never collides with files still awaiting removal.
        name = default_storage.save(evidence_path(evidence, f"{uuid.uuid4().hex}.jpg"), ContentFile(data))
        self.saved_files.append(name)
        evidence.file = name
        self.add(evidence)
        self.photos += 1

    def plan_reflections(self, plan: _StudentPlan, experiences: list[tuple[Experience, Any]]) -> None:
        rng = self.rng
        competences = list(Competence.values)
        for index, (experience, _idea) in enumerate(experiences):
            if plan.profile == RICH:
                if index >= 5:
                    continue
                chosen = [competences[(2 * index) % 6], competences[(2 * index + 1) % 6]]
            else:
                if not self.chance(0.55 if plan.profile == ACTIVE else 0.3):
                    continue
                chosen = rng.sample(competences, rng.randint(1, 2) if plan.profile == ACTIVE else 1)
            for competence in chosen:
                reflection = self.add(
                    Reflection(
                        school=experience.school,
                        student=plan.student,
                        experience=experience,
                        competence=competence,
                        shared_with_guardians=self.shared(0.25, index if plan.profile == RICH else None),
                        created_at=self.moment(experience.happened_on, later_days=rng.randint(1, 10)),
                    )
                )
                prompts = self.prompts[competence]
                if plan.profile != RICH and len(prompts) > 2:
                    prompts = prompts[: rng.randint(2, len(prompts))]
                for prompt in prompts:
                    options = texts.ANSWERS.get(prompt.key)
                    if options:
                        self.add(
                            ReflectionAnswer(
                                school=experience.school,
                                reflection=reflection,
                                prompt=prompt,
                                text=rng.choice(options),
                            )
                        )

    def plan_traits(self, plan: _StudentPlan, experiences: list[tuple[Experience, Any]]) -> None:
        rng = self.rng
        rich = plan.profile == RICH
        for kind, catalogue, wanted in (
            (TraitKind.QUALITY, self.qualities, (4, 4) if rich else (1, 4)),
            (TraitKind.MOTIVE, self.motives, (3, 3) if rich else (0, 3)),
        ):
            candidates: list[str] = []
            for _experience, idea in experiences:
                keys = idea.qualities if kind == TraitKind.QUALITY else idea.motives
                candidates += [k for k in keys if k in catalogue and k not in candidates]
            if not candidates:
                continue
            count = min(len(candidates), rng.randint(*wanted) if plan.profile != QUIET else 1)
            for key in candidates[:count] if rich else rng.sample(candidates, count):
                shown_in = [e for e, idea in experiences if key in idea.qualities + idea.motives]
                trait = self.add(
                    StudentTrait(
                        school=plan.student.school,
                        student=plan.student,
                        kind=kind,
                        trait=catalogue[key],
                        shared_with_guardians=self.chance(0.5) or rich,
                        created_at=shown_in[0].created_at if shown_in else self.moment(self.today),
                    )
                )
                self.trait_links += [(trait, experience) for experience in shown_in]
        if (rich or self.chance(0.2)) and experiences:
            own_kind, words = texts.OWN_WORDS[6] if rich else rng.choice(texts.OWN_WORDS)
            experience = experiences[0][0] if rich else rng.choice(experiences)[0]
            trait = self.add(
                StudentTrait(
                    school=plan.student.school,
                    student=plan.student,
                    kind=own_kind,
                    own_words=words,
                    created_at=experience.created_at,
                )
            )
            self.trait_links.append((trait, experience))

    def plan_compliments(self, plan: _StudentPlan) -> None:
        rng = self.rng
        school = plan.student.school
        mentors = self.mentors_of.get(plan.group.pk, [])
        givers: list[tuple[User, str]] = [(m, RoleKind.MENTOR) for m in mentors]
        givers += [(t, RoleKind.TEACHER) for t in rng.sample(self.teachers_of[school.pk], 1)]
        givers += [(g, RoleKind.GUARDIAN) for g, authority in plan.guardians if authority]
        if plan.profile == RICH:
            teachers = self.teachers_of[school.pk]  # the fixed `docent` is the first
            chosen = [
                ("persistent", givers[0]),
                ("precise", (teachers[0], RoleKind.TEACHER)),
                ("helpful", next(g for g in givers if g[1] == RoleKind.GUARDIAN)),
            ]
        else:
            keys = list(texts.COMPLIMENTS)
            chosen = [(rng.choice(keys), rng.choice(givers)) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
        for index, (key, (giver, as_role)) in enumerate(chosen):
            self.add(
                Compliment(
                    school=school,
                    student=plan.student,
                    trait=self.qualities[key],
                    message=texts.COMPLIMENTS[key],
                    given_by=giver,
                    given_as=as_role,
                    created_at=self.moment(self.today - dt.timedelta(days=rng.randint(2 + 9 * index, 90))),
                )
            )

    def plan_ambition(self, plan: _StudentPlan) -> None:
        rng = self.rng
        rich = plan.profile == RICH
        if not rich and not self.chance(0.7 if plan.profile == ACTIVE else 0.3):
            return
        idea = texts.AMBITIONS[0] if rich else rng.choice(texts.AMBITIONS)
        school = plan.student.school
        ambition = self.add(
            Ambition(
                school=school,
                student=plan.student,
                dream=idea.dream,
                why=idea.why,
                shared_with_guardians=rich or self.chance(0.6),
                created_at=self.moment(self.today - dt.timedelta(days=rng.randint(20, 200))),
            )
        )
        steps = idea.steps if rich else idea.steps[: rng.randint(2, len(idea.steps))]
        for order, text in enumerate(steps):
            done = order == 0 and (rich or self.chance(0.5))
            if done:
                due_on: dt.date | None = self.today - dt.timedelta(days=rng.randint(5, 60))
            elif self.chance(0.8):
                due_on = self.today + dt.timedelta(days=rng.randint(7, 120))
            else:
                due_on = None
            self.add(
                AmbitionStep(
                    school=school, ambition=ambition, text=text, due_on=due_on, done=done, order=order
                )
            )

    def plan_contacts(self, plan: _StudentPlan) -> None:
        rng = self.rng
        count = {RICH: 3, ACTIVE: rng.randint(0, 2), QUIET: rng.randint(0, 1)}[plan.profile]
        for index in range(count):
            first, last = self.person_name(international=plan.international and self.chance(0.6), adult=True)
            occupation, help_with = (
                texts.OCCUPATIONS[index] if plan.profile == RICH else rng.choice(texts.OCCUPATIONS)
            )
            self.add(
                Contact(
                    school=plan.student.school,
                    student=plan.student,
                    name=f"{first} {last}",
                    relation=texts.RELATIONS[index] if plan.profile == RICH else rng.choice(texts.RELATIONS),
                    occupation=occupation,
                    could_help_with=help_with,
                    contacted=index == 0 if plan.profile == RICH else self.chance(0.5),
                    shared_with_guardians=self.chance(0.2),
                    created_at=self.moment(self.today - dt.timedelta(days=rng.randint(3, 150))),
                )
            )

    def plan_actions(self, plan: _StudentPlan, experiences: list[tuple[Experience, Any]]) -> list[Action]:
        rng = self.rng
        if plan.profile == RICH:
            statuses = [("overdue", 0), ("done", 1), ("open", 2), ("open", 9)]
        else:
            count = rng.randint(1, 3) if plan.profile == ACTIVE else rng.randint(1, 2)
            overdue_chance = 0.6 if plan.profile == QUIET else 0.2
            statuses = []
            for _ in range(count):
                roll = rng.random()
                status = "done" if roll < 0.35 else "dropped" if roll < 0.42 else "open"
                if status == "open" and self.chance(overdue_chance):
                    status = "overdue"
                statuses.append((status, rng.randrange(len(texts.ACTIONS))))
        result = []
        for index, (status, template) in enumerate(statuses):
            what, who, where, done_when = texts.ACTIONS[template]
            if status in ("done", "dropped"):
                due_on = self.today - dt.timedelta(days=rng.randint(3, 90))
            elif status == "overdue":
                due_on = self.today - dt.timedelta(days=rng.randint(2, 30))
            else:
                due_on = self.today + dt.timedelta(days=rng.randint(3, 45))
            linked = experiences[index % len(experiences)][0] if experiences and self.chance(0.5) else None
            result.append(
                self.add(
                    Action(
                        school=plan.student.school,
                        student=plan.student,
                        what=what,
                        who=who,
                        due_on=due_on,
                        where_with_whom=where,
                        done_when=done_when,
                        status=ActionStatus.OPEN if status == "overdue" else status,
                        experience=linked,
                        shared_with_guardians=self.shared(0.5, index if plan.profile == RICH else None),
                        created_at=self.moment(
                            min(due_on, self.today) - dt.timedelta(days=rng.randint(7, 30))
                        ),
                    )
                )
            )
        return result

    def plan_remarks(
        self, plan: _StudentPlan, experiences: list[tuple[Experience, Any]], actions: Sequence[Action]
    ) -> None:
        rng = self.rng
        mentors = self.mentors_of.get(plan.group.pk, [])
        if not mentors or not experiences:
            return
        mentor = mentors[0]
        school = plan.student.school
        if plan.profile == RICH:
            wanted: Iterable[tuple[Experience | None, Action | None, bool]] = [
                (experiences[0][0], None, True),
                (experiences[1][0], None, False),
                (None, actions[0], False),
            ]
        elif plan.profile == ACTIVE and self.chance(0.2):
            wanted = [(rng.choice(experiences)[0], None, self.chance(0.5))]
        else:
            wanted = []
        for experience, action, answered in wanted:
            on = experience or action
            assert on is not None
            asked_at = self.moment(self.today - dt.timedelta(days=rng.randint(1, 14)))
            asked_at = max(asked_at, on.created_at)
            question = (
                texts.MENTOR_QUESTIONS[0]
                if plan.profile == RICH and experience
                else rng.choice(texts.MENTOR_QUESTIONS)
            )
            if action is not None:
                question = "Het is al na de datum. Wat heb je nodig om dit af te ronden?"
            self.add(
                Remark(
                    school=school,
                    student=plan.student,
                    experience=experience,
                    action=action,
                    author=mentor,
                    author_role=RoleKind.MENTOR,
                    text=question,
                    created_at=asked_at,
                    seen_by_student=answered,
                )
            )
            if answered:
                self.add(
                    Remark(
                        school=school,
                        student=plan.student,
                        experience=experience,
                        action=action,
                        author=plan.student.user,
                        author_role=RoleKind.STUDENT,
                        text=rng.choice(texts.STUDENT_REPLIES),
                        created_at=min(asked_at + dt.timedelta(hours=rng.randint(2, 40)), self.now),
                        seen_by_student=True,
                    )
                )

    def plan_audit(self, plan: _StudentPlan) -> None:
        """Who looked at the rich dossier lately, so the student's "who looked" page has something to show."""
        viewers = [(m, RoleKind.MENTOR) for m in self.mentors_of.get(plan.group.pk, [])[:1]] * 3
        viewers += [(self.counsellors_of[plan.student.school_id][0], RoleKind.COUNSELLOR)]
        viewers += [(g, RoleKind.GUARDIAN) for g, authority in plan.guardians if authority]
        for index, (viewer, as_role) in enumerate(viewers):
            self.add(
                AuditEntry(
                    school=plan.student.school,
                    student=plan.student,
                    actor=viewer,
                    actor_role=as_role,
                    action=AuditAction.VIEW,
                    subject="dossier",
                    at=self.now - dt.timedelta(days=2 * index + 1, hours=self.rng.randint(0, 8)),
                )
            )
