"""Export columns beyond the numbers: a rank printed as a range (rank_text), a tier's name
(tier_label) and the source's note on a value (source_note) reach every format, with help in
every language, and a note that looks like a formula never runs as one."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from etl import export, export_texts

NEW_COLUMNS = ("rank_text", "tier_label", "source_note")
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
# NCSI 2018: ranks the source prints only as ranges (value and rank empty).
NCSI_RANGES = {"QAT": "14-17", "SGP": "14-17", "SAU": "41-42", "GHA": "41-42"}
NCSI_2018 = export.ExportFilter(indicators=("ncsi.score",), countries=tuple(NCSI_RANGES),
                                editions=(2018,))
MOROCCO_GCI = export.ExportFilter(indicators=("itu_gci.overall",), countries=("MAR",),
                                  editions=(2020, 2024))


def read_back(fmt: str, data: bytes) -> pd.DataFrame:
    """The data rows of a file, every cell as text as the file holds it (missing: None)."""
    if fmt == "csv":
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""])
    elif fmt == "json":
        frame = pd.DataFrame(json.loads(data))
    elif fmt == "xlsx":
        rows = list(openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
                    .iter_rows(values_only=True))
        frame = pd.DataFrame(rows[1:], columns=rows[0])
    elif fmt == "parquet":
        frame = pd.read_parquet(io.BytesIO(data))
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            return read_back("csv", bundle.read("data.csv"))
    return frame.astype(object).where(frame.notna(), None)


def by_iso3(frame: pd.DataFrame, column: str) -> dict:
    return dict(zip(frame["iso3"], frame[column], strict=True))


# ---------------------------------------------------------------- the columns


def test_new_columns_sit_beside_what_they_explain():
    """rank_text beside rank, tier_label beside tier, the note after the verification status
    it explains; every earlier column is still there."""
    columns = list(export.EXPORT_COLUMNS)
    assert columns.index("rank_text") == columns.index("rank") + 1
    assert columns.index("tier_label") == columns.index("tier") + 1
    assert columns.index("source_note") == columns.index("verification") + 1
    assert set(NEW_COLUMNS) | {"indicator", "value", "rank", "tier", "source", "channel",
                               "verification", "retrieved_at", "correction"} <= set(columns)
    assert len(columns) == len(set(columns))


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f) for f in export.FORMATS])
def test_ncsi_ranges_come_out_with_their_rank_text(loaded_engine, fmt):
    """NCSI 2018 ranks printed as ranges ("14-17" for Qatar and Singapore, "41-42" for Saudi
    Arabia and Ghana) are in the file: rank_text holds the range, rank and value stay empty
    (no rank invented from a range)."""
    prepared = export.prepare_export(loaded_engine, NCSI_2018, generated_at=WHEN)
    frame = read_back(fmt, prepared.render(fmt))
    assert list(frame.columns) == list(export.EXPORT_COLUMNS)
    assert by_iso3(frame, "rank_text") == NCSI_RANGES
    assert set(by_iso3(frame, "rank").values()) == {None}
    assert set(by_iso3(frame, "value").values()) == {None}


def test_ncsi_range_in_the_csv_text(loaded_engine):
    """The line the audit found empty (GHA,2018,,0-100,,) now carries the range."""
    text = export.frame_to_csv(export.export_frame(loaded_engine, NCSI_2018))
    ghana = [line for line in text.split("\r\n") if ",GHA," in line]
    assert len(ghana) == 1 and ",2018,,0-100,,41-42,," in ghana[0]


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f) for f in export.FORMATS])
def test_morocco_gci_2020_carries_its_note(loaded_engine, fmt):
    """Morocco's GCI 2020 row says why 83.65 (printed in some press) is not its score; 2024
    names its tier."""
    prepared = export.prepare_export(loaded_engine, MOROCCO_GCI, generated_at=WHEN)
    frame = read_back(fmt, prepared.render(fmt)).set_index("edition")
    frame.index = frame.index.astype(int)
    note = frame.at[2020, "source_note"]
    assert "83.65" in note and "Malta's score" in note and "82.41" in note
    assert frame.at[2024, "tier_label"] == "Role-modelling"
    assert int(float(frame.at[2024, "tier"])) == 1
    assert frame.at[2020, "tier_label"] is None


def test_every_gci_conflict_row_carries_a_note(loaded_engine):
    """A row whose sources disagree says which value was kept: no conflict without a note."""
    frame = export.export_frame(loaded_engine, export.ExportFilter(
        indicators=("itu_gci.overall",)))
    conflicts = frame[frame["verification"] == "conflict"]
    assert len(conflicts) > 0
    assert conflicts["source_note"].fillna("").str.len().gt(0).all()


# ---------------------------------------------------------------- formulas in notes

HOSTILE_NOTES = [
    pytest.param("=HYPERLINK(\"http://evil\",\"kept 82.41\")", id="equals"),
    pytest.param("+1+cmd|' /C calc'!A0", id="plus"),
    pytest.param("-83.65 is Malta's", id="minus"),
    pytest.param("@SUM(A1:A2)", id="at"),
]


def hostile(loaded_engine, note: str) -> export.Export:
    base = export.prepare_export(loaded_engine, MOROCCO_GCI, generated_at=WHEN)
    assert "source_note" in base.frame.columns  # the export's own note column, not one added
    frame = base.frame.copy()
    frame.loc[0, "source_note"] = note
    return export.Export(frame, base.sources, base.wanted, None, base.generated_at)


@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_a_formula_like_note_is_neutralised_in_csv(loaded_engine, note):
    """CSV (the download, the ZIP's data.csv, the API's streamed CSV) writes the note with a
    leading apostrophe; the other rows' notes are untouched."""
    made = hostile(loaded_engine, note)
    for text in (made.render("csv").decode("utf-8"), "".join(export.iter_csv(made.frame))):
        back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        assert back["source_note"].tolist()[0] == "'" + note
        assert back["source_note"].tolist()[1:] == [
            "" if pd.isna(n) else n for n in made.frame["source_note"].tolist()[1:]]
    with zipfile.ZipFile(io.BytesIO(made.render("zip"))) as bundle:
        back = pd.read_csv(bundle.open("data.csv"), dtype=str, keep_default_na=False)
    assert back["source_note"].tolist()[0] == "'" + note


@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_a_formula_like_note_is_text_in_xlsx(loaded_engine, note):
    """Excel stores the note as text with a leading apostrophe: no formula anywhere."""
    book = openpyxl.load_workbook(io.BytesIO(hostile(loaded_engine, note).render("xlsx")))
    data = book["data"]
    header = [c.value for c in data[1]]
    cell = data.cell(row=2, column=header.index("source_note") + 1)
    assert cell.data_type == "s" and cell.value == "'" + note
    assert [c.coordinate for ws in book for row in ws.iter_rows() for c in row
            if c.data_type == "f"] == []


def test_json_and_parquet_keep_the_note_as_written(loaded_engine):
    """Formats no spreadsheet runs keep the note as it is."""
    note = "=1+1"
    made = hostile(loaded_engine, note)
    assert json.loads(made.render("json"))[0]["source_note"] == note
    assert pq.read_table(io.BytesIO(made.render("parquet"))).column(
        "source_note").to_pylist()[0] == note


# ---------------------------------------------------------------- column help


@pytest.mark.parametrize("lang", export_texts.LANGUAGES)
def test_every_column_has_help_in_every_language(lang):
    """Each export column is described in English, French and Arabic (README, metadata.json,
    the API's OpenAPI document)."""
    assert set(NEW_COLUMNS) <= set(export.EXPORT_COLUMNS)
    words = export_texts.TEXTS[lang]
    missing = [c for c in export.EXPORT_COLUMNS if not words.get(f"column.{c}", "").strip()]
    assert missing == []
    assert set(export.COLUMN_DESCRIPTIONS) >= set(export.EXPORT_COLUMNS)


@pytest.mark.parametrize("lang", export_texts.LANGUAGES)
def test_readme_describes_every_column_in_its_language(loaded_engine, lang):
    """The ZIP's README lists every column with its help in the bundle's language, and its
    metadata.json every column with the English help."""
    made = export.prepare_export(loaded_engine, MOROCCO_GCI, generated_at=WHEN, lang=lang)
    assert set(NEW_COLUMNS) <= set(made.frame.columns)
    with zipfile.ZipFile(io.BytesIO(made.render("zip"))) as bundle:
        readme = bundle.read("README.txt").decode("utf-8")
        meta = json.loads(bundle.read("metadata.json"))
    for column in export.EXPORT_COLUMNS:
        assert f"  {column:<16} {export_texts.text('column.' + column, lang)}" in readme
    assert {c["name"]: c["description"] for c in meta["columns"]} == {
        c: export_texts.text("column." + c, "en") for c in export.EXPORT_COLUMNS}


def test_help_says_how_tier_and_source_were_obtained():
    """The tier is not "as published": GCI 2024 tiers follow from the score with ITU's
    thresholds. The source is the publication, not always what was read: channel says how."""
    english = export_texts.TEXTS["en"]
    assert "as published" not in english["column.tier"]
    assert "thresholds" in english["column.tier"] and "95" in english["column.tier"]
    assert "channel" in english["column.source"]
    assert "conflict" in english["column.source_note"]
    assert "14-17" in english["column.rank_text"]
    for lang in ("fr", "ar"):
        words = export_texts.TEXTS[lang]
        for key in ("column.tier", "column.source", "column.rank_text", "column.source_note",
                    "column.tier_label"):
            assert words[key] != english[key], (lang, key)
        assert "95" in words["column.tier"] and "channel" in words["column.source"]
