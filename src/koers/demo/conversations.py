"""Career conversations in the demo: the shipped types, a round per year level, and for the students of a few
groups (the fixed mentor's group first) one conversation that was held and one that is planned.

A held conversation has what a real one leaves behind: notes per phase, tagged qualities, motives and
occupations, a summary, agreements for the student and sometimes for the mentor or a guardian (each a dossier
action), the student's evaluation and its mirror. Not every conversation is a model one, so the mirrors
differ. Rows are written with ``bulk_create``; only the mirrors are derived one conversation at a time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from koers.conversations.mirror import refresh_mirror
from koers.conversations.models import (
    Agreement,
    Conversation,
    ConversationRound,
    ConversationStatus,
    ConversationTag,
    ConversationType,
    Party,
    PhaseNote,
    Preparation,
    TagKind,
)
from koers.demo import texts
from koers.demo.about import About, pronouns_for, stage_of
from koers.dossier.models import Action, ActionStatus, Doer, Experience, StudentTrait
from koers.lob.vocabulary import Phase, TraitKind
from koers.schools.models import Group, RoleKind, School, SchoolYear, Track

if TYPE_CHECKING:
    from koers.demo.builder import _Builder, _StudentPlan

# Groups whose students have conversations: enough to fill the mentor's and the counsellor's pages, few enough
# that a school of 2,000 students still builds in seconds.
CONVERSATION_GROUPS = 6
ROUND_STARTED_DAYS_AGO = 45
ROUND_ENDS_IN_DAYS = 30


def type_key_for(group: Group) -> str:
    """Which conversation fits the year: getting to know each other, choosing a profile, an internship."""
    if group.track == Track.ISK or group.year_level == 1:
        return "kennismaking"
    if group.year_level == 2:
        return "profielkeuze"
    if group.year_level == 3:
        return "stage"
    return "vervolgopleiding"


def in_christmas_holiday(day: dt.date) -> bool:
    """The Christmas holiday as Dutch schools take it: from 20 December up to and including 4 January."""
    return (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 4)


def school_day(day: dt.date, *, later: bool) -> dt.date:
    """``day`` moved to a weekday outside the Christmas holiday: forward for a planned conversation, back for
    one already held (so a held one stays in the past and a planned one in the future)."""
    step = dt.timedelta(days=1 if later else -1)
    while day.weekday() >= 5 or in_christmas_holiday(day):
        day += step
    return day


class ConversationPlanner:
    def __init__(self, builder: _Builder, school: School):
        self.b = builder
        self.school = school
        self.types = {t.key: t for t in ConversationType.objects.filter(school=school)}
        self.held: list[Conversation] = []
        self.invited: list[tuple[Conversation, Any]] = []  # (driegesprek, guardian)
        self.experiences: dict[int, list[Experience]] = defaultdict(list)
        for experience in builder.rows.get(Experience, []):
            self.experiences[id(experience.student)].append(experience)
        self.traits: dict[int, list[StudentTrait]] = defaultdict(list)
        for trait in builder.rows.get(StudentTrait, []):
            if trait.trait_id is not None:
                self.traits[id(trait.student)].append(trait)

    def type_for(self, key: str) -> ConversationType:
        return self.types.get(key) or next(iter(self.types.values()))

    def at(self, day: dt.date) -> dt.datetime:
        """A slot in school hours on the school day nearest ``day``: a quarter between 8:30 and 15:45."""
        day = school_day(day, later=day > self.b.today)
        minutes = 8 * 60 + 30 + 15 * self.b.rng.randint(0, 29)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60)))

    # -- rounds ----------------------------------------------------------------------------------------

    def plan_rounds(self, year: SchoolYear, levels: list[int]) -> dict[int, ConversationRound]:
        today = self.b.today
        rounds = {
            level: ConversationRound(
                school=self.school,
                school_year=year,
                year_level=level,
                name=f"Gespreksronde leerjaar {level}",
                starts_on=today - dt.timedelta(days=ROUND_STARTED_DAYS_AGO),
                ends_on=today + dt.timedelta(days=ROUND_ENDS_IN_DAYS),
            )
            for level in levels
        }
        ConversationRound.objects.bulk_create(rounds.values())
        one_to_one = [t for t in self.types.values() if not t.is_group]
        through = ConversationRound.types.through
        through.objects.bulk_create(
            [
                through(conversationround_id=r.pk, conversationtype_id=t.pk)
                for r in rounds.values()
                for t in one_to_one
            ]
        )
        return rounds

    # -- conversations ---------------------------------------------------------------------------------

    def plan_student(self, plan: _StudentPlan, mentor: Any, round_: ConversationRound | None) -> None:
        b, rng = self.b, self.b.rng
        student = plan.student
        rich = student.user.username == "leerling"
        about = About(
            pronouns=pronouns_for(student.user.first_name),
            programme=plan.programme,
            stage=stage_of(plan.group.track, plan.group.year_level),
        )
        kind = self.type_for(type_key_for(plan.group))
        held_on = b.today - dt.timedelta(days=rng.randint(8, ROUND_STARTED_DAYS_AGO - 5))
        # How good this conversation was: the fixed student's is a model one, the others vary.
        quality = 1.0 if rich else rng.choice((0.4, 0.6, 0.8, 1.0))
        shared = rich or b.chance(0.5)
        held = b.add(
            Conversation(
                school=self.school,
                type=kind,
                round=round_,
                student=student,
                mentor=mentor,
                scheduled_at=self.at(held_on),
                place=f"Lokaal {rng.randint(1, 40)}",
                status=ConversationStatus.CLOSED,
                goal=about.write(rng.choice(texts.CONVERSATION_NOTES["goal"])),
                summary=texts.CONVERSATION_SUMMARIES[0] if rich else rng.choice(texts.CONVERSATION_SUMMARIES),
                next_topics=rng.choice(texts.CONVERSATION_NEXT_TOPICS),
                shared_with_guardians=shared,
                evaluation_useful=3 if rich else rng.choice((1, 2, 3, 3)),
                evaluation_room=3 if rich else rng.choice((1, 2, 3, 3)),
                evaluation_comment=rng.choice(texts.EVALUATION_COMMENTS),
                mentor_reflection=rng.choice(texts.MENTOR_REFLECTIONS),
                created_at=self.at(held_on - dt.timedelta(days=14)),
                closed_at=self.at(held_on),
            )
        )
        self.held.append(held)
        experiences = self.experiences.get(id(student), [])
        brought = experiences[0] if experiences and (rich or b.chance(quality)) else None
        if brought is not None or b.chance(0.5):
            b.add(
                Preparation(
                    school=self.school,
                    conversation=held,
                    author=student.user,
                    author_role=RoleKind.STUDENT,
                    talk_about=rng.choice(texts.PREPARATION_TALK_ABOUT),
                    hope_to_get=rng.choice(texts.PREPARATION_HOPE),
                    experience=brought,
                )
            )
        self.plan_notes(held, brought, about, quality=quality, rich=rich)
        self.plan_tags(held, student, quality=quality, rich=rich)
        self.plan_agreements(held, plan, held_on, quality=quality, rich=rich)

        # The next one, in the coming weeks; for the fixed student a driegesprek with the guardian.
        next_kind = self.type_for("driegesprek") if rich else kind
        upcoming = b.add(
            Conversation(
                school=self.school,
                type=next_kind,
                round=round_,
                student=student,
                mentor=mentor,
                scheduled_at=self.at(b.today + dt.timedelta(days=rng.randint(3, ROUND_ENDS_IN_DAYS - 5))),
                place=f"Lokaal {rng.randint(1, 40)}",
                goal=held.next_topics,
                created_at=b.now,
            )
        )
        if next_kind.with_guardians:
            self.invited += [(upcoming, g) for g, authority in plan.guardians if authority]

    def plan_notes(
        self, held: Conversation, brought: Experience | None, about: About, *, quality: float, rich: bool
    ) -> None:
        b = self.b
        for phase in Phase:
            if not rich and phase != Phase.CLOSING and not b.chance(quality):
                continue
            template = b.rng.choice(texts.CONVERSATION_NOTES.get(phase.value, ("",)))
            text = about.write(template, experience=f"„{brought.title}”" if brought else "een bijbaan")
            if text:
                b.add(PhaseNote(school=self.school, conversation=held, phase=phase.value, text=text))

    def plan_tags(self, held: Conversation, student: Any, *, quality: float, rich: bool) -> None:
        b = self.b
        claimed = self.traits.get(id(student), [])
        for kind in (TraitKind.QUALITY, TraitKind.MOTIVE):
            options = [t for t in claimed if t.kind == kind]
            if options and (rich or b.chance(quality)):
                b.add(
                    ConversationTag(school=self.school, conversation=held, kind=kind, trait=options[0].trait)
                )
        if rich or b.chance(quality * 0.7):
            occupation, _help = texts.OCCUPATIONS[0] if rich else b.rng.choice(texts.OCCUPATIONS)
            b.add(
                ConversationTag(
                    school=self.school, conversation=held, kind=TagKind.OCCUPATION, text=occupation
                )
            )

    def plan_agreements(
        self, held: Conversation, plan: _StudentPlan, held_on: dt.date, *, quality: float, rich: bool
    ) -> None:
        b, rng = self.b, self.b.rng
        student = plan.student
        what, _who, where, done_when = texts.ACTIONS[0] if rich else rng.choice(texts.ACTIONS)
        due_on = held_on + dt.timedelta(days=rng.randint(7, 35))
        parties: list[tuple[str, str, dict[str, Any], str, str]] = [
            # A vague agreement (no "how do we know") is what the mirror is there to show.
            (
                Party.STUDENT,
                what,
                {"doer": Doer.SELF, "who": ""},
                where,
                done_when if b.chance(quality) or rich else "",
            )
        ]
        if rich or b.chance(0.4):
            mentor_what, mentor_done = rng.choice(texts.MENTOR_AGREEMENTS)
            mentor = {"doer": Doer.MENTOR, "doer_user": held.mentor, "who": held.mentor.get_full_name()}
            parties.append((Party.MENTOR, mentor_what, mentor, "", mentor_done))
        if plan.guardians and (rich or b.chance(0.2)):
            guardian_what, guardian_done = rng.choice(texts.GUARDIAN_AGREEMENTS)
            guardian = {"doer": Doer.GUARDIAN, "who": ""}
            parties.append((Party.GUARDIAN, guardian_what, guardian, "thuis", guardian_done))
        for party, text, doer, where_with_whom, done in parties:
            party_due = due_on if party == Party.STUDENT else due_on - dt.timedelta(days=3)
            finished = party_due < b.today and b.chance(0.6)
            action = b.add(
                Action(
                    school=self.school,
                    student=student,
                    what=text,
                    **doer,
                    due_on=party_due,
                    where_with_whom=where_with_whom,
                    done_when=done,
                    status=ActionStatus.DONE if finished else ActionStatus.OPEN,
                    shared_with_guardians=held.shared_with_guardians,
                    created_at=held.closed_at or b.now,
                )
            )
            b.add(Agreement(school=self.school, conversation=held, action=action, party=party))

    def save(self) -> None:
        b = self.b
        b.save_all(Conversation)
        through = Conversation.guardians.through
        through.objects.bulk_create([through(conversation_id=c.pk, user_id=g.pk) for c, g in self.invited])
        # The builder saved the dossier's own actions already; the agreements' actions come now, before the
        # agreements that point at them.
        Action.objects.bulk_create([a for a in b.rows.get(Action, []) if a.pk is None], batch_size=500)
        b.save_all(Preparation, PhaseNote, ConversationTag, Agreement)
        for conversation in self.held:
            refresh_mirror(conversation)


def plan_conversations(builder: _Builder, school: School, plans: list[_StudentPlan]) -> int:
    """Plan and save the demo conversations of ``school``; returns how many there are."""
    planner = ConversationPlanner(builder, school)
    groups = [g for g in builder.rows[Group] if g.school_id == school.pk]
    year = groups[0].school_year
    rounds = planner.plan_rounds(year, sorted({g.year_level for g in groups}))
    with_conversations = {g.pk for g in groups[:CONVERSATION_GROUPS]}
    for plan in plans:
        if plan.group.pk not in with_conversations or plan.student.left_on is not None:
            continue
        mentors = builder.mentors_of.get(plan.group.pk, [])
        if not mentors:
            continue
        planner.plan_student(plan, mentors[0], rounds.get(plan.group.year_level))
    planner.save()
    return builder.count(Conversation)
