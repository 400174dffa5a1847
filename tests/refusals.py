"""What a refusal must also prove, beyond the 404 the permission matrix already checks per URL and persona:
that it says nothing (the not-found page, none of the object's words in the body, no file served) and that it
changes nothing (every row of the named models, and the audit log, as before). For tests of refusals the
matrix cannot express: another student's object at the same school, another mentor's group, a hidden item,
a POST with real data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models
from django.http.response import HttpResponseBase
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry


def assert_not_found(response: HttpResponseBase, *hidden: str) -> None:
    """A 404 that gives nothing away: no file or download, and none of ``hidden`` (the refused object's
    words) anywhere in the answer."""
    assert response.status_code == 404
    assert not getattr(response, "streaming", False), "a refused file must not be served"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert response.get("Content-Type", "").startswith("text/html")
    body = response.content.decode()
    for text in hidden:
        assert text, "name what must stay hidden"
        # As a word of its own: a short name such as "2B9" can turn up by chance inside the page's random
        # tokens (the CSRF token, the CSP nonce), which tell nothing.
        word = rf"(?<![\w-]){re.escape(str(text))}(?![\w-])"
        assert not re.search(word, body), f"{text!r} leaked into the refusal"


def _rows(model: type[models.Model]) -> list[str]:
    return sorted(repr(row) for row in model._base_manager.values_list())


@contextmanager
def nothing_written(*changed: type[models.Model]) -> Iterator[None]:
    """Every row of ``changed`` and of the audit log is the same after the block as before it."""
    watched = (*changed, AuditEntry)
    with scopes_disabled():
        before = [_rows(model) for model in watched]
    yield
    with scopes_disabled():
        after = [_rows(model) for model in watched]
    for model, old, new in zip(watched, before, after, strict=True):
        assert old == new, f"{model.__name__} changed by a refused request"
