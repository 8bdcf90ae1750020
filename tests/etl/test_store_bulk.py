"""Bulk writers of the store: insert_columns stores what a Core executemany stores (types,
defaults, shared columns) and upsert_rows inserts, updates and leaves rows as one upsert per row
would; on the engine under test (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from etl import store

WHEN = datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=UTC)


def _volume(source_id: str) -> list[dict]:
    return [
        {"source_id": source_id, "iso3": "MAR", "date": date(2024, 5, 1), "count": 3,
         "monitored": None, "query": "q é", "snapshot_sha256": "a" * 64, "run_id": 1},
        {"source_id": source_id, "iso3": "TUN", "date": date(2024, 5, 2), "count": 0,
         "monitored": 1200, "query": "q", "snapshot_sha256": "b" * 64, "run_id": 1},
    ]


def _read(engine, table: sa.Table, where) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(table).where(where)
                                               .order_by(*table.primary_key.columns))]


@pytest.mark.parametrize(
    "table, rows_of, key",
    [
        pytest.param(store.news_volume, _volume, "source_id", id="dates-and-nulls"),
        pytest.param(store.mention_daily, lambda k: [
            {"iso3": k, "day": date(2024, 5, 1), "is_sample": True, "articles": 2},
            {"iso3": k, "day": date(2024, 5, 3), "is_sample": False, "articles": 1},
        ], "iso3", id="booleans"),
        pytest.param(store.locks, lambda k: [
            {"name": k, "owner": "o", "pid": 1, "host": "h", "acquired_at": WHEN,
             "heartbeat_at": WHEN},
        ], "name", id="aware-datetimes"),
    ],
)
def test_insert_columns_stores_what_core_executemany_stores(engine, table, rows_of, key):
    """Column lists through the driver give the same stored rows as conn.execute(insert, dicts)."""
    fast, core = rows_of("FST"), rows_of("COR")
    with engine.begin() as conn:
        inserted = store.insert_columns(conn, table, {k: [r[k] for r in fast] for k in fast[0]})
        assert inserted == len(fast)
        conn.execute(table.insert(), core)
    got = _read(engine, table, table.c[key] == "FST")
    want = _read(engine, table, table.c[key] == "COR")
    position = list(table.columns.keys()).index(key)
    strip = [tuple(v for i, v in enumerate(row) if i != position) for row in got + want]
    assert strip[: len(got)] == strip[len(got):]
    assert len(got) == len(fast)


def test_insert_columns_shares_columns_and_fills_python_defaults(engine):
    """`same` columns are given once; a column left out gets its Python default (runs.fetched)."""
    with engine.begin() as conn:
        store.insert_columns(conn, store.runs, {"source_id": ["a", "b"], "status": ["x", "y"]},
                             same={"started_at": WHEN})
    with engine.connect() as conn:
        rows = conn.execute(sa.select(store.runs.c.source_id, store.runs.c.fetched,
                                      store.runs.c.started_at)
                            .order_by(store.runs.c.source_id)).all()
    assert [(r.source_id, r.fetched) for r in rows] == [("a", 0), ("b", 0)]
    assert all(r.started_at.replace(tzinfo=UTC) == WHEN for r in rows)


def test_upsert_rows_inserts_updates_and_keeps(engine):
    """New keys are inserted, changed rows updated, the last row of a repeated key wins."""
    base = {"publisher": "p", "title": "t", "url": "u", "licence": "l", "cadence": "c",
            "kind": "bundled"}
    with engine.begin() as conn:
        store.upsert_rows(conn, store.sources, "source_id",
                          [{"source_id": "one", **base}, {"source_id": "two", **base}])
    with engine.begin() as conn:
        store.upsert_rows(conn, store.sources, "source_id", [
            {"source_id": "one", **base},  # unchanged
            {"source_id": "two", **base, "title": "first"},
            {"source_id": "two", **base, "title": "renamed"},  # last one wins
            {"source_id": "three", **base},
        ])
    with engine.connect() as conn:
        titles = dict(conn.execute(sa.select(store.sources.c.source_id, store.sources.c.title))
                      .tuples().all())
    assert titles == {"one": "t", "two": "renamed", "three": "t"}
