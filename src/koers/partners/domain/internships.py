"""Writes about internships: students' wishes, the mentor's matching (proposal, changes by hand, approval),
who agreed to the agreement, the student's log, the mentor's visits, the reflection afterwards that puts the
internship in the dossier, and the class presentation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.choices.allocation import assign, rank_cost
from koers.common.uploads import CheckedUpload, UploadKind, delete_files_on_commit, files_removed_on_error
from koers.conversations.models import Conversation
from koers.dossier.domain.experiences import record_experience
from koers.dossier.models import Evidence, EvidenceKind, Experience
from koers.lob.vocabulary import ExperienceKind
from koers.notifications.domain import notify
from koers.notifications.queries import roles_by_user
from koers.notifications.registry import New
from koers.partners.models import (
    AgreementSignature,
    ClassPresentation,
    FeedbackKind,
    Internship,
    InternshipPlace,
    InternshipStatus,
    LogDay,
    Party,
    PlaceWish,
    Visit,
)
from koers.partners.queries.internships import group_students, open_places
from koers.partners.rules import (
    can_choose_places,
    can_follow_internship,
    can_keep_log,
    can_match_group,
)
from koers.schools.models import Group, Guardianship, Role, RoleKind, Student

MAX_WISHES = 3
REASON_MAX = 600


# --- wishes ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WishInput:
    place_id: int
    reason: str = ""
    voice: CheckedUpload | None = None


def choose_places(*, by: Role, student: Student, wishes: Sequence[WishInput]) -> list[PlaceWish]:
    """Replace the student's wishes by these (first is most wanted). At most three different open places, each
    with a reason in words or a voice note; not once the student has an approved internship to come."""
    require(by, can_choose_places, student)
    if by.user_id != student.user_id:
        raise PermissionDenied
    if len(wishes) > MAX_WISHES:
        raise ValidationError(_("Kies hoogstens drie plekken."))
    if not wishes:
        raise ValidationError(_("Kies minstens één plek."))
    ids = [w.place_id for w in wishes]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Kies elke plek maar één keer."))
    places = {p.pk: p for p in open_places(student.school_id).filter(pk__in=ids)}
    if len(places) != len(ids):
        raise Http404
    errors = {}
    for number, wish in enumerate(wishes, start=1):
        if len(wish.reason.strip()) > REASON_MAX:
            errors[f"reason_{number}"] = _("Houd het kort: hoogstens %(max)d tekens.") % {"max": REASON_MAX}
        elif not wish.reason.strip() and wish.voice is None:
            errors[f"reason_{number}"] = _(
                "Zeg in een paar woorden waarom je deze plek wilt, of spreek het in."
            )
        if wish.voice is not None and wish.voice.kind != UploadKind.AUDIO:
            errors[f"voice_{number}"] = _("Een spraakbericht moet een geluidsopname zijn.")
        problem = age_problem(student, places[wish.place_id])
        if problem:
            errors[f"place_{number}"] = problem
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    if Internship.objects.filter(
        student=student, status=InternshipStatus.APPROVED, place__ends_on__gte=today
    ).exists():
        raise ValidationError(
            _("Je stageplek is al goedgekeurd. Wil je iets veranderen? Vraag het je mentor.")
        )
    with files_removed_on_error() as files, transaction.atomic():
        old = list(PlaceWish.objects.filter(student=student))
        delete_files_on_commit(*(w.voice for w in old if w.voice))
        PlaceWish.objects.filter(student=student).delete()
        made = []
        for rank, wish in enumerate(wishes, start=1):
            item = PlaceWish(
                school_id=student.school_id,
                student=student,
                place_id=wish.place_id,
                rank=rank,
                reason=wish.reason.strip(),
            )
            if wish.voice is not None:
                files.save(item.voice, wish.voice)
                item.voice_content_type = wish.voice.content_type
            item.save()
            made.append(item)
    return made


def age_problem(student: Student, place: InternshipPlace) -> str:
    """A message when the student is younger on the first day than the place allows; unknown age passes."""
    if not place.minimum_age:
        return ""
    age = student.age_on(place.starts_on)
    if age is not None and age < place.minimum_age:
        return _("Voor deze plek moet je op de eerste dag minstens %(age)d jaar zijn.") % {
            "age": place.minimum_age
        }
    return ""


# --- matching -------------------------------------------------------------------------------------------


def _taken(place_ids: list[int]) -> dict[int, int]:
    rows = Internship.objects.filter(place_id__in=place_ids).values("place_id").annotate(n=Count("pk"))
    return {row["place_id"]: row["n"] for row in rows}


@transaction.atomic
def propose_matches(*, by: Role, group: Group, day: dt.date | None = None) -> int:
    """Give every student of the group without a place a proposed internship at one of their wishes, never
    over a place's capacity or under its minimum age. The choices area's allocation engine decides: as many
    students placed as possible, then the worst-served student first (one student moved up from a third to a
    second wish outweighs several from a second to a first), then as many first wishes as possible. Returns
    how many were proposed. Proposals stay proposals until the mentor approves them."""
    require(by, can_match_group, group)
    day = day or timezone.localdate()
    # Lock the open places first (PostgreSQL refuses FOR UPDATE beside the count's GROUP BY), then read them.
    list(
        InternshipPlace.objects.select_for_update()
        .filter(school_id=group.school_id, open=True, ends_on__gte=day)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    places = {p.pk: p for p in open_places(group.school_id, day)}
    taken = _taken(list(places))
    students = {
        s.pk: s
        for s in group_students(group, day)
        .exclude(internships__place__ends_on__gte=day)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    }
    options: dict[int, list[tuple[int, int]]] = {pk: [] for pk in students}
    rank_at: dict[tuple[int, int], int] = {}
    for wish in PlaceWish.objects.filter(student_id__in=list(students)).order_by("rank"):
        place = places.get(wish.place_id)
        if place is None or age_problem(students[wish.student_id], place):
            continue
        options[wish.student_id].append((place.pk, rank_cost(wish.rank)))
        rank_at[wish.student_id, place.pk] = wish.rank
    seats = {pk: place.capacity - taken.get(pk, 0) for pk, place in places.items()}
    made = [
        Internship(
            school_id=group.school_id,
            student_id=student_id,
            place_id=place_id,
            wish_rank=rank_at[student_id, place_id],
            proposed_by_id=by.user_id,
        )
        for student_id, chosen in assign(seats, options).items()
        for place_id in chosen
    ]
    Internship.objects.bulk_create(made)
    return len(made)


@transaction.atomic
def assign_place(*, by: Role, group: Group, student: Student, place: InternshipPlace) -> Internship:
    """Put a student of the group at a place by hand (replacing a proposal). Refused when the place is full
    or the student too young."""
    require(by, can_match_group, group)
    if not group_students(group).filter(pk=student.pk).exists():
        raise Http404
    locked = (
        InternshipPlace.objects.select_for_update().filter(pk=place.pk, school_id=group.school_id).first()
    )
    if locked is None:
        raise Http404
    place = locked
    today = timezone.localdate()
    current = Internship.objects.filter(student=student, place__ends_on__gte=today).first()
    if current is not None and current.status == InternshipStatus.APPROVED:
        raise ValidationError({"place": _("Deze stage is al goedgekeurd; trek de goedkeuring eerst in.")})
    if current is not None and current.place_id == place.pk:
        return current
    if Internship.objects.filter(place=place).count() >= place.capacity:
        raise ValidationError(
            {
                "place": _("Deze plek is vol: er kunnen %(n)d leerlingen en die zijn er al.")
                % {"n": place.capacity}
            }
        )
    problem = age_problem(student, place)
    if problem:
        raise ValidationError({"place": problem})
    if current is not None:
        current.delete()
    wish = PlaceWish.objects.filter(student=student, place=place).first()
    return Internship.objects.create(
        school_id=group.school_id,
        student=student,
        place=place,
        wish_rank=wish.rank if wish else None,
        proposed_by_id=by.user_id,
    )


@transaction.atomic
def withdraw(*, by: Role, internship: Internship) -> None:
    """Take a proposal back, or an approval (the student gets no place for now)."""
    require(by, can_follow_internship, internship.student)
    if internship.log.exists() or internship.feedback.exists():
        raise ValidationError(_("Deze stage heeft al een logboek of feedback en blijft daarom staan."))
    internship.delete()


def approve(*, by: Role, group: Group, internships: Sequence[Internship] | None = None) -> int:
    """Approve the group's proposals (or the ones given) and tell each student and their guardians. A
    conditional update: approving twice at once approves once and tells once."""
    require(by, can_match_group, group)
    students = group_students(group)
    with transaction.atomic():
        proposed = Internship.objects.filter(student__in=students, status=InternshipStatus.PROPOSED)
        if internships is not None:
            proposed = proposed.filter(pk__in=[i.pk for i in internships])
        ids = list(proposed.values_list("pk", flat=True))
        now = timezone.now()
        won = Internship.objects.filter(pk__in=ids, status=InternshipStatus.PROPOSED).update(
            status=InternshipStatus.APPROVED, approved_by_id=by.user_id, approved_at=now
        )
        if won:
            _tell_approved(group, ids)
    return won


def _tell_approved(group: Group, ids: list[int]) -> None:
    approved = list(Internship.objects.filter(pk__in=ids).select_related("student__user", "place__partner"))
    students = {i.student.user_id: i for i in approved}
    student_roles = roles_by_user(group.school, RoleKind.STUDENT, students)
    links = list(Guardianship.objects.filter(student__in=[i.student for i in approved]))
    guardian_roles = roles_by_user(group.school, RoleKind.GUARDIAN, {g.guardian_id for g in links})
    items = []
    for user_id, internship in students.items():
        params = {
            "internship": internship.pk,
            "partner": internship.place.partner.name,
            "day": internship.place.starts_on.isoformat(),
            "child": internship.student.name,
        }
        if user_id in student_roles:
            items.append(
                New(
                    student_roles[user_id],
                    "internship_approved",
                    params,
                    key=f"internship-approved:{internship.pk}",
                )
            )
        for link in links:
            if link.student_id == internship.student_id and link.guardian_id in guardian_roles:
                items.append(
                    New(
                        guardian_roles[link.guardian_id],
                        "internship_approved_guardian",
                        params,
                        key=f"internship-approved:{internship.pk}",
                    )
                )
    notify(school_id=group.school_id, items=items)


# --- the agreement --------------------------------------------------------------------------------------


@transaction.atomic
def record_signature(
    *, by: Role, internship: Internship, party: str, name: str, agreed_on: dt.date
) -> AgreementSignature:
    """Record that one party agreed (on paper or in person): who, when, and who wrote it down."""
    require(by, can_follow_internship, internship.student)
    if not internship.approved:
        raise ValidationError(_("Keur de stage eerst goed; dan pas kan er een overeenkomst getekend worden."))
    if party not in Party.values:
        raise ValidationError({"party": _("Kies wie er akkoord gaf.")})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Vul de naam in van wie er akkoord gaf.")})
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": _("Dat is een dag in de toekomst.")})
    signature, _created = AgreementSignature.objects.update_or_create(
        internship=internship,
        party=party,
        defaults={
            "school_id": internship.school_id,
            "name": name,
            "agreed_on": agreed_on,
            "recorded_by_id": by.user_id,
            "recorded_at": timezone.now(),
        },
    )
    return signature


# --- the log and visits ---------------------------------------------------------------------------------


def log_day(
    *,
    by: Role,
    internship: Internship,
    day: dt.date,
    hours: Decimal,
    what: str,
    photo: CheckedUpload | None = None,
) -> LogDay:
    """Add (or change) one day of the student's log."""
    require(by, can_keep_log, internship)
    errors = {}
    if not internship.approved:
        raise ValidationError(_("Je stage is nog niet goedgekeurd. Daarna kun je je logboek bijhouden."))
    place = internship.place
    if not place.starts_on <= day <= min(place.ends_on, timezone.localdate()):
        errors["day"] = _("Kies een dag van je stage, en niet later dan vandaag.")
    if hours is None or not Decimal("0") < hours <= Decimal("24"):
        errors["hours"] = _("Vul het aantal uren in: meer dan 0 en hoogstens 24.")
    what = (what or "").strip()
    if not what:
        errors["what"] = _("Schrijf kort op wat je deed.")
    if photo is not None and photo.kind != UploadKind.IMAGE:
        errors["photo"] = _("Dit is geen foto.")
    if errors:
        raise ValidationError(errors)
    with files_removed_on_error() as files, transaction.atomic():
        entry = LogDay.objects.filter(internship=internship, day=day).first() or LogDay(
            school_id=internship.school_id, internship=internship, day=day
        )
        entry.hours = hours
        entry.what = what
        if photo is not None:
            if entry.photo:
                delete_files_on_commit(entry.photo)
            files.save(entry.photo, photo)
            entry.photo_content_type = photo.content_type
        entry.save()
    return entry


@transaction.atomic
def record_visit(*, by: Role, internship: Internship, on: dt.date, notes: str) -> Visit:
    require(by, can_follow_internship, internship.student)
    if by.kind not in (RoleKind.MENTOR, RoleKind.COUNSELLOR):
        raise PermissionDenied
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": _("Schrijf kort op wat je zag en hoorde.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("Een bezoek leg je vast als het geweest is.")})
    return Visit.objects.create(
        school_id=internship.school_id, internship=internship, on=on, by_id=by.user_id, notes=notes
    )


# --- afterwards -----------------------------------------------------------------------------------------


def feedback_text(internship: Internship) -> str:
    """The supervisor's feedback as a few lines for the dossier."""
    lines = []
    for item in internship.feedback.order_by("given_at"):
        label = _("Eindbeoordeling") if item.kind == FeedbackKind.FINAL else _("Feedback")
        lines.append(f"{label} ({item.supervisor_name}): {item.text}")
    return "\n".join(lines)


def reflect_afterwards(
    *,
    by: Role,
    internship: Internship,
    what_i_did: str,
    went_well: str,
    learned_about_me: str,
    feeling: str = "",
    share_feedback: bool = False,
) -> Internship:
    """The student puts the internship in the dossier as an experience (kind Stage), with the supervisor's
    feedback when they choose to share it. Reflecting per competence then goes on in the dossier."""
    require(by, can_keep_log, internship)
    if not internship.approved:
        raise ValidationError(_("Je stage is nog niet goedgekeurd."))
    if internship.place.starts_on > timezone.localdate():
        raise ValidationError(_("Je stage is nog niet begonnen."))
    if internship.experience_id is not None:
        raise ValidationError(_("Je stage staat al in je dossier."))
    place = internship.place
    well = (went_well or "").strip()
    if share_feedback:
        shared = feedback_text(internship)
        if shared:
            well = f"{well}\n\n{shared}".strip()
    with transaction.atomic():
        experience = record_experience(
            student=internship.student,
            by=by,
            kind=ExperienceKind.INTERNSHIP,
            title=(_("Stage: %(title)s") % {"title": place.title})[:120],
            happened_on=min(place.ends_on, timezone.localdate()),
            place=place.partner.name,
            what_i_did=what_i_did,
            feeling=feeling,
            went_well=well,
            learned_about_me=learned_about_me,
        )
        internship.experience = experience
        internship.feedback_shared = share_feedback
        internship.save(update_fields=["experience", "feedback_shared"])
        presentation = ClassPresentation.objects.filter(internship=internship).first()
        if presentation is not None and presentation.photo:
            _photo_to_dossier(presentation, experience)
    return internship


def _photo_to_dossier(presentation: ClassPresentation, experience: Experience) -> None:
    with presentation.photo.open("rb") as handle:
        evidence = Evidence(
            school_id=presentation.school_id,
            student_id=presentation.internship.student_id,
            experience=experience,
            kind=EvidenceKind.PHOTO,
            content_type=presentation.photo_content_type,
            size=presentation.photo.size,
            caption=_("Mijn presentatie in de klas"),
        )
        evidence.file.save(presentation.photo.name.rsplit("/", 1)[-1], handle, save=False)
        evidence.save()


def record_presentation(
    *,
    by: Role,
    internship: Internship,
    presented_on: dt.date,
    class_said: str,
    photo: CheckedUpload | None = None,
    conversation: Conversation | None = None,
) -> ClassPresentation:
    """The mentor notes that the student presented in class, what the class said back, and a photo, which
    goes into the student's dossier with the internship's experience (now, or when the student makes it).
    ``conversation`` is the group session it happened in (``domain.presentations``)."""
    require(by, can_follow_internship, internship.student)
    if by.kind not in (RoleKind.MENTOR, RoleKind.COUNSELLOR):
        raise PermissionDenied
    if not internship.approved:
        raise ValidationError(_("Deze stage is niet goedgekeurd."))
    if presented_on > timezone.localdate():
        raise ValidationError({"presented_on": _("Leg een presentatie vast als die geweest is.")})
    if photo is not None and photo.kind != UploadKind.IMAGE:
        raise ValidationError({"photo": _("Dit is geen foto.")})
    with files_removed_on_error() as files, transaction.atomic():
        found = ClassPresentation.objects.filter(internship=internship).first() or ClassPresentation(
            school_id=internship.school_id, internship=internship
        )
        found.presented_on = presented_on
        found.class_said = (class_said or "").strip()
        found.recorded_by_id = by.user_id
        if conversation is not None:
            found.conversation = conversation
        if photo is not None:
            if found.photo:
                delete_files_on_commit(found.photo)
            files.save(found.photo, photo)
            found.photo_content_type = photo.content_type
        found.save()
        if photo is not None and internship.experience is not None:
            _photo_to_dossier(found, internship.experience)
    return found
