"""Rows of the permission matrix for this part of the area (see tests/matrix.py for the vocabulary).

The LOB-lijn (views/line.py). The school's line and its poster are for counsellors, mentors and teachers
(the outsider sees their own school's line). A student's own line is for every student; another student's
line for those who may see that student (mentor, counsellor, guardian), the student themself is sent to
their own. Registering participation is for counsellors, teachers and the group's mentor; the outsider gets
a 404 for the first school's activity. The list of students with gaps is for counsellors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from tests import factories as f
from tests.matrix import POST_ONLY, Objects, Redirect, Row, of_student, only

LINE_VIEWERS = {"counsellor": 200, "mentor": 200, "teacher": 200, "leader": 200, "outsider": 200}


def past_activity(o: Objects) -> Any:
    cached = o.__dict__.get("_lobline_activity")
    if cached is None:
        group = o.world.group
        with scopes_disabled():
            cached = f.ActivityFactory(
                school_year=group.school_year,
                track=group.track,
                year_level=group.year_level,
                title="Bezoek aan de haven",
                starts_on=timezone.localdate() - dt.timedelta(days=3),
                precision="day",
            )
        o.__dict__["_lobline_activity"] = cached
    return cached


ROWS: dict[str, Row | list[Row]] = {
    "programme:line": Row(get=only(**LINE_VIEWERS)),
    # The poster is made by a job: asking for it leads to the job's page.
    "programme:poster": Row(
        get=POST_ONLY, post=only(**{persona: Redirect("background:job") for persona in LINE_VIEWERS})
    ),
    "programme:mine": Row(get=only(student=200, classmate=200)),
    # "Was this useful?": only for an activity the student took part in; otherwise a message on their line.
    "programme:useful": Row(
        kwargs=lambda o: {"pk": past_activity(o).pk},
        get=POST_ONLY,
        post=only(student=Redirect("programme:mine"), classmate=Redirect("programme:mine")),
    ),
    "programme:student_line": Row(
        kwargs=of_student,
        get=only(student=Redirect("programme:mine"), mentor=200, counsellor=200, guardian=200),
    ),
    "programme:participation": Row(
        kwargs=lambda o: {"pk": past_activity(o).pk},
        get=only(counsellor=200, mentor=200, teacher=200),
        post=only(
            counsellor=Redirect("programme:participation"),
            mentor=Redirect("programme:participation"),
            teacher=Redirect("programme:participation"),
        ),
        post_data=lambda o: {"groep": o.world.group.pk},
    ),
    "programme:to_register": Row(get=only(counsellor=200, mentor=200, teacher=200, outsider=200)),
    "programme:gaps": Row(get=only(counsellor=200, outsider=200)),
}
