"""Who decides about the dossier: hiding it from guardians (the student, from 16) and consent for photos and
voice notes (a guardian with parental authority until 16, then the student). The law itself is
``schools/family_rules.py``; ``dossier/rules.py`` turns it into the rules these verbs check."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.dossier.rules import can_decide_consent, can_hide_dossier
from koers.schools.family_rules import decides_for_self
from koers.schools.models import Consent, ConsentPurpose, Role, Student


@leaves_trace
def hide_dossier_from_guardians(*, by: Role, student: Student, hidden: bool) -> Student:
    """A student of 16 or older decides whether guardians see their dossier (schools/family_rules.py)."""
    require(by, can_hide_dossier, student)
    if not decides_for_self(student):
        raise ValidationError(
            _("Tot je zestiende beslissen je ouders of verzorgers mee; daarna kies je dit zelf."),
            code="too_young",
        )
    student.dossier_hidden_from_guardians = hidden
    with transaction.atomic():
        student.save(update_fields=["dossier_hidden_from_guardians"])
        record_change(by=by, student=student, change="dossier.hidden" if hidden else "dossier.shown")
    return student


@leaves_trace
@transaction.atomic
def decide_consent(*, by: Role, student: Student, purpose: str, granted: bool) -> Consent:
    """Give, refuse or withdraw consent for one purpose. Until 16 a guardian with parental authority decides,
    from 16 the student; every decision is kept."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("Onbekend doel voor toestemming."), code="unknown_purpose")
    require(by, can_decide_consent, student)
    consent = Consent.objects.create(
        school_id=student.school_id,
        student=student,
        purpose=purpose,
        granted=granted,
        decided_by_id=by.user_id,
        decided_as=by.kind,
    )
    record_change(by=by, student=student, change="consent.decided")
    return consent
