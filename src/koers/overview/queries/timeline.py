"""“Mijn LOB-lijn”: experiences, reflections, actions, dated ambition steps, career conversations, open days
and approved internships on one line through time.

Looking back holds what happened (experiences, reflections, finished actions and steps, conversations that
were held, internships that are over); looking ahead holds what is still to do (open actions, also overdue
ones, open steps with a date, planned conversations, internships going on or to come). A competence filter
keeps reflections on that competence, experiences with such a reflection and actions linked to those
experiences. Every read is one query (plus one prefetch), whatever the size of the dossier."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import pgettext_lazy

from koers.careers.models import OpenDayVisit
from koers.choices.models import Choice
from koers.choices.queries.moments import confirmers_needed
from koers.conversations.models import Conversation, ConversationStatus
from koers.dossier.models import Action, ActionStatus, Ambition, AmbitionStep, Experience, Reflection
from koers.dossier.queries.overview import Visibility, shared_only, visibility_for
from koers.lob.vocabulary import (
    Competence,
    ExperienceKind,
    competence_pictogram,
    feeling_pictogram,
    kind_pictogram,
)
from koers.partners.models import Internship
from koers.partners.queries.internships import approved_internships
from koers.schools.models import Role, Student


class Direction(enum.StrEnum):
    ALL = "alles"
    BACK = "terug"
    AHEAD = "vooruit"


class EntryKind(enum.StrEnum):
    EXPERIENCE = "experience"
    REFLECTION = "reflection"
    ACTION = "action"
    STEP = "step"
    CONVERSATION = "conversation"
    OPEN_DAY = "open_day"
    CHOICE = "choice"
    INTERNSHIP = "internship"


ENTRY_LABELS = {
    EntryKind.EXPERIENCE: pgettext_lazy("timeline", "Ervaring"),
    EntryKind.REFLECTION: pgettext_lazy("timeline", "Reflectie"),
    EntryKind.ACTION: pgettext_lazy("timeline", "Actiepunt"),
    EntryKind.STEP: pgettext_lazy("timeline", "Stap naar mijn droom"),
    EntryKind.CONVERSATION: pgettext_lazy("timeline", "Loopbaangesprek"),
    EntryKind.OPEN_DAY: pgettext_lazy("timeline", "Open dag"),
    EntryKind.CHOICE: pgettext_lazy("timeline", "Bevestigde keuze"),
    EntryKind.INTERNSHIP: pgettext_lazy("timeline", "Stage"),
}


@dataclass
class TimelineEntry:
    kind: EntryKind
    day: dt.date
    title: str
    icon: str  # the name of a pictogram
    item: Experience | Reflection | Action | AmbitionStep | Conversation | OpenDayVisit | Choice | Internship
    detail: str = ""
    detail_icon: str = ""  # a pictogram before the detail (the feeling's face)
    competences: list[str] = field(default_factory=list)
    overdue: bool = False
    finished: bool = False

    @property
    def label(self) -> str:
        return str(ENTRY_LABELS[self.kind])


@dataclass
class Timeline:
    student: Student
    visibility: Visibility
    competence: str | None
    direction: Direction
    past: list[TimelineEntry] = field(default_factory=list)
    future: list[TimelineEntry] = field(default_factory=list)

    @property
    def show_past(self) -> bool:
        return self.direction in (Direction.ALL, Direction.BACK)

    @property
    def show_future(self) -> bool:
        return self.direction in (Direction.ALL, Direction.AHEAD)


def parse_competence(value: str | None) -> str | None:
    return value if value in Competence.values else None


def parse_direction(value: str | None) -> Direction:
    try:
        return Direction(value or Direction.ALL)
    except ValueError:
        return Direction.ALL


def build_timeline(
    *,
    role: Role,
    student: Student,
    competence: str | None = None,
    direction: Direction = Direction.ALL,
    today: dt.date | None = None,
) -> Timeline:
    today = today or timezone.localdate()
    visibility = visibility_for(role, student)
    line = Timeline(student=student, visibility=visibility, competence=competence, direction=direction)
    if visibility is Visibility.NONE:
        return line

    reflections = shared_only(Reflection.objects.filter(student=student), visibility)
    if visibility is Visibility.SHARED:
        # A shared reflection on an experience the student kept private would leak that experience.
        reflections = reflections.filter(experience__shared_with_guardians=True)
    if competence:
        reflections = reflections.filter(competence=competence)

    entries: list[TimelineEntry] = []

    experiences = shared_only(Experience.objects.filter(student=student), visibility)
    if competence:
        experiences = experiences.filter(Exists(reflections.filter(experience_id=OuterRef("pk"))))
    experiences = experiences.prefetch_related(
        Prefetch("reflections", queryset=reflections.order_by("competence"), to_attr="visible_reflections")
    )
    for e in experiences:
        entries.append(
            TimelineEntry(
                kind=EntryKind.EXPERIENCE,
                day=e.happened_on,
                title=e.title,
                icon=kind_pictogram(e.kind),
                item=e,
                detail=e.get_feeling_display() if e.feeling else "",
                detail_icon=feeling_pictogram(e.feeling) if e.feeling else "",
                competences=[r.get_competence_display() for r in e.visible_reflections],
            )
        )

    for r in reflections.select_related("experience"):
        entries.append(
            TimelineEntry(
                kind=EntryKind.REFLECTION,
                day=timezone.localtime(r.created_at).date(),
                title=r.experience.title,
                icon=competence_pictogram(r.competence),
                item=r,
                competences=[r.get_competence_display()],
            )
        )

    actions = shared_only(Action.objects.filter(student=student), visibility).select_related("experience")
    if competence:
        actions = actions.filter(Exists(reflections.filter(experience_id=OuterRef("experience_id"))))
    for a in actions:
        entries.append(
            TimelineEntry(
                kind=EntryKind.ACTION,
                day=a.due_on,
                title=a.what,
                icon={"done": "status.done", "dropped": "status.dropped"}.get(a.status, "thing.action_item"),
                item=a,
                detail=a.get_status_display(),
                overdue=a.is_overdue(today),
                finished=a.status != ActionStatus.OPEN,
            )
        )

    if not competence:
        # Steps towards a dream carry no competence, so they only show on the unfiltered line.
        ambitions = shared_only(Ambition.objects.filter(student=student), visibility)
        steps = AmbitionStep.objects.filter(ambition__in=ambitions, due_on__isnull=False).select_related(
            "ambition"
        )
        for s in steps:
            assert s.due_on is not None  # filtered above; tells the type checker
            entries.append(
                TimelineEntry(
                    kind=EntryKind.STEP,
                    day=s.due_on,
                    title=s.text,
                    icon="status.done" if s.done else "thing.step",
                    item=s,
                    detail=s.ambition.dream,
                    overdue=not s.done and s.due_on < today,
                    finished=s.done,
                )
            )

        # Conversations, like steps, carry no single competence. A guardian sees that a conversation took
        # place; what was said only when it was shared.
        conversations = (
            Conversation.objects.filter(student=student)
            .exclude(status=ConversationStatus.CANCELLED)
            .select_related("type")
        )
        for c in conversations:
            held = c.status == ConversationStatus.CLOSED
            show_summary = visibility is Visibility.FULL or c.shared_with_guardians
            entries.append(
                TimelineEntry(
                    kind=EntryKind.CONVERSATION,
                    day=timezone.localtime(c.scheduled_at).date(),
                    title=c.type.local_name,
                    icon="thing.conversation" if held else "thing.calendar",
                    item=c,
                    detail=Truncator(c.summary).words(25)
                    if held and show_summary and c.summary
                    else c.get_status_display(),
                    finished=held,
                )
            )

        # Open days the student goes to (careers): shared with guardians unless the student said otherwise.
        visits = OpenDayVisit.objects.filter(student=student).select_related("open_day")
        if visibility is not Visibility.FULL:
            visits = visits.filter(shared_with_guardians=True)
        for v in visits:
            entries.append(
                TimelineEntry(
                    kind=EntryKind.OPEN_DAY,
                    day=v.open_day.date,
                    title=f"{v.open_day.get_kind_display()}: {v.open_day.institution}",
                    icon="activity.open_day",
                    item=v,
                    detail=v.open_day.place,
                    finished=bool(v.reflection),
                )
            )

        # Confirmed choices (choices): every confirmation the moment asks for is given; dated by the last one.
        # Guardians who see the dossier read the student's choices anyway (choices:child).
        for choice in (
            Choice.objects.filter(student=student, confirmations__isnull=False)
            .distinct()
            .select_related("moment")
            .prefetch_related("confirmations")
        ):
            confirmations = list(choice.confirmations.all())
            given = {c.confirmer for c in confirmations}
            if not set(confirmers_needed(choice.moment, student, today)) <= given:
                continue
            entries.append(
                TimelineEntry(
                    kind=EntryKind.CHOICE,
                    day=timezone.localtime(max(c.at for c in confirmations)).date(),
                    title=f"{choice.moment.title}: {choice.chosen}",
                    icon="status.done",
                    item=choice,
                    detail=Truncator(choice.why).words(25),
                    finished=True,
                )
            )

        # Approved internships (partners): a school matter the guardians were told of, so every reader of the
        # line sees them; the experience the student writes afterwards follows the dossier's sharing.
        for i in approved_internships(student):
            place = i.place
            entries.append(
                TimelineEntry(
                    kind=EntryKind.INTERNSHIP,
                    day=place.starts_on,
                    title=f"{place.partner.name}: {place.title}",
                    icon=kind_pictogram(ExperienceKind.INTERNSHIP),
                    item=i,
                    detail="\u2009\u2013\u2009".join(
                        formats.date_format(day) for day in (place.starts_on, place.ends_on)
                    ),
                    finished=place.ends_on < today,
                )
            )

    for entry in entries:
        if entry.kind in (EntryKind.ACTION, EntryKind.STEP, EntryKind.CONVERSATION, EntryKind.INTERNSHIP):
            ahead = not entry.finished
        else:
            ahead = entry.day > today
        (line.future if ahead else line.past).append(entry)
    line.past.sort(key=lambda e: (e.day, e.kind != EntryKind.EXPERIENCE), reverse=True)
    line.future.sort(key=lambda e: (e.day, e.kind))
    return line
