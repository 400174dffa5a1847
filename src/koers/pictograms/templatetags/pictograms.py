"""``{% pictogram "feeling.happy" %}``: one of Koers's pictograms, the same drawing on every device.

Decorative by default (``aria-hidden``), because the word beside it says what it means. ``label=`` gives it an
accessible name when it stands alone; ``named=True`` takes the catalogue's own word for it (a feeling, a
competence, a sector). ``css=`` adds classes ("icon" makes it larger). ``inline=True`` writes the drawing
itself, for PDFs. An empty name (an activity type without a pictogram) renders nothing, and so does a name
that is not in the catalogue (a stored value from an older release), so a page never breaks over a picture.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from koers.pictograms.catalogue import exists
from koers.pictograms.labels import label_for
from koers.pictograms.render import html_pictogram

register = template.Library()


@register.simple_tag
def pictogram(
    name: str, label: object | None = None, named: bool = False, css: str = "", inline: bool = False
) -> SafeString | str:
    if not name or not exists(name):
        return ""
    if named and not label:
        label = label_for(name)
    return html_pictogram(name, label=label, css=css, inline=inline)
