"""``{% fragment_once "nav.html" kind=active_role.kind %}``: a template fragment that is the same for
everyone with the same values, rendered once per process and language instead of on every request.

The fragment sees only the values given in the tag (never the request, the user or the page's context), so
nothing personal can end up in the text that is kept. The text is kept per template, values, language, script
prefix and URL configuration (its links and words depend on those); a changed setting (in a test) forgets
everything. The navigation of ``base.html`` costs about 15 ``{% url %}`` and ``{% translate %}`` tags per
request otherwise.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import SafeString

register = template.Library()

_KEPT: dict[tuple[Any, ...], SafeString] = {}
_MOST = 512  # a bound, whatever values a template passes


@register.simple_tag
def fragment_once(template_name: str, **values: str | int | bool | None) -> SafeString:
    key = (
        template_name,
        tuple(sorted(values.items())),
        translation.get_language(),
        get_script_prefix(),
        get_urlconf(),
    )
    text = _KEPT.get(key)
    if text is None:
        text = SafeString(render_to_string(template_name, values))
        if len(_KEPT) >= _MOST:
            _KEPT.clear()
        _KEPT[key] = text
    return text


def _forget(**kwargs: object) -> None:
    _KEPT.clear()


setting_changed.connect(_forget)
