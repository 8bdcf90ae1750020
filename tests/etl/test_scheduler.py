"""Scheduled refreshes: cron per source from settings, one job per time that runs every source
due then under one lock (waiting for a lock held elsewhere), only what `etl run --all` runs."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from etl import cli, locks, pipeline, run_safety, scheduler, store
from etl.sources import SOURCES
from tests.etl.refresh_support import refresh_settings, subprocess_env


def test_default_is_weekly_for_every_source():
    """Without CYBERINDEX_SCHEDULE every source runs on the weekly default."""
    plan = scheduler.parse_schedule("", "0 3 * * 1", SOURCES)
    assert plan == dict.fromkeys(SOURCES, "0 3 * * 1")


def test_per_source_cron_overrides_default():
    """"source=cron;..." sets a source's own cron."""
    plan = scheduler.parse_schedule(" itu_gci=0 4 1 * * ; ", "0 3 * * 1", ["itu_gci", "other"])
    assert plan == {"itu_gci": "0 4 1 * *", "other": "0 3 * * 1"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("nope=0 3 * * 1", "unknown source 'nope'", id="unknown-source"),
        pytest.param("itu_gci", "is not SOURCE=CRON", id="no-equals"),
        pytest.param("itu_gci=0 3 * *", "not a 5-field cron", id="four-fields"),
    ],
)
def test_bad_schedule_entries_refused(text, message):
    """A malformed schedule is refused with the entry named."""
    with pytest.raises(ValueError, match=message):
        scheduler.parse_schedule(text, "0 3 * * 1", SOURCES)


def _jobs(settings) -> dict[str, tuple[str, ...]]:
    """Job id to the sources it refreshes, of the scheduler built from ``settings``."""
    return {job.id: job.args[0] for job in scheduler.build_scheduler(settings).get_jobs()}


def test_sources_due_together_share_one_job(tmp_path):
    """One job per distinct cron: a source with its own cron alone, the others together;
    --list prints each job's next run and its sources."""
    settings = refresh_settings(tmp_path, schedule="itu_gci=30 2 * * 3")
    sched = scheduler.build_scheduler(settings)
    jobs = {job.id: job for job in sched.get_jobs()}
    assert set(jobs) == {"refresh:30 2 * * 3", "refresh:0 3 * * 1"}
    assert jobs["refresh:30 2 * * 3"].args[0] == ("itu_gci",)
    assert jobs["refresh:0 3 * * 1"].args[0] == tuple(
        name for name in scheduler.scheduled_sources(settings) if name != "itu_gci")
    upcoming = jobs["refresh:30 2 * * 3"].trigger.get_next_fire_time(
        None, datetime(2026, 1, 1, tzinfo=UTC))
    assert (upcoming.weekday(), upcoming.hour, upcoming.minute) == (2, 2, 30)
    lines = scheduler.describe(sched)
    assert any(line.startswith("refresh:30 2 * * 3") and "itu_gci" in line for line in lines)


def test_jobs_wait_their_turn_and_never_expire(tmp_path):
    """Jobs whose times coincide queue on one worker, and a queued job is never dropped as
    "missed" (APScheduler checks the grace time when the job starts)."""
    sched = scheduler.build_scheduler(refresh_settings(tmp_path, schedule="itu_gci=0 3 * * *"))
    assert all(job.misfire_grace_time is None for job in sched.get_jobs())
    assert sched._lookup_executor("default")._pool._max_workers == 1


@pytest.mark.parametrize(
    ("field", "names"),
    [("1", "mon"), ("0", "sun"), ("7", "sun"), ("1-5", "mon-fri"), ("*/2", "*/2"),
     ("0,6", "sun,sat"), ("mon", "mon")],
)
def test_crontab_days_keep_their_meaning(field, names):
    """Crontab day numbers (0 = Sunday) reach APScheduler as day names."""
    assert scheduler.crontab_day_names(field) == names


def test_invalid_cron_field_is_a_usage_error(tmp_path, monkeypatch):
    """`cyberindex schedule` with an impossible cron exits 2 with the reason."""
    settings = refresh_settings(tmp_path)
    for key, value in subprocess_env(settings, CYBERINDEX_SCHEDULE="itu_gci=99 3 * * 1").items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli.main, ["schedule", "--list"])
    assert result.exit_code == 2 and "itu_gci" in result.output


def _plant_lock(settings, owner: str = "manual") -> None:
    """A live refresh lock held by someone else (a manual `etl run` on this host)."""
    engine = store.make_engine(settings.database_url)
    store.init_schema(engine)
    now = store.utcnow()
    with engine.begin() as conn:
        store.insert_lock(conn, {"name": locks.REFRESH, "owner": owner, "pid": os.getpid(),
                                 "host": socket.gethostname(), "acquired_at": now,
                                 "heartbeat_at": now})
    engine.dispose()


def _drop_lock(settings, owner: str = "manual") -> None:
    engine = store.make_engine(settings.database_url)
    with engine.begin() as conn:
        store.delete_lock(conn, locks.REFRESH, owner)
    engine.dispose()


def _runs(settings):
    engine = store.make_engine(settings.database_url)
    runs = store.runs_frame(engine)
    engine.dispose()
    return runs


def test_every_source_due_at_once_is_refreshed_once(tmp_path):
    """All sources share the default cron: their one job refreshes each of them once (it used
    to be one job per source, and all but one found the lock taken and were skipped)."""
    settings = refresh_settings(tmp_path)
    [job] = scheduler.build_scheduler(settings).get_jobs()
    results = job.func(*job.args, **job.kwargs)
    expected = scheduler.scheduled_sources(settings)
    assert [r.source_id for r in results] == expected
    runs = _runs(settings)
    assert sorted(runs["source_id"]) == sorted(expected)
    assert set(runs["status"]) == {"succeeded"}


def test_job_waits_for_a_lock_held_elsewhere(tmp_path):
    """A job that finds the lock taken (a manual run) tries again instead of skipping."""
    settings = refresh_settings(tmp_path)
    _plant_lock(settings)
    waits: list[float] = []

    def manual_run_ends(seconds: float) -> None:
        waits.append(seconds)
        _drop_lock(settings)

    [result] = scheduler.refresh_job(["interpol_act"], settings, lock_wait=60, retry_every=5,
                                     sleep=manual_run_ends)
    assert result.status == "succeeded" and waits == [5]


def test_job_records_a_skip_when_the_lock_stays_taken(tmp_path, caplog):
    """Past its wait, a job records a "skipped" run per source (shown by `etl status`) and
    logs the holder."""
    settings = refresh_settings(tmp_path)
    _plant_lock(settings)
    results = scheduler.refresh_job(["itu_gci", "ncsi"], settings, lock_wait=0, retry_every=1)
    assert [(r.source_id, r.status) for r in results] == [("itu_gci", "skipped"),
                                                          ("ncsi", "skipped")]
    runs = _runs(settings)
    assert sorted(runs["source_id"]) == ["itu_gci", "ncsi"]
    assert set(runs["status"]) == {"skipped"} and set(runs["reason"]) == {scheduler.SKIPPED_LOCKED}
    assert runs["finished_at"].notna().all()
    assert "scheduled itu_gci, ncsi skipped: another refresh is running" in caplog.text


def test_jobs_firing_together_both_run(tmp_path):
    """Two jobs started at the same moment (two crons that coincide): one waits for the other's
    lock, and both sources are refreshed."""
    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    store.init_schema(engine)  # both jobs then meet at the lock, not at the schema's creation
    engine.dispose()
    results: dict[str, list] = {}

    def job(name: str) -> None:
        results[name] = scheduler.refresh_job([name], settings, lock_wait=120, retry_every=0.05)

    threads = [threading.Thread(target=job, args=(name,)) for name in ("itu_gci", "ncsi")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert {name: [r.status for r in got] for name, got in results.items()} == {
        "itu_gci": ["succeeded"], "ncsi": ["succeeded"]}


# ---------------------------------------------------------------- only what `etl run --all` runs

LIVE = {name for name, module in SOURCES.items() if module.INFO.kind == "live"}


def test_live_sources_not_enabled_are_not_scheduled(tmp_path):
    """With CYBERINDEX_LIVE_SOURCES empty no live source is scheduled; listed ones are."""
    scheduled = {name for names in _jobs(refresh_settings(tmp_path, live_sources=())).values()
                 for name in names}
    assert LIVE >= {"worldbank_wdi", "un_egdi_live", "gdelt_doc"}
    assert scheduled and not scheduled & LIVE
    enabled = refresh_settings(tmp_path, live_sources=("worldbank_wdi",))
    scheduled = {name for names in _jobs(enabled).values() for name in names}
    assert scheduled & LIVE == {"worldbank_wdi"}


@pytest.mark.parametrize("live", [(), ("worldbank_wdi", "gdelt_doc")], ids=["none", "two"])
def test_scheduled_sources_are_what_run_all_runs(tmp_path, monkeypatch, live):
    """The scheduler and `etl run --all` choose their sources by the same rule."""
    settings = refresh_settings(tmp_path, live_sources=live)
    ran: list[str] = []
    monkeypatch.setattr(pipeline, "run_source", lambda module, settings, engine, **_: (
        ran.append(module.INFO.id) or run_safety.RunResult(module.INFO.id, None, "succeeded")))
    engine = store.make_engine(settings.database_url)
    pipeline.run_sources([], settings, engine)
    engine.dispose()
    assert scheduler.scheduled_sources(settings) == ran


def test_schedule_naming_a_disabled_live_source_is_refused(tmp_path, monkeypatch):
    """A schedule for a live source that is not enabled would never run: exit 2, saying why."""
    settings = refresh_settings(tmp_path)
    for key, value in subprocess_env(settings, CYBERINDEX_SCHEDULE="gdelt_doc=0 5 * * *",
                                     CYBERINDEX_LIVE_SOURCES="").items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli.main, ["schedule", "--list"])
    assert result.exit_code == 2
    assert "gdelt_doc not enabled: add them to CYBERINDEX_LIVE_SOURCES" in result.output


def test_sigterm_stops_the_scheduler_cleanly(tmp_path):
    """SIGTERM ends ``run_forever`` as SIGINT does (a handler, not the default action, which a
    container's PID 1 does not get): the scheduler logs that it stopped and exits 0."""
    script = tmp_path / "sched.py"
    script.write_text(
        "import sys\n"
        "from apscheduler.schedulers.blocking import BlockingScheduler\n"
        "from etl import scheduler\n"
        "sched = BlockingScheduler()\n"
        "sched.add_job(lambda: None, 'interval', hours=1)\n"
        "print('ready', flush=True)\n"
        "scheduler.run_forever(sched)\n"
        "print('after', flush=True)\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=Path(__file__).parents[2])
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1.5)  # into sched.start()'s wait
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert "scheduler stopped" in out and "after" in out
