"""Rows of the permission matrix for the partners area (see tests/matrix.py for the vocabulary).

The register is the counsellor's (mentors read it and record contact moments); matching is for mentors
(their groups) and counsellors; the student's own pages for students; one internship for its student, the
mentor and counsellor following them and the guardian. The supervisor's link answers everyone alike,
logged in or not, because it carries its own secret. An empty POST shows the form again with its messages
(400), or again unbound (200) where the page starts with an empty form. The outsider (a counsellor at the
other school) gets a 404 for every object of the first school.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from koers.partners.domain.links import _hash
from koers.partners.models import SupervisorLink
from tests import factories as f
from tests.matrix import POST_ONLY, Objects, Redirect, Row, answers, only
from tests.partners import factories as pf

TOKEN = "matrix-token-for-the-supervisor-link"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def setup(o: Objects) -> dict[str, Any]:
    cached = o.__dict__.get("_partners")
    if cached is None:
        with scopes_disabled():
            partner = pf.PartnerFactory(school=o.world.school, name="Garage De Vries")
            person = pf.ContactPersonFactory(partner=partner)
            internship = pf.InternshipFactory(place__partner=partner, student=o.world.student)
            log = pf.LogDayFactory(
                internship=internship,
                photo=ContentFile(_png(), name="dag.png"),
                photo_content_type="image/png",
            )
            link = SupervisorLink.objects.create(
                school=o.world.school,
                internship=internship,
                token_hash=_hash(TOKEN),
                supervisor_name="Henk de Vries",
                expires_at=internship.approved_at + dt.timedelta(days=30),
            )
            wish = pf.WishFactory(
                student=o.world.student,
                place=internship.place,
                voice=ContentFile(b"OggS" + bytes(60), name="reden.ogg"),
                voice_content_type="audio/ogg",
            )
        cached = {
            "wish": wish,
            "partner": partner,
            "person": person,
            "place": internship.place,
            "internship": internship,
            "log": log,
            "link": link,
        }
        o.__dict__["_partners"] = cached
    return cached


def of(name: str) -> Callable[[Objects], dict[str, Any]]:
    return lambda o: {"pk": setup(o)[name].pk}


def session(o: Objects) -> dict[str, Any]:
    """A group conversation of the world's group, held an hour ago: a session for the class presentations."""
    cached = o.__dict__.get("_partners_session")
    if cached is None:
        with scopes_disabled():
            cached = f.ConversationFactory(
                student=None,
                group=o.world.group,
                school=o.world.school,
                mentor=o.world.users["mentor"],
                scheduled_at=timezone.now() - dt.timedelta(hours=1),
            )
        o.__dict__["_partners_session"] = cached
    return {"pk": cached.pk}


def group(o: Objects) -> dict[str, Any]:
    return {"pk": o.world.group.pk}


def supervisor_token(o: Objects) -> dict[str, Any]:
    setup(o)
    return {"token": TOKEN}


FOLLOWERS = {"mentor": 200, "counsellor": 200}
STAFF_POST = {"mentor": 400, "counsellor": 400}

ROWS: dict[str, Row | list[Row]] = {
    "partners:register": Row(get=only(mentor=200, counsellor=200, outsider=200)),
    "partners:partner_new": Row(
        get=only(counsellor=200, outsider=200), post=only(counsellor=200, outsider=200)
    ),
    "partners:partner": Row(kwargs=of("partner"), get=only(**FOLLOWERS)),
    "partners:partner_edit": Row(kwargs=of("partner"), get=only(counsellor=200), post=only(counsellor=200)),
    "partners:person_new": Row(kwargs=of("partner"), get=POST_ONLY, post=only(counsellor=400)),
    "partners:person_remove": Row(
        kwargs=of("person"), get=POST_ONLY, post=only(counsellor=Redirect("partners:partner"))
    ),
    "partners:moment_new": Row(kwargs=of("partner"), get=POST_ONLY, post=only(**STAFF_POST)),
    "partners:place_new": Row(kwargs=of("partner"), get=only(counsellor=200), post=only(counsellor=200)),
    "partners:place_edit": Row(kwargs=of("place"), get=only(counsellor=200), post=only(counsellor=200)),
    "partners:matching": Row(get=only(mentor=200, counsellor=200, outsider=200)),
    "partners:group": Row(kwargs=group, get=only(**FOLLOWERS)),
    "partners:propose": Row(
        kwargs=group,
        get=POST_ONLY,
        post=only(mentor=Redirect("partners:group"), counsellor=Redirect("partners:group")),
    ),
    "partners:assign": Row(kwargs=group, get=POST_ONLY, post=only(**STAFF_POST)),
    "partners:approve": Row(
        kwargs=group,
        get=POST_ONLY,
        post=only(mentor=Redirect("partners:group"), counsellor=Redirect("partners:group")),
    ),
    "partners:sessions": Row(kwargs=group, get=only(**FOLLOWERS), post=only(**STAFF_POST)),
    "partners:session": Row(kwargs=session, get=only(**FOLLOWERS), post=only(**STAFF_POST)),
    "partners:mine": Row(get=only(student=200, classmate=200)),
    "partners:choose": Row(get=only(student=200, classmate=200), post=only(student=400, classmate=400)),
    "partners:log_day": Row(kwargs=of("internship"), get=only(student=200), post=only(student=400)),
    "partners:reflect": Row(kwargs=of("internship"), get=only(student=200), post=only(student=200)),
    "partners:internship": Row(kwargs=of("internship"), get=only(student=200, guardian=200, **FOLLOWERS)),
    "partners:log_photo": Row(serves="image/", kwargs=of("log"), get=only(student=200, **FOLLOWERS)),
    "partners:agreement": Row(serves="application/pdf", kwargs=of("internship"), get=only(**FOLLOWERS)),
    "partners:signature": Row(kwargs=of("internship"), get=POST_ONLY, post=only(**STAFF_POST)),
    "partners:visit": Row(kwargs=of("internship"), get=POST_ONLY, post=only(**STAFF_POST)),
    "partners:presentation": Row(kwargs=of("internship"), get=POST_ONLY, post=only(**STAFF_POST)),
    "partners:withdraw": Row(
        kwargs=of("internship"),
        get=POST_ONLY,
        post=only(mentor=Redirect("partners:internship"), counsellor=Redirect("partners:internship")),
    ),
    "partners:make_link": Row(kwargs=of("internship"), get=only(**FOLLOWERS), post=only(**FOLLOWERS)),
    "partners:revoke_link": Row(
        kwargs=of("link"),
        get=POST_ONLY,
        post=only(mentor=Redirect("partners:internship"), counsellor=Redirect("partners:internship")),
    ),
    "partners:wish_voice": Row(serves="audio/", kwargs=of("wish"), get=only(student=200, **FOLLOWERS)),
    "partners:supervisor": Row(
        kwargs=supervisor_token, get=answers(200, anonymous=200), post=answers(400, anonymous=400)
    ),
}
