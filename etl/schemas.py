"""pandera schemas, declared apart from the code that checks them.

Each schema validates a source's rows *as parsed* (before reshaping), lazily, so every failing
row is reported; :func:`split_valid` turns the failures into quarantine records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pycountry
from pandera.errors import SchemaErrors
from pandera.typing import Series

KNOWN_ISO3 = frozenset(c.alpha_3 for c in pycountry.countries)

GCI_EDITIONS = (2014, 2017, 2018, 2020, 2024)
GCI_SCALE_MAX = {2014: 1.0, 2017: 1.0, 2018: 1.0, 2020: 100.0, 2024: 100.0}
GCI_PILLARS = ("legal", "technical", "organizational", "capacity_development", "cooperation")
GCI_PILLAR_MAX = 20.0
GCI_PILLAR_SUM_TOLERANCE = 0.1
# ITU GCI 2024 tier thresholds (lower bounds of T1..T4; T5 below 20).
GCI_TIER_THRESHOLDS = ((1, 95.0), (2, 85.0), (3, 55.0), (4, 20.0))
GCI_TIER_LABELS = {1: "Role-modelling", 2: "Advancing", 3: "Establishing", 4: "Evolving", 5: "Building"}


def gci_tier_for_score(score: float) -> int:
    """The ITU GCI 2024 tier a score falls in."""
    for tier, lower in GCI_TIER_THRESHOLDS:
        if score >= lower:
            return tier
    return 5


class GciScores(pa.DataFrameModel):
    """ITU GCI consolidated rows: one country and edition, on the publisher's scale."""

    iso3: Series[str] = pa.Field()
    edition: Series[int] = pa.Field(isin=list(GCI_EDITIONS))
    overall_score: Series[float] = pa.Field(ge=0, le=100)
    global_rank: Series[pd.Int64Dtype] = pa.Field(gt=0, nullable=True)
    tier: Series[pd.Int64Dtype] = pa.Field(isin=[1, 2, 3, 4, 5], nullable=True)
    legal: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    technical: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    organizational: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    capacity_development: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)
    cooperation: Series[float] = pa.Field(ge=0, le=GCI_PILLAR_MAX, nullable=True)

    @pa.check("iso3", element_wise=True, error="unknown ISO 3166-1 alpha-3 code")
    def iso3_known(cls, value: str) -> bool:
        return value in KNOWN_ISO3

    @pa.dataframe_check(error="score outside the edition's scale (0-1 before 2020, 0-100 from 2020)")
    def score_within_edition_scale(cls, df: pd.DataFrame) -> Series[bool]:
        scale_max = df["edition"].map(GCI_SCALE_MAX)
        return scale_max.isna() | df["overall_score"].isna() | (df["overall_score"] <= scale_max)

    @pa.dataframe_check(error="2024 tier inconsistent with the score thresholds (T1>=95, T2>=85, T3>=55, T4>=20)")
    def tier_matches_score(cls, df: pd.DataFrame) -> Series[bool]:
        is_2024 = df["edition"] == 2024
        expected = df["overall_score"].map(
            lambda s: gci_tier_for_score(s) if pd.notna(s) else pd.NA
        )
        return ~is_2024 | (df["tier"].astype("Float64") == expected.astype("Float64")).fillna(False)

    @pa.dataframe_check(error="ranks are ITU's for 2014-2020 only; 2024 publishes tiers, not ranks")
    def no_rank_in_2024(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["edition"] != 2024) | df["global_rank"].isna()

    @pa.dataframe_check(error="the five pillars do not add up to the overall score (within 0.1)")
    def pillars_add_up(cls, df: pd.DataFrame) -> Series[bool]:
        pillars = df[list(GCI_PILLARS)]
        complete = pillars.notna().all(axis=1)
        gap = (pillars.sum(axis=1) - df["overall_score"]).abs()
        return ~complete | (gap <= GCI_PILLAR_SUM_TOLERANCE + 1e-9)

    class Config:
        coerce = True
        strict = False


@dataclass(frozen=True)
class Validated:
    """Rows that passed, and quarantine records for those that did not."""

    valid: pd.DataFrame
    quarantined: list[dict[str, Any]]


def _row_as_read(raw: pd.DataFrame, index: Any) -> dict[str, Any]:
    row = raw.loc[index]
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


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
                ("not_a_number", f"{name}: not a number (value {typed.at[index, name]!r})")
            )
        typed[name] = numbers
    return typed, failures


def _is_numeric(dtype: Any) -> bool:
    text = str(dtype).lower()
    return any(word in text for word in ("int", "float"))


def split_valid(raw: pd.DataFrame, schema: type[pa.DataFrameModel]) -> Validated:
    """Validate lazily; failing rows become quarantine records, valid rows are coerced.

    A failure about the whole frame (a missing column) raises ``SchemaErrors``: nothing loads.
    """
    typed, reasons = _coerce_numbers(raw, schema)
    candidates = typed.drop(index=list(reasons))
    try:
        schema.validate(candidates, lazy=True)
    except SchemaErrors as errors:
        for case in errors.failure_cases.itertuples(index=False):
            index = case.index
            if index is None or (isinstance(index, float) and pd.isna(index)):
                raise
            check = str(case.check)
            if case.schema_context == "DataFrameSchema":
                reason = check  # a rule across columns: the check's message says it all
            else:
                reason = f"{case.column}: {check} (value {case.failure_case!r})"
            if (check, reason) not in reasons.get(index, []):
                reasons.setdefault(index, []).append((check, reason))
    quarantined = [
        {
            "row_number": int(index) + 2,  # the line in the file: header is line 1
            "check_name": "; ".join(sorted({c for c, _ in items})),
            "reason": "; ".join(r for _, r in items),
            "row": _row_as_read(raw, index),
        }
        for index, items in sorted(reasons.items())
    ]
    good = typed.drop(index=list(reasons))
    valid = schema.validate(good, lazy=True) if len(good) else good
    return Validated(valid, quarantined)
