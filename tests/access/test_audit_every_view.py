"""Every view, print and export of a dossier by someone other than the student writes exactly one audit row;
the student's own use writes none.

The URLs and their objects are the permission matrix's (``tests/test_permission_matrix.py``), so a dossier
page added there with a case here is covered by both. Media that play inside an already-logged page (photos,
video, voice answers) are not logged again; a document leaves Koers as a download and is logged on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.dossier.models import EvidenceKind
from tests import factories as f
from tests.conversations.matrix_rows import holding_conversation, holding_extra, mirror_conversation
from tests.matrix import Objects, of_student, pk
from tests.test_permission_matrix import (  # noqa: F401 (the matrix's fixtures, used by name)
    TABLE,
    _matrix,
    _media_in_tmp,
    objects,
    rows_of,
    world,
)


def document(o: Objects) -> dict[str, Any]:
    cached = o.__dict__.get("_document")
    if cached is None:
        with scopes_disabled():
            cached = f.EvidenceFactory(
                experience=o.experience,
                kind=EvidenceKind.DOCUMENT,
                file=ContentFile(f.sample_pdf().read(), name="werkstuk.pdf"),
                content_type="application/pdf",
                original_name="werkstuk.pdf",
            )
        o.__dict__["_document"] = cached
    return {"pk": cached.pk}


Kwargs = Callable[[Objects], dict[str, Any]]

# (URL name, its arguments, who reads it as someone else)
DOSSIER_READS: list[tuple[str, Kwargs, tuple[str, ...]]] = [
    ("dossier:student", of_student, ("mentor", "counsellor", "guardian")),
    ("dossier:student_timeline", of_student, ("mentor", "counsellor", "guardian")),
    ("dossier:experience", pk("experience"), ("mentor", "counsellor")),
    ("dossier:experience", pk("shared_experience"), ("guardian",)),
    ("dossier:action", pk("action"), ("mentor", "counsellor")),
    ("dossier:action", pk("shared_action"), ("guardian",)),
    ("dossier:evidence_file", document, ("mentor", "counsellor")),
    ("conversations:detail", lambda o: {"pk": holding_conversation(o).pk}, ("mentor", "counsellor")),
    ("conversations:detail", lambda o: {"pk": mirror_conversation(o, shared=True).pk}, ("guardian",)),
    ("conversations:guide", lambda o: {"pk": holding_conversation(o).pk}, ("mentor", "counsellor")),
    ("conversations:chair", lambda o: {"pk": holding_conversation(o).pk}, ("mentor", "counsellor")),
    (
        "conversations:report_pdf",
        lambda o: {"pk": mirror_conversation(o, shared=True).pk},
        ("mentor", "counsellor", "guardian"),
    ),
    (
        "conversations:preparation_voice",
        lambda o: {"pk": holding_extra(o)["preparation"].pk},
        ("mentor", "counsellor"),
    ),
    ("transfer:access_log_csv", of_student, ("counsellor",)),
]

OTHERS = [
    pytest.param(name, kwargs, persona, id=f"{name}-{persona}")
    for name, kwargs, personas in DOSSIER_READS
    for persona in personas
]

# The student's own pages that show the same things.
OWN_READS: list[tuple[str, Kwargs]] = [
    ("dossier:home", lambda o: {}),
    ("dossier:timeline", lambda o: {}),
    ("dossier:experience", pk("experience")),
    ("dossier:action", pk("action")),
    ("dossier:evidence_file", document),
    ("conversations:detail", lambda o: {"pk": holding_conversation(o).pk}),
    ("conversations:report_pdf", lambda o: {"pk": mirror_conversation(o, shared=True).pk}),
]


def rows_about(o: Objects) -> int:
    with scopes_disabled():
        return AuditEntry.objects.filter(student=o.world.student).count()


def client_as(o: Objects, persona: str) -> Client:
    client = Client()
    client.force_login(o.world.users[persona])
    return client


@pytest.mark.parametrize(("name", "kwargs", "persona"), OTHERS)
def test_dossier_read_by_someone_else_writes_exactly_one_row(objects, name, kwargs, persona):  # noqa: F811
    url = reverse(name, kwargs=kwargs(objects))
    client = client_as(objects, persona)
    before = rows_about(objects)

    response = client.get(url)

    assert response.status_code == 200, url
    assert rows_about(objects) - before == 1
    with scopes_disabled():
        newest = AuditEntry.objects.filter(student=objects.world.student).order_by("-pk").first()
    assert newest is not None
    assert newest.actor == objects.world.users[persona]
    assert newest.actor_role == persona
    assert newest.school_id == objects.world.school.pk


@pytest.mark.parametrize(("name", "kwargs"), [pytest.param(n, k, id=n) for n, k in OWN_READS])
def test_students_own_dossier_reads_write_no_row(objects, name, kwargs):  # noqa: F811
    url = reverse(name, kwargs=kwargs(objects))
    client = client_as(objects, "student")
    before = rows_about(objects)

    response = client.get(url)

    assert response.status_code == 200, url
    assert rows_about(objects) == before


def test_refused_read_writes_no_row(objects):  # noqa: F811
    url = reverse("dossier:experience", kwargs={"pk": objects.experience.pk})
    before = rows_about(objects)

    response = client_as(objects, "guardian").get(url)

    assert response.status_code == 404
    assert rows_about(objects) == before


def test_student_sees_each_read_in_who_looked(objects):  # noqa: F811
    client_as(objects, "mentor").get(reverse("dossier:student", kwargs=of_student(objects)))

    html = client_as(objects, "student").get(reverse("dossier:access_log")).content.decode()

    assert str(objects.world.users["mentor"]) in html


# --- derived: every staff page of the matrix that points at the student's objects ---
# Every URL in the permission matrix that points at objects of world.student and answers a mentor or
# counsellor with a page is a read of the dossier, unless it is named here with the reason it shows no
# dossier content. A new page is therefore covered without anyone remembering to list it.
NO_DOSSIER_CONTENT: dict[str, str] = {
    "dossier:compliment_new": "A form to give a compliment; it shows the student's name only.",
    "dossier:evidence_file": "A photo or video plays inside an experience page that was logged (documents "
    "leaving Koers are logged on their own, see DOSSIER_READS).",
    "dossier:voice_file": "A voice answer plays inside a reflection page that was logged.",
    "conversations:card_pdf": "The printable card of a conversation type: the school's questions only.",
    "conversations:group_record": "A group conversation: no one student's dossier.",
    "conversations:reschedule": "Planning: time and place, no dossier content.",
    "conversations:cancel": "Planning: time and place, no dossier content.",
    "conversations:ics": "A calendar file: time and place, no dossier content.",
    "conversations:round_edit": "A round of the school's planning; no student.",
    "conversations:type_edit": "A conversation type of the school; no student.",
    "accounts:cards_group": "Login cards of a group: names and codes, no dossier content.",
    "programme:activity_edit": "The school's programme; no student.",
    "programme:activity_remove": "The school's programme; no student.",
    "programme:activity_type_edit": "The school's programme; no student.",
    "programme:participation": "Who took part in an activity: names of a group, no dossier content.",
    "programme:assignment": "An assignment of the school's bank; no student.",
    "programme:assignment_edit": "An assignment of the school's bank; no student.",
    "programme:give": "Giving an assignment to groups; no student's work.",
    "programme:given": "A given assignment with the group's progress (counts and names), no one's work.",
    "choices:moment_edit": "A choice moment of the school's planning; no student.",
    "choices:module_edit": "An elective module of the school; no student.",
    "choices:module_pdf": "One module's lists per period: names, classes and wish ranks, no dossier content.",
    "choices:move": "Moving a student between elective modules: names only, no dossier content.",
    "choices:unit_new": "Adding an exam unit to a vocational programme of the school; no student.",
    "choices:unit_edit": "The deepenings the school offers for an exam unit; no student.",
    "careers:occupation": "An occupation of the catalogue; no student.",
    "careers:programme": "A programme of the catalogue; no student.",
    "careers:adjust": "The school's own edits of the catalogue; no student.",
    "careers:adjust_programme": "The school's own edits of the catalogue, its regional offers; no student.",
    "careers:occupation_names": "A datalist for guide mode's occupation tag, inside the guide page (logged); "
    "occupation names only.",
    "partners:partner": "A partner of the school's network, its places and who interns there (names only).",
    "partners:partner_edit": "The school's network; no student.",
    "partners:place_new": "A new internship place of the school's network; no student.",
    "partners:place_edit": "An internship place of the school's network; no student.",
    "partners:group": "Matching a group to places: names, wishes and places; a spoken reason plays through a "
    "logged view.",
    "partners:sessions": "A group's presentation sessions: dates and places; no student.",
    "partners:session": "A class's presentation session: names, places and what the class said back, like "
    "the group conversation's record; no one student's dossier.",
    "partners:make_link": "Making the supervisor's link: the student's name and the place only.",
    "partners:supervisor": "The supervisor's page, opened with its secret link; each use is kept in LinkUse.",
    "quality:scan_item": "A self-scan statement of the school; no student.",
    "quality:scan_answer": "A staff member's self-scan answers; no student.",
    "quality:scan_results": "The team's self-scan scores and the school's totals; no student.",
    "quality:scan_results_csv": "The team's self-scan scores and the school's totals; no student.",
    "quality:goal": "A policy goal and its progress in school totals; no student.",
    "quality:questionnaire": "The school's question list; no student.",
    "quality:evaluation_results": "Anonymous answers, shown only from five respondents; no student.",
    "quality:evaluation_results_csv": "Anonymous answers, shown only from five respondents; no student.",
    "quality:leaver": "The counsellor's record of where a leaver went; not the dossier.",
    "quality:leaver_answer": "A former student's own question list, opened by their secret link; no dossier.",
    "background:job": "The progress page of a background job.",
    "background:download": "A prepared file (login cards); not dossier content.",
}


def _staff_reads() -> list[Any]:

    found = []
    for name in TABLE:
        for row in rows_of(name):
            if not row.points_at_objects or name in NO_DOSSIER_CONTENT:
                continue
            for persona in ("mentor", "counsellor"):
                if row.get[persona] == 200:
                    label = f"{name}[{row.variant}]" if row.variant else name
                    found.append(pytest.param(name, row, persona, id=f"{label}-{persona}"))
    return found


@pytest.mark.parametrize(("name", "row", "persona"), _staff_reads())
def test_every_staff_page_on_a_students_objects_writes_one_row(objects, name, row, persona):  # noqa: F811
    url = row.url(name, objects)
    client = client_as(objects, persona)
    before = rows_about(objects)

    response = client.get(url)

    assert response.status_code == 200, url
    assert rows_about(objects) - before == 1, (
        f"{url}: one audit row per view (or explain in NO_DOSSIER_CONTENT)"
    )
