"""A refresh refused while another one loads into SQLite (its whole-file write lock) exits at
once: its skipped runs, which it cannot write then, are kept in a file beside the database and
the next refresh records them with their own times, not waited for two minutes per source and
then lost."""

from __future__ import annotations

import sqlite3
import time

import pytest
import sqlalchemy as sa

from etl import pipeline, run_safety, skipped_runs, store
from tests.conftest import TEST_DATABASE
from tests.etl.refresh_support import published_copy

pytestmark = pytest.mark.skipif(TEST_DATABASE != "sqlite",
                                reason="SQLite's whole-database write lock")

SOURCES = ["itu_gci", "un_egdi", "ncsi"]


def _skipped(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [(r.source_id, r.reason) for r in conn.execute(
            sa.select(store.runs).where(store.runs.c.status == "skipped")
            .order_by(store.runs.c.run_id))]


@pytest.fixture
def busy(tmp_path, monkeypatch):
    """A published store whose file another writer holds: (settings, engine, its connection)."""
    monkeypatch.setattr(run_safety, "_sleep", lambda seconds: None)  # no waits between tries
    monkeypatch.setattr(skipped_runs, "SKIP_WAIT_SECONDS", 0.2)
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url, busy_seconds=0.2)
    other = sqlite3.connect(engine.url.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield settings, engine, other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()
    engine.dispose()


def test_skipped_runs_are_kept_at_once_then_recorded_by_the_next_refresh(busy):
    settings, engine, other = busy
    started = time.monotonic()
    results = skipped_runs.record_skipped(SOURCES, skipped_runs.SKIPPED_BUSY, engine)
    assert time.monotonic() - started < 5
    assert [(r.source_id, r.status, r.run_id) for r in results] == [
        (s, "skipped", None) for s in SOURCES]
    spool = skipped_runs.skip_spool(engine)
    assert len(spool.read_text(encoding="utf-8").splitlines()) == 3

    other.execute("ROLLBACK")  # the other refresh has finished
    assert _skipped(engine) == []
    [ran] = pipeline.run_sources(["interpol_act"], settings, engine)
    assert ran.status == "succeeded"
    assert _skipped(engine) == [(s, skipped_runs.SKIPPED_BUSY) for s in SOURCES]
    assert spool.read_text(encoding="utf-8") == ""
    with engine.connect() as conn:  # recorded before the refresh's own run, with their time
        runs = conn.execute(sa.select(store.runs).order_by(store.runs.c.run_id)).all()
    assert [r.source_id for r in runs[-4:]] == [*SOURCES, "interpol_act"]
    assert runs[-4].started_at < runs[-1].started_at

    pipeline.run_sources(["interpol_act"], settings, engine)  # recorded once, not again
    assert len(_skipped(engine)) == 3


def test_a_free_database_records_them_at_once(busy):
    settings, engine, other = busy
    other.execute("ROLLBACK")
    results = skipped_runs.record_skipped(["itu_gci"], "skipped: lock busy", engine)
    assert results[0].run_id is not None
    assert _skipped(engine) == [("itu_gci", "skipped: lock busy")]
    assert not skipped_runs.skip_spool(engine).exists()
