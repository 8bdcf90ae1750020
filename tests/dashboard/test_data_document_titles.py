"""Data page: every document title a value can carry reads in the page's language: GCI's
whole titles, the UN E-Government Survey of a year and the NCSI snapshot (titled templates),
the World Bank's old vintage; and a filter typed in the page's words still means the stored
title."""

from __future__ import annotations

import pytest

from dashboard import table_cells

TITLES = [
    "UN E-Government Survey 2022",
    "NCSI snapshot: 2025 relaunch, 61 countries listed",
    "WDI bulk CSV, last updated 2017-02-01 (old vintage)",
    "ITU Global Cybersecurity Index 2020 (4th edition)",
]


def plain(text: str) -> str:
    return table_cells._MARKS.sub("", text)


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_document_cell_is_translated(title, lang):
    """No title stays English on a French or Arabic page (the year kept as written)."""
    said = plain(table_cells.cell_text("source", title, lang))
    assert said != title
    assert "Survey" not in said and "snapshot" not in said and "last updated" not in said
    if "2022" in title:
        assert "2022" in said


def test_english_keeps_the_title():
    assert all(table_cells.cell_text("source", title, "en") == title for title in TITLES)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_translated_title_is_a_spelling_of_the_stored_one(lang):
    """The filter row matches the page's words back to the stored title."""
    title = TITLES[0]
    said = table_cells.cell_text("source", title, lang)
    assert plain(said) in {plain(s) for s in table_cells.spellings("source", title)}
