"""Scheduled refreshes: one cron expression per source, in one long-lived process.

``cyberindex schedule`` runs an APScheduler ``BlockingScheduler``; each job runs one source
through :func:`etl.pipeline.run_sources`, so it takes the refresh lock like any other run (a
job that finds the lock taken logs it and waits for its next time). The schedule comes from
``CYBERINDEX_SCHEDULE`` ("itu_gci=0 3 * * 1;worldbank_wdi=0 4 1 * *"); sources not named run
on ``CYBERINDEX_SCHEDULE_DEFAULT`` (weekly, Monday 03:00). For cron or a systemd timer instead,
see docs/operations.md (``cyberindex etl run --all``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from etl import locks, pipeline, store
from etl.settings import Settings
from etl.sources import SOURCES

log = logging.getLogger(__name__)


def parse_schedule(text: str, default: str, sources: Iterable[str]) -> dict[str, str]:
    """Source id to 5-field cron expression; raises ValueError on a bad entry."""
    known = list(sources)
    chosen = dict.fromkeys(known, default.strip())
    for entry in (part.strip() for part in text.split(";")):
        if not entry:
            continue
        name, sep, cron = entry.partition("=")
        name, cron = name.strip(), cron.strip()
        if not sep or not name or not cron:
            raise ValueError(f"schedule entry {entry!r} is not SOURCE=CRON")
        if name not in chosen:
            raise ValueError(f"schedule names unknown source {name!r}; known: {', '.join(known)}")
        chosen[name] = cron
    for name, cron in chosen.items():
        if len(cron.split()) != 5:
            raise ValueError(f"schedule for {name}: {cron!r} is not a 5-field cron expression")
    return chosen


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


def refresh_job(source_id: str, settings: Settings) -> list[pipeline.RunResult]:
    """One scheduled run of one source; logs its outcome, never raises."""
    engine = store.make_engine(settings.database_url)
    try:
        results = pipeline.run_sources([source_id], settings, engine)
    except locks.LockBusy as exc:
        log.warning("scheduled %s skipped: %s", source_id, exc)
        return []
    except Exception:  # noqa: BLE001 - a scheduler must outlive any one run
        log.exception("scheduled %s crashed", source_id)
        return []
    finally:
        engine.dispose()
    for r in results:
        log.info("scheduled %s: %s run %s release %s %s %s", r.source_id, r.status, r.run_id,
                 r.release_id, r.counts, r.reason or "")
    return results


def build_scheduler(settings: Settings) -> BlockingScheduler:
    """A scheduler with one job per source (not started)."""
    plan = parse_schedule(settings.schedule, settings.schedule_default, SOURCES)
    sched = BlockingScheduler(timezone=settings.schedule_timezone)
    for source_id, cron in plan.items():
        try:
            trigger = cron_trigger(cron, settings.schedule_timezone)
        except ValueError as exc:
            raise ValueError(f"schedule for {source_id}: {cron!r}: {exc}") from exc
        sched.add_job(
            refresh_job, trigger, args=(source_id, settings), id=f"refresh:{source_id}",
            name=f"refresh {source_id} ({cron})", max_instances=1, coalesce=True,
            misfire_grace_time=3600,
        )
    return sched


def describe(sched: BlockingScheduler, now: datetime | None = None) -> list[str]:
    """One line per job: id, cron and next run time."""
    now = now or datetime.now(UTC)
    lines = []
    for job in sched.get_jobs():
        upcoming = job.trigger.get_next_fire_time(None, now)
        lines.append(f"{job.id:<30} next {upcoming:%Y-%m-%d %H:%M %Z}  {job.name}")
    return lines


def run_forever(sched: BlockingScheduler) -> None:
    """Start the scheduler and block until interrupted (SIGINT/SIGTERM)."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for line in describe(sched):
        log.info("scheduled: %s", line)
    try:
        sched.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("scheduler stopped")
