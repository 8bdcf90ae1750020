"""Check news claims against the project's official observation rows.

``official`` is a DataFrame of tidy rows: indicator (itu_gci.overall, itu_gci.legal, ..., ncsi.score,
un_egdi.egdi), iso3, country, edition, value (publisher scale), scale, rank, tier, source, source_url,
snapshot_sha256. A claim is consistent, contradicted, or unverifiable (no official figure covers it).
Regional ranks are not in the official data: those of Africa, the Arab League and the GCC
(:data:`etl.news.regions.DEFAULT_REGIONS`) are computed here from the official scores of an
edition that scores (nearly) all the region's members (:data:`REGION_COVERAGE`; else
unverifiable, never "1 of 1"); one in any other region ("first in the Middle East") is
unverifiable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from etl.news.claims import Claim
from etl.news.explain import MESSAGES, explain
from etl.news.regions import DEFAULT_REGIONS

SCORE_INDICATORS = {"itu_gci": "itu_gci.overall", "ncsi": "ncsi.score", "un_egdi": "un_egdi.egdi"}
# The official columns a verdict and its official figure are read from.
CHECKED_COLUMNS = ("indicator", "iso3", "edition", "value", "scale", "rank", "tier", "source",
                   "source_url")
PILLARS = ("legal", "technical", "organizational", "capacity_development", "cooperation")
# The share of a region's members an edition must score for a regional rank to be computed
# from it. The bundled editions that rank a region score all its members, but for the EGDI's
# Arab League: 21 of 22 (Palestine, not a UN member, is not surveyed); the others score at most
# one member of a region (EGDI 2020, NCSI 2018/2022 as stored), whose "rank 1 of 1" no
# publisher gives. 95 %: at most 1 of the Arab League's 22, 2 of Africa's 54, none of the GCC.
REGION_COVERAGE = 0.95


@dataclass(frozen=True)
class CheckedClaim:
    """A claim with its verdict, the official figure used, and why: in the article's language,
    in English, and in every language of :data:`etl.news.explain.MESSAGES` (en, fr, ar)."""

    claim: Claim
    verdict: str  # consistent | contradicted | unverifiable
    official: dict | None
    explanation: str
    explanation_en: str
    explanations: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            **self.claim.to_dict(),
            "verdict": self.verdict,
            "official": self.official,
            "explanation": self.explanation,
            "explanation_en": self.explanation_en,
            "explanations": dict(self.explanations),
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

        said = {language: line(language) for language in MESSAGES}
        # explain() says a language it does not know in English.
        return CheckedClaim(c, verdict, record, said.get(c.language, said["en"]), said["en"],
                            said)


def _indicator(claim: Claim) -> str | None:
    if claim.metric in PILLARS:
        return f"{claim.index}.{claim.metric}" if claim.index == "itu_gci" else None
    return SCORE_INDICATORS.get(claim.index)


def _missing(value: object) -> bool:
    """pd.isna of one cell (None, NaN, pd.NA, NaT), without its dispatch for plain values."""
    kind = type(value)
    if kind is str or kind is int:
        return False
    if kind is float:
        return value != value
    return bool(pd.isna(value))


_ZERO_TO_ONE = re.compile(r"\s*0\s*-\s*1\s*")


def _scale_max(rows: list[dict]) -> float:
    """1 for a 0-1 index edition (GCI 2014-2018, EGDI), else 100."""
    # Each distinct scale text matched once (an edition's rows repeat one or two texts).
    scales = {str(r["scale"]) for r in rows if "scale" in r and not _missing(r["scale"])}
    if scales and all(_ZERO_TO_ONE.fullmatch(text) for text in scales):
        return 1.0
    values = [r["value"] for r in rows if not _missing(r["value"])]
    return 1.0 if values and max(values) <= 1.0 else 100.0


def _official(row: dict, held_against: str, **extra: object) -> dict:
    """The official row a claim was checked against, and which of its figures the claim was
    held against (``held_against``: value, rank, tier, or regional_rank, computed here and
    given in ``extra`` with ``of``, the region's scored members)."""
    out = {"indicator": row["indicator"], "edition": int(row["edition"])}
    for key in ("value", "rank", "tier"):
        value = row.get(key)
        out[key] = None if _missing(value) else (float(value) if key == "value" else int(value))
    out.update(source=row.get("source"), source_url=row.get("source_url"),
               held_against=held_against, **extra)
    return out


# How a rank is written in ``official_text``: "rank 50", "rank 7 of 54 in Africa" (the scope
# as the dashboard's English says it). The page reads the numbers back (:func:`official_parts`).
SCOPE_TEXTS = {"africa": "in Africa", "arab": "among Arab states", "gcc": "in the GCC"}
_OFFICIAL_TEXT = re.compile(r"(rank|tier) (\d+)(?: of (\d+))?(?: .*)?")


def official_figure(official: dict | None) -> tuple[float | None, str | None]:
    """(official_value, official_text) of a verdict's official row: the figure the claim was
    held against, and for a rank or tier what it is. A score: (82.41, None); a world rank:
    (50, "rank 50"); a tier: (1, "tier 1"); a regional rank: (7, "rank 7 of 54 in Africa"),
    not the row's score or world rank. (None, None) without an official figure."""
    if not official:
        return None, None
    held = official.get("held_against", "value")
    number = official.get(held)
    if number is None or _missing(number):
        return None, None
    if held == "value":
        return float(number), None
    if held == "regional_rank":
        scope = SCOPE_TEXTS.get(str(official.get("scope")), f"in {official.get('scope')}")
        return float(number), f"rank {int(number)} of {int(official['of'])} {scope}"
    return float(number), f"{held} {int(number)}"


def official_parts(text: object) -> tuple[str, int, int | None] | None:
    """(rank or tier, the number, of how many: a regional rank's region, else None) of an
    ``official_text`` as :func:`official_figure` writes it ("rank 7 of 54 in Africa"); None
    for any other text (or none)."""
    found = _OFFICIAL_TEXT.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        return None
    kind, number, count = found.groups()
    return kind, int(number), (int(count) if count else None)


class _IndicatorRows:
    """One indicator's official rows, in their order, as the table's column lists: a row
    becomes a dict only when a claim asks for its edition (once per edition, shared by the
    indicator's claims)."""

    def __init__(self, columns: dict[str, list], positions: list[int]) -> None:
        self._columns = columns
        self._positions = positions
        self._editions: dict[int, list[dict]] = {}
        self._giving: dict[str, set] = {}

    def __bool__(self) -> bool:
        """Whether the indicator has any official row."""
        return bool(self._positions)

    def dated(self, column: str) -> list:
        """The editions of the rows that have ``column``."""
        editions, values = self._columns["edition"], self._columns[column]
        return [editions[i] for i in self._positions if not _missing(values[i])]

    def giving(self, column: str) -> set:
        """The editions (known ones) with at least one row that has ``column``: read once per
        column, for every claim of the indicator."""
        if column not in self._giving:
            self._giving[column] = {e for e in self.dated(column) if not _missing(e)}
        return self._giving[column]

    def of_edition(self, edition: int) -> list[dict]:
        if edition not in self._editions:
            columns, editions = self._columns, self._columns["edition"]
            self._editions[edition] = [{name: values[i] for name, values in columns.items()}
                                       for i in self._positions if editions[i] == edition]
        return self._editions[edition]


_NO_ROWS = _IndicatorRows({"edition": [], "value": [], "rank": [], "tier": []}, [])


def _column(claim: Claim) -> str:
    """The official column a claim's figure is held against: rank, tier, or value (a score, a
    pillar's score, and a regional rank, computed from the scores)."""
    if claim.metric == "rank" and claim.scope != "world":
        return "value"
    return {"rank": "rank", "tier": "tier"}.get(claim.metric, "value")


def _unranked_region(claim: Claim, regions: Mapping[str, Iterable[str]]) -> bool:
    """Is the claim a rank in a region no official data ranks ("first in the Middle East")?"""
    return claim.metric == "rank" and claim.scope != "world" and claim.scope not in regions


def _latest(giving: Iterable, as_of: int | None, messages: tuple[str, str]) -> tuple[int, tuple]:
    """The latest of the editions ``giving`` a figure, up to ``as_of`` when one is that early,
    and the suffix saying so (``messages``: without and with the article's year)."""
    giving = list(giving)
    by_then = [e for e in giving if as_of is not None and e <= as_of]
    edition = int(max(by_then or giving))
    message = messages[1] if by_then and edition < max(giving) else messages[0]
    return edition, ((message, {"edition": edition, "year": as_of or ""}),)


def _sentence_editions(
    claims: list[Claim],
    official: Mapping[str, _IndicatorRows],
    regions: Mapping[str, Iterable[str]],
    as_of: int | None,
) -> dict[int, tuple[int, tuple]]:
    """Claim number -> (edition, suffix) for the claims that name no edition and share a
    sentence, a country and an index with another such claim: one statement, held against one
    edition, the latest (up to ``as_of``, as for one claim) giving every metric it states
    ("ranked 32nd in the NCSI with a score of 70.13": the 2022 edition gives both, the 2025
    relaunch ranks only, so not the rank against 2025 and the score against 2022). When no
    edition gives them all, none: each is held against the latest giving its own. A rank in a
    region no data ranks states nothing any edition gives: left out."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, claim in enumerate(claims):
        if (
            claim.edition is None
            and claim.index != "interpol"
            and not _unranked_region(claim, regions)
        ):
            groups.setdefault((claim.text, claim.iso3, claim.index), []).append(i)
    chosen: dict[int, tuple[int, tuple]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        common: set | None = None
        for i in members:
            rows = official.get(_indicator(claims[i]) or "", _NO_ROWS)
            giving = rows.giving(_column(claims[i]))
            common = giving if common is None else common & giving
        if common:
            picked = _latest(common, as_of, ("latest_all", "latest_all_by_date"))
            chosen.update(dict.fromkeys(members, picked))
    return chosen


def _check_one(
    claim: Claim,
    indicator_rows: _IndicatorRows,
    regions: Mapping[str, Iterable[str]],
    as_of: int | None = None,
    chosen: tuple[int, tuple] | None = None,
) -> CheckedClaim:
    """``indicator_rows``: the official rows of the claim's indicator (none when it has none).
    ``as_of``: the year the article was published, when known: a claim that names no edition is
    held against the latest edition giving its figure up to that year (a 2021 article quoting
    Oman's 96.04 quotes GCI 2020, not the 2024 edition published three years later); with no
    edition that early, or no date, the latest edition giving it. ``chosen``: (edition, suffix)
    when the claim is one of a sentence's undated figures held against one edition
    (:func:`_sentence_editions`)."""
    verdict = _Verdict(claim)
    if claim.index == "interpol":
        return verdict("unverifiable", "no_index")
    if _unranked_region(claim, regions):  # "first in the Middle East": no data ranks it
        return verdict("unverifiable", "region_not_ranked", region_id=claim.scope)
    regional = claim.metric == "rank" and claim.scope != "world"
    column = _column(claim)
    edition, suffix = claim.edition, ()
    giving = indicator_rows.giving(column)
    if edition is None and chosen is not None:
        edition, suffix = chosen
    elif edition is None:
        if not giving and indicator_rows:  # no edition gives it: "NCSI gives no tiers"
            return verdict("unverifiable", "never_given", missing_id=_given_metric(claim, column))
        if not giving:
            return verdict("unverifiable", "no_data")
        edition, suffix = _latest(giving, as_of, ("latest", "latest_by_date"))
    rows = indicator_rows.of_edition(edition)
    if not rows:
        return verdict("unverifiable", "no_edition", edition=edition)
    if edition not in giving:  # no row of the edition has it
        return _not_given(claim, verdict, indicator_rows, column, edition)
    own = [r for r in rows if r["iso3"] == claim.iso3 and not _missing(r[column])]
    if not own:
        return verdict("unverifiable", "no_figure", edition=edition, suffix=suffix)
    row = own[0]
    source = row.get("source") or row.get("source_url") or ""
    common = {"edition": edition, "source": source, "suffix": suffix}
    top = "_top" if claim.bound == "top" else ""  # "among the top 5": said as such
    if regional:
        members = set(regions.get(claim.scope, ()))
        scored = [r for r in rows if r["iso3"] in members and not _missing(r["value"])]
        if len(scored) < REGION_COVERAGE * len(members):  # "1 of 1": no ranking of the region
            return verdict("unverifiable", "region_too_few", edition=edition, suffix=suffix,
                           count=len(scored), members=len(members), region_id=claim.scope)
        computed = sum(1 for r in scored if r["value"] > row["value"] + 1e-9) + 1
        ok = computed <= claim.value if top else computed == claim.value
        official_row = _official(
            row,
            "regional_rank",
            scope=claim.scope,
            regional_rank=computed,
            of=len(scored),
            computed_from="official scores",
        )
        state = "consistent" if ok else "contradicted"
        return verdict(
            state,
            f"regional{top}_ok" if ok else f"regional{top}",
            official_row,
            verdict_id=state,
            official=computed,
            count=len(scored),
            region_id=claim.scope,
            **common,
        )
    if column == "value":
        return _check_score(claim, verdict, rows, row, common)
    ok = row[column] <= claim.value if top else int(row[column]) == int(claim.value)
    state = "consistent" if ok else "contradicted"
    return verdict(state, state + top, _official(row, column), official=int(row[column]), **common)


def _given_metric(claim: Claim, column: str) -> str:
    """The metric of ``column`` a claim is checked with: a rank or tier; a score or a pillar's
    for a value (a regional rank's too: it is computed from the scores)."""
    if column != "value":
        return column
    return "score" if claim.metric == "rank" else claim.metric


def _not_given(claim: Claim, verdict: _Verdict, indicator_rows: _IndicatorRows, column: str,
               edition: int) -> CheckedClaim:
    """A claim on a figure its edition gives for no country ("ITU GCI 2020 gives ranks, not
    tiers (tiers from the 2024 edition on)"), said from the rows: the editions that give it
    (all later, all earlier), and the rank or tier the edition gives instead, if any."""
    given = indicator_rows.giving(column)
    fields: dict[str, object] = {"missing_id": _given_metric(claim, column)}
    if given and min(given) > edition:
        fields["first"] = int(min(given))
    elif given and max(given) < edition:
        fields["last"] = int(max(given))
    instead = {"rank": "tier", "tier": "rank"}.get(column)
    message = "not_given"
    if instead and edition in indicator_rows.giving(instead):
        message, fields["instead_id"] = "given_instead", instead
    # A regional rank is computed from the scores: why their absence leaves it unverifiable.
    suffix = (("regional_needs_scores", {}),) if claim.metric == "rank" and column == "value" else ()
    return verdict("unverifiable", message, edition=edition, suffix=suffix, **fields)


def _check_score(
    claim: Claim, verdict: _Verdict, rows: list[dict], row: dict, common: dict
) -> CheckedClaim:
    """Scores agree within 0.05 (publisher's 0-100 scale) or the claim's rounding, whichever is wider.

    A percent claim on a 0-1 edition (87.1% for GCI 2018) is compared as 0.871; a claim
    between 0 and 1 on a 0-100 edition (0.975 for GCI 2024) as 97.5 (no such edition scores a
    country between 0 and 1).
    """
    value, decimals = claim.value, claim.decimals
    scale_max = _scale_max(rows) if claim.metric == "score" else 100.0
    if scale_max == 1.0 and (claim.unit == "%" or value > 1.0):
        value, decimals = value / 100.0, decimals + 2
    elif claim.metric == "score" and scale_max > 1.0 and 0.0 < value < 1.0 and claim.unit is None:
        value, decimals = value * 100.0, max(decimals - 2, 0)
    tolerance = max(0.05 if scale_max > 1 else 0.0005, 0.5 * 10**-decimals) + 1e-9
    official_value = float(row["value"])
    if abs(value - official_value) <= tolerance:
        return verdict(
            "consistent", "consistent", _official(row, "value"), official=_fmt(official_value),
            **common
        )
    close = [(r["iso3"], r["value"]) for r in rows if not _missing(r["value"])
             and abs(r["value"] - value) <= tolerance and r["iso3"] != claim.iso3]
    suffix = common.pop("suffix")
    # The claimed figure "is" another country's only when equal as printed (83.65, Malta's);
    # else it is close to theirs, each said with its own (97.5: Australia's 97.47).
    exact = [iso3 for iso3, other in close if _fmt(other) == _fmt(value)]
    # A figure read on the edition's scale (0.82 as 82) is said as read: Tunisia's figure is
    # 82, not the 0.82 printed.
    said_as = {} if value == claim.value else {"claimed": _fmt(value)}
    if exact:
        suffix = suffix + (("other_country", {"other_iso3": exact, **said_as}),)
    elif close:
        suffix = suffix + (("other_country_close",
                            {"other_figures": [(iso3, _fmt(other)) for iso3, other in close],
                             **said_as}),)
    others = [iso3 for iso3, _ in close]
    return verdict(
        "contradicted",
        "contradicted",
        _official(row, "value", claimed_value_of=others or None),
        official=_fmt(official_value),
        suffix=suffix,
        **common,
    )


def indicators_of(claims: Iterable[Claim]) -> set[str]:
    """The official indicators whose rows decide these claims' verdicts (every country and
    edition of each is needed: latest edition, regional ranks, other countries' scores)."""
    return {indicator for claim in claims if (indicator := _indicator(claim))}


def official_lists(official: pd.DataFrame,
                   indicators: Iterable[str] | None = None) -> dict[str, _IndicatorRows]:
    """The official rows of these indicators (every one when None) as the column lists a
    verdict reads, split by indicator: what :func:`check_claims` checks against. Built once, it
    serves any number of calls (a news load's articles), instead of a split per call."""
    # Only the columns a verdict reads.
    used = [c for c in official.columns if c in CHECKED_COLUMNS]
    if indicators is None:
        table = official
    else:
        kept = official["indicator"].isin(set(indicators))
        table = official if kept.all() else official[kept]  # often just those rows already
    columns = {name: table[name] for name in used}
    columns["edition"] = pd.to_numeric(table["edition"], errors="coerce")
    for column in ("value", "rank", "tier"):
        source = table[column] if column in table else pd.Series(pd.NA, index=table.index)
        columns[column] = pd.to_numeric(source, errors="coerce")
    lists = {name: values.tolist() for name, values in columns.items()}
    groups = table.groupby("indicator", sort=False).indices if len(table) else {}
    return {indicator: _IndicatorRows(lists, found.tolist())
            for indicator, found in groups.items()}


def check_claims(
    claims: Iterable[Claim],
    official: pd.DataFrame | Mapping[str, _IndicatorRows],
    regions: Mapping[str, Iterable[str]] | None = None,
    as_of: int | None = None,
) -> list[CheckedClaim]:
    """Each claim with its verdict against ``official`` rows (regions: scope -> set of ISO3):
    a DataFrame of them, or :func:`official_lists` of them (holding the claims' indicators).
    ``as_of``: the year the article was published (a claim naming no edition is held against
    the latest edition giving its figure up to then; see :func:`_check_one`). The undated
    figures of one sentence about one country in one index are held against one edition, the
    latest giving them all, when there is one (:func:`_sentence_editions`)."""
    claims = list(claims)
    if isinstance(official, pd.DataFrame):
        # Only the rows of the indicators the claims name, as column lists split by indicator
        # once: a few dozen claims then filter plain lists, not a DataFrame per step.
        official = official_lists(official, indicators_of(claims))
    regions = regions or DEFAULT_REGIONS
    chosen = _sentence_editions(claims, official, regions, as_of) if len(claims) > 1 else {}
    return [
        _check_one(claim, official.get(_indicator(claim), _NO_ROWS), regions, as_of,
                   chosen.get(i))
        for i, claim in enumerate(claims)
    ]
