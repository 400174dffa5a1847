"""The demo school's network and internships: partners the programme names, and the fixed student's
internship with a log, a visit and the supervisor's feedback."""

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.demo.builder import DemoReport
from koers.partners.models import Internship, InternshipStatus, Partner
from koers.schools.models import User
from tests.once import demo_once

_demo = demo_once(students=40, seed=3, content=True)  # built once for the module (tests/once.py)


@pytest.fixture
def demo(db, _demo) -> DemoReport:
    return _demo[1]


def test_demo_has_a_network_with_a_role_model(demo):
    with scopes_disabled():
        partners = Partner.objects.filter(school=demo.school)

        assert partners.count() >= 8
        assert partners.filter(opens_paths=True).exists()


def test_demo_student_has_an_approved_internship_with_log_and_feedback(demo):
    with scopes_disabled():
        mine = Internship.objects.get(school=demo.school, student__user__username="leerling")

        assert mine.status == InternshipStatus.APPROVED
        assert mine.log.count() == 2
        assert mine.feedback.exists()


def test_demo_pages_of_the_area_open(demo):
    client = Client()
    with scopes_disabled():
        mine = Internship.objects.get(school=demo.school, student__user__username="leerling")
        counsellor = User.objects.get(username="decaan")
        student = User.objects.get(username="leerling")
        partner = mine.place.partner
    client.force_login(counsellor)
    register = client.get(reverse("partners:register"))
    partner_page = client.get(reverse("partners:partner", args=[partner.pk]))
    client.force_login(student)
    internship = client.get(reverse("partners:internship", args=[mine.pk]))

    assert register.status_code == 200
    assert "Garage De Zuid" in register.content.decode()
    assert partner_page.status_code == 200
    assert internship.status_code == 200
