"""Rows of the permission matrix for the choices area (see tests/matrix.py for the vocabulary).

Students make their own choices and rank modules (the classmate has the same moments, so the same pages);
the guardian reads their child's choices and confirms; mentors and counsellors follow and confirm; only the
counsellor sets moments, modules and the allocation. The outsider (a counsellor at the other school) sees
their own school's pages and a 404 for every object of the first school.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from tests import factories as f
from tests.choices.helpers import (
    make_choice,
    make_module,
    make_moment,
    make_placement,
    make_programme,
)
from tests.matrix import POST_ONLY, Objects, Redirect, Row, only


def _cached(o: Objects, name: str, build: Any) -> Any:
    found = o.__dict__.get(name)
    if found is None:
        found = build()
        o.__dict__[name] = found
    return found


def moment(o: Objects) -> Any:
    return _cached(o, "_choices_moment", lambda: make_moment(o.world.group))


def choice(o: Objects) -> Any:
    return _cached(o, "_choices_choice", lambda: make_choice(moment(o), o.world.student))


def programme(o: Objects) -> Any:
    return _cached(o, "_choices_programme", lambda: make_programme(o.world.school))


def _first_unit(o: Objects) -> Any:
    with scopes_disabled():
        return programme(o).units.first()


def unit(o: Objects) -> Any:
    return _cached(o, "_choices_unit", lambda: _first_unit(o))


def module(o: Objects) -> Any:
    return _cached(o, "_choices_module", lambda: make_module(o.world.group))


def placement(o: Objects) -> Any:
    return _cached(o, "_choices_placement", lambda: make_placement(module(o), o.world.student))


def voiced_choice(o: Objects) -> Any:
    """The student's choice with its reasons spoken."""

    def build() -> Any:
        found = choice(o)
        with scopes_disabled():
            found.voice_content_type = "audio/ogg"
            found.voice.save("stem.ogg", ContentFile(b"OggS" + bytes(200)), save=True)
        return found

    return _cached(o, "_choices_voiced", build)


def conversation(o: Objects) -> Any:
    """A planned conversation of the mentor with the student (guide mode)."""

    def build() -> Any:
        with scopes_disabled():
            return f.ConversationFactory(student=o.world.student, mentor=o.world.users["mentor"])

    return _cached(o, "_choices_conversation", build)


STUDENTS = {"student": 200, "classmate": 200}
FOLLOWERS = {"mentor": 200, "counsellor": 200}
COUNSELLORS = {"counsellor": 200, "outsider": 200}

ROWS: dict[str, Row | list[Row]] = {
    "choices:mine": Row(get=only(**STUDENTS)),
    "choices:choose": Row(
        kwargs=lambda o: {"moment_pk": moment(o).pk}, get=only(**STUDENTS), post=only(**STUDENTS)
    ),
    "choices:rank": Row(get=only(**STUDENTS), post=only(**STUDENTS)),
    "choices:stance": Row(
        get=POST_ONLY,
        post=only(student=Redirect("choices:mine"), classmate=Redirect("choices:mine")),
    ),
    "choices:child": Row(kwargs=lambda o: {"student_pk": o.world.student.pk}, get=only(guardian=200)),
    "choices:confirm": Row(
        kwargs=lambda o: {"pk": choice(o).pk},
        get=POST_ONLY,
        post=only(
            mentor=Redirect("choices:student"),
            counsellor=Redirect("choices:student"),
            guardian=Redirect("choices:child"),
        ),
    ),
    "choices:voice": Row(
        serves="audio/",
        kwargs=lambda o: {"pk": voiced_choice(o).pk},
        get=only(student=200, mentor=200, counsellor=200, guardian=200),
    ),
    "choices:guide": Row(kwargs=lambda o: {"conversation_pk": conversation(o).pk}, get=only(**FOLLOWERS)),
    "choices:agree": Row(
        kwargs=lambda o: {"conversation_pk": conversation(o).pk, "pk": choice(o).pk},
        get=POST_ONLY,
        post=only(mentor=Redirect("conversations:guide"), counsellor=Redirect("conversations:guide")),
    ),
    "choices:overview": Row(get=only(mentor=200, counsellor=200, outsider=200)),
    "choices:student": Row(
        kwargs=lambda o: {"student_pk": o.world.student.pk}, get=only(**FOLLOWERS), post=only(**FOLLOWERS)
    ),
    "choices:record": Row(
        kwargs=lambda o: {"student_pk": o.world.student.pk, "moment_pk": moment(o).pk},
        get=only(**FOLLOWERS),
        post=only(**FOLLOWERS),
    ),
    "choices:moments": Row(get=only(**COUNSELLORS)),
    "choices:moment_new": Row(get=only(**COUNSELLORS), post=only(**COUNSELLORS)),
    "choices:moment_edit": Row(
        kwargs=lambda o: {"pk": moment(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
    "choices:modules": Row(get=only(**COUNSELLORS)),
    "choices:module_new": Row(get=only(**COUNSELLORS), post=only(**COUNSELLORS)),
    "choices:module_edit": Row(
        kwargs=lambda o: {"pk": module(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
    "choices:allocation": Row(get=only(**COUNSELLORS)),
    "choices:allocate": Row(
        get=POST_ONLY,
        post=only(counsellor=Redirect("choices:allocation"), outsider=Redirect("choices:allocation")),
    ),
    "choices:move": Row(
        kwargs=lambda o: {"pk": placement(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
    "choices:lock": Row(
        kwargs=lambda o: {"pk": placement(o).pk},
        get=POST_ONLY,
        post=only(counsellor=Redirect("choices:allocation")),
    ),
    "choices:allocation_csv": Row(serves="text/csv", get=only(**COUNSELLORS)),
    "choices:module_experience": Row(
        kwargs=lambda o: {"pk": placement(o).pk}, get=only(student=200), post=only(student=200)
    ),
    "choices:module_pdf": Row(
        serves="application/pdf", kwargs=lambda o: {"pk": module(o).pk}, get=only(counsellor=200)
    ),
    "choices:route": Row(get=only(**STUDENTS), post=only(**STUDENTS)),
    "choices:route_record": Row(
        kwargs=lambda o: {"student_pk": o.world.student.pk}, get=only(**FOLLOWERS), post=only(**FOLLOWERS)
    ),
    "choices:route_numbers": Row(get=only(**COUNSELLORS)),
    "choices:programmes": Row(get=only(**COUNSELLORS), post=only(**COUNSELLORS)),
    "choices:unit_new": Row(
        kwargs=lambda o: {"programme_pk": programme(o).pk},
        get=only(counsellor=200),
        post=only(counsellor=200),
    ),
    "choices:unit_edit": Row(
        kwargs=lambda o: {"pk": unit(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
}
