"""The experience page costs the same number of queries whatever hangs under it."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.lob.models import ReflectionPrompt
from koers.lob.vocabulary import Competence
from tests import factories as f


def fill(world, size: int):
    """An experience with ``size`` photos, reflections (each answering every prompt) and remarks."""
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, shared_with_guardians=True)
        for _ in range(size):
            f.EvidenceFactory(experience=experience)
        for competence in list(Competence)[:size]:
            reflection = f.ReflectionFactory(
                experience=experience, competence=competence.value, shared_with_guardians=True
            )
            for prompt in ReflectionPrompt.objects.filter(competence=competence.value):
                f.ReflectionAnswerFactory(reflection=reflection, prompt=prompt, voice="voice/x.webm")
        for n in range(size):
            f.RemarkFactory(
                experience=experience, author=world.users["mentor"], text=f"Vraag {n}", seen_by_student=True
            )
    return experience


@pytest.mark.parametrize("size", [1, 5])
# Per request: session, user+roles (2); the experience, evidence, reflections, answers with their prompts
# and remarks with their authors (5); the audit row for someone else than the student (1). Guardians do not
# take part in the remarks dialogue, so that query is skipped for them.
@pytest.mark.parametrize(
    ("persona", "queries"), [("student", 7), ("mentor", 8), ("counsellor", 8), ("guardian", 7)]
)
def test_experience_detail_query_count_is_fixed(
    login, world, django_assert_num_queries, size, persona, queries
):
    experience = fill(world, size)
    client = login(persona)

    with django_assert_num_queries(queries):
        response = client.get(reverse("dossier:experience", args=[experience.pk]))

    assert response.status_code == 200
