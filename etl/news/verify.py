"""Check news claims against the project's official observation rows.

``official`` is a DataFrame of tidy rows: indicator (itu_gci.overall, itu_gci.legal, ..., ncsi.score,
un_egdi.egdi), iso3, country, edition, value (publisher scale), scale, rank, tier, source, source_url,
snapshot_sha256. A claim is consistent, contradicted, or unverifiable (no official figure covers it).
Regional ranks are not published by anyone: they are computed here from the official scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from etl.news.claims import Claim
from etl.news.explain import explain
from etl.news.regions import DEFAULT_REGIONS

SCORE_INDICATORS = {"itu_gci": "itu_gci.overall", "ncsi": "ncsi.score", "un_egdi": "un_egdi.egdi"}
# The official columns a verdict and its official figure are read from.
CHECKED_COLUMNS = ("indicator", "iso3", "edition", "value", "scale", "rank", "tier", "source",
                   "source_url")
PILLARS = ("legal", "technical", "organizational", "capacity_development", "cooperation")


@dataclass(frozen=True)
class CheckedClaim:
    """A claim with its verdict, the official figure used, and why (article language and English)."""

    claim: Claim
    verdict: str  # consistent | contradicted | unverifiable
    official: dict | None
    explanation: str
    explanation_en: str

    def to_dict(self) -> dict:
        return {
            **self.claim.to_dict(),
            "verdict": self.verdict,
            "official": self.official,
            "explanation": self.explanation,
            "explanation_en": self.explanation_en,
        }


def _fmt(value: float) -> str:
    """A figure as people write it: 82.41, 0.871, 50."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _claimed_text(claim: Claim) -> str:
    return _fmt(claim.value) + ("%" if claim.unit == "%" else "")


class _Verdict:
    """Builds a CheckedClaim with the explanation in the claim's language and in English."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim

    def __call__(
        self,
        verdict: str,
        message: str,
        record: dict | None = None,
        suffix: tuple = (),
        **fields: object,
    ) -> CheckedClaim:
        c = self.claim
        base = {
            "iso3": c.iso3,
            "index_id": c.index,
            "metric_id": c.metric,
            "claimed": _claimed_text(c),
            "edition": c.edition or "",
            **fields,
        }

        def line(language: str) -> str:
            text = explain(language, message, **base)
            for extra, extra_fields in suffix:
                text += explain(language, extra, **{**base, **extra_fields})
            return text

        return CheckedClaim(c, verdict, record, line(c.language), line("en"))


def _indicator(claim: Claim) -> str | None:
    if claim.metric in PILLARS:
        return f"{claim.index}.{claim.metric}" if claim.index == "itu_gci" else None
    return SCORE_INDICATORS.get(claim.index)


def _scale_max(rows: pd.DataFrame) -> float:
    """1 for a 0-1 index edition (GCI 2014-2018, EGDI), else 100."""
    scales = rows["scale"].dropna().astype(str) if "scale" in rows else pd.Series(dtype=str)
    # Each distinct scale text matched once (an edition's rows repeat one or two texts).
    if len(scales) and pd.Series(scales.unique()).str.fullmatch(r"\s*0\s*-\s*1\s*").all():
        return 1.0
    return 1.0 if rows["value"].max() <= 1.0 else 100.0


def _official(row: pd.Series, **extra: object) -> dict:
    out = {"indicator": row["indicator"], "edition": int(row["edition"])}
    for key in ("value", "rank", "tier"):
        value = row.get(key)
        out[key] = None if pd.isna(value) else (float(value) if key == "value" else int(value))
    out.update(source=row.get("source"), source_url=row.get("source_url"), **extra)
    return out


def _check_one(
    claim: Claim,
    rows: pd.DataFrame,
    regions: Mapping[str, Iterable[str]],
    editions: dict[int, pd.DataFrame],
) -> CheckedClaim:
    """``rows``: the official rows of the claim's indicator (none when it has none);
    ``editions``: their rows by edition, filled as claims ask (shared by the indicator's
    claims, a row filter saved for each claim on an edition seen before)."""
    verdict = _Verdict(claim)
    if claim.index == "interpol":
        return verdict("unverifiable", "no_index")
    regional = claim.metric == "rank" and claim.scope != "world"
    column = (
        {"rank": "rank", "tier": "tier"}.get(claim.metric, "value") if not regional else "value"
    )
    edition, suffix = claim.edition, ()
    if edition is None:
        dated = rows.loc[rows[column].notna(), "edition"]
        if dated.empty:
            return verdict("unverifiable", "no_edition")
        edition = int(dated.max())
        suffix = (("latest", {"edition": edition}),)
    if edition not in editions:
        editions[edition] = rows[rows["edition"] == edition]
    rows = editions[edition]
    if rows.empty:
        return verdict("unverifiable", "no_edition", edition=edition)
    if rows[column].isna().all():
        reason = (
            "no_rank_2024"
            if (claim.index, column, edition) == ("itu_gci", "rank", 2024)
            else "no_figure"
        )
        return verdict("unverifiable", reason, edition=edition, suffix=suffix)
    own = rows[(rows["iso3"] == claim.iso3) & rows[column].notna()]
    if own.empty:
        return verdict("unverifiable", "no_figure", edition=edition, suffix=suffix)
    row = own.iloc[0]
    source = row.get("source") or row.get("source_url") or ""
    common = {"edition": edition, "source": source, "suffix": suffix}
    if regional:
        members = set(regions.get(claim.scope, ()))
        scored = rows[rows["iso3"].isin(members) & rows["value"].notna()]
        computed = int((scored["value"] > row["value"] + 1e-9).sum()) + 1
        ok = computed <= claim.value if claim.bound == "top" else computed == claim.value
        official_row = _official(
            row,
            scope=claim.scope,
            regional_rank=computed,
            of=len(scored),
            computed_from="official scores",
        )
        state = "consistent" if ok else "contradicted"
        return verdict(
            state,
            "regional_ok" if ok else "regional",
            official_row,
            verdict_id=state,
            official=computed,
            count=len(scored),
            region_id=claim.scope,
            **common,
        )
    if column == "value":
        return _check_score(claim, verdict, rows, row, common)
    ok = (
        row[column] <= claim.value if claim.bound == "top" else int(row[column]) == int(claim.value)
    )
    state = "consistent" if ok else "contradicted"
    return verdict(state, state, _official(row), official=int(row[column]), **common)


def _check_score(
    claim: Claim, verdict: _Verdict, rows: pd.DataFrame, row: pd.Series, common: dict
) -> CheckedClaim:
    """Scores agree within 0.05 (publisher's 0-100 scale) or the claim's rounding, whichever is wider.

    A percent claim on a 0-1 edition (87.1% for GCI 2018) is compared as 0.871.
    """
    value, decimals = claim.value, claim.decimals
    scale_max = _scale_max(rows) if claim.metric == "score" else 100.0
    if scale_max == 1.0 and (claim.unit == "%" or value > 1.0):
        value, decimals = value / 100.0, decimals + 2
    tolerance = max(0.05 if scale_max > 1 else 0.0005, 0.5 * 10**-decimals) + 1e-9
    official_value = float(row["value"])
    if abs(value - official_value) <= tolerance:
        return verdict(
            "consistent", "consistent", _official(row), official=_fmt(official_value), **common
        )
    same = rows[((rows["value"] - value).abs() <= tolerance) & (rows["iso3"] != claim.iso3)]
    suffix = common.pop("suffix")
    if not same.empty:
        suffix = suffix + (("other_country", {"other_iso3": list(same["iso3"])}),)
    others = list(same["iso3"])
    return verdict(
        "contradicted",
        "contradicted",
        _official(row, claimed_value_of=others or None),
        official=_fmt(official_value),
        suffix=suffix,
        **common,
    )


def indicators_of(claims: Iterable[Claim]) -> set[str]:
    """The official indicators whose rows decide these claims' verdicts (every country and
    edition of each is needed: latest edition, regional ranks, other countries' scores)."""
    return {indicator for claim in claims if (indicator := _indicator(claim))}


def check_claims(
    claims: Iterable[Claim],
    official: pd.DataFrame,
    regions: Mapping[str, Iterable[str]] | None = None,
) -> list[CheckedClaim]:
    """Each claim with its verdict against ``official`` rows (regions: scope -> set of ISO3)."""
    claims = list(claims)
    # Only the rows of the indicators the claims name, split by indicator once (not a mask over
    # every official row per claim).
    wanted = indicators_of(claims)
    # Only the columns a verdict reads: every filter below then moves 9 columns, not 16.
    used = [c for c in official.columns if c in CHECKED_COLUMNS]
    table = official.loc[official["indicator"].isin(wanted), used].copy()
    table["edition"] = pd.to_numeric(table["edition"], errors="coerce")
    for column in ("value", "rank", "tier"):
        if column not in table:
            table[column] = pd.NA
        table[column] = pd.to_numeric(table[column], errors="coerce")
    by_indicator = dict(tuple(table.groupby("indicator", sort=False))) if len(table) else {}
    empty = table.iloc[0:0]
    by_edition: dict[str | None, dict[int, pd.DataFrame]] = {}
    return [
        _check_one(claim, by_indicator.get(indicator, empty), regions or DEFAULT_REGIONS,
                   by_edition.setdefault(indicator, {}))
        for claim in claims
        for indicator in (_indicator(claim),)
    ]
