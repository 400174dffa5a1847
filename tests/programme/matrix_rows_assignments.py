"""Rows of the permission matrix for this part of the area (see tests/matrix.py for the vocabulary).

The assignment bank is for mentors and counsellors (the outsider, a counsellor elsewhere, sees their own
school's bank but none of this school's assignments); students work on what was given to their group.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_scopes import scopes_disabled

from tests import factories as f
from tests.matrix import POST_ONLY, Objects, Redirect, Row, answers, only

STAFF_PAGE = answers(404, mentor=200, counsellor=200, outsider=200)


def bank_assignment(o: Objects) -> Any:
    cached = o.__dict__.get("_bank_assignment")
    if cached is None:
        with scopes_disabled():
            cached = f.AssignmentFactory(school=o.world.school, format="photo")
        o.__dict__["_bank_assignment"] = cached
    return cached


def given_to_group(o: Objects) -> Any:
    """The assignment given to world.group, with world.student's draft holding one photo and a voice note."""
    cached = o.__dict__.get("_given_to_group")
    if cached is None:
        with scopes_disabled():
            cached = f.GivenAssignmentFactory(assignment=bank_assignment(o), given_by=o.world.users["mentor"])
            cached.groups.add(o.world.group)
            photo = default_storage.save(
                f"work/{o.world.school.pk}/{o.world.student.pk}/concept.jpg",
                ContentFile(f.sample_jpeg().read()),
            )
            f.AssignmentWorkFactory(
                given=cached,
                student=o.world.student,
                answers={"photos": [{"name": photo, "type": "image/jpeg", "size": 10, "original": "a.jpg"}]},
                voice=ContentFile(b"OggS" + bytes(60), name="concept.ogg"),
                voice_content_type="audio/ogg",
            )
        o.__dict__["_given_to_group"] = cached
    return cached


def of_assignment(o: Objects) -> dict[str, Any]:
    return {"pk": bank_assignment(o).pk}


def of_given(o: Objects) -> dict[str, Any]:
    return {"pk": given_to_group(o).pk}


def home_given(o: Objects) -> Any:
    """A home assignment given to world.group, with the world guardian's answer holding a voice note."""
    cached = o.__dict__.get("_home_given")
    if cached is None:
        with scopes_disabled():
            cached = f.GivenAssignmentFactory(
                assignment__school=o.world.school,
                assignment__audience="home",
                given_by=o.world.users["mentor"],
            )
            cached.groups.add(o.world.group)
            voice = default_storage.save(
                f"guardian-answers/{o.world.school.pk}/{o.world.student.pk}/thuis.ogg",
                ContentFile(b"OggS" + bytes(60)),
            )
            o.__dict__["_guardian_answer"] = f.GuardianAnswerFactory(
                given=cached,
                school=o.world.school,
                student=o.world.student,
                guardian=o.world.users["guardian"],
                voice=voice,
                voice_content_type="audio/ogg",
            )
        o.__dict__["_home_given"] = cached
    return cached


def guardian_answer(o: Objects) -> dict[str, Any]:
    home_given(o)
    return {"pk": o.__dict__["_guardian_answer"].pk}


ROWS: dict[str, Row | list[Row]] = {
    "programme:bank": Row(get=STAFF_PAGE),
    "programme:assignment_new": Row(get=only(counsellor=200, outsider=200)),
    "programme:assignment": Row(kwargs=of_assignment, get=only(mentor=200, counsellor=200)),
    "programme:assignment_edit": Row(kwargs=of_assignment, get=only(counsellor=200)),
    "programme:assignment_archive": Row(
        kwargs=of_assignment, get=POST_ONLY, post=only(counsellor=Redirect("programme:assignment"))
    ),
    "programme:give": Row(kwargs=of_assignment, get=only(mentor=200, counsellor=200)),
    "programme:given_list": Row(get=STAFF_PAGE),
    "programme:given": Row(kwargs=of_given, get=only(mentor=200, counsellor=200)),
    "programme:my_assignments": Row(get=only(student=200, classmate=200)),
    # The classmate is in the same group, so sees the assignment too, but not the student's draft files.
    "programme:work": Row(kwargs=of_given, get=only(student=200, classmate=200)),
    "programme:work_photo": Row(
        serves="image/", kwargs=lambda o: {**of_given(o), "index": 0}, get=only(student=200)
    ),
    "programme:work_voice": Row(serves="audio/", kwargs=of_given, get=only(student=200)),
    # A guardian's own answer to a home assignment: only the guardian of the child.
    "programme:guardian_answer": Row(
        get=only(guardian=200),
        kwargs=lambda o: {"student_pk": o.world.student.pk, "pk": home_given(o).pk},
    ),
    # Its voice note: that guardian, the child, and the staff following the assignment; not the classmate.
    "programme:guardian_answer_voice": Row(
        serves="audio/",
        get=only(guardian=200, student=200, mentor=200, counsellor=200),
        kwargs=guardian_answer,
    ),
}
