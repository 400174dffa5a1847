"""Rows of the permission matrix for the quality area (see tests/matrix.py for the vocabulary).

The counsellor runs the cycle (rounds, statements); the leader and the counsellor see the quality page and
set goals; mentors and teachers answer the self-scan and read goals. Students, guardians and admins get a
404 everywhere; the outsider (a counsellor at the other school) sees their own school's pages and a 404 for
every object of the first school.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.quality.domain.leavers import _hash
from koers.quality.models import Audience, LearningWish, LeaverInvite, Part, Task, TaskAssignment
from tests.matrix import POST_ONLY, Objects, Redirect, Row, answers, fixed, only
from tests.quality.factories import (
    EvaluationRoundFactory,
    GoalFactory,
    LeaverFactory,
    ScanItemFactory,
    ScanRoundFactory,
)

LEAVER_TOKEN = "matrix-token-for-a-former-student"


def _cached(o: Objects, name: str, make: Any) -> Any:
    cached = o.__dict__.get(name)
    if cached is None:
        with scopes_disabled():
            cached = make()
        o.__dict__[name] = cached
    return cached


def scan_round(o: Objects) -> Any:
    return _cached(o, "_scan_round", lambda: ScanRoundFactory(school_year=o.world.group.school_year))


def scan_item(o: Objects) -> Any:
    return _cached(o, "_scan_item", lambda: ScanItemFactory(school=o.world.school))


def student_evaluation(o: Objects) -> Any:
    return _cached(
        o,
        "_student_evaluation",
        lambda: EvaluationRoundFactory(school_year=o.world.group.school_year),
    )


def task_assignment(o: Objects) -> Any:
    def make() -> Any:
        task = Task.objects.create(school=o.world.school, key="k", name="Gesprekken voeren")
        return TaskAssignment.objects.create(school=o.world.school, task=task, part=Part.DOES, kind="mentor")

    return _cached(o, "_task_assignment", make)


def goal(o: Objects) -> Any:
    return _cached(o, "_goal", lambda: GoalFactory(school=o.world.school))


def learning_wish(o: Objects) -> Any:
    return _cached(
        o,
        "_learning_wish",
        lambda: LearningWish.objects.create(
            school=o.world.school, user=o.world.users["mentor"], topic="other"
        ),
    )


def leaver(o: Objects) -> Any:
    return _cached(o, "_leaver", lambda: LeaverFactory(school=o.world.school))


def leaver_token(o: Objects) -> dict[str, Any]:
    def make() -> Any:
        evaluation = EvaluationRoundFactory(school_year=o.world.group.school_year, audience=Audience.LEAVER)
        return LeaverInvite.objects.create(
            school=o.world.school,
            leaver=leaver(o),
            round=evaluation,
            token_hash=_hash(LEAVER_TOKEN),
            expires_at=timezone.now() + dt.timedelta(days=30),
        )

    _cached(o, "_leaver_invite", make)
    return {"token": LEAVER_TOKEN}


STAFF = {"counsellor": 200, "leader": 200, "mentor": 200, "teacher": 200}
STEERING = {"counsellor": 200, "leader": 200}

ROWS: dict[str, Row | list[Row]] = {
    "quality:leader": Row(get=only(**STEERING, outsider=200)),
    "quality:report": Row(serves="application/pdf", get=only(**STEERING, outsider=200)),
    "quality:scan": Row(
        get=only(**STAFF, outsider=200),
        post=only(
            counsellor=200,
            outsider=200,
            leader=Redirect("quality:scan"),
            mentor=Redirect("quality:scan"),
            teacher=Redirect("quality:scan"),
        ),
    ),
    "quality:scan_items": Row(get=only(counsellor=200, outsider=200)),
    "quality:scan_item": Row(
        kwargs=lambda o: {"pk": scan_item(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
    "quality:scan_answer": Row(
        kwargs=lambda o: {"pk": scan_round(o).pk},
        get=only(**STAFF),
        post=only(counsellor=400, leader=400, mentor=400, teacher=400),
    ),
    "quality:scan_close": Row(
        kwargs=lambda o: {"pk": scan_round(o).pk},
        get=POST_ONLY,
        post=only(counsellor=Redirect("quality:scan_results")),
    ),
    "quality:scan_results": Row(kwargs=lambda o: {"pk": scan_round(o).pk}, get=only(**STAFF)),
    "quality:scan_results_csv": Row(
        serves="text/csv", kwargs=lambda o: {"pk": scan_round(o).pk}, get=only(**STAFF)
    ),
    "quality:goals": Row(get=only(**STAFF, outsider=200)),
    "quality:goal_new": Row(
        get=only(**STEERING, outsider=200), post=only(counsellor=200, leader=200, outsider=200)
    ),
    "quality:goal": Row(kwargs=lambda o: {"pk": goal(o).pk}, get=only(**STAFF), post=only(**STEERING)),
    "quality:evaluations": Row(get=only(**STEERING, outsider=200)),
    "quality:questionnaire": Row(
        kwargs=fixed(audience="student"),
        get=only(counsellor=200, outsider=200),
        post=only(counsellor=200, outsider=200),
    ),
    "quality:evaluation_open": Row(
        kwargs=fixed(audience="student"),
        get=POST_ONLY,
        post=only(counsellor=Redirect("quality:evaluations"), outsider=Redirect("quality:evaluations")),
    ),
    "quality:evaluation_results": Row(
        kwargs=lambda o: {"pk": student_evaluation(o).pk}, get=only(**STEERING)
    ),
    "quality:evaluation_results_csv": Row(
        serves="text/csv", kwargs=lambda o: {"pk": student_evaluation(o).pk}, get=only(**STEERING)
    ),
    "quality:evaluation_close": Row(
        kwargs=lambda o: {"pk": student_evaluation(o).pk},
        get=POST_ONLY,
        post=only(counsellor=Redirect("quality:evaluation_results")),
    ),
    "quality:my_evaluations": Row(
        get=only(student=200, classmate=200, mentor=200, teacher=200, counsellor=200, outsider=200)
    ),
    "quality:evaluation_answer": Row(
        kwargs=lambda o: {"pk": student_evaluation(o).pk},
        get=only(student=200, classmate=200),
        post=only(student=400, classmate=400),
    ),
    "quality:tasks": Row(get=only(**STEERING, outsider=200), post=only(counsellor=200, outsider=200)),
    "quality:task_remove": Row(
        kwargs=lambda o: {"pk": task_assignment(o).pk},
        get=POST_ONLY,
        post=only(counsellor=Redirect("quality:tasks")),
    ),
    "quality:leavers": Row(get=only(counsellor=200, outsider=200), post=only(counsellor=200, outsider=200)),
    "quality:leaver": Row(
        kwargs=lambda o: {"pk": leaver(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
    "quality:leaver_remove": Row(
        kwargs=lambda o: {"pk": leaver(o).pk},
        get=POST_ONLY,
        post=only(counsellor=Redirect("quality:leavers")),
    ),
    "quality:leavers_fill": Row(
        get=POST_ONLY,
        post=only(counsellor=Redirect("quality:leavers"), outsider=Redirect("quality:leavers")),
    ),
    "quality:leavers_import": Row(
        get=only(counsellor=200, outsider=200), post=only(counsellor=200, outsider=200)
    ),
    "quality:leavers_invite": Row(
        get=POST_ONLY,
        post=only(counsellor=Redirect("quality:leavers"), outsider=Redirect("quality:leavers")),
    ),
    "quality:leaver_outcomes": Row(get=only(**STEERING, outsider=200)),
    # The former student's link answers everyone alike, with or without an account.
    "quality:leaver_answer": Row(
        kwargs=leaver_token, get=answers(200, anonymous=200), post=answers(400, anonymous=400)
    ),
    "quality:learning": Row(
        get=only(mentor=200, teacher=200, counsellor=200, outsider=200),
        post=only(mentor=200, teacher=200, counsellor=200, outsider=200),
    ),
    # Only the person who wrote a wish removes it (the mentor's, here).
    "quality:learning_remove": Row(
        kwargs=lambda o: {"pk": learning_wish(o).pk},
        get=POST_ONLY,
        post=only(mentor=Redirect("quality:learning")),
    ),
}
