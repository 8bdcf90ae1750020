"""Revision 0010 on SQLite and PostgreSQL: each quarantined row kept before it gets its run's
snapshot and its own run as the latest to read it; each changelog row the old side's snapshot
where the changelog and the runs tell it exactly, else none (never guessed); down and up
again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from etl import migrations, store

WHEN = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
A, B, C, D = ("a" * 64, "b" * 64, "c" * 64, "d" * 64)
# Runs of itu_gci (1-6) and ncsi (7-8): (run_id, source, status, snapshot).
RUNS = [(1, "itu_gci", "succeeded", A), (2, "itu_gci", "succeeded", B),
        (3, "itu_gci", "held", C),  # held: wrote nothing
        (4, "itu_gci", "succeeded", C), (5, "itu_gci", "succeeded", D),
        (6, "itu_gci", "succeeded", D), (7, "ncsi", "succeeded", A), (8, "ncsi", "succeeded", B)]


@pytest.fixture
def at_0009(empty_url):
    engine = store.make_engine(empty_url)
    migrations.upgrade(engine, "0009")
    yield engine
    engine.dispose()


def _change(change_id: int, run_id: int, kind: str, sha: str, iso3: str = "MAR",
            source_id: str = "itu_gci") -> dict:
    return {"change_id": change_id, "run_id": run_id, "release_id": change_id,
            "source_id": source_id, "indicator_id": "itu_gci.overall", "iso3": iso3,
            "edition": 2024, "kind": kind, "snapshot_sha256": sha, "changed_at": WHEN}


def _content(change_id: int, run_id: int, kind: str, sha: str, key: str = "k1") -> dict:
    return {"change_id": change_id, "run_id": run_id, "release_id": change_id,
            "source_id": "ncsi", "target": "statements", "row_key": key,
            "source_url": "https://ncsi.ega.ee", "kind": kind, "snapshot_sha256": sha,
            "changed_at": WHEN}


def _seed(engine) -> None:
    meta = sa.MetaData()
    meta.reflect(engine, only=["runs", "quarantine", "changes", "content_changes"])
    t = meta.tables
    with engine.begin() as conn:
        conn.execute(t["runs"].insert(), [
            {"run_id": r, "source_id": s, "started_at": WHEN, "finished_at": WHEN,
             "status": status, "snapshot_sha256": sha, "fetched": 1, "valid": 1,
             "quarantined": 0, "inserted": 0, "updated": 0, "unchanged": 0}
            for r, s, status, sha in RUNS])
        conn.execute(t["quarantine"].insert(), [
            {"run_id": run, "source_id": "itu_gci", "row_number": 5, "check_name": "c",
             "reason": "r", "row_json": "{}", "created_at": WHEN} for run in (3, 4)])
        conn.execute(t["changes"].insert(), [
            _change(1, 1, "added", A),
            _change(2, 2, "changed", B),  # old side published by run 1 from A: known
            _change(3, 4, "changed", C),  # from B (run 2); run 3 between was held: known
            _change(4, 6, "removed", D),  # from C (run 4); run 5 read D between: unknown
            _change(5, 2, "changed", B, iso3="OMN"),  # no row before it: unknown
            _change(6, 6, "added", D, iso3="OMN"),  # added: no old side
        ])
        conn.execute(t["content_changes"].insert(), [
            _content(1, 7, "added", A), _content(2, 8, "changed", B),
            _content(3, 8, "removed", B, key="k2"),  # never added here: unknown
        ])


def _old(engine, table: sa.Table) -> dict[int, str | None]:
    with engine.connect() as conn:
        return {i: sha for i, sha in conn.execute(
            sa.select(table.c.change_id, table.c.old_snapshot_sha256))}


def test_0010_fills_what_is_known_exactly_and_nothing_else(at_0009):
    from alembic import command

    _seed(at_0009)
    migrations.upgrade(at_0009)

    assert migrations.current_revision(at_0009) == migrations.head_revision()
    assert migrations.autogenerate_diff(at_0009) == []
    assert _old(at_0009, store.changes) == {1: None, 2: A, 3: B, 4: None, 5: None, 6: None}
    assert _old(at_0009, store.content_changes) == {1: None, 2: A, 3: None}
    q = store.quarantine
    with at_0009.connect() as conn:
        rows = conn.execute(sa.select(q.c.run_id, q.c.last_run_id, q.c.snapshot_sha256)
                            .order_by(q.c.quarantine_id)).all()
    assert [tuple(r) for r in rows] == [(3, 3, C), (4, 4, C)]
    assert store.quarantine_frame(at_0009, latest_only=False)["run_id"].tolist() == [3, 4]

    with at_0009.begin() as conn:
        command.downgrade(migrations.alembic_config(conn), "0009")
    assert "old_snapshot_sha256" not in {
        c["name"] for c in sa.inspect(at_0009).get_columns("changes")}
    migrations.upgrade(at_0009)
    assert _old(at_0009, store.changes)[3] == B
