"""The one code path behind every export: filter checked against known ids, tidy rows out.

The CLI (`cyberindex export`), the API and the dashboard's downloads all call
:func:`prepare_export` with an :class:`ExportFilter`, so the same filter gives the same rows.
Three datasets go through it (:data:`DATASETS`): the observations (:func:`export_frame`), the
cited statements (INTERPOL findings, NCSI snapshots kept as statements:
:func:`statements_export_frame`) and the Cross-index page's table (:func:`crossindex_export_frame`).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import quote, urlencode

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from sqlalchemy.engine import Engine

from etl import export_texts, store, viewquery
from etl.export_texts import normalize_lang
from etl.export_texts import text as export_text
from etl.held_out import held_out_keys
from etl.releases import read_consistent

EXPORT_COLUMNS = (
    "indicator", "indicator_name", "iso3", "country", "edition", "value", "scale",
    # Each number beside the words the source printed for it: a rank the source gives only as
    # a range ("14-17", NCSI 2018) has an empty rank and its rank_text; a tier its name.
    "rank", "rank_text", "tier", "tier_label",
    "source", "source_url", "snapshot_sha256",
    # Provenance beyond the core columns: who published, how it was read, the note on the value
    # (for a conflict, which value was kept and what the others were), when it was taken.
    "publisher", "channel", "verification", "source_note", "retrieved_at",
    # The corrections ledger entry (flag, override, open report) on this value, if any; then
    # whether the value is held out of derived figures (etl.held_out: its tier is not given).
    "correction", "held_out",
)


NUMERIC_COLUMNS = ("edition", "value", "rank", "tier")
# The filter's parameters, in the order files and links name them.
FILTER_NAMES = ("indicator", "country", "group", "edition", "where", "sort")

CSV_LINE_END = "\r\n"
# A CSV download starts with a UTF-8 byte order mark: without it Excel on Windows reads the
# file in the system's code page and garbles Arabic and French names. (Not in the API's
# `format=csv` answers nor on the CLI's standard output, read by programs.)
CSV_BOM = "\ufeff"
URL_SAFE = "/:?&=,;%#+@!$'()*~"  # what a view link may keep as is inside a Link header


class UnknownValueError(ValueError):
    """A filter value that names nothing known; says which parameter and value."""

    def __init__(self, parameter: str, values: Sequence[str | int]):
        self.parameter = parameter
        self.values = list(values)
        super().__init__(f"unknown {parameter}: {', '.join(map(str, self.values))}")


@dataclass(frozen=True)
class ExportFilter:
    """What to export; empty means all. ``where`` and ``sort`` are a table view's row filter and
    order (:mod:`etl.viewquery`), applied to the rows as named in the export's language."""

    indicators: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    editions: tuple[int, ...] = ()
    where: tuple[viewquery.Condition, ...] = ()
    sort: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()  # source ids (statements only), e.g. interpol_act

    @classmethod
    def with_view(cls, where: str | None = None, sort: str | None = None,
                  **ids: tuple) -> ExportFilter:
        """A filter with a view's ``where`` and ``sort`` texts, read against the export's
        columns (:class:`etl.viewquery.ViewQueryError` when they cannot be applied)."""
        return cls(**ids, where=viewquery.parse_where(where, EXPORT_COLUMNS),
                   sort=viewquery.parse_sort(sort, EXPORT_COLUMNS))


def unknown_languages(engine: Engine, languages: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the languages asked that no stored article is in, the stored articles' languages): a
    news filter on another language would answer an empty list as if no article were there.
    The CLI and the API say it each in their words."""
    known = list(store.news_facets(engine, include_samples=True)["languages"])
    return [x for x in languages if x not in known], known


def check_filter(engine: Engine, wanted: ExportFilter) -> None:
    """Raise :class:`UnknownValueError` for the first parameter naming unknown ids (the known
    ids of a parameter are read only when the filter names some)."""
    for parameter, values, known in (
        ("indicator", wanted.indicators,
         lambda: store.indicators_frame(engine)["indicator_id"]),
        ("country", wanted.countries, lambda: store.countries_frame(engine)["iso3"]),
        ("group", wanted.groups, lambda: store.groups_frame(engine)["group_id"]),
        ("edition", wanted.editions, lambda: store.editions_available(engine)),
        ("source", wanted.sources, lambda: store.sources_frame(engine)["source_id"]),
    ):
        if not values:
            continue
        ids = set(known())
        bad = [v for v in values if v not in ids]
        if bad:
            raise UnknownValueError(parameter, bad)


def countries_in_scope(engine: Engine, wanted: ExportFilter) -> tuple[str, ...]:
    """Countries named directly plus members of the named groups (empty: no restriction)."""
    iso3s = set(wanted.countries)
    if wanted.groups:
        members = store.group_members_frame(engine, wanted.groups)
        iso3s |= set(members["iso3"])
    return tuple(sorted(iso3s))


def export_frame(engine: Engine, wanted: ExportFilter, lang: str = "en",
                 held: frozenset[tuple[str, str, int]] | None = None) -> pd.DataFrame:
    """Tidy rows for a checked filter, with provenance columns, in a stable order; countries
    and indicators named in ``lang`` (:func:`localize_countries`, :func:`localize_indicators`);
    a value held out of derived figures marked, without a tier (:func:`held_out_marked`;
    ``held``: the keys of :func:`etl.held_out.held_out_keys` when the caller has them for
    this release, as the dashboard keeps them, else read here)."""
    check_filter(engine, wanted)
    iso3s = countries_in_scope(engine, wanted)
    if (wanted.countries or wanted.groups) and not iso3s:
        iso3s = ("",)  # a group with no members selects nothing, not everything
    frame = store.observations_frame(
        engine, wanted.indicators or None, iso3s or None, wanted.editions or None
    )
    tidy = _tidy(frame, held_out_keys(engine) if held is None else held)
    named = localize_indicators(localize_countries(engine, tidy, lang), lang)
    return apply_view(named, wanted)


def apply_view(frame: pd.DataFrame, wanted: ExportFilter) -> pd.DataFrame:
    """The rows of ``frame`` meeting the filter's ``where``, in its ``sort`` order (text in the
    collation order of the names shown, :mod:`etl.collation`); unchanged without them."""
    if not (wanted.where or wanted.sort):
        return frame
    out = viewquery.apply_where(frame, wanted.where, NUMERIC_COLUMNS)
    out = viewquery.apply_sort(out, wanted.sort, NUMERIC_COLUMNS)
    return out.reset_index(drop=True)


def localize_countries(engine: Engine, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ``country`` column in ``lang`` (en, fr, ar): the CLDR names of the countries table,
    the ones the dashboard shows (English as stored; a name missing stays English)."""
    lang = normalize_lang(lang)
    if lang == "en" or frame.empty:
        return frame
    names = store.countries_frame(engine).set_index("iso3")[f"name_{lang}"]
    frame["country"] = frame["iso3"].map(names).fillna(frame["country"])
    return frame


def localize_indicators(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ``indicator_name`` column in ``lang``: each name as the dashboard shows it. The
    names' translations are in the dashboard's message catalogs, where translators keep every
    visible text (read there, not copied); an untranslated name stays as its source declares it.
    """
    lang = normalize_lang(lang)
    if lang == "en" or frame.empty:
        return frame
    from dashboard.i18n import as_typed, t

    # As typed, not as a page shows it: a file's cell holds no word joiner nor bidi isolate.
    names = {name: as_typed(t(name, lang)) for name in frame["indicator_name"].dropna().unique()}
    frame["indicator_name"] = frame["indicator_name"].map(names).fillna(frame["indicator_name"])
    return frame


# ---------------------------------------------------------------- statements and cross-index

STATEMENT_COLUMNS = (
    "source_id", "publisher", "report_title", "edition", "iso3", "country", "metric",
    # The figure as the source printed it (">90", "18,827", "33-35"): text, never a score.
    "value_text", "unit", "statement", "publication_date", "data_period",
    "source_kind", "source_url", "source_note", "snapshot_sha256", "retrieved_at",
)
# What the Cross-index page shows per index (etl.crossindex), then INTERPOL's count.
CROSSINDEX_FIELDS = (
    "value", "scale", "edition", "rank", "rank_text", "tier", "tier_label", "percentile",
    "basis", "group_n", "held_out", "verification", "source_note", "channel", "source",
    "source_url", "snapshot_sha256", "retrieved_at", "correction",
)


def crossindex_columns() -> tuple[str, ...]:
    from etl import crossindex

    return ("iso3", "country",
            *(f"{key}_{field}" for key in crossindex.INDICES for field in CROSSINDEX_FIELDS),
            "interpol_covered", "interpol_statements", "interpol_latest_edition")


# The publisher of a statement that is the project's own analysis of the sources it cites.
ANALYSIS_PUBLISHER = "cyberindex (analysis of the sources cited)"


def statements_export_frame(engine: Engine, wanted: ExportFilter,
                            lang: str = "en") -> pd.DataFrame:
    """The cited statements of a checked filter (countries and groups, source, edition), as
    the Cross-index page lists them: about the countries named (region-level statements only
    when no country is named), the project's own claim check included (``source_kind``
    "analysis", published by :data:`ANALYSIS_PUBLISHER`, not by the source), in the stored
    order, countries named in ``lang``."""
    from etl import crossindex

    check_filter(engine, ExportFilter(countries=wanted.countries, groups=wanted.groups,
                                      sources=wanted.sources))
    iso3s = countries_in_scope(engine, wanted)
    named = bool(wanted.countries or wanted.groups)
    frame = store.statements_frame(engine, (iso3s or ("",)) if named else None,
                                   include_region=not named)
    if wanted.editions:
        known = set(store.statements_frame(engine)["edition"].dropna().astype(int))
        bad = [e for e in wanted.editions if e not in known]
        if bad:
            raise UnknownValueError("edition", bad)
        frame = frame[frame["edition"].isin(list(wanted.editions))]
    if wanted.sources:
        frame = frame[frame["source_id"].isin(list(wanted.sources))]
    frame = frame.reset_index(drop=True)
    publishers = store.sources_frame(engine).set_index("source_id")["publisher"]
    frame["publisher"] = frame["source_id"].map(publishers)
    # The project's own reading of the cited sources (INTERPOL's file holds a claim check) is
    # not the source's publication: it is published by cyberindex, as its source_kind says.
    own = ~frame.index.isin(crossindex.cited_only(frame).index)
    frame.loc[own, "publisher"] = ANALYSIS_PUBLISHER
    times = store.snapshot_times(engine, frame["snapshot_sha256"].dropna().unique())
    frame["retrieved_at"] = utc_text(frame["snapshot_sha256"].map(times))
    frame["iso3"] = frame["iso3"].where(frame["iso3"].notna(), None)
    return localize_countries(engine, frame.loc[:, list(STATEMENT_COLUMNS)], lang)


def crossindex_export_frame(engine: Engine, wanted: ExportFilter, lang: str = "en",
                            held: frozenset[tuple[str, str, int]] | None = None) -> pd.DataFrame:
    """The Cross-index page's table for a checked filter (countries and groups; all countries
    when none): per index the latest value, edition, rank/tier, percentile within the selection
    and its basis, with provenance, then INTERPOL's statement count (empty where the report
    does not cover the country). Countries in the order named, then the groups' members;
    values held out of derived figures (:func:`etl.held_out.held_out_keys`: a flagged
    placeholder; ``held`` as :func:`export_frame` takes it) are marked and have no percentile,
    as on the page."""
    from etl import crossindex

    check_filter(engine, ExportFilter(countries=wanted.countries, groups=wanted.groups))
    picked = list(dict.fromkeys(wanted.countries))
    if wanted.groups:
        members = store.group_members_frame(engine, wanted.groups)
        picked += [c for c in sorted(members["iso3"]) if c not in picked]
    elif not wanted.countries:
        picked = sorted(store.countries_frame(engine)["iso3"])
    if not picked:
        return pd.DataFrame(columns=list(crossindex_columns()))
    frame = crossindex.cross_index_frame(engine, picked,
                                         held_out_keys(engine) if held is None else held)
    for key in crossindex.INDICES:
        frame = frame.rename(columns={f"{key}_source_document": f"{key}_source"})
        frame[f"{key}_retrieved_at"] = utc_text(frame[f"{key}_retrieved_at"])
    return localize_countries(engine, frame.reindex(columns=list(crossindex_columns())), lang)


def dataset_frame(engine: Engine, dataset: str, wanted: ExportFilter, lang: str = "en",
                  held: frozenset[tuple[str, str, int]] | None = None) -> pd.DataFrame:
    """The rows of one of :data:`DATASETS` for a filter (``where``/``sort``: observations),
    each column of its declared type (:func:`typed_frame`); ``held`` as
    :func:`export_frame` takes it."""
    if dataset == "observations":
        frame = export_frame(engine, wanted, lang, held)
    elif dataset == "statements":
        frame = statements_export_frame(engine, wanted, lang)
    elif dataset == "crossindex":
        frame = crossindex_export_frame(engine, wanted, lang, held)
    else:
        raise ValueError(f"unknown dataset: {dataset}; known: {', '.join(DATASETS)}")
    return typed_frame(frame, dataset)


# Each dataset's filter parameters, in the order files and links name them.
DATASETS = {
    "observations": FILTER_NAMES,
    "statements": ("country", "group", "source", "edition"),
    "crossindex": ("country", "group"),
}


# ---------------------------------------------------------------- column types
#
# Every column of a dataset has one declared type, whatever rows a filter selects: a column
# that is empty in the rows selected is still a number, a count stays whole where a missing
# value would make pandas hold it as a float (21.0), and a Parquet file of one filter has the
# schema of any other's. A column not named here is text.

WHOLE, DECIMAL, FLAG, MOMENT, TEXT = "whole", "decimal", "flag", "moment", "text"
COLUMN_KINDS = {
    "observations": {"edition": WHOLE, "value": DECIMAL, "rank": WHOLE, "tier": WHOLE,
                     "retrieved_at": MOMENT, "held_out": FLAG},
    "statements": {"edition": WHOLE, "retrieved_at": MOMENT},
}
# The Cross-index table's per-index fields (:data:`CROSSINDEX_FIELDS`) and its own columns.
CROSSINDEX_FIELD_KINDS = {"value": DECIMAL, "edition": WHOLE, "rank": WHOLE, "tier": WHOLE,
                          "percentile": DECIMAL, "group_n": WHOLE, "held_out": FLAG,
                          "retrieved_at": MOMENT}
CROSSINDEX_KINDS = {"interpol_covered": FLAG, "interpol_statements": WHOLE,
                    "interpol_latest_edition": WHOLE}
# Each kind's pandas dtype (whole numbers nullable) and Parquet type. A time is text in Parquet
# too, as in every other format (UTC, ``YYYY-MM-DDTHH:MM:SSZ``, or ``YYYY-MM-DD`` for a bundled
# file's day): a timestamp type cannot hold a day alone, and would give it a midnight no source
# stated.
PANDAS_DTYPES = {WHOLE: "Int64", DECIMAL: "float64", FLAG: "boolean", TEXT: "str"}
ARROW_TYPES = {WHOLE: pa.int64(), DECIMAL: pa.float64(), FLAG: pa.bool_(),
               MOMENT: pa.string(), TEXT: pa.string()}


def dataset_columns(dataset: str) -> tuple[str, ...]:
    """The columns of one of :data:`DATASETS`, in their order."""
    if dataset == "observations":
        return EXPORT_COLUMNS
    if dataset == "statements":
        return STATEMENT_COLUMNS
    if dataset == "crossindex":
        return crossindex_columns()
    raise ValueError(f"unknown dataset: {dataset}; known: {', '.join(DATASETS)}")


def column_kinds(dataset: str) -> dict[str, str]:
    """Each column of a dataset with its kind (:data:`WHOLE`, :data:`DECIMAL`, :data:`FLAG`,
    :data:`MOMENT` or :data:`TEXT`), in the dataset's column order."""
    if dataset == "crossindex":
        from etl import crossindex

        declared = {f"{key}_{field}": kind for key in crossindex.INDICES
                    for field, kind in CROSSINDEX_FIELD_KINDS.items()} | CROSSINDEX_KINDS
    else:
        declared = COLUMN_KINDS.get(dataset, {})
    return {column: declared.get(column, TEXT) for column in dataset_columns(dataset)}


def whole_numbers(values: pd.Series) -> pd.Series:
    """``values`` as nullable integers (21, not 21.0); a value with a fraction raises
    ``TypeError``: a whole-number column holding one is an error to see, never rounded."""
    return pd.to_numeric(values).astype(PANDAS_DTYPES[WHOLE])


def typed_frame(frame: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """``frame`` with each numeric and flag column of its declared type (:func:`column_kinds`):
    whole numbers as nullable integers, decimals as float64; text and times as they are (times
    are UTC text in every format)."""
    out = frame.copy()
    for column, kind in column_kinds(dataset).items():
        if column not in out.columns or kind in (TEXT, MOMENT):
            continue
        if kind == WHOLE:
            out[column] = whole_numbers(out[column])
        elif kind == DECIMAL:
            out[column] = pd.to_numeric(out[column]).astype(PANDAS_DTYPES[DECIMAL])
        else:
            out[column] = out[column].astype(PANDAS_DTYPES[FLAG])
    return out


def arrow_schema(dataset: str) -> pa.Schema:
    """The Parquet schema of a dataset, the same for every filter (an empty result too)."""
    return pa.schema([pa.field(column, ARROW_TYPES[kind])
                      for column, kind in column_kinds(dataset).items()])


def parquet_frame(frame: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """``frame`` with every column of its declared pandas dtype, times as the UTC text the
    other formats write: the pandas metadata a Parquet file carries is then the same for every
    filter."""
    out = typed_frame(frame, dataset)
    for column, kind in column_kinds(dataset).items():
        if kind in (MOMENT, TEXT):
            out[column] = out[column].astype(PANDAS_DTYPES[TEXT])
    return out


# Metrics whose values are whole numbers wherever a list holds them beside scores: a claim's
# or a per-source value's rank (world, regional, "top n") or tier.
WHOLE_METRIC = re.compile(r"(?:^|_)(?:rank|tier)(?:_|$)|^top_n(?:_|$)")


def whole_metric_values(frame: pd.DataFrame, columns: Sequence[str],
                        metric: str = "metric") -> pd.DataFrame:
    """``frame`` with the values in ``columns`` of the rows whose ``metric`` is a rank or a
    tier (:data:`WHOLE_METRIC`) written as whole numbers (21, not 21.0). A column also holding
    scores stays one of numbers (scores as they are); a rank with a fraction is left as it is,
    never rounded."""
    if frame.empty or metric not in frame.columns:
        return frame
    ranked = frame[metric].astype("str").str.contains(WHOLE_METRIC, na=False)
    out = frame.copy()
    for column in columns:
        values = pd.to_numeric(out[column])
        whole = (ranked & values.notna() & (values % 1 == 0)).to_numpy(dtype=bool)
        if not whole.any():
            continue
        cells = values.astype(object).where(values.notna(), None)
        cells[whole] = [int(v) for v in values[whole]]
        out[column] = cells
    return out


def indicator_rows(engine: Engine, indicator_ids: Sequence[str]) -> pd.DataFrame:
    """The rows :func:`export_frame` gives for these indicators (same columns, order and
    values), without checking the ids: an unknown one selects nothing, and so does none."""
    if not indicator_ids:
        return pd.DataFrame(columns=list(EXPORT_COLUMNS))
    return _tidy(store.observations_frame(engine, list(indicator_ids)), held_out_keys(engine))


def _tidy(frame: pd.DataFrame, held: frozenset[tuple[str, str, int]]) -> pd.DataFrame:
    out = frame.rename(columns={"indicator_id": "indicator", "source_document": "source"})
    out["retrieved_at"] = utc_text(out["retrieved_at"])
    return held_out_marked(out, held).loc[:, list(EXPORT_COLUMNS)].reset_index(drop=True)


def held_out_marked(rows: pd.DataFrame, held: frozenset[tuple[str, str, int]]) -> pd.DataFrame:
    """Export rows with ``held_out``: true for a value held out of derived figures (``held``,
    (indicator, country, edition) keys of :func:`etl.held_out.held_out_keys`), whose ``tier``
    and ``tier_label`` are then empty, as no tier is placed from it on any page. The value, its
    flag and the ledger's reason (``correction``) stay; the store is not changed."""
    mask = pd.Series(False, index=rows.index, dtype=bool)
    for indicator, iso3, edition in held:  # a few keys: a comparison each, not a row each
        mask |= ((rows["indicator"] == indicator) & (rows["iso3"] == iso3)
                 & (rows["edition"].astype("Int64") == edition)).fillna(False).astype(bool)
    out = rows.assign(held_out=mask)
    if mask.any():
        out.loc[mask, ["tier", "tier_label"]] = None
    return out


def utc_text(moments: pd.Series) -> pd.Series:
    """Times as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC, and a day known without its time (a bundled
    file's retrieval: :func:`etl.store.readers.retrieval_times`) as ``YYYY-MM-DD``, not an
    invented midnight; missing stays missing.

    Each distinct moment is formatted once: a column of retrieval times holds a few snapshots'
    times repeated over thousands of rows.
    """
    days = moments.map(_is_day) if moments.dtype == object else None
    if days is None or not days.any():
        return _time_text(moments)
    text = moments.astype(object).copy()
    text[days] = moments[days].map(date.isoformat)
    text[~days] = _time_text(moments[~days]) if (~days).any() else None
    return text.rename(moments.name)


def _is_day(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _time_text(moments: pd.Series) -> pd.Series:
    when = pd.to_datetime(moments, utc=True)
    codes, distinct = pd.factorize(when)
    if not len(distinct):
        return when.dt.strftime(UTC_FORMAT)
    text = distinct.to_series(index=range(len(distinct))).dt.strftime(UTC_FORMAT)
    return text.reindex(codes).set_axis(moments.index).rename(moments.name)


UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def written_number(value: object) -> object:
    """A number as its source prints it: a whole decimal without the ``.0`` that Python and
    pandas add to a float's text (100, not 100.0: ITU prints the United States' GCI 2020
    score as 100); anything else as it is. A float's text is already the shortest that reads
    back the same value (82.41, 0.7149), so no digit is added, dropped or rounded."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def written_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its whole decimals written whole (:func:`written_number`), in number
    columns and in columns mixing numbers with text (the Compare page's ranking); the same
    frame when none is."""
    out = frame
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values):
            whole = (values.notna() & (values % 1 == 0)).to_numpy(dtype=bool)
        elif values.dtype == object:
            whole = values.map(lambda v: isinstance(v, float) and v.is_integer()).to_numpy(
                dtype=bool)
        else:
            continue
        if not whole.any():
            continue
        if out is frame:
            out = frame.copy()
        cells = values.astype(object).where(values.notna(), None)
        cells[whole] = [int(v) for v in values[whole]]
        out[column] = cells
    return out


def csv_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The cells a CSV writes: formula-like text neutralised (:func:`neutralise_formulas`),
    whole decimals whole (:func:`written_numbers`)."""
    return written_numbers(neutralise_formulas(frame))


def frame_to_csv(frame: pd.DataFrame) -> str:
    """RFC 4180 CSV text of :func:`csv_cells`.

    Lines end in CRLF: with a bare LF terminator Python's writer leaves a CR inside a cell
    unquoted, and readers then split the row there.
    """
    return csv_cells(frame).to_csv(index=False, lineterminator=CSV_LINE_END)


def frame_to_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values (missing as None, whole decimals whole:
    :func:`written_number`), for JSON."""
    plain = frame.astype(object).where(frame.notna(), None)
    return [{k: written_number(v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in plain.to_dict("records")]


def frame_to_json(frame: pd.DataFrame) -> str:
    return json.dumps(frame_to_records(frame), ensure_ascii=False, indent=1) + "\n"


# The formats of the other lists the dashboard shows (news articles, claims, the changelog).
LIST_FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def render_rows(frame: pd.DataFrame, fmt: str) -> str:
    """A list's rows as CSV (formula-like text neutralised, CRLF) or JSON records."""
    if fmt == "csv":
        return frame_to_csv(frame)
    if fmt == "json":
        return frame_to_json(frame)
    raise ValueError(f"unknown format: {fmt}; known: {', '.join(LIST_FORMATS)}")


# ---------------------------------------------------------------- download formats
#
# Every format below is written from the rows of :func:`export_frame` (one code path) plus the
# sources those rows cite, the filter and the link to the view they came from.

COLUMN_DESCRIPTIONS = {  # English, for metadata.json; the README says them in its language
    key.removeprefix("column."): words
    for key, words in export_texts.TEXTS["en"].items() if key.startswith("column.")
}

SOURCE_COLUMNS = (
    "source_id", "publisher", "title", "document", "document_urls", "source_page", "licence",
    "snapshot_sha256", "first_retrieved_at", "last_retrieved_at", "rows",
)


@dataclass(frozen=True)
class ExportFormat:
    """How one download format is served: media type, file extension, binary or text."""

    name: str
    media_type: str
    extension: str
    binary: bool


FORMATS = {
    "csv": ExportFormat("csv", "text/csv; charset=utf-8", "csv", False),
    "json": ExportFormat("json", "application/json", "json", False),
    "xlsx": ExportFormat(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", True
    ),
    "parquet": ExportFormat("parquet", "application/vnd.apache.parquet", "parquet", True),
    "zip": ExportFormat("zip", "application/zip", "zip", True),
}

# OWASP CSV injection: a spreadsheet reads a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; rest unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text columns are neutralised; numeric columns (negatives too) stay numbers."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values) or not (
                values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue  # numbers, dates, booleans: never a str cell
        try:  # vectorised: one startswith over the column, a copy only of the cells that match
            mask = values.str.startswith(FORMULA_TRIGGERS, na=False).astype(bool)
        except AttributeError:  # an object column without any text
            continue
        if mask.any():
            out[column] = values.where(~mask, "'" + values[mask].astype(str))
    return out


def filter_params(wanted: ExportFilter) -> dict[str, list]:
    """The filter as the query parameters of the API and the CLI options (empty ones left out)."""
    pairs = (("indicator", wanted.indicators), ("country", wanted.countries),
             ("group", wanted.groups), ("edition", wanted.editions),
             ("source", wanted.sources),
             ("where", [viewquery.where_text(wanted.where)] if wanted.where else []),
             ("sort", [viewquery.sort_text(wanted.sort)] if wanted.sort else []))
    return {name: list(values) for name, values in pairs if values}


def cited_documents(engine: Engine, frame: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """The rows of a dataset as (source_id, source, source_url, snapshot_sha256, publisher,
    retrieved_at): one per value read, for :func:`export_sources`."""
    keep = ["source_id", "source", "source_url", "snapshot_sha256", "publisher", "retrieved_at"]
    if dataset == "statements":
        return frame.rename(columns={"report_title": "source"}).reindex(columns=keep)
    indicators = store.indicators_frame(engine).set_index("indicator_id")["source_id"]
    if dataset == "observations":
        return frame.assign(source_id=frame["indicator"].map(indicators)).reindex(columns=keep)
    from etl import crossindex

    parts = []
    for key, (indicator_id, _label) in crossindex.INDICES.items():
        part = frame[frame[f"{key}_snapshot_sha256"].notna()]
        fields = ["source", "source_url", "snapshot_sha256", "retrieved_at"]
        part = part.loc[:, [f"{key}_{c}" for c in fields]].set_axis(fields, axis=1)
        parts.append(part.assign(source_id=indicators.get(indicator_id), publisher=None))
    return pd.concat(parts, ignore_index=True).reindex(columns=keep) if parts else \
        pd.DataFrame(columns=keep)


def export_sources(engine: Engine, frame: pd.DataFrame,
                   dataset: str = "observations") -> pd.DataFrame:
    """One row per source document cited by ``frame``: publisher, URLs, licence, retrieval."""
    if frame.empty:
        return pd.DataFrame(columns=list(SOURCE_COLUMNS))
    sources = store.sources_frame(engine).rename(columns={"url": "source_page"})
    rows = cited_documents(engine, frame, dataset)
    if rows.empty:
        return pd.DataFrame(columns=list(SOURCE_COLUMNS))
    out = []
    keys = ["source_id", "source", "snapshot_sha256"]
    for (source_id, document, sha), part in rows.groupby(keys, sort=True, dropna=False):
        urls = sorted({u.strip() for cell in part["source_url"].dropna()
                       for u in str(cell).split("|") if u.strip()})
        info = sources[sources["source_id"] == source_id]
        meta = info.iloc[0] if not info.empty else pd.Series(dtype=object)
        retrieved = part["retrieved_at"].dropna()
        out.append({
            "source_id": source_id,
            "publisher": meta.get("publisher", part["publisher"].iloc[0]),
            "title": meta.get("title"),
            "document": document,
            "document_urls": " | ".join(urls),
            "source_page": meta.get("source_page"),
            "licence": meta.get("licence"),
            "snapshot_sha256": sha,
            "first_retrieved_at": retrieved.min() if not retrieved.empty else None,
            "last_retrieved_at": retrieved.max() if not retrieved.empty else None,
            "rows": int(len(part)),
        })
    return pd.DataFrame(out, columns=list(SOURCE_COLUMNS))


@dataclass(frozen=True)
class Export:
    """The rows of one filter with everything a download carries beside them."""

    frame: pd.DataFrame
    sources: pd.DataFrame
    wanted: ExportFilter
    view_url: str | None
    generated_at: datetime
    release: int | None = None
    lang: str = "en"  # the language of the country names (and, by default, of the words)
    dataset: str = "observations"  # one of DATASETS

    def metadata(self) -> dict:
        """Filter, link, generation time, columns and sources, as plain JSON values."""
        return {
            "title": export_text(self.title_key(), "en"),
            "dataset": self.dataset,
            "generated_at": self.generated_at.strftime(UTC_FORMAT),
            "filter": filter_params(self.wanted),
            "view": self.view_url,
            "release": self.release,
            "lang": self.lang,
            "rows": int(len(self.frame)),
            "columns": [{"name": c, "description": export_texts.column_text(self.dataset, c)}
                        for c in self.frame.columns],
            "sources": frame_to_records(self.sources),
        }

    def title_key(self) -> str:
        return "readme_title" if self.dataset == "observations" else \
            f"readme_title.{self.dataset}"

    def filename(self, fmt: str) -> str:
        """``cyberindex-<dataset>-r<release>-<time>.<ext>``: what, which release, when."""
        return download_filename(self.dataset, self.release, self.generated_at,
                                 FORMATS[fmt].extension)

    def headers(self) -> dict[str, str]:
        """The download's headers (:func:`download_headers`), the filter as a query string
        with lists comma separated."""
        query = urlencode([(k, ",".join(map(str, v)))
                           for k, v in filter_params(self.wanted).items()], safe=",")
        return download_headers(self.dataset, query, self.lang, self.generated_at,
                                len(self.frame), self.view_url)

    def render(self, fmt: str, lang: str | None = None) -> bytes:
        """The file for ``fmt`` (one of :data:`FORMATS`).

        ``lang`` (en, fr, ar) sets the words around the data in Excel (sheet names, the
        sources sheet) and the ZIP's README, by default the export's own; data column ids are
        the same in every language, the country names are in the export's language.
        """
        writers = {"csv": lambda e, _: frame_to_csv(e.frame).encode("utf-8"),
                   "json": lambda e, _: frame_to_json(e.frame).encode("utf-8"),
                   "xlsx": export_to_xlsx, "parquet": lambda e, _: export_to_parquet(e),
                   "zip": export_to_zip}
        if fmt not in writers:
            raise ValueError(f"unknown format: {fmt}; known: {', '.join(FORMATS)}")
        return writers[fmt](self, normalize_lang(lang or self.lang))


def download_filename(dataset: str, release: int | None, generated_at: datetime,
                      extension: str) -> str:
    """``cyberindex-<dataset>-r<release>-<time>.<ext>``: what, which release, when. Every
    download is named so (observations, statements, cross-index, news lists, changelog)."""
    tag = f"-r{release}" if release is not None else ""
    return f"cyberindex-{dataset}{tag}-{generated_at:%Y%m%d-%H%M%S}.{extension}"


def download_headers(dataset: str, query: str, lang: str, generated_at: datetime, rows: int,
                     view_url: str | None = None) -> dict[str, str]:
    """What a single file (CSV, JSON) cannot say inside it without changing its shape, as
    HTTP headers: what it holds, the filter (``query``, a query string), the view's link, the
    language and the generation time (the release is ``X-Data-Release``, sent with every
    answer). Every download sends them."""
    out = {"X-Export-Dataset": dataset, "X-Export-Filter": query,
           "X-Export-Generated-At": generated_at.strftime(UTC_FORMAT),
           "X-Export-Language": lang, "X-Total-Count": str(rows)}
    if view_url:
        out["Link"] = f'<{quote(view_url, safe=URL_SAFE)}>; rel="related"; type="text/html"'
    return out


def prepare_export(engine: Engine, wanted: ExportFilter, view_url: str | None = None,
                   generated_at: datetime | None = None, with_sources: bool = True,
                   lang: str = "en", dataset: str = "observations",
                   held: frozenset[tuple[str, str, int]] | None = None) -> Export:
    """Check the filter, read its rows (:func:`export_frame`, countries named in ``lang``) and
    the sources they cite, all from one data release (see
    :func:`etl.releases.read_consistent`).

    ``with_sources=False`` skips the sources table (for answers that only need the rows).
    ``dataset`` is one of :data:`DATASETS` (observations, statements, crossindex); ``held``
    as :func:`export_frame` takes it.
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset: {dataset}; known: {', '.join(DATASETS)}")
    unused = [name for name, values in filter_params(wanted).items()
              if name not in DATASETS[dataset]]
    if unused:
        raise ValueError(f"{', '.join(unused)} cannot filter the {dataset}")
    lang = normalize_lang(lang)

    def read() -> tuple[pd.DataFrame, pd.DataFrame]:
        frame = dataset_frame(engine, dataset, wanted, lang, held)
        sources = (export_sources(engine, frame, dataset) if with_sources
                   else pd.DataFrame(columns=list(SOURCE_COLUMNS)))
        return frame, sources

    release, (frame, sources) = read_consistent(engine, read)
    return Export(frame=frame, sources=sources, wanted=wanted, view_url=view_url,
                  generated_at=generated_at or datetime.now(UTC), release=release, lang=lang,
                  dataset=dataset)


def iter_csv(frame: pd.DataFrame, chunk_rows: int = 500, bom: bool = False) -> Iterator[str]:
    """The CSV of :func:`frame_to_csv` in pieces (header first, after a BOM for a download),
    for streaming responses."""
    safe = csv_cells(frame)
    yield (CSV_BOM if bom else "") + safe.iloc[:0].to_csv(index=False,
                                                          lineterminator=CSV_LINE_END)
    for start in range(0, len(safe), chunk_rows):
        yield safe.iloc[start:start + chunk_rows].to_csv(index=False, header=False,
                                                         lineterminator=CSV_LINE_END)


def _excel_cell(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", str(neutralise_cell(value)))
    return value


def _excel_rows(frame: pd.DataFrame) -> Iterator[list]:
    yield list(frame.columns)
    for row in frame.astype(object).itertuples(index=False):
        yield [_excel_cell(v) for v in row]


def export_to_xlsx(export: Export, lang: str = "en") -> bytes:
    """Workbook with sheet "data" (the rows) and sheet "sources" (sources, filter, link).

    In ``lang`` the sheet names and the sources sheet's headers and labels are translated; the
    data sheet's header row holds the column ids in every language. A third sheet, README,
    says what the file is (filter, view, release, time, columns, sources: :func:`readme_text`);
    the workbook's properties carry its title and time. In Arabic every sheet reads right to
    left.
    """
    book = Workbook(write_only=True)
    book.properties.title = export_text(export.title_key(), lang)
    book.properties.created = export.generated_at.replace(tzinfo=None)
    book.properties.description = _excel_cell(
        f"release {export.release}; view {export.view_url or '-'}; "
        f"filter {export.headers()['X-Export-Filter'] or '-'}")
    data = _sheet(book, export_text("sheet_data", lang), lang)
    # The header row stays in view and filters the rows (set before the first row: a
    # write-only sheet writes its view with it).
    data.freeze_panes = "A2"
    data.auto_filter.ref = (f"A1:{get_column_letter(max(len(export.frame.columns), 1))}"
                            f"{len(export.frame) + 1}")
    for row in _excel_rows(export.frame):
        data.append(row)
    sources = _sheet(book, export_text("sheet_sources", lang), lang)
    rows = _excel_rows(export.sources)
    next(rows)
    sources.append([export_text(c, lang) for c in export.sources.columns])
    for row in rows:
        sources.append(row)
    sources.append([])
    meta = export.metadata()
    for key in ("generated_at", "view", "rows"):
        sources.append([_excel_cell(export_text(key, lang)), _excel_cell(meta[key])])
    for name in DATASETS[export.dataset]:
        values = meta["filter"].get(name)
        label = export_text("filter", lang, name=export_text(f"filter.{name}", lang))
        sources.append([_excel_cell(label), _excel_cell(", ".join(map(str, values)) if values
                                                        else export_text(_unset(name), lang))])
    readme = _sheet(book, export_text("sheet_readme", lang), lang)
    for line in readme_text(export, lang, files=False).split("\n"):
        readme.append([_own_text_cell(readme, line)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _own_text_cell(sheet, line: str) -> WriteOnlyCell:
    """A line the project wrote (the README sheet's) as text, as it reads in README.txt: not
    neutralised like a source's cell (its title's underline is no ``'=====``), and stored as
    a string so that no spreadsheet runs it as a formula."""
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", line))
    cell.data_type = "s"
    return cell


def _sheet(book: Workbook, title: str, lang: str):
    """A new write-only sheet, right to left in Arabic (set before its first row: a write-only
    sheet writes its view with that row)."""
    sheet = book.create_sheet(title)
    if lang == "ar":
        sheet.sheet_view.rightToLeft = True
    return sheet


def _unset(name: str) -> str:
    """What a filter parameter left out means: every row, or (sort) the stored order."""
    return "default_order" if name == "sort" else "all"


def export_to_parquet(export: Export) -> bytes:
    """Parquet of the rows in the dataset's declared schema (:func:`arrow_schema`: the same
    for every filter, so files concatenate); the metadata (filter, link, sources) in the
    file's key-value store."""
    table = pa.Table.from_pandas(parquet_frame(export.frame, export.dataset),
                                 schema=arrow_schema(export.dataset), preserve_index=False)
    extra = {b"cyberindex": json.dumps(export.metadata(), ensure_ascii=False).encode("utf-8")}
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **extra})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def readme_text(export: Export, lang: str = "en", files: bool = True) -> str:
    """The README.txt of a ZIP bundle in ``lang``: what each column means, sources, licences,
    filter, link. Column ids and filter parameter names stay as the files spell them.
    ``files=False``: the Excel README sheet's text (its sheets instead of the ZIP's files)."""
    meta = export.metadata()

    def say(key: str, **fields: object) -> str:
        return export_text(key, lang, **fields)

    title = say(export.title_key())
    lines = [
        title,
        "=" * len(title),
        "",
        say("readme_generated", value=meta["generated_at"]),
        say("readme_rows", value=meta["rows"]),
        say("readme_release", value=meta["release"]),
        say("readme_view", value=meta["view"] or say("none_given")),
        say("readme_lang", value=meta["lang"]),
        say("readme_filter"),
    ]
    for name in DATASETS[export.dataset]:
        values = meta["filter"].get(name)
        lines.append(f"  {name}: {', '.join(map(str, values)) if values else say(_unset(name))}")
    if export.dataset != "observations":
        lines += ["", say(f"readme_{export.dataset}_note")]
    lines += ["", say("readme_files"), f"  data.csv       {say('readme_file_data')}",
              f"  sources.csv    {say('readme_file_sources')}",
              f"  metadata.json  {say('readme_file_metadata')}",
              "", *say("readme_csv_excel").split("\n")] if files else \
        ["", say("readme_sheets")]
    lines += ["", *say("readme_formulas").split("\n"), "", say("readme_columns")]
    lines += [f"  {c['name']:<16} {export_texts.column_text(export.dataset, c['name'], lang)}"
              for c in meta["columns"]]
    lines += ["", say("readme_sources")]
    for source in meta["sources"]:
        lines += [f"  - {source['publisher']}: {source['document']}",
                  "    " + say("readme_licence", value=source["licence"]),
                  "    " + say("readme_page", value=source["source_page"]),
                  "    " + say("readme_read_from", value=source["document_urls"]),
                  "    " + say("readme_retrieved", first=source["first_retrieved_at"],
                              last=source["last_retrieved_at"],
                              sha=source["snapshot_sha256"], rows=source["rows"])]
    if not meta["sources"]:
        lines.append("  " + say("readme_no_sources"))
    return "\n".join(lines) + "\n"


def export_to_zip(export: Export, lang: str = "en") -> bytes:
    """ZIP bundle: data.csv, sources.csv, metadata.json and README.txt (in ``lang``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("data.csv", CSV_BOM + frame_to_csv(export.frame))
        bundle.writestr("sources.csv", CSV_BOM + frame_to_csv(export.sources))
        bundle.writestr("metadata.json",
                        json.dumps(export.metadata(), ensure_ascii=False, indent=1) + "\n")
        bundle.writestr("README.txt", readme_text(export, lang))
    return buffer.getvalue()
