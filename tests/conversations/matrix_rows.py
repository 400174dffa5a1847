"""Rows of the permission matrix for conversations (see tests/matrix.py for the vocabulary); the objects
they need are built on first use, so other rows pay nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.common.versions import version_of
from tests import factories as f
from tests.matrix import (
    ALLOWED,
    FOLLOWERS,
    POST_ONLY,
    Objects,
    Redirect,
    Row,
    only,
)

ROWS: dict[str, Row | list[Row]] = {
    # --- conversations: preparing and holding (views/holding.py) ---
    # A driegesprek of world.student held by the group's mentor, built on first use (holding_conversation).
    # Student, guardian, mentor and counsellor open the hub; only the student and the guardian prepare; guide
    # mode, notes and tags are for mentor and counsellor; the student may also open student-chair mode.
    "conversations:detail": Row(
        kwargs=lambda o: {"pk": holding_conversation(o).pk},
        get=only(student=200, guardian=200, mentor=200, counsellor=200),
    ),
    "conversations:prepare": Row(
        kwargs=lambda o: {"pk": holding_conversation(o).pk}, get=only(student=200, guardian=200)
    ),
    "conversations:guide": Row(
        kwargs=lambda o: {"pk": holding_conversation(o).pk}, get=only(mentor=200, counsellor=200)
    ),
    "conversations:chair": Row(
        kwargs=lambda o: {"pk": holding_conversation(o).pk}, get=only(student=200, mentor=200, counsellor=200)
    ),
    "conversations:autosave": Row(
        kwargs=lambda o: {"pk": holding_conversation(o).pk},
        get=POST_ONLY,
        post=only(mentor=ALLOWED, counsellor=ALLOWED),
        post_data=lambda o: {"phase": "goal", "text": "Wil weten wat bij haar past."},
    ),
    "conversations:private_note": Row(
        kwargs=lambda o: {"pk": holding_conversation(o).pk},
        get=POST_ONLY,
        post=only(mentor=ALLOWED, counsellor=ALLOWED),
        post_data=lambda o: {"text": "Let op: wil graag zelf kiezen."},
    ),
    "conversations:mentor_goal": Row(
        kwargs=lambda o: {"pk": holding_conversation(o).pk},
        get=POST_ONLY,
        post=only(mentor=ALLOWED, counsellor=ALLOWED),
        # The version of an empty goal: what the editor of a new conversation starts from.
        post_data=lambda o: {
            "mentor_goal": "Doorvragen op de stage.",
            "version": version_of({"mentor_goal": ""}),
        },
    ),
    "conversations:tag": Row(
        kwargs=lambda o: {"pk": holding_conversation(o).pk},
        get=POST_ONLY,
        post=only(mentor=ALLOWED, counsellor=ALLOWED),
        post_data=lambda o: {"kind": "occupation", "text": "kok"},
    ),
    "conversations:tag_delete": Row(
        kwargs=lambda o: {"pk": holding_extra(o)["tag"].pk},
        get=POST_ONLY,
        post=only(mentor=ALLOWED, counsellor=ALLOWED),
    ),
    # The student's own voice note: the student and the people who hold the conversation.
    "conversations:preparation_voice": Row(
        serves="audio/",
        kwargs=lambda o: {"pk": holding_extra(o)["preparation"].pk},
        get=only(student=200, mentor=200, counsellor=200),
    ),
    # --- conversations: closing, agreements, evaluation (views/closing.py) ---
    # A conversation of world.student held by the group's mentor an hour ago (see closing_conversation): the
    # mentor and the counsellor close it (an empty POST shows the form again with its messages) and note what
    # worked once it is closed; only the student of the conversation evaluates it.
    "conversations:close": Row(
        kwargs=lambda o: {"pk": closing_conversation(o, closed=False).pk},
        get=only(mentor=200, counsellor=200),
        post=only(mentor=200, counsellor=200),
    ),
    "conversations:reflect": Row(
        kwargs=lambda o: {"pk": closing_conversation(o, closed=True).pk},
        get=only(mentor=200, counsellor=200),
        post=only(mentor=Redirect("conversations:reflect"), counsellor=Redirect("conversations:reflect")),
    ),
    "conversations:evaluate": Row(
        kwargs=lambda o: {"pk": closing_conversation(o, closed=True).pk},
        get=only(student=200),
        post=only(student=200),
    ),
    # --- conversations: mirror, printable card and report, group conversations (views/mirror.py) ---
    # The own mirror is for whoever holds conversations; the school mirror (aggregates, no names) for the
    # counsellor and the leader. The card is for mentors and counsellors. The report of world.student's
    # closed conversation (see mirror_conversation) is for the student and the people who hold it, and for
    # the guardian only when shared. Group conversations of world.group are recorded by its mentor or a
    # counsellor.
    "conversations:mirror": Row(get=only(mentor=200, counsellor=200, outsider=200)),
    "conversations:mirror_school": Row(get=only(counsellor=200, leader=200, outsider=200)),
    "conversations:card_pdf": Row(
        serves="application/pdf",
        kwargs=lambda o: {"pk": mirror_conversation(o, shared=False).type.pk},
        get=only(mentor=200, counsellor=200),
    ),
    "conversations:report_pdf": [
        Row(
            serves="application/pdf",
            variant="private",
            kwargs=lambda o: {"pk": mirror_conversation(o, shared=False).pk},
            get=only(**FOLLOWERS),
        ),
        Row(
            serves="application/pdf",
            variant="shared",
            kwargs=lambda o: {"pk": mirror_conversation(o, shared=True).pk},
            get=only(**FOLLOWERS, guardian=200),
        ),
    ],
    "conversations:group_record": Row(
        kwargs=lambda o: {"pk": group_conversation(o).pk}, get=only(mentor=200, counsellor=200)
    ),
    # --- conversations: planning (views/planning.py) ---
    # A planned driegesprek of world.student with the guardian, held by the group's mentor (see
    # planning_conversation). The mentor's overview is for mentors; "Mijn gesprekken" for students and
    # guardians. Mentors and counsellors plan (an empty POST shows the form again), reschedule and cancel; the
    # .ics is for everyone who may see the conversation. Rounds and types are the counsellor's.
    "conversations:mentor": Row(get=only(mentor=200, counsellor=200, outsider=200)),
    "conversations:mentor_ics": Row(
        serves="text/calendar", get=only(mentor=200, counsellor=200, outsider=200)
    ),
    "conversations:mine": Row(get=only(student=200, classmate=200, guardian=200)),
    "conversations:plan": Row(
        get=only(mentor=200, counsellor=200, outsider=200),
        post=only(mentor=200, counsellor=200, outsider=200),
    ),
    "conversations:reschedule": Row(
        kwargs=lambda o: {"pk": planning_conversation(o).pk},
        get=only(mentor=200, counsellor=200),
        post=only(mentor=200, counsellor=200),
    ),
    "conversations:cancel": Row(
        kwargs=lambda o: {"pk": planning_conversation(o).pk},
        get=only(mentor=200, counsellor=200),
        post=only(mentor=Redirect("conversations:mentor"), counsellor=Redirect("conversations:plan")),
    ),
    "conversations:ics": Row(
        serves="text/calendar",
        kwargs=lambda o: {"pk": planning_conversation(o).pk},
        get=only(student=200, guardian=200, mentor=200, counsellor=200),
    ),
    "conversations:rounds": Row(get=only(counsellor=200, outsider=200)),
    "conversations:round_new": Row(
        get=only(counsellor=200, outsider=200), post=only(counsellor=200, outsider=200)
    ),
    "conversations:round_edit": Row(
        kwargs=lambda o: {"pk": planning_round(o).pk},
        get=only(counsellor=200),
        post=only(counsellor=200),
    ),
    "conversations:types": Row(get=only(counsellor=200, outsider=200)),
    "conversations:type_new": Row(
        get=only(counsellor=200, outsider=200), post=only(counsellor=200, outsider=200)
    ),
    "conversations:type_edit": Row(
        kwargs=lambda o: {"pk": planning_conversation(o).type.pk},
        get=only(counsellor=200),
        post=only(counsellor=200),
    ),
}


# --- conversations: preparing and holding (objects built on first use, so other rows pay nothing) ---


def holding_conversation(o: Objects) -> Any:
    cached = o.__dict__.get("_holding_conversation")
    if cached is None:
        with scopes_disabled():
            school = o.world.school
            conversation_type = f.ConversationTypeFactory(
                school=school, with_guardians=True, key="driegesprek"
            )
            cached = f.ConversationFactory(
                student=o.world.student, type=conversation_type, mentor=o.world.users["mentor"]
            )
            cached.guardians.add(o.world.users["guardian"])
        o.__dict__["_holding_conversation"] = cached
    return cached


def holding_extra(o: Objects) -> dict[str, Any]:
    cached = o.__dict__.get("_holding_extra")
    if cached is None:
        conversation = holding_conversation(o)
        with scopes_disabled():
            cached = {
                "tag": f.ConversationTagFactory(conversation=conversation, text="kapper"),
                "preparation": f.PreparationFactory(
                    conversation=conversation,
                    voice=ContentFile(b"OggS" + bytes(60), name="voorbereiding.ogg"),
                    voice_content_type="audio/ogg",
                ),
            }
        o.__dict__["_holding_extra"] = cached
    return cached


# --- conversations: closing (objects built on first use) ---


def closing_conversation(o: Objects, *, closed: bool) -> Any:
    key = f"_closing_conversation_{closed}"
    cached = o.__dict__.get(key)
    if cached is None:
        with scopes_disabled():
            cached = f.ConversationFactory(
                student=o.world.student,
                mentor=o.world.users["mentor"],
                scheduled_at=timezone.now() - dt.timedelta(hours=1),
                status="closed" if closed else "planned",
                closed_at=timezone.now() if closed else None,
            )
        o.__dict__[key] = cached
    return cached


# --- conversations: mirror, card and report, group conversations (objects built on first use) ---


def mirror_conversation(o: Objects, *, shared: bool) -> Any:
    key = f"_mirror_conversation_{shared}"
    cached = o.__dict__.get(key)
    if cached is None:
        with scopes_disabled():
            cached = f.ConversationFactory(
                student=o.world.student,
                mentor=o.world.users["mentor"],
                scheduled_at=timezone.now() - dt.timedelta(days=2),
                status="closed",
                closed_at=timezone.now() - dt.timedelta(days=2),
                shared_with_guardians=shared,
                summary="Wil graag iets met techniek.",
            )
        o.__dict__[key] = cached
    return cached


def group_conversation(o: Objects) -> Any:
    cached = o.__dict__.get("_group_conversation")
    if cached is None:
        with scopes_disabled():
            cached = f.ConversationFactory(
                student=None, group=o.world.group, school=o.world.school, mentor=o.world.users["mentor"]
            )
        o.__dict__["_group_conversation"] = cached
    return cached


# --- conversations: planning (objects built on first use) ---


def planning_conversation(o: Objects) -> Any:
    cached = o.__dict__.get("_planning_conversation")
    if cached is None:
        with scopes_disabled():
            conversation_type = f.ConversationTypeFactory(
                school=o.world.school, with_guardians=True, key="planning-driegesprek"
            )
            cached = f.ConversationFactory(
                student=o.world.student, type=conversation_type, mentor=o.world.users["mentor"]
            )
            cached.guardians.add(o.world.users["guardian"])
        o.__dict__["_planning_conversation"] = cached
    return cached


def planning_round(o: Objects) -> Any:
    cached = o.__dict__.get("_planning_round")
    if cached is None:
        with scopes_disabled():
            cached = f.ConversationRoundFactory(school_year=o.world.group.school_year, year_level=3)
        o.__dict__["_planning_round"] = cached
    return cached
