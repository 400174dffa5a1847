"""``{% link %}`` gives the same URL as ``{% url %}``, reversing once per name (issue 19)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix

from koers.common.templatetags import links
from koers.common.templatetags.links import link_to

NAMES = [
    ("dossier:student", (7,)),
    ("dossier:compliment_new", (123456,)),
    ("dossier:share_toggle", ()),
    ("careers:student_careers", (0,)),
    ("dossier:ambition_step_toggle", (42,)),
]


@pytest.mark.parametrize("name, args", NAMES)
def test_link_is_the_reversed_url(name, args):
    assert link_to(name, *args) == reverse(name, args=args)
    assert link_to(name, *args) == reverse(name, args=args)  # the second time from the pattern


def test_link_reverses_once_per_name(monkeypatch):
    links._PATTERNS.clear()
    calls = []
    real = links.reverse
    monkeypatch.setattr(links, "reverse", lambda *a, **k: calls.append(a) or real(*a, **k))

    urls = [link_to("dossier:student", pk) for pk in range(1, 31)]

    assert len(calls) == 1
    assert urls == [reverse("dossier:student", args=[pk]) for pk in range(1, 31)]


def test_link_follows_the_script_prefix():
    try:
        set_script_prefix("/koers/")
        assert link_to("dossier:student", 5) == reverse("dossier:student", args=[5])
        assert link_to("dossier:student", 5).startswith("/koers/")
    finally:
        clear_script_prefix()
    assert not link_to("dossier:student", 5).startswith("/koers/")


def test_link_passes_other_arguments_to_reverse():
    assert link_to("dossier:student", "12") == reverse("dossier:student", args=["12"])


def test_link_tag_in_a_template():
    rendered = Template(
        "{% load links %}{% link 'dossier:student' pk %}|{% link 'dossier:share_toggle' as u %}{{ u }}"
    )
    assert rendered.render(Context({"pk": 9})) == (
        f"{reverse('dossier:student', args=[9])}|{reverse('dossier:share_toggle')}"
    )
