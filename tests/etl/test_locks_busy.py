"""A database busy with another writer (SQLite during another refresh's load) is the refresh lock
being held: LockBusy (exit 3, the scheduler's retry), never a "database is locked" failure."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from etl import locks, pipeline, scheduler, store
from tests.conftest import TEST_DATABASE
from tests.etl.refresh_support import (
    GCI,
    edit_gci,
    morocco_drops_to_tier_2,
    published_copy,
    start_refresh,
    wait_for,
)

sqlite_only = pytest.mark.skipif(TEST_DATABASE != "sqlite",
                                 reason="SQLite's whole-database write lock")


def _edit_gci_and_sidecar(settings) -> None:
    """A GCI file a refresh would publish (so its load writes), its sidecar kept in step."""
    edit_gci(settings, morocco_drops_to_tier_2)
    data = settings.datasets_dir / GCI
    sidecar = data.with_suffix(".provenance.json")
    if sidecar.exists():
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        body = data.read_bytes()
        meta.update(sha256=hashlib.sha256(body).hexdigest(), bytes=len(body))
        sidecar.write_text(json.dumps(meta), encoding="utf-8")


def _impatient(database_url: str):
    """An engine that waits 1 s, not 30, for a busy SQLite database (PostgreSQL: as is)."""
    if database_url.startswith("sqlite"):
        database_url += "?timeout=1"
    return store.make_engine(database_url)


def test_a_refresh_during_another_ones_load_is_refused_then_retried(tmp_path):
    """Run A pauses inside its load transaction; run B gets LockBusy at once (not "database is
    locked"), and the scheduler's retry runs B once A has finished."""
    settings = published_copy(tmp_path)
    _edit_gci_and_sidecar(settings)
    marker = tmp_path / "paused"
    first = start_refresh(settings, "itu_gci", CYBERINDEX_TEST_PAUSE_AT="load",
                          CYBERINDEX_TEST_PAUSE_MARKER=str(marker))
    engine = _impatient(settings.database_url)
    try:
        wait_for(lambda: marker.exists() or first.poll() is not None, "run A to pause at load")
        assert first.poll() is None, first.communicate()

        with pytest.raises(locks.LockBusy, match=f"pid {first.pid} on "):
            pipeline.run_sources(["itu_gci"], settings, engine)

        waits: list[float] = []

        def let_a_finish(seconds: float) -> None:
            waits.append(seconds)
            marker.unlink(missing_ok=True)
            first.wait(timeout=120)

        results = scheduler.run_when_lock_free(["itu_gci"], settings, engine, lock_wait=600,
                                               retry_every=0.01, sleep=let_a_finish)
        assert waits == [0.01]  # refused once, then run
        assert [r.status for r in results] == ["succeeded"], results
    finally:
        marker.unlink(missing_ok=True)
        out, err = first.communicate(timeout=120)
        engine.dispose()
    assert first.returncode == 0, err
    assert "itu_gci: succeeded" in out


@sqlite_only
@pytest.mark.parametrize("mode", ["IMMEDIATE", "EXCLUSIVE"])
def test_a_database_locked_by_another_writer_is_a_held_lock(tmp_path, mode):
    """Another writer holds the SQLite file (reads allowed or not): the claim is LockBusy
    naming the driver's words, with no holder when no lock row can be read."""
    settings = published_copy(tmp_path)
    engine = _impatient(settings.database_url)
    other = sqlite3.connect(engine.url.database, isolation_level=None)
    try:
        other.execute(f"BEGIN {mode}")
        with pytest.raises(locks.LockBusy) as caught:
            locks.DatabaseLock(engine, lease_seconds=60).acquire()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.database_busy == "database is locked"
    assert caught.value.holder is None
    assert str(caught.value).startswith("another process is writing to the database "
                                        "(database is locked)")
    lock = locks.DatabaseLock(engine, lease_seconds=60)  # free again once the writer is done
    lock.acquire()
    lock.release()
    engine.dispose()
