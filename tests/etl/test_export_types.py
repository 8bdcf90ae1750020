"""Download column types: one Parquet schema per dataset whatever the filter, whole numbers
written whole in every format (never rounded), and the Excel workbook's own text and view."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl import changelog_export, export, news_export, store

# Per dataset, filters whose rows differ in which columns are all empty (rank_text, correction,
# the NCSI tier label, ...), and one that selects nothing where the dataset allows it.
FILTERS = {
    "observations": [
        export.ExportFilter(countries=("MAR", "OMN"), editions=(2020, 2024)),
        export.ExportFilter(countries=("MAR",), editions=(2020,),
                            indicators=("itu_gci.overall",)),
        export.ExportFilter(countries=("MAR",), editions=(2014,), indicators=("itu_gci.legal",)),
    ],
    "statements": [export.ExportFilter(), export.ExportFilter(countries=("OMN",))],
    "crossindex": [export.ExportFilter(countries=("MAR", "OMN")),
                   export.ExportFilter(countries=("MAR",))],
}


def parquet_table(export_: export.Export) -> pa.Table:
    return pq.read_table(io.BytesIO(export_.render("parquet")))


@pytest.mark.parametrize("dataset", [pytest.param(d, id=d) for d in FILTERS])
def test_parquet_has_one_schema_whatever_the_filter(loaded_engine, dataset):
    """Files of different filters (an empty result too) have the dataset's declared schema,
    concatenate, and keep the cyberindex metadata."""
    tables = [parquet_table(export.prepare_export(loaded_engine, wanted, dataset=dataset))
              for wanted in FILTERS[dataset]]
    declared = export.arrow_schema(dataset)
    for table in tables:
        assert table.schema.equals(declared, check_metadata=False), table.schema
        assert json.loads(table.schema.metadata[b"cyberindex"])["dataset"] == dataset
    # pandas' own metadata (how to read each column back) is the same too.
    assert len({t.schema.metadata[b"pandas"] for t in tables}) == 1
    both = pa.concat_tables(tables)
    assert both.num_rows == sum(t.num_rows for t in tables)
    types = {f.name: f.type for f in declared}
    assert {types[c] for c in declared.names if c.endswith("retrieved_at")} == {pa.string()}
    whole = [c for c, kind in export.column_kinds(dataset).items() if kind == export.WHOLE]
    assert whole and {types[c] for c in whole} == {pa.int64()}
    text = [c for c, kind in export.column_kinds(dataset).items() if kind == export.TEXT]
    assert {types[c] for c in text} == {pa.string()}


def test_parquet_reads_back_whole_numbers_and_the_times_as_written(loaded_engine):
    """Ranks read back as integers, retrieval times as the text the other formats write: a
    day alone (a bundled file's copy date) stays a day, not a midnight no source stated."""
    prepared = export.prepare_export(loaded_engine, FILTERS["observations"][0])
    back = pd.read_parquet(io.BytesIO(prepared.render("parquet")))
    assert str(back["rank"].dtype) == "Int64" and str(back["edition"].dtype) == "Int64"
    assert back["retrieved_at"].tolist() == prepared.frame["retrieved_at"].tolist()
    days = back["retrieved_at"].dropna()
    assert days.str.fullmatch(r"\d{4}-\d{2}-\d{2}").any(), "no bundled day in the filter"
    pd.testing.assert_series_equal(back["value"], prepared.frame["value"])


@pytest.mark.parametrize("dataset", [pytest.param(d, id=d) for d in FILTERS])
def test_whole_number_columns_are_nullable_integers(loaded_engine, dataset):
    """Every rank, tier, edition and count of a dataset is a nullable integer, missing values
    included, whatever the filter: CSV and JSON write 21, never 21.0."""
    for wanted in FILTERS[dataset]:
        prepared = export.prepare_export(loaded_engine, wanted, dataset=dataset)
        whole = [c for c, kind in export.column_kinds(dataset).items() if kind == export.WHOLE]
        assert {str(prepared.frame[c].dtype) for c in whole} == {"Int64"}
        back = pd.read_csv(io.BytesIO(prepared.render("csv")), dtype=str, keep_default_na=False)
        assert not back[whole].apply(lambda c: c.str.endswith(".0")).any().any()
        records = json.loads(prepared.render("json"))
        assert all(isinstance(r[c], int) for r in records for c in whole if r[c] is not None)


def test_typed_frame_writes_whole_numbers_whole_and_refuses_to_round():
    """A whole-number column held as floats (a missing rank made it 21.0) is written whole in
    every format; one holding a fraction is an error, never rounded."""
    frame = pd.DataFrame({c: [None, None] for c in export.EXPORT_COLUMNS})
    frame["rank"] = [21.0, None]
    frame["edition"] = [2020.0, 2024.0]
    frame["value"] = [82.41, 3.0]
    typed = export.typed_frame(frame, "observations")
    assert typed["rank"].tolist()[0] == 21 and pd.isna(typed["rank"].tolist()[1])
    csv = export.frame_to_csv(typed).split("\r\n")
    assert csv[1].split(",")[4:8] == ["2020", "82.41", "", "21"]
    assert json.loads(export.frame_to_json(typed))[0]["rank"] == 21
    frame["rank"] = [21.5, None]
    with pytest.raises(TypeError):
        export.typed_frame(frame, "observations")


@pytest.mark.parametrize(("metric", "value", "written", "text"), [
    pytest.param("rank", 21.0, 21, "21", id="rank"),
    pytest.param("tier", 1.0, 1, "1", id="tier"),
    pytest.param("rank_in_africa", 7.0, 7, "7", id="regional-rank"),
    pytest.param("global_rank", 98.0, 98, "98", id="per-source-rank"),
    pytest.param("top_n_in_arab", 3.0, 3, "3", id="top-n"),
    # A score stays a number of the score column; its file text is whole as printed (90).
    pytest.param("score", 90.0, 90.0, "90", id="whole-score-stays"),
    pytest.param("score", 97.5, 97.5, "97.5", id="score"),
    pytest.param("rank", 14.5, 14.5, "14.5", id="fraction-never-rounded"),
    pytest.param("ranking_weight", 2.0, 2.0, "2", id="not-a-rank"),
])
def test_whole_metric_values(metric, value, written, text):
    """A value whose metric is a rank or a tier is held whole; anything else as it is; every
    whole value is written without ".0"."""
    frame = pd.DataFrame({"metric": [metric, "rank"], "value": [value, None]})
    out = export.whole_metric_values(frame, ("value",))
    assert out["value"].tolist()[0] == written
    assert type(out["value"].tolist()[0]) is type(written)
    assert out["value"].isna().tolist() == [False, True]
    assert export.frame_to_csv(out).split("\r\n")[1] == f"{metric},{text}"


def test_claims_file_writes_ranks_and_tiers_whole(loaded_engine):
    """The claims file: a claimed rank or tier and its official one read 21 and 1, not 21.0
    and 1.0; scores as they are."""
    frame = news_export.claims_rows(loaded_engine, store.ArticleFilter(include_samples=True))
    ranked = frame["metric"].str.contains(export.WHOLE_METRIC)
    assert ranked.any() and (~ranked).any()
    back = pd.read_csv(io.StringIO(news_export.render(frame, "csv")), dtype=str,
                       keep_default_na=False)
    for column in ("value", "official_value"):
        cells = back.loc[ranked.to_numpy(), column]
        assert (cells != "").any() and not cells.str.contains(".", regex=False).any(), column
    assert "97.5" in set(back.loc[(~ranked).to_numpy(), "value"])
    records = json.loads(news_export.render(frame, "json"))
    assert all(isinstance(r["value"], int) for r, rank in zip(records, ranked, strict=True)
               if rank)


def test_changelog_writes_per_source_ranks_whole(loaded_engine):
    """The changelog's per-source ranks and tiers read 98, not 98.0; scores as they are."""
    frame = changelog_export.changes_rows(loaded_engine)
    ranks = frame[(frame["target"] == "source_values")
                  & frame["metric"].isin(["global_rank", "tier"]) & frame["new_value"].notna()]
    assert not ranks.empty
    back = pd.read_csv(io.StringIO(changelog_export.render(ranks, "csv")), dtype=str,
                       keep_default_na=False)
    assert not back["new_value"].str.contains(".", regex=False).any()


def test_xlsx_readme_is_plain_text_and_the_data_sheet_filters(loaded_engine):
    """The README sheet's own lines (its title's underline) are text without an apostrophe,
    never formulas; the data sheet's header row is frozen and has an autofilter."""
    prepared = export.prepare_export(loaded_engine, FILTERS["observations"][0])
    book = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx")))
    readme = [c for row in book["README"].iter_rows() for c in row if c.value is not None]
    title = export.export_texts.text("readme_title")
    assert [c.value for c in readme[:2]] == [title, "=" * len(title)]
    assert {c.data_type for c in readme} == {"s"}
    assert not any(str(c.value).startswith("'") for c in readme)
    data = book["data"]
    assert data.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(export.EXPORT_COLUMNS))
    assert data.auto_filter.ref == f"A1:{last}{len(prepared.frame) + 1}"
    formulas = [c.coordinate for ws in book for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []
