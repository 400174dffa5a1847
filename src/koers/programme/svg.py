"""The LOB-lijn drawn as SVG on the server, for the page and the A3 poster.

The drawing is one accessible image: ``role="img"`` with a <title> and a <desc> that sums it up in words; the
list version next to it on the page carries every detail as text. Inside, everything is labelled with text:
months, pictograms next to words, a mark for the status (✓ done, ○ coming, ✗ missed) and a dashed border plus
the pictogram of parents and the words "met ouders" for moments with guardians, so nothing depends on colour
alone. Pictograms are Koers's own drawings (koers/pictograms): on the page they point into the sprite, on the
poster they are drawn inline, so WeasyPrint prints them as vectors. The drawing uses presentation attributes
only (no style attributes, which the content security policy forbids) and a viewBox, so it scales to any
width; the page wraps it in a scrollable figure for small screens, and the legend goes over as many rows as
it needs to be read on a phone without scrolling.
"""

from __future__ import annotations

import calendar
import datetime as dt
import textwrap
import unicodedata
from collections import defaultdict

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, ngettext, pgettext
from django.utils.translation import gettext as _

from koers.pictograms.render import svg_pictogram
from koers.programme.models import DatePrecision
from koers.programme.queries.line import (
    GUARDIAN_ICON,
    ROUND_ICON,
    STATUS_LABELS,
    STATUS_MARKS,
    LineItem,
    Status,
    YearLine,
)

WIDTH = 1200
MARGIN = 12
HEADER = 40
ROUND_HEIGHT = 26
ROUND_GAP = 6
LINE_HEIGHT = 15
CARD_PADDING = 6
CARD_GAP = 8
# Rough width of one character at a font size of 10, to wrap and cut titles to the column.
CHAR_WIDTH = 6.0
# Every text in the drawing is at least 12 units high; the figure shows the drawing at no less than its own
# width in CSS pixels (.lob-line-figure in koers.css), so on a phone no text is smaller than 12 px.
CARD_FONT_SIZE = 12
CARD_CHAR_WIDTH = CHAR_WIDTH * CARD_FONT_SIZE / 10
LEGEND_FONT_SIZE = 12
LEGEND_ROW_HEIGHT = 18
LEGEND_SEPARATOR = "   ·   "
# How wide a row of the legend may be on the page: the part of the drawing a phone 360 px wide shows before
# scrolling sideways (the figure keeps the drawing at its own width, one unit a CSS pixel; see
# .lob-line-figure in koers.css), so the whole legend is readable at once, from the left or, right to left,
# from the right. The poster uses the whole width.
LEGEND_WIDTH_ON_PHONE = 300
CARD_PICTOGRAM = 13
ROUND_PICTOGRAM = 16
LEGEND_PICTOGRAM = 16
PICTOGRAM_GAP = 4

INK = "#1b1f24"
INK_SOFT = "#4a5360"
BRAND = "#0b5c7a"
GRID = "#c9d1da"
FILLS = {
    Status.DONE: ("#e6f4ea", "#1d6b36"),
    Status.MISSED: ("#fdecea", "#a8201a"),
    Status.COMING: ("#ffffff", INK_SOFT),
    None: ("#ffffff", BRAND),
}


class Scale:
    """Maps dates of the school year to x positions: one column per month."""

    def __init__(self, months: list[dt.date]):
        self.months = months
        self.column = (WIDTH - 2 * MARGIN) / max(1, len(months))

    def index(self, day: dt.date) -> int:
        first = self.months[0]
        index = (day.year - first.year) * 12 + day.month - first.month
        return min(max(index, 0), len(self.months) - 1)

    def x(self, day: dt.date) -> float:
        first, last = self.months[0], self.months[-1]
        if day < first:
            return MARGIN
        if day > last.replace(day=calendar.monthrange(last.year, last.month)[1]):
            return WIDTH - MARGIN
        fraction = (day.day - 1) / calendar.monthrange(day.year, day.month)[1]
        return MARGIN + (self.index(day) + fraction) * self.column

    def column_x(self, index: int) -> float:
        return MARGIN + index * self.column


def text_width(text: str, font_size: float) -> float:
    """An estimate of how wide ``text`` is drawn: wide characters (pictograms) count double."""
    characters = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return characters * CHAR_WIDTH * font_size / 10


def _wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", LEGEND_FONT_SIZE) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def legend_rows(items: list[str], width: float) -> list[str]:
    """The legend's items over as many rows as it takes for none to be wider than ``width``: side by side
    where they fit, and an item too long for one row wrapped over several."""
    rows: list[str] = []
    for item in items:
        joined = f"{rows[-1]}{LEGEND_SEPARATOR}{item}" if rows else item
        if rows and text_width(joined, LEGEND_FONT_SIZE) <= width:
            rows[-1] = joined
        else:
            rows += _wrap(item, width)
    return rows


def _cut(text: str, characters: int) -> str:
    characters = max(characters, 3)
    return text if len(text) <= characters else text[: characters - 1].rstrip() + "…"


def _round_lanes(rounds: list[LineItem]) -> list[tuple[LineItem, int]]:
    """Overlapping rounds go in separate lanes, so their labels never cover each other."""
    lane_ends: list[dt.date] = []
    placed = []
    for item in rounds:
        end = item.ends_on or item.starts_on
        for lane, lane_end in enumerate(lane_ends):
            if lane_end < item.starts_on:
                lane_ends[lane] = end
                placed.append((item, lane))
                break
        else:
            lane_ends.append(end)
            placed.append((item, len(lane_ends) - 1))
    return placed


def _card_lines(item: LineItem, characters: int) -> list[tuple[str, str]]:
    """The card's lines of text, each with the pictogram drawn before it ("" for none)."""
    day = item.starts_on
    day_format = "j M" if item.precision == DatePrecision.DAY else "M"
    head = formats.date_format(day, day_format)
    if item.status:
        head = f"{head} {STATUS_MARKS[item.status]}"
    beside_pictogram = characters - int((CARD_PICTOGRAM + PICTOGRAM_GAP) / CARD_CHAR_WIDTH)
    words = textwrap.wrap(item.title, width=max(characters, 6), break_long_words=False) or [""]
    title = [_cut(text, characters) for text in words[:3]]
    if len(words) > 3:
        title[-1] = _cut(title[-1] + " …", characters)
    lines = [(item.icon, _cut(head, beside_pictogram)), *(("", text) for text in title)]
    if item.guardians:
        lines.append((GUARDIAN_ICON, _cut(pgettext("lob-lijn", "met ouders"), beside_pictogram)))
    if item.status:
        lines.append(("", _cut(str(STATUS_LABELS[item.status]), characters)))
    return lines


def legend_items(line: YearLine) -> list[tuple[str, str]]:
    """What the legend explains, each with its pictogram ("" for a mark written in text)."""
    items = [
        (ROUND_ICON, pgettext("lob-lijn", "gespreksronde")),
        (GUARDIAN_ICON, pgettext("lob-lijn", "met ouders (gestippelde rand)")),
    ]
    if any(item.status for item in line.activities):
        items += [("", f"{STATUS_MARKS[status]} {STATUS_LABELS[status]}") for status in Status]
    return items


def legend_layout(items: list[tuple[str, str]], width: float) -> list[tuple[str, str]]:
    """The legend's rows, each with the pictogram drawn before it. An item with a pictogram gets a row of its
    own (wrapped, its further lines indented under the text), because how wide a text is drawn is only
    estimated here and a pictogram after text could land on it; marks in text share rows."""
    indent = LEGEND_PICTOGRAM + PICTOGRAM_GAP
    rows: list[tuple[str, str]] = []
    texts: list[str] = []
    for pictogram, text in items:
        if pictogram:
            lines = legend_rows([text], width - indent)
            rows += [(pictogram if number == 0 else " ", row) for number, row in enumerate(lines)]
        else:
            texts.append(text)
    return rows + [("", row) for row in legend_rows(texts, width)]


def _summary(line: YearLine) -> str:
    activities, rounds, guardians = len(line.activities), len(line.rounds), len(line.guardian_moments)
    parts = [
        _("%(activities)s, %(rounds)s en %(guardians)s.")
        % {
            "activities": ngettext("%(n)s activiteit", "%(n)s activiteiten", activities) % {"n": activities},
            "rounds": ngettext("%(n)s gespreksronde", "%(n)s gespreksrondes", rounds) % {"n": rounds},
            "guardians": ngettext("%(n)s moment met ouders", "%(n)s momenten met ouders", guardians)
            % {"n": guardians},
        }
    ]
    if any(item.status for item in line.activities):
        parts.append(
            _("Gedaan: %(done)s, komt nog: %(coming)s, gemist: %(missed)s.")
            % {"done": line.done, "coming": line.coming, "missed": line.missed}
        )
    parts.append(_("De lijst bij de tijdlijn geeft dezelfde informatie als tekst."))
    return " ".join(parts)


def line_svg(
    line: YearLine,
    *,
    ident: str,
    title: str,
    today: dt.date | None = None,
    for_print: bool = False,
    rtl: bool | None = None,
) -> SafeString:
    """The whole line as one <svg> element; ``ident`` makes its element ids unique on the page.

    ``for_print`` draws the pictograms inline (a PDF fetches no sprite) and leaves out the marker of today
    (a poster hangs all year). ``rtl`` (by default: the active language is written right to left, as
    Arabic and Farsi) mirrors the drawing, so time runs from right to left as the reader reads, and sets
    ``direction="rtl"`` so every text starts at its right edge and stays readable."""
    today = today or timezone.localdate()
    scale = Scale(line.months)
    mirror = get_language_bidi() if rtl is None else rtl

    def fx(x: float) -> float:
        """A point's x: mirrored in a right-to-left drawing (text anchored at its start stays inside)."""
        return WIDTH - x if mirror else x

    def fr(x: float, width: float) -> float:
        """A box's left edge: mirrored in a right-to-left drawing."""
        return WIDTH - x - width if mirror else x

    parts: list[str] = []

    # Month columns with their names; the first month and January also carry the year.
    for index, month in enumerate(scale.months):
        x = scale.column_x(index)
        label = formats.date_format(month, "M")
        if index == 0 or month.month == 1:
            label = f"{label} {month.year}"
        parts.append(
            format_html(
                '<rect x="{}" y="0" width="{}" height="{}" fill="{}" stroke="{}"/>'
                '<text x="{}" y="26" font-size="14" font-weight="bold" text-anchor="middle" '
                'fill="{}">{}</text>',
                f"{fr(x, scale.column):.1f}",
                f"{scale.column:.1f}",
                HEADER,
                "#f4f6f8" if index % 2 else "#ffffff",
                GRID,
                f"{fx(x + scale.column / 2):.1f}",
                INK,
                label,
            )
        )

    # Conversation rounds as bars across the days they last.
    y = HEADER + ROUND_GAP
    placed = _round_lanes(line.rounds)
    lanes = max((lane for _item, lane in placed), default=-1) + 1
    for item, lane in placed:
        x1 = scale.x(item.starts_on)
        x2 = max(scale.x((item.ends_on or item.starts_on) + dt.timedelta(days=1)), x1 + 40)
        top = y + lane * (ROUND_HEIGHT + ROUND_GAP)
        pictograms = [ROUND_ICON, GUARDIAN_ICON] if item.guardians else [ROUND_ICON]
        drawn = mark_safe(
            "".join(
                svg_pictogram(
                    name,
                    x=fr(x1 + 5 + number * (ROUND_PICTOGRAM + 2), ROUND_PICTOGRAM),
                    y=top + (ROUND_HEIGHT - ROUND_PICTOGRAM) / 2,
                    size=ROUND_PICTOGRAM,
                    inline=for_print,
                )
                for number, name in enumerate(pictograms)
            )
        )
        text_start = x1 + 5 + len(pictograms) * (ROUND_PICTOGRAM + 2) + 2
        parts.append(
            format_html(
                '<g><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="5" fill="#e8eef5" '
                'stroke="{}" stroke-width="2"{}/>{}'
                '<text x="{}" y="{}" font-size="12" fill="{}">{}</text></g>',
                f"{item.type_label}: {item.title} ({item.when})"
                + (" · " + pgettext("lob-lijn", "met ouders") if item.guardians else ""),
                f"{fr(x1, x2 - x1):.1f}",
                top,
                f"{x2 - x1:.1f}",
                ROUND_HEIGHT,
                BRAND,
                mark_safe(' stroke-dasharray="6 3"') if item.guardians else "",
                drawn,
                f"{fx(text_start):.1f}",
                top + 17,
                INK,
                _cut(item.title, int((x2 - text_start - 5) / CARD_CHAR_WIDTH)),
            )
        )
    y += lanes * (ROUND_HEIGHT + ROUND_GAP) + CARD_GAP

    # Activities as cards stacked in the column of their month.
    columns: dict[int, list[LineItem]] = defaultdict(list)
    for item in line.activities:
        columns[scale.index(item.starts_on)].append(item)
    width = scale.column - 6
    characters = int((width - 2 * CARD_PADDING) / CARD_CHAR_WIDTH)
    bottom = y
    for index, items in columns.items():
        top = y
        for item in items:
            lines = _card_lines(item, characters)
            height = CARD_PADDING * 2 + LINE_HEIGHT * len(lines) - 3
            fill, stroke = FILLS[item.status]
            description = f"{item.title} · {item.type_label} · {item.when}"
            if item.status:
                description += f" · {STATUS_LABELS[item.status]}"
            start = scale.column_x(index) + 3 + CARD_PADDING
            texts = mark_safe(
                "".join(
                    format_html(
                        '{}<text x="{}" y="{}" font-size="12"{} fill="{}">{}</text>',
                        svg_pictogram(
                            pictogram,
                            x=fr(start, CARD_PICTOGRAM),
                            y=top + CARD_PADDING + LINE_HEIGHT * number,
                            size=CARD_PICTOGRAM,
                            inline=for_print,
                        )
                        if pictogram
                        else "",
                        f"{fx(start + (CARD_PICTOGRAM + PICTOGRAM_GAP if pictogram else 0)):.1f}",
                        top + CARD_PADDING + 11 + LINE_HEIGHT * number,
                        mark_safe(' font-weight="bold"') if number == 0 else "",
                        INK,
                        text,
                    )
                    for number, (pictogram, text) in enumerate(lines)
                )
            )
            parts.append(
                format_html(
                    '<g><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{}" '
                    'stroke="{}" stroke-width="2"{}/>{}</g>',
                    description,
                    f"{fr(scale.column_x(index) + 3, width):.1f}",
                    top,
                    f"{width:.1f}",
                    height,
                    fill,
                    stroke,
                    mark_safe(' stroke-dasharray="6 3"') if item.guardians else "",
                    texts,
                )
            )
            top += height + CARD_GAP
        bottom = max(bottom, top)
    bottom = max(bottom, y + 40)

    # Today, when it falls in this school year.
    if not for_print and line.months and line.months[0] <= today <= line.school_year.ends_on:
        x = scale.x(today)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="2 4"/>'
                '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
                f"{fx(x):.1f}",
                HEADER,
                f"{fx(x):.1f}",
                bottom,
                INK,
                f"{fx(x + 3):.1f}",
                bottom + 12,
                INK,
                pgettext("lob-lijn", "▲ vandaag"),
            )
        )

    # The legend says in words what the marks and borders mean.
    legend_y = bottom + 32
    rows = legend_layout(legend_items(line), WIDTH - 2 * MARGIN if for_print else LEGEND_WIDTH_ON_PHONE)
    for number, (pictogram, row) in enumerate(rows):
        baseline = legend_y + number * LEGEND_ROW_HEIGHT
        indent = LEGEND_PICTOGRAM + PICTOGRAM_GAP if pictogram else 0
        if pictogram.strip():
            parts.append(
                svg_pictogram(
                    pictogram,
                    x=fr(MARGIN, LEGEND_PICTOGRAM),
                    y=baseline - LEGEND_PICTOGRAM + 3,
                    size=LEGEND_PICTOGRAM,
                    inline=for_print,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="{}" fill="{}" class="lob-line-legend">{}</text>',
                f"{fx(MARGIN + indent):g}",
                baseline,
                LEGEND_FONT_SIZE,
                INK,
                row,
            )
        )
    height = legend_y + (len(rows) - 1) * LEGEND_ROW_HEIGHT + 20

    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="{i}-title {i}-desc" '
        'font-family="DejaVu Sans, Noto Sans, sans-serif" class="lob-line-svg" direction="{d}">'
        '<title id="{i}-title">{title}</title><desc id="{i}-desc">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=height,
        d="rtl" if mirror else "ltr",
        i=ident,
        title=title,
        desc=_summary(line),
        body=mark_safe("".join(parts)),
    )
