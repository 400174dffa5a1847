"""The internship as the family sees it: a block on the guardian home (where, when, the supervisor, who signed
the agreement) in every family language, and the internship on the student's and the guardian's LOB-lijn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.partners.models import AgreementSignature, InternshipStatus, Party
from tests import factories as f
from tests.dossier.test_timeline import TIMELINE_QUERIES
from tests.partners import factories as pf

HOME = reverse("home:guardian")


def _internship(world, **place):
    today = timezone.localdate()
    defaults = {
        "starts_on": today + dt.timedelta(days=10),
        "ends_on": today + dt.timedelta(days=20),
        "title": "Meehelpen in de keuken",
        "supervisor_name": "Fatma Yilmaz",
        "supervisor_phone": "038 123 45 67",
        "partner__name": "Restaurant De Haven",
        "partner__school": world.school,
    }
    with scopes_disabled():
        return pf.InternshipFactory(
            student=world.student, **{f"place__{k}": v for k, v in (defaults | place).items()}
        )


def _sign(internship, party):
    with scopes_disabled():
        AgreementSignature.objects.create(
            school=internship.school,
            internship=internship,
            party=party,
            name="X",
            agreed_on=timezone.localdate(),
        )


def test_guardian_home_shows_where_when_supervisor_and_who_signed(login, world):
    internship = _internship(world)
    _sign(internship, Party.STUDENT)
    _sign(internship, Party.SCHOOL)

    html = login("guardian").get(HOME).content.decode()

    assert "Restaurant De Haven" in html
    assert "Meehelpen in de keuken" in html
    assert "Fatma Yilmaz" in html and "tel:038 123 45 67" in html
    assert "Getekend door: leerling, school." in html
    assert "Nog niet getekend door: ouder/verzorger, stagebedrijf." in html
    assert reverse("partners:internship", args=[internship.pk]) in html


def test_guardian_home_says_when_everyone_signed(login, world):
    internship = _internship(world)
    for party in Party.values:
        _sign(internship, party)

    html = login("guardian").get(HOME).content.decode()

    assert "Iedereen heeft getekend." in html
    assert "Nog niet getekend" not in html


def test_guardian_home_leaves_out_proposals_and_finished_internships(login, world):
    today = timezone.localdate()
    with scopes_disabled():
        pf.InternshipFactory(
            student=world.student, status=InternshipStatus.PROPOSED, place__partner__name="Voorstel BV"
        )
        pf.InternshipFactory(
            student=world.student,
            place__starts_on=today - dt.timedelta(days=40),
            place__ends_on=today - dt.timedelta(days=30),
            place__partner__name="Vorig Jaar BV",
        )

    html = login("guardian").get(HOME).content.decode()

    assert "Voorstel BV" not in html
    assert "Vorig Jaar BV" not in html
    assert "De stage van" not in html


def test_guardian_without_dossier_access_sees_no_internship_block(login, world):
    _internship(world)
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)

    html = login("guardian").get(HOME).content.decode()

    assert "Restaurant De Haven" not in html


@pytest.mark.parametrize("language", settings.KOERS_FAMILY_LANGUAGES)
def test_the_internship_block_speaks_every_family_language(login, world, language):
    internship = _internship(world)
    _sign(internship, Party.STUDENT)
    client = login("guardian")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with scopes_disabled():
        user = world.users["guardian"]
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])

    html = client.get(HOME).content.decode()

    assert "Restaurant De Haven" in html
    if language != "nl":
        for dutch in [
            "De stage van",
            "Begeleider op de werkplek",
            "Stageovereenkomst",
            "Getekend door",
            "uur per week",
        ]:
            assert dutch not in html, (language, dutch)


@pytest.mark.parametrize("size", [1, 4])
def test_guardian_home_with_internships_costs_a_fixed_number_of_queries(
    login, world, django_assert_num_queries, size
):
    for n in range(size):
        internship = _internship(world, partner__name=f"Bedrijf {n}")
        _sign(internship, Party.STUDENT)
    client = login("guardian")
    client.get(HOME)

    with django_assert_num_queries(GUARDIAN_HOME_QUERIES):
        response = client.get(HOME)

    assert response.content.decode().count("internship-block") == size


# Session, user, roles, the children and the home's parts (tests/home/test_guardian_home.py), the internships
# and their signatures.
GUARDIAN_HOME_QUERIES = 14


# --- the LOB-lijn ---


@pytest.mark.parametrize("persona", ["student", "guardian", "mentor"])
def test_the_internship_is_on_the_lob_line(login, world, persona):
    internship = _internship(world)
    url = (
        reverse("dossier:timeline")
        if persona == "student"
        else reverse("dossier:student_timeline", args=[world.student.pk])
    )

    response = login(persona).get(url)

    line = response.context["line"]
    assert [e.item.pk for e in line.future if e.kind == "internship"] == [internship.pk]
    assert reverse("partners:internship", args=[internship.pk]) in response.content.decode()


def test_a_past_internship_is_behind_and_a_proposal_is_not_on_the_line(login, world):
    today = timezone.localdate()
    past = _internship(world, starts_on=today - dt.timedelta(days=30), ends_on=today - dt.timedelta(days=20))
    with scopes_disabled():
        pf.InternshipFactory(student=world.student, status=InternshipStatus.PROPOSED)

    line = login("student").get(reverse("dossier:timeline")).context["line"]

    assert [e.item.pk for e in line.past if e.kind == "internship"] == [past.pk]
    assert not [e for e in line.future if e.kind == "internship"]


@pytest.mark.parametrize("size", [1, 4])
def test_the_line_with_internships_costs_a_fixed_number_of_queries(
    login, world, django_assert_num_queries, size
):
    for n in range(size):
        _internship(world, partner__name=f"Bedrijf {n}")
    with scopes_disabled():
        f.ExperienceFactory(student=world.student)
    client = login("student")

    with django_assert_num_queries(TIMELINE_QUERIES):  # the LOB-lijn's own guard, whatever the internships
        response = client.get(reverse("dossier:timeline"))

    assert len([e for e in response.context["line"].future if e.kind == "internship"]) == size
