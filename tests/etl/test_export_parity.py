"""Download parity: a page's link, the API and the CLI give the same rows for one filter, and
every format writes each number as its source prints it (100, not 100.0; 82.41 and 0.7149
with neither a digit more nor one less)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from etl import changelog_export, export
from etl.cli import main

# ITU prints the United States' GCI 2020 score as 100, Morocco's as 82.41.
WHOLE_SCORE = export.ExportFilter(indicators=("itu_gci.overall",), countries=("USA", "MAR"),
                                  editions=(2020,))
# A Data page view: countries, a group, indicators, editions, a row filter and a sort.
DATA_VIEW = export.ExportFilter.with_view(
    "{value} > 50", "value:desc,country:asc", indicators=("itu_gci.overall", "ncsi.score"),
    countries=("MAR", "OMN", "USA"), groups=("gcc",), editions=(2020, 2022, 2024))
# Per dataset, a filter whose rows hold whole decimals (scores of 100 and 20, percentiles).
WHOLE_DECIMALS = {
    "observations": export.ExportFilter(countries=("USA", "ARE", "OMN"), editions=(2020, 2024)),
    "crossindex": export.ExportFilter(countries=("ARE", "OMN", "MAR")),
}
WRITTEN_WHOLE_WITH_POINT = re.compile(r"-?\d+\.0")


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix(export.CSV_BOM))))


def decimal_columns(dataset: str) -> list[str]:
    return [c for c, kind in export.column_kinds(dataset).items() if kind == export.DECIMAL]


def test_a_whole_score_is_written_whole_in_every_format(loaded_engine):
    """The United States' GCI 2020 score reads 100 in the CSV (streamed or not), the ZIP's
    data.csv, the JSON and Excel, as ITU prints it and the page shows it; Parquet holds the
    declared double. Morocco's 82.41 keeps its two decimals everywhere."""
    prepared = export.prepare_export(loaded_engine, WHOLE_SCORE)
    text = prepared.render("csv").decode("utf-8")
    values = {r["iso3"]: r["value"] for r in csv_rows(text)}
    assert values == {"MAR": "82.41", "USA": "100"}
    assert "".join(export.iter_csv(prepared.frame)) == text
    bundle = zipfile.ZipFile(io.BytesIO(prepared.render("zip")))
    assert bundle.read("data.csv").decode("utf-8") == export.CSV_BOM + text
    records = {r["iso3"]: r["value"] for r in json.loads(prepared.render("json"))}
    assert records == {"MAR": 82.41, "USA": 100} and type(records["USA"]) is int
    assert "100.0" not in prepared.render("json").decode("utf-8")
    sheet = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx"))).worksheets[0]
    header, *rows = sheet.values
    column = header.index("value")
    assert sorted(row[column] for row in rows) == [82.41, 100]
    table = pq.read_table(io.BytesIO(prepared.render("parquet")))
    assert sorted(table.column("value").to_pylist()) == [82.41, 100.0]


@pytest.mark.parametrize("dataset", [pytest.param(d, id=d) for d in WHOLE_DECIMALS])
def test_no_decimal_column_writes_a_point_zero(loaded_engine, dataset):
    """In every decimal column of a dataset (scores, the Cross-index percentiles), CSV writes
    a whole value without ".0" and JSON as a whole number."""
    prepared = export.prepare_export(loaded_engine, WHOLE_DECIMALS[dataset], dataset=dataset)
    columns = decimal_columns(dataset)
    rows = csv_rows(prepared.render("csv").decode("utf-8"))
    cells = [row[c] for row in rows for c in columns]
    assert "100" in cells, "no whole decimal in the filter"
    assert not [c for c in cells if WRITTEN_WHOLE_WITH_POINT.fullmatch(c)]
    records = json.loads(prepared.render("json"))
    assert not [r[c] for r in records for c in columns
                if isinstance(r[c], float) and r[c].is_integer()]


def test_every_score_is_written_as_stored_not_rounded_nor_padded(loaded_engine):
    """Over every observation, each value's CSV text reads back the stored value exactly and
    is no longer than its shortest form: no digit lost (0.7149, 12939.775324), none added
    (97.5, not 97.50; 100, not 100.0)."""
    prepared = export.prepare_export(loaded_engine, export.ExportFilter(), with_sources=False)
    written = [r["value"] for r in csv_rows(prepared.render("csv").decode("utf-8"))]
    stored = prepared.frame["value"].tolist()
    assert len(written) == len(stored)
    for text, value in zip(written, stored, strict=True):
        if pd.isna(value):
            assert text == ""
            continue
        assert float(text) == value, (text, value)
        shortest = str(int(value)) if value.is_integer() else repr(value)
        assert text == shortest, (text, value)


def test_a_table_mixing_text_and_numbers_writes_whole_numbers_whole():
    """A table written as shown (the Compare page's ranking: names, scores, changes in one
    frame of Python objects) writes 100 and 82, keeps -14.49 a number (not neutralised) and
    neutralises a formula-like name."""
    frame = pd.DataFrame({"Country": ["Qatar", "=cmd", "Tunisia"],
                          "Score": [100.0, 97.5, 82.0],
                          "Change": [5.5, -14.49, None]}, dtype=object)
    lines = export.frame_to_csv(frame).split("\r\n")
    assert lines[1:4] == ["Qatar,100,5.5", "'=cmd,97.5,-14.49", "Tunisia,82,"]


def test_the_changelog_writes_a_whole_new_score_whole(loaded_engine):
    """The changelog's file writes the United States' GCI 2020 score as 100 (CSV and JSON),
    as the observations' file does."""
    frame = changelog_export.changes_rows(loaded_engine, iso3s=("USA",),
                                          indicator_ids=("itu_gci.overall",))
    rows = csv_rows(changelog_export.render(frame, "csv"))
    assert {r["new_value"] for r in rows
            if r["edition"] == "2020" and r["target"] == "observations"} == {"100"}
    records = json.loads(changelog_export.render(frame, "json"))
    assert {r["new_value"] for r in records
            if r["edition"] == 2020 and r["target"] == "observations"} == {100}


@pytest.fixture
def cli_env(loaded_settings, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f) for f in ("csv", "json")])
@pytest.mark.parametrize("lang", [pytest.param(x, id=x) for x in ("en", "fr", "ar")])
def test_page_link_api_and_cli_give_the_same_bytes(loaded_settings, loaded_engine, cli_env,
                                                   fmt, lang):
    """The Data page's download link for a view (countries, group, indicators, editions, a
    row filter, a sort), fetched from the API, holds the bytes `cyberindex export` writes for
    the same filter (the CSV after its byte order mark), in each language."""
    from dashboard.api import create_api_app
    from dashboard.downloads import download_url

    app = create_api_app(loaded_settings, loaded_engine)
    answer = app.test_client().get(download_url(DATA_VIEW, fmt, view="/data", lang=lang))
    assert answer.status_code == 200, answer.get_data(as_text=True)
    options = ["--indicator", "itu_gci.overall,ncsi.score", "--country", "MAR,OMN,USA",
               "--group", "gcc", "--edition", "2020,2022,2024", "--where", "{value} > 50",
               "--sort", "value:desc,country:asc", "--lang", lang]
    result = CliRunner().invoke(main, ["export", "--format", fmt, *options])
    assert result.exit_code == 0, result.output
    body = answer.get_data()
    assert body == (export.CSV_BOM.encode("utf-8") if fmt == "csv" else b"") + \
        result.stdout_bytes
    assert int(answer.headers["X-Total-Count"]) == len(
        export.prepare_export(loaded_engine, DATA_VIEW, lang=lang).frame) > 0
