"""Assignments in the demo: the shipped bank, a few assignments given to the fixed mentor's group and to the
newcomer's group (preparation and reflection of their activities, and one standalone assignment), and the
students' work on them: some finished (in their dossier, as the domain would put it there), some busy, some
not started. The newcomer joined after the first assignment was given, so she has something to catch up on.

Rows are written with ``bulk_create``; everything comes from the builder's seeded random generator.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from koers.dossier.models import Experience, Reflection, ReflectionAnswer
from koers.lob.vocabulary import Competence, ExperienceKind
from koers.programme.models import Activity, Assignment, AssignmentWork, GivenAssignment, Purpose, WorkStatus
from koers.schools.models import Group, Membership, Mentorship, School, User

if TYPE_CHECKING:
    from koers.demo.builder import _Builder

ANSWERS = (
    "Ik wil zien hoe ze daar samenwerken.",
    "Mijn oom is monteur. Hij vindt het fijn dat hij met zijn handen werkt.",
    "Het leukste was dat we zelf iets mochten maken.",
    "Ik had niet gedacht dat er zoveel verschillende banen zijn.",
    "Ik wil vragen hoe lang de opleiding duurt.",
    "Het was druk, maar de mensen waren aardig.",
)
PREPARATION_KEYS = {"company_visit": "bedrijfsbezoek-voorbereiden", "open_day": "open-dag-wat-vertelt-het"}
REFLECTION_KEYS = {"company_visit": "terugblik-bedrijfsbezoek", "internship": "stage-terugblik"}


class AssignmentPlanner:
    def __init__(self, builder: _Builder, school: School):
        self.b = builder
        self.school = school
        self.bank = {a.key: a for a in Assignment.objects.filter(school=school)}
        self.counsellor = builder.counsellors_of[school.pk][0]
        self.given: list[tuple[GivenAssignment, Group]] = []

    def give(
        self,
        group: Group,
        key: str,
        *,
        given_on: dt.date,
        due_on: dt.date,
        by: User,
        purpose: str = Purpose.STANDALONE,
        activity: Activity | None = None,
    ) -> None:
        assignment = self.bank.get(key)
        if assignment is None:
            return
        given = GivenAssignment(
            school=self.school,
            assignment=assignment,
            activity=activity,
            purpose=purpose,
            given_on=given_on,
            due_on=max(due_on, given_on),
            given_by=by,
        )
        self.given.append((given, group))

    def plan_group(self, group: Group, activities: list[Activity], joined: dt.date | None) -> None:
        b = self.b
        mentors = b.mentors_of.get(group.pk) or [self.counsellor]
        year_start = group.school_year.starts_on
        first_day = max(year_start, (joined or b.today) - dt.timedelta(days=10))
        self.give(
            group,
            "werk-in-je-familie",
            given_on=first_day,
            due_on=first_day + dt.timedelta(days=21),
            by=mentors[0],
        )
        cell = [a for a in activities if a.track == group.track and a.year_level == group.year_level]
        past = [a for a in cell if a.starts_on <= b.today and a.has_reflection]
        coming = [a for a in cell if a.starts_on > b.today and a.has_preparation]
        if past:
            done = past[-1]
            key = REFLECTION_KEYS.get(done.type.key, "project-mijn-rol")
            given_on = max(year_start, min(done.starts_on, b.today))
            self.give(
                group,
                key,
                given_on=given_on,
                due_on=given_on + dt.timedelta(days=14),
                by=self.counsellor,
                purpose=Purpose.REFLECTION,
                activity=done,
            )
        if coming:
            next_one = coming[0]
            key = PREPARATION_KEYS.get(next_one.type.key, "mijn-volgende-stap")
            self.give(
                group,
                key,
                given_on=b.today - dt.timedelta(days=3),
                due_on=next_one.starts_on,
                by=self.counsellor,
                purpose=Purpose.PREPARATION,
                activity=next_one,
            )

    def save(self) -> int:
        GivenAssignment.objects.bulk_create([g for g, _ in self.given])
        through = GivenAssignment.groups.through
        through.objects.bulk_create(
            [through(givenassignment_id=g.pk, group_id=group.pk) for g, group in self.given]
        )
        return len(self.given)

    def plan_work(self, members: dict[int, list[Membership]], skip: set[int]) -> None:
        b, rng = self.b, self.b.rng
        work: list[AssignmentWork] = []
        finished: list[tuple[AssignmentWork, Experience, GivenAssignment]] = []
        for given, group in self.given:
            for membership in members.get(group.pk, []):
                student = membership.student
                if student.pk in skip or membership.starts_on > given.given_on:
                    continue
                roll = rng.random()
                if roll > 0.75:
                    continue
                answers = {str(i): rng.choice(ANSWERS) for i in range(len(given.assignment.questions))}
                row = AssignmentWork(school=self.school, given=given, student=student, answers=answers)
                work.append(row)
                if roll < 0.5 and given.given_on < b.today:
                    row.status = WorkStatus.FINISHED
                    day = min(b.today, given.given_on + dt.timedelta(days=rng.randint(1, 10)))
                    row.finished_at = b.moment(day)
                    activity = given.activity
                    title = activity.title if given.purpose == Purpose.REFLECTION and activity else None
                    experience = Experience(
                        school=self.school,
                        student=student,
                        kind=ExperienceKind.LOB_ACTIVITY,
                        title=(title or given.assignment.title)[:120],
                        happened_on=day,
                        what_i_did="" if title else "\n\n".join(answers.values()),
                        activity=activity,
                        created_at=row.finished_at,
                    )
                    finished.append((row, experience, given))
        Experience.objects.bulk_create([e for _, e, _ in finished], batch_size=500)
        reflections = []
        answers_rows = []
        for row, experience, given in finished:
            row.experience = experience
            if given.purpose != Purpose.REFLECTION:
                continue
            competence = next(
                (c for c in given.assignment.competences if b.prompts.get(c)), str(Competence.QUALITIES)
            )
            prompts = b.prompts.get(competence) or []
            if not prompts:
                continue
            reflection = Reflection(
                school=self.school, student=experience.student, experience=experience, competence=competence
            )
            reflections.append((row, reflection))
            text = "\n\n".join(row.answers.values()) or given.assignment.title
            answers_rows.append(
                (reflection, ReflectionAnswer(school=self.school, prompt=prompts[0], text=text))
            )
        Reflection.objects.bulk_create([r for _, r in reflections])
        for row, reflection in reflections:
            row.reflection = reflection
        for reflection, answer in answers_rows:
            answer.reflection = reflection
        ReflectionAnswer.objects.bulk_create([a for _, a in answers_rows])
        AssignmentWork.objects.bulk_create(work, batch_size=500)


def plan_assignments(builder: _Builder, school: School) -> int:
    """Give a few assignments in ``school`` and let students work on them; returns how many were given."""
    groups = [g for g in builder.rows.get(Group, []) if g.school_id == school.pk]
    if not groups:
        return 0
    year = groups[0].school_year
    planner = AssignmentPlanner(builder, school)
    memberships = [
        m for m in builder.rows.get(Membership, []) if m.school_id == school.pk and m.ends_on is None
    ]
    newcomer = next((m for m in memberships if m.student.user.username == "nieuwkomer"), None)
    fixed = [
        m.group
        for m in builder.rows.get(Mentorship, [])
        if m.school_id == school.pk and m.group is not None and m.mentor.username == "mentor"
    ]
    chosen = list(dict.fromkeys([*fixed, *([newcomer.group] if newcomer else [])]))[:4]
    activities = sorted(
        (
            a
            for a in builder.rows.get(Activity, [])
            if a.school_id == school.pk and a.school_year_id == year.pk
        ),
        key=lambda a: a.starts_on,
    )
    for group in chosen:
        joined = newcomer.starts_on if newcomer and newcomer.group == group else None
        planner.plan_group(group, activities, joined)
    count = planner.save()
    members: dict[int, list[Membership]] = {}
    for m in memberships:
        members.setdefault(m.group_id, []).append(m)
    planner.plan_work(members, skip={newcomer.student.pk} if newcomer else set())
    return count
