"""docs/privacy.md says what the register says: schools copy it into their privacy statement."""

from __future__ import annotations

import pytest

from koers.transfer.privacy_doc import DOC, END, START, document_with_table
from koers.transfer.register import REGISTER


@pytest.fixture(scope="module")
def document() -> str:
    return DOC.read_text(encoding="utf-8")


def test_privacy_doc_table_matches_the_register(document):
    assert START in document and END in document
    assert document == document_with_table(document), (
        "docs/privacy.md is behind the register: run python -m koers.transfer.privacy_doc --write"
    )


def test_privacy_doc_mentions_every_register_model(document):
    missing = [entry.label for entry in REGISTER if f"`{entry.label}`" not in document]

    assert not missing


@pytest.mark.parametrize(
    "topic",
    [
        "Login data",
        "Import files",
        "Transfer",
        "Requests for access",
        "Audit log",
        "24 months by default",
        "koers retention",
        "Backups",
        "check --deploy",
        "formula",
    ],
)
def test_privacy_doc_covers_what_a_school_needs(document, topic):
    assert topic in document
