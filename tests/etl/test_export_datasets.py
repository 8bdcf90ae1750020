"""The export path's other datasets (cited statements, the Cross-index table) and what every
file says about itself (Excel README sheet, right to left in Arabic, BOM, file name)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from etl import crossindex, export, export_texts
from etl.cli import main

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
VIEW = "http://127.0.0.1:8050/cross-index?v=1&country=MAR,OMN"


@pytest.fixture
def cli_env(loaded_settings, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


def statements(engine, **wanted) -> pd.DataFrame:
    return export.statements_export_frame(engine, export.ExportFilter(**wanted))


def test_every_statement_without_a_filter(loaded_engine):
    """57 INTERPOL rows and the 17 NCSI snapshots kept as statements, region-level included,
    each with its citation, snapshot, publisher and retrieval time."""
    frame = statements(loaded_engine)
    assert list(frame.columns) == list(export.STATEMENT_COLUMNS)
    assert frame["source_id"].value_counts().to_dict() == {"interpol_act": 57, "ncsi": 17}
    assert frame["iso3"].isna().sum() > 0  # "Africa (region)" facts
    for column in ("source_url", "snapshot_sha256", "publisher", "retrieved_at", "statement"):
        assert frame[column].notna().all(), column


def test_countries_source_and_edition_filter_statements(loaded_engine):
    morocco = statements(loaded_engine, countries=("MAR",), sources=("interpol_act",))
    assert set(morocco["iso3"]) == {"MAR"} and len(morocco) == 9  # 8 cited + claim check
    gcc = statements(loaded_engine, groups=("gcc",))
    assert "interpol_act" not in set(gcc["source_id"])  # the report says nothing of the Gulf
    egypt = statements(loaded_engine, countries=("EGY",), sources=("ncsi",), editions=(2018,))
    assert set(egypt["metric"]) and set(egypt["source_id"]) == {"ncsi"}
    y2023 = statements(loaded_engine, editions=(2023,), sources=("interpol_act",))
    assert len(y2023) and set(y2023["edition"]) == {2023}
    assert statements(loaded_engine, groups=("gcc",), sources=("interpol_act",)).empty


@pytest.mark.parametrize(
    ("wanted", "parameter"),
    [
        ({"sources": ("nope",)}, "source"),
        ({"countries": ("XXX",)}, "country"),
        ({"editions": (1999,)}, "edition"),
    ],
)
def test_unknown_statement_filters_are_named(loaded_engine, wanted, parameter):
    with pytest.raises(export.UnknownValueError) as caught:
        statements(loaded_engine, **wanted)
    assert caught.value.parameter == parameter


def test_filters_that_do_not_apply_are_refused(loaded_engine):
    with pytest.raises(ValueError, match="indicator cannot filter the statements"):
        export.prepare_export(
            loaded_engine, export.ExportFilter(indicators=("ncsi.score",)), dataset="statements"
        )


def test_crossindex_rows_are_the_pages_frame(loaded_engine):
    """Values, percentiles and bases within the selection, as etl.crossindex computes them
    for the page; provenance beside each index; countries in the order named."""
    picked = ("OMN", "MAR", "EGY")
    frame = export.crossindex_export_frame(loaded_engine, export.ExportFilter(countries=picked))
    page = crossindex.cross_index_frame(loaded_engine, list(picked))
    assert list(frame["iso3"]) == list(picked)
    for column in (
        "gci_value",
        "gci_percentile",
        "ncsi_rank",
        "ncsi_basis",
        "egdi_value",
        "egdi_percentile",
        "interpol_statements",
    ):
        assert (
            frame[column].astype(object).where(frame[column].notna(), None).tolist()
            == page[column].astype(object).where(page[column].notna(), None).tolist()
        ), column
    assert frame["gci_snapshot_sha256"].notna().all() and frame["egdi_source"].notna().all()


def test_crossindex_rows_say_why_sources_disagree(loaded_engine):
    """A disputed value carries its note (which figure was kept, what the others were) beside
    its verification, as the observations do: Oman's GCI 2024 97.02 against sspi's 97.01."""
    frame = export.crossindex_export_frame(
        loaded_engine, export.ExportFilter(countries=("OMN", "MAR"))).set_index("iso3")
    assert frame.at["OMN", "gci_verification"] == "conflict"
    assert "97.01" in frame.at["OMN", "gci_source_note"]
    for lang in ("en", "fr", "ar"):
        assert export_texts.column_text("crossindex", "gci_source_note", lang)


def test_interpol_scope_is_africa(loaded_engine):
    """Covered: African Union members (every country the report names is one); the Gulf is
    not: no count there, not 0. A covered country with no finding reads 0."""
    scope = crossindex.interpol_scope(loaded_engine)
    named = set(statements(loaded_engine, sources=("interpol_act",))["iso3"].dropna())
    assert named <= scope and {"MAR", "EGY", "DZA", "LBY"} <= scope
    assert not {"OMN", "SAU", "ARE", "QAT", "KWT", "BHR", "FRA"} & scope
    frame = crossindex.cross_index_frame(loaded_engine, ["MAR", "OMN", "LBY"]).set_index("iso3")
    assert frame.at["MAR", "interpol_statements"] == 8
    assert pd.isna(frame.at["OMN", "interpol_statements"])
    assert frame.at["LBY", "interpol_statements"] == 0 and frame.at["LBY", "interpol_covered"]


@pytest.mark.parametrize("dataset", list(export.DATASETS))
@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_every_format_of_every_dataset(loaded_engine, dataset, fmt):
    """Every dataset in every format reads back to its rows (same columns, same count)."""
    prepared = export.prepare_export(
        loaded_engine,
        export.ExportFilter(countries=("MAR", "OMN")),
        view_url=VIEW,
        generated_at=WHEN,
        dataset=dataset,
    )
    data = prepared.render(fmt)
    if fmt == "csv":
        back = pd.read_csv(io.BytesIO(data))
    elif fmt == "json":
        back = pd.DataFrame(json.loads(data))
    elif fmt == "xlsx":
        back = pd.read_excel(io.BytesIO(data), sheet_name="data")
    elif fmt == "parquet":
        table = pq.read_table(io.BytesIO(data))
        meta = json.loads(table.schema.metadata[b"cyberindex"])
        assert (meta["dataset"], meta["release"], meta["view"]) == (dataset, prepared.release, VIEW)
        back = table.to_pandas()
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            assert bundle.read("data.csv").startswith(b"\xef\xbb\xbf")
            back = pd.read_csv(bundle.open("data.csv"))
    assert list(back.columns) == list(prepared.frame.columns)
    assert len(back) == len(prepared.frame) > 0
    assert not prepared.sources.empty


def test_xlsx_has_a_readme_sheet(loaded_engine):
    """Sheet README: title, time, release, view, language, filter, columns, sources; the
    workbook's properties name it."""
    prepared = export.prepare_export(
        loaded_engine,
        export.ExportFilter(countries=("MAR",)),
        view_url=VIEW,
        generated_at=WHEN,
        dataset="statements",
    )
    book = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx")))
    assert book.sheetnames == ["data", "sources", "README"]
    lines = [row[0] for row in book["README"].iter_rows(values_only=True)]
    text = "\n".join(str(line) for line in lines if line)
    for said in (
        "cyberindex cited statements",
        "Generated: 2026-01-02T03:04:05Z",
        f"Data release: {prepared.release}",
        f"View: {VIEW}",
        "Language: en",
        "country: MAR",
        "value_text",
        "INTERPOL",
    ):
        assert said in text, said
    assert book.properties.title == "cyberindex cited statements"
    assert f"release {prepared.release}" in book.properties.description
    assert not any(book[s].sheet_view.rightToLeft for s in book.sheetnames)


def test_arabic_xlsx_reads_right_to_left(loaded_engine):
    prepared = export.prepare_export(
        loaded_engine, export.ExportFilter(countries=("MAR",)), lang="ar"
    )
    book = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx")))
    assert book.sheetnames == ["البيانات", "المصادر", "اقرأني"]
    assert all(book[s].sheet_view.rightToLeft for s in book.sheetnames)


def test_filename_and_headers_name_release_filter_and_view(loaded_engine):
    prepared = export.prepare_export(
        loaded_engine,
        export.ExportFilter(countries=("MAR", "OMN"), editions=(2024,)),
        view_url=VIEW,
        generated_at=WHEN,
    )
    assert (
        prepared.filename("csv")
        == f"cyberindex-observations-r{prepared.release}-20260102-030405.csv"
    )
    headers = prepared.headers()
    assert headers["X-Export-Filter"] == "country=MAR,OMN&edition=2024"
    assert headers["Link"] == f'<{VIEW}>; rel="related"; type="text/html"'
    assert headers["X-Export-Generated-At"] == "2026-01-02T03:04:05Z"


def test_cli_exports_statements_and_refuses_what_does_not_apply(cli_env, tmp_path):
    out = tmp_path / "statements.csv"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--dataset",
            "statements",
            "--country",
            "MAR",
            "--source",
            "interpol_act",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a file for a spreadsheet, as a download
    assert len(pd.read_csv(io.BytesIO(data))) == 9
    stdout = CliRunner().invoke(main, ["export", "--dataset", "statements", "--country", "MAR"])
    assert stdout.exit_code == 0 and stdout.output.startswith("source_id,")
    refused = CliRunner().invoke(
        main, ["export", "--dataset", "crossindex", "--where", "{value} > 1"]
    )
    assert refused.exit_code == 2 and "--where cannot filter --dataset crossindex" in refused.output
    unknown = CliRunner().invoke(main, ["export", "--dataset", "statements", "--source", "x"])
    assert unknown.exit_code == 2 and "unknown source: x" in unknown.output


def test_the_claim_check_is_published_by_cyberindex_not_interpol(loaded_engine):
    """The INTERPOL file's claim check is the project's own reading of the sources: its row
    names cyberindex as publisher; INTERPOL's findings keep INTERPOL."""
    frame = statements(loaded_engine, countries=("MAR",), sources=("interpol_act",))
    analysis = frame["source_kind"].fillna("").str.startswith("analysis")
    assert analysis.sum() == 1
    assert set(frame.loc[analysis, "publisher"]) == {export.ANALYSIS_PUBLISHER}
    assert set(frame.loc[~analysis, "publisher"]) == {"INTERPOL"}
