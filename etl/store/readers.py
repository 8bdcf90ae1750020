"""Readers (they take an ``Engine`` and return DataFrames): reference tables, observations,
editions, runs, quarantine, releases and the changelog (observations; statements and
per-source values). ``read_frame`` is the one way a query
becomes a DataFrame in :mod:`etl.store`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from etl.store.ordering import text_ascending
from etl.store.schema import (
    changes,
    content_changes,
    countries,
    group_members,
    groups,
    indicators,
    observations,
    quarantine,
    raw_snapshots,
    releases,
    runs,
    sources,
)


def read_frame(engine: Engine, query: sa.Select) -> pd.DataFrame:
    with engine.connect() as conn:
        return _frame(conn, query)


def _frame(conn: Connection, query: sa.Select) -> pd.DataFrame:
    result = conn.execute(query)
    columns = list(result.keys())
    # Rows as tuples: pandas reads a list of tuples in one pass, but a list of Row objects
    # item by item (about 3x slower at 17,000 observations). Same values, same dtypes.
    return pd.DataFrame([tuple(row) for row in result.fetchall()], columns=columns)


def retrieval_times(snaps: pd.DataFrame) -> pd.Series:
    """When the data of each raw snapshot (``sha256``, ``fetched_at``, ``retrieved_on``) was
    retrieved, by SHA-256: a bundled file's day of retrieval from its publisher
    (``retrieved_on``, a date: no time of day is known) where there is one, else when the
    store fetched it (``fetched_at``, a UTC time: a live source's retrieval is its fetch)."""
    days = snaps["retrieved_on"]
    if days.isna().all():  # no bundled day at all: the fetch times, as read
        return snaps.set_index("sha256")["fetched_at"].rename("retrieved_at")
    values = [at if day is None or pd.isna(day) else day
              for day, at in zip(days, snaps["fetched_at"], strict=True)]
    return pd.Series(values, index=snaps["sha256"], dtype=object, name="retrieved_at")


def countries_frame(engine: Engine) -> pd.DataFrame:
    return read_frame(engine, sa.select(countries).order_by(*text_ascending(countries.c.iso3)))


def groups_frame(engine: Engine) -> pd.DataFrame:
    return read_frame(engine, sa.select(groups).order_by(*text_ascending(groups.c.group_id)))


def group_members_frame(engine: Engine, group_ids: Sequence[str] | None = None) -> pd.DataFrame:
    query = sa.select(group_members).order_by(
        *text_ascending(group_members.c.group_id, group_members.c.iso3))
    if group_ids:
        query = query.where(group_members.c.group_id.in_(list(group_ids)))
    return read_frame(engine, query)


def indicators_frame(engine: Engine) -> pd.DataFrame:
    query = sa.select(indicators).order_by(*text_ascending(indicators.c.indicator_id))
    return read_frame(engine, query)


def sources_frame(engine: Engine) -> pd.DataFrame:
    return read_frame(engine, sa.select(sources).order_by(*text_ascending(sources.c.source_id)))


def observations_frame(
    engine: Engine,
    indicator_ids: Sequence[str] | None = None,
    iso3s: Sequence[str] | None = None,
    editions: Sequence[int] | None = None,
    marked_only: bool = False,
) -> pd.DataFrame:
    """Observations joined with their country names, source and snapshot, in a stable order;
    ``marked_only``: those a corrections-ledger mark is on (``correction`` set), a few rows."""
    o, c, i, s, r = observations, countries, indicators, sources, raw_snapshots
    # The snapshot's time is looked up from the few snapshots rather than joined: a date
    # parsed once per snapshot, not once per observation (about a tenth of the read).
    query = (
        sa.select(
            o.c.indicator_id, i.c.name.label("indicator_name"), o.c.iso3,
            c.c.name_en.label("country"), o.c.edition, o.c.value,
            o.c.scale, o.c.rank, o.c.rank_text, o.c.tier, o.c.tier_label,
            s.c.publisher, o.c.source_document, o.c.source_url, o.c.channel, o.c.verification,
            o.c.source_note, o.c.snapshot_sha256, o.c.correction,
        )
        .select_from(
            o.join(c, c.c.iso3 == o.c.iso3)
            .join(i, i.c.indicator_id == o.c.indicator_id)
            .join(s, s.c.source_id == i.c.source_id)
        )
        .order_by(*text_ascending(o.c.indicator_id, o.c.iso3), o.c.edition)
    )
    if indicator_ids:
        query = query.where(o.c.indicator_id.in_(list(indicator_ids)))
    if iso3s:
        query = query.where(o.c.iso3.in_(list(iso3s)))
    if editions:
        query = query.where(o.c.edition.in_([int(e) for e in editions]))
    if marked_only:
        query = query.where(o.c.correction.is_not(None), o.c.correction != "")
    with engine.connect() as conn:
        frame = _frame(conn, query)
        # Read after the observations: every snapshot they cite is committed by then.
        snaps = _frame(conn, sa.select(r.c.sha256, r.c.fetched_at, r.c.retrieved_on))
    retrieved = frame["snapshot_sha256"].map(retrieval_times(snaps))
    if retrieved.isna().all():  # as the join gave it: no time at all is a column of None
        retrieved = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    frame.insert(len(frame.columns) - 1, "retrieved_at", retrieved)
    for column in ("rank", "tier"):
        frame[column] = frame[column].astype("Int64")
    frame["edition"] = frame["edition"].astype("int64")
    return frame


def rank_holders_frame(engine: Engine, indicator_ids: Sequence[str]) -> pd.DataFrame:
    """How many countries hold each published rank: ``indicator_id``, ``edition``, ``rank``,
    ``holders`` (2 or more where the source placed countries level), by indicator, edition
    and rank."""
    o = observations
    query = (
        sa.select(o.c.indicator_id, o.c.edition, o.c.rank, sa.func.count().label("holders"))
        .where(o.c.indicator_id.in_(list(indicator_ids)), o.c.rank.is_not(None))
        .group_by(o.c.indicator_id, o.c.edition, o.c.rank)
        .order_by(*text_ascending(o.c.indicator_id), o.c.edition, o.c.rank)
    )
    frame = read_frame(engine, query)
    return frame.astype({"edition": "int64", "rank": "int64", "holders": "int64"})


def observations_exist(engine: Engine) -> bool:
    """Whether the store holds any observation (one row read, not the table)."""
    query = sa.select(observations.c.indicator_id).limit(1)
    with engine.connect() as conn:
        return conn.execute(query).first() is not None


def editions_available(engine: Engine) -> list[int]:
    query = sa.select(observations.c.edition).distinct().order_by(observations.c.edition)
    with engine.connect() as conn:
        return [int(v) for (v,) in conn.execute(query)]


def runs_frame(engine: Engine, source_id: str | None = None, limit: int = 200) -> pd.DataFrame:
    query = sa.select(runs).order_by(runs.c.run_id.desc()).limit(limit)
    if source_id:
        query = query.where(runs.c.source_id == source_id)
    return read_frame(engine, query)


def last_runs_frame(engine: Engine) -> pd.DataFrame:
    """The latest run of each source, and the latest successful one."""
    latest = (
        sa.select(runs.c.source_id, sa.func.max(runs.c.run_id).label("run_id"))
        .group_by(runs.c.source_id)
        .subquery()
    )
    query = sa.select(runs).join(latest, latest.c.run_id == runs.c.run_id).order_by(
        *text_ascending(runs.c.source_id))
    return read_frame(engine, query)


# The outcomes of a run whose load committed: it read its data and wrote its quarantine.
READ_DATA_STATUSES = ("succeeded", "held")


def quarantine_frame(engine: Engine, source_id: str | None = None,
                     latest_only: bool = True) -> pd.DataFrame:
    """Quarantined rows with their reasons (by default, those each source's latest run that
    read its data read: stored by it, or by an earlier run that read the same snapshot,
    ``run_id`` the first run to quarantine the row, ``last_run_id`` the latest to read it).
    A later run that read nothing (skipped while the lock was taken, failed, abandoned) does
    not hide them: they are still what that source's data is held back by."""
    query = sa.select(quarantine).order_by(quarantine.c.quarantine_id)
    if source_id:
        query = query.where(quarantine.c.source_id == source_id)
    if latest_only:
        latest = (sa.select(sa.func.max(runs.c.run_id))
                  .where(runs.c.status.in_(READ_DATA_STATUSES)).group_by(runs.c.source_id))
        query = query.where(quarantine.c.last_run_id.in_(latest))
    return read_frame(engine, query)


def current_release(engine: Engine, source_id: str | None = None) -> dict[str, Any] | None:
    """The newest release (release_id, run_id, source_id, published_at), or None; given
    ``source_id``, that source's newest (None when it never published)."""
    query = sa.select(releases).order_by(releases.c.release_id.desc()).limit(1)
    if source_id is not None:
        query = query.where(releases.c.source_id == source_id)
    found = _first_row(engine, query)
    return dict(found._mapping) if found is not None else None


def releases_frame(engine: Engine, limit: int = 100) -> pd.DataFrame:
    return read_frame(engine, sa.select(releases).order_by(releases.c.release_id.desc()).limit(limit))


def ran_since(engine: Engine, source_id: str, run_id: int) -> bool:
    """Whether ``source_id`` has a run that succeeded after run ``run_id`` began (run ids
    grow with time)."""
    return _first_row(engine, sa.select(runs.c.run_id).where(
        runs.c.source_id == source_id, runs.c.status == "succeeded",
        runs.c.run_id > run_id).limit(1)) is not None


def _first_row(engine: Engine, query: sa.Select):
    with engine.connect() as conn:
        return conn.execute(query).first()


def first_release_ids(engine: Engine) -> dict[str, int]:
    """Each source's first release (its first publication), by source id."""
    first = sa.func.min(releases.c.release_id).label("first_release")
    frame = read_frame(engine, sa.select(releases.c.source_id, first)
                       .group_by(releases.c.source_id))
    return {source: int(release) for source, release
            in zip(frame["source_id"], frame["first_release"], strict=True)}


def _changelog_query(table: sa.Table, since: datetime | str | None,
                     iso3s: Sequence[str] | None, indicator_ids: Sequence[str] | None,
                     up_to_release: int | None = None) -> sa.Select:
    """A changelog table's rows (``changes`` or ``content_changes``), latest first, with the
    country's English name, since a moment, about some countries or indicators, published by
    release ``up_to_release`` or an earlier one."""
    ch, c = table, countries
    query = (
        sa.select(*ch.columns, c.c.name_en.label("country"))
        .select_from(ch.outerjoin(c, c.c.iso3 == ch.c.iso3))
        .order_by(ch.c.change_id.desc())
    )
    if since is not None:
        when = pd.Timestamp(since)
        # In UTC, as stored: SQLite compares the wall time, so 05:42+01:00 read as it is would
        # be 05:42 UTC, an hour of changes missing.
        when = when.tz_localize(UTC) if when.tzinfo is None else when.tz_convert(UTC)
        query = query.where(ch.c.changed_at >= when.to_pydatetime())
    if iso3s:
        query = query.where(ch.c.iso3.in_([i.upper() for i in iso3s]))
    if indicator_ids:
        query = query.where(ch.c.indicator_id.in_(list(indicator_ids)))
    if up_to_release is not None:
        query = query.where(ch.c.release_id <= up_to_release)
    return query


def changes_frame(engine: Engine, since: datetime | str | None = None,
                  iso3s: Sequence[str] | None = None,
                  indicator_ids: Sequence[str] | None = None,
                  up_to_release: int | None = None) -> pd.DataFrame:
    """Changes published by refreshes (latest first), with the country's English name; with
    ``up_to_release``, those of that release and the earlier ones."""
    frame = read_frame(engine, _changelog_query(changes, since, iso3s, indicator_ids,
                                                up_to_release))
    for column in ("old_rank", "new_rank", "old_tier", "new_tier"):
        frame[column] = frame[column].astype("Int64")
    return frame


def content_changes_frame(engine: Engine, since: datetime | str | None = None,
                          iso3s: Sequence[str] | None = None,
                          indicator_ids: Sequence[str] | None = None,
                          up_to_release: int | None = None) -> pd.DataFrame:
    """Changes releases published in the cited statements and per-source values (latest
    first), with the country's English name (empty for a region-level statement). With
    ``iso3s``, only rows about those countries; with ``indicator_ids``, only per-source values
    of those indicators (a statement has none); with ``up_to_release``, those of that release
    and the earlier ones."""
    frame = read_frame(engine, _changelog_query(content_changes, since, iso3s, indicator_ids,
                                                up_to_release))
    frame["edition"] = frame["edition"].astype("Int64")
    return frame


def changelog_frames(engine: Engine, since: datetime | str | None = None,
                     iso3s: Sequence[str] | None = None,
                     indicator_ids: Sequence[str] | None = None
                     ) -> tuple[int, pd.DataFrame, pd.DataFrame]:
    """``(release_id, changes, content_changes)``: the newest release and, as
    :func:`changes_frame` and :func:`content_changes_frame` give them, the changelog up to it.

    Both reads are bounded by the one release id read first, so a publication landing between
    them is left out of both rather than listed half (its statements without its
    observations). The bound is exact because a release commits with its changelog rows, ids
    grow with each publication, and the changelog is never rewritten.
    """
    with engine.connect() as conn:
        release = int(conn.execute(sa.select(sa.func.max(releases.c.release_id))).scalar() or 0)
    return (release,
            changes_frame(engine, since, iso3s, indicator_ids, up_to_release=release),
            content_changes_frame(engine, since, iso3s, indicator_ids, up_to_release=release))
