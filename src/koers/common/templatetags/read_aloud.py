"""``{% read_aloud text %}``: a button that reads ``text`` aloud in the page's language.

Renders nothing where espeak-ng is not installed or the text cannot be spoken, so there is never a broken
button. Several arguments are read one after the other (a heading and its question, say).

A text shown in another language than the page's is read with that language's voice: ``lang="nl"`` says so
outright, and a school's own text that has no translation (a ``LocalText`` marked ``only_dutch``, see
language/content.py) says so itself, so ``{% read_aloud assignment.local_goal %}`` reads a Dutch goal on an
Arabic page in Dutch rather than Dutch words with an Arabic voice.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.text import Truncator

from koers.common import speech

register = template.Library()


def language_of(value: Any) -> str | None:
    """The language a text says it is in (``language.content.LocalText``: "nl" for a Dutch fallback);
    None: the page's language. Asked of the text, so read-aloud needs no part of the language area."""
    language = getattr(value, "language", None)
    return language if isinstance(language, str) and language else None


def spoken_language(texts: tuple[object, ...], lang: str | None = None) -> str:
    """The language to read ``texts`` in: ``lang``, else the first text's own, else the page's."""
    own = next((language for text in texts if (language := language_of(text))), None)
    return lang or own or translation.get_language() or "nl"


@register.simple_tag
def read_aloud(*texts: object, lang: str | None = None) -> str:
    if not speech.available():
        return ""
    text = " ".join(strip_tags(str(t)) for t in texts if t)
    token = speech.sign(text, spoken_language(texts, lang))
    if token is None:
        return ""
    url = f"{reverse('read_aloud')}?{urlencode({'t': token})}"
    # Each button is named after what it reads ("Lees voor: Wat ging goed?"), so a list of buttons is not a
    # row of identical names for a screen reader; the first text is the question or heading.
    about = Truncator(next((strip_tags(str(t)) for t in texts if t), "")).chars(80)
    return render_to_string("read_aloud.html", {"url": url, "about": about})
