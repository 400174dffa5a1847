"""The demo's people: groups, students (with their programme), moves between groups and guardians."""

from __future__ import annotations

import datetime as dt

from koers.demo.about import programme_for
from koers.demo.base import FIXED_USERNAMES, GROUP_SIZE, BuilderBase, _GroupPlan, _StudentPlan
from koers.schools.models import (
    Group,
    Guardianship,
    Membership,
    Mentorship,
    RoleKind,
    School,
    SchoolYear,
    Student,
    Track,
    User,
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


class PeoplePlanner(BuilderBase):
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
        return _StudentPlan(
            student=student,
            group=group,
            international=international,
            simple=simple,
            programme=programme_for(user.username, group.track, self.seed),
        )

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
