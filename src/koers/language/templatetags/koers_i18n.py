"""Language in templates: ``{% language_chooser %}``, ``{% simple_language_switch %}``,
``{% local_text value %}`` and the marks for what people wrote (``school_text``, ``free_text``,
``{% written %}``).

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
from django.utils.html import format_html
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


# What people wrote (a school's activity title, a student's answer) is Dutch as far as Koers knows, whatever
# language the page is in: marked ``lang="nl"`` so a screen reader pronounces it as Dutch. Free text also gets
# ``dir="auto"``: its direction follows its own first letters, so a Dutch sentence keeps its punctuation in
# a right-to-left page and an answer written in Arabic reads right to left in a Dutch one.


def _written_attributes(*, free: bool) -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    attributes = [] if language == "nl" else ['lang="nl"']
    if free:
        attributes.append('dir="auto"')
    return "".join(" " + a for a in attributes)


def _written(value: Any, *, free: bool) -> SafeString:
    if value is None or value == "":
        return SafeString("")
    attributes = _written_attributes(free=free)
    if not attributes:
        return format_html("{}", value)
    return format_html("<span{}>{}</span>", SafeString(attributes), value)


@register.filter
def school_text(value: Any) -> SafeString:
    """A title or name written by the school or a person (an activity, an experience's title)."""
    return _written(value, free=False)


@register.filter
def free_text(value: Any) -> SafeString:
    """Free text someone wrote (an answer, an agreement, a note); chain after ``linebreaksbr``."""
    return _written(value, free=True)


@register.simple_tag
def written(free: bool = True) -> SafeString:
    """The same marks as attributes, for an element that holds the text: ``<div{% written %}>``."""
    return SafeString(_written_attributes(free=free))
