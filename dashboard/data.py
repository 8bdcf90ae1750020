"""What the dashboard reads, and only through ``etl.store`` (the one package that builds SQL).

Functions that read take the engine first and return DataFrames; the pure helpers below them
(rescaling, changes between editions, URL splitting) take frames and are tested without a
database. Pages get the engine of the running app with :func:`current_engine`.

Readers go through :func:`read`: inside the running app every result is memoised per data
release by the app's :class:`etl.releases.ReleaseCache`, and every read of one request answers
from the release pinned for that request, so a page never mixes two releases and a running
dashboard shows a new release within the cache's ``ttl`` (30 s), without a restart. Outside an
app (CLI, plain tests) readers query the engine directly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import pandas as pd
from flask import current_app, g, has_app_context, has_request_context
from sqlalchemy.engine import Engine

from dashboard.i18n import N_, normalize_lang
from etl import collation, crossindex, releases, store
from etl.corrections import parse_correction as parse_correction
from etl.held_out import held_out as held_out
from etl.held_out import held_out_keys
from etl.settings import Settings

EXTENSION_KEY = "cyberindex"
T = TypeVar("T")

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
# The most decimals a bundled value has (EGDI: 0.68411): a value shown as published, never
# rounded away from what its downloads hold (0.684 on the page, 0.68411 in the file).
PUBLISHED_DIGITS = 5
# GCI 2014 placed countries in shared positions (Oman, Australia and Malaysia all 3rd; 28
# positions for 194 countries): a later rank is a place in a list, so no places gained from it.
SHARED_RANKS_EDITION = 2014
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
# The channels a value was read through (``observations.channel``: one, or several joined
# by " + "), as the sources' modules name them; the dashboard says each in the page language.
CHANNEL_LABELS: dict[str, str] = {
    "SSPI transcription": N_("SSPI transcription"),
    "Blavatnik ITU-PDF extraction": N_("Blavatnik ITU-PDF extraction"),
    "press or official release": N_("press or official release"),
    "derived from the overall score": N_("derived from the overall score"),
    "UNU-EGOV mirror": N_("UNU-EGOV mirror"),
    "UN EGOV_DATA file (mirror)": N_("UN EGOV_DATA file (mirror)"),
    "WDI bulk CSV (2017 vintage, mirror)": N_("WDI bulk CSV (2017 vintage, mirror)"),
    "NCSI 2025 relaunch": N_("NCSI 2025 relaunch"),
    "World Bank API v2": N_("World Bank API v2"),
    "unknown": N_("unknown channel"),
}
CHANNEL_JOIN = " + "
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


def release_cache() -> releases.ReleaseCache | None:
    """The running app's release cache, or None outside an app (CLI, plain tests)."""
    if not has_app_context():
        return None
    return current_app.extensions.get(EXTENSION_KEY, {}).get("cache")


def _copy(value: T) -> T:
    # Memoised results are shared between requests: hand out copies callers may change.
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy()
    return copy.deepcopy(value)


def read(reader: Callable[..., T], engine: Engine, *args: Any, **kwargs: Any) -> T:
    """``reader(engine, *args, **kwargs)``, memoised per release by the app's cache and, within
    a request, from the request's release (a release landing mid-request re-runs it)."""
    cache = release_cache()
    if cache is None or cache.engine is not engine:
        return reader(engine, *args, **kwargs)
    return _copy(cache.get(reader, engine, *args, **kwargs))


def read_unmemoised(reader: Callable[..., T], engine: Engine, *args: Any, **kwargs: Any) -> T:
    """Like :func:`read`, without keeping the result: for free-form selections (any list of
    countries) that would fill the cache. Still from the request's release."""
    cache = release_cache()
    if cache is None or cache.engine is not engine:
        return reader(engine, *args, **kwargs)
    got, value = releases.read_consistent(engine, lambda: reader(engine, *args, **kwargs))
    pinned = g.get("cyberindex_release") if has_request_context() else None
    if pinned is not None and got != pinned:
        raise releases.ReleaseChanged(f"request pinned to release {pinned}, data is {got}")
    return value


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
    given across the 2024 break (2024 has no ranks; ``across_break`` flags those rows), nor from
    the 2014 edition, whose ranks are shared positions (:data:`SHARED_RANKS_EDITION`). No
    change at all is computed from a value held out of derived figures (:func:`held_out`):
    ``held_out`` and ``prev_held_out`` say which side was.
    """
    out = rescale_to_100(overall).sort_values(["iso3", "edition"]).reset_index(drop=True)
    out["held_out"] = (out["held_out"].fillna(False).astype(bool) if "held_out" in out
                       else False)
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
    from_shared = (out["prev_edition"] == SHARED_RANKS_EDITION).fillna(False)
    out["rank_change"] = rank_change.where(~(out["across_break"] | from_shared), pd.NA)
    out["prev_held_out"] = previous["held_out"].shift(1).fillna(False).astype(bool)
    unsound = out["held_out"] | out["prev_held_out"]
    out["change_100"] = out["change_100"].where(~unsound, pd.NA)
    out["rank_change"] = out["rank_change"].where(~unsound, pd.NA)
    return out


# ---------------------------------------------------------------- values held out of derived figures
#
# Which values nothing may be derived from (no tier, change, places gained or group median) is
# decided in one place, :mod:`etl.held_out` (:func:`held_out`, :func:`held_out_keys`). Pages
# read ``held_out`` (set by :func:`gci_observations`) and never decide it themselves.


def is_held_out(row: Mapping[str, object]) -> bool:
    """Whether a row (of a frame from :func:`gci_observations`) is held out of derived figures."""
    value = row.get("held_out")
    return bool(value) if value is not None and not pd.isna(value) else False


def sound_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows a derived figure (a median, a count) may stand on: those not held out."""
    if "held_out" not in frame:
        return frame
    return frame[~frame["held_out"].fillna(False).astype(bool)]


def held_out_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows held out of derived figures (to name them beside the figure)."""
    if "held_out" not in frame:
        return frame.iloc[0:0]
    return frame[frame["held_out"].fillna(False).astype(bool)]


def split_urls(text: object) -> list[str]:
    """The URLs of a ``source_url`` cell (several are separated by " | ")."""
    if not isinstance(text, str):
        return []
    return [part.strip() for part in text.split("|") if part.strip()]


def tier_msgid(tier: Any) -> str | None:
    """The English tier label (a msgid) of a tier number, or None."""
    try:
        return TIER_LABELS.get(int(tier))
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
    frame = read(store.countries_frame, engine)
    column = f"name_{normalize_lang(lang)}"
    return dict(zip(frame["iso3"], frame[column], strict=True))


def known_iso3(engine: Engine) -> set[str]:
    """Every ISO3 code of the countries table."""
    return set(read(store.countries_frame, engine)["iso3"])


def _localized(frame: pd.DataFrame, engine: Engine, lang: str) -> pd.DataFrame:
    names = country_names(engine, lang)
    out = frame.copy()
    out["country"] = out["iso3"].map(names).fillna(out["country"])
    return out


def gci_observations(engine: Engine, iso3s: Sequence[str] | None = None,
                     lang: str = "en") -> pd.DataFrame:
    """Every GCI observation (overall and pillars) of the countries, names in ``lang``, with
    how its rank stands in its edition (:func:`with_rank_holders`)."""
    indicators = [GCI_OVERALL, *GCI_PILLARS]
    if iso3s is not None and not iso3s:
        frame = read(store.observations_frame, engine, indicators, [""])
    else:
        frame = read(store.observations_frame, engine, indicators, list(iso3s) if iso3s else None)
    return with_held_out(with_rank_holders(_localized(frame, engine, lang), engine), engine)


def with_held_out(frame: pd.DataFrame, engine: Engine) -> pd.DataFrame:
    """Add ``held_out`` (:func:`etl.held_out.held_out`) to GCI observations."""
    out = frame.copy()
    keys = read(held_out_keys, engine) if len(frame) else frozenset()
    out["held_out"] = [(i, c, int(e)) in keys for i, c, e in
                       zip(frame["indicator_id"], frame["iso3"], frame["edition"], strict=True)]
    out["held_out"] = out["held_out"].astype(bool)
    return out


def with_rank_holders(frame: pd.DataFrame, engine: Engine) -> pd.DataFrame:
    """Add ``rank_holders`` (how many countries the source placed at the row's rank: 2 or more
    is a shared rank) and ``last_rank`` (the last rank printed in the row's edition of the
    indicator), counted over every country in the store; missing where the row has no rank."""
    holders = read(store.rank_holders_frame, engine, sorted(set(frame["indicator_id"])))
    last = holders.groupby(["indicator_id", "edition"])["rank"].max().rename("last_rank")
    keyed = holders.set_index(["indicator_id", "edition", "rank"])["holders"]
    ranked = frame["rank"].notna()
    out = frame.copy()
    out["rank_holders"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    out["last_rank"] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    if ranked.any():
        rows = frame[ranked]
        by_rank = pd.MultiIndex.from_arrays(
            [rows["indicator_id"], rows["edition"], rows["rank"].astype("int64")])
        by_edition = pd.MultiIndex.from_arrays([rows["indicator_id"], rows["edition"]])
        out.loc[ranked, "rank_holders"] = keyed.reindex(by_rank).to_numpy()
        out.loc[ranked, "last_rank"] = last.reindex(by_edition).to_numpy()
    return out


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
    frame = read(store.observations_frame, engine, [GCI_OVERALL])
    names = country_names(engine, lang)
    codes = sorted(set(frame["iso3"]), key=lambda c: collation.sort_key(names.get(c, c)))
    return [{"label": names.get(code, code), "value": code} for code in codes]


def group_options(engine: Engine) -> list[dict[str, str]]:
    """Peer groups as (English label msgid, id) pairs, in the table's order."""
    frame = read(store.groups_frame, engine)
    return [{"label": GROUP_LABELS.get(g, name), "value": g}
            for g, name in zip(frame["group_id"], frame["name"], strict=True)]


def group_members(engine: Engine, group_id: str | None) -> list[str]:
    """ISO3 codes of a group's members (empty for an unknown or missing group)."""
    if not group_id:
        return []
    return read(store.group_members_frame, engine, [group_id])["iso3"].tolist()


# Runs and quarantine change without a release (a failed or held run publishes nothing), so
# the status readers below query the engine directly instead of the per-release cache.


def source_status(engine: Engine, now: datetime | None = None) -> pd.DataFrame:
    """The latest run of each source, with the source's title and the run's age in seconds."""
    runs = store.last_runs_frame(engine)
    sources = read(store.sources_frame, engine)[["source_id", "title", "publisher"]]
    out = runs.merge(sources, on="source_id", how="left")
    out["age_seconds"] = [age_seconds(v, now) for v in out["finished_at"]]
    return out


def quarantined_rows(engine: Engine) -> pd.DataFrame:
    """Rows held back by validation in each source's latest run, with the reasons."""
    return store.quarantine_frame(engine)


def recent_runs(engine: Engine, limit: int = 20) -> pd.DataFrame:
    """The latest runs of every source, newest first."""
    return store.runs_frame(engine, limit=limit)


# ---------------------------------------------------------------- changes, evidence, cross-index

# Labels of the indices the cross-index and changes pages name (others show the English name
# of the indicators table).
INDICATOR_LABELS: dict[str, str] = {
    GCI_OVERALL: N_("GCI overall score"),
    "ncsi.score": N_("National Cyber Security Index (NCSI)"),
    "un_egdi.egdi": N_("UN E-Government Development Index (EGDI)"),
}
# Short names of the indices news claims and the cross-index view speak of, by index id.
INDEX_SHORT_NAMES: dict[str, str] = {
    "itu_gci": N_("GCI (ITU)"),
    "ncsi": N_("NCSI (e-Governance Academy)"),
    "un_egdi": N_("EGDI (UN DESA)"),
}
# Who printed a value (``source_values.source_id``): bipa and sspi are transcriptions of the
# ITU report itself, the rest are labelled here.
ITU_REPORT_CHANNELS = ("bipa", "sspi")
VALUE_SOURCE_LABELS: dict[str, str] = {
    "press_or_official": N_("press or official statement"),
}
# One label per action a ledger mark parses to (etl.corrections.MARK_ACTIONS).
CORRECTION_LABELS: dict[str, str] = {
    "flag": N_("Flagged"),
    "override": N_("Corrected"),
    "drop": N_("Removed"),
    "open": N_("Reported, under review"),
}


def filter_changes(frame: pd.DataFrame, iso3s: Sequence[str] | None = None,
                   indicator_ids: Sequence[str] | None = None,
                   since: object = None) -> pd.DataFrame:
    """The changes of the countries and indicators, on or after ``since`` (a date or time,
    naive is UTC), keeping the order (latest first)."""
    out = frame
    if iso3s:
        out = out[out["iso3"].isin([c.upper() for c in iso3s])]
    if indicator_ids:
        out = out[out["indicator_id"].isin(list(indicator_ids))]
    if since is not None and str(since).strip():
        when = pd.Timestamp(since)
        when = when.tz_localize(UTC) if when.tzinfo is None else when.tz_convert(UTC)
        moments = pd.to_datetime(out["changed_at"], utc=True)
        out = out[moments >= when]
    return out.reset_index(drop=True)


def changes_log(engine: Engine, iso3s: Sequence[str] | None = None,
                indicator_ids: Sequence[str] | None = None, since: object = None,
                lang: str = "en") -> pd.DataFrame:
    """Published changes, latest first, country names in ``lang``. The whole log is memoised
    per release and filtered here, so free-form filters do not fill the cache."""
    frame = filter_changes(read(store.changes_frame, engine), iso3s, indicator_ids, since)
    names = country_names(engine, lang)
    frame["country"] = frame["iso3"].map(names).fillna(frame["country"]).fillna(frame["iso3"])
    return frame


def first_releases(engine: Engine) -> dict[str, int]:
    """Each source's first release (its first publication)."""
    return read(store.first_release_ids, engine)


def source_titles(engine: Engine) -> dict[str, str]:
    """Source id to its title (English, as the source module declares it)."""
    frame = read(store.sources_frame, engine)
    return dict(zip(frame["source_id"], frame["title"], strict=True))


def indicator_names(engine: Engine) -> dict[str, str]:
    """Indicator id to its English name (as the source declares it)."""
    frame = read(store.indicators_frame, engine)
    return dict(zip(frame["indicator_id"], frame["name"], strict=True))


def disagreements(engine: Engine, iso3s: Sequence[str]) -> pd.DataFrame:
    """Values on which sources disagree beyond rounding, one row per value printed."""
    return read(store.disagreements_frame, engine, [c.upper() for c in iso3s])


def methodology_breaks(engine: Engine, indicator_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Declared methodology breaks of the indicators."""
    return read(store.methodology_breaks_frame, engine, list(indicator_ids or []) or None)


def cross_index(engine: Engine, iso3s: Sequence[str]) -> pd.DataFrame:
    """GCI, NCSI and EGDI side by side with percentiles within ``iso3s`` (not memoised: any
    selection of countries is possible)."""
    return read_unmemoised(crossindex.cross_index_frame, engine, [c.upper() for c in iso3s],
                           read(held_out_keys, engine))


def peer_cross_index(engine: Engine, iso3s: Sequence[str]) -> pd.DataFrame:
    """:func:`cross_index` among a country and its peer group's members (the Country page's
    and the brief's other indices), memoised per release: a country and a group, a bounded set
    (~60 ms to compute, on every Country page otherwise)."""
    return read(_cross_index_of, engine, tuple(sorted({c.upper() for c in iso3s})))


def _cross_index_of(engine: Engine, iso3s: tuple[str, ...]) -> pd.DataFrame:
    return crossindex.cross_index_frame(engine, list(iso3s), read(held_out_keys, engine))


def statements(engine: Engine, iso3s: Sequence[str], include_region: bool = False) -> pd.DataFrame:
    """Cited statements (INTERPOL findings, undated NCSI snapshots) about the countries."""
    return read_unmemoised(crossindex.statements_frame, engine, [c.upper() for c in iso3s],
                           include_region=include_region)


def content_changes_log(engine: Engine, iso3s: Sequence[str] | None = None,
                        indicator_ids: Sequence[str] | None = None, since: object = None,
                        lang: str = "en") -> pd.DataFrame:
    """Published changes of the cited statements and per-source values, latest first, as
    :func:`changes_log` gives the observations' (memoised per release, filtered here): with
    ``iso3s``, the rows about those countries (a region-level statement has none); with
    ``indicator_ids``, the per-source values of those indicators (a statement has none)."""
    frame = filter_changes(read(store.content_changes_frame, engine), iso3s, indicator_ids,
                           since)
    names = country_names(engine, lang)
    frame["country"] = frame["iso3"].map(names).fillna(frame["country"])
    return frame
