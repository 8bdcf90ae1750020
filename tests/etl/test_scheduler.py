"""Scheduled refreshes: cron per source from settings, jobs that take the lock like any run."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from etl import cli, locks, scheduler, store
from etl.sources import SOURCES
from tests.etl.refresh_support import published_copy, refresh_settings, subprocess_env


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


def test_scheduler_has_one_job_per_source_with_next_time(tmp_path):
    """The built scheduler holds one cron job per source; --list prints the next run."""
    settings = refresh_settings(tmp_path, schedule="itu_gci=30 2 * * 3")
    sched = scheduler.build_scheduler(settings)
    jobs = {job.id: job for job in sched.get_jobs()}
    assert set(jobs) == {f"refresh:{name}" for name in SOURCES}
    job = jobs["refresh:itu_gci"]
    upcoming = job.trigger.get_next_fire_time(None, datetime(2026, 1, 1, tzinfo=UTC))
    assert (upcoming.weekday(), upcoming.hour, upcoming.minute) == (2, 2, 30)
    assert any(line.startswith("refresh:itu_gci") for line in scheduler.describe(sched))


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


def test_job_runs_the_source_and_skips_when_locked(tmp_path, caplog):
    """A job refreshes its source; while another refresh holds the lock it logs and skips."""
    settings = published_copy(tmp_path)
    [result] = scheduler.refresh_job("itu_gci", settings)
    assert result.status == "succeeded"
    engine = store.make_engine(settings.database_url)
    now = store.utcnow()
    with engine.begin() as conn:
        store.insert_lock(conn, {"name": locks.REFRESH, "owner": "x", "pid": os.getpid(),
                                 "host": socket.gethostname(), "acquired_at": now,
                                 "heartbeat_at": now})
    assert scheduler.refresh_job("itu_gci", settings) == []
    assert "scheduled itu_gci skipped: another refresh is running" in caplog.text
    engine.dispose()
