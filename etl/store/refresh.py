"""Refresh coordination and publication (see etl/locks.py, etl/releases.py, etl/changes.py):
the refresh lock, runs (left running, by id, a source's latest), a source's indicators, removed
observations, releases, the changelog (observations, statements and per-source values), and the
snapshot rows that pruning keeps or deletes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from etl.store.content import content_snapshots
from etl.store.ordering import text_ascending
from etl.store.schema import (
    changes,
    content_changes,
    indicators,
    locks,
    observations,
    raw_snapshots,
    releases,
    runs,
    utcnow,
)
from etl.store.writers import _plain_values, insert_columns


def insert_lock(conn: Connection, row: dict[str, Any]) -> None:
    """Claim a named lock; raises ``IntegrityError`` when someone holds it (primary key)."""
    conn.execute(locks.insert().values(**row))


def read_lock(conn: Connection, name: str) -> dict[str, Any] | None:
    found = conn.execute(sa.select(locks).where(locks.c.name == name)).first()
    return dict(found._mapping) if found is not None else None


def delete_lock(conn: Connection, name: str, owner: str) -> int:
    """Remove the lock only if ``owner`` still holds it; the number of rows removed."""
    return conn.execute(
        locks.delete().where(locks.c.name == name).where(locks.c.owner == owner)
    ).rowcount


def touch_lock(conn: Connection, name: str, owner: str, at: datetime) -> int:
    """Renew the lease; 0 when the lock is no longer ``owner``'s."""
    return conn.execute(
        locks.update().where(locks.c.name == name).where(locks.c.owner == owner)
        .values(heartbeat_at=at)
    ).rowcount


def abandon_running_runs(conn: Connection, reason: str) -> list[int]:
    """Mark runs still "running" as "abandoned" (call only while holding the refresh lock)."""
    ids = [int(r) for (r,) in conn.execute(
        sa.select(runs.c.run_id).where(runs.c.status == "running").order_by(runs.c.run_id)
    )]
    if ids:
        conn.execute(
            runs.update().where(runs.c.run_id.in_(ids))
            .values(status="abandoned", reason=reason, finished_at=utcnow())
        )
    return ids


def run_row(conn: Connection, run_id: int) -> dict[str, Any] | None:
    found = conn.execute(sa.select(runs).where(runs.c.run_id == run_id)).first()
    return dict(found._mapping) if found is not None else None


def latest_run(conn: Connection, source_id: str) -> dict[str, Any] | None:
    found = conn.execute(
        sa.select(runs).where(runs.c.source_id == source_id)
        .order_by(runs.c.run_id.desc()).limit(1)
    ).first()
    return dict(found._mapping) if found is not None else None


# A held run is resolved by a later run of its source that passed the gate (succeeded) or was
# held again (the newer hold replaces it), or by its forced publication (a succeeded run);
# skipped, failed, abandoned and unchanged runs leave it pending.
_RESOLVING = ("succeeded", "held")


def pending_held_runs(conn: Connection, source_id: str | None = None) -> list[dict[str, Any]]:
    """Each source's held run still awaiting review (``etl publish --force`` publishes it):
    its latest run that succeeded or was held, when that one was held. By source id."""
    latest = sa.select(sa.func.max(runs.c.run_id)).where(runs.c.status.in_(_RESOLVING))
    if source_id is not None:
        latest = latest.where(runs.c.source_id == source_id)
    query = (sa.select(runs).where(runs.c.run_id.in_(latest.group_by(runs.c.source_id)))
             .where(runs.c.status == "held").order_by(*text_ascending(runs.c.source_id)))
    return [dict(r._mapping) for r in conn.execute(query)]


def pending_held_run(conn: Connection, source_id: str) -> dict[str, Any] | None:
    """The source's held run still awaiting review, or None (see :func:`pending_held_runs`)."""
    found = pending_held_runs(conn, source_id)
    return found[0] if found else None


def source_indicator_ids(conn: Connection, source_id: str) -> list[str]:
    return [r for (r,) in conn.execute(
        sa.select(indicators.c.indicator_id).where(indicators.c.source_id == source_id)
        .order_by(*text_ascending(indicators.c.indicator_id))
    )]


def delete_observations(conn: Connection, keys: Iterable[tuple[str, str, int]]) -> int:
    """Remove observations by key (a published run drops what its source no longer has)."""
    payload = [{"k_indicator": k[0], "k_iso3": k[1], "k_edition": int(k[2])} for k in keys]
    if payload:
        conn.execute(
            observations.delete()
            .where(observations.c.indicator_id == sa.bindparam("k_indicator"))
            .where(observations.c.iso3 == sa.bindparam("k_iso3"))
            .where(observations.c.edition == sa.bindparam("k_edition")),
            payload,
        )
    return len(payload)


def add_release(conn: Connection, run_id: int, source_id: str) -> int:
    """Record a publication; commits with the data it publishes.

    The id is the newest plus one (publications are serialised by the refresh lock), so ids
    have no gaps on any engine: a PostgreSQL sequence would skip the id of a publication
    that was rolled back (a refresh killed during its load).
    """
    release_id = release_id_now(conn) + 1
    conn.execute(releases.insert().values(release_id=release_id, run_id=run_id,
                                          source_id=source_id, published_at=utcnow()))
    return release_id


def release_id_now(conn: Connection) -> int:
    """The newest release id (0 before the first publication)."""
    return int(conn.execute(sa.select(sa.func.max(releases.c.release_id))).scalar() or 0)


def write_changes(conn: Connection, rows: Sequence[dict[str, Any]], **common: Any) -> int:
    """Append changelog rows; ``common`` holds the columns every row shares (run, release,
    source, snapshot, time), given once instead of copied into each row."""
    if not rows:
        return 0
    return write_change_columns(conn, {k: [r[k] for r in rows] for k in rows[0]}, **common)


def write_change_columns(conn: Connection, data: dict[str, list], **common: Any) -> int:
    """:func:`write_changes` of rows given column by column (equal-length lists)."""
    if not data or not len(next(iter(data.values()))):
        return 0
    return insert_columns(conn, changes, {k: _plain_values(v) for k, v in data.items()},
                          same=common)


def write_added_changes(conn: Connection, indicator_ids: Sequence[str], *, run_id: int,
                        **common: Any) -> int:
    """The changelog of a first publication: an "added" row for each observation of
    ``indicator_ids`` that run ``run_id`` wrote, copied by the database from the observations
    just inserted (one INSERT ... SELECT, no row through Python; in key order): the new side
    of its figures and provenance. ``common``: the other columns every row shares (release,
    source, snapshot, time)."""
    if not indicator_ids:
        return 0
    copied = {"indicator_id": observations.c.indicator_id, "iso3": observations.c.iso3,
              "edition": observations.c.edition, "new_value": observations.c.value,
              "new_rank": observations.c.rank, "new_tier": observations.c.tier,
              "new_source_url": observations.c.source_url,
              "new_channel": observations.c.channel,
              "new_verification": observations.c.verification}
    given = _select_literals(changes, {"run_id": run_id, **common, "kind": "added"})
    rows = (
        sa.select(*given.values(), *copied.values())
        .where(observations.c.run_id == run_id)
        .where(observations.c.indicator_id.in_(list(indicator_ids)))
        .order_by(*text_ascending(observations.c.indicator_id, observations.c.iso3),
                  observations.c.edition)
    )
    result = conn.execute(changes.insert().from_select([*given, *copied], rows))
    return result.rowcount


def _select_literals(table: sa.Table, values: dict[str, Any]) -> dict[str, Any]:
    """Values as typed literals of ``table``'s columns for the select list of an INSERT ...
    SELECT: cast, so PostgreSQL knows their type there; not a time: on SQLite CAST(... AS
    DATETIME) has numeric affinity and would keep only the year."""
    given = {}
    for name, value in values.items():
        kind = table.c[name].type
        given[name] = (sa.literal(value, kind) if isinstance(kind, sa.DateTime)
                       else sa.cast(sa.literal(value, kind), kind))
    return given


def write_content_changes(conn: Connection, rows: Sequence[dict[str, Any]],
                          **common: Any) -> int:
    """Append changelog rows of cited statements or per-source values (``content_changes``,
    rows as :func:`etl.changes.diff_content` gives them); ``common`` holds the columns every
    row shares (run, release, source, target, snapshot, time)."""
    if not rows:
        return 0
    data = {k: _plain_values([r[k] for r in rows]) for k in rows[0]}
    return insert_columns(conn, content_changes, data, same=common)


def write_added_content_changes(conn: Connection, table: sa.Table, scope: Mapping[str, Any],
                                columns: dict[str, str], *, run_id: int,
                                **common: Any) -> int:
    """The changelog of a keyed target's first publication in ``scope`` (e.g. one source's
    statements): an "added" row for each row of ``table`` that run ``run_id`` wrote there,
    copied by the database (one INSERT ... SELECT, no row through Python; in the table's
    order). ``columns``: changelog column to the table column it copies; ``common``: the
    columns every row shares (release, source, target, snapshot, time)."""
    given = _select_literals(content_changes, {"run_id": run_id, **common, "kind": "added"})
    copied = {name: table.c[column] for name, column in columns.items()}
    rows = (
        sa.select(*given.values(), *copied.values())
        .where(table.c.run_id == run_id, *(table.c[k] == v for k, v in scope.items()))
        .order_by(table.c.id)
    )
    return conn.execute(content_changes.insert().from_select([*given, *copied], rows)).rowcount


def snapshot_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every kept snapshot, newest first within each source."""
    query = sa.select(raw_snapshots).order_by(
        *text_ascending(raw_snapshots.c.source_id), raw_snapshots.c.fetched_at.desc(),
        *text_ascending(raw_snapshots.c.sha256)
    )
    return [dict(r._mapping) for r in conn.execute(query)]


def snapshot_row(conn: Connection, sha256: str) -> dict[str, Any] | None:
    found = conn.execute(sa.select(raw_snapshots).where(raw_snapshots.c.sha256 == sha256)).first()
    return dict(found._mapping) if found is not None else None


def referenced_snapshots(conn: Connection) -> set[str]:
    """Snapshots that published observations cite, or that a source's latest held run needs."""
    cited = {s for (s,) in conn.execute(sa.select(observations.c.snapshot_sha256).distinct())}
    latest_held = (
        sa.select(sa.func.max(runs.c.run_id)).where(runs.c.status == "held")
        .group_by(runs.c.source_id)
    )
    held = {
        s for (s,) in conn.execute(
            sa.select(runs.c.snapshot_sha256).where(runs.c.run_id.in_(latest_held))
        ) if s
    }
    return cited | held | content_snapshots(conn)


def delete_snapshot_row(conn: Connection, sha256: str) -> None:
    conn.execute(raw_snapshots.delete().where(raw_snapshots.c.sha256 == sha256))
