"""Rows of the permission matrix for logging in (see tests/matrix.py for the vocabulary)."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from tests import factories as f
from tests.matrix import LOGIN, POST_ONLY, Objects, Redirect, Row, answers, only

EVERYONE_404 = answers(404, anonymous=404)
CARD_MANAGERS_ONLY = only(mentor=200, admin=200)
INVITERS_ONLY = only(mentor=200, counsellor=200, admin=200, outsider=200)
BACK_TO_INVITATIONS = Redirect("accounts:invitations")


def student_card(o: Objects) -> dict[str, Any]:
    cached = o.__dict__.get("_login_card")
    if cached is None:
        with scopes_disabled():
            cached = f.LoginCardFactory(student=o.world.student)
        o.__dict__["_login_card"] = cached
    return {"pk": cached.pk}


def guardian_invitation(o: Objects) -> dict[str, Any]:
    cached = o.__dict__.get("_guardian_invitation")
    if cached is None:
        with scopes_disabled():
            cached = f.GuardianInvitationFactory(student=o.world.student, guardian=o.world.users["guardian"])
        o.__dict__["_guardian_invitation"] = cached
    return {"pk": cached.pk}


ROWS: dict[str, Row | list[Row]] = {
    # Inviting guardians: admins and counsellors (every student), mentors (their own students). The
    # outsider's own school has its own page; another school's invitation is a 404.
    "accounts:invitations": Row(get=INVITERS_ONLY),
    "accounts:invitations_add": Row(get=INVITERS_ONLY),
    "accounts:invitations_send": Row(
        get=POST_ONLY,
        post=only(
            mentor=BACK_TO_INVITATIONS,
            counsellor=BACK_TO_INVITATIONS,
            admin=BACK_TO_INVITATIONS,
            outsider=BACK_TO_INVITATIONS,
        ),
    ),
    "accounts:invitations_revoke": Row(
        get=POST_ONLY,
        post=only(mentor=BACK_TO_INVITATIONS, counsellor=BACK_TO_INVITATIONS, admin=BACK_TO_INVITATIONS),
        kwargs=guardian_invitation,
    ),
    # Activating access is public: the empty form for everyone; an unknown link says it does not work.
    "accounts:activate": Row(get=answers(200, anonymous=200)),
    "accounts:activate_link": Row(
        get=answers(400, anonymous=400), kwargs=lambda o: {"token": "geen-echte-uitnodiging"}
    ),
    # Password reset is open to everyone; a link that does not work is a 404 page saying so.
    "accounts:password_reset": Row(get=answers(200, anonymous=200)),
    "accounts:password_reset_done": Row(get=answers(200, anonymous=200)),
    "accounts:password_reset_confirm": Row(
        get=EVERYONE_404, kwargs=lambda o: {"uidb64": "MQ", "token": "niet-geldig"}
    ),
    "accounts:password_reset_complete": Row(get=answers(200, anonymous=200)),
    # Everyone's own security page; "log out everywhere" ends the sessions and goes to the login page.
    "accounts:security": Row(get=answers(200)),
    "accounts:logout_everywhere": Row(get=POST_ONLY, post=answers(LOGIN)),
    # The second factor: without a device the code page sends you to setting one up.
    "accounts:otp_setup": Row(get=answers(200)),
    "accounts:otp_verify": Row(get=answers(Redirect("accounts:otp_setup"))),
    "accounts:policy": Row(get=only(admin=200)),
    # Login cards: an unknown card is a 404 for everyone; only mentors (own groups) and admins manage cards.
    "accounts:card_login": Row(get=EVERYONE_404, kwargs=lambda o: {"token": "geen-echte-kaart"}),
    "accounts:cards": Row(get=CARD_MANAGERS_ONLY),
    "accounts:cards_group": Row(get=CARD_MANAGERS_ONLY, kwargs=lambda o: {"pk": o.world.group.pk}),
    # An empty form is refused next to the field (400); the PDF itself is tested in tests/accounts.
    "accounts:cards_group_pdf": Row(
        get=POST_ONLY, post=only(mentor=400, admin=400), kwargs=lambda o: {"pk": o.world.group.pk}
    ),
    "accounts:cards_student_pdf": Row(
        get=POST_ONLY, post=only(mentor=200, admin=200), kwargs=lambda o: {"pk": o.world.student.pk}
    ),
    "accounts:cards_revoke": Row(
        get=POST_ONLY,
        post=only(mentor=Redirect("accounts:cards_group"), admin=Redirect("accounts:cards_group")),
        kwargs=student_card,
    ),
    # Single sign-on is a 404 until it is configured (tests/accounts configure it).
    "accounts:oidc_start": Row(get=EVERYONE_404),
    "accounts:oidc_callback": Row(get=EVERYONE_404),
    "accounts:saml_start": Row(get=EVERYONE_404),
    "accounts:saml_acs": Row(get=answers(405, anonymous=405), post=EVERYONE_404),
    "accounts:saml_metadata": Row(get=EVERYONE_404),
}
