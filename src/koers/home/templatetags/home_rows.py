"""Rows of the landing pages' long tables, written in one pass: ``{% signal_rows rows show_group %}`` (the
mentor's signal table) and ``{% quiet_rows students %}`` (the counsellor's quiet students).

The mentor's table is the mentor's busiest markup: some 30 rows of 9 cells, each row with two or three
links, a date, up to three pills and two translated phrases. As a ``{% for %}`` loop in the template it cost
about 120 microseconds a row (some 400 variable lookups and 40 translation nodes per table); written here,
with what is the same in every row (the translated words, the pictogram, the URL patterns) looked up once
per table, a row costs a tenth of that. The counsellor's 50 quiet rows are simpler and gain less. The
markup is the templates' loops, byte for byte (headers and captions stay in the templates);
``tests/home/test_home_rows.py`` renders both and compares. Values are escaped as the template would;
translations are not, as with ``{% translate %}``; dates and times are shown in the local time zone, as
the ``date`` filter receives them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext, ngettext

from koers.common.templatetags.links import link_pattern
from koers.pictograms.render import html_pictogram

if TYPE_CHECKING:
    from koers.home.queries import StudentRow
    from koers.schools.models import Student

register = template.Library()


# One row as ``home/_student_table.html`` wrote it in its ``{% for %}`` loop, whitespace included.
ROW = """
    <tr{overdue_class}>
      <th scope="row">
        <a href="{dossier}">{name}</a>
        {new}
        {quiet}
        {explored}
      </th>
      {group}
      <td>{last}</td>
      <td class="num">{experiences}</td>
      <td class="num">{reflections}</td>
      <td class="num">{open_actions}</td>
      <td class="num">{overdue}</td>
      <td class="num">{compliments}</td>
      <td><a class="button secondary small" href="{compliment_new}">{compliment}\
<span class="visually-hidden"> {give_to}</span></a></td>
    </tr>
    """


@register.simple_tag
def signal_rows(rows: Iterable[StudentRow], show_group: bool) -> SafeString:
    # What is the same in every row, once per table. Translations go in unescaped, as {% translate %} does.
    quiet = '<br><span class="pill warn">' + gettext("deze periode niets nieuws") + "</span>"
    not_explored = '<br><a class="pill" href="{}">' + gettext("nog geen beroepen verkend") + "</a>"
    none_yet = '<span class="muted">' + gettext("nog geen") + "</span>"
    new_since = gettext("nieuw in de groep sinds %(since)s")
    give_to = gettext("geven aan %(name)s")
    compliment = gettext("Compliment")
    overdue_icon = html_pictogram("status.overdue")
    late: dict[int, str] = {}
    dossier = link_pattern("dossier:student")
    careers = link_pattern("careers:student_careers")
    compliment_new = link_pattern("dossier:compliment_new")
    out = []
    for row in rows:
        pk = row.student.pk
        name = escape(row.name)
        overdue = row.overdue_actions
        if overdue and overdue not in late:
            late[overdue] = ngettext("%(n)s te laat", "%(n)s te laat", overdue) % {"n": overdue}
        out.append(
            ROW.format(
                overdue_class=' class="has-overdue"' if overdue else "",
                dossier=dossier.format(pk),
                name=name,
                new=(
                    '<br><span class="pill ok">'
                    + new_since % {"since": escape(format_date(row.new_since, "j M"))}
                    + "</span>"
                )
                if row.new_since
                else "",
                quiet=quiet if row.quiet else "",
                explored=not_explored.format(careers.format(pk)) if not row.explored else "",
                group=f"<td>{escape(row.group_name or '—')}</td>" if show_group else "",
                last=escape(format_date(row.last_experience_on, "j M Y"))
                if row.last_experience_on
                else none_yet,
                experiences=row.experiences_in_period,
                reflections=row.reflections_in_period,
                open_actions=row.open_actions,
                overdue=f'<span class="overdue">{overdue_icon} {late[overdue]}</span>' if overdue else "0",
                compliments=row.compliments,
                compliment_new=compliment_new.format(pk),
                compliment=compliment,
                give_to=give_to % {"name": name},
            )
        )
    return mark_safe("".join(out))  # every value is escaped above


# One row as ``home/counsellor.html`` wrote it in its ``{% for %}`` loop, whitespace included.
QUIET_ROW = """
      <tr>
        <th scope="row"><a href="{dossier}">{name}</a></th>
        <td>{group}</td>
        <td>{last}</td>
      </tr>
    """


@register.simple_tag
def quiet_rows(students: Iterable[Student]) -> SafeString:
    """The rows of quiet students (``quiet_students`` with ``with_users``: ``last_activity`` and
    ``current_group`` on each)."""
    never = '<span class="pill warn">' + gettext("nog nooit") + "</span>"
    dossier = link_pattern("dossier:student")
    out = []
    for student in students:
        last = getattr(student, "last_activity", None)
        if last is not None and is_aware(last):
            last = localtime(last)  # as the template gives it to the date filter
        out.append(
            QUIET_ROW.format(
                dossier=dossier.format(student.pk),
                name=escape(student.name),
                group=escape(getattr(student, "current_group", "") or "—"),
                last=escape(format_date(last, "j M Y")) if last else never,
            )
        )
    return mark_safe("".join(out))  # every value is escaped above
