"""Simple language: a student (or guardian) who reads with difficulty switches it on once, and from then on
every prompt that has a simpler version shows that version, in whatever language Koers speaks to them.

The choice is saved on the person (``User.simple_language``). ``UserLanguageMiddleware`` turns it on for the
request with ``override``; code asks ``active()``. A prompt with two versions is written as

    label=simpler(_("Wat wil je dat dit gesprek je oplevert?"), _("Wat wil je na het gesprek weten?"))

Both texts stay ordinary translatable strings (so each language has its own simple version), and the choice
between them is made lazily, when the prompt is shown, not when the form class is defined. Content files
(reflection questions, qualities) carry their simple versions as ``nl_simple``, ``ar_simple`` ... and ask
``active()`` the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.functional import lazy

_active: ContextVar[bool] = ContextVar("koers_simple_language", default=False)


def active() -> bool:
    return _active.get()


@contextmanager
def override(on: bool) -> Iterator[None]:
    """Simple language on or off for the duration of the block (one request, an e-mail, a test)."""
    token = _active.set(on)
    try:
        yield
    finally:
        _active.reset(token)


def _pick(usual: object, simple: object) -> str:
    return str(simple if active() else usual)


_lazy_pick = lazy(_pick, str)

# Every pair made, so a test can check that each simple version is simpler and translated.
PAIRS: list[tuple[object, object]] = []


def simpler(usual: object, simple: object) -> str:
    """A prompt and its simple-language version, chosen each time it is shown. Like ``gettext_lazy``, it
    belongs where a form is defined (module level), not in code that runs per request."""
    PAIRS.append((usual, simple))
    return _lazy_pick(usual, simple)
