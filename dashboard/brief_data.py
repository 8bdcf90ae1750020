"""The figures of a country brief (and of the Country page's standing block): the default
peer group, the distance to the next GCI tier, the group's medians and best per pillar, the
group's trend, the other indices and recent news of a country, read from the store.

A group's median stands on its members' values less any held out of derived figures
(:func:`etl.held_out.held_out`), which :func:`left_out` names. Rendered by
:mod:`dashboard.brief_html`; served by :mod:`dashboard.brief`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import data
from dashboard.other_indices import (
    read_other_indices,
)
from etl import store
from etl.schemas import GCI_TIER_THRESHOLDS

# The peer group a brief compares with when the link names none: the first of these the
# country belongs to (Morocco: Maghreb; Oman: GCC).
GROUP_PREFERENCE = ("gcc", "maghreb", "arab_league", "african_union", "mena", "global_leaders")
PILLAR_MAX = 20.0
OVERALL_MAX = 100.0

def default_group(engine: Engine, iso3: str) -> str | None:
    """The peer group a brief uses by default for ``iso3`` (None when it is in none)."""
    members = store.group_members_frame(engine)
    groups_of = set(members.loc[members["iso3"] == iso3, "group_id"])
    return next((g for g in GROUP_PREFERENCE if g in groups_of), None)


def next_tier(tier: int) -> tuple[int, float] | None:
    """The tier above ``tier`` and its lower bound on 0-100 (None for tier 1)."""
    thresholds = dict(GCI_TIER_THRESHOLDS)
    return (tier - 1, thresholds[tier - 1]) if tier > 1 and tier - 1 in thresholds else None


def tier_distance(score: float, tier: int | None) -> dict:
    """How far the overall score is from the next tier (for tier 1: from the maximum)."""
    if tier is None:
        return {"kind": "none"}
    above = next_tier(int(tier))
    if above is None:
        return {"kind": "top", "gap": round(OVERALL_MAX - score, 2)}
    target, threshold = above
    return {"kind": "next", "tier": target, "threshold": threshold,
            "needed": round(max(threshold - score, 0.0), 2)}


def group_values(frame: pd.DataFrame, iso3: str, members: Sequence[str],
                 column: str) -> pd.Series:
    """The values of ``column`` of the group's members (the country among them when it is a
    member, as "the median of the Maghreb" reads), empty when no member other than the country
    has one: a median of the country alone would only repeat its own score. A value held out
    of derived figures (:func:`etl.held_out.held_out`) is left out (:func:`left_out`)."""
    sound = data.sound_rows(frame)  # a value held out of derived figures is named, not used
    values = sound.loc[sound["iso3"].isin(members), ["iso3", column]].dropna()
    if not (values["iso3"] != iso3).any():
        return pd.Series(dtype=float)
    return values[column].astype(float)


def left_out(frame: pd.DataFrame, members: Sequence[str], column: str) -> pd.DataFrame:
    """The group members' rows with a ``column`` value that :func:`group_values` left out:
    those held out of derived figures (to name them under the median)."""
    rows = frame[frame["iso3"].isin(members) & frame[column].notna()]
    return data.held_out_rows(rows)


def pillar_rows(pillars: pd.DataFrame, iso3: str, members: Sequence[str]) -> list[dict]:
    """Per pillar: the country's score, the median and best of the group's members
    (:func:`group_values`: the country counts when it is one), how many members they stand
    on, and the headroom to 20."""
    rows = []
    for pillar_id, label in data.GCI_PILLARS.items():
        part = pillars[pillars["indicator_id"] == pillar_id]
        own = part[part["iso3"] == iso3]
        values = group_values(part, iso3, members, "value")
        value = float(own["value"].iloc[0]) if len(own) else None
        rows.append({
            "pillar": pillar_id, "label": label, "value": value,
            "median": float(values.median()) if len(values) else None,
            "best": float(values.max()) if len(values) else None,
            "peers": int(len(values)),
            "headroom": None if value is None else round(PILLAR_MAX - value, 2),
        })
    return rows


def group_trend(overall: pd.DataFrame, iso3: str, members: Sequence[str]) -> dict[int, float]:
    """The median overall score (0-100) of the group's members per edition (the country among
    them when it is a member), for the editions where another member has a score."""
    out = {}
    for edition, part in overall.groupby("edition"):
        values = group_values(part, iso3, members, "score_100")
        if len(values):
            out[int(edition)] = float(values.median())
    return out


def brief_data(engine: Engine, iso3: str, group: str | None, lang: str) -> dict:
    """Everything the brief shows for a country, read once."""
    names = data.country_names(engine, lang)
    found = standing(engine, iso3, group, lang)
    members, observations = found["members"], found["observations"]
    overall_all = data.with_changes(
        observations[observations["indicator_id"] == data.GCI_OVERALL])
    cross, statements = read_other_indices(engine, iso3, members)
    release = store.current_release(engine)
    return {
        **found, "iso3": iso3, "name": names.get(iso3, iso3), "names": names, "group": group,
        "group_trend": group_trend(overall_all, iso3, members),
        "trend_left_out": left_out(overall_all, members, "score_100"),
        "cross": cross,
        "statements": statements,
        "news": recent_news(engine, iso3),
        "sources": observations[observations["iso3"] == iso3],
        "release": release,
    }


def standing(engine: Engine, iso3: str, group: str | None, lang: str) -> dict:
    """Where the country stands in the GCI against a peer group: its overall series, latest
    edition and tier, the distance to the next tier, and its pillars of the latest edition
    that has them beside the median and best of the group's members, the country among them
    when it is one (the brief and the Country page say "median of the Maghreb").

    The distance per pillar (``distance_pillars``) uses the pillars of the tier's own edition
    (``distance_edition``) and none when the country has none in it (Tunisia, Kuwait in GCI
    2024): an edition's tier is never explained with another edition's pillars."""
    members = list(data.group_members(engine, group)) if group else []
    observations = data.gci_observations(engine, list(dict.fromkeys([iso3, *members])), lang)
    overall_all = data.with_changes(
        observations[observations["indicator_id"] == data.GCI_OVERALL])
    overall = overall_all[overall_all["iso3"] == iso3].sort_values("edition")
    latest = overall.iloc[-1] if len(overall) else None
    pillar_frame = observations[observations["indicator_id"].isin(list(data.GCI_PILLARS))]
    own_pillar_editions = sorted(pillar_frame.loc[pillar_frame["iso3"] == iso3, "edition"])
    pillar_edition = int(own_pillar_editions[-1]) if own_pillar_editions else None
    pillars = pillar_frame[pillar_frame["edition"] == pillar_edition]
    # A score held out of derived figures is placed in no tier: no distance to the next one.
    tier = (None if latest is None or pd.isna(latest["tier"]) or data.is_held_out(latest)
            else int(latest["tier"]))
    # The distance to the tier of an edition is told with that edition's pillars only: GCI
    # 2024 is a methodology break, and 2020 pillars (Tunisia's add up to 86.23, above the
    # 85 its 2024 score of 82 has still to reach) are no way to a 2024 tier.
    distance_edition = None if latest is None else int(latest["edition"])
    own_editions = set(own_pillar_editions)
    distance_pillars = pillar_frame[pillar_frame["edition"] == distance_edition]
    return {
        "members": members, "observations": observations, "overall": overall,
        "latest": latest, "tier": tier,
        "distance": tier_distance(float(latest["score_100"]), tier) if latest is not None
        else {"kind": "none"},
        "pillar_edition": pillar_edition,
        "pillars": pillar_rows(pillars, iso3, members) if pillar_edition else [],
        "pillars_left_out": left_out(pillars, members, "value"),
        "distance_edition": distance_edition,
        "distance_pillars": pillar_rows(distance_pillars, iso3, members)
        if distance_edition in own_editions else [],
        "distance_pillars_left_out": left_out(distance_pillars, members, "value"),
    }


def recent_news(engine: Engine, iso3: str, limit: int = 5) -> pd.DataFrame:
    """The latest checked claims about the country (real articles only); empty when the news
    tables are missing or hold nothing."""
    reader = getattr(store, "claims_frame", None)
    if reader is None:
        return pd.DataFrame()
    try:
        return reader(engine, [iso3], limit=limit)
    except Exception:  # noqa: BLE001 - the brief must render without the news tables
        return pd.DataFrame()


