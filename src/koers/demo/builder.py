"""Builds the demo: "Het Baken" with vmbo, havo and ISK groups, and a small second school, "De Overkant".

Everything comes from ``random.Random(seed)``, so one seed always gives the same people and dossiers
(dates are relative to today). Rows are written with ``bulk_create``: 2,000 students take seconds.
A new build first removes the previous demo: its two schools, its people (recognisable by their e-mail
domain) and its uploaded files.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.conversations.models import Agreement, Conversation
from koers.demo.assignments import plan_assignments
from koers.demo.base import (  # noqa: F401  # re-exported: other demo modules type-check against these
    ACTIVE,
    DEMO_EMAIL_DOMAIN,
    EMPTY,
    FIXED_USERNAMES,
    GROUP_SIZE,
    MAX_PHOTOS,
    QUIET,
    RICH,
    BuilderBase,
    DemoError,
    _GroupPlan,
    _StudentPlan,
)
from koers.demo.careers import plan_careers
from koers.demo.choices import plan_choices
from koers.demo.conversations import plan_conversations
from koers.demo.dossiers import RICH_EXPERIENCES, DossierFiller  # noqa: F401  # RICH_EXPERIENCES: re-exported
from koers.demo.options import DEMO_PASSWORD, MIN_STUDENTS
from koers.demo.partners import plan_partners
from koers.demo.people import PeoplePlanner
from koers.demo.programme import plan_programme
from koers.demo.quality import plan_quality
from koers.dossier.models import (
    Action,
    Ambition,
    AmbitionStep,
    Compliment,
    Contact,
    Evidence,
    Experience,
    Reflection,
    ReflectionAnswer,
    Remark,
    StudentTrait,
)
from koers.lob.content_loader import load_all
from koers.schools.changes import mark_school_changed
from koers.schools.models import (
    Group,
    Guardianship,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    School,
    Student,
    User,
)

SCHOOL_NAME, SCHOOL_SLUG = "Het Baken", "het-baken"
OTHER_NAME, OTHER_SLUG = "De Overkant", "de-overkant"
# Extra schools of a region in the same database (benchmarks only: ``build_demo(regional_schools=N)``).
REGIONAL_SLUG_PREFIX = "demo-regio-"


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


class _Builder(PeoplePlanner, DossierFiller):
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
        self.programmes.update({p.student.pk: p.programme for p in plans if p.student.pk is not None})
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
