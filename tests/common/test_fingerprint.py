"""``fingerprint``: the same for the same data, different as soon as anything loaded with it differs."""

import dataclasses

from django_scopes import scopes_disabled

from koers.common.fingerprint import fingerprint
from koers.dossier.models import Ambition
from tests import factories as f


@dataclasses.dataclass
class Card:
    title: str
    count: int


def test_the_same_data_gives_the_same_fingerprint_and_other_data_another():
    assert fingerprint([Card("a", 1)], "nl") == fingerprint([Card("a", 1)], "nl")
    assert fingerprint([Card("a", 1)], "nl") != fingerprint([Card("a", 2)], "nl")
    assert fingerprint([Card("a", 1)], "nl") != fingerprint([Card("a", 1)], "en")


def test_rows_with_their_related_rows_and_prefetched_lists_count(world):
    with scopes_disabled():
        ambition = f.AmbitionFactory(student=world.student)
        step = f.AmbitionStepFactory(ambition=ambition, text="Bellen")

        def loaded() -> Ambition:
            return (
                Ambition.objects.select_related("student__user").prefetch_related("steps").get(pk=ambition.pk)
            )

        first = fingerprint(loaded())  # the steps point back at their ambition: no endless walk
        assert fingerprint(loaded()) == first

        step.text = "Mailen"
        step.save()
        assert fingerprint(loaded()) != first

        changed = fingerprint(loaded())
        world.student.user.first_name = "Anders"
        world.student.user.save()
        assert fingerprint(loaded()) != changed
