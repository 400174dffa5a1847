"""The law as product rules: who decides about a student's dossier and about consent.

- Until 16, parents with parental authority (gezag) decide: they see what the student shares and give or
  withdraw consent for photos and voice notes.
- From the 16th birthday the student decides: they may hide the whole dossier from guardians (the programme
  and planned conversations stay visible), and only their own consent decisions count; until they have
  decided, the guardian's earlier decision stands and the student is asked.
- A guardian without parental authority gets information only: never dossier items, never a consent vote.

Every function takes the day it judges, so the boundary (the 16th birthday) is tested exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from koers.schools.models import Consent, ConsentPurpose, Guardianship, RoleKind, Student

AGE_OF_DECISION = 16


def birthday_in(born: dt.date, year: int) -> dt.date:
    """The birthday in ``year``; someone born on 29 February has it on 1 March in other years."""
    try:
        return born.replace(year=year)
    except ValueError:
        return dt.date(year, 3, 1)


def decides_from(student: Student) -> dt.date | None:
    """The day the student starts deciding for themself (their 16th birthday), if the birth date is known."""
    if student.date_of_birth is None:
        return None
    return birthday_in(student.date_of_birth, student.date_of_birth.year + AGE_OF_DECISION)


def decides_for_self(student: Student, day: dt.date | None = None) -> bool:
    """Whether the student decides about their own dossier on ``day``. Without a known birth date the school
    has not told Koers the student is 16, so guardians with authority keep deciding."""
    start = decides_from(student)
    return start is not None and (day or timezone.localdate()) >= start


def youngest_birth_date_deciding(day: dt.date | None = None) -> dt.date:
    """Students born on or before this date are 16 or older on ``day`` (the same rule, for queries)."""
    day = day or timezone.localdate()
    try:
        return day.replace(year=day.year - AGE_OF_DECISION)
    except ValueError:  # 29 February, sixteen years back is a common year
        return dt.date(day.year - AGE_OF_DECISION, 2, 28)


def dossier_hidden(student: Student, day: dt.date | None = None) -> bool:
    return student.dossier_hidden_from_guardians and decides_for_self(student, day)


def guardian_sees_dossier(
    guardianship: Guardianship | None, student: Student, day: dt.date | None = None
) -> bool:
    """Shared dossier items are for a guardian with parental authority, unless a student of 16 or older has
    hidden the dossier."""
    if guardianship is None or not guardianship.decides:
        return False
    return not dossier_hidden(student, day)


def hidden_dossier_q(day: dt.date | None = None, prefix: str = "student__") -> Q:
    """Rows about students whose dossier is hidden from guardians on ``day``: the rule above, in SQL."""
    return Q(
        **{
            f"{prefix}dossier_hidden_from_guardians": True,
            f"{prefix}date_of_birth__lte": youngest_birth_date_deciding(day),
        }
    )


# --- consent for photos and voice notes ---


@dataclass(frozen=True)
class ConsentState:
    purpose: str
    granted: bool | None  # None: nobody with a say has decided yet
    decided: Consent | None
    ask_student: bool  # 16 or older and has not decided themself yet

    @property
    def allows(self) -> bool:
        """Photos or voice notes may be added unless the decision that counts is a refusal."""
        return self.granted is not False


def consent_states(
    student: Student, decisions: list[Consent], day: dt.date | None = None
) -> dict[str, ConsentState]:
    """Per purpose, the decision that counts. ``decisions`` are the student's Consent rows that may count (the
    student's own, and those of guardians with authority), newest first."""
    self_deciding = decides_for_self(student, day)
    states = {}
    for purpose in ConsentPurpose.values:
        mine = [d for d in decisions if d.purpose == purpose]
        by_student = next((d for d in mine if d.decided_as == RoleKind.STUDENT), None)
        by_guardian = next((d for d in mine if d.decided_as == RoleKind.GUARDIAN), None)
        counts = by_student if self_deciding and by_student is not None else by_guardian
        states[purpose] = ConsentState(
            purpose=purpose,
            granted=None if counts is None else counts.granted,
            decided=counts,
            ask_student=self_deciding and by_student is None,
        )
    return states


def consent_states_for(student: Student, day: dt.date | None = None) -> dict[str, ConsentState]:
    """The states from the database: one query. Guardians' decisions only count while they have authority."""
    authorised = Guardianship.objects.filter(student=student, has_authority=True).values("guardian_id")
    decisions = list(
        Consent.objects.filter(student=student)
        .filter(Q(decided_as=RoleKind.STUDENT) | Q(decided_as=RoleKind.GUARDIAN, decided_by__in=authorised))
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
    )
    return consent_states(student, decisions, day)


def may_decide_consent(
    role_kind: str, *, is_the_student: bool, has_authority: bool, student: Student, day: dt.date | None = None
) -> bool:
    """Until 16: a guardian with authority; from 16: the student themself."""
    if decides_for_self(student, day):
        return role_kind == RoleKind.STUDENT and is_the_student
    return role_kind == RoleKind.GUARDIAN and has_authority


# Which consent a stored file needs, by the kind the upload checks found (common.uploads.UploadKind values).
PURPOSE_OF_UPLOAD = {
    "image": ConsentPurpose.PHOTOS,
    "video": ConsentPurpose.PHOTOS,
    "audio": ConsentPurpose.VOICE,
}


NO_CONSENT_MESSAGES = {
    ConsentPurpose.PHOTOS: _lazy("Er is geen toestemming voor foto's en video's in dit dossier."),
    ConsentPurpose.VOICE: _lazy(
        "Er is geen toestemming voor spraakberichten in dit dossier; typ je antwoord."
    ),
}


def refuse_without_consent(student: Student, kinds: list[str], field: str | None = None) -> None:
    """Raise a ValidationError (for ``field``, if named) when a file of one of these kinds may not be kept
    because the decision that counts refused or withdrew consent for it."""
    purposes = {PURPOSE_OF_UPLOAD[kind] for kind in kinds if kind in PURPOSE_OF_UPLOAD}
    if not purposes:
        return
    states = consent_states_for(student)
    for purpose in sorted(purposes):
        if not states[purpose].allows:
            message = NO_CONSENT_MESSAGES[purpose]
            raise ValidationError({field: message} if field else message, code="no_consent")
