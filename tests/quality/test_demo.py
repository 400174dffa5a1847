"""The demo school shows the quality cycle: a closed and an open self-scan, goals with progress, the task
matrix and evaluations with enough answers to show; the leader's page renders them."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.demo.builder import build_demo
from koers.demo.options import MIN_STUDENTS
from koers.quality.models import EvaluationResponse, Goal, ScanResponse, ScanRound, TaskAssignment
from koers.schools.models import User


def test_demo_school_has_a_quality_cycle_the_leader_can_read(db):
    report = build_demo(students=MIN_STUDENTS, seed=3)
    with scopes_disabled():
        rounds = list(ScanRound.objects.filter(school=report.school))
        assert len(rounds) == 2 and sum(r.closed_at is not None for r in rounds) == 1
        assert ScanResponse.objects.filter(round__school=report.school).count() == 8
        assert Goal.objects.filter(school=report.school).count() == 3
        assert TaskAssignment.objects.filter(school=report.school).exists()
        assert EvaluationResponse.objects.filter(school=report.school).count() >= 10
    client = Client()
    client.force_login(User.objects.get(username="schoolleider"))
    page = client.get(reverse("quality:leader")).content.decode()
    assert "Elke leerling heeft dit schooljaar minstens één loopbaangesprek" in page
    assert "Zelfscan" in page
