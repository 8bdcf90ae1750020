"""How a country stands in an edition, in words: "Tier 1: Role-modelling", "Rank 50", "Rank 2,
shared by 2 countries", "Position 10 of 29, shared by 3 countries" (GCI 2014).

ITU places countries level when their scores are equal, and a rank held by several countries is
said to be shared (from ``rank_holders``, :func:`dashboard.data.with_rank_holders`). GCI 2014
(:data:`~dashboard.data.SHARED_RANKS_EDITION`) placed 194 countries in 29 positions: its "10"
is a position among 29, not a place among 194, and reads so ("Position 10 of 29"), as its
places-gained column stays empty. One text for the pages, the chart hovers and the brief.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.data import SHARED_RANKS_EDITION, tier_msgid
from dashboard.i18n import t, tn


def _whole(value: object) -> int | None:
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


def rank_or_tier_text(row: Mapping[str, object], lang: str, missing: str = "") -> str:
    """"Tier 1: Role-modelling" in a tiered edition, else :func:`rank_text`, else ``missing``."""
    label = tier_msgid(row.get("tier"))
    if label:
        return t("Tier {tier}: {label}", lang, tier=int(row["tier"]), label=t(label, lang))
    return rank_text(row, lang) or missing
