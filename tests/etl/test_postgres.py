"""PostgreSQL specifics: same data as SQLite, UTC timestamps, concurrent writers and starts,
the advisory refresh lock."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

import pandas as pd
import pytest
import sqlalchemy as sa

from etl import locks, migrations, pipeline, store
from etl.settings import PROJECT_ROOT
from tests.conftest import make_settings

pytestmark = pytest.mark.postgres


SOURCES = ["itu_gci", "ncsi", "interpol_act"]  # the whole bundled load is pinned per engine


def _load(settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The observations and the changelog (less its times) of a load of ``SOURCES``."""
    engine = store.make_engine(settings.database_url)
    results = pipeline.run_sources(SOURCES, settings, engine)
    assert all(r.status == "succeeded" for r in results), results
    frame = store.observations_frame(engine).drop(columns=["retrieved_at"])
    logged = store.changes_frame(engine).drop(columns=["changed_at"])
    engine.dispose()
    return frame, logged


def test_bundled_sources_load_the_same_on_both_engines(postgres_url, tmp_path):
    """Bundled sources give the same observations, and the same changelog of their first
    publication, on PostgreSQL as on SQLite."""
    on_sqlite = _load(make_settings(tmp_path / "s", database_url=f"sqlite:///{tmp_path}/s.db"))
    on_postgres = _load(make_settings(tmp_path / "p", database_url=postgres_url))
    assert len(on_sqlite[0]) > 100
    assert len(on_sqlite[1]) == len(on_sqlite[0])
    for ours, theirs in zip(on_sqlite, on_postgres, strict=True):
        pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)


def test_timestamps_come_back_in_utc(postgres_url):
    """timezone=True columns keep the instant and come back aware on PostgreSQL."""
    engine = store.make_engine(postgres_url)
    store.init_schema(engine)
    run_id = store.start_run(engine, "itu_gci")
    with engine.connect() as conn:
        started = store.run_row(conn, run_id)["started_at"]
    assert started.tzinfo is not None
    assert abs((started - datetime.now(UTC)).total_seconds()) < 60
    engine.dispose()


def test_concurrent_upserts_of_a_new_key_do_not_fail(postgres_url):
    """Two transactions inserting the same new key: the second becomes an update, no error."""
    engine = store.make_engine(postgres_url)
    store.init_schema(engine)
    row = {"source_id": "race", "publisher": "p", "title": "t", "url": "u", "licence": "l",
           "cadence": "c", "kind": "bundled"}
    first, second = engine.connect(), engine.connect()
    first.begin()
    second.begin()
    store.upsert_by_key(first, store.sources, "source_id", row)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(_try(
        store.upsert_by_key, second, store.sources, "source_id", {**row, "title": "second"})))
    worker.start()  # blocks on the key until `first` commits
    first.commit()
    worker.join(timeout=30)
    second.commit()
    assert outcome == [None]
    with engine.connect() as conn:
        titles = conn.execute(sa.select(store.sources.c.title)
                              .where(store.sources.c.source_id == "race")).scalars().all()
    assert titles == ["second"]
    first.close()
    second.close()
    engine.dispose()


def test_concurrent_bulk_upserts_of_a_new_key_do_not_fail(postgres_url):
    """upsert_rows racing another transaction on a new key: its insert falls back to upserts
    row by row (the savepoint), the other rows are still written, no error."""
    engine = store.make_engine(postgres_url)
    store.init_schema(engine)
    row = {"source_id": "race", "publisher": "p", "title": "t", "url": "u", "licence": "l",
           "cadence": "c", "kind": "bundled"}
    first, second = engine.connect(), engine.connect()
    first.begin()
    second.begin()
    store.upsert_rows(first, store.sources, "source_id", [row])
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(_try(
        store.upsert_rows, second, store.sources, "source_id",
        [{**row, "title": "second"}, {**row, "source_id": "calm"}])))
    worker.start()  # blocks on the key until `first` commits
    first.commit()
    worker.join(timeout=30)
    second.commit()
    assert outcome == [None]
    with engine.connect() as conn:
        titles = dict(conn.execute(sa.select(store.sources.c.source_id, store.sources.c.title)
                                   .where(store.sources.c.source_id.in_(["race", "calm"])))
                      .tuples().all())
    assert titles == {"race": "second", "calm": "t"}
    first.close()
    second.close()
    engine.dispose()


def _try(function, *args):
    try:
        function(*args)
    except Exception as exc:  # reported to the test, which expects None
        return exc
    return None


def test_concurrent_starts_migrate_once(postgres_url):
    """Four processes starting at once on an empty database: one creates, none fails."""
    engines = [store.make_engine(postgres_url) for _ in range(4)]
    outcomes: list[object] = []
    barrier = threading.Barrier(len(engines))

    def start(engine):
        barrier.wait()
        outcomes.append(_try_value(migrations.ensure_schema, engine))

    threads = [threading.Thread(target=start, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(map(str, outcomes)) == ["created", "current", "current", "current"]
    assert migrations.current_revision(engines[0]) == migrations.head_revision()
    for engine in engines:
        engine.dispose()


def _try_value(function, *args):
    try:
        return function(*args)
    except Exception as exc:
        return exc


# ---------------------------------------------------------------- the advisory refresh lock


def test_advisory_lock_is_exclusive_and_names_its_holder(postgres_url):
    """A second holder gets LockBusy with the first one's pid and host; release frees it."""
    engine = store.make_engine(postgres_url)
    first = locks.AdvisoryLock(engine)
    first.acquire()
    with pytest.raises(locks.LockBusy) as caught:
        locks.AdvisoryLock(engine).acquire()
    assert caught.value.holder["pid"] == str(os.getpid())
    assert caught.value.holder["host"] == socket.gethostname()
    first.release()
    again = locks.AdvisoryLock(engine)
    again.acquire()
    again.release()
    engine.dispose()


def test_advisory_lock_of_a_killed_process_is_free_at_once(postgres_url):
    """SIGKILL the holder: the server drops its connection and the lock with it."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from etl import locks, store;"
         "lock = locks.AdvisoryLock(store.make_engine(sys.argv[1])); lock.acquire();"
         "print('held', flush=True); time.sleep(120)", postgres_url],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        engine = store.make_engine(postgres_url)
        with pytest.raises(locks.LockBusy):
            locks.AdvisoryLock(engine).acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        deadline = time.monotonic() + 10
        while True:
            try:
                lock = locks.AdvisoryLock(engine)
                lock.acquire()
                break
            except locks.LockBusy:
                assert time.monotonic() < deadline, "the killed holder's lock was never freed"
                time.sleep(0.05)
        lock.release()
        engine.dispose()
    finally:
        holder.kill()
        holder.wait()


def test_refresh_runs_under_the_advisory_lock(postgres_url, tmp_path):
    """CYBERINDEX_LOCK_BACKEND=advisory: a refresh runs, and a concurrent one is refused."""
    settings = make_settings(tmp_path, database_url=postgres_url, lock_backend="advisory")
    engine = store.make_engine(postgres_url)
    with locks.refresh_lock(engine, settings) as held:
        assert isinstance(held, locks.AdvisoryLock)
        with pytest.raises(locks.LockBusy):
            pipeline.run_sources(["interpol_act"], settings, engine)
    [result] = pipeline.run_sources(["interpol_act"], settings, engine)
    assert result.status == "succeeded"
    engine.dispose()


def test_advisory_lock_needs_postgresql(tmp_path):
    settings = make_settings(tmp_path, database_url=f"sqlite:///{tmp_path}/x.db",
                             lock_backend="advisory")
    with pytest.raises(ValueError, match="PostgreSQL"):
        locks.make_lock(store.make_engine(settings.database_url), settings)
    with pytest.raises(ValueError, match="LOCK_BACKEND"):
        locks.make_lock(store.make_engine(settings.database_url),
                        make_settings(tmp_path, lock_backend="flock"))
