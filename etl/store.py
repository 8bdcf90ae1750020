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
    """Create missing tables (idempotent)."""
    metadata.create_all(engine)


# ---------------------------------------------------------------- writers (take a Connection)


def replace_rows(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """Make ``table`` hold exactly ``rows`` (reference tables only: small and derived)."""
    conn.execute(table.delete())
    if rows:
        conn.execute(table.insert(), list(rows))


def upsert_by_key(conn: Connection, table: sa.Table, key: str, row: dict[str, Any]) -> None:
    """Insert ``row`` or update it in place, portable across engines."""
    found = conn.execute(sa.select(table.c[key]).where(table.c[key] == row[key])).first()
    if found is None:
        conn.execute(table.insert().values(**row))
    else:
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
    if payload:
        conn.execute(quarantine.insert(), payload)
    return len(payload)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-12)
    return a == b


def _clean(value: Any) -> Any:
    """pandas missing markers and numpy scalars to plain Python for the driver."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def load_observations(conn: Connection, frame: pd.DataFrame, run_id: int) -> LoadCounts:
    """Insert new observations and update changed ones; identical rows are left alone."""
    if frame.empty:
        return LoadCounts()
    ids = sorted(frame["indicator_id"].unique().tolist())
    existing = {
        (r.indicator_id, r.iso3, int(r.edition)): r._mapping
        for r in conn.execute(sa.select(observations).where(observations.c.indicator_id.in_(ids)))
    }
    inserts, updates, unchanged = [], [], 0
    for record in frame.to_dict("records"):
        row = {k: _clean(record.get(k))
               for k in OBSERVATION_KEY + OBSERVATION_FIELDS + ("snapshot_sha256",)}
        row["edition"] = int(row["edition"])
        key = (row["indicator_id"], row["iso3"], row["edition"])
        old = existing.get(key)
        if old is None:
            inserts.append({**row, "run_id": run_id})
        elif all(_same(old[f], row[f]) for f in OBSERVATION_FIELDS):
            unchanged += 1
        else:
            updates.append({**row, "run_id": run_id})
    if inserts:
        conn.execute(observations.insert(), inserts)
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


# ---------------------------------------------------------------- readers (take an Engine)


def read_frame(engine: Engine, query: sa.Select) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


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
    query = (
        sa.select(
            o.c.indicator_id, o.c.iso3, c.c.name_en.label("country"), o.c.edition, o.c.value,
            o.c.scale, o.c.rank, o.c.rank_text, o.c.tier, o.c.tier_label,
            s.c.publisher, o.c.source_document, o.c.source_url, o.c.channel, o.c.verification,
            o.c.source_note, o.c.snapshot_sha256, r.c.fetched_at.label("retrieved_at"),
        )
        .select_from(
            o.join(c, c.c.iso3 == o.c.iso3)
            .join(i, i.c.indicator_id == o.c.indicator_id)
            .join(s, s.c.source_id == i.c.source_id)
            .outerjoin(r, r.c.sha256 == o.c.snapshot_sha256)
        )
        .order_by(o.c.indicator_id, o.c.iso3, o.c.edition)
    )
    if indicator_ids:
        query = query.where(o.c.indicator_id.in_(list(indicator_ids)))
    if iso3s:
        query = query.where(o.c.iso3.in_(list(iso3s)))
    if editions:
        query = query.where(o.c.edition.in_([int(e) for e in editions]))
    frame = read_frame(engine, query)
    for column in ("rank", "tier"):
        frame[column] = frame[column].astype("Int64")
    frame["edition"] = frame["edition"].astype("int64")
    return frame


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
