"""Rows of the permission matrix for the careers area (see tests/matrix.py for the vocabulary).

The catalogue is explored by students and the staff who guide them (the outsider, a counsellor at another
school, explores their own school's catalogue but gets a 404 for this school's own entries); favourites and
"does this fit me?" are a student's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.careers.models import FitReflection, InterestResult, Offer, OpenDayVisit
from tests.careers.factories import OccupationFactory, OpenDayFactory, ProgrammeFactory
from tests.matrix import POST_ONLY, Objects, Redirect, Row, answers, of_student, only

EXPLORERS = {"student": 200, "classmate": 200, "mentor": 200, "counsellor": 200, "teacher": 200}


def schools_occupation(o: Objects) -> Any:
    """An occupation the first school added itself (another school must not see it)."""
    cached = o.__dict__.get("_careers_occupation")
    if cached is None:
        with scopes_disabled():
            cached = OccupationFactory(school=o.world.school)
        o.__dict__["_careers_occupation"] = cached
    return cached


def schools_programme(o: Objects) -> Any:
    cached = o.__dict__.get("_careers_programme")
    if cached is None:
        with scopes_disabled():
            cached = ProgrammeFactory(school=o.world.school)
        o.__dict__["_careers_programme"] = cached
    return cached


def result_pk(o: Objects) -> dict[str, Any]:
    """A result of the student's interest test (the classmate's is their own, so a 404 for everyone else)."""
    cached = o.__dict__.get("_careers_result")
    if cached is None:
        with scopes_disabled():
            cached = InterestResult.objects.create(
                school=o.world.school, student=o.world.student, scores={"hands": 2}
            )
        o.__dict__["_careers_result"] = cached
    return {"pk": cached.pk}


def open_day(o: Objects) -> Any:
    cached = o.__dict__.get("_careers_open_day")
    if cached is None:
        with scopes_disabled():
            cached = OpenDayFactory(school=o.world.school)
        o.__dict__["_careers_open_day"] = cached
    return cached


def open_day_pk(o: Objects) -> dict[str, Any]:
    return {"pk": open_day(o).pk}


def visit_pk(o: Objects) -> dict[str, Any]:
    """The student's visit to an open day that has been (so it can be reflected on)."""
    cached = o.__dict__.get("_careers_visit")
    if cached is None:
        with scopes_disabled():
            day = OpenDayFactory(school=o.world.school, date=timezone.localdate() - dt.timedelta(days=3))
            cached = OpenDayVisit.objects.create(school=o.world.school, student=o.world.student, open_day=day)
        o.__dict__["_careers_visit"] = cached
    return {"pk": cached.pk}


def fit_voice_pk(o: Objects) -> dict[str, Any]:
    """The student's spoken "does this fit me?" answer on an occupation of the school."""
    cached = o.__dict__.get("_careers_fit_voice")
    if cached is None:
        with scopes_disabled():
            cached = FitReflection(
                school=o.world.school,
                student=o.world.student,
                occupation=schools_occupation(o),
                voice_content_type="audio/ogg",
            )
            cached.voice.save("stem.ogg", ContentFile(b"OggS" + bytes(200)), save=False)
            cached.save()
        o.__dict__["_careers_fit_voice"] = cached
    return {"pk": cached.pk}


def offer_pk(o: Objects) -> dict[str, Any]:
    """A regional school the first school named for its own programme."""
    cached = o.__dict__.get("_careers_offer")
    if cached is None:
        with scopes_disabled():
            cached = Offer.objects.create(
                school=o.world.school, programme=schools_programme(o), institution="ROC Vechtdal"
            )
        o.__dict__["_careers_offer"] = cached
    return {"pk": cached.pk}


def occupation_pk(o: Objects) -> dict[str, Any]:
    return {"pk": schools_occupation(o).pk}


def programme_pk(o: Objects) -> dict[str, Any]:
    return {"pk": schools_programme(o).pk}


ROWS = {
    "careers:explore": Row(get=answers(404, **EXPLORERS, outsider=200)),
    "careers:programmes": Row(get=answers(404, **EXPLORERS, outsider=200)),
    "careers:occupation": Row(kwargs=occupation_pk, get=only(**EXPLORERS)),
    "careers:programme": Row(kwargs=programme_pk, get=only(**EXPLORERS)),
    "careers:fit": Row(
        kwargs=occupation_pk,
        get=only(student=200, classmate=200),
        post=only(student=200, classmate=200),  # an empty answer: the form again, with its message
    ),
    "careers:fit_voice": Row(
        serves="audio/", kwargs=fit_voice_pk, get=only(student=200, mentor=200, counsellor=200)
    ),
    "careers:favourite_occupation": Row(
        kwargs=occupation_pk,
        get=POST_ONLY,
        post=only(student=Redirect("careers:occupation"), classmate=Redirect("careers:occupation")),
    ),
    "careers:make_dream": Row(
        kwargs=occupation_pk,
        get=POST_ONLY,
        post=only(student=Redirect("dossier:ambition"), classmate=Redirect("dossier:ambition")),
    ),
    "careers:make_programme_dream": Row(
        kwargs=programme_pk,
        get=POST_ONLY,
        post=only(student=Redirect("dossier:ambition"), classmate=Redirect("dossier:ambition")),
    ),
    "careers:favourite_programme": Row(
        kwargs=programme_pk,
        get=POST_ONLY,
        post=only(student=Redirect("careers:programme"), classmate=Redirect("careers:programme")),
    ),
    "careers:mine": Row(get=only(student=200, classmate=200)),
    # Public: the invitation letter's landing page links to it before a guardian has an account.
    "careers:school_system": Row(get=answers(200, anonymous=200)),
    "careers:new_occupation": Row(
        get=only(counsellor=200, outsider=200), post=only(counsellor=200, outsider=200)
    ),
    "careers:adjust": Row(kwargs=occupation_pk, get=only(counsellor=200), post=only(counsellor=200)),
    "careers:new_programme": Row(
        get=only(counsellor=200, outsider=200), post=only(counsellor=200, outsider=200)
    ),
    # POST without a form's name: the page again, nothing changed.
    "careers:adjust_programme": Row(kwargs=programme_pk, get=only(counsellor=200), post=only(counsellor=200)),
    "careers:offer_delete": Row(
        kwargs=offer_pk, get=POST_ONLY, post=only(counsellor=Redirect("careers:adjust_programme"))
    ),
    "careers:cards_pdf": Row(
        serves="application/pdf", get=only(mentor=200, counsellor=200, teacher=200, outsider=200)
    ),
    "careers:overview": Row(get=only(counsellor=200, outsider=200)),
    "careers:open_days": Row(get=only(student=200, classmate=200)),
    "careers:open_day_go": Row(
        kwargs=open_day_pk,
        get=POST_ONLY,
        post=only(student=Redirect("careers:open_days"), classmate=Redirect("careers:open_days")),
    ),
    "careers:visit_reflect": Row(kwargs=visit_pk, get=only(student=200), post=only(student=200)),
    "careers:open_days_manage": Row(
        get=only(counsellor=200, outsider=200), post=only(counsellor=200, outsider=200)
    ),
    "careers:open_day_delete": Row(
        kwargs=open_day_pk, get=POST_ONLY, post=only(counsellor=Redirect("careers:open_days_manage"))
    ),
    "careers:interest": Row(get=only(student=200, classmate=200)),
    "careers:interest_take": Row(
        get=only(student=200, classmate=200),
        post=only(student=200, classmate=200),  # nothing answered: the test again, with its message
    ),
    "careers:student_careers": Row(kwargs=of_student, get=only(mentor=200, counsellor=200)),
    "careers:occupation_names": Row(kwargs=of_student, get=only(mentor=200, counsellor=200)),
    "careers:child_careers": Row(kwargs=of_student, get=only(guardian=200)),
    "careers:share_favourites": Row(
        get=POST_ONLY, post=only(student=Redirect("careers:mine"), classmate=Redirect("careers:mine"))
    ),
    "careers:share_result": Row(
        kwargs=result_pk, get=POST_ONLY, post=only(student=Redirect("careers:interest_result"))
    ),
    "careers:interest_result": Row(kwargs=result_pk, get=only(student=200)),
    "careers:interest_experience": Row(
        kwargs=result_pk, get=POST_ONLY, post=only(student=Redirect("dossier:experience"))
    ),
}
