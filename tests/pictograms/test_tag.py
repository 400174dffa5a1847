"""{% pictogram %}: decorative next to a word, named when it stands alone, drawn inline for PDFs, and never a
broken page over a stored name the catalogue no longer has."""

from __future__ import annotations

import base64
import re

from django.template import Context, Template
from django.utils import translation

from koers.lob.vocabulary import Feeling
from koers.pictograms.catalogue import drawing
from koers.pictograms.drawings import body


def render(tag: str) -> str:
    return Template("{% load pictograms %}" + tag).render(Context({}))


def test_pictogram_next_to_its_word_is_hidden_from_screen_readers():
    html = render('{% pictogram "feeling.happy" %}')

    assert 'aria-hidden="true"' in html and "role=" not in html
    assert f'sprite.svg#{drawing("feeling.happy").id}"' in html


def test_named_pictogram_says_its_word_in_the_readers_language():
    with translation.override("ar"):
        html = render('{% pictogram "feeling.happy" named=True %}')
        word = str(Feeling.HAPPY.label)

    assert word != "Blij"
    assert f'role="img" aria-label="{word}"' in html
    assert "aria-hidden" not in html


def test_pictogram_with_its_own_label_uses_that_label():
    html = render('{% pictogram "sector.care" label="Zorg" %}')

    assert 'role="img" aria-label="Zorg"' in html


def test_pictogram_for_a_pdf_carries_the_drawing_itself():
    html = render('{% pictogram "feeling.happy" inline=True %}')

    source = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert "<use" not in html
    assert source and body(drawing("feeling.happy")) in base64.b64decode(source.group(1)).decode()
    assert 'alt=""' in html


def test_pictogram_never_writes_a_style_attribute():
    # The content security policy (common/security.py) refuses inline styles.
    html = render('{% pictogram "thing.lob_line" %}{% pictogram "thing.lob_line" inline=True %}')

    assert "style=" not in html


def test_empty_or_unknown_pictogram_renders_nothing():
    assert render('{% pictogram "" %}') == ""
    assert render('{% pictogram "🏭" %}') == ""


def test_a_decorative_pictogram_rendered_again_is_the_same_and_a_labelled_one_follows_the_language():
    first = render('{% pictogram "feeling.happy" css="icon" %}')
    with translation.override("en"):
        again = render('{% pictogram "feeling.happy" css="icon" %}')
        named = render('{% pictogram "feeling.happy" named=True %}')

    assert first == again
    assert 'aria-label="' in named and named != again


def test_a_decorative_pictogram_follows_a_changed_static_address(settings):
    render('{% pictogram "feeling.happy" %}')  # rendered once per process, then remembered

    settings.STATIC_URL = "/elders/"

    assert 'href="/elders/' in render('{% pictogram "feeling.happy" %}')
