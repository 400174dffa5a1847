import datetime as dt
import io

import pytest
from openpyxl import Workbook

from koers.schooladmin.importing.decode import DecodeError, decode, sniff_delimiter
from tests.schooladmin.import_support import read


def test_decode_utf8_with_bom_and_semicolons_reads_header_and_lines():
    table = decode(read("magister_week1.csv"))

    assert table.columns[0] == "Stamnr"
    assert table.lines[0].number == 2
    assert table.lines[0].cells[:4] == ("100001", "Samira", "", "El Amrani")


def test_decode_windows_1252_with_commas_keeps_accents():
    table = decode(read("somtoday_cp1252.csv"))

    assert table.lines[0].cells[1] == "Chloë"
    assert table.lines[1].cells[10] == "Buren, Ellen van"


def test_decode_utf8_without_bom_reads_accents():
    table = decode("Leerlingnummer;Roepnaam\n1;Zoë\n".encode())

    assert table.lines[0].cells == ("1", "Zoë")


def test_decode_xlsx_reads_first_sheet_with_numbers_and_dates():
    book = Workbook()
    sheet = book.active
    sheet.append(["Stamnr", "Roepnaam", "Geb.datum"])
    sheet.append([123456, "Ilse", dt.datetime(2011, 3, 4)])  # noqa: DTZ001 - an Excel cell has no zone
    buffer = io.BytesIO()
    book.save(buffer)

    table = decode(buffer.getvalue(), "export.xlsx")

    assert table.lines[0].cells == ("123456", "Ilse", "2011-03-04")


def test_decode_skips_empty_lines_but_keeps_spreadsheet_line_numbers():
    table = decode(b"Stamnr;Klas\n\n1;3K1\n;\n2;3K2\n")

    assert [line.number for line in table.lines] == [3, 5]


def test_decode_names_empty_and_repeated_headers():
    table = decode(b"Naam;;Naam\na;b;c\n")

    assert table.columns == ("Naam", "Kolom 2", "Naam (2)")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"Stamnr;Klas\n", "alleen een kopregel"),
        (b"\xd0\xcf\x11\xe0rest", ".xls"),
        (b"PK\x03\x04broken zip", "Excel-bestand"),
        (b"\x00\x01\x02\x03 binary", "geen CSV"),
    ],
)
def test_decode_bad_file_raises_dutch_reason(data, message):
    with pytest.raises(DecodeError, match=message):
        decode(data)


@pytest.mark.parametrize(
    ("header", "expected"), [("a;b,c;d", ";"), ("a,b,c", ","), ("a\tb\tc", "\t"), ("abc", ",")]
)
def test_sniff_delimiter_picks_most_frequent_separator_of_header(header, expected):
    assert sniff_delimiter(header + "\n1,2,3\n") == expected
