"""The refresh lock: one holder at a time, stale holders recovered, runs left running abandoned;
on PostgreSQL the table and advisory backends exclude each other."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner

from etl import cli, locks, pipeline, skipped_runs, store
from tests.conftest import make_settings, postgres_scratch
from tests.etl.refresh_support import refresh_settings, subprocess_env, wait_for


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _plant(engine, **row) -> None:
    now = store.utcnow()
    values = {"name": locks.REFRESH, "owner": "someone-else", "pid": 1,
              "host": socket.gethostname(), "acquired_at": now, "heartbeat_at": now}
    values.update(row)
    with engine.begin() as conn:
        store.insert_lock(conn, values)


def _holder(engine):
    with engine.connect() as conn:
        return store.read_lock(conn, locks.REFRESH)


def test_second_holder_refused_with_pid_host_and_time(engine):
    """While one process holds the lock, another gets LockBusy naming pid, host and start."""
    first = locks.DatabaseLock(engine, lease_seconds=60)
    first.acquire()
    try:
        with pytest.raises(locks.LockBusy) as caught:
            locks.DatabaseLock(engine, lease_seconds=60).acquire()
        message = str(caught.value)
        assert message.startswith("another refresh is running (pid ")
        assert f"pid {first.pid} on {first.host} since " in message
    finally:
        first.release()
    assert _holder(engine) is None


def test_lock_of_dead_pid_on_this_host_is_recovered(engine):
    """A lock left by a killed process on this host is taken over at once."""
    _plant(engine, pid=_dead_pid())
    lock = locks.DatabaseLock(engine, lease_seconds=3600)
    lock.acquire()
    assert _holder(engine)["owner"] == lock.owner
    lock.release()


def test_expired_lease_on_another_host_is_recovered(engine):
    """A holder on another host whose lease expired is taken over."""
    old = store.utcnow() - timedelta(hours=2)
    _plant(engine, host="elsewhere.example", pid=4242, acquired_at=old, heartbeat_at=old)
    lock = locks.DatabaseLock(engine, lease_seconds=60)
    lock.acquire()
    assert _holder(engine)["pid"] == lock.pid
    lock.release()


def test_live_holder_on_another_host_is_respected(engine):
    """A fresh lease on another host is not stale, whatever its pid."""
    _plant(engine, host="elsewhere.example", pid=_dead_pid())
    with pytest.raises(locks.LockBusy, match="on elsewhere.example"):
        locks.DatabaseLock(engine, lease_seconds=60).acquire()


def test_release_removes_only_its_own_row(engine):
    """Releasing after a takeover does not remove the new holder's lock."""
    lock = locks.DatabaseLock(engine, lease_seconds=60)
    lock.acquire()
    with engine.begin() as conn:
        store.delete_lock(conn, locks.REFRESH, lock.owner)
    _plant(engine, owner="newcomer")
    lock.release()
    assert _holder(engine)["owner"] == "newcomer"


def test_heartbeat_renews_the_lease(engine):
    """The holder's heartbeat moves heartbeat_at forward while it holds the lock."""
    lock = locks.DatabaseLock(engine, lease_seconds=0.2)
    lock.acquire()
    try:
        first = _holder(engine)["heartbeat_at"]
        wait_for(lambda: _holder(engine)["heartbeat_at"] > first, "a heartbeat")
    finally:
        lock.release()


def test_run_sources_refused_while_locked(engine, tmp_path):
    """A refresh started while another holds the lock raises LockBusy and records no run."""
    settings = refresh_settings(tmp_path)
    _plant(engine, pid=os.getpid())
    with pytest.raises(locks.LockBusy):
        pipeline.run_sources(["itu_gci"], settings, engine)
    assert store.runs_frame(engine).empty


def _cli_store_locked_by_us(tmp_path, monkeypatch):
    """A store whose refresh lock this process holds, and the CLI's environment pointing at it."""
    settings = refresh_settings(tmp_path)
    for key, value in subprocess_env(settings).items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)
    engine = store.make_engine(settings.database_url)
    store.init_schema(engine)
    _plant(engine, pid=os.getpid())
    return engine


@pytest.mark.parametrize("command", [["news", "recheck"], ["news", "reread"]])
def test_news_rewrites_wait_for_no_refresh(tmp_path, monkeypatch, command):
    """`news recheck` and `news reread` replace stored claims: with a refresh running (which
    re-checks and re-reads too) they exit 3 and write nothing, rather than both replacing one
    article's claims at once."""
    engine = _cli_store_locked_by_us(tmp_path, monkeypatch)
    result = CliRunner().invoke(cli.main, command)
    assert result.exit_code == 3, result.output
    assert "another refresh is running" in result.output
    engine.dispose()


def test_cli_exits_3_with_the_message(tmp_path, monkeypatch):
    """`cyberindex etl run` exits 3 with "another refresh is running (pid N on HOST since T)"."""
    engine = _cli_store_locked_by_us(tmp_path, monkeypatch)
    result = CliRunner().invoke(cli.main, ["etl", "run", "itu_gci"])
    assert result.exit_code == 3
    assert f"another refresh is running (pid {os.getpid()} on " in result.output
    engine.dispose()


def test_runs_left_running_are_marked_abandoned(engine, tmp_path):
    """The next refresh marks runs a killed refresh left "running" as "abandoned"."""
    settings = refresh_settings(tmp_path)
    killed = store.start_run(engine, "itu_gci")
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded"
    runs = store.runs_frame(engine).set_index("run_id")
    assert runs.loc[killed, "status"] == "abandoned"
    assert "interrupted" in runs.loc[killed, "reason"]


# ------------------------------------------- PostgreSQL: the two backends exclude each other


def _pg(tmp_path, url: str, backend: str):
    return make_settings(tmp_path, database_url=url, lock_backend=backend)


def test_table_backend_adds_the_advisory_lock_on_postgresql_only(engine, settings):
    """On PostgreSQL the table backend takes the advisory lock and its row; elsewhere the row."""
    if engine.dialect.name == "postgresql":
        assert isinstance(locks.make_lock(engine, settings), locks.PairedLock)
    else:
        assert isinstance(locks.make_lock(engine, settings), locks.DatabaseLock)


@pytest.mark.postgres
@pytest.mark.parametrize(("first", "second"), [("table", "advisory"), ("advisory", "table")])
def test_table_and_advisory_backends_exclude_each_other(tmp_path, postgres_url, first, second):
    """A refresh holding either backend's lock refuses a refresh configured with the other."""
    engine = store.make_engine(postgres_url)
    store.init_schema(engine)
    holder = locks.make_lock(engine, _pg(tmp_path, postgres_url, first))
    holder.acquire()
    try:
        with pytest.raises(locks.LockBusy, match=f"pid {os.getpid()} on "):
            locks.make_lock(engine, _pg(tmp_path, postgres_url, second)).acquire()
    finally:
        holder.release()
    again = locks.make_lock(engine, _pg(tmp_path, postgres_url, second))
    again.acquire()
    again.release()
    with engine.connect() as conn:
        assert store.read_lock(conn, locks.REFRESH) is None
    engine.dispose()


@pytest.mark.postgres
def test_advisory_run_leaves_a_live_table_run_running(tmp_path, postgres_url):
    """The audit's case: a table-lock run is loading; an advisory run is refused and does not
    call the live run abandoned. Once the holder is gone, the left run is abandoned as before."""
    engine = store.make_engine(postgres_url)
    store.init_schema(engine)
    with locks.refresh_lock(engine, _pg(tmp_path, postgres_url, "table")):
        live = store.start_run(engine, "interpol_act")
        with pytest.raises(locks.LockBusy):
            pipeline.run_sources(["interpol_act"], _pg(tmp_path, postgres_url, "advisory"), engine)
        assert store.runs_frame(engine).set_index("run_id").loc[live, "status"] == "running"
    [result] = pipeline.run_sources(["interpol_act"], _pg(tmp_path, postgres_url, "advisory"),
                                    engine)
    assert result.status == "succeeded"
    assert store.runs_frame(engine).set_index("run_id").loc[live, "status"] == "abandoned"
    engine.dispose()


@pytest.mark.postgres
def test_advisory_lock_respects_a_live_row_and_ignores_a_stale_one(postgres_url):
    """A live ``locks`` row (a process that takes only the row) stops the advisory lock and is
    named; a stale one (dead pid on this host) does not."""
    engine = store.make_engine(postgres_url)
    store.init_schema(engine)
    _plant(engine, host="elsewhere.example", pid=4242)
    with pytest.raises(locks.LockBusy, match="pid 4242 on elsewhere.example"):
        locks.AdvisoryLock(engine).acquire()
    with engine.begin() as conn:
        store.delete_lock(conn, locks.REFRESH, "someone-else")
    _plant(engine, pid=_dead_pid())
    lock = locks.AdvisoryLock(engine)
    lock.acquire()
    lock.release()
    engine.dispose()


@pytest.mark.postgres
def test_stores_in_other_schemas_have_their_own_lock(tmp_path, postgres_url):
    """Advisory locks are per database: a store in another schema is not blocked."""
    other_url = postgres_scratch().new_store_url()
    engine, other = store.make_engine(postgres_url), store.make_engine(other_url)
    for eng in (engine, other):
        store.init_schema(eng)
    held = locks.make_lock(engine, _pg(tmp_path, postgres_url, "advisory"))
    held.acquire()
    try:
        free = locks.make_lock(other, _pg(tmp_path, other_url, "table"))
        free.acquire()
        free.release()
    finally:
        held.release()
    engine.dispose()
    other.dispose()
    postgres_scratch().drop_store(other_url)


# ------------------------------------------------------------ a run that lost the lock


def _take_over(engine) -> None:
    """What a second refresh does to a lock whose lease expired: the row replaced by its own."""
    with engine.begin() as conn:
        store.delete_lock(conn, locks.REFRESH, _holder(engine)["owner"])
    _plant(engine, owner="the-newer-refresh", pid=os.getpid())


def test_a_run_that_lost_the_lock_commits_nothing(tmp_path, monkeypatch):
    """A refresh that stalls past its lease while another takes the lock over fails its load
    with the reason, instead of committing its older input over the newer holder's data; the
    rest of its sources are not run."""
    from tests.etl.refresh_support import edit_gci, published, published_copy, set_cells

    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    before = published(engine)
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2018", overall_score="0.439"))
    taken = []

    def stall(stage: str) -> None:  # the stall: another refresh recovers the lock meanwhile
        if stage == "validate" and not taken:
            _take_over(engine)
            taken.append(stage)

    monkeypatch.setattr(pipeline, "_test_pause", stall)
    results = pipeline.run_sources(["itu_gci", "ncsi"], settings, engine)

    [lost] = results  # ncsi was not run: the lock is someone else's
    assert lost.status == "failed" and lost.reason == locks.LOCK_LOST
    assert published(engine).equals(before)
    with engine.connect() as conn:
        assert store.run_row(conn, lost.run_id)["reason"] == locks.LOCK_LOST
        assert store.latest_run(conn, "ncsi") is None
        assert store.read_lock(conn, locks.REFRESH)["owner"] == "the-newer-refresh"
    engine.dispose()


def test_a_run_that_kept_the_lock_commits(engine, tmp_path):
    """The check passes while the lock is still the run's own."""
    settings = refresh_settings(tmp_path)
    with locks.refresh_lock(engine, settings) as lock, engine.begin() as conn:
        lock.ensure_held(conn)


@pytest.mark.postgres
def test_advisory_lock_lost_with_its_connection_is_seen(postgres_url):
    """PostgreSQL frees an advisory lock when its session ends: the check then fails."""
    import sqlalchemy as sa

    engine = store.make_engine(postgres_url)
    lock = locks.AdvisoryLock(engine)
    lock.acquire()
    try:
        with engine.begin() as conn:
            lock.ensure_held(conn)
            conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"),
                         {"pid": lock._backend_pid})
        # pg_terminate_backend only signals the session: wait until it has ended (on a busy
        # machine the check could otherwise still see the lock held).
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                alive = conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity "
                                             "WHERE pid = :pid"),
                                     {"pid": lock._backend_pid}).scalar()
            if not alive:
                break
            time.sleep(0.05)
        with engine.begin() as conn, pytest.raises(locks.LockLost):
            lock.ensure_held(conn)
        assert lock.lost
    finally:
        lock.release()
        engine.dispose()


# ------------------------------------------------------------ `etl run` refused by the lock


@pytest.mark.parametrize(("args", "sources"), [
    (["itu_gci"], ["itu_gci"]),
    (["--all"], ["itu_gci_evidence", "itu_gci", "un_egdi", "ncsi", "interpol_act",
                 "worldbank_wdi_2017", "news_files"]),
], ids=["one", "all"])
def test_cli_refused_by_the_lock_records_skipped_runs(tmp_path, monkeypatch, args, sources):
    """`etl run` refused by the lock exits 3 and records a "skipped" run per source it would
    have run (as the scheduler does), with the reason, so the Status page shows it."""
    engine = _cli_store_locked_by_us(tmp_path, monkeypatch)

    result = CliRunner().invoke(cli.main, ["etl", "run", *args])

    assert result.exit_code == 3
    runs = store.runs_frame(engine)
    assert sorted(runs["source_id"]) == sorted(sources)
    assert set(runs["status"]) == {"skipped"}
    assert set(runs["reason"]) == {skipped_runs.SKIPPED_BUSY}
    assert _holder(engine)["owner"] == "someone-else"  # the holder's lock untouched
    engine.dispose()
