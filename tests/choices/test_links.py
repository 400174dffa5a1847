"""What a student links to the reasons for a choice: reflections, qualities and motives, occupations and
programmes (favourites first), interest-test results, and the reasons spoken as a voice note. The mentor, the
guardian (only what is shared, in their language) and the transfer dossier show the links; someone else's
items are refused with nothing saved; the pages cost a fixed number of queries."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.careers.models import Favourite, InterestResult
from koers.choices.domain.choosing import make_choice
from koers.choices.models import Choice
from koers.schools.models import Role
from koers.transfer.models import TransferExport, TransferStatus
from tests import factories as f
from tests.careers import factories as cf
from tests.choices.helpers import make_choice as given_choice
from tests.choices.helpers import make_moment


def role_of(world, persona: str) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.users[persona], school=world.school)


def supports(world, *, shared: bool = True) -> dict:
    """A reflection, a quality, an occupation and a programme (both favourites), and a test result."""
    with scopes_disabled():
        experience = f.ExperienceFactory(
            student=world.student, title="Snuffelstage bij de thuiszorg", shared_with_guardians=shared
        )
        reflection = f.ReflectionFactory(experience=experience, shared_with_guardians=shared)
        trait = f.StudentTraitFactory(student=world.student, shared_with_guardians=shared)
        cf.OccupationFactory(texts={"nl": "Bakker", "en": "Baker"}, order=1)
        occupation = cf.OccupationFactory(texts={"nl": "Verpleegkundige", "en": "Nurse"}, order=9)
        programme = cf.ProgrammeFactory(texts={"nl": "Verzorgende IG", "en": "Carer"})
        Favourite.objects.create(school=world.school, student=world.student, occupation=occupation)
        Favourite.objects.create(school=world.school, student=world.student, programme=programme)
        result = InterestResult.objects.create(
            school=world.school, student=world.student, scores={"care": 8}, shared_with_guardians=shared
        )
    return {
        "reflection": reflection,
        "trait": trait,
        "occupation": occupation,
        "programme": programme,
        "result": result,
    }


def test_student_links_reflections_qualities_occupations_programmes_and_a_test_result(world, login):
    moment = make_moment(world.group)
    items = supports(world)
    client = login("student")

    form = client.get(reverse("choices:choose", args=[moment.pk])).content.decode()
    response = client.post(
        reverse("choices:choose", args=[moment.pk]),
        {
            "chosen": "Zorg en welzijn",
            "why": "Ik help graag mensen.",
            "reflections": [items["reflection"].pk],
            "traits": [items["trait"].pk],
            "occupations": [items["occupation"].pk],
            "linked_programmes": [items["programme"].pk],
            "interest_results": [items["result"].pk],
        },
    )

    assert response.status_code == 302
    # the favourite comes first, before the catalogue's own order
    assert form.index("Verpleegkundige (favoriet)") < form.index("Bakker")
    with scopes_disabled():
        choice = Choice.objects.get()
        assert list(choice.reflections.all()) == [items["reflection"]]
        assert list(choice.traits.all()) == [items["trait"]]
        assert list(choice.occupations.all()) == [items["occupation"]]
        assert list(choice.linked_programmes.all()) == [items["programme"]]
        assert list(choice.interest_results.all()) == [items["result"]]
    page = login("mentor").get(reverse("choices:student", args=[world.student.pk])).content.decode()
    assert "Snuffelstage bij de thuiszorg" in page  # the reflection's experience
    assert "behulpzaam" in page
    assert "Verpleegkundige" in page and "Verzorgende IG" in page


def test_someone_elses_reflection_is_refused_and_nothing_is_saved(world, in_school):
    moment = make_moment(world.group)
    others = f.ReflectionFactory(experience=f.ExperienceFactory(student=world.classmate))

    with pytest.raises(ValidationError) as refused:
        make_choice(
            by=role_of(world, "student"),
            student=world.student,
            moment=moment,
            chosen="Zorg",
            why="Mensen helpen",
            reflections=[others],
        )

    assert "reflections" in refused.value.error_dict
    assert not Choice.objects.exists()


def test_another_schools_occupation_is_refused(world, in_school):
    moment = make_moment(world.group)
    elsewhere = cf.OccupationFactory(school=f.SchoolFactory())

    with pytest.raises(ValidationError) as refused:
        make_choice(
            by=role_of(world, "student"),
            student=world.student,
            moment=moment,
            chosen="Zorg",
            occupations=[elsewhere],
        )

    assert "occupations" in refused.value.error_dict
    assert not Choice.objects.exists()


def _linked_choice(world, items: dict) -> Choice:
    choice = given_choice(make_moment(world.group), world.student)
    with scopes_disabled():
        choice.reflections.set([items["reflection"]])
        choice.traits.set([items["trait"]])
        choice.occupations.set([items["occupation"]])
        choice.interest_results.set([items["result"]])
    return choice


def test_guardian_reads_the_shared_links_in_arabic(world, login):
    _linked_choice(world, supports(world, shared=True))
    with scopes_disabled():
        world.users["guardian"].preferred_language = "ar"
        world.users["guardian"].save()

    page = login("guardian").get(reverse("choices:child", args=[world.student.pk])).content.decode()

    assert 'lang="ar"' in page
    assert "Snuffelstage bij de thuiszorg" in page
    assert "Verpleegkundige" in page


def test_guardian_does_not_see_links_the_student_did_not_share(world, login):
    _linked_choice(world, supports(world, shared=False))

    page = login("guardian").get(reverse("choices:child", args=[world.student.pk])).content.decode()

    assert "Zorg en welzijn" in page  # the choice itself
    assert "Snuffelstage bij de thuiszorg" not in page
    assert "behulpzaam" not in page


def test_reasons_spoken_as_a_voice_note_argue_the_choice_and_play_for_the_mentor(world, login):
    moment = make_moment(world.group)
    client = login("student")

    response = client.post(
        reverse("choices:choose", args=[moment.pk]), {"chosen": "Zorg en welzijn", "voice": f.sample_webm()}
    )

    assert response.status_code == 302
    with scopes_disabled():
        choice = Choice.objects.get()
        before = AuditEntry.objects.filter(student=world.student).count()
    assert choice.is_argued and choice.voice_content_type == "audio/webm"
    url = reverse("choices:voice", args=[choice.pk])
    assert url in login("mentor").get(reverse("choices:student", args=[world.student.pk])).content.decode()
    assert login("mentor").get(url).status_code == 200
    with scopes_disabled():
        assert AuditEntry.objects.filter(student=world.student).count() > before
    assert login("classmate").get(url).status_code == 404
    assert login("outsider").get(url).status_code == 404


def test_without_consent_for_voice_notes_the_spoken_reasons_are_refused(world, login):
    moment = make_moment(world.group)
    login("guardian").post(
        reverse("dossier:guardian_family", args=[world.student.pk]), {"purpose": "voice", "granted": "0"}
    )

    response = login("student").post(
        reverse("choices:choose", args=[moment.pk]),
        {"chosen": "Zorg en welzijn", "why": "Mensen helpen", "voice": f.sample_webm()},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "geen toestemming voor spraakberichten" in html
    assert "Mensen helpen" in html  # the typed reasons stay
    with scopes_disabled():
        assert not Choice.objects.exists()


def test_a_new_recording_takes_away_the_confirmations(world, login):
    moment = make_moment(world.group, guardian_confirms=False)
    client = login("student")
    client.post(reverse("choices:choose", args=[moment.pk]), {"chosen": "Zorg", "voice": f.sample_webm()})
    with scopes_disabled():
        choice = Choice.objects.get()
    login("mentor").post(reverse("choices:confirm", args=[choice.pk]))
    with scopes_disabled():
        assert choice.confirmations.count() == 1

    response = login("student").post(
        reverse("choices:choose", args=[moment.pk]), {"chosen": "Zorg", "voice": f.sample_ogg()}
    )

    assert response.status_code == 302, response.content.decode()

    with scopes_disabled():
        assert choice.confirmations.count() == 0


def test_the_transfer_dossier_holds_the_links(world, login):
    choice = _linked_choice(world, supports(world))
    with scopes_disabled():
        choice.confirmations.create(school=world.school, confirmer="mentor", by=world.users["mentor"])
        choice.confirmations.create(school=world.school, confirmer="guardian", by=world.users["guardian"])
        export = TransferExport.objects.create(
            school=world.school,
            student=world.student,
            receiving_school="Het Nieuwe College",
            selection={"choices": [choice.pk]},
            status=TransferStatus.APPROVED,
        )

    document = json.loads(login("student").get(reverse("transfer:json", args=[export.pk])).content)

    supported = document["choices"][0]["supported_by"]
    assert supported["occupations"] == ["Verpleegkundige"]
    assert supported["reflections"][0]["experience"] == "Snuffelstage bij de thuiszorg"
    assert supported["interest_tests"][0]["top_fields"] == ["care"]


@pytest.mark.parametrize("size", [1, 8])
def test_choice_pages_with_links_cost_a_fixed_number_of_queries(
    world, login, size, django_assert_num_queries
):
    choice = given_choice(make_moment(world.group), world.student)
    with scopes_disabled():
        for n in range(size):
            experience = f.ExperienceFactory(student=world.student, title=f"Ervaring {n}")
            choice.reflections.add(f.ReflectionFactory(experience=experience))
            choice.traits.add(
                f.StudentTraitFactory(student=world.student, trait=None, own_words=f"eigen {n}")
            )
            choice.occupations.add(cf.OccupationFactory())
            choice.linked_programmes.add(cf.ProgrammeFactory())
            choice.interest_results.add(
                InterestResult.objects.create(school=world.school, student=world.student, scores={"care": n})
            )
    mentor = login("mentor")

    # session, user+roles, the student, stance, audit row, group, moments, choices, confirmations,
    # agreements, route steps, six kinds of links, the interest fields' names
    with django_assert_num_queries(18):
        mentor.get(reverse("choices:student", args=[world.student.pk]))
