"""Cross-index view data: GCI, NCSI and EGDI side by side for a peer group, with statements.

Pure reading and arithmetic over :mod:`etl.store` readers; the dashboard page calls
:func:`cross_index_frame` and :func:`statements_frame`.

For each index the *latest* observation per country is taken (the newest edition with a score
or a rank). Its percentile is computed only among group members whose latest observation is of
the same edition (values of different editions, or of a methodology break, are not compared),
on the score when there is one, else on the rank (lower rank = better). An edition that
publishes tiers and no ranks (GCI 2024) is compared on the tier (tier 1 best), not on the score:
its publisher declines to order countries within a tier, and an order built from its scores
(0.01 apart, single transcriptions) would be ours, not ITU's. The percentile is the
share of the *other* ``n - 1`` members that the country scores at or above::

    percentile = 100 * (below + equal - 1) / (n - 1)    # ``equal`` counts the country itself

so the best of the group reads 100 (ties for best included: each of them is at or above every
other), one strictly below all the others reads 0, and equal values read the same. Two or more
tied for last are each at or above the others of the tie, so they read above 0 (the page says
"0 = below all the others", not "0 = last"). A member alone in its edition reads 100 with
``group_n = 1`` (no other member scores above it; the page shows the group size beside it); a
country with no observation has none.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy.engine import Engine

from etl import store

# Index key -> (indicator id, label). GCI 2014-2018 scores run 0-1 and later ones 0-100:
# percentiles only compare one edition at a time, so scales never mix.
INDICES = {
    "gci": ("itu_gci.overall", "ITU Global Cybersecurity Index"),
    "ncsi": ("ncsi.score", "National Cyber Security Index"),
    "egdi": ("un_egdi.egdi", "UN E-Government Development Index"),
}
FIELDS = ("value", "scale", "edition", "rank", "rank_text", "tier", "tier_label", "channel",
          "source_url", "correction", "percentile", "basis", "group_n",
          # provenance carried into the page's downloads (etl.export.crossindex_export_frame)
          "verification", "source_note", "source_document", "snapshot_sha256", "retrieved_at")

# INTERPOL's African Cyberthreat Assessment Report covers Africa: its region-level statements
# are about "Africa (region)" and every country it names is an African Union member. A country
# outside that scope (the Gulf) has no count: "not covered by the report", not "no finding".
INTERPOL_SOURCE = "interpol_act"
INTERPOL_SCOPE_GROUP = "african_union"


def percentile_within(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """The share (0-100) of the *other* values each value is at or above:
    ``100 * (below + equal - 1) / (n - 1)``, ``equal`` counting the value itself. The best
    (ties included) read 100, one below all the others 0, equal values the same; a series of
    one reads 100. With ``higher_is_better=False`` (ranks) the lowest value is the best."""
    v = values.astype(float)
    if not higher_is_better:
        v = -v
    n = len(v)
    if n <= 1:
        return pd.Series(100.0, index=values.index, dtype=float)
    return v.map(lambda x: 100.0 * ((v <= x).sum() - 1) / (n - 1))


# The source kind of a row that is the project's own reading of the cited sources, not a
# statement of theirs: the INTERPOL file's claim check ("analysis of sources above", report
# "claim check", etl/sources/interpol_act.py). It is not counted with the cited statements.
ANALYSIS_KIND = "analysis"


def cited_only(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a statements frame cited from a report or the press: the project's own
    analyses (source kind "analysis ...") left out."""
    if frame.empty or "source_kind" not in frame:
        return frame
    kinds = frame["source_kind"].where(frame["source_kind"].map(lambda v: isinstance(v, str)),
                                       "")
    return frame[~kinds.str.strip().str.lower().str.startswith(ANALYSIS_KIND)]


def latest_per_country(obs: pd.DataFrame) -> pd.DataFrame:
    """Each country's newest observation that has a score or a rank."""
    usable = obs[obs["value"].notna() | obs["rank"].notna()]
    return usable.sort_values(["iso3", "edition"]).groupby("iso3", as_index=False).tail(1)


def _with_percentiles(latest: pd.DataFrame) -> pd.DataFrame:
    """Percentiles within each edition; rows marked ``held_out`` get none and are not counted
    among the others (a value nothing may be derived from, see :func:`cross_index_frame`)."""
    out = latest.copy()
    out["percentile"], out["basis"], out["group_n"] = pd.NA, None, pd.NA
    sound = out[~out["held_out"]] if "held_out" in out else out
    for _, part in sound.groupby("edition"):
        scored = part[part["value"].notna()]
        ranked = part[part["value"].isna() & part["rank"].notna()]
        # Tiers where the edition publishes tiers and no ranks; else the score where every
        # member of the edition has one; otherwise ranks (when all have one).
        if "tier" in part and part["tier"].notna().all() and part["rank"].isna().all():
            out.loc[part.index, "percentile"] = percentile_within(part["tier"], False)
            out.loc[part.index, "basis"] = "tier"
        elif len(scored) == len(part):
            out.loc[part.index, "percentile"] = percentile_within(part["value"])
            out.loc[part.index, "basis"] = "score"
        elif part["rank"].notna().all():
            out.loc[part.index, "percentile"] = percentile_within(part["rank"], False)
            out.loc[part.index, "basis"] = "rank"
        else:
            for sub, basis, better in ((scored, "score", True), (ranked, "rank", False)):
                if len(sub):
                    col = "value" if basis == "score" else "rank"
                    out.loc[sub.index, "percentile"] = percentile_within(sub[col], better)
                    out.loc[sub.index, "basis"] = basis
                    out.loc[sub.index, "group_n"] = len(sub)
            continue
        out.loc[part.index, "group_n"] = len(part)
    return out


def cross_index_frame(engine: Engine, iso3s: Sequence[str],
                      held_out: frozenset[tuple[str, str, int]] = frozenset()) -> pd.DataFrame:
    """One row per country of ``iso3s``: for GCI, NCSI and EGDI the latest value, its edition,
    rank/tier, source, ledger correction and percentile within the group (columns
    ``<index>_<field>``), plus how many INTERPOL statements name the country and their
    newest edition. Missing stays missing (NaN/None), never filled. ``interpol_covered`` says
    whether the country is in the report's scope (:func:`interpol_scope`); outside it
    ``interpol_statements`` is missing, not 0.

    ``held_out`` holds (indicator, country, edition) of values nothing may be derived from (the
    rule of :func:`etl.held_out.held_out_keys`: a flagged placeholder): such a value is still
    shown, marked in ``<index>_held_out``, with no percentile, and the others' percentiles do
    not count it.
    """
    wanted = [c.upper() for c in iso3s]
    names = store.countries_frame(engine).set_index("iso3")["name_en"]
    out = pd.DataFrame({"iso3": wanted, "country": [names.get(c) for c in wanted]})
    for key, (indicator_id, _label) in INDICES.items():
        obs = store.observations_frame(engine, [indicator_id], wanted or None)
        latest = latest_per_country(obs) if len(obs) else pd.DataFrame(columns=["iso3", *FIELDS])
        latest["held_out"] = [(indicator_id, c, int(e)) in held_out for c, e in zip(
            latest["iso3"], latest["edition"], strict=True)]
        latest = _with_percentiles(latest) if len(latest) else latest
        part = latest.reindex(columns=["iso3", *FIELDS, "held_out"]).rename(
            columns={f: f"{key}_{f}" for f in (*FIELDS, "held_out")})
        out = out.merge(part, on="iso3", how="left")
        out[f"{key}_percentile"] = out[f"{key}_percentile"].astype("Float64")
        out[f"{key}_held_out"] = out[f"{key}_held_out"].fillna(False).astype(bool)
        for col in ("edition", "rank", "tier", "group_n"):
            out[f"{key}_{col}"] = out[f"{key}_{col}"].astype("Int64")
    statements = cited_only(store.statements_frame(engine, wanted, source_id=INTERPOL_SOURCE,
                                                   include_region=False))
    counts = statements.groupby("iso3").agg(
        interpol_statements=("metric", "size"), interpol_latest_edition=("edition", "max"))
    out = out.merge(counts, left_on="iso3", right_index=True, how="left")
    out["interpol_covered"] = out["iso3"].isin(interpol_scope(engine)).astype(bool)
    out["interpol_statements"] = out["interpol_statements"].fillna(0).astype("Int64").where(
        out["interpol_covered"], pd.NA)
    out["interpol_latest_edition"] = out["interpol_latest_edition"].astype("Int64")
    return out


def interpol_scope(engine: Engine) -> set[str]:
    """The countries INTERPOL's African report covers: the African Union's members (the group
    in the store), plus any country its statements name (none outside Africa today)."""
    members = store.group_members_frame(engine, [INTERPOL_SCOPE_GROUP])
    named = store.statements_frame(engine, source_id=INTERPOL_SOURCE)["iso3"].dropna()
    return set(members["iso3"]) | set(named)


def statements_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                     include_region: bool = True) -> pd.DataFrame:
    """Cited statements about these countries (INTERPOL, undated NCSI snapshots), with region-
    level facts unless ``include_region`` is False: show them as text with their citation and
    ``source_kind``, never as scores."""
    return store.statements_frame(engine, [c.upper() for c in iso3s] if iso3s else None,
                                  include_region=include_region)
