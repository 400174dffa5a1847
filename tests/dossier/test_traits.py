"""Qualities and motives: from the catalogue as pictogram tiles or in the student's own words."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.dossier.domain.traits import claim_trait
from koers.dossier.models import StudentTrait
from koers.lob.models import Trait
from koers.pictograms.catalogue import drawing
from tests import factories as f
from tests.dossier.portfolio_helpers import role_of

NEW = reverse("dossier:trait_new")


def catalogue(kind: str = "quality", n: int = 0) -> Trait:
    return Trait.objects.filter(kind=kind).order_by("order")[n]


def claimed_by(student) -> list[StudentTrait]:
    with scopes_disabled():
        return list(StudentTrait.objects.filter(student=student).select_related("trait"))


def test_trait_form_shows_the_catalogue_as_tiles_with_words(login, world):
    trait = catalogue()

    body = login("student").get(NEW).content.decode()

    assert 'class="picto-choice"' in body
    tile = f'sprite.svg#{drawing(trait.icon).id}"/></svg> <span>{trait.name}</span>'
    assert tile in body


def test_trait_form_for_motives_shows_motives_only(login, world):
    body = login("student").get(NEW + "?soort=motief").content.decode()

    assert catalogue("motive").name in body
    assert catalogue("quality").name not in body


def test_claiming_a_catalogue_quality_links_the_chosen_experiences(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student)
    trait = catalogue()

    response = login("student").post(NEW, {"trait": trait.pk, "experiences": [experience.pk]})

    assert response.status_code == 302
    [claimed] = claimed_by(world.student)
    assert (claimed.trait, claimed.kind) == (trait, "quality")
    with scopes_disabled():
        assert list(claimed.experiences.all()) == [experience]


def test_claiming_a_motive_in_own_words(login, world):
    login("student").post(NEW + "?soort=motief", {"own_words": "Ik wil mensen beter maken"})

    [claimed] = claimed_by(world.student)
    assert (claimed.kind, claimed.trait, claimed.own_words) == ("motive", None, "Ik wil mensen beter maken")


def test_claiming_nothing_explains_what_to_do_next_to_the_field(login, world):
    response = login("student").post(NEW, {"own_words": "   "})

    assert response.status_code == 200
    assert "eigen woorden" in str(response.context["form"].errors["trait"])
    assert claimed_by(world.student) == []


def test_claiming_the_same_catalogue_trait_twice_gets_a_clear_message(login, world):
    trait = catalogue()
    client = login("student")
    client.post(NEW, {"trait": trait.pk})

    response = client.post(NEW, {"trait": trait.pk, "own_words": "nog een keer"})

    assert "staat al in je dossier" in str(response.context["form"].errors["trait"])
    assert response.context["form"]["own_words"].value() == "nog een keer"
    assert len(claimed_by(world.student)) == 1


def test_claiming_with_an_experience_of_a_classmate_is_refused(login, world):
    with scopes_disabled():
        theirs = f.ExperienceFactory(student=world.classmate)

    response = login("student").post(NEW, {"trait": catalogue().pk, "experiences": [theirs.pk]})

    assert "experiences" in response.context["form"].errors
    assert claimed_by(world.student) == []


def test_claim_trait_refuses_a_quality_on_the_motive_list(in_school, world):
    with pytest.raises(ValidationError) as error:
        claim_trait(
            student=world.student, by=role_of(world.student), kind="motive", trait=catalogue("quality")
        )

    assert "trait" in error.value.message_dict


def test_claim_trait_refuses_someone_else(in_school, world):
    with pytest.raises(PermissionDenied):
        claim_trait(student=world.student, by=role_of(world.classmate), kind="quality", own_words="sterk")


def test_claim_trait_takes_the_school_default_for_sharing(in_school, world):
    world.school.guardian_sharing_defaults = {"trait": True}
    world.school.save()

    claimed = claim_trait(
        student=world.student, by=role_of(world.student), kind="quality", own_words="geduldig"
    )

    assert claimed.shared_with_guardians is True


def test_editing_a_trait_relinks_experiences(login, world):
    with scopes_disabled():
        old = f.ExperienceFactory(student=world.student)
        new = f.ExperienceFactory(student=world.student)
        claimed = f.StudentTraitFactory(student=world.student)
        claimed.experiences.add(old)

    login("student").post(reverse("dossier:trait_edit", args=[claimed.pk]), {"experiences": [new.pk]})

    with scopes_disabled():
        assert list(claimed.experiences.all()) == [new]


def test_unclaiming_removes_the_trait(login, world):
    with scopes_disabled():
        claimed = f.StudentTraitFactory(student=world.student)

    login("student").post(reverse("dossier:trait_delete", args=[claimed.pk]))

    assert claimed_by(world.student) == []


@pytest.mark.parametrize("persona", ["classmate", "mentor", "guardian", "outsider"])
def test_someone_elses_trait_is_a_404(login, world, persona):
    with scopes_disabled():
        claimed = f.StudentTraitFactory(student=world.student)

    edit = login(persona).post(reverse("dossier:trait_edit", args=[claimed.pk]), {"own_words": "gekaapt"})
    delete = login(persona).post(reverse("dossier:trait_delete", args=[claimed.pk]))

    assert (edit.status_code, delete.status_code) == (404, 404)
    assert len(claimed_by(world.student)) == 1


def test_overview_shows_the_experiences_that_show_a_trait(login, world):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Bakkerij")
        claimed = f.StudentTraitFactory(student=world.student)
        claimed.experiences.add(experience)

    body = login("student").get(reverse("dossier:home")).content.decode()

    assert "Liet ik zien bij:" in body
    assert reverse("dossier:experience", args=[experience.pk]) in body
