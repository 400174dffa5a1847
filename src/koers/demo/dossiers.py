"""The demo's dossiers: experiences with photos, reflections, qualities, compliments, ambitions, network,
action points, remarks and the access log, per student profile (rich, active, quiet, empty)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from koers.access.models import AuditAction, AuditEntry
from koers.demo import names, texts
from koers.demo.base import ACTIVE, EMPTY, QUIET, RICH, BuilderBase, _StudentPlan
from koers.demo.photos import draw_photo
from koers.dossier.models import (
    Action,
    ActionStatus,
    Ambition,
    AmbitionStep,
    Compliment,
    Contact,
    Doer,
    Evidence,
    EvidenceKind,
    Experience,
    Reflection,
    ReflectionAnswer,
    Remark,
    StudentTrait,
    evidence_path,
)
from koers.lob.vocabulary import Competence, TraitKind
from koers.schools.models import (
    RoleKind,
    User,
)

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


class DossierFiller(BuilderBase):
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
                photos = int(index == 0 and self.photos < self.max_photos and self.chance(self.photo_chance))
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
            mentors = self.mentors_of.get(plan.group.pk, [])
            if who == "ik":
                doer: dict[str, Any] = {"doer": Doer.SELF, "who": ""}
            elif "mentor" in who and mentors:  # "ik en mijn mentor": the mentor is linked and told
                doer = {"doer": Doer.MENTOR, "doer_user": mentors[0], "who": mentors[0].get_full_name()}
            else:
                doer = {"doer": Doer.OTHER, "who": who}
            result.append(
                self.add(
                    Action(
                        school=plan.student.school,
                        student=plan.student,
                        what=what,
                        **doer,
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
