"""Printable occupation cards for NT2 and ISK lessons: a pictogram, the name in Dutch and in a chosen
language, three things you do (Dutch). Made in the request: one sheet of at most forty cards."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from koers.access.gate import permit
from koers.careers.queries.catalogue import Filters, search_occupations
from koers.careers.rules import can_print_cards
from koers.common.downloads import attachment
from koers.common.pdf import render_pdf
from koers.language.content import pick_text


@login_required
@require_GET
def cards_pdf(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_print_cards)
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("taal") or "en"
    if language not in languages:
        language = "en"
    filters = Filters(query=(request.GET.get("q") or "").strip()[:80], sector=request.GET.get("sector") or "")
    search = search_occupations(role, None, filters)
    cards = [
        {
            "icon": row.occupation.icon,
            "dutch": row.occupation.texts.get("nl", row.name),
            "other": pick_text(row.occupation.texts, language, simple=False) if language != "nl" else "",
            "tasks": list(row.occupation.tasks[:3]),
        }
        for row in search.rows
    ]
    rtl = language in ("ar", "fa")
    html = render_to_string(
        "careers/cards_pdf.html", {"cards": cards, "language": language, "rtl": rtl}, request=request
    )
    return attachment(
        render_pdf(html), content_type="application/pdf", filename=f"beroepenkaarten-{language}.pdf"
    )
