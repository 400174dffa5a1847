"""Issue 12, item 13: the guardian is told the mentor sees their answer; the newcomer's own mentor does."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.schools.models import RoleKind
from tests import factories as f


def test_a_students_individual_mentor_sees_the_guardians_answer_and_nobody_elses(client, world):
    with scopes_disabled():
        own_mentor = f.UserFactory(username="isk.mentor")
        f.RoleFactory(school=world.school, kind=RoleKind.MENTOR, user=own_mentor)
        f.MentorshipFactory(group=None, student=world.student, school=world.school, mentor=own_mentor)
        given = f.GivenAssignmentFactory(
            assignment__school=world.school, assignment__audience="home", given_by=world.users["mentor"]
        )
        given.groups.add(world.group)
        f.GuardianAnswerFactory(
            given=given,
            student=world.student,
            guardian=world.users["guardian"],
            text="Wij praatten over de zorg.",
        )
        f.GuardianAnswerFactory(given=given, student=world.classmate, text="Antwoord over een klasgenoot.")
    client.force_login(own_mentor)

    page = client.get(reverse("programme:given", args=[given.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Wij praatten over de zorg." in html
    assert "Antwoord over een klasgenoot." not in html
