"""The one module that talks to the database (SQLAlchemy Core, portable SQL).

Everything here runs unchanged on SQLite (the embedded default) and PostgreSQL: no
dialect-specific upserts, no SQLite pragmas in queries. Writers take a ``Connection`` so the
caller decides the transaction; readers take an ``Engine`` and return DataFrames.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

metadata = sa.MetaData()

countries = sa.Table(
    "countries",
    metadata,
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("iso2", sa.String(2), nullable=False),
    sa.Column("name_en", sa.String(120), nullable=False),
    sa.Column("name_fr", sa.String(120), nullable=False),
    sa.Column("name_ar", sa.String(120), nullable=False),
    sa.Column("gdelt_fips", sa.String(2)),
    sa.Column("focus_group", sa.String(40)),
)

groups = sa.Table(
    "groups",
    metadata,
    sa.Column("group_id", sa.String(40), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("source_note", sa.Text),
)

group_members = sa.Table(
    "group_members",
    metadata,
    sa.Column("group_id", sa.String(40), sa.ForeignKey("groups.group_id"), primary_key=True),
    sa.Column("iso3", sa.String(3), sa.ForeignKey("countries.iso3"), primary_key=True),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("source_id", sa.String(60), primary_key=True),
    sa.Column("publisher", sa.String(200), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("licence", sa.Text, nullable=False),
    sa.Column("cadence", sa.String(100), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
)

indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("indicator_id", sa.String(80), primary_key=True),
    sa.Column("source_id", sa.String(60), sa.ForeignKey("sources.source_id"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("unit", sa.String(80), nullable=False),
    sa.Column("scale", sa.String(80), nullable=False),
    sa.Column("higher_is_better", sa.Boolean, nullable=False),
    sa.Column("methodology_note", sa.Text, nullable=False),
)

raw_snapshots = sa.Table(
    "raw_snapshots",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("path", sa.Text, nullable=False),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_id", sa.String(60), nullable=False, index=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("snapshot_sha256", sa.String(64)),
    sa.Column("fetched", sa.Integer, nullable=False, default=0),
    sa.Column("valid", sa.Integer, nullable=False, default=0),
    sa.Column("quarantined", sa.Integer, nullable=False, default=0),
    sa.Column("inserted", sa.Integer, nullable=False, default=0),
    sa.Column("updated", sa.Integer, nullable=False, default=0),
    sa.Column("unchanged", sa.Integer, nullable=False, default=0),
)

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("indicator_id", sa.String(80), sa.ForeignKey("indicators.indicator_id"), primary_key=True),
    sa.Column("iso3", sa.String(3), sa.ForeignKey("countries.iso3"), primary_key=True),
    sa.Column("edition", sa.Integer, primary_key=True),
    sa.Column("value", sa.Float),
    sa.Column("scale", sa.String(40), nullable=False),
    sa.Column("rank", sa.Integer),
    sa.Column("rank_text", sa.String(40)),
    sa.Column("tier", sa.Integer),
    sa.Column("tier_label", sa.String(40)),
    sa.Column("source_document", sa.Text, nullable=False),
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("channel", sa.String(120)),
    sa.Column("verification", sa.String(40)),
    sa.Column("source_note", sa.Text),
    # Set from datasets/corrections.csv (flag, override or open report); NULL when none applies.
    sa.Column("correction", sa.Text),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("quarantine_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False, index=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("row_number", sa.Integer),
    sa.Column("check_name", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("row_json", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# Refresh coordination and publication (see etl/locks.py, etl/releases.py, etl/changes.py).
# One row per named lock; the primary key makes a second INSERT fail on every engine.
locks = sa.Table(
    "locks",
    metadata,
    sa.Column("name", sa.String(60), primary_key=True),
    sa.Column("owner", sa.String(64), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    sa.Column("host", sa.String(255), nullable=False),
    sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
)

# A release is one committed publication of one source; ids only grow.
releases = sa.Table(
    "releases",
    metadata,
    sa.Column("release_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
)

# What each release changed in the observations (the public changelog).
changes = sa.Table(
    "changes",
    metadata,
    sa.Column("change_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False),
    sa.Column("release_id", sa.Integer, nullable=False, index=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("indicator_id", sa.String(80), nullable=False),
    sa.Column("iso3", sa.String(3), nullable=False, index=True),
    sa.Column("edition", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # added | changed | removed
    sa.Column("old_value", sa.Float),
    sa.Column("new_value", sa.Float),
    sa.Column("old_rank", sa.Integer),
    sa.Column("new_rank", sa.Integer),
    sa.Column("old_tier", sa.Integer),
    sa.Column("new_tier", sa.Integer),
    sa.Column("snapshot_sha256", sa.String(64)),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, index=True),
)

# Dashboard users (CYBERINDEX_AUTH=password): a password hash (werkzeug: scrypt), never the
# password; the role decides what they may reach (viewer < analyst < admin).
users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

# The columns an observation carries besides its key; compared to decide "updated". A new
# snapshot that repeats a value is not a change: the row keeps pointing at the snapshot it
# first came from, which holds the same value.
OBSERVATION_KEY = ("indicator_id", "iso3", "edition")
OBSERVATION_FIELDS = tuple(
    c.name for c in observations.columns
    if c.name not in OBSERVATION_KEY + ("run_id", "snapshot_sha256")
)


@dataclass(frozen=True)
class LoadCounts:
    """What one load did to the observations table."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_engine(database_url: str) -> Engine:
    """An engine for the URL; SQLite files get their folder created."""
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        from pathlib import Path

        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    return sa.create_engine(url, future=True)


def init_schema(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent; one small query when current).

    An empty database is created from ``metadata`` and stamped; a migrated one is upgraded; one
    made by ``create_all`` before migrations existed is adopted (see ``etl/migrations``). A table,
    column or index added here needs a revision: ``cyberindex db revision -m "..."``.
    """
    from etl import migrations  # it reads this module's metadata

    migrations.ensure_schema(engine)


# ---------------------------------------------------------------- writers (take a Connection)


def insert_columns(conn: Connection, table: sa.Table, data: dict[str, list],
                   same: dict[str, Any] | None = None) -> int:
    """Insert rows given column by column (equal-length lists of plain values) in one
    executemany; ``same`` holds columns whose value every row shares. The number of rows.

    The INSERT is the one ``conn.execute(table.insert(), dicts)`` sends, compiled by SQLAlchemy
    for the connection's dialect, and each column's values go through its type's bind
    processor (SQLite's DateTime and Date to text...), a column at a time. What is skipped is
    SQLAlchemy's per-row parameter dictionaries, about half the time of a load of 17,000
    observations on SQLite. A column with a Python-side default must be given.
    """
    count = len(next(iter(data.values()))) if data else 0
    if not count:
        return 0
    dialect = conn.dialect
    same = {k: _clean(v) for k, v in (same or {}).items()}
    names = [*data, *same]
    compiled = table.insert().compile(dialect=dialect, column_keys=names, for_executemany=True)
    if compiled.positional:
        order = list(compiled.positiontup or ())
    else:
        order = list(compiled.binds)
    if set(order) != set(names) or compiled.escaped_bind_names:  # a default we were not given
        rows = [{**dict(zip(data, values, strict=True)), **same}
                for values in zip(*data.values(), strict=True)]
        conn.execute(table.insert(), rows)
        return count
    columns = []
    for name in order:
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if name in same:  # processed once
            columns.append([process(same[name]) if process else same[name]] * count)
            continue
        values = data[name]
        if len(values) != count:
            raise ValueError(f"column {name} has {len(values)} values, not {count}")
        columns.append(list(map(process, values)) if process is not None else values)
    if compiled.positional:
        params: list = list(zip(*columns, strict=True))
    else:
        params = [dict(zip(order, values, strict=True)) for values in zip(*columns, strict=True)]
    conn.exec_driver_sql(compiled.string, params)
    return count


def insert_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert rows that share their keys through :func:`insert_columns`."""
    if not rows:
        return 0
    return insert_columns(conn, table, {k: [r[k] for r in rows] for k in rows[0]})


def replace_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Make ``table`` hold exactly ``rows`` (reference tables only: small and derived)."""
    conn.execute(table.delete())
    insert_rows(conn, table, list(rows))


def upsert_rows(conn: Connection, table: sa.Table, key: str,
                rows: Iterable[dict[str, Any]]) -> None:
    """Insert or update rows by a key column, in bulk: one lookup of the keys present, one
    insert of the new rows, one update batch of the rows that differ (the last row of a key
    wins, as a series of :func:`upsert_by_key` would leave it).

    On PostgreSQL the insert runs in a savepoint: if another transaction inserted one of the
    keys meanwhile, the rows go through :func:`upsert_by_key` one by one instead.
    """
    by_key = {r[key]: r for r in rows}
    if not by_key:
        return
    existing: dict[Any, Any] = {}
    for chunk in _chunks(list(by_key)):
        existing.update((r[key], r)
                        for r in _row_dicts(conn, sa.select(table).where(table.c[key].in_(chunk))))
    new = [r for k, r in by_key.items() if k not in existing]
    changed = [r for k, r in by_key.items() if k in existing
               and not all(_same(existing[k][c], v) for c, v in r.items())]
    if new:
        if conn.dialect.name == "sqlite":
            insert_rows(conn, table, new)
        else:
            try:
                with conn.begin_nested():
                    insert_rows(conn, table, new)
            except sa.exc.IntegrityError:  # inserted meanwhile by another transaction
                for row in new:
                    upsert_by_key(conn, table, key, row)
    if changed:
        names = [c for c in changed[0] if c != key]
        stmt = (table.update().where(table.c[key] == sa.bindparam("k_key"))
                .values({c: sa.bindparam(c) for c in names}))
        conn.execute(stmt, [{**{c: r[c] for c in names}, "k_key": r[key]} for r in changed])


def upsert_by_key(conn: Connection, table: sa.Table, key: str, row: dict[str, Any]) -> None:
    """Insert ``row`` or update it in place, portable across engines.

    SQLite lets one writer at a time in; on PostgreSQL two transactions can both find no row,
    so the insert runs in a savepoint and a concurrent insert of the same key becomes an update.
    """
    found = conn.execute(sa.select(table.c[key]).where(table.c[key] == row[key])).first()
    if found is None:
        if conn.dialect.name == "sqlite":
            conn.execute(table.insert().values(**row))
            return
        try:
            with conn.begin_nested():
                conn.execute(table.insert().values(**row))
            return
        except sa.exc.IntegrityError:
            pass  # inserted meanwhile by another transaction: update it below
    conn.execute(table.update().where(table.c[key] == row[key]).values(**row))


def start_run(engine: Engine, source_id: str) -> int:
    """Record a run as started (its own commit, so a killed run stays visible)."""
    with engine.begin() as conn:
        result = conn.execute(
            runs.insert().values(source_id=source_id, started_at=utcnow(), status="running")
        )
        return int(result.inserted_primary_key[0])


def finish_run(conn: Connection, run_id: int, status: str, reason: str | None = None,
               **counts: int | str | None) -> None:
    """Close a run with its outcome and counts."""
    conn.execute(
        runs.update()
        .where(runs.c.run_id == run_id)
        .values(status=status, reason=reason, finished_at=utcnow(), **counts)
    )


def record_snapshot(conn: Connection, *, sha256: str, source_id: str, origin: str, size: int,
                    fetched_at: datetime, path: str) -> None:
    """Register a kept raw payload once (content-addressed: same bytes, same row)."""
    exists = conn.execute(
        sa.select(raw_snapshots.c.sha256).where(raw_snapshots.c.sha256 == sha256)
    ).first()
    if exists is None:
        conn.execute(
            raw_snapshots.insert().values(
                sha256=sha256, source_id=source_id, origin=origin, size=size,
                fetched_at=fetched_at, path=path,
            )
        )


def write_quarantine(conn: Connection, run_id: int, source_id: str,
                     rows: Iterable[dict[str, Any]]) -> int:
    """Keep failing rows with the check that failed and the row as read."""
    now = utcnow()
    payload = [
        {
            "run_id": run_id,
            "source_id": source_id,
            "row_number": row.get("row_number"),
            "check_name": row["check_name"],
            "reason": row["reason"],
            "row_json": json.dumps(row["row"], ensure_ascii=False, default=str),
            "created_at": now,
        }
        for row in rows
    ]
    return insert_rows(conn, quarantine, payload)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-12)
    return a == b


def _clean(value: Any) -> Any:
    """pandas missing markers and numpy scalars to plain Python for the driver."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is datetime:
        return value  # most values (and the changelog's timestamps): at once
    if kind is float:
        return None if value != value else value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def _clean_column(column: pd.Series) -> list:
    """A column as plain Python values for the driver (missing: None), vectorised; only object
    columns (which may hold numpy scalars) are cleaned cell by cell."""
    if column.dtype == object:
        return _plain_values(column.tolist())
    missing = column.isna()
    values = column.astype(object).tolist()
    if missing.any():
        return [None if gone else v for v, gone in zip(values, missing.tolist(), strict=True)]
    return values


_PLAIN_TYPES = frozenset({str, int, bool, type(None), datetime})


def _plain_values(values: list) -> list:
    """:func:`_clean` over a list, at once when every value is plain already (the types are
    looked at in one pass, not a function call per cell)."""
    kinds = set(map(type, values))
    if kinds <= _PLAIN_TYPES:
        return values
    if kinds <= _PLAIN_TYPES | {float, _NA_TYPE}:
        # pd.NA first (comparing it gives NA, not a bool); NaN is the only value unequal to itself
        return [None if v is pd.NA or v != v else v for v in values]
    return [_clean(v) for v in values]


_NA_TYPE = type(pd.NA)


def load_observations(conn: Connection, frame: pd.DataFrame, run_id: int,
                      existing: dict[tuple, dict[str, Any]] | None = None) -> LoadCounts:
    """Insert new observations and update changed ones; identical rows are left alone.

    ``existing`` is :func:`published_observations` of (at least) the frame's indicators, when
    the caller has read it already; otherwise it is read here, in one query.
    """
    if frame.empty:
        return LoadCounts()
    names = OBSERVATION_KEY + OBSERVATION_FIELDS + ("snapshot_sha256",)
    # Column lists, not a dict per row: DataFrame.to_dict("records") boxes every cell (slow).
    data = {k: _clean_column(frame[k]) if k in frame.columns else [None] * len(frame)
            for k in names}
    data["edition"] = [int(e) for e in data["edition"]]
    if existing is None:
        existing = published_observations(conn, sorted(set(data["indicator_id"])))
    if not existing:  # a fresh table (a source's first publication): nothing to compare
        insert_columns(conn, observations, data, same={"run_id": run_id})
        return LoadCounts(inserted=len(frame))
    inserts, updates, unchanged = [], [], 0
    compared = [names.index(f) for f in OBSERVATION_FIELDS]
    for values in zip(*data.values(), strict=True):
        old = existing.get(values[:3])  # (indicator_id, iso3, edition)
        if old is not None:
            before = tuple(old[f] for f in OBSERVATION_FIELDS)
            after = tuple(values[i] for i in compared)
            # Equal tuples first (one comparison in C); else field by field, floats within 1e-12.
            if before == after or all(_same(b, a) for b, a in zip(before, after, strict=True)):
                unchanged += 1
                continue
        row = dict(zip(names, values, strict=True))
        row["run_id"] = run_id
        (inserts if old is None else updates).append(row)
    insert_rows(conn, observations, inserts)
    if updates:
        stmt = (
            observations.update()
            .where(observations.c.indicator_id == sa.bindparam("k_indicator"))
            .where(observations.c.iso3 == sa.bindparam("k_iso3"))
            .where(observations.c.edition == sa.bindparam("k_edition"))
        )
        conn.execute(
            stmt,
            [
                {**{f: u[f] for f in OBSERVATION_FIELDS + ("run_id", "snapshot_sha256")},
                 "k_indicator": u["indicator_id"], "k_iso3": u["iso3"], "k_edition": u["edition"]}
                for u in updates
            ],
        )
    return LoadCounts(inserted=len(inserts), updated=len(updates), unchanged=unchanged)


# ------------------------------------------------- refresh lock, publication, releases, prune


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


def source_indicator_ids(conn: Connection, source_id: str) -> list[str]:
    return [r for (r,) in conn.execute(
        sa.select(indicators.c.indicator_id).where(indicators.c.source_id == source_id)
        .order_by(indicators.c.indicator_id)
    )]


def published_observations(conn: Connection,
                           indicator_ids: Sequence[str]) -> dict[tuple, dict[str, Any]]:
    """The observations of these indicators as published now, by (indicator, iso3, edition)."""
    if not indicator_ids:
        return {}
    query = sa.select(observations).where(observations.c.indicator_id.in_(list(indicator_ids)))
    return {(r["indicator_id"], r["iso3"], int(r["edition"])): r for r in _row_dicts(conn, query)}


def _row_dicts(conn: Connection, query: sa.Select) -> list[dict[str, Any]]:
    """Rows as plain dicts, fetched at once (iterating a result fetches a row at a time)."""
    result = conn.execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.fetchall()]


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
    data = {k: _plain_values([r[k] for r in rows]) for k in rows[0]}
    return insert_columns(conn, changes, data, same=common)


def snapshot_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every kept snapshot, newest first within each source."""
    query = sa.select(raw_snapshots).order_by(
        raw_snapshots.c.source_id, raw_snapshots.c.fetched_at.desc(), raw_snapshots.c.sha256
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


# ---------------------------------------------------------------- users (dashboard login)


def save_user(conn: Connection, name: str, password_hash: str, role: str) -> bool:
    """Create a user or replace its password and role; True when it was created."""
    found = conn.execute(sa.select(users.c.name).where(users.c.name == name)).first()
    if found is None:
        conn.execute(users.insert().values(name=name, password_hash=password_hash, role=role,
                                           created_at=utcnow()))
        return True
    conn.execute(users.update().where(users.c.name == name)
                 .values(password_hash=password_hash, role=role))
    return False


def user_row(conn: Connection, name: str) -> dict[str, Any] | None:
    found = conn.execute(sa.select(users).where(users.c.name == name)).first()
    return dict(found._mapping) if found is not None else None


def delete_user(conn: Connection, name: str) -> int:
    return conn.execute(users.delete().where(users.c.name == name)).rowcount


def user_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every user without the password hash, by name."""
    query = sa.select(users.c.name, users.c.role, users.c.created_at).order_by(users.c.name)
    return [dict(r._mapping) for r in conn.execute(query)]


# ---------------------------------------------------------------- readers (take an Engine)


def read_frame(engine: Engine, query: sa.Select) -> pd.DataFrame:
    with engine.connect() as conn:
        return _frame(conn, query)


def _frame(conn: Connection, query: sa.Select) -> pd.DataFrame:
    result = conn.execute(query)
    columns = list(result.keys())
    # Rows as tuples: pandas reads a list of tuples in one pass, but a list of Row objects
    # item by item (about 3x slower at 17,000 observations). Same values, same dtypes.
    return pd.DataFrame([tuple(row) for row in result.fetchall()], columns=columns)


def countries_frame(engine: Engine) -> pd.DataFrame:
    return read_frame(engine, sa.select(countries).order_by(countries.c.iso3))


def groups_frame(engine: Engine) -> pd.DataFrame:
    return read_frame(engine, sa.select(groups).order_by(groups.c.group_id))


def group_members_frame(engine: Engine, group_ids: Sequence[str] | None = None) -> pd.DataFrame:
    query = sa.select(group_members).order_by(group_members.c.group_id, group_members.c.iso3)
    if group_ids:
        query = query.where(group_members.c.group_id.in_(list(group_ids)))
    return read_frame(engine, query)


def indicators_frame(engine: Engine) -> pd.DataFrame:
    return read_frame(engine, sa.select(indicators).order_by(indicators.c.indicator_id))


def sources_frame(engine: Engine) -> pd.DataFrame:
    return read_frame(engine, sa.select(sources).order_by(sources.c.source_id))


def observations_frame(
    engine: Engine,
    indicator_ids: Sequence[str] | None = None,
    iso3s: Sequence[str] | None = None,
    editions: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Observations joined with their country names, source and snapshot, in a stable order."""
    o, c, i, s, r = observations, countries, indicators, sources, raw_snapshots
    # The snapshot's time is looked up from the few snapshots rather than joined: a date
    # parsed once per snapshot, not once per observation (about a tenth of the read).
    query = (
        sa.select(
            o.c.indicator_id, o.c.iso3, c.c.name_en.label("country"), o.c.edition, o.c.value,
            o.c.scale, o.c.rank, o.c.rank_text, o.c.tier, o.c.tier_label,
            s.c.publisher, o.c.source_document, o.c.source_url, o.c.channel, o.c.verification,
            o.c.source_note, o.c.snapshot_sha256, o.c.correction,
        )
        .select_from(
            o.join(c, c.c.iso3 == o.c.iso3)
            .join(i, i.c.indicator_id == o.c.indicator_id)
            .join(s, s.c.source_id == i.c.source_id)
        )
        .order_by(o.c.indicator_id, o.c.iso3, o.c.edition)
    )
    if indicator_ids:
        query = query.where(o.c.indicator_id.in_(list(indicator_ids)))
    if iso3s:
        query = query.where(o.c.iso3.in_(list(iso3s)))
    if editions:
        query = query.where(o.c.edition.in_([int(e) for e in editions]))
    with engine.connect() as conn:
        frame = _frame(conn, query)
        # Read after the observations: every snapshot they cite is committed by then.
        snaps = _frame(conn, sa.select(r.c.sha256, r.c.fetched_at.label("retrieved_at")))
    retrieved = frame["snapshot_sha256"].map(snaps.set_index("sha256")["retrieved_at"])
    if retrieved.isna().all():  # as the join gave it: no time at all is a column of None
        retrieved = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    frame.insert(len(frame.columns) - 1, "retrieved_at", retrieved)
    for column in ("rank", "tier"):
        frame[column] = frame[column].astype("Int64")
    frame["edition"] = frame["edition"].astype("int64")
    return frame


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
    query = sa.select(runs).join(latest, latest.c.run_id == runs.c.run_id).order_by(runs.c.source_id)
    return read_frame(engine, query)


def quarantine_frame(engine: Engine, source_id: str | None = None,
                     latest_only: bool = True) -> pd.DataFrame:
    """Quarantined rows with their reasons (by default, of each source's latest run)."""
    query = sa.select(quarantine).order_by(quarantine.c.quarantine_id)
    if source_id:
        query = query.where(quarantine.c.source_id == source_id)
    if latest_only:
        latest = sa.select(sa.func.max(runs.c.run_id)).group_by(runs.c.source_id)
        query = query.where(quarantine.c.run_id.in_(latest))
    return read_frame(engine, query)


def current_release(engine: Engine) -> dict[str, Any] | None:
    """The newest release (release_id, run_id, source_id, published_at), or None."""
    query = sa.select(releases).order_by(releases.c.release_id.desc()).limit(1)
    with engine.connect() as conn:
        found = conn.execute(query).first()
    return dict(found._mapping) if found is not None else None


def releases_frame(engine: Engine, limit: int = 100) -> pd.DataFrame:
    return read_frame(engine, sa.select(releases).order_by(releases.c.release_id.desc()).limit(limit))


def changes_frame(engine: Engine, since: datetime | str | None = None,
                  iso3s: Sequence[str] | None = None,
                  indicator_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Changes published by refreshes (latest first), with the country's English name."""
    ch, c = changes, countries
    query = (
        sa.select(*ch.columns, c.c.name_en.label("country"))
        .select_from(ch.outerjoin(c, c.c.iso3 == ch.c.iso3))
        .order_by(ch.c.change_id.desc())
    )
    if since is not None:
        when = pd.Timestamp(since)
        when = when.tz_localize(UTC) if when.tzinfo is None else when
        query = query.where(ch.c.changed_at >= when.to_pydatetime())
    if iso3s:
        query = query.where(ch.c.iso3.in_([i.upper() for i in iso3s]))
    if indicator_ids:
        query = query.where(ch.c.indicator_id.in_(list(indicator_ids)))
    frame = read_frame(engine, query)
    for column in ("old_rank", "new_rank", "old_tier", "new_tier"):
        frame[column] = frame[column].astype("Int64")
    return frame


# ---------------------------------------------------------------- statements, evidence, live state,
# corrections and methodology breaks (issue 4). Tables are declared here, at the end, and join
# the same ``metadata``; their writers take a Connection and their readers an Engine.

statements = sa.Table(
    "statements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # A stable natural key (source, edition, country, metric, cited URL) hashed to one column,
    # so a re-run finds the row again and counts it unchanged.
    sa.Column("statement_key", sa.String(64), nullable=False, unique=True),
    sa.Column("source_id", sa.String(60), sa.ForeignKey("sources.source_id"), nullable=False),
    sa.Column("edition", sa.Integer),
    sa.Column("iso3", sa.String(3)),  # empty for region-level facts
    sa.Column("metric", sa.String(120), nullable=False),
    sa.Column("value_text", sa.Text),
    sa.Column("unit", sa.String(80)),
    sa.Column("statement", sa.Text, nullable=False),
    sa.Column("report_title", sa.Text),
    sa.Column("publication_date", sa.String(80)),
    sa.Column("data_period", sa.String(80)),
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("source_kind", sa.String(120)),
    sa.Column("source_note", sa.Text),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

source_values = sa.Table(
    "source_values",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("value_key", sa.String(64), nullable=False, unique=True),
    sa.Column("indicator_id", sa.String(80), nullable=False, index=True),
    sa.Column("iso3", sa.String(3), nullable=False),
    sa.Column("edition", sa.Integer, nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("value_text", sa.String(80)),
    sa.Column("source_id", sa.String(60), nullable=False),  # who gave the value: sspi, bipa, ...
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("source_note", sa.Text),
    sa.Column("loaded_by", sa.String(60), nullable=False),  # the ETL source that loaded it
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

source_state = sa.Table(
    "source_state",
    metadata,
    sa.Column("source_id", sa.String(60), primary_key=True),
    sa.Column("url", sa.String(1000), primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.String(80)),
    # The kept raw snapshot holding this URL's last body (reused when the server answers 304).
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# The SHA-256 of the reference files (countries, groups, memberships, and the CLDR/ISO
# libraries' versions) last loaded, so a refresh skips reloading an unchanged reference.
reference_state = sa.Table(
    "reference_state",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

corrections_log = sa.Table(
    "corrections_log",
    metadata,
    sa.Column("log_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False, index=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("indicator_id", sa.String(80), nullable=False),
    sa.Column("iso3", sa.String(3), nullable=False),
    sa.Column("edition", sa.Integer, nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("original_value", sa.Float),
    sa.Column("corrected_value", sa.Float),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("reported_date", sa.String(20)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

methodology_breaks = sa.Table(
    "methodology_breaks",
    metadata,
    sa.Column("indicator_id", sa.String(80), primary_key=True),
    sa.Column("edition", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("source_url", sa.Text),
)

_CONTENT_TABLE_KEYS = {"statements": "statement_key", "source_values": "value_key"}
# Like observations: a new snapshot repeating a row is not a change.
_NOT_COMPARED = ("id", "run_id", "snapshot_sha256")


def load_keyed_rows(conn: Connection, table: sa.Table, scope: dict[str, Any],
                    rows: Sequence[dict[str, Any]], run_id: int) -> LoadCounts:
    """Make the rows of ``table`` within ``scope`` (e.g. one source) hold exactly ``rows``.

    Rows are matched on the table's natural key column: new ones are inserted, changed ones
    updated, identical ones left alone; rows of the scope no longer in ``rows`` are deleted
    (the curated file no longer holds them).
    """
    key = _CONTENT_TABLE_KEYS[table.name]
    where = [table.c[k] == v for k, v in scope.items()]
    existing = {r[key]: r for r in _row_dicts(conn, sa.select(table).where(*where))}
    fields = [c.name for c in table.columns if c.name not in _NOT_COMPARED]
    names = [*fields, "snapshot_sha256"]
    data = {k: _plain_values([r.get(k) for r in rows]) for k in names}
    if not existing:  # the scope's first load: nothing to compare or delete
        return LoadCounts(inserted=insert_columns(conn, table, data, same={"run_id": run_id}))
    inserts, updates, unchanged, seen = [], [], 0, set()
    for values in zip(*data.values(), strict=True):
        row = dict(zip(names, values, strict=True))
        seen.add(row[key])
        old = existing.get(row[key])
        if old is None:
            inserts.append({**row, "run_id": run_id})
        elif all(_same(old[f], row[f]) for f in fields):
            unchanged += 1
        else:
            updates.append({**row, "run_id": run_id})
    insert_rows(conn, table, inserts)
    if updates:
        names = [c for c in updates[0] if c != key]
        stmt = (table.update().where(table.c[key] == sa.bindparam("k_key"))
                .values({c: sa.bindparam(c) for c in names}))
        conn.execute(stmt, [{**{c: u[c] for c in names}, "k_key": u[key]} for u in updates])
    stale = [k for k in existing if k not in seen]
    for chunk in _chunks(stale):
        conn.execute(table.delete().where(table.c[key].in_(chunk)))
    return LoadCounts(inserted=len(inserts), updated=len(updates), unchanged=unchanged)


def source_state_rows(engine: Engine, source_id: str) -> list[dict[str, Any]]:
    """The validators (ETag, Last-Modified) and last snapshot kept per URL of a live source."""
    query = sa.select(source_state).where(source_state.c.source_id == source_id)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def save_source_state(conn: Connection, source_id: str, rows: Sequence[dict[str, Any]]) -> None:
    """Replace a live source's per-URL state (only after a load committed with it)."""
    conn.execute(source_state.delete().where(source_state.c.source_id == source_id))
    if rows:
        now = utcnow()
        conn.execute(source_state.insert(),
                     [{**r, "source_id": source_id, "updated_at": now} for r in rows])


def reference_sha256(conn: Connection, name: str = "reference") -> str | None:
    """The hash recorded when the reference was last loaded (None if never, or if the
    countries table is empty, so an emptied table is loaded again)."""
    if conn.execute(sa.select(countries.c.iso3).limit(1)).first() is None:
        return None
    return conn.execute(
        sa.select(reference_state.c.sha256).where(reference_state.c.name == name)
    ).scalar()


def save_reference_sha256(conn: Connection, sha256: str, name: str = "reference") -> None:
    """Record the hash of the reference just loaded (in the loading transaction)."""
    upsert_by_key(conn, reference_state, "name",
                  {"name": name, "sha256": sha256, "updated_at": utcnow()})


def write_corrections_log(conn: Connection, run_id: int, source_id: str,
                          rows: Iterable[dict[str, Any]]) -> int:
    """Record which ledger entries a run applied (drops included: the row is gone, not lost)."""
    now = utcnow()
    payload = [{**{k: _clean(v) for k, v in r.items()}, "run_id": run_id,
                "source_id": source_id, "created_at": now} for r in rows]
    if payload:
        conn.execute(corrections_log.insert(), payload)
    return len(payload)


def replace_methodology_breaks(conn: Connection, source_id: str,
                               rows: Sequence[dict[str, Any]]) -> None:
    """A source's declared methodology breaks, replaced as a whole."""
    conn.execute(methodology_breaks.delete().where(methodology_breaks.c.source_id == source_id))
    if rows:
        conn.execute(methodology_breaks.insert(),
                     [{**r, "source_id": source_id} for r in rows])


def content_snapshots(conn: Connection) -> set[str]:
    """Snapshots cited by statements, source values, live-source state and news (keep them)."""
    cited: set[str] = set()
    for table in (statements, source_values, source_state, articles, news_volume):
        cited |= {s for (s,) in conn.execute(sa.select(table.c.snapshot_sha256).distinct())}
    return cited


def statements_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                     source_id: str | None = None, include_region: bool = True) -> pd.DataFrame:
    """Cited statements (never scores), with country name, citation and source kind.

    With ``iso3s``, rows about those countries, plus region-level rows (empty ``iso3``) unless
    ``include_region`` is False.
    """
    st, c = statements, countries
    query = (
        sa.select(
            st.c.source_id, st.c.edition, st.c.iso3, c.c.name_en.label("country"), st.c.metric,
            st.c.value_text, st.c.unit, st.c.statement, st.c.report_title,
            st.c.publication_date, st.c.data_period, st.c.source_url, st.c.source_kind,
            st.c.source_note, st.c.snapshot_sha256,
        )
        .select_from(st.outerjoin(c, c.c.iso3 == st.c.iso3))
        .order_by(st.c.edition, st.c.iso3, st.c.metric, st.c.source_url)
    )
    if source_id:
        query = query.where(st.c.source_id == source_id)
    if iso3s:
        wanted = st.c.iso3.in_(list(iso3s))
        query = query.where(sa.or_(wanted, st.c.iso3.is_(None)) if include_region else wanted)
    frame = read_frame(engine, query)
    frame["edition"] = frame["edition"].astype("Int64")
    return frame


def source_values_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                        indicator_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Every value as each source gave it (before consolidation)."""
    sv = source_values
    query = sa.select(sv).order_by(sv.c.indicator_id, sv.c.iso3, sv.c.edition, sv.c.field,
                                   sv.c.source_id, sv.c.source_url)
    if iso3s:
        query = query.where(sv.c.iso3.in_(list(iso3s)))
    if indicator_ids:
        query = query.where(sv.c.indicator_id.in_(list(indicator_ids)))
    return read_frame(engine, query)


def _decimals(text: str | None) -> int:
    text = (text or "").strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def _agree_within_rounding(a: float, a_text: str | None, b: float, b_text: str | None) -> bool:
    """Two printed values agree if the more precise rounds to the less precise one."""
    places = min(_decimals(a_text), _decimals(b_text))
    return abs(a - b) <= 0.5 * 10 ** (-places) + 1e-9


def disagreements_frame(engine: Engine, iso3s: Sequence[str] | None = None) -> pd.DataFrame:
    """Per indicator, country, edition and field: the distinct values by source, where sources
    differ beyond rounding (82.4 and 82.41 agree; 82.41 and 83.65 do not).

    One row per distinct value printed, with which sources gave it and their URLs.
    """
    columns = ["indicator_id", "iso3", "country", "edition", "field", "value", "value_text",
               "sources", "source_urls", "source_notes", "n_citations"]
    values = source_values_frame(engine, iso3s)
    values = values[values["value"].notna()]
    if values.empty:
        return pd.DataFrame(columns=columns)
    names = countries_frame(engine).set_index("iso3")["name_en"]
    out = []
    for (ind, iso3, edition, field), group in values.groupby(
        ["indicator_id", "iso3", "edition", "field"], sort=True
    ):
        printed = group.drop_duplicates(["value", "value_text"])[["value", "value_text"]]
        pairs = list(printed.itertuples(index=False))
        differ = any(
            not _agree_within_rounding(a.value, a.value_text, b.value, b.value_text)
            for i, a in enumerate(pairs) for b in pairs[i + 1:]
        )
        if not differ:
            continue
        for (value, text), rows in group.groupby(["value", "value_text"], sort=True):
            out.append({
                "indicator_id": ind, "iso3": iso3, "country": names.get(iso3, iso3),
                "edition": int(edition), "field": field, "value": float(value),
                "value_text": text, "sources": ", ".join(sorted(set(rows["source_id"]))),
                "source_urls": " | ".join(rows["source_url"]),
                "source_notes": " | ".join(n for n in rows["source_note"] if n),
                "n_citations": len(rows),
            })
    return pd.DataFrame(out, columns=columns)


def methodology_breaks_frame(engine: Engine,
                             indicator_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Declared methodology breaks: do not draw a continuous line across these editions."""
    mb = methodology_breaks
    query = sa.select(mb).order_by(mb.c.indicator_id, mb.c.edition)
    if indicator_ids:
        query = query.where(mb.c.indicator_id.in_(list(indicator_ids)))
    return read_frame(engine, query)


def corrections_log_frame(engine: Engine, source_id: str | None = None,
                          latest_only: bool = True) -> pd.DataFrame:
    """Ledger entries applied by runs (by default, each source's latest run)."""
    query = sa.select(corrections_log).order_by(corrections_log.c.log_id)
    if source_id:
        query = query.where(corrections_log.c.source_id == source_id)
    if latest_only:
        latest = sa.select(sa.func.max(runs.c.run_id)).group_by(runs.c.source_id)
        query = query.where(corrections_log.c.run_id.in_(latest))
    return read_frame(engine, query)


# ---------------------------------------------------------------- news (issue 5): articles, their
# mentions, indices and checked claims, and GDELT mention volume. Designed for a million articles:
# the country filter reads ``article_mentions`` alone through (iso3, is_sample, published_at),
# published_at and language being copied there from the article (articles never change once
# stored), and the volume chart reads ``mention_daily``, counts kept per country and day at load.

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("article_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("canonical_url", sa.String(2048), nullable=False, unique=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("outlet", sa.String(200), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("text_kind", sa.String(10), nullable=False),  # full | summary | title
    sa.Column("content_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, default=False),
    sa.Column("n_claims", sa.Integer, nullable=False, default=0),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_articles_sample_published", "is_sample", "published_at"),
    sa.Index("ix_articles_language_published", "language", "published_at"),
    sa.Index("ix_articles_outlet_published", "outlet", "published_at"),
    sa.Index("ix_articles_claims_published", "n_claims", "published_at"),
)

article_mentions = sa.Table(
    "article_mentions",
    metadata,
    sa.Column("article_id", sa.Integer, primary_key=True),
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("forms", sa.Text, nullable=False),  # JSON list of the surface forms used
    # Copied from the article so that the country filter is an index-only range scan.
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_article_mentions_country", "iso3", "is_sample", "published_at", "article_id"),
    # Country and language (the News page's usual filter): page and count read this index alone.
    sa.Index("ix_article_mentions_country_language", "iso3", "is_sample", "language",
             "published_at", "article_id"),
)

article_indices = sa.Table(
    "article_indices",
    metadata,
    sa.Column("article_id", sa.Integer, primary_key=True),
    sa.Column("index_id", sa.String(40), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("claim_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Integer, nullable=False, index=True),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("iso3", sa.String(3)),
    sa.Column("index_id", sa.String(40)),
    sa.Column("metric", sa.String(60), nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("edition", sa.Integer),
    sa.Column("verdict", sa.String(20)),  # consistent | contradicted | unverifiable
    sa.Column("official_value", sa.Float),
    sa.Column("official_text", sa.String(80)),  # rank / tier as published, when not a score
    sa.Column("official_source", sa.Text),
    sa.Column("official_source_url", sa.Text),
    sa.Column("explanation", sa.Text),
    sa.Column("explanation_en", sa.Text),
    sa.Index("ix_claims_verdict_article", "verdict", "article_id"),
    sa.Index("ix_claims_country_verdict", "iso3", "verdict"),
)

mention_daily = sa.Table(
    "mention_daily",
    metadata,
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("is_sample", sa.Boolean, primary_key=True),
    sa.Column("articles", sa.Integer, nullable=False),
)

news_volume = sa.Table(
    "news_volume",
    metadata,
    sa.Column("source_id", sa.String(60), primary_key=True),
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("date", sa.Date, primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("monitored", sa.Integer),  # GDELT "norm": articles monitored that day
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

VERDICTS = ("consistent", "contradicted", "unverifiable")


def known_article_keys(conn: Connection, canonical_urls: Sequence[str],
                       content_hashes: Sequence[str]) -> tuple[set[str], set[str]]:
    """Which of these canonical URLs and content hashes are already stored."""
    urls: set[str] = set()
    hashes: set[str] = set()
    for chunk in _chunks(list(canonical_urls)):
        urls |= {u for (u,) in conn.execute(
            sa.select(articles.c.canonical_url).where(articles.c.canonical_url.in_(chunk)))}
    for chunk in _chunks(list(content_hashes)):
        hashes |= {h for (h,) in conn.execute(
            sa.select(articles.c.content_sha256).where(articles.c.content_sha256.in_(chunk)))}
    return urls, hashes


def _chunks(values: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def insert_article(conn: Connection, article: dict[str, Any], mentions: Sequence[dict[str, Any]],
                   indices: Sequence[dict[str, Any]], checked: Sequence[dict[str, Any]]) -> int:
    """Store one new article with its mentions, indices and checked claims; bump daily counts.

    The caller has checked that neither its canonical URL nor its content hash is stored.
    """
    row = {k: _clean(v) for k, v in article.items()}
    row["n_claims"] = len(checked)
    article_id = int(conn.execute(articles.insert().values(**row)).inserted_primary_key[0])
    copied = {"published_at": row["published_at"], "language": row["language"],
              "is_sample": bool(row["is_sample"])}
    if mentions:
        conn.execute(article_mentions.insert(), [
            {"article_id": article_id, "iso3": m["iso3"], "count": int(m["count"]),
             "forms": json.dumps(list(m.get("forms") or []), ensure_ascii=False), **copied}
            for m in mentions
        ])
    if indices:
        conn.execute(article_indices.insert(), [
            {"article_id": article_id, "index_id": i["id"], "count": int(i["count"])}
            for i in indices
        ])
    if checked:
        conn.execute(claims.insert(), [
            {**{k: _clean(v) for k, v in c.items()}, "article_id": article_id} for c in checked
        ])
    day = pd.Timestamp(row["published_at"]).date()
    for iso3 in sorted({m["iso3"] for m in mentions}):
        key = ((mention_daily.c.iso3 == iso3) & (mention_daily.c.day == day)
               & (mention_daily.c.is_sample == copied["is_sample"]))
        done = conn.execute(
            mention_daily.update().where(key).values(articles=mention_daily.c.articles + 1)
        ).rowcount
        if not done:
            conn.execute(mention_daily.insert().values(
                iso3=iso3, day=day, is_sample=copied["is_sample"], articles=1))
    return article_id


def load_news_volume(conn: Connection, source_id: str, rows: Sequence[dict[str, Any]],
                     run_id: int) -> LoadCounts:
    """Upsert mention-volume points by (source, country, day); identical points left alone."""
    if not rows:
        return LoadCounts()
    nv = news_volume
    iso3s = sorted({r["iso3"] for r in rows})
    existing = {(r["iso3"], r["date"]): r for r in _row_dicts(
        conn, sa.select(nv).where(nv.c.source_id == source_id).where(nv.c.iso3.in_(iso3s)))}
    inserts, updates, unchanged = [], [], 0
    for record in rows:
        row = {k: _clean(record.get(k)) for k in
               ("iso3", "date", "count", "monitored", "query", "snapshot_sha256")}
        old = existing.get((row["iso3"], row["date"]))
        if old is None:
            inserts.append({**row, "source_id": source_id, "run_id": run_id})
        elif all(_same(old[f], row[f]) for f in ("count", "monitored", "query")):
            unchanged += 1
        else:
            updates.append({**row, "run_id": run_id})
    insert_rows(conn, nv, inserts)
    if updates:
        stmt = (nv.update().where(nv.c.source_id == source_id)
                .where(nv.c.iso3 == sa.bindparam("k_iso3")).where(nv.c.date == sa.bindparam("k_date"))
                .values({c: sa.bindparam(c) for c in ("count", "monitored", "query",
                                                        "snapshot_sha256", "run_id")}))
        conn.execute(stmt, [{**{c: u[c] for c in ("count", "monitored", "query", "snapshot_sha256",
                                                  "run_id")},
                             "k_iso3": u["iso3"], "k_date": u["date"]} for u in updates])
    return LoadCounts(len(inserts), len(updates), unchanged)


def _utc(moment: object) -> datetime:
    when = pd.Timestamp(moment)
    return (when.tz_localize(UTC) if when.tzinfo is None else when.tz_convert(UTC)).to_pydatetime()


@dataclass(frozen=True)
class ArticleFilter:
    """What the News page and ``cyberindex news list`` ask for; empty means all."""

    iso3s: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    since: object = None
    until: object = None
    has_claim: bool | None = None
    verdicts: tuple[str, ...] = ()
    include_samples: bool = False


def _article_conditions(f: ArticleFilter) -> list:
    a = articles
    where: list = []
    if not f.include_samples:
        where.append(a.c.is_sample.is_(False))
    if f.since is not None:
        where.append(a.c.published_at >= _utc(f.since))
    if f.until is not None:
        until = pd.Timestamp(f.until)
        if until == until.normalize() and len(str(f.until)) <= 10:  # a date: the whole day
            until = until + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
        where.append(a.c.published_at <= _utc(until))
    if f.languages:
        where.append(a.c.language.in_(list(f.languages)))
    if f.outlets:
        where.append(a.c.outlet.in_(list(f.outlets)))
    if f.has_claim is True:
        where.append(a.c.n_claims > 0)
    elif f.has_claim is False:
        where.append(a.c.n_claims == 0)
    if f.iso3s:
        m = article_mentions
        sub = sa.select(m.c.article_id).where(m.c.iso3.in_([i.upper() for i in f.iso3s]))
        if not f.include_samples:
            sub = sub.where(m.c.is_sample.is_(False))
        if f.since is not None:
            sub = sub.where(m.c.published_at >= _utc(f.since))
        where.append(a.c.article_id.in_(sub))
    if f.verdicts:
        sub = sa.select(claims.c.article_id).where(claims.c.verdict.in_(list(f.verdicts)))
        if f.iso3s:
            sub = sub.where(claims.c.iso3.in_([i.upper() for i in f.iso3s]))
        where.append(a.c.article_id.in_(sub))
    return where


def _mentions_answer(f: ArticleFilter) -> bool:
    """Can ``article_mentions`` alone (its copied columns) select the articles of ``f``?"""
    return bool(f.iso3s) and not f.outlets and f.has_claim is None and not f.verdicts


def _mention_conditions(f: ArticleFilter) -> list:
    """The conditions of ``f`` that ``article_mentions`` answers from its copied columns."""
    m = article_mentions
    where = [m.c.iso3.in_([i.upper() for i in f.iso3s])]
    if not f.include_samples:
        where.append(m.c.is_sample.is_(False))
    if f.languages:
        where.append(m.c.language.in_(list(f.languages)))
    if f.since is not None:
        where.append(m.c.published_at >= _utc(f.since))
    if f.until is not None:
        where.append(m.c.published_at <= _utc(_until_end(f.until)))
    return where


def _until_end(until: object) -> pd.Timestamp:
    """The last moment an ``until`` covers (a date alone: its whole day)."""
    end = pd.Timestamp(until)
    if end == end.normalize() and len(str(until)) <= 10:
        end = end + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    return end


def _is_day(moment: object) -> bool:
    return moment is None or (len(str(moment)) <= 10
                              and pd.Timestamp(moment) == pd.Timestamp(moment).normalize())


def articles_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                   languages: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                   since: object = None, until: object = None, has_claim: bool | None = None,
                   verdicts: Sequence[str] | None = None, include_samples: bool = False,
                   limit: int | None = 50, offset: int = 0) -> pd.DataFrame:
    """Articles matching the filter, newest first, with ``countries`` (ISO3s named, most
    mentioned first). Synthetic samples are left out unless ``include_samples``."""
    f = ArticleFilter(tuple(iso3s or ()), tuple(languages or ()), tuple(outlets or ()), since,
                      until, has_claim, tuple(verdicts or ()), include_samples)
    a, m = articles, article_mentions
    query = (sa.select(a.c.article_id, a.c.published_at, a.c.title, a.c.url, a.c.canonical_url,
                       a.c.outlet, a.c.language, a.c.text, a.c.text_kind, a.c.is_sample,
                       a.c.n_claims, a.c.source_id, a.c.snapshot_sha256)
             .order_by(a.c.published_at.desc(), a.c.article_id.desc()))
    if limit is not None and _mentions_answer(f):
        # The page is picked in the mentions index (newest first, stops after the page), then
        # its articles are read by key: no scan of every article naming the country.
        # published_at is selected too: PostgreSQL wants a DISTINCT query's ORDER BY columns
        # in its select list (it is copied from the article, so it does not split a row).
        page = (sa.select(m.c.article_id, m.c.published_at).where(*_mention_conditions(f))
                .order_by(m.c.published_at.desc(), m.c.article_id.desc())
                .limit(limit).offset(offset))
        if len(f.iso3s) > 1:  # an article naming two of them is listed once
            page = page.distinct()
        query = query.where(a.c.article_id.in_(sa.select(page.subquery().c.article_id)))
    else:
        query = query.where(*_article_conditions(f))
        if limit is not None:
            query = query.limit(limit).offset(offset)
    frame = read_frame(engine, query)
    if frame.empty:
        return frame.assign(countries=pd.Series(dtype=object))
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    frame["is_sample"] = frame["is_sample"].astype(bool)
    named = read_frame(engine, sa.select(article_mentions.c.article_id, article_mentions.c.iso3,
                                         article_mentions.c.count)
                       .where(article_mentions.c.article_id.in_(frame["article_id"].tolist())))
    by_article: dict[int, list[str]] = {}
    # One sort, then plain lists (a pandas sort per article cost ~3 ms each).
    for article_id, iso3 in named.sort_values(["article_id", "count", "iso3"],
                                              ascending=[True, False, True])[
            ["article_id", "iso3"]].itertuples(index=False):
        by_article.setdefault(article_id, []).append(iso3)
    frame["countries"] = [by_article.get(i, []) for i in frame["article_id"]]
    return frame


def articles_count(engine: Engine, iso3s: Sequence[str] | None = None,
                   languages: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                   since: object = None, until: object = None, has_claim: bool | None = None,
                   verdicts: Sequence[str] | None = None, include_samples: bool = False) -> int:
    """How many articles match the filter of :func:`articles_frame`."""
    f = ArticleFilter(tuple(iso3s or ()), tuple(languages or ()), tuple(outlets or ()), since,
                      until, has_claim, tuple(verdicts or ()), include_samples)
    if _mentions_answer(f) and len(f.iso3s) == 1 and not f.languages and _is_day(f.since) \
            and _is_day(f.until):
        # One country by whole days: the sum of the daily counts kept at load.
        md = mention_daily
        query = sa.select(sa.func.sum(md.c.articles)).where(md.c.iso3 == f.iso3s[0].upper())
        if not f.include_samples:
            query = query.where(md.c.is_sample.is_(False))
        if f.since is not None:
            query = query.where(md.c.day >= pd.Timestamp(f.since).date())
        if f.until is not None:
            query = query.where(md.c.day <= pd.Timestamp(f.until).date())
    elif _mentions_answer(f):
        # Counted in the mentions index alone (country, sample, language, time).
        m = article_mentions
        counted = sa.func.count(sa.distinct(m.c.article_id)) if len(f.iso3s) > 1 \
            else sa.func.count()
        query = sa.select(counted).select_from(m).where(*_mention_conditions(f))
    else:
        query = sa.select(sa.func.count()).select_from(articles).where(*_article_conditions(f))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def claims_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                 verdicts: Sequence[str] | None = None, languages: Sequence[str] | None = None,
                 outlets: Sequence[str] | None = None, since: object = None,
                 until: object = None, include_samples: bool = False,
                 article_ids: Sequence[int] | None = None,
                 limit: int | None = 200, offset: int = 0) -> pd.DataFrame:
    """Checked claims with their article (title, URL, outlet, date, sample flag), newest first."""
    c, a = claims, articles
    f = ArticleFilter((), tuple(languages or ()), tuple(outlets or ()), since, until, None, (),
                      include_samples)
    columns = (c, a.c.title, a.c.url, a.c.outlet, a.c.language, a.c.published_at, a.c.is_sample)
    if iso3s:
        # Driven by the mentions index (a claim's country is named by its article), newest
        # first: the first page stops early instead of sorting every claim about the country.
        m = article_mentions
        named = ArticleFilter(tuple(i.upper() for i in iso3s), f.languages, (), since, until,
                              None, (), include_samples)
        query = (sa.select(*columns)
                 # ``iso3 || ''``: the same value, but it keeps the planner from starting at
                 # every claim about the country (ix_claims_country_verdict) and sorting them.
                 .select_from(m.join(c, (c.c.article_id == m.c.article_id)
                                     & (c.c.iso3.concat("") == m.c.iso3))
                              .join(a, a.c.article_id == m.c.article_id))
                 .where(*_mention_conditions(named))
                 .order_by(m.c.published_at.desc(), c.c.claim_id))
        if f.outlets:
            query = query.where(a.c.outlet.in_(list(f.outlets)))
    else:
        query = (sa.select(*columns)
                 .select_from(c.join(a, a.c.article_id == c.c.article_id))
                 .where(*_article_conditions(f))
                 .order_by(a.c.published_at.desc(), c.c.claim_id))
    if verdicts:
        query = query.where(c.c.verdict.in_(list(verdicts)))
    if article_ids is not None:
        query = query.where(c.c.article_id.in_([int(i) for i in article_ids]))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    frame = read_frame(engine, query)
    frame["edition"] = frame["edition"].astype("Int64")
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    frame["is_sample"] = frame["is_sample"].astype(bool)
    return frame


def article_mentions_frame(engine: Engine, article_ids: Sequence[int]) -> pd.DataFrame:
    """Countries named by these articles, with counts and surface forms (JSON)."""
    m = article_mentions
    return read_frame(engine, sa.select(m.c.article_id, m.c.iso3, m.c.count, m.c.forms)
                      .where(m.c.article_id.in_([int(i) for i in article_ids]))
                      .order_by(m.c.article_id, m.c.count.desc(), m.c.iso3))


def news_facets(engine: Engine, include_samples: bool = False) -> dict[str, list[str]]:
    """Distinct languages and outlets of the stored articles (for filter options)."""
    a = articles
    where = [] if include_samples else [a.c.is_sample.is_(False)]
    with engine.connect() as conn:
        languages = [v for (v,) in conn.execute(
            sa.select(a.c.language).where(*where).distinct().order_by(a.c.language))]
        outlets = [v for (v,) in conn.execute(
            sa.select(a.c.outlet).where(*where).distinct().order_by(a.c.outlet))]
    return {"languages": languages, "outlets": outlets}


FREQUENCIES = {"day": "D", "week": "W-MON", "month": "MS"}


def mention_volume_frame(engine: Engine, iso3s: Sequence[str] | None = None, freq: str = "day",
                         include_samples: bool = False, since: object = None,
                         until: object = None) -> pd.DataFrame:
    """Articles naming each country per period (``day``, ``week`` from Monday, ``month``).

    Columns: iso3, period (date the period starts), source_id, count, monitored, share.
    Stored articles count under ``source_id`` "articles" (from the daily counts kept at load;
    no denominator, so ``share`` is empty); GDELT's timeline adds its own rows with
    ``monitored`` (articles GDELT monitored) and ``share`` = count / monitored.
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {', '.join(FREQUENCIES)}, got {freq!r}")
    columns = ["iso3", "period", "source_id", "count", "monitored", "share"]
    md, nv = mention_daily, news_volume
    q1 = sa.select(md.c.iso3, md.c.day.label("date"), sa.func.sum(md.c.articles).label("count"))
    q2 = sa.select(nv.c.iso3, nv.c.date, nv.c.source_id, nv.c.count, nv.c.monitored)
    if not include_samples:
        q1 = q1.where(md.c.is_sample.is_(False))
    if iso3s:
        wanted = [i.upper() for i in iso3s]
        q1, q2 = q1.where(md.c.iso3.in_(wanted)), q2.where(nv.c.iso3.in_(wanted))
    if since is not None:
        start = pd.Timestamp(since).date()
        q1, q2 = q1.where(md.c.day >= start), q2.where(nv.c.date >= start)
    if until is not None:
        end = pd.Timestamp(until).date()
        q1, q2 = q1.where(md.c.day <= end), q2.where(nv.c.date <= end)
    stored = read_frame(engine, q1.group_by(md.c.iso3, md.c.day)).assign(
        source_id="articles", monitored=None)
    frames = [f for f in (stored, read_frame(engine, q2)) if not f.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    points = pd.concat(frames, ignore_index=True)
    points["date"] = pd.to_datetime(points["date"])
    points["count"] = points["count"].astype(float)
    points["monitored"] = pd.to_numeric(points["monitored"], errors="coerce")
    by_period = points.groupby(["iso3", "source_id",
                                pd.Grouper(key="date", freq=FREQUENCIES[freq], label="left",
                                           closed="left")])
    # Built-in reductions (a Python lambda per group cost tens of milliseconds per request).
    grouped = (pd.DataFrame({"count": by_period["count"].sum(),
                             "monitored": by_period["monitored"].sum(min_count=1)})
               .reset_index().rename(columns={"date": "period"}))
    grouped = grouped[grouped["count"].notna()]
    grouped["count"] = grouped["count"].astype(int)
    grouped["share"] = grouped["count"] / grouped["monitored"]
    return grouped.loc[:, columns].sort_values(["iso3", "source_id", "period"]).reset_index(
        drop=True)
