"""Reflections: the student answers the prompts of one competence, by text or by voice."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.dossier.models import Reflection, ReflectionAnswer, StudentTrait
from koers.lob.models import ReflectionPrompt, Trait
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written


@pytest.fixture
def experience(world):
    with scopes_disabled():
        return f.ExperienceFactory(student=world.student, title="Meeloopdag ziekenhuis")


@pytest.fixture
def prompts(world):
    return list(ReflectionPrompt.objects.filter(competence="qualities").order_by("order", "pk"))


def url(experience, competence="qualities", query=""):
    return reverse("dossier:reflection", args=[experience.pk, competence]) + query


def reflections():
    with scopes_disabled():
        return list(Reflection.objects.all())


def answers():
    with scopes_disabled():
        return list(ReflectionAnswer.objects.select_related("prompt").order_by("prompt__order"))


def test_reflection_page_shows_the_prompts_of_the_competence(login, experience, prompts):
    response = login("student").get(url(experience))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kwaliteiten ontdekken" in page
    for prompt in prompts:
        assert prompt.texts["nl"] in page
    assert "data-recorder" in page


def test_reflection_page_in_simple_language_uses_the_simple_questions(login, experience, prompts):
    client = login("student")
    response = client.post(reverse("simple_language"), {"on": "1", "next": url(experience)}, follow=True)

    page = response.content.decode()
    assert prompts[0].texts["nl_simple"] in page
    assert prompts[0].texts["nl"] not in page
    assert "Zet makkelijke taal uit" in page


def test_reflection_with_a_text_answer_is_saved(login, world, experience, prompts):
    data = {f"text_{prompts[0].pk}": "Ik kon goed luisteren naar patiënten."}

    response = login("student").post(url(experience), data)

    assert response.status_code == 302
    assert response.url.endswith("#reflecties")
    [reflection] = reflections()
    assert (reflection.experience_id, reflection.competence, reflection.student_id) == (
        experience.pk,
        "qualities",
        world.student.pk,
    )
    assert [(a.prompt_id, a.text) for a in answers()] == [
        (prompts[0].pk, "Ik kon goed luisteren naar patiënten.")
    ]


def test_reflection_with_a_voice_answer_is_saved_as_audio(login, experience, prompts):
    data = {f"voice_{prompts[1].pk}": f.sample_wav()}

    login("student").post(url(experience), data)

    [answer] = answers()
    assert answer.prompt_id == prompts[1].pk
    assert answer.text == ""
    assert answer.voice_content_type == "audio/wav"
    assert answer.voice.name.endswith(".wav")


def test_reflection_without_any_answer_is_refused_with_a_message(login, experience, prompts):
    response = login("student").post(url(experience), {f"text_{prompts[0].pk}": "   "})

    assert response.status_code == 200
    assert "Beantwoord minstens één vraag, met tekst of met een spraakbericht." in response.content.decode()
    assert reflections() == []


def test_reflection_with_picture_as_voice_is_refused(login, experience, prompts):
    data = {
        f"text_{prompts[0].pk}": "Dit blijft staan",
        f"voice_{prompts[1].pk}": f.sample_png(name="opname.webm", content_type="audio/webm"),
    }

    response = login("student").post(url(experience), data)

    page = response.content.decode()
    assert "geen geluidsopname" in page
    assert "Dit blijft staan" in page
    assert reflections() == []


def test_reflection_again_updates_the_same_reflection(login, experience, prompts):
    client = login("student")
    client.post(url(experience), {f"text_{prompts[0].pk}": "Eerste versie"})

    client.post(url(experience), {f"text_{prompts[0].pk}": "Tweede versie", f"text_{prompts[1].pk}": "Nieuw"})

    assert len(reflections()) == 1
    assert [a.text for a in answers()] == ["Tweede versie", "Nieuw"]


def test_reflection_page_shows_earlier_answers_for_editing(login, experience, prompts):
    client = login("student")
    client.post(url(experience), {f"text_{prompts[0].pk}": "Wat ik eerder schreef"})

    response = client.get(url(experience))

    assert "Wat ik eerder schreef" in response.content.decode()


def test_reflection_emptying_every_answer_is_refused_and_keeps_the_old_one(login, experience, prompts):
    client = login("student")
    client.post(url(experience), {f"text_{prompts[0].pk}": "Bewaard"})

    response = client.post(url(experience), {f"text_{prompts[0].pk}": ""})

    assert "Beantwoord minstens één vraag" in response.content.decode()
    assert [a.text for a in answers()] == ["Bewaard"]


def test_reflection_for_unknown_competence_is_404(login, experience):
    with nothing_written(ReflectionAnswer):
        response = login("student").get(url(experience, "dromen"))

    assert_not_found(response)


@pytest.mark.parametrize("persona", ["mentor", "counsellor", "guardian", "classmate", "outsider"])
def test_reflection_is_404_for_anyone_but_the_student(login, experience, prompts, persona):
    response = login(persona).post(url(experience), {f"text_{prompts[0].pk}": "Ingevuld door een ander"})

    assert response.status_code == 404
    assert reflections() == []


def test_experience_detail_shows_reflections_with_their_answers(login, experience, prompts):
    login("student").post(
        url(experience),
        {f"text_{prompts[0].pk}": "Ik ben geduldig.", f"voice_{prompts[1].pk}": f.sample_wav()},
    )
    [_, voice] = answers()

    response = login("mentor").get(reverse("dossier:experience", args=[experience.pk]))

    page = response.content.decode()
    assert prompts[0].question in page
    assert "Ik ben geduldig." in page
    assert reverse("dossier:voice_file", args=[voice.pk]) in page


# --- voice notes of reflections ---


@pytest.fixture
def voice_answer(login, experience, prompts):
    login("student").post(url(experience), {f"voice_{prompts[0].pk}": f.sample_wav()})
    login("student").logout()
    return answers()[0]


def test_voice_file_plays_for_the_mentor_as_part_of_the_logged_page_view(login, world, voice_answer):
    response = login("mentor").get(reverse("dossier:voice_file", args=[voice_answer.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert response["X-Content-Type-Options"] == "nosniff"
    with scopes_disabled():
        assert AuditEntry.objects.filter(student=world.student, action="download").count() == 0


def test_voice_file_is_404_for_guardian_when_only_the_experience_is_shared(login, experience, voice_answer):
    experience.shared_with_guardians = True
    experience.save()

    with nothing_written():  # no "listened" row either
        response = login("guardian").get(reverse("dossier:voice_file", args=[voice_answer.pk]))

    assert_not_found(response)


def test_voice_file_plays_for_guardian_when_both_are_shared(login, experience, voice_answer):
    experience.shared_with_guardians = True
    experience.save()
    with scopes_disabled():
        Reflection.objects.update(shared_with_guardians=True)

    response = login("guardian").get(reverse("dossier:voice_file", args=[voice_answer.pk]))

    assert response.status_code == 200


# --- the offer to add a quality the reflection named (issue 12, item 21d) ---


def _offer_page(client, experience):
    return client.get(reverse("dossier:experience", args=[experience.pk]) + "?gereflecteerd=qualities")


def _traits(world):

    with scopes_disabled():
        return list(StudentTrait.objects.filter(student=world.student).select_related("trait"))


def test_reflection_naming_a_quality_offers_it_but_does_not_add_it(login, world, experience, prompts):
    client = login("student")

    response = client.post(
        url(experience), {f"text_{prompts[0].pk}": "Ik was heel geduldig met de patiënten."}
    )
    page = client.get(response.url).content.decode()

    assert "gereflecteerd=qualities" in response.url
    assert "Je noemde een kwaliteit" in page
    assert "„geduldig” in mijn dossier" in page
    assert _traits(world) == []


def test_one_tap_adds_the_named_quality_linked_to_the_experience(login, world, experience, prompts):

    client = login("student")
    client.post(url(experience), {f"text_{prompts[0].pk}": "Ik was geduldig."})
    patient = Trait.objects.get(kind="quality", key="patient")

    response = client.post(
        reverse("dossier:quality_from_reflection", args=[experience.pk]), {"trait": patient.pk}
    )

    assert response.status_code == 302
    [claimed] = _traits(world)
    assert claimed.trait == patient
    with scopes_disabled():
        assert list(claimed.experiences.all()) == [experience]
    assert "„geduldig” in mijn dossier" not in _offer_page(client, experience).content.decode()


def test_reflection_without_a_catalogue_quality_offers_nothing(login, experience, prompts):
    client = login("student")
    client.post(url(experience), {f"text_{prompts[0].pk}": "Het was een lange dag."})

    assert "Je noemde" not in _offer_page(client, experience).content.decode()


def test_the_offer_is_not_shown_to_the_mentor(login, world, experience, prompts):
    login("student").post(url(experience), {f"text_{prompts[0].pk}": "Ik was geduldig."})

    page = _offer_page(login("mentor"), experience).content.decode()

    assert "Je noemde" not in page
