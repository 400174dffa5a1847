"""Turn the bytes of an export into a table of text cells, whatever the administration system produced.

Accepted: CSV (or tab-separated text) in UTF-8 with or without BOM, UTF-16 with or without BOM (Excel's
"Unicode text"; without a BOM the byte order is recognised from the zero bytes) and Windows-1252, separated by
commas, semicolons or tabs; and Excel workbooks (.xlsx, first sheet). A title row or two above the header (a
report name, a date) is passed over: the header is the first row that names most of the columns.
Every failure is a ``DecodeError`` with a Dutch message; nothing else escapes for any input.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_MERGED_CELLS = 200_000
MAX_CELL = 500
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format


class DecodeError(ValueError):
    """The file cannot be read as a table; the message says why, in Dutch."""


@dataclass(frozen=True)
class Line:
    number: int  # as a spreadsheet shows it: the header is line 1
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    lines: tuple[Line, ...]

    def to_text(self) -> str:
        return json.dumps(
            {"columns": list(self.columns), "rows": [[line.number, list(line.cells)] for line in self.lines]},
            ensure_ascii=False,
        )

    @classmethod
    def from_text(cls, text: str) -> Table:
        data = json.loads(text)
        return cls(
            columns=tuple(data["columns"]),
            lines=tuple(Line(number, tuple(cells)) for number, cells in data["rows"]),
        )

    def examples(self, count: int = 3) -> list[tuple[str, ...]]:
        return [line.cells for line in self.lines[:count]]


def decode(data: bytes, filename: str = "") -> Table:
    """The table in ``data``; raises DecodeError with a Dutch reason when there is none."""
    if not data.strip():
        raise DecodeError(_("Het bestand is leeg."))
    if data.startswith(_XLSX_MAGIC):
        rows = _xlsx_rows(data)
    elif data.startswith(_OLE_MAGIC):
        raise DecodeError(
            _(
                "Dit is een oud Excel-bestand (.xls). Bewaar het in Excel als .xlsx of als CSV en kies het "
                "opnieuw."
            )
        )
    else:
        rows = _csv_rows(_text_of(data))
    return _table(rows)


def _text_of(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif (encoding := _utf16_without_bom(data)) is not None:
        text = data.decode(encoding, errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Excel on Windows saves "CSV (gescheiden door lijstscheidingsteken)" in Windows-1252.
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise DecodeError(
            _("Dit is geen CSV- of Excel-bestand. Kies een export uit de leerlingadministratie.")
        )
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the zero bytes of mostly-Latin text give UTF-16 away; else None."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros > 0.6 and even_zeros < 0.1:
        return "utf-16-le"
    if even_zeros > 0.6 and odd_zeros < 0.1:
        return "utf-16-be"
    return None


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of semicolon, comma and tab (comma on a tie)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            _check_size(number, cells)
            rows.append((number, cells))
    except csv.Error as error:
        raise DecodeError(
            _("Koers kan regel %(line)s van het bestand niet lezen. Is het een CSV-bestand?")
            % {"line": reader.line_num}
        ) from error
    return rows


def _check_size(number: int, cells: Sequence[object]) -> None:
    if number > MAX_ROWS + 1:
        raise DecodeError(_("Het bestand heeft meer dan %(max)s regels. Splits het op.") % {"max": MAX_ROWS})
    if len(cells) > MAX_COLUMNS:
        raise DecodeError(
            _("Regel %(line)s heeft meer dan %(max)s kolommen. Is dit de goede export?")
            % {"line": number, "max": MAX_COLUMNS}
        )


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # noqa: PLC0415 - only Excel uploads need it

    rows: list[tuple[int, list[str]]] = []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                _check_size(number, list(values))
                rows.append((number, [_xlsx_cell(value) for value in values]))
            # The read-only reader does not know merged cells (it streams the rows; merges are listed after
            # them), so they are read from the sheet's XML: its path is the one private detail used.
            merged = _merged_ranges(data, getattr(sheet, "_worksheet_path", ""))
        finally:
            workbook.close()
        _fill_merged(rows, merged)
    except DecodeError:
        raise
    # openpyxl reports a damaged workbook with many kinds of exceptions (zip, XML, key, value errors ...).
    except Exception as error:
        raise DecodeError(
            _("Koers kan dit Excel-bestand niet openen. Bewaar het opnieuw als .xlsx of als CSV.")
        ) from error
    return rows


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})"')


def _merged_ranges(data: bytes, path: str) -> list[tuple[int, int, int, int]]:
    """(first column, first row, last column, last row) of every merged range of the sheet at ``path``."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415 - only Excel uploads need it

    if not path:
        return []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(path.lstrip("/"))
    ranges = []
    for ref in _MERGE.findall(xml):
        first_col, first_row, last_col, last_row = range_boundaries(ref.decode())
        ranges.append((first_col or 1, first_row or 1, last_col or 1, last_row or 1))
    return ranges


def _fill_merged(rows: list[tuple[int, list[str]]], merged: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range over several rows its top-left value, as the reader of the sheet
    sees it (one group cell over the students of that group). A range within one row (a title merged over
    the columns) is left as Excel saves it as CSV: the value once, so a title never looks like a header. At
    most ``MAX_MERGED_CELLS`` cells are filled, so a workbook of huge merges cannot keep the server busy."""
    by_number = {number: cells for number, cells in rows}
    last = max(by_number, default=0)
    budget = MAX_MERGED_CELLS
    for first_col, first_row, last_col, last_row in merged:
        top = by_number.get(first_row)
        if first_row == last_row or top is None or len(top) < first_col:
            continue
        value = top[first_col - 1]
        for number in range(first_row, min(last_row, last) + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            width = min(last_col, MAX_COLUMNS)
            budget -= width - first_col + 1
            if budget < 0:
                return
            if width > len(cells):
                cells.extend([""] * (width - len(cells)))
            cells[first_col - 1 : width] = [value] * (width - first_col + 1)


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a leerlingnummer typed as a number comes back as 123456.0
    return str(value)


def _table(rows: list[tuple[int, list[str]]]) -> Table:
    cleaned = [(number, [_clean(cell) for cell in cells]) for number, cells in rows]
    filled = [(number, cells) for number, cells in cleaned if any(cells)]
    if not filled:
        raise DecodeError(_("Het bestand is leeg."))
    start = _header_position(filled)
    filled = filled[start:]
    header = filled[0][1]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    if width == 0:
        raise DecodeError(_("De eerste regel moet de namen van de kolommen bevatten."))
    columns = _unique_names(header[:width])
    lines = tuple(
        Line(number, tuple((cells + [""] * width)[:width]))
        for number, cells in filled[1:]
        if any(cells[:width])
    )
    if not lines:
        raise DecodeError(_("Het bestand heeft alleen een kopregel en geen leerlingen."))
    return Table(columns=columns, lines=lines)


HEADER_SEARCH = 10


def _header_position(filled: list[tuple[int, list[str]]]) -> int:
    """Where the header is among the first rows: the first that fills at least half of the widest row.

    Exports saved from a report often start with a title ("Leerlingen 2026-2027") or a date in one cell;
    such a row names one or two columns where the header names them all.
    """
    counts = [sum(1 for cell in cells if cell) for _number, cells in filled[:HEADER_SEARCH]]
    widest = max(counts)
    for position, count in enumerate(counts):
        if count * 2 >= widest and (count >= 2 or widest == 1):
            return position
    return 0


def _clean(cell: str) -> str:
    # Control characters never belong in names or numbers; a stray one would otherwise reach the database.
    text = "".join(ch for ch in cell if ch >= " " or ch == "\t").replace("\t", " ")
    return text.strip()[:MAX_CELL]


def _unique_names(header: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    for position, name in enumerate(header, start=1):
        name = name or _("Kolom %(n)s") % {"n": position}
        candidate, n = name, 2
        while candidate in names:
            candidate, n = f"{name} ({n})", n + 1
        names.append(candidate)
    return tuple(names)
