"""``{% read_aloud text %}``: a button that reads ``text`` aloud in the page's language.

Renders nothing where espeak-ng is not installed or the text cannot be spoken, so there is never a broken
button. Several arguments are read one after the other (a heading and its question, say).
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.http import urlencode

from koers.common import speech

register = template.Library()


@register.simple_tag
def read_aloud(*texts: object) -> str:
    if not speech.available():
        return ""
    text = " ".join(strip_tags(str(t)) for t in texts if t)
    token = speech.sign(text, translation.get_language() or "nl")
    if token is None:
        return ""
    url = f"{reverse('read_aloud')}?{urlencode({'t': token})}"
    return render_to_string("read_aloud.html", {"url": url})
