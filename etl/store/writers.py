"""Writers (they take a ``Connection``, the caller owns the transaction): bulk inserts given
column by column, portable upserts, runs, raw snapshots, quarantine and loading observations,
with the value cleaning they share with the other writers of :mod:`etl.store`.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from etl.store.schema import (
    OBSERVATION_FIELDS,
    OBSERVATION_KEY,
    LoadCounts,
    inserted_id,
    observations,
    quarantine,
    raw_snapshots,
    runs,
    utcnow,
)


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
    compiled = _compiled_insert(table, tuple(names), dialect)
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


# Compiled INSERTs by table, columns and dialect: a refresh opens a new engine (and so a cold
# SQLAlchemy statement cache) and compiles the same few INSERTs every time.
_INSERTS: dict[tuple, Any] = {}


def _compiled_insert(table: sa.Table, names: tuple[str, ...], dialect: Any) -> Any:
    key = (table, names, type(dialect), dialect.paramstyle, dialect.server_version_info)
    compiled = _INSERTS.get(key)
    if compiled is None:
        if len(_INSERTS) > 256:
            _INSERTS.clear()
        compiled = _INSERTS[key] = table.insert().compile(
            dialect=dialect, column_keys=list(names), for_executemany=True)
    return compiled


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
        return inserted_id(result)


def add_finished_runs(conn: Connection, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Runs that ended as they began (skipped), each with its own source, times, status and
    reason; their ids."""
    return [inserted_id(conn.execute(runs.insert().values(**row))) for row in rows]


def finish_run(conn: Connection, run_id: int, status: str, reason: str | None = None,
               **counts: int | str | None) -> None:
    """Close a run with its outcome and counts."""
    conn.execute(
        runs.update()
        .where(runs.c.run_id == run_id)
        .values(status=status, reason=reason, finished_at=utcnow(), **counts)
    )


def record_run_snapshot(conn: Connection, run_id: int, sha256: str) -> None:
    """Name the raw snapshot a run kept before it ended (a live answer refused by the checks:
    the run fails, the bytes stay)."""
    conn.execute(runs.update().where(runs.c.run_id == run_id).values(snapshot_sha256=sha256))


def record_snapshot(conn: Connection, *, sha256: str, source_id: str, origin: str, size: int,
                    fetched_at: datetime, path: str, retrieved_on: date | None = None) -> None:
    """Register a kept raw payload once (content-addressed: same bytes, same row).

    ``fetched_at`` is when this store took the bytes; ``retrieved_on`` the day a bundled
    file's data was retrieved from its publisher (None for a live source). A row kept before
    the store recorded that day (revision 0009) is given it when the same bytes come again."""
    exists = conn.execute(
        sa.select(raw_snapshots.c.sha256, raw_snapshots.c.retrieved_on)
        .where(raw_snapshots.c.sha256 == sha256)
    ).first()
    if exists is None:
        conn.execute(
            raw_snapshots.insert().values(
                sha256=sha256, source_id=source_id, origin=origin, size=size,
                fetched_at=fetched_at, path=path, retrieved_on=retrieved_on,
            )
        )
    elif exists.retrieved_on is None and retrieved_on is not None:
        conn.execute(raw_snapshots.update().where(raw_snapshots.c.sha256 == sha256)
                     .values(retrieved_on=retrieved_on))


@dataclass(frozen=True)
class Quarantined:
    """What :func:`write_quarantine` did: ``count`` rows quarantined by the run, of which
    ``again`` (per run that first quarantined them: (run_id, rows), in run order) were
    quarantined from the same snapshot already and only marked seen, not stored again."""

    count: int = 0
    again: tuple[tuple[int, int], ...] = ()

    @property
    def stored(self) -> int:
        return self.count - sum(rows for _, rows in self.again)


def write_quarantine(conn: Connection, run_id: int, source_id: str,
                     rows: Iterable[dict[str, Any]],
                     snapshot_sha256: str | None = None) -> Quarantined:
    """Keep failing rows with the check that failed, the row as read and the snapshot it was
    read from. A row the source's runs quarantined already from that same snapshot (same line,
    check, reason and cells) is not stored again: its ``last_run_id`` becomes this run (the
    latest to read it there), its ``run_id`` stays the first run's. Each stored row stands for
    one row read: the copies earlier runs stored (before revision 0010) are each matched once,
    the first run's first."""
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
            "snapshot_sha256": snapshot_sha256,
            "last_run_id": run_id,
        }
        for row in rows
    ]
    if snapshot_sha256 is None or not payload:
        return Quarantined(insert_rows(conn, quarantine, payload))
    q = quarantine.c
    earlier: dict[tuple, deque] = defaultdict(deque)
    for quarantine_id, first, *identity in conn.execute(
            sa.select(q.quarantine_id, q.run_id, *(q[c] for c in _QUARANTINE_IDENTITY))
            .where(q.source_id == source_id, q.snapshot_sha256 == snapshot_sha256,
                   q.run_id != run_id)
            .order_by(q.quarantine_id)):
        earlier[tuple(identity)].append((quarantine_id, first))
    new, seen = [], []
    for row in payload:
        found = earlier.get(tuple(_clean(row[c]) for c in _QUARANTINE_IDENTITY))
        if found:
            seen.append(found.popleft())
        else:
            new.append(row)
    for chunk in _chunks([quarantine_id for quarantine_id, _ in seen]):
        conn.execute(quarantine.update().where(q.quarantine_id.in_(chunk))
                     .values(last_run_id=run_id))
    insert_rows(conn, quarantine, new)
    again = Counter(first for _, first in seen)
    return Quarantined(len(payload), tuple(sorted(again.items())))


# What makes a quarantined row the same row read again from the same snapshot.
_QUARANTINE_IDENTITY = ("row_number", "check_name", "reason", "row_json")


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
    """A column as plain Python values for the driver (missing: None); only columns holding
    other than plain values and missing markers (numpy scalars...) are cleaned cell by cell."""
    # tolist gives the Python values astype(object) would (float, int, str, bool; NaN, pd.NA
    # or NaT where missing), without the object copy and a mask of every column.
    return _plain_values(column.tolist())


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
    data: dict[str, list[Any]] = {
        k: _clean_column(frame[k]) if k in frame.columns else [None] * len(frame) for k in names}
    data["edition"] = [int(e) for e in data["edition"]]
    if existing is None:
        existing = published_observations(conn, sorted(set(data["indicator_id"])))
    if not existing:  # a fresh table (a source's first publication): nothing to compare
        insert_columns(conn, observations, data, same={"run_id": run_id})
        return LoadCounts(inserted=len(frame))
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    unchanged = 0
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


def _chunks(values: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
