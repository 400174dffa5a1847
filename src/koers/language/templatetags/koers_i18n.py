"""Language in templates: ``{% language_chooser %}``, ``{% simple_language_switch %}`` and
``{% local_text value %}``.

``local_text`` shows a content text (a catalogue name, an assignment step ...) and, when the text is Dutch
while the page is in another language, marks it ``lang="nl"`` and adds a short note in the reader's language,
so a family sees why this one text is not in theirs (usually: the school wrote or changed it).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from koers.language import simple
from koers.language.content import is_only_dutch
from koers.language.domain import languages_for
from koers.language.recorded import in_language

register = template.Library()


@register.inclusion_tag("language_chooser.html", takes_context=True)
def language_chooser(context: template.Context, idref: str = "language") -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    roles = getattr(request, "roles", None) if user is not None and user.is_authenticated else None
    names = dict(settings.LANGUAGES)
    current = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    languages = [
        {
            "code": code,
            "name": names[code],
            "dir": "rtl" if translation.get_language_info(code)["bidi"] else "ltr",
            "current": code == current,
        }
        for code in languages_for(roles)
    ]
    return {
        "languages": languages,
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
        "idref": idref,
    }


@register.inclusion_tag("simple_language_switch.html", takes_context=True)
def simple_language_switch(context: template.Context) -> dict[str, Any]:
    """The switch for simple language; on every page that asks a student or guardian something."""
    request = context.get("request")
    return {
        "on": simple.active(),
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def local_text(value: Any) -> SafeString:
    """``value`` escaped; wrapped in ``lang="nl"`` with the note when it fell back to Dutch."""
    return SafeString(
        render_to_string("local_text.html", {"text": value, "only_dutch": is_only_dutch(value)}).strip()
    )


@register.inclusion_tag("only_dutch_note.html")
def only_dutch_note(value: Any) -> dict[str, Any]:
    """Only the note, for a text rendered in its own way (a list of steps, a heading)."""
    return {"only_dutch": is_only_dutch(value)}


@register.filter
def recorded_text(value: str) -> str:
    """A text written down earlier (an access-log line) in the reader's language (language/recorded.py)."""
    return in_language(str(value or ""))
