"""Scheduled refreshes: a cron expression per source, in one long-lived process.

``cyberindex schedule`` runs an APScheduler ``BlockingScheduler`` with one job per distinct cron
expression: the sources due at the same time run as one :func:`etl.pipeline.run_sources` call,
one after another under one refresh lock (with one job per source they fired together and all
but one found the lock taken). Jobs run on a single worker thread, so two jobs whose times
coincide queue instead of racing for the lock; a job never expires while it waits its turn
(``misfire_grace_time=None``: APScheduler checks it when the job starts, not when it fires).

A job that finds the lock held by someone else (a manual ``etl run``) retries every
:data:`LOCK_RETRY_SECONDS` for up to :data:`LOCK_WAIT_SECONDS`; if the lock is still taken it
records a ``skipped`` run per source (:data:`SKIPPED_LOCKED`) so ``etl status`` and the Status
page show it, and waits for its next time.

Only the sources ``etl run --all`` runs are scheduled (:meth:`Settings.runs_unnamed`: live
sources only when listed in ``CYBERINDEX_LIVE_SOURCES``). The schedule comes from
``CYBERINDEX_SCHEDULE`` ("itu_gci=0 3 * * 1;worldbank_wdi=0 4 1 * *"); sources not named run on
``CYBERINDEX_SCHEDULE_DEFAULT`` (weekly, Monday 03:00). For cron or a systemd timer instead,
see docs/operations.md (``cyberindex etl run --all``).
"""

from __future__ import annotations

import logging
import re
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.engine import Engine

from etl import locks, pipeline, run_safety, skipped_runs, store
from etl.settings import Settings
from etl.sources import SOURCES

log = logging.getLogger(__name__)


# How long a job waits for a refresh lock held by someone else, and how often it tries again.
LOCK_WAIT_SECONDS = 3600.0
LOCK_RETRY_SECONDS = 30.0

# The reason of the "skipped" run recorded for each source of a job that could not get the lock
# (shown by `etl status` and the Status page; the holder is named in the log).
SKIPPED_LOCKED = ("skipped by the scheduler: another refresh held the lock for longer than the "
                  "scheduler waits; the source runs again at its next scheduled time")


def schedule_entries(text: str, known: Iterable[str]) -> dict[str, str]:
    """The sources ``CYBERINDEX_SCHEDULE`` names, with their cron; ValueError on a bad entry."""
    known = list(known)
    named: dict[str, str] = {}
    for entry in (part.strip() for part in text.split(";")):
        if not entry:
            continue
        name, sep, cron = entry.partition("=")
        name, cron = name.strip(), cron.strip()
        if not sep or not name or not cron:
            raise ValueError(f"schedule entry {entry!r} is not SOURCE=CRON")
        if name not in known:
            raise ValueError(f"schedule names unknown source {name!r}; known: {', '.join(known)}")
        named[name] = cron
    return named


def parse_schedule(text: str, default: str, sources: Iterable[str]) -> dict[str, str]:
    """Source id to 5-field cron expression; raises ValueError on a bad entry."""
    known = list(sources)
    chosen = dict.fromkeys(known, default.strip())
    chosen.update(schedule_entries(text, known))
    for name, cron in chosen.items():
        if len(cron.split()) != 5:
            raise ValueError(f"schedule for {name}: {cron!r} is not a 5-field cron expression")
    return chosen


def scheduled_sources(settings: Settings) -> list[str]:
    """The sources the scheduler refreshes: those ``etl run --all`` runs, in registry order."""
    return [name for name, module in SOURCES.items()
            if settings.runs_unnamed(name, module.INFO.kind)]


def schedule_plan(settings: Settings) -> dict[str, list[str]]:
    """Cron expression to the sources due on it (registry order), scheduled sources only.

    Raises ValueError on a bad schedule, and when it names a live source that is not enabled
    (it would never run: the operator meant something, so say what is missing).
    """
    enabled = scheduled_sources(settings)
    named = schedule_entries(settings.schedule, SOURCES)
    disabled = [name for name in named if name not in enabled]
    if disabled:
        raise ValueError(f"schedule names live source(s) {', '.join(disabled)} not enabled: "
                         "add them to CYBERINDEX_LIVE_SOURCES or leave them out of the schedule")
    crons = parse_schedule(settings.schedule, settings.schedule_default, SOURCES)
    plan: dict[str, list[str]] = {}
    for name in enabled:
        plan.setdefault(" ".join(crons[name].split()), []).append(name)
    return plan


_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def crontab_day_names(field: str) -> str:
    """A crontab day-of-week field (0 or 7 = Sunday) with day names.

    APScheduler 3 counts numeric days from Monday (0 = Monday), crontab from Sunday; names
    mean the same to both, so "1" (Monday in crontab) must reach APScheduler as "mon".
    """
    parts = []
    for part in field.split(","):
        span, slash, step = part.partition("/")
        span = re.sub(r"\d+", lambda m: _CRON_DAYS[int(m.group()) % 8], span)
        parts.append(span + slash + step)
    return ",".join(parts)


def cron_trigger(cron: str, timezone: str) -> CronTrigger:
    """A trigger for a 5-field crontab expression, with crontab's day-of-week numbering."""
    minute, hour, day, month, day_of_week = cron.split()
    return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                       day_of_week=crontab_day_names(day_of_week), timezone=timezone)


def refresh_job(source_ids: Sequence[str], settings: Settings, *,
                lock_wait: float = LOCK_WAIT_SECONDS, retry_every: float = LOCK_RETRY_SECONDS,
                sleep: Callable[[float], None] = time.sleep) -> list[run_safety.RunResult]:
    """One scheduled refresh of the sources due together, one after another under one lock.

    Logs each outcome and never raises: a scheduler must outlive any one run.
    """
    names = ", ".join(source_ids)
    engine = store.make_engine(settings.database_url)
    try:
        results = run_when_lock_free(source_ids, settings, engine, lock_wait=lock_wait,
                                     retry_every=retry_every, sleep=sleep)
    except Exception:  # noqa: BLE001 - a scheduler must outlive any one run
        log.exception("scheduled refresh of %s crashed", names)
        return []
    finally:
        engine.dispose()
    for r in results:
        log.info("scheduled %s: %s run %s release %s %s %s", r.source_id, r.status, r.run_id,
                 r.release_id, r.counts, r.reason or "")
    return results


def run_when_lock_free(source_ids: Sequence[str], settings: Settings, engine: Engine, *,
                       lock_wait: float, retry_every: float,
                       sleep: Callable[[float], None]) -> list[run_safety.RunResult]:
    """:func:`etl.pipeline.run_sources`, retried while another process holds the lock.

    ``run_sources`` raises :class:`etl.locks.LockBusy` before it starts any run, so trying
    again is safe. After ``lock_wait`` seconds the sources get a recorded "skipped" run.
    """
    deadline = time.monotonic() + lock_wait
    while True:
        try:
            return pipeline.run_sources(source_ids, settings, engine)
        except locks.LockBusy as exc:
            if time.monotonic() + retry_every > deadline:
                log.warning("scheduled %s skipped: %s (waited %d s)", ", ".join(source_ids),
                            exc, lock_wait)
                return skipped_runs.record_skipped(source_ids, SKIPPED_LOCKED, engine)
            log.info("scheduled %s waits: %s", ", ".join(source_ids), exc)
            sleep(retry_every)


def build_scheduler(settings: Settings) -> BlockingScheduler:
    """A scheduler with one job per distinct cron expression (not started)."""
    plan = schedule_plan(settings)
    sched = BlockingScheduler(timezone=settings.schedule_timezone,
                              executors={"default": ThreadPoolExecutor(max_workers=1)})
    for cron, source_ids in plan.items():
        try:
            trigger = cron_trigger(cron, settings.schedule_timezone)
        except ValueError as exc:
            raise ValueError(f"schedule for {', '.join(source_ids)}: {cron!r}: {exc}") from exc
        sched.add_job(
            refresh_job, trigger, args=(tuple(source_ids), settings), id=f"refresh:{cron}",
            name=f"refresh {', '.join(source_ids)}", max_instances=1, coalesce=True,
            misfire_grace_time=None,
        )
    return sched


def describe(sched: BlockingScheduler, now: datetime | None = None) -> list[str]:
    """One line per job: id (with its cron), next run time and the sources it refreshes."""
    now = now or datetime.now(UTC)
    lines = []
    for job in sched.get_jobs():
        upcoming = job.trigger.get_next_fire_time(None, now)
        lines.append(f"{job.id:<24} next {upcoming:%Y-%m-%d %H:%M %Z}  {job.name}")
    return lines


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def run_forever(sched: BlockingScheduler) -> None:
    """Start the scheduler and block until interrupted (SIGINT/SIGTERM).

    SIGTERM stops it as SIGINT does. Its default action (end the process) is not taken for a
    process that runs as PID 1, as the scheduler does in its container: without a handler,
    ``docker compose stop`` waited its 10 s and then killed it. A refresh in progress ends in
    its own transaction either way."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for line in describe(sched):
        log.info("scheduled: %s", line)
    signal.signal(signal.SIGTERM, _stop)
    try:
        sched.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("scheduler stopped")
