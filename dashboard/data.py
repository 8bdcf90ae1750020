"""What the dashboard reads, and only through ``etl.store`` (the one module that builds SQL).

Functions that read take the engine first and return DataFrames; the pure helpers below them
(rescaling, changes between editions, URL splitting) take frames and are tested without a
database. Pages get the engine of the running app with :func:`current_engine`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pandas as pd
from flask import current_app
from sqlalchemy.engine import Engine

from dashboard.i18n import N_, normalize_lang
from etl import store
from etl.settings import Settings

EXTENSION_KEY = "cyberindex"

GCI_OVERALL = "itu_gci.overall"
# The five pillars in ITU's order, each with its English label (translated with ``t``).
GCI_PILLARS: dict[str, str] = {
    "itu_gci.legal": N_("Legal"),
    "itu_gci.technical": N_("Technical"),
    "itu_gci.organizational": N_("Organizational"),
    "itu_gci.capacity_development": N_("Capacity development"),
    "itu_gci.cooperation": N_("Cooperation"),
}
GCI_EDITIONS = (2014, 2017, 2018, 2020, 2024)
# 2024 publishes tiers and no ranks: a methodology break no line or rank change may cross.
BREAK_EDITION = 2024
PILLAR_EDITIONS = (2020, 2024)
TIER_LABELS: dict[int, str] = {
    1: N_("Role-modelling"),
    2: N_("Advancing"),
    3: N_("Establishing"),
    4: N_("Evolving"),
    5: N_("Building"),
}
VERIFICATION_LABELS: dict[str, str] = {
    "verified_2_sources": N_("verified in two or more sources"),
    "single_source": N_("single source"),
    "conflict": N_("sources disagree (see note)"),
}
GROUP_LABELS: dict[str, str] = {
    "gcc": N_("Gulf Cooperation Council (GCC)"),
    "arab_league": N_("League of Arab States"),
    "maghreb": N_("Arab Maghreb Union (Maghreb)"),
    "african_union": N_("African Union"),
    "mena": N_("Middle East and North Africa (World Bank)"),
    "global_leaders": N_("Global leaders (preset)"),
}
DEFAULT_PEERS = ("SAU", "ARE", "QAT", "TUN", "EGY")
URL_SEPARATOR = " | "


# ---------------------------------------------------------------- the running app's engine


def current_settings() -> Settings:
    """The settings of the app serving this request."""
    return current_app.config["CYBERINDEX_SETTINGS"]


def current_engine() -> Engine:
    """The engine of the app serving this request (created once per app)."""
    return current_app.extensions[EXTENSION_KEY]["engine"]


# ---------------------------------------------------------------- pure helpers


def rescale_to_100(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``score_100``: values published on 0-1 (2014-2018) times 100, others as they are."""
    out = frame.copy()
    factor = out["scale"].map(lambda s: 100.0 if str(s) == "0-1" else 1.0)
    out["score_100"] = (out["value"].astype(float) * factor).round(6)
    return out


def with_changes(overall: pd.DataFrame) -> pd.DataFrame:
    """Add each country's change against its previous edition, on the 0-100 basis.

    Adds ``prev_edition``, ``prev_value``, ``prev_scale``, ``prev_score_100``, ``change_100``,
    ``prev_rank`` and ``rank_change`` (places gained: positive is better). No rank change is
    given across the 2024 break (2024 has no ranks); ``across_break`` flags those rows.
    """
    out = rescale_to_100(overall).sort_values(["iso3", "edition"]).reset_index(drop=True)
    previous = out.groupby("iso3", sort=False)
    out["prev_edition"] = previous["edition"].shift(1).astype("Int64")
    out["prev_value"] = previous["value"].shift(1)
    out["prev_scale"] = previous["scale"].shift(1)
    out["prev_score_100"] = previous["score_100"].shift(1)
    out["change_100"] = (out["score_100"] - out["prev_score_100"]).round(4)
    out["prev_rank"] = previous["rank"].shift(1).astype("Int64")
    out["across_break"] = (out["edition"] >= BREAK_EDITION) & (
        out["prev_edition"].fillna(BREAK_EDITION).astype(int) < BREAK_EDITION
    )
    rank_change = (out["prev_rank"] - out["rank"].astype("Int64")).astype("Int64")
    out["rank_change"] = rank_change.where(~out["across_break"], pd.NA)
    return out


def split_urls(text: object) -> list[str]:
    """The URLs of a ``source_url`` cell (several are separated by " | ")."""
    if not isinstance(text, str):
        return []
    return [part.strip() for part in text.split("|") if part.strip()]


def tier_msgid(tier: object) -> str | None:
    """The English tier label (a msgid) of a tier number, or None."""
    try:
        return TIER_LABELS.get(int(tier))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def age_seconds(moment: object, now: datetime | None = None) -> float | None:
    """Seconds since ``moment`` (naive times are UTC); None when missing."""
    if moment is None or pd.isna(moment):
        return None
    when = pd.Timestamp(moment)
    when = when.tz_localize(UTC) if when.tzinfo is None else when
    return ((now or datetime.now(UTC)) - when.to_pydatetime()).total_seconds()


def parse_iso3_list(text: object) -> list[str]:
    """ISO3 codes from a URL value such as ``MAR,OMN`` (upper-cased, de-duplicated)."""
    if isinstance(text, list | tuple):
        text = ",".join(map(str, text))
    seen: list[str] = []
    for part in str(text or "").replace(" ", ",").split(","):
        code = part.strip().upper()
        if code and code not in seen:
            seen.append(code)
    return seen


# ---------------------------------------------------------------- readers


def country_names(engine: Engine, lang: str) -> dict[str, str]:
    """ISO3 to the country's CLDR name in ``lang``."""
    frame = store.countries_frame(engine)
    column = f"name_{normalize_lang(lang)}"
    return dict(zip(frame["iso3"], frame[column], strict=True))


def known_iso3(engine: Engine) -> set[str]:
    """Every ISO3 code of the countries table."""
    return set(store.countries_frame(engine)["iso3"])


def _localized(frame: pd.DataFrame, engine: Engine, lang: str) -> pd.DataFrame:
    names = country_names(engine, lang)
    out = frame.copy()
    out["country"] = out["iso3"].map(names).fillna(out["country"])
    return out


def gci_observations(engine: Engine, iso3s: Sequence[str] | None = None,
                     lang: str = "en") -> pd.DataFrame:
    """Every GCI observation (overall and pillars) of the countries, names in ``lang``."""
    indicators = [GCI_OVERALL, *GCI_PILLARS]
    if iso3s is not None and not iso3s:
        return _localized(store.observations_frame(engine, indicators, [""]), engine, lang)
    frame = store.observations_frame(engine, indicators, list(iso3s) if iso3s else None)
    return _localized(frame, engine, lang)


def gci_overall(engine: Engine, iso3s: Sequence[str] | None = None,
                lang: str = "en") -> pd.DataFrame:
    """GCI overall scores with ``score_100`` and the change against the previous edition."""
    frame = gci_observations(engine, iso3s, lang)
    return with_changes(frame[frame["indicator_id"] == GCI_OVERALL])


def gci_pillars(engine: Engine, iso3s: Sequence[str] | None = None,
                editions: Sequence[int] = PILLAR_EDITIONS, lang: str = "en") -> pd.DataFrame:
    """GCI pillar scores (each out of 20) of the countries in the editions."""
    frame = gci_observations(engine, iso3s, lang)
    keep = frame["indicator_id"].isin(list(GCI_PILLARS)) & frame["edition"].isin(list(editions))
    return frame[keep].reset_index(drop=True)


def gci_country_options(engine: Engine, lang: str) -> list[dict[str, str]]:
    """Dropdown options of the countries with a GCI score, sorted by name in ``lang``."""
    frame = store.observations_frame(engine, [GCI_OVERALL])
    names = country_names(engine, lang)
    codes = sorted(set(frame["iso3"]), key=lambda c: names.get(c, c).casefold())
    return [{"label": names.get(code, code), "value": code} for code in codes]


def group_options(engine: Engine) -> list[dict[str, str]]:
    """Peer groups as (English label msgid, id) pairs, in the table's order."""
    frame = store.groups_frame(engine)
    return [{"label": GROUP_LABELS.get(g, name), "value": g}
            for g, name in zip(frame["group_id"], frame["name"], strict=True)]


def group_members(engine: Engine, group_id: str | None) -> list[str]:
    """ISO3 codes of a group's members (empty for an unknown or missing group)."""
    if not group_id:
        return []
    return store.group_members_frame(engine, [group_id])["iso3"].tolist()


def source_status(engine: Engine, now: datetime | None = None) -> pd.DataFrame:
    """The latest run of each source, with the source's title and the run's age in seconds."""
    runs = store.last_runs_frame(engine)
    sources = store.sources_frame(engine)[["source_id", "title", "publisher"]]
    out = runs.merge(sources, on="source_id", how="left")
    out["age_seconds"] = [age_seconds(v, now) for v in out["finished_at"]]
    return out


def quarantined_rows(engine: Engine) -> pd.DataFrame:
    """Rows held back by validation in each source's latest run, with the reasons."""
    return store.quarantine_frame(engine)


def recent_runs(engine: Engine, limit: int = 20) -> pd.DataFrame:
    """The latest runs of every source, newest first."""
    return store.runs_frame(engine, limit=limit)
