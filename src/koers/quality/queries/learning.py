"""Reads for learning wishes: a person's own (with their own conversation mirror next to the school's), and
the school's wishes counted per topic for the leader: no names and no texts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from koers.common.lookups import one_or_404
from koers.conversations.models import Conversation, ConversationStatus
from koers.conversations.queries.mirror import school_mirror, summarise
from koers.quality.domain.learning import TOPICS
from koers.quality.models import LearningWish
from koers.schools.models import Role


@dataclass
class OwnWish:
    pk: int
    label: str
    text: str


def own_wishes(role: Role) -> list[OwnWish]:
    return [
        OwnWish(wish.pk, str(TOPICS.get(wish.topic, wish.topic)), wish.text)
        for wish in LearningWish.objects.filter(school_id=role.school_id, user_id=role.user_id)
    ]


def get_own_wish_for(role: Role, pk: int) -> LearningWish:
    return one_or_404(LearningWish.objects.filter(school_id=role.school_id, user_id=role.user_id), pk=pk)


@dataclass
class MirrorSide:
    mark: str
    mine: int | None
    school: int | None


def mirror_side_by_side(role: Role) -> tuple[int, list[MirrorSide]]:
    """The share of each mark over all the conversations this person closed, next to the school's. Two
    queries for the person, three for the school."""
    mirrors = (
        Conversation.objects.filter(
            school_id=role.school_id,
            status=ConversationStatus.CLOSED,
            student__isnull=False,
            mentor_id=role.user_id,
        )
        .exclude(mirror={})
        .values_list("mirror", flat=True)
    )
    mine = summarise("", mirrors)
    _by_round, _by_level, whole = school_mirror(role)
    sides = [
        MirrorSide(
            str(own.label), own.percent if mine.count else None, school.percent if whole.count else None
        )
        for own, school in zip(mine.shares, whole.shares, strict=True)
    ]
    return mine.count, sides


def wishes_per_topic(role: Role) -> list[tuple[str, int]]:
    """How many wishes per topic (one person counts once per topic), most wanted first. One query."""
    counts = dict(
        LearningWish.objects.filter(school_id=role.school_id)
        .values("topic")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("topic", "n")
    )
    return sorted(
        ((str(label), counts[key]) for key, label in TOPICS.items() if counts.get(key)),
        key=lambda pair: -pair[1],
    )
