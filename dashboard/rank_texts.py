"""How a country stands in an edition, in words: "Tier 1: Role-modelling", "Rank 50", "Rank 2,
shared by 2 countries", "Position 10 of 29, shared by 3 countries" (GCI 2014).

ITU places countries level when their scores are equal, and a rank held by several countries is
said to be shared (from ``rank_holders``, :func:`dashboard.data.with_rank_holders`). GCI 2014
(:data:`~dashboard.data.SHARED_RANKS_EDITION`) placed 194 countries in 29 positions: its "10"
is a position among 29, not a place among 194, and reads so ("Position 10 of 29"), as its
places-gained column stays empty. One text for the pages, the chart hovers and the brief.

A value held out of derived figures (:func:`etl.held_out.held_out`: the corrections ledger
flags it and no second source gives it) is placed nowhere: its standing reads "not placed",
with the flag, and the pages name it beside what they left it out of (:func:`held_out_note`).

A value whose sources disagree (verification ``conflict``) or that the corrections ledger marks
carries the same words wherever it is shown, the page's tables, the Compare ranking, the chart
hovers and the printable brief: :func:`value_marks` decides them for every view, in the words
the Country and Overview pages use ("Flagged", "sources disagree (see note)").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.data import (
    CORRECTION_LABELS,
    SHARED_RANKS_EDITION,
    VERIFICATION_LABELS,
    is_held_out,
    parse_correction,
    tier_msgid,
)
from dashboard.i18n import N_, format_names, t, tn
from etl import collation

FLAG = "⚑"
GCI_PREFIX = "itu_gci."  # the GCI's indicators (overall score and pillars) share its ranks
# ``verification`` of a value whose sources print it differently (beyond rounding).
CONFLICT = "conflict"
# Translators: the rank or tier cell of a score the corrections ledger flags (a placeholder 0
# in a transcription): no tier is derived from it. {flag} is the ⚑ sign.
MSG_NOT_PLACED = N_("{flag} Not placed: flagged score")
# Translators: under a table, chart or median: the countries whose score is held out of what
# is derived. {countries} lists them with their edition ("El Salvador (GCI 2024) and Palau
# (GCI 2024)"); {flag} is the ⚑ sign.
MSG_HELD_OUT = N_("{flag} No tier, change or group figure is derived from the score of "
                  "{countries}: the corrections ledger flags it as doubtful and no second "
                  "source gives it (its reason is given with the value).")
# Translators: instead of the change since the previous edition, when either score is held
# out (the corrections ledger flags it). {flag} is the ⚑ sign.
MSG_NO_CHANGE = N_("{flag} No change computed: the GCI {edition} score is flagged.")
# Translators: under a group median that left out a held-out score. {countries} lists them
# with their edition ("El Salvador (GCI 2024)"); {flag} is the ⚑ sign.
MSG_MEDIAN_LEFT_OUT = N_("{flag} Left out of the group median: {countries}. The corrections "
                         "ledger flags the score as doubtful and no second source gives it.")
# Translators: a country and the GCI edition of its held-out score, in a list.
MSG_HELD_OUT_ITEM = N_("{country} (GCI {edition})")


def value_marks(row: Mapping[str, object], lang: str) -> list[str]:
    """What must stand beside a GCI value wherever it is shown: the corrections ledger's label
    for it ("Flagged", "Corrected", ... as the Overview's badge says) when the ledger marks it,
    and "sources disagree (see note)" (the Country page's Verification words) when its
    verification is ``conflict``; [] for a value with neither. The one decision every view
    takes (tables, Compare ranking, chart hovers, brief)."""
    marks = []
    found = parse_correction(row.get("correction"))
    if found is not None:
        marks.append(t(CORRECTION_LABELS[found["action"]], lang))
    if str(row.get("verification")) == CONFLICT:
        marks.append(t(VERIFICATION_LABELS[CONFLICT], lang))
    return marks


def value_mark_text(row: Mapping[str, object], lang: str) -> str:
    """:func:`value_marks` as one plain text after the ⚑ sign ("⚑ Flagged and sources
    disagree (see note)"); "" for a value with no mark."""
    marks = value_marks(row, lang)
    return f"{FLAG} {format_names(marks, lang)}" if marks else ""


def _whole(value: Any) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(value)


def rank_text(row: Mapping[str, object], lang: str) -> str:
    """The row's rank in words ("" when it has none), shared when others hold it too."""
    rank = _whole(row.get("rank"))
    if rank is None:
        return ""
    holders = _whole(row.get("rank_holders")) or 1
    last = _whole(row.get("last_rank"))
    if _whole(row.get("edition")) == SHARED_RANKS_EDITION and last is not None:
        if holders > 1:
            return tn("Position {rank} of {last}, shared by {count} country",
                      "Position {rank} of {last}, shared by {count} countries", holders, lang,
                      rank=rank, last=last, count=holders)
        return t("Position {rank} of {last}", lang, rank=rank, last=last)
    if holders > 1:
        return tn("Rank {rank}, shared by {count} country",
                  "Rank {rank}, shared by {count} countries", holders, lang,
                  rank=rank, count=holders)
    return t("Rank {rank}", lang, rank=rank)


def rank_or_tier_text(row: Mapping[str, Any], lang: str, missing: str = "") -> str:
    """"Tier 1: Role-modelling" in a tiered edition, else :func:`rank_text`, else ``missing``;
    for a value held out of derived figures, "⚑ Not placed: flagged score"."""
    if is_held_out(row):
        return not_placed_text(lang)
    label = tier_msgid(row.get("tier"))
    if label:
        return t("Tier {tier}: {label}", lang, tier=int(row["tier"]), label=t(label, lang))
    return rank_text(row, lang) or missing


def not_placed_text(lang: str) -> str:
    """The standing of a value held out of derived figures: "⚑ Not placed: flagged score"."""
    return t(MSG_NOT_PLACED, lang, flag=FLAG)


def no_change_text(row: Mapping[str, object], lang: str) -> str | None:
    """Why a row has no change against its previous edition when a side of it is held out
    (the row's own value, else the previous one); None when neither is."""
    if is_held_out(row):
        edition = row.get("edition")
    elif bool(row.get("prev_held_out", False)):
        edition = row.get("prev_edition")
    else:
        return None
    return t(MSG_NO_CHANGE, lang, flag=FLAG, edition=_whole(edition))


def held_out_items(rows: pd.DataFrame, lang: str) -> list[str]:
    """"El Salvador (GCI 2024)" for each held-out row of ``rows``, by edition then name (in
    the collation order of the names' language: Égypte among the E's)."""
    if rows.empty:
        return []
    pairs = sorted(zip(rows["edition"].astype(int), rows["country"].astype(str), strict=True),
                   key=lambda pair: (pair[0], collation.sort_key(pair[1])))
    return [t(MSG_HELD_OUT_ITEM, lang, country=country, edition=edition)
            for edition, country in pairs]


def held_out_note(rows: pd.DataFrame, lang: str) -> str | None:
    """What was not derived from the held-out rows of ``rows`` and why; None without any."""
    items = held_out_items(rows, lang)
    if not items:
        return None
    return t(MSG_HELD_OUT, lang, flag=FLAG, countries=format_names(items, lang))


def median_left_out_note(rows: pd.DataFrame, lang: str) -> str | None:
    """Which held-out rows of ``rows`` a group median left out, and why; None without any."""
    items = held_out_items(rows, lang)
    if not items:
        return None
    return t(MSG_MEDIAN_LEFT_OUT, lang, flag=FLAG, countries=format_names(items, lang))


def scale_words(scale: object, lang: str) -> str:
    """"out of 100" or "out of 1" (the published scale), else the scale as written."""
    if str(scale) == "0-100":
        return t("out of 100", lang)
    if str(scale) == "0-1":
        return t("out of 1", lang)
    return str(scale or "")


def shared_ranks_note(lang: str) -> str:
    """What a GCI 2014 rank is (:data:`~dashboard.data.SHARED_RANKS_EDITION`)."""
    return t("GCI {edition} placed countries in shared positions: Oman, Australia and "
             "Malaysia were all 3rd.", lang, edition=SHARED_RANKS_EDITION)


def has_shared_ranks(frame: pd.DataFrame) -> bool:
    """Do export rows (``indicator``, ``edition``, ``rank``) hold a GCI rank of the edition
    whose ranks are shared positions? Its bare number (Morocco's 10 in 2014) is a position
    among 29, not a place among 194: a table showing it says so beside it."""
    if frame.empty or not {"indicator", "edition", "rank"} <= set(frame.columns):
        return False
    return bool((frame["indicator"].astype(str).str.startswith(GCI_PREFIX)
                 & (pd.to_numeric(frame["edition"], errors="coerce") == SHARED_RANKS_EDITION)
                 & frame["rank"].notna()).any())
