"""The shared vocabulary of the permission matrix (tests/test_permission_matrix.py): what a persona gets
for a URL, and the objects URLs point at. Areas keep their rows in ``tests/<area>/matrix_rows*.py`` as a
``ROWS`` dict, merged into the matrix's TABLE.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from koers.schools.models import Role
from tests.conftest import PERSONAS as LOGGED_IN_PERSONAS
from tests.conftest import World

ANONYMOUS = "anonymous"
PERSONAS = [ANONYMOUS, *LOGGED_IN_PERSONAS]


@dataclass(frozen=True)
class Redirect:
    """A 302 to the named URL; ``to=None`` means anywhere except the login page."""

    to: str | None

    def __str__(self) -> str:
        return f"302->{self.to or 'elsewhere'}"


@dataclass(frozen=True)
class Allowed:
    """The request was accepted: a page, an htmx answer or a redirect, but no refusal and no error."""

    def __str__(self) -> str:
        return "allowed"


LOGIN = Redirect("login")
ALLOWED = Allowed()
Expect = int | Redirect | Allowed


@dataclass
class Objects:
    """Objects of ``world.student`` at the first school that URLs point at; private unless named shared."""

    world: World
    experience: Any
    shared_experience: Any
    evidence: Any
    shared_evidence: Any
    reflection: Any
    voice_answer: Any
    quality: Any
    compliment: Any
    ambition: Any
    step: Any
    contact: Any
    action: Any
    shared_action: Any
    remark: Any
    student_role: Role
    # Each persona's session key, logged in once for the module (``client_for`` in the matrix).
    sessions: dict[str, str] = field(default_factory=dict)


def nothing(o: Objects) -> dict[str, Any]:
    return {}


def no_query(o: Objects) -> str:
    return ""


@dataclass(frozen=True)
class Row:
    get: dict[str, Expect]
    kwargs: Callable[[Objects], dict[str, Any]] = nothing
    query: Callable[[Objects], str] = no_query
    post: dict[str, Expect] | None = None
    post_data: Callable[[Objects], dict[str, Any]] = nothing
    variant: str = ""
    # What a 200 answer to GET is: a page, or the start of a file's Content-Type ("application/pdf",
    # "audio/"). The matrix checks it; tests that read pages (languages, layout) leave files out unfetched.
    serves: str = "text/html"

    def url(self, name: str, objects: Objects) -> str:
        """The row's URL (named ``name``) for these objects; building it builds what the row points at."""
        return reverse(name, kwargs=self.kwargs(objects)) + self.query(objects)

    @property
    def points_at_objects(self) -> bool:
        kwargs = self.kwargs is not nothing and not getattr(self.kwargs, "names_no_object", False)
        return kwargs or self.query is not no_query or self.post_data is not nothing

    def __post_init__(self) -> None:
        for answers in (self.get, self.post):
            assert answers is None or set(answers) == set(PERSONAS), f"name every persona: {sorted(answers)}"


def answers(default: Expect, *, anonymous: Expect = LOGIN, **per_persona: Expect) -> dict[str, Expect]:
    """``default`` for every logged-in persona unless named; anonymous visitors go to the login page."""
    unknown = set(per_persona) - set(LOGGED_IN_PERSONAS)
    assert not unknown, f"unknown personas {unknown}"
    return {ANONYMOUS: anonymous, **dict.fromkeys(LOGGED_IN_PERSONAS, default), **per_persona}


def only(**allowed: Expect) -> dict[str, Expect]:
    """The named personas get their answer; every other logged-in persona a 404."""
    return answers(404, **allowed)


# Who may open the student's dossier: the student, the group's mentor and the school's counsellor; the
# guardian (with authority) sees only shared items. Classmate, teacher, leader, admin and outsider: nothing.
FOLLOWERS = {"student": 200, "mentor": 200, "counsellor": 200}
# Pages of the logged-in student's own dossier: every student has one, nobody else does.
OWN_DOSSIER = only(student=200, classmate=200)
# A POST-only URL answers a GET with 405 once logged in.
POST_ONLY = answers(405)


def fixed(**kwargs: Any) -> Callable[[Objects], dict[str, Any]]:
    """URL arguments that name no object (a kind, a language): every school has its own page for them."""

    def _kwargs(o: Objects) -> dict[str, Any]:
        return dict(kwargs)

    _kwargs.names_no_object = True  # type: ignore[attr-defined]
    return _kwargs


def pk(attribute: str) -> Callable[[Objects], dict[str, Any]]:
    return lambda o: {"pk": getattr(o, attribute).pk}


def of_student(o: Objects) -> dict[str, Any]:
    return {"student_pk": o.world.student.pk}


def student_only_post(redirect_to: str | Redirect | int) -> dict[str, Expect]:
    """An empty POST on one of the student's items: the student's request is handled, everyone else 404."""
    expected = Redirect(redirect_to) if isinstance(redirect_to, str) else redirect_to
    return only(student=expected)
