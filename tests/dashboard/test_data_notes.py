"""Notes of the bundled data files in French and Arabic: every note of the EGDI, NCSI and World
Bank files is said in the page's language (the EGDI notes part by part, a source's row name and
field ids kept as written); a note with a part the catalog lacks stays English, whole."""

from __future__ import annotations

import csv

import pytest

from dashboard import i18n, layout
from etl.settings import Settings

NOTED = ("egdi_scores.csv", "ncsi_snapshots.csv", "worldbank_wdi_2017_vintage.csv")


def _notes(name: str) -> set[str]:
    with (Settings().datasets_dir / name).open(encoding="utf-8", newline="") as handle:
        return {row["source_note"] for row in csv.DictReader(handle) if row["source_note"]}


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("name", NOTED)
def test_every_note_is_said_in_the_language(name, lang):
    """No note of these files is left in English on a French or Arabic page."""
    untranslated = [note for note in _notes(name) if i18n.data_text(note, lang) is None]
    assert not untranslated, untranslated[:3]


def test_a_note_by_parts_keeps_the_row_name_and_fields():
    """The 2020 caveat an Arabic reader needs, and a row's name and field ids as written."""
    note = ("UN DESA EGOV_DATA_2024.csv mirrored in a course repo; values as published; "
            "source row name 'Cote d'Ivoire'; confirmed: egdi, egdi_rank")
    said = i18n.data_text(note, "ar")
    assert "«Cote d'Ivoire»" in said and "egdi, egdi_rank" in said
    assert "؛ " in said and "source row name" not in said
    caveat = i18n.data_text("UN E-Government Survey 2020 rank only, as recalled in 2024 press; "
                            "no 2020 data file found", "ar")
    assert caveat.startswith("مسح الأمم المتحدة للحكومة الإلكترونية") and "المرتبة فقط" in caveat


def test_a_part_not_catalogued_leaves_the_note_english():
    """One unknown part: the whole note as written, marked English (not half translated)."""
    note = "values as published; a part no catalog holds"
    assert i18n.data_text(note, "fr") is None
    shown = layout.catalog_text(note, "fr")
    assert shown.children == note and shown.lang == "en"
    assert i18n.data_text(note, "en") == note


def test_the_data_tables_cell_says_the_note_as_the_pages_do():
    """The Data table's source-note cell (dashboard.table_cells) reads the note as the other
    pages do: the EGDI 2020 caveat in French and Arabic, not in English."""
    from dashboard import table_cells

    note = ("UN E-Government Survey 2020 rank only, as recalled in 2024 press; "
            "no 2020 data file found")
    assert table_cells.cell_text("source_note", note, "fr") == i18n.data_text(note, "fr")
    assert table_cells.cell_text("source_note", note, "ar").lstrip("\u200f") == i18n.data_text(
        note, "ar")
    assert table_cells.cell_text("source_note", note, "en") == note


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_stored_ncsi_note_is_said_in_the_language(loaded_engine, lang):
    """The NCSI source writes each figure's note as "snapshot: <description>; 61 countries in
    the index; <the file's note>" (etl/sources/ncsi.py), the file's note itself holding "; ":
    each is said whole in French and Arabic, the description and the file's note by their
    own catalog entries, the count in the reader's words."""
    from etl import store

    notes = set(store.observations_frame(loaded_engine, ["ncsi.score"])["source_note"].dropna())
    assert len(notes) >= 5
    said = {note: i18n.data_text(note, lang) for note in notes}
    assert all(said.values()), [n for n, s in said.items() if s is None]
    relaunch = next(n for n in notes if n.startswith("snapshot: 2025 relaunch"))
    assert "no scores given" not in said[relaunch] and "61" in said[relaunch]
