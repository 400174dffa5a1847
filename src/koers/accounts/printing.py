"""What gets printed: login cards and guardian letters, each with a QR code that opens the public address.

Used by the single card a mentor prints at once (a view) and by the jobs that print a whole group's cards
or a pile of letters (accounts/tasks.py). No request is needed: links come from KOERS_PUBLIC_URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from koers.accounts.domain.invitations import IssuedInvitation
from koers.accounts.domain.logins import IssuedCard
from koers.common.pdf import render_pdf
from koers.common.public_url import public_reverse
from koers.schools.models import Student

CARDS_STYLESHEET = "accounts/cards-print.css"
LETTER_STYLESHEET = "accounts/invitations-print.css"


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=3, omitsize=True)


def card_entry(issued: IssuedCard, student: Student, *, group_name: str, school_name: str) -> dict[str, Any]:
    return {
        "name": student.name,
        "group": group_name,
        "school": school_name,
        "qr": qr_svg(public_reverse("accounts:card_login", kwargs={"token": issued.token})),
        "issued_on": timezone.localdate(),
    }


def cards_html(cards: Sequence[dict[str, Any]]) -> str:
    return render_to_string("accounts/cards_pdf.html", {"cards": cards})


def cards_pdf(cards: Sequence[dict[str, Any]]) -> bytes:
    return render_pdf(cards_html(cards), stylesheet=CARDS_STYLESHEET)


def _guardian_language(issued: IssuedInvitation) -> str:
    """The language the school recorded for the guardian, if Koers speaks it ("" for Dutch or unknown)."""
    language = issued.guardian.preferred_language or "nl"
    return language if language != "nl" and language in dict(settings.LANGUAGES) else ""


def invitation_link(issued: IssuedInvitation) -> str:
    """The e-mail's link: it opens the activation page in the guardian's language."""
    language = _guardian_language(issued)
    return public_reverse(
        "accounts:activate_link", kwargs={"token": issued.token}, query=f"taal={language}" if language else ""
    )


def letter_entry(issued: IssuedInvitation) -> dict[str, Any]:
    guardian = issued.guardian
    language = _guardian_language(issued)
    query = f"code={issued.code}" + (f"&taal={language}" if language else "")
    qr_url = public_reverse("accounts:activate", query=query)
    return {
        "name": guardian.get_full_name() or guardian.username,
        "child": issued.invitation.student.name,
        "school": issued.invitation.school.name,
        "code": issued.code,
        "url": public_reverse("accounts:activate"),
        # The QR code opens the page in the guardian's language with the code filled in.
        "qr_url": qr_url,
        "qr": qr_svg(qr_url),
        "language": language,
        "expires": issued.invitation.expires_at,
    }


def letters_html(issued: Sequence[IssuedInvitation]) -> str:
    return render_to_string(
        "accounts/invitations/letters_pdf.html",
        {"letters": [letter_entry(one) for one in issued], "today": timezone.localdate()},
    )


def letters_pdf(issued: Sequence[IssuedInvitation]) -> bytes:
    return render_pdf(letters_html(issued), stylesheet=LETTER_STYLESHEET)
