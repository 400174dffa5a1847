"""The table rows written in Python (``{% signal_rows %}``, ``{% quiet_rows %}``) are the template loops they
replaced, byte for byte, in every family language and for every kind of row."""

import datetime as dt

import pytest
from django.template import engines
from django.utils import timezone, translation

from koers.home.queries import StudentRow
from koers.home.templatetags.home_rows import quiet_rows, signal_rows
from koers.schools.models import Student, User

# The loop of home/_student_table.html before the rows moved to Python.
LOOP = """{% load links i18n l10n pictograms %}{% localize off %}{% for row in rows %}
    <tr{% if row.overdue_actions %} class="has-overdue"{% endif %}>
      <th scope="row">
        <a href="{% link 'dossier:student' row.student.pk %}">{{ row.name }}</a>
        {% if row.new_since %}<br><span class="pill ok">{% blocktranslate trimmed with since=row.new_since|date:"j M" %}nieuw in de groep sinds {{ since }}{% endblocktranslate %}</span>{% endif %}
        {% if row.quiet %}<br><span class="pill warn">{% translate "deze periode niets nieuws" %}</span>{% endif %}
        {% if not row.explored %}<br><a class="pill" href="{% link 'careers:student_careers' row.student.pk %}">{% translate "nog geen beroepen verkend" %}</a>{% endif %}
      </th>
      {% if show_group %}<td>{{ row.group_name|default:"—" }}</td>{% endif %}
      <td>{% if row.last_experience_on %}{{ row.last_experience_on|date:"j M Y" }}{% else %}<span class="muted">{% translate "nog geen" %}</span>{% endif %}</td>
      <td class="num">{{ row.experiences_in_period }}</td>
      <td class="num">{{ row.reflections_in_period }}</td>
      <td class="num">{{ row.open_actions }}</td>
      <td class="num">{% if row.overdue_actions %}<span class="overdue">{% pictogram "status.overdue" %} {% blocktranslate trimmed count n=row.overdue_actions %}{{ n }} te laat{% plural %}{{ n }} te laat{% endblocktranslate %}</span>{% else %}0{% endif %}</td>
      <td class="num">{{ row.compliments }}</td>
      <td><a class="button secondary small" href="{% link 'dossier:compliment_new' row.student.pk %}">{% translate "Compliment" %}<span class="visually-hidden"> {% blocktranslate trimmed with name=row.name %}geven aan {{ name }}{% endblocktranslate %}</span></a></td>
    </tr>
    {% endfor %}{% endlocalize %}"""  # noqa: E501


def rows() -> list[StudentRow]:
    def row(pk: int, first: str, last: str, **kwargs: object) -> StudentRow:
        student = Student(pk=pk, user=User(first_name=first, last_name=last))
        values: dict[str, object] = {
            "group_name": "3H2",
            "last_experience_on": dt.date(2026, 3, 9),
            "experiences_in_period": 2,
            "reflections_in_period": 1,
            "open_actions": 3,
            "overdue_actions": 0,
            "compliments": 12,
            "last_activity": timezone.now(),
            **kwargs,
        }
        return StudentRow(student=student, **values)  # type: ignore[arg-type]

    elif_ = {"new_since": dt.date(2026, 12, 1), "experiences_in_period": 0, "compliments": 0}
    return [
        row(7, "Anna", "de Vries"),
        row(12, "Bram <b>", "O'Neill & Zn", overdue_actions=1, new_since=dt.date(2026, 10, 1)),
        row(1034, "Chaimae", "El Idrissi", overdue_actions=2, quiet=True, explored=False, group_name=""),
        row(
            90, "Dmytro", "Kovalenko", last_experience_on=None, overdue_actions=1, explored=False, quiet=True
        ),
        row(100, "Elif", "Y\u0131lmaz", **elif_),
    ]


@pytest.mark.parametrize("language", ["nl", "en", "ar", "uk", "tr", "pl", "fa"])
@pytest.mark.parametrize("show_group", [False, True])
def test_signal_rows_write_what_the_template_loop_wrote(language, show_group):
    table = rows()
    with translation.override(language):
        expected = engines["django"].from_string(LOOP).render({"rows": table, "show_group": show_group})
        written = signal_rows(table, show_group)

    assert written == expected


def test_signal_rows_escape_names():
    with translation.override("nl"):
        html = signal_rows(rows(), False)

    assert "Bram &lt;b&gt; O&#x27;Neill &amp; Zn" in html
    assert "<b>" not in html


def test_the_table_template_uses_the_rows():
    table = rows()
    with translation.override("nl"):
        html = (
            engines["django"]
            .from_string('{% include "home/_student_table.html" with caption="c" %}')
            .render({"rows": table, "show_group": True})
        )
        rows_html = signal_rows(table, True)

    assert rows_html in html


# The loop of home/counsellor.html's quiet students before the rows moved to Python.
QUIET_LOOP = """{% load links i18n %}{% for student in students %}
      <tr>
        <th scope="row"><a href="{% link 'dossier:student' student.pk %}">{{ student.name }}</a></th>
        <td>{{ student.current_group|default:"—" }}</td>
        <td>{% if student.last_activity %}{{ student.last_activity|date:"j M Y" }}{% else %}<span class="pill warn">{% translate "nog nooit" %}</span>{% endif %}</td>
      </tr>
    {% endfor %}"""  # noqa: E501


def quiet() -> list[Student]:
    def student(pk: int, first: str, last: str, group: str, activity: dt.datetime | None) -> Student:
        found = Student(pk=pk, user=User(first_name=first, last_name=last))
        found.current_group = group  # type: ignore[attr-defined]
        found.last_activity = activity  # type: ignore[attr-defined]
        return found

    late_evening = dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.UTC)  # 1 April in Amsterdam
    return [
        student(3, "Anna", "de Vries", "3H2", None),
        student(41, "Bram <b>", "O'Neill & Zn", "", late_evening),
        student(5006, "Chaimae", "El Idrissi", "ISK-1", dt.datetime(2025, 11, 2, 9, 0, tzinfo=dt.UTC)),
    ]


@pytest.mark.parametrize("language", ["nl", "en", "ar", "uk", "tr", "pl", "fa"])
def test_quiet_rows_write_what_the_template_loop_wrote(language):
    students = quiet()
    with translation.override(language):
        expected = engines["django"].from_string(QUIET_LOOP).render({"students": students})
        written = quiet_rows(students)

    assert written == expected
    assert "<td>1 " in written  # 1 April: the local date, not the UTC one
    assert "<td>31 " not in written
