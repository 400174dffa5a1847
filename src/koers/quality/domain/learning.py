"""What a member of staff wants to learn about career guidance: a topic from a short list and one line in
their own words. Each person sees and removes only their own; the leader sees them counted per topic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.access.gate import require
from koers.quality.models import LearningWish
from koers.quality.rules import can_wish_to_learn
from koers.schools.models import Role

TOPICS = {
    "conversations": gettext_lazy("Loopbaangesprekken voeren"),
    "reflection": gettext_lazy("Leerlingen laten reflecteren"),
    "guardians": gettext_lazy("Ouders en verzorgers betrekken"),
    "world_of_work": gettext_lazy("Kennis van beroepen en vervolgopleidingen"),
    "programme": gettext_lazy("LOB-activiteiten ontwerpen"),
    "equal_chances": gettext_lazy("Gelijke kansen en advies zonder vooroordelen"),
    "other": gettext_lazy("Iets anders"),
}
TEXT_MAX = 300


@transaction.atomic
def wish_to_learn(*, by: Role, topic: str, text: str = "") -> LearningWish:
    require(by, can_wish_to_learn)
    if topic not in TOPICS:
        raise ValidationError({"topic": _("Kies een onderwerp.")})
    text = (text or "").strip()
    if topic == "other" and not text:
        raise ValidationError({"text": _("Schrijf op wat je wilt leren.")})
    return LearningWish.objects.create(
        school_id=by.school_id, user_id=by.user_id, topic=topic, text=text[:TEXT_MAX]
    )


@transaction.atomic
def remove_wish(*, by: Role, wish: LearningWish) -> None:
    if wish.user_id != by.user_id or wish.school_id != by.school_id:
        raise PermissionDenied
    wish.delete()
