"""Download formats: every file opens in its reader and holds the filtered rows with sources."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from etl import export
from etl.cli import main

WANTED = export.ExportFilter(countries=("MAR", "OMN"), editions=(2020, 2024))
VIEW = "http://127.0.0.1:8050/data?v=1&country=MAR,OMN&edition=2020,2024"
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def prepared(loaded_engine) -> export.Export:
    return export.prepare_export(loaded_engine, WANTED, view_url=VIEW, generated_at=WHEN)


def rows_of(frame: pd.DataFrame) -> list[tuple]:
    """Comparable rows: key, value, rank, tier, source, snapshot (formats differ in dtypes)."""
    out = []
    for r in frame.itertuples(index=False):
        rank = None if pd.isna(r.rank) else int(r.rank)
        tier = None if pd.isna(r.tier) else int(r.tier)
        value = None if pd.isna(r.value) else round(float(r.value), 6)
        out.append((r.indicator, r.iso3, int(r.edition), value, rank, tier, r.source,
                    r.snapshot_sha256))
    return sorted(out)


def read_back(fmt: str, data: bytes) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(data))
    if fmt == "json":
        return pd.DataFrame(json.loads(data))
    if fmt == "xlsx":
        return pd.read_excel(io.BytesIO(data), sheet_name="data")
    if fmt == "parquet":
        return pd.read_parquet(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        return pd.read_csv(bundle.open("data.csv"))


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f) for f in export.FORMATS])
def test_format_holds_filtered_rows(prepared, fmt):
    """Each format reads back to exactly the filtered rows with the export columns."""
    frame = read_back(fmt, prepared.render(fmt))
    assert list(frame.columns) == list(export.EXPORT_COLUMNS)
    assert set(frame["iso3"]) == {"MAR", "OMN"}
    assert set(frame["edition"]) == {2020, 2024}
    assert rows_of(frame) == rows_of(prepared.frame)
    assert frame["source_url"].str.startswith("http").all()
    assert frame["publisher"].str.len().gt(0).all()


def test_morocco_2020_value_survives_every_format(prepared):
    """Morocco 2020 overall 82.41, rank 50, reads back the same from every format."""
    for fmt in export.FORMATS:
        frame = read_back(fmt, prepared.render(fmt))
        hit = frame[(frame["iso3"] == "MAR") & (frame["edition"] == 2020)
                    & (frame["indicator"] == "itu_gci.overall")]
        assert (float(hit["value"].iloc[0]), int(hit["rank"].iloc[0])) == (82.41, 50), fmt


def test_xlsx_sources_sheet(prepared):
    """Sheet "sources" lists publisher, document, URLs, licence, retrieval, filter and link."""
    book = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx")), read_only=True)
    assert book.sheetnames == ["data", "sources", "README"]
    cells = [[c for c in row] for row in book["sources"].iter_rows(values_only=True)]
    header = cells[0]
    assert list(header) == list(export.SOURCE_COLUMNS)
    documents = {row[header.index("document")] for row in cells[1:] if row and row[0]
                 and row[0] == "itu_gci"}
    assert documents == {"ITU Global Cybersecurity Index 2020 (4th edition)",
                         "ITU Global Cybersecurity Index 2024 (5th edition)"}
    first = cells[1]
    assert "attribution" in first[header.index("licence")]
    # A bundled file's retrieval is the day its data was copied (its sidecar's copied_on),
    # written as that day alone, not an invented midnight; a live source's is a UTC time.
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?",
                        first[header.index("first_retrieved_at")])
    about = {row[0]: row[1] for row in cells if row and row[0] and row[1] is not None}
    assert about["view"] == VIEW
    assert about["filter: country"] == "MAR, OMN"
    assert about["filter: edition"] == "2020, 2024"
    assert about["filter: group"] == "(all)"
    assert about["generated_at"] == "2026-01-02T03:04:05Z"


def test_parquet_keeps_metadata(prepared):
    """Parquet carries filter, link and sources in its key-value metadata."""
    table = pq.read_table(io.BytesIO(prepared.render("parquet")))
    meta = json.loads(table.schema.metadata[b"cyberindex"])
    assert meta["filter"] == {"country": ["MAR", "OMN"], "edition": [2020, 2024]}
    assert meta["view"] == VIEW
    assert {s["document"] for s in meta["sources"]} >= {
        "ITU Global Cybersecurity Index 2020 (4th edition)"}


def test_zip_bundle(prepared):
    """ZIP holds data.csv, sources.csv, metadata.json and a README naming filter and link."""
    with zipfile.ZipFile(io.BytesIO(prepared.render("zip"))) as bundle:
        assert sorted(bundle.namelist()) == ["README.txt", "data.csv", "metadata.json",
                                             "sources.csv"]
        readme = bundle.read("README.txt").decode("utf-8")
        meta = json.loads(bundle.read("metadata.json"))
        sources = pd.read_csv(bundle.open("sources.csv"))
    for text in (VIEW, "country: MAR, OMN", "edition: 2020, 2024", "2026-01-02T03:04:05Z",
                 "snapshot_sha256", "licence:", "International Telecommunication Union"):
        assert text in readme
    assert meta["rows"] == len(prepared.frame)
    assert [c["name"] for c in meta["columns"]] == list(export.EXPORT_COLUMNS)
    assert all(c["description"] for c in meta["columns"])
    assert sources["rows"].sum() == len(prepared.frame)


def test_empty_filter_result_still_opens(loaded_engine):
    """A group with no data gives files with headers and no rows, not errors."""
    empty = export.prepare_export(loaded_engine, export.ExportFilter(
        countries=("MAR",), editions=(2014,), indicators=("itu_gci.legal",)))
    assert empty.frame.empty
    for fmt in export.FORMATS:
        frame = read_back(fmt, empty.render(fmt)) if fmt != "json" else pd.DataFrame(
            json.loads(empty.render(fmt)), columns=list(export.EXPORT_COLUMNS))
        assert list(frame.columns) == list(export.EXPORT_COLUMNS) and frame.empty, fmt


# ---------------------------------------------------------------- formula neutralisation

DANGEROUS = [
    pytest.param("=HYPERLINK(\"http://evil\")", id="equals"),
    pytest.param("+1+cmd|' /C calc'!A0", id="plus"),
    pytest.param("-2+3", id="minus"),
    pytest.param("@SUM(A1:A2)", id="at"),
    pytest.param("\t=1+1", id="tab"),
    pytest.param("\r=1+1", id="carriage-return"),
]


def hostile_frame(text: str) -> pd.DataFrame:
    return pd.DataFrame({"indicator": [text, "itu_gci.overall"], "value": [-12.5, 3.0],
                         "rank": pd.array([-1, None], dtype="Int64")})


@pytest.mark.parametrize("text", DANGEROUS)
def test_csv_neutralises_formulas(text):
    """CSV text cells starting with = + - @ tab or CR get a leading apostrophe."""
    back = pd.read_csv(io.StringIO(export.frame_to_csv(hostile_frame(text))))
    assert back["indicator"].tolist() == ["'" + text, "itu_gci.overall"]
    assert back["value"].tolist() == [-12.5, 3.0]
    assert back["rank"].tolist()[0] == -1


@pytest.mark.parametrize("text", DANGEROUS)
def test_xlsx_neutralises_formulas(loaded_engine, text):
    """Excel text cells starting with a formula trigger are stored as text with an apostrophe."""
    base = export.prepare_export(loaded_engine, export.ExportFilter(
        countries=("MAR",), editions=(2020,), indicators=("itu_gci.overall",)))
    frame = base.frame.copy()
    frame.loc[0, "source"] = text
    frame.loc[0, "value"] = -12.5
    hostile = export.Export(frame, base.sources, base.wanted, text, base.generated_at)
    book = openpyxl.load_workbook(io.BytesIO(hostile.render("xlsx")))
    data = book["data"]
    header = [c.value for c in data[1]]
    source_cell = data.cell(row=2, column=header.index("source") + 1)
    value_cell = data.cell(row=2, column=header.index("value") + 1)
    # Some XML parsers turn a stored CR into LF on reading; the apostrophe is what matters.
    def lf(value: str) -> str:
        return value.replace("\r", "\n")

    assert source_cell.data_type == "s"
    assert lf(source_cell.value) == lf("'" + text)
    assert value_cell.data_type == "n" and value_cell.value == -12.5
    view = [row for row in book["sources"].iter_rows(values_only=True) if row[0] == "view"]
    assert lf(view[0][1]) == lf("'" + text)
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []


@pytest.mark.parametrize(("value", "written"), [
    pytest.param(-12.5, "-12.5", id="negative-float"),
    pytest.param(0.0, "0", id="zero"),
    pytest.param(82.41, "82.41", id="positive"),
])
def test_numbers_stay_numbers(value, written):
    """Numeric cells, negatives included, are written as numbers, never prefixed (a whole
    one without ".0", as its source prints it)."""
    frame = pd.DataFrame({"indicator": ["x"], "value": [value]})
    assert export.neutralise_formulas(frame)["value"].tolist() == [value]
    assert export.frame_to_csv(frame).split("\r\n")[1] == f"x,{written}"


@pytest.mark.parametrize("text", [
    pytest.param("itu_gci.overall", id="plain"),
    pytest.param("a=b", id="equals-inside"),
    pytest.param("", id="empty"),
])
def test_harmless_text_untouched(text):
    """Text without a leading trigger is written unchanged."""
    assert export.neutralise_cell(text) == text


# ---------------------------------------------------------------- CLI


@pytest.fixture
def cli_env(loaded_settings, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f) for f in export.FORMATS])
def test_cli_writes_every_format(cli_env, prepared, tmp_path, fmt):
    """`cyberindex export --format F --output FILE` writes a file that reads back the rows."""
    out = tmp_path / f"rows.{fmt}"
    result = CliRunner().invoke(main, ["export", "--country", "MAR", "--country", "OMN",
                                       "--edition", "2020", "--edition", "2024",
                                       "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert rows_of(read_back(fmt, out.read_bytes())) == rows_of(prepared.frame)


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f) for f in ("xlsx", "parquet", "zip")])
def test_cli_binary_needs_output(cli_env, fmt):
    """Binary formats without --output exit 2 with one clear line, nothing on stdout."""
    result = CliRunner().invoke(main, ["export", "--format", fmt])
    assert result.exit_code == 2
    assert "--output" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------- localised downloads


def test_every_language_has_every_key():
    """The download words exist in English, French and Arabic, with the same fields."""
    from string import Formatter

    from etl import export_texts

    english = export_texts.TEXTS["en"]
    assert set(export_texts.TEXTS) == set(export_texts.LANGUAGES)
    for lang, words in export_texts.TEXTS.items():
        assert set(words) == set(english), lang
        for key, text in words.items():
            assert text.strip(), (lang, key)
            fields = {f for _, f, _, _ in Formatter().parse(text) if f}
            assert fields == {f for _, f, _, _ in Formatter().parse(english[key]) if f}, key
    assert set(export.SOURCE_COLUMNS) <= set(english)


def test_arabic_xlsx_has_arabic_headers_and_the_same_data(prepared):
    """In Arabic the sheets and the sources header are Arabic; the data columns do not move."""
    english = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx")), read_only=True)
    book = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx", lang="ar")),
                                  read_only=True)
    assert book.sheetnames == ["البيانات", "المصادر", "اقرأني"]
    data = list(book["البيانات"].iter_rows(values_only=True))
    assert list(data[0]) == list(export.EXPORT_COLUMNS)
    assert data == list(english["data"].iter_rows(values_only=True))
    sources = list(book["المصادر"].iter_rows(values_only=True))
    assert sources[0][:4] == ("معرّف المصدر", "الناشر", "العنوان", "الوثيقة")
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in cell) for cell in sources[0])
    labels = [row[0] for row in sources if row and row[0]]
    assert "عامل التصفية: البلد" in labels and "العرض" in labels
    frame = pd.read_excel(io.BytesIO(prepared.render("xlsx", lang="ar")), sheet_name=0)
    assert rows_of(frame) == rows_of(prepared.frame)


def test_french_zip_readme_is_french(prepared):
    """The French bundle's README is French; its data files are the English bundle's."""
    with zipfile.ZipFile(io.BytesIO(prepared.render("zip", lang="fr"))) as bundle:
        readme = bundle.read("README.txt").decode("utf-8")
        data = bundle.read("data.csv")
    with zipfile.ZipFile(io.BytesIO(prepared.render("zip"))) as bundle:
        assert data == bundle.read("data.csv")
    # French typography: a no-break space before a colon (U+00A0)
    for words in ("Observations cyberindex", "Généré le\u00a0: 2026-01-02T03:04:05Z",
                  "Fichiers\u00a0:", "Sources et licences\u00a0:", "licence\u00a0: ",
                  "country: MAR, OMN", VIEW):
        assert words in readme
    for english in ("Generated:", "Files:", "Sources and licence notes:", "retrieved:",
                    "Value on the publisher's scale", "ISO 3166-1 alpha-3 country code"):
        assert english not in readme
    assert "Code pays ISO 3166-1 alpha-3" in readme  # column descriptions too; ids unchanged
    assert "  iso3 " in readme


@pytest.mark.parametrize("lang,words", [
    ("en", "take the Excel download instead"),
    ("fr", "prenez plutôt le téléchargement Excel"),
    ("ar", "نزّل ملف Excel بدلًا منه"),
])
def test_zip_readme_tells_semicolon_excel_users_how_to_open_the_csv(prepared, lang, words):
    """French Excel splits a CSV on ';', so the comma-separated data.csv opens in one column:
    the ZIP's README (which has the CSV) says what to do; the Excel download's does not."""
    with zipfile.ZipFile(io.BytesIO(prepared.render("zip", lang=lang))) as bundle:
        readme = bundle.read("README.txt").decode("utf-8")
    assert words in readme.replace("\n", " ")
    assert "data.csv" in readme
    book = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx", lang=lang)), read_only=True)
    sheet_text = " ".join(str(cell) for row in book.worksheets[-1].iter_rows(values_only=True)
                          for cell in row if cell)
    assert words not in sheet_text.replace("\n", " ")


def test_unknown_language_falls_back_to_english(prepared):
    book = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx", lang="xx")),
                                  read_only=True)
    assert book.sheetnames == ["data", "sources", "README"]


NAMES = {"fr": {"MAR": "Maroc", "OMN": "Oman"}, "ar": {"MAR": "المغرب", "OMN": "عُمان"}}


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f) for f in export.FORMATS])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_countries_are_named_in_the_export_language(loaded_engine, prepared, lang, fmt):
    """An export in French or Arabic names each country as the dashboard does in that language
    (CLDR, the countries table), and each indicator as the dashboard's catalog does, in every
    format; every other cell is the English export's."""
    from dashboard.i18n import t

    localized = export.prepare_export(loaded_engine, WANTED, view_url=VIEW, generated_at=WHEN,
                                      lang=lang)
    data = localized.render(fmt)  # the words around the data in its language too
    back = (pd.read_excel(io.BytesIO(data), sheet_name=0) if fmt == "xlsx"
            else read_back(fmt, data))
    assert list(back.columns) == list(export.EXPORT_COLUMNS)
    assert dict(zip(back["iso3"], back["country"], strict=True)) == NAMES[lang]
    assert rows_of(back) == rows_of(prepared.frame)
    english = dict(zip(prepared.frame["indicator"], prepared.frame["indicator_name"],
                       strict=True))
    assert dict(zip(back["indicator"], back["indicator_name"], strict=True)) == {
        code: t(name, lang) for code, name in english.items()}
    named = ["country", "indicator_name"]
    assert localized.frame.drop(columns=named).equals(prepared.frame.drop(columns=named))


def test_cli_lang_names_countries_in_arabic(cli_env, tmp_path):
    """`cyberindex export --lang ar` gives the file the Arabic page's download gives."""
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(main, ["export", "--country", "MAR", "--country", "OMN",
                                       "--edition", "2024", "--lang", "ar", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert dict(zip(*[pd.read_csv(out)[c] for c in ("iso3", "country")], strict=True)) == \
        NAMES["ar"]
