"""pandera schemas, declared apart from the code that checks them.

Each schema validates a source's rows *as parsed* (before reshaping), lazily, so every failing
row is reported; :func:`split_valid` turns the failures into quarantine records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pycountry
from pandera.engines import pandas_engine
from pandera.errors import SchemaErrors
from pandera.typing import Series


class Text(pandas_engine.STRING):
    """pandas' text dtype (what ``Series[str]`` declares: ``str``, a ``pd.StringDtype``),
    checked as pandera checks it, with a passing column reported as one verdict.

    pandera's STRING.check answers a column of that very dtype with an array of True, one per
    row; an array sends its dtype check down the element-wise path, which builds the (empty)
    failure cases and a message holding their text, ~3 ms a column of 3,000 rows, whether or
    not a row failed. Here the same check runs; when every row passes, the answer is True (the
    backend's path for a whole-column dtype match), else the same per-row answer (the same
    failure cases and message). Coercion, the name in messages ("string[pyarrow]") and the
    dtype given to the frame are STRING's.
    """

    def check(self, pandera_dtype: Any, data_container: Any = None) -> Any:
        # pandera types it Iterable[bool]: it is an array or a Series, which np.all reads.
        verdicts: Any = super().check(pandera_dtype, data_container)
        if isinstance(verdicts, bool) or not bool(np.all(verdicts)):
            return verdicts
        return True


KNOWN_ISO3 = frozenset(c.alpha_3 for c in pycountry.countries)
_KNOWN_ISO3_LIST = sorted(KNOWN_ISO3)

GCI_EDITIONS = (2014, 2017, 2018, 2020, 2024)
GCI_SCALE_MAX = {2014: 1.0, 2017: 1.0, 2018: 1.0, 2020: 100.0, 2024: 100.0}
GCI_PILLARS = ("legal", "technical", "organizational", "capacity_development", "cooperation")
GCI_PILLAR_MAX = 20.0
# The rows (country, edition) of datasets/gci_scores.csv whose sources give only some pillars,
# with the pillars they give (datasets/README.md): every other row gives all five or none.
GCI_PARTIAL_PILLARS = {
    ("MOZ", 2020): ("legal", "technical", "organizational", "capacity_development"),
    ("SVK", 2020): ("legal", "technical", "organizational"),
    ("SVN", 2020): ("legal", "technical", "organizational", "capacity_development"),
    ("NGA", 2024): ("legal",),  # Nigeria's legal pillar, from the press
}
GCI_PILLAR_SUM_TOLERANCE = 0.1
# ITU GCI 2024 tier thresholds (lower bounds of T1..T4; T5 below 20).
GCI_TIER_THRESHOLDS = ((1, 95.0), (2, 85.0), (3, 55.0), (4, 20.0))
GCI_TIER_LABELS = {1: "Role-modelling", 2: "Advancing", 3: "Establishing", 4: "Evolving", 5: "Building"}

# Each source schema's key: the columns that name one value of the source. Every row sharing a
# key with another is quarantined (which one is right is unknown; file order decides nothing),
# so the publish gate sees the key as missing and keeps its published value
# (etl.targets.held_back_keys). split_valid names the key's values in each row's reason.
KEYS: dict[str, tuple[str, ...]] = {
    "GciScores": ("iso3", "edition"),
    "GciSourceValues": ("iso3", "edition", "field", "source_id", "source_url"),
    "EgdiScores": ("iso3", "year"),
    "EgdiDataFile": ("iso3", "year"),
    "NcsiSnapshots": ("iso3", "snapshot", "source_url"),
    "InterpolFacts": ("edition_year", "iso3", "metric", "source_url"),
    "Wdi2017Vintage": ("iso3", "indicator_code", "year"),
    "WorldBankObservations": ("entity_id", "indicator_code", "year"),
    "CorrectionsLedger": ("indicator", "iso3", "edition"),
    # An article is its canonical URL (the store's unique key; etl.news.ingest.canonical_url).
    "NewsArticles": ("canonical_url",),
}
# The check every keyed schema names so (split_valid finds its failures by this name).
KEY_CHECK = "one_row_per_key"
# The column split_valid names in a key failure's reason ("key: <message> (value {...})").
KEY_REASON_COLUMN = "key"


def _rows_sharing_key(df: pd.DataFrame, schema_name: str) -> pd.Series:
    """True for each row whose key (:data:`KEYS`) no other row has (a missing part counts as
    a value: two rows missing the same part share the key)."""
    key = [c for c in KEYS[schema_name] if c in df.columns]
    return ~df.duplicated(key, keep=False)


# The column each source schema's edition is read from (a year; NCSI's snapshot label, whose
# printed year is the edition): with ``iso3`` and the key (KEYS), what names the published rows
# a quarantined row would give (etl.targets.held_back_keys).
EDITION_COLUMNS: dict[str, str] = {
    "GciScores": "edition", "GciSourceValues": "edition", "EgdiScores": "year",
    "EgdiDataFile": "year", "NcsiSnapshots": "snapshot", "InterpolFacts": "edition_year",
    "Wdi2017Vintage": "year", "WorldBankObservations": "year", "CorrectionsLedger": "edition",
}
# The earliest edition a row may name where its schema lists none (the World Bank's series
# start in 1960): the editions a row whose edition cannot be read could be, up to this year.
EARLIEST_EDITION = 1960


def key_columns(schema: type[pa.DataFrameModel]) -> tuple[str, ...]:
    """The columns of ``schema`` a row's published keys are read from: its key (:data:`KEYS`),
    its country (``iso3``) and its edition (:data:`EDITION_COLUMNS`), those it declares."""
    name = schema.__name__
    declared = schema.to_schema().columns
    wanted = (*KEYS.get(name, ()), "iso3", EDITION_COLUMNS.get(name, ""))
    return tuple(c for c in dict.fromkeys(wanted) if c in declared)


def unread_key_columns(rows: list[dict[str, Any]], schema: type[pa.DataFrameModel]
                       ) -> list[frozenset[str]]:
    """Per row as read (a quarantined row's), its key columns (:func:`key_columns`) whose value
    fails that column's own checks (not a number, missing, not an allowed value, an unknown
    ISO3 code...) or whose edition is dated after now: which published rows the row would give
    cannot be read from them (``" MAR"``, ``2025`` for GCI, an empty edition)."""
    names = key_columns(schema)
    declared = schema.to_schema().columns
    frame = pd.DataFrame([{n: row.get(n) for n in names} for row in rows], columns=list(names),
                         dtype=object)
    unread: list[set[str]] = [set() for _ in rows]
    for name in names:  # a cell that is no number, read as such; the others still coerced
        column = declared[name]
        if not _is_numeric(column.dtype):
            continue
        numbers = pd.to_numeric(frame[name], errors="coerce")
        bad = numbers.isna() & (frame[name].notna() | (not column.nullable))
        if "int" in str(column.dtype).lower():
            bad |= numbers.notna() & (numbers % 1 != 0)
        for position in np.flatnonzero(bad.to_numpy()):
            unread[position].add(name)
        frame[name] = numbers.mask(bad, 0)  # a stand-in the unread cell is judged by no more
    try:
        pa.DataFrameSchema({n: declared[n] for n in names}, coerce=True).validate(
            frame, lazy=True)
    except SchemaErrors as errors:
        for case in errors.failure_cases.itertuples(index=False):
            # (A cell that could not be coerced also fails the column's dtype as a whole,
            # with no row: the cell's own failure names its row.)
            if case.column in declared and case.index is not None and not pd.isna(case.index):
                unread[int(case.index)].add(str(case.column))
    edition = EDITION_COLUMNS.get(schema.__name__)
    if edition in names:
        value = frame[edition]
        dated_ok = (_year_not_after_now(value) if _is_numeric(declared[edition].dtype)
                    else _text_dates_not_after_now(value))
        for i, ok in enumerate(dated_ok.tolist()):
            if not ok:
                unread[i].add(edition)
    return [frozenset(cols) for cols in unread]


def key_candidates(schema: type[pa.DataFrameModel], name: str) -> list | None:
    """Every value key column ``name`` of ``schema`` may hold, where they can be listed: a
    known ISO3 code, a value its check allows (``isin``), an edition up to now; None when
    they cannot (a text, a cited URL)."""
    if name == "iso3":
        return list(_KNOWN_ISO3_LIST)
    column = schema.to_schema().columns[name]
    stats = {k: v for check in column.checks for k, v in (check.statistics or {}).items()}
    if "allowed_values" in stats:
        return list(stats["allowed_values"])
    if name != EDITION_COLUMNS.get(schema.__name__):
        return None
    if not _is_numeric(column.dtype):  # a label dated by the year it prints (NCSI)
        return [str(y) for y in range(EARLIEST_EDITION, as_of().year + 1)]
    low, high = stats.get("min_value"), stats.get("max_value")
    return list(range(max(EARLIEST_EDITION, int(low) if low is not None else EARLIEST_EDITION),
                      min(as_of().year, int(high) if high is not None else as_of().year) + 1))


# Text lengths: ten times or so the longest value of the bundled files (measured 2026-11-30),
# so a runaway cell (a 30 MB note) is quarantined, not published and served to every reader.
# Names, labels and short texts: the longest is 77 characters (an INTERPOL report title).
NAME_TEXT_MAX = 1_000
# URLs, several joined by " | ": the longest is 497 characters (a gci_scores.csv source_url).
URL_TEXT_MAX = 5_000
# Notes, statements and reasons: the longest is 286 characters (an INTERPOL statement).
NOTE_TEXT_MAX = 3_000


def _text(limit: int, **kwargs: Any) -> Any:
    """A text column's field, at most ``limit`` characters (None: a missing value passes)."""
    return pa.Field(str_length={"max_value": limit}, **kwargs)


def _optional_text(limit: int) -> Any:
    """A text column a file may lack or leave empty, at most ``limit`` characters."""
    return _text(limit, nullable=True)


# "Now" for the checks of dates, set by split_valid for the time of its validation (a
# parameter, so a test gives its own); the current time when a schema is validated directly.
_AS_OF: ContextVar[datetime | None] = ContextVar("schemas_as_of", default=None)
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_YEAR_IN_TEXT = re.compile(r"\b((?:19|20)\d{2})\b")


def as_of() -> datetime:
    """The time the date checks compare with (see :func:`checking_as_of`)."""
    return _AS_OF.get() or datetime.now(UTC)


@contextmanager
def checking_as_of(now: datetime | None) -> Iterator[datetime]:
    """Run the date checks as of ``now`` (None: the current time, read once here)."""
    moment = now or datetime.now(UTC)
    token = _AS_OF.set(moment)
    try:
        yield moment
    finally:
        _AS_OF.reset(token)


def _year_not_after_now(years: pd.Series) -> pd.Series:
    """True where the year is missing or not after the current year (as of :func:`as_of`)."""
    return ~(pd.to_numeric(years, errors="coerce") > as_of().year).fillna(False)


def _text_dates_not_after_now(texts: pd.Series) -> pd.Series:
    """True where no date printed in the text (an ISO date, else a year) is after now: a
    label "country-page version 2031-05-01" is a typo or a guess, not a snapshot yet taken."""
    today = as_of().date().isoformat()
    year = as_of().year

    def ok(text: Any) -> bool:
        if not isinstance(text, str):
            return True
        if any(d > today for d in (m.group(0) for m in _ISO_DATE.finditer(text))):
            return False
        return all(int(y) <= year for y in _YEAR_IN_TEXT.findall(text))

    return texts.map(ok).astype(bool)


def gci_tier_for_score(score: float) -> int:
    """The ITU GCI 2024 tier a score falls in."""
    for tier, lower in GCI_TIER_THRESHOLDS:
        if score >= lower:
            return tier
    return 5


def gci_tiers_for_scores(scores: pd.Series) -> pd.Series:
    """:func:`gci_tier_for_score` of each score, vectorised (Float64; missing score: missing)."""
    score = pd.to_numeric(scores, errors="coerce").astype(float)
    tiers = np.select([score >= lower for _, lower in GCI_TIER_THRESHOLDS],
                      [tier for tier, _ in GCI_TIER_THRESHOLDS], default=5)
    return pd.Series(tiers, index=scores.index, dtype="Float64").where(score.notna())


class GciScores(pa.DataFrameModel):
    """ITU GCI consolidated rows: one country and edition, on the publisher's scale."""

    iso3: Series[Text] = pa.Field()
    edition: Series[int] = pa.Field(isin=list(GCI_EDITIONS))
    overall_score: Series[float] = pa.Field(ge=0, le=100)
    global_rank: Series[pd.Int64Dtype] = pa.Field(gt=0, nullable=True)
    tier: Series[pd.Int64Dtype] = pa.Field(isin=[1, 2, 3, 4, 5], nullable=True)
    legal: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    technical: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    organizational: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    capacity_development: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    cooperation: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    country: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    score_scale: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    tier_label: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    verification: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    rank_check: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    # Every figure cites where it was read (the store's observations require it): a row
    # without a URL is quarantined, not loaded unsourced (it failed the whole load). The
    # column itself is required of the file by etl.sources.itu_gci.REQUIRED_COLUMNS.
    source_url: Series[Text] | None = _text(URL_TEXT_MAX)
    source_note: Series[object] | None = _optional_text(NOTE_TEXT_MAX)

    @pa.check("iso3", error="unknown ISO 3166-1 alpha-3 code")
    def iso3_known(cls, series: Series[str]) -> Series[bool]:
        return _iso3_known(series)

    @pa.dataframe_check(error="two rows for the same country and GCI edition")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _rows_sharing_key(df, "GciScores")

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        return _year_not_after_now(df["edition"])

    @pa.dataframe_check(error="score outside the edition's scale (0-1 before 2020, 0-100 from 2020)")
    def score_within_edition_scale(cls, df: pd.DataFrame) -> Series[bool]:
        scale_max = df["edition"].map(GCI_SCALE_MAX)
        return scale_max.isna() | df["overall_score"].isna() | (df["overall_score"] <= scale_max)

    @pa.dataframe_check(error="2024 tier inconsistent with the score thresholds (T1>=95, T2>=85, T3>=55, T4>=20)")
    def tier_matches_score(cls, df: pd.DataFrame) -> Series[bool]:
        is_2024 = df["edition"] == 2024
        expected = gci_tiers_for_scores(df["overall_score"])
        return ~is_2024 | (df["tier"].astype("Float64") == expected).fillna(False)

    @pa.dataframe_check(error="ranks are ITU's for 2014-2020 only; 2024 publishes tiers, not ranks")
    def no_rank_in_2024(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["edition"] != 2024) | df["global_rank"].isna()

    @pa.dataframe_check(error="the five pillars do not add up to the overall score (within 0.1)")
    def pillars_add_up(cls, df: pd.DataFrame) -> Series[bool]:
        """A row whose pillars miss its overall score is a misread, unless the source itself
        marks the row as a conflict between its sources (verification ``conflict``, the note
        saying what each printed): that is shown as it is, not held back. Finland 2020: one
        transcription's overall 95.78, the ITU profile's pillars summing to 92.07."""
        pillars = df[list(GCI_PILLARS)]
        complete = pillars.notna().all(axis=1)
        gap = (pillars.sum(axis=1) - df["overall_score"]).abs()
        declared = (df["verification"].astype("string") == "conflict").fillna(False) \
            if "verification" in df else False
        return ~complete | (gap <= GCI_PILLAR_SUM_TOLERANCE + 1e-9) | declared

    @pa.dataframe_check(error="some of the five pillars are empty: a row gives all five or "
                              "none (a blank pillar would remove a published one)")
    def pillars_all_or_none(cls, df: pd.DataFrame) -> Series[bool]:
        """A blank pillar beside the others is a misread cell, not a pillar no source printed
        (the pillar sum cannot tell when one is missing): the row is held back, so the
        published pillar stays. Only the rows :data:`GCI_PARTIAL_PILLARS` lists give some."""
        present = df[list(GCI_PILLARS)].notna()
        count = present.sum(axis=1)
        declared = pd.Series([GCI_PARTIAL_PILLARS.get((iso3, edition)) for iso3, edition in zip(
            df["iso3"].tolist(), df["edition"].tolist(), strict=True)], index=df.index)
        given = pd.Series([tuple(p for p, here in zip(GCI_PILLARS, row, strict=True) if here)
                           for row in present.itertuples(index=False)], index=df.index)
        return (count == 0) | (count == len(GCI_PILLARS)) | (given == declared)

    class Config:
        coerce = True
        strict = False


@dataclass(frozen=True)
class Validated:
    """Rows that passed, and quarantine records for those that did not."""

    valid: pd.DataFrame
    quarantined: list[dict[str, Any]]


# The check a value that is not a number fails (quarantine reasons quote it).
NOT_A_NUMBER = "not a number"


def check_messages() -> tuple[str, ...]:
    """The messages of the checks written in this module, as quarantine reasons quote them:
    the ``error=`` of each model's own column and frame checks, and :data:`NOT_A_NUMBER`.

    pandera's built-in checks (``isin([...])``, ``greater_than(0)``...) are left out: their
    text is pandera's, not ours. The dashboard translates these messages where it shows them.
    """
    found = {NOT_A_NUMBER: None}
    for model in _models():
        schema = model.to_schema()
        checks = [*schema.checks, *(c for col in schema.columns.values() for c in col.checks)]
        for check in checks:
            if check.error and hasattr(model, str(check.name)):  # a method of ours
                found.setdefault(str(check.error))
    return tuple(found)


def _models() -> list[type[pa.DataFrameModel]]:
    return [value for value in globals().values()
            if isinstance(value, type) and issubclass(value, pa.DataFrameModel)
            and value.__module__ == __name__]


# A quarantined row keeps its cells as read up to this many characters: an overlong cell is
# why it is there, and the raw snapshot keeps every byte of it (the quarantine table would
# otherwise hold and serve a 30 MB note). Reasons quote a value up to QUOTED_TEXT_MAX.
QUARANTINED_CELL_MAX = 2 * URL_TEXT_MAX
QUOTED_TEXT_MAX = 200


def _shortened(value: Any, limit: int) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]}… [{len(value):,} characters in all; see the raw snapshot]"
    return value


def _quoted(value: Any) -> str:
    """A value as a reason quotes it (its repr), a long text cut short (still a literal)."""
    if isinstance(value, str) and len(value) > QUOTED_TEXT_MAX:
        return repr(f"{value[:QUOTED_TEXT_MAX]}…")
    return repr(value)


def _row_as_read(raw: pd.DataFrame, index: Any) -> dict[str, Any]:
    row = raw.loc[index]
    return {k: (None if pd.isna(v) else _shortened(v, QUARANTINED_CELL_MAX))
            for k, v in row.items()}


def _key_reason(raw: pd.DataFrame, index: Any, schema: type[pa.DataFrameModel],
                message: str) -> str:
    """A key failure's reason for one row: the message, and the key's values as read (every
    row sharing them is quarantined with the same reason)."""
    key = {c: (None if pd.isna(raw.at[index, c]) else _shortened(raw.at[index, c], QUOTED_TEXT_MAX))
           for c in KEYS.get(schema.__name__, ()) if c in raw.columns}
    return f"{KEY_REASON_COLUMN}: {message} (value {key!r})"


def _key_messages(schema: type[pa.DataFrameModel]) -> frozenset[str]:
    return frozenset(str(c.error) for c in schema.to_schema().checks if c.name == KEY_CHECK)


def _coerce_numbers(raw: pd.DataFrame, schema: type[pa.DataFrameModel]) -> tuple[pd.DataFrame, dict]:
    """Turn the numeric columns to numbers; a value that is not a number is a row failure."""
    typed = raw.copy()
    failures: dict[Any, list[tuple[str, str]]] = {}
    for name, column in schema.to_schema().columns.items():
        if name not in typed.columns or not _is_numeric(column.dtype):
            continue
        numbers = pd.to_numeric(typed[name], errors="coerce")
        bad = typed[name].notna() & numbers.isna()
        for index in typed.index[bad]:
            failures.setdefault(index, []).append(
                ("not_a_number", f"{name}: {NOT_A_NUMBER} (value {_quoted(typed.at[index, name])})")
            )
        if "int" in str(column.dtype).lower():
            # pandera fails a whole integer column on one fraction (2.5), where it names the
            # row of an inf: a fraction is that row's failed conversion, as pandera says it.
            check = f"coerce_dtype('{column.dtype}')"
            fraction = np.isfinite(numbers.astype(float)) & (numbers != numbers.round())
            for index in typed.index[fraction.fillna(False)]:
                failures.setdefault(index, []).append(
                    (check, f"{name}: {check} (value {_quoted(typed.at[index, name])})"))
        typed[name] = numbers
    return typed, failures


def _is_numeric(dtype: Any) -> bool:
    text = str(dtype).lower()
    return any(word in text for word in ("int", "float"))


def split_valid(raw: pd.DataFrame, schema: type[pa.DataFrameModel], *,
                now: datetime | None = None) -> Validated:
    """Validate lazily; failing rows become quarantine records, valid rows are coerced.

    A failure about the whole frame (a missing column) raises ``SchemaErrors``: nothing loads.
    Rows sharing a key (:data:`KEYS`) are all quarantined, each reason naming the key's
    values. Dates are checked against ``now`` (None: the current time).
    """
    with checking_as_of(now):
        return _split_valid(raw, schema)


def _split_valid(raw: pd.DataFrame, schema: type[pa.DataFrameModel]) -> Validated:
    typed, reasons = _coerce_numbers(raw, schema)
    key_messages = _key_messages(schema)
    # (A drop of no rows still copies every column: a shallow copy is enough to validate.)
    candidates = typed.drop(index=list(reasons)) if reasons else typed.copy(deep=False)
    checked = None  # the validated (coerced) candidates when every one passed
    coerced = None  # the coerced candidates when only some rows failed their checks
    try:
        checked = schema.validate(candidates, lazy=True, inplace=True)  # our own copy
    except SchemaErrors as errors:
        cast_failed = False
        for case in errors.failure_cases.itertuples(index=False):
            index = case.index
            if index is None or (isinstance(index, float) and pd.isna(index)):
                raise
            check = str(case.check)
            cast_failed = cast_failed or check.startswith(("coerce_dtype", "dtype("))
            if case.schema_context == "DataFrameSchema" and check in key_messages:
                reason = _key_reason(raw, index, schema, check)
            elif case.schema_context == "DataFrameSchema":
                reason = check  # a rule across columns: the check's message says it all
            else:
                reason = f"{case.column}: {check} (value {_quoted(case.failure_case)})"
            if (check, reason) not in reasons.get(index, []):
                reasons.setdefault(index, []).append((check, reason))
        if not cast_failed and isinstance(errors.data, pd.DataFrame):
            # Every check ran on every row (lazy) and each failure names its row, so the
            # other rows passed them all: the frame as coerced, less those rows, is what
            # validating them again would give (no check here fails a row for the sake of
            # another row being absent). A failed cast leaves a column uncoerced: validate again.
            coerced = errors.data
    quarantined = [
        {
            "row_number": int(index) + 2,  # the line in the file: header is line 1
            "check_name": "; ".join(sorted({c for c, _ in items})),
            "reason": "; ".join(r for _, r in items),
            "row": _row_as_read(raw, index),
        }
        for index, items in sorted(reasons.items())
    ]
    if len(reasons) == len(typed):
        valid = typed.drop(index=list(reasons))  # nothing passed: no row to coerce
    elif checked is not None:  # nothing failed the checks: validated once, not twice
        valid = checked
    elif coerced is not None:
        valid = coerced.drop(index=[i for i in reasons if i in coerced.index])
    else:
        valid = schema.validate(typed.drop(index=list(reasons)), lazy=True, inplace=True)
    return Validated(valid, quarantined)


# ---------------------------------------------------------------- more indices (issue 4)

EGDI_SURVEY_YEARS = (2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024)
NCSI_METHODOLOGIES = (
    "NCSI 2016-2023 methodology (archived data)",
    "NCSI new methodology (2025 relaunch)",
)
# The snapshots (by their label's start) read on a page that prints each country's score: a
# country page and the ranking table (datasets/ncsi_snapshots.csv).
NCSI_SCORED_SNAPSHOTS = ("country-page version", "ranking table")
INTERPOL_EDITIONS = (2021, 2023, 2024, 2025)
WDI_2017_CODES = ("IT.NET.SECR.P6", "IT.NET.USER.P2")
WDI_LIVE_CODES = ("IT.NET.USER.ZS", "IT.NET.SECR.P6")
GCI_FIELDS = ("overall_score", "global_rank", "tier", *GCI_PILLARS)
GCI_EVIDENCE_SOURCES = ("sspi", "bipa", "press_or_official")
CORRECTION_ACTIONS = ("drop", "override", "flag")
CORRECTION_STATUSES = ("open", "applied")


def _iso3_known(series: pd.Series) -> pd.Series:
    """Vectorised (one ``isin``, not a Python call per cell)."""
    return series.isin(_KNOWN_ISO3_LIST)


# The EGDI is the mean of its three sub-indices (OSI, HCI, TII), each published rounded: the
# bundled 966 rows with all four differ from the mean by 0.00007 at most, the UN's own files
# likewise. A score further off is a misread or edited cell (Morocco's 0.68411 typed 0.6 with its
# sub-indices unchanged was published), not the UN's: quarantined.
EGDI_MEAN_TOLERANCE = 0.0005
EGDI_MEAN_ERROR = ("the EGDI is the mean of its sub-indices (OSI, HCI, TII): this score is more "
                   "than 0.0005 from theirs")


def _egdi_is_the_mean(df: pd.DataFrame) -> pd.Series:
    """True where the score is within :data:`EGDI_MEAN_TOLERANCE` of the sub-indices' mean, or
    where the score or a sub-index is missing (nothing to compare)."""
    parts = df[["osi", "hci", "tii"]].astype(float)
    score = df["egdi"].astype(float)
    compared = parts.notna().all(axis=1) & score.notna()
    return ~compared | ((score - parts.mean(axis=1)).abs() <= EGDI_MEAN_TOLERANCE)


class EgdiScores(pa.DataFrameModel):
    """UN EGDI rows: one country and survey year; the index and sub-indices run 0-1."""

    iso3: Series[Text] = pa.Field()
    year: Series[int] = pa.Field(isin=list(EGDI_SURVEY_YEARS))
    egdi: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    egdi_rank: Series[pd.Int64Dtype] = pa.Field(gt=0, le=200, nullable=True)
    osi: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    hci: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    tii: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    epi: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    source_url: Series[Text] = _text(URL_TEXT_MAX)
    country: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    verification: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    source_note: Series[object] | None = _optional_text(NOTE_TEXT_MAX)

    @pa.check("iso3", error="unknown ISO 3166-1 alpha-3 code")
    def iso3_known(cls, series: Series[str]) -> Series[bool]:
        return _iso3_known(series)

    @pa.dataframe_check(error="a row needs the EGDI score or rank (nothing to show otherwise)")
    def has_score_or_rank(cls, df: pd.DataFrame) -> Series[bool]:
        return df["egdi"].notna() | df["egdi_rank"].notna()

    @pa.dataframe_check(error="a row with sub-indices needs its EGDI score (the EGDI is their "
                              "mean; a blank one would empty the published score)")
    def egdi_with_sub_indices(cls, df: pd.DataFrame) -> Series[bool]:
        """A score left blank beside its sub-indices is a misread cell; a rank alone (Morocco
        2020: the press gave the rank, no score) has none to go with it."""
        return df["egdi"].notna() | df[["osi", "hci", "tii"]].isna().all(axis=1)

    @pa.dataframe_check(error=EGDI_MEAN_ERROR)
    def egdi_is_the_mean(cls, df: pd.DataFrame) -> Series[bool]:
        return _egdi_is_the_mean(df)

    @pa.dataframe_check(error="one row per country and survey year")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _rows_sharing_key(df, "EgdiScores")

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        return _year_not_after_now(df["year"])

    class Config:
        coerce = True
        strict = False


class EgdiDataFile(pa.DataFrameModel):
    """Rows of a UN ``EGOV_DATA_<year>.csv`` file after header mapping; names matched exactly."""

    country_name: Series[Text] = _text(NAME_TEXT_MAX)
    year: Series[int] = pa.Field(isin=list(EGDI_SURVEY_YEARS))
    egdi: Series[float] = pa.Field(ge=0, le=1)
    egdi_rank: Series[pd.Int64Dtype] = pa.Field(gt=0, le=200, nullable=True)
    osi: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    hci: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    tii: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    epi: Series[float] = pa.Field(ge=0, le=1, nullable=True)
    iso3: Series[Text] = pa.Field(nullable=True)
    # The name itself where it matched nothing (so the quarantine reason names it), else empty.
    unmatched_name: Series[Text] = pa.Field(nullable=True)

    @pa.check("unmatched_name",
              error="country name matches no ISO 3166 name, CLDR name or alias "
                    "(datasets/country_name_aliases.csv); not guessed")
    def country_name_matched(cls, series: Series[str]) -> Series[bool]:
        return series.isna()  # any non-empty value is a name that matched nothing

    @pa.dataframe_check(error=EGDI_MEAN_ERROR)
    def egdi_is_the_mean(cls, df: pd.DataFrame) -> Series[bool]:
        return _egdi_is_the_mean(df)

    @pa.dataframe_check(error="two rows for the same country and survey year")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        return df["iso3"].isna() | _rows_sharing_key(df, "EgdiDataFile")

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        return _year_not_after_now(df["year"])

    class Config:
        coerce = True
        strict = False


class NcsiSnapshots(pa.DataFrameModel):
    """NCSI snapshot rows: rank (or range) and score 0-100 as printed; sparse by nature."""

    iso3: Series[Text] = pa.Field()
    snapshot: Series[Text] = _text(NAME_TEXT_MAX)
    methodology: Series[Text] = pa.Field(isin=list(NCSI_METHODOLOGIES))
    ncsi_rank: Series[pd.Int64Dtype] = pa.Field(gt=0, le=200, nullable=True)
    ncsi_rank_text: Series[Text] = pa.Field(nullable=True, str_matches=r"^\d+(-\d+)?$")
    ncsi_score: Series[float] = pa.Field(ge=0, le=100, nullable=True)
    digital_development_level: Series[float] = pa.Field(ge=0, le=100, nullable=True)
    countries_in_index: Series[pd.Int64Dtype] = pa.Field(gt=0, nullable=True)
    source_url: Series[Text] = _text(URL_TEXT_MAX)
    country: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    source_note: Series[object] | None = _optional_text(NOTE_TEXT_MAX)

    @pa.check("iso3", error="unknown ISO 3166-1 alpha-3 code")
    def iso3_known(cls, series: Series[str]) -> Series[bool]:
        return _iso3_known(series)

    @pa.dataframe_check(error="a snapshot row needs a rank, a rank range or a score")
    def has_rank_or_score(cls, df: pd.DataFrame) -> Series[bool]:
        return df["ncsi_rank"].notna() | df["ncsi_rank_text"].notna() | df["ncsi_score"].notna()

    @pa.dataframe_check(error="a country page or the ranking table prints the NCSI score: "
                              "a snapshot read there needs it")
    def scored_snapshot_has_score(cls, df: pd.DataFrame) -> Series[bool]:
        """A blank score where the page read prints one is a misread cell, not a rank-only
        snapshot (news items, top-10 lists and the 2025 relaunch give ranks only)."""
        label = df["snapshot"].astype("string").fillna("")
        return df["ncsi_score"].notna() | ~label.str.startswith(NCSI_SCORED_SNAPSHOTS)

    @pa.dataframe_check(error="ncsi_rank and ncsi_rank_text disagree")
    def rank_text_matches_rank(cls, df: pd.DataFrame) -> Series[bool]:
        both = df["ncsi_rank"].notna() & df["ncsi_rank_text"].notna()
        same = df["ncsi_rank"].astype("string") == df["ncsi_rank_text"].astype("string")
        return ~both | same.fillna(False)

    @pa.dataframe_check(error="two rows for the same country, snapshot and cited URL")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _rows_sharing_key(df, "NcsiSnapshots")

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        """The snapshot's label dates it (etl.sources.ncsi.snapshot_date): no date it
        prints may be after now."""
        return _text_dates_not_after_now(df["snapshot"])

    class Config:
        coerce = True
        strict = False


class InterpolFacts(pa.DataFrameModel):
    """INTERPOL African Cyberthreat Assessment statements: cited text, never a score."""

    edition_year: Series[pd.Int64Dtype] = pa.Field(isin=list(INTERPOL_EDITIONS), nullable=True)
    iso3: Series[Text] = pa.Field(nullable=True)
    metric: Series[Text] = _text(NAME_TEXT_MAX)
    statement: Series[Text] = _text(NOTE_TEXT_MAX)
    source_url: Series[Text] = _text(URL_TEXT_MAX, str_startswith="http")
    source_kind: Series[Text] = _text(NAME_TEXT_MAX, nullable=True)
    report_title: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    publication_date: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    data_period: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    country: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    value: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    unit: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    source_note: Series[object] | None = _optional_text(NOTE_TEXT_MAX)

    @pa.check("iso3", error="unknown ISO 3166-1 alpha-3 code")
    def iso3_known(cls, series: Series[str]) -> Series[bool]:
        return _iso3_known(series)

    @pa.dataframe_check(error="one statement per edition, country, metric and cited URL")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _rows_sharing_key(df, "InterpolFacts")

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        published = (_text_dates_not_after_now(df["publication_date"])
                     if "publication_date" in df else True)
        return _year_not_after_now(df["edition_year"]) & published

    class Config:
        coerce = True
        strict = False


class Wdi2017Vintage(pa.DataFrameModel):
    """World Bank WDI bulk rows of the 2017 vintage: one country, indicator and year."""

    iso3: Series[Text] = pa.Field()
    indicator_code: Series[Text] = pa.Field(isin=list(WDI_2017_CODES))
    year: Series[int] = pa.Field(ge=1960, le=2017)
    value: Series[float] = pa.Field(ge=0)
    source_url: Series[Text] = _text(URL_TEXT_MAX)
    country: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    indicator_name: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    unit: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    source_note: Series[object] | None = _optional_text(NOTE_TEXT_MAX)

    @pa.check("iso3", error="unknown ISO 3166-1 alpha-3 code")
    def iso3_known(cls, series: Series[str]) -> Series[bool]:
        return _iso3_known(series)

    @pa.dataframe_check(error="internet users per 100 people above 100")
    def users_within_100(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["indicator_code"] != "IT.NET.USER.P2") | (df["value"] <= 100)

    @pa.dataframe_check(error="one row per country, indicator and year")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _rows_sharing_key(df, "Wdi2017Vintage")

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        return _year_not_after_now(df["year"])

    class Config:
        coerce = True
        strict = False


class WorldBankObservations(pa.DataFrameModel):
    """World Bank API observations as received: countries and aggregates, nulls kept."""

    indicator_code: Series[Text] = pa.Field(isin=list(WDI_LIVE_CODES))
    entity_kind: Series[Text] = pa.Field(isin=["country", "aggregate"])
    iso3: Series[Text] = pa.Field(nullable=True)
    year: Series[int] = pa.Field(ge=1960, le=2100)
    value: Series[float] = pa.Field(ge=0, nullable=True)
    entity_name: Series[object] | None = _optional_text(NAME_TEXT_MAX)

    @pa.dataframe_check(error="a country's row without its ISO 3166 alpha-3 code (the API gave "
                              "its ISO2 id only): not an aggregate, not loaded")
    def country_has_iso3(cls, df: pd.DataFrame) -> Series[bool]:
        """A country the API named by its ISO2 id but with an empty ``countryiso3code``
        (etl.sources.worldbank_wdi.parse): held back, so its published values stay."""
        return (df["entity_kind"] != "country") | df["iso3"].isin(_KNOWN_ISO3_LIST)

    @pa.dataframe_check(error="individuals using the Internet above 100% of population")
    def users_within_100(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["indicator_code"] != "IT.NET.USER.ZS") | ~(df["value"] > 100).fillna(False)

    @pa.dataframe_check(error="two observations for the same entity, indicator and year")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        key = df["entity_id"] if "entity_id" in df.columns else df["iso3"]
        frame = pd.DataFrame({"k": key, "i": df["indicator_code"], "y": df["year"]})
        return ~frame.duplicated(keep=False)

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        """A figure for a year to come; the API's empty rows for such a year show nothing."""
        return _year_not_after_now(df["year"]) | df["value"].isna()

    class Config:
        coerce = True
        strict = False


class GciSourceValues(pa.DataFrameModel):
    """GCI evidence: one value per source, before consolidation."""

    iso3: Series[Text] = pa.Field()
    edition: Series[int] = pa.Field(isin=list(GCI_EDITIONS))
    field: Series[Text] = pa.Field(isin=list(GCI_FIELDS))
    value: Series[float] = pa.Field(ge=0)
    source_id: Series[Text] = pa.Field(isin=list(GCI_EVIDENCE_SOURCES))
    source_url: Series[Text] = _text(URL_TEXT_MAX, str_startswith="http")
    country: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    source_note: Series[object] | None = _optional_text(NOTE_TEXT_MAX)

    @pa.check("iso3", error="unknown ISO 3166-1 alpha-3 code")
    def iso3_known(cls, series: Series[str]) -> Series[bool]:
        return _iso3_known(series)

    @pa.dataframe_check(error="one value per country, edition, field, source and cited URL "
                              "(two quotes of the same value need different notes)")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        """A page quoted twice for one figure is two rows (Zawya on Oman's 2024 tier, each
        with its own note, stored apart: the note is part of the stored key), but not with
        two values, nor twice with the same note."""
        key = list(KEYS["GciSourceValues"])
        values = df.groupby(key, dropna=False, sort=False)["value"].transform("nunique")
        repeated = df.duplicated([*key, "source_note"] if "source_note" in df else key,
                                 keep=False)
        return (values <= 1) & ~repeated

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        return _year_not_after_now(df["edition"])

    @pa.dataframe_check(error="value outside its field's scale (score 0-1 before 2020, 0-100 "
                              "from 2020; pillars 0-20; tier 1-5; rank >= 1)")
    def value_within_field_scale(cls, df: pd.DataFrame) -> Series[bool]:
        score_max = df["edition"].map(GCI_SCALE_MAX)
        value = df["value"]
        overall = (df["field"] != "overall_score") | (value <= score_max)
        pillar = ~df["field"].isin(GCI_PILLARS) | (value <= GCI_PILLAR_MAX)
        tier = (df["field"] != "tier") | value.isin([1, 2, 3, 4, 5])
        rank = (df["field"] != "global_rank") | (value >= 1)
        return overall & pillar & tier & rank

    class Config:
        coerce = True
        strict = False


class CorrectionsLedger(pa.DataFrameModel):
    """The corrections ledger: each entry names a value, an action and a reason."""

    indicator: Series[Text] = _text(NAME_TEXT_MAX)
    iso3: Series[Text] = pa.Field()
    edition: Series[int] = pa.Field()
    action: Series[Text] = pa.Field(isin=list(CORRECTION_ACTIONS))
    value: Series[float] = pa.Field(nullable=True)
    reason: Series[Text] = pa.Field(str_length={"min_value": 10, "max_value": NOTE_TEXT_MAX})
    reported_date: Series[Text] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    status: Series[Text] = pa.Field(isin=list(CORRECTION_STATUSES))
    source_url: Series[Text] = _text(URL_TEXT_MAX, str_startswith="http")

    @pa.check("iso3", error="unknown ISO 3166-1 alpha-3 code")
    def iso3_known(cls, series: Series[str]) -> Series[bool]:
        return _iso3_known(series)

    @pa.dataframe_check(error="an override needs a value; drop and flag take none")
    def value_only_for_override(cls, df: pd.DataFrame) -> Series[bool]:
        is_override = df["action"] == "override"
        return (is_override & df["value"].notna()) | (~is_override & df["value"].isna())

    @pa.dataframe_check(error="one ledger entry per indicator, country and edition")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        return _rows_sharing_key(df, "CorrectionsLedger")

    @pa.dataframe_check(error="dated in the future (after the date of this run)")
    def not_dated_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        """A report dated after now, or an edition yet to come, is a typo."""
        return _text_dates_not_after_now(df["reported_date"]) & _year_not_after_now(df["edition"])

    class Config:
        coerce = True
        strict = False


# The largest value each observation scale allows (the ``scale`` the sources write); a scale
# not listed only needs a value >= 0.
OBSERVATION_SCALE_MAX = {
    "0-1": 1.0, "0-20": GCI_PILLAR_MAX, "0-100": 100.0,
    "% of population": 100.0, "per 100 people": 100.0,
}


class Observations(pa.DataFrameModel):
    """Tidy observations (``etl.sources.base.OBSERVATION_COLUMNS``), as the corrections ledger
    leaves them: a ledger override must pass what the source's own schema asks of that value
    (its scale, the GCI 2024 tier, the GCI pillars adding up), else the ledger fails
    (:func:`etl.corrections.apply_ledger`)."""

    indicator_id: Series[Text] = pa.Field()
    iso3: Series[Text] = pa.Field()
    edition: Series[int] = pa.Field()
    value: Series[float] = pa.Field(ge=0, nullable=True)

    @pa.dataframe_check(error="value outside its scale")
    def value_within_scale(cls, df: pd.DataFrame) -> Series[bool]:
        scale_max = (df["scale"].map(OBSERVATION_SCALE_MAX) if "scale" in df
                     else pd.Series(np.nan, index=df.index))
        return scale_max.isna() | df["value"].isna() | (df["value"] <= scale_max)

    @pa.dataframe_check(error="2024 tier inconsistent with the score thresholds (T1>=95, T2>=85, T3>=55, T4>=20)")
    def tier_matches_score(cls, df: pd.DataFrame) -> Series[bool]:
        if "tier" not in df:
            return pd.Series(True, index=df.index)
        gci_2024 = (df["indicator_id"] == "itu_gci.overall") & (df["edition"] == 2024)
        tier = pd.to_numeric(df["tier"], errors="coerce").astype("Float64")
        same = (tier == gci_tiers_for_scores(df["value"])).fillna(False)
        return ~gci_2024 | tier.isna() | same

    @pa.dataframe_check(error="the five pillars do not add up to the overall score (within 0.1)")
    def pillars_add_up(cls, df: pd.DataFrame) -> Series[bool]:
        """As :meth:`GciScores.pillars_add_up`, over a country's GCI observations of an
        edition (each of their rows fails when they do not add up)."""
        names = {f"itu_gci.{p}" for p in GCI_PILLARS}
        gci = df[df["indicator_id"].isin(names | {"itu_gci.overall"})]
        ok = pd.Series(True, index=df.index)
        for _, group in gci.groupby(["iso3", "edition"], sort=False):
            overall = group[group["indicator_id"] == "itu_gci.overall"]
            pillars = group[group["indicator_id"].isin(names)]
            if len(overall) != 1 or len(pillars) != len(names) or pillars["value"].isna().any():
                continue
            declared = "verification" in overall and overall["verification"].iloc[0] == "conflict"
            gap = abs(float(pillars["value"].sum()) - float(overall["value"].iloc[0]))
            if not declared and gap > GCI_PILLAR_SUM_TOLERANCE + 1e-9:
                ok[group.index] = False
        return ok

    class Config:
        coerce = True
        strict = False


# ---------------------------------------------------------------- news (issue 5)

NEWS_RECORD_KINDS = ("article", "volume")
# Article texts (measured 2026-11-30): the bundled samples and the test fixtures are short (title
# 62 characters, URL 82, outlet 18, body 338), real articles are not. A body may hold a whole
# long read: 200,000 characters is some 30,000 English words, longer than any feature or report
# page an outlet publishes as one article (and analysed in well under a second), while a runaway
# page (a 30 MB dump) is quarantined. A URL fits the store's canonical_url column (2,048).
ARTICLE_TEXT_MAX = 200_000
ARTICLE_URL_MAX = 2_048
# An outlet's name (or the host it is read from) fits the store's outlet column (200): a longer
# one is quarantined, never cut short on the way in.
ARTICLE_OUTLET_MAX = 200
# How far after now a published date may be: a date given without its time zone is read as UTC
# (up to 14 hours early for UTC+14), and a publisher's clock may run ahead by some minutes.
PUBLISHED_AHEAD_TOLERANCE = pd.Timedelta(days=1)


# The largest count a store column holds (an INTEGER is 32 bits on PostgreSQL).
COUNT_MAX = 2**31 - 1


def _whole_counts(values: pd.Series) -> pd.Series:
    """Where a value reads as a whole number from 0 to :data:`COUNT_MAX` (text or number; a
    boolean is none)."""
    numbers = pd.to_numeric(values.where(~values.map(lambda v: isinstance(v, bool)), None),
                            errors="coerce").astype(float)
    return (numbers >= 0) & (numbers <= COUNT_MAX) & (numbers == numbers.round())


class NewsArticles(pa.DataFrameModel):
    """News rows as parsed (articles, and GDELT volume points): readable, linked and dated."""

    record_kind: Series[Text] = pa.Field(isin=list(NEWS_RECORD_KINDS))
    # Set by parse() when a file or item could not be read: "<file>: <why>".
    parse_error: Series[object] = pa.Field(nullable=True)
    # What the store keeps of an article (volume rows have none of it).
    url: Series[object] | None = _optional_text(ARTICLE_URL_MAX)
    canonical_url: Series[object] | None = _optional_text(ARTICLE_URL_MAX)
    title: Series[object] | None = _optional_text(NAME_TEXT_MAX)
    outlet: Series[object] | None = _optional_text(ARTICLE_OUTLET_MAX)
    text: Series[object] | None = _optional_text(ARTICLE_TEXT_MAX)
    query: Series[object] | None = _optional_text(NOTE_TEXT_MAX)

    @pa.check("parse_error", error="unreadable article")
    def readable(cls, series: Series[object]) -> Series[bool]:
        return series.isna()  # vectorised: a row is readable when it has no parse error

    @pa.dataframe_check(error="an article needs an http(s) URL, a title and a readable date")
    def complete_article(cls, df: pd.DataFrame) -> Series[bool]:
        # An absent column reads as empty texts (a bare "" has no .str: the check raised).
        empty = pd.Series("", index=df.index, dtype="string")
        url = df["url"].astype("string").fillna("") if "url" in df else empty
        title = df["title"].astype("string").fillna("") if "title" in df else empty
        ok = (url.str.match(r"^https?://") & (title.str.strip() != "")
              & df["published_at"].notna())
        return ok | df["parse_error"].notna() | (df["record_kind"] != "article")

    @pa.dataframe_check(error="a volume point needs a country, a date and a count")
    def complete_volume(cls, df: pd.DataFrame) -> Series[bool]:
        """A count is a whole number of articles the store can hold, as is the number
        monitored when given: 2.5, -3, inf or 1e309 is no count (never cut to a whole one)."""
        if "count" not in df:
            return df["record_kind"] != "volume"
        monitored = df["monitored"] if "monitored" in df else pd.Series(None, index=df.index)
        ok = (df["iso3"].notna() & df["volume_date"].notna() & _whole_counts(df["count"])
              & (monitored.isna() | _whole_counts(monitored)))
        return ok | (df["record_kind"] != "volume")

    @pa.dataframe_check(error="two different articles under one canonical URL (title, text or "
                              "published date differ)")
    def one_row_per_key(cls, df: pd.DataFrame) -> Series[bool]:
        """The same article met twice (in two feeds, under two tracking links) is one article,
        loaded once (etl.news.ingest.load_articles); two versions of it are a conflict: which
        one is right is unknown, so every version is held back."""
        if "canonical_url" not in df:
            return pd.Series(True, index=df.index)
        keyed = (df["record_kind"] == "article") & df["canonical_url"].notna()
        version = [c for c in ("canonical_url", "content_sha256", "published_at") if c in df]
        versions = df.loc[keyed, version].astype("string").drop_duplicates()
        conflicting = versions["canonical_url"][versions["canonical_url"].duplicated()]
        return ~(keyed & df["canonical_url"].isin(conflicting.tolist()))

    @pa.dataframe_check(error="two volume points for the same country and day")
    def one_volume_point_per_day(cls, df: pd.DataFrame) -> Series[bool]:
        """The store keeps one point per source, country and day: which of two is right is
        unknown (and both would break the load)."""
        if "volume_date" not in df:
            return pd.Series(True, index=df.index)
        volume = df["record_kind"] == "volume"
        shared = df[volume].duplicated(["iso3", "volume_date"], keep=False)
        return ~shared.reindex(df.index, fill_value=False)

    @pa.dataframe_check(error="published more than a day after the date of this run")
    def not_published_in_future(cls, df: pd.DataFrame) -> Series[bool]:
        """A date after now, beyond time zones and clock skew
        (:data:`PUBLISHED_AHEAD_TOLERANCE`), is a typo or a wrong time zone, not news."""
        latest = pd.Timestamp(as_of()) + PUBLISHED_AHEAD_TOLERANCE
        ok = pd.Series(True, index=df.index)
        if "published_at" in df:
            published = pd.to_datetime(df["published_at"], utc=True, errors="coerce")
            ok &= ~(published > latest).fillna(False)
        if "volume_date" in df:
            day = pd.to_datetime(df["volume_date"], errors="coerce")
            ok &= ~(day > latest.tz_convert(None).normalize()).fillna(False)
        return ok

    class Config:
        coerce = True
        strict = False
