"""The demo school's quality cycle: last year's closed self-scan and this year's open one (several
colleagues answered), a strategic goal with two SMART goals (one from a weak statement, on a measure Koers
computes), the task matrix with a gap, and a closed student and staff evaluation with enough answers to show.
Deterministic: everything comes from the builder's random generator."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from koers.quality.measures import measure_all
from koers.quality.models import (
    Audience,
    EvaluationResponse,
    EvaluationRound,
    Goal,
    GoalLevel,
    Part,
    ScanAnswer,
    ScanItem,
    ScanResponse,
    ScanRound,
    Task,
    TaskAssignment,
)
from koers.quality.queries.evaluations import questionnaires_of
from koers.schools.models import Membership, Role, RoleKind, School, SchoolYear


def _answers(rng: Any, response: ScanResponse, items: list[ScanItem], shift: int) -> list[ScanAnswer]:
    answers = []
    for index, item in enumerate(items):
        base = 2 + (index % 3 == 0) - (item.theme in ("development", "guardians"))
        score = max(1, min(4, base + shift + rng.choice((-1, 0, 0, 1))))
        answers.append(ScanAnswer(school=response.school, response=response, item=item, score=score))
    return answers


def plan_quality(builder: Any, school: School) -> None:
    rng = builder.rng
    now = timezone.now()
    years = list(SchoolYear.objects.filter(school=school).order_by("-starts_on"))
    year, last_year = years[0], years[1] if len(years) > 1 else years[0]
    staff = list(
        Role.objects.filter(school=school, kind__in=[RoleKind.COUNSELLOR, RoleKind.MENTOR, RoleKind.TEACHER])
        .select_related("user")
        .order_by("pk")
    )
    leader = Role.objects.filter(school=school, kind=RoleKind.LEADER).select_related("user").first()
    items = list(ScanItem.objects.filter(school=school).order_by("order"))

    # Last year's self-scan, closed, with the figures of then (a little lower than today's).
    figures = measure_all(school)
    last = ScanRound.objects.create(
        school=school,
        school_year=last_year,
        name=f"Zelfscan {last_year.name}",
        opened_at=now - dt.timedelta(days=330),
        closed_at=now - dt.timedelta(days=300),
        measures={
            key: {
                "value": round(f.value * 0.7) if f.value is not None else None,
                "count": f.count * 7 // 10,
                "of": f.of,
            }
            for key, f in figures.items()
        },
    )
    this = ScanRound.objects.create(school=school, school_year=year, name=f"Zelfscan {year.name}")
    answers: list[ScanAnswer] = []
    for scan_round, people, shift in ((last, staff[:5], -1), (this, staff[:3], 0)):
        for role in people:
            response = ScanResponse.objects.create(
                school=school, round=scan_round, respondent=role.user, respondent_kind=role.kind
            )
            answers += _answers(rng, response, items, shift)
    ScanAnswer.objects.bulk_create(answers)

    # Goals: why (leadership), and two SMART goals under it.
    strategic = Goal.objects.create(
        school=school,
        level=GoalLevel.STRATEGIC,
        title="Elke leerling kiest met zicht op zichzelf en op werk",
        why=(
            "Te veel oud-leerlingen stoppen in hun eerste jaar mbo. Wie weet wat hij kan en wil, kiest beter."
        ),
        created_by=leader.user if leader else None,
    )
    conversations_item = next((i for i in items if i.measure == "conversations_held"), None)
    Goal.objects.create(
        school=school,
        level=GoalLevel.TACTICAL,
        parent=strategic,
        title="Elke leerling heeft dit schooljaar minstens één loopbaangesprek",
        how="Mentoren plannen de gesprekken in de gespreksronde en bereiden ze samen met de leerling voor.",
        owner=staff[0].user if staff else None,
        due_on=year.ends_on,
        measure="conversations_held",
        target=90,
        baseline=figures["conversations_held"].value,
        scan_item=conversations_item,
    )
    Goal.objects.create(
        school=school,
        level=GoalLevel.TACTICAL,
        parent=strategic,
        title="Na elke activiteit kijken leerlingen terug",
        how="Bij elke activiteit in de jaarplanner hoort een korte reflectie-opdracht.",
        owner=staff[1].user if len(staff) > 1 else None,
        due_on=year.ends_on,
        measure="activities_with_reflection",
        target=80,
        baseline=figures["activities_with_reflection"].value,
    )

    # The task matrix: the counsellor carries most, mentors hold the conversations, one task has nobody.
    tasks = {task.key: task for task in Task.objects.filter(school=school)}
    counsellor = next((r for r in staff if r.kind == RoleKind.COUNSELLOR), None)
    rows = []
    for key in ("policy", "programme", "activities", "follow_up", "evaluation"):
        if counsellor and key in tasks:
            name = counsellor.user.get_full_name()
            rows.append(
                TaskAssignment(
                    school=school, task=tasks[key], part=Part.RESPONSIBLE, role=counsellor, name=name
                )
            )
    for key in ("conversations", "dossier", "guardians"):
        if key in tasks:
            rows.append(TaskAssignment(school=school, task=tasks[key], part=Part.DOES, kind=RoleKind.MENTOR))
    if leader and "policy" in tasks:
        rows.append(
            TaskAssignment(
                school=school,
                task=tasks["policy"],
                part=Part.CONSULTED,
                role=leader,
                name=leader.user.get_full_name(),
            )
        )
    TaskAssignment.objects.bulk_create(rows)

    # Evaluations of last spring: students (per year level) and staff, closed.
    levels = list(
        Membership.objects.filter(school=school, group__school_year=year).values_list(
            "group__year_level", flat=True
        )
    )
    questionnaires = questionnaires_of(staff[0])
    for audience, count in ((Audience.STUDENT, min(120, len(levels))), (Audience.STAFF, max(6, len(staff)))):
        questionnaire = questionnaires[audience]
        evaluation = EvaluationRound.objects.create(
            school=school,
            audience=audience,
            school_year=last_year,
            name=f"Evaluatie {questionnaire.get_audience_display().lower()} {last_year.name}",
            questions=questionnaire.questions,
            opened_at=now - dt.timedelta(days=200),
            closed_at=now - dt.timedelta(days=180),
        )
        responses = []
        for n in range(count):
            answers_of: dict[str, Any] = {}
            for question in questionnaire.questions:
                if question["kind"] == "scale":
                    answers_of[question["key"]] = rng.choice((2, 3, 3, 3, 4, 4, 1))
            group = f"leerjaar {levels[n]}" if audience == Audience.STUDENT else RoleKind.MENTOR.value
            responses.append(
                EvaluationResponse(school=school, round=evaluation, group=group, answers=answers_of)
            )
        EvaluationResponse.objects.bulk_create(responses)
