"""What every part of a refresh shares to run safely (:mod:`etl.pipeline`, :mod:`etl.owed_work`,
:mod:`etl.skipped_runs`, :mod:`etl.maintenance`): a run's result, the retry of a transaction a
busy database refused, the refresh lock with a release a busy database cannot lose, the fence a
load passes before it commits, and a failed run's reason as the runs table keeps it.

A database busy with another writer (past the driver's own wait: SQLite's busy timeout, a
PostgreSQL lock_timeout) is waited for and tried again, then gives up with
:class:`DatabaseBusy`, which fails that source alone.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from pandera.errors import SchemaErrors
from sqlalchemy.engine import Engine

from etl import locks, store
from etl.settings import Settings
from etl.sources.base import SourceFileError

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class RunResult:
    """What one run of one source did."""

    source_id: str
    run_id: int | None  # None: the database was too busy to record the run at all
    status: str
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    snapshot_sha256: str | None = None
    release_id: int | None = None


class SnapshotError(RuntimeError):
    """The raw payload could not be kept (disk full, read-only folder): nothing is loaded."""


def fence(conn, lock: locks.Lock | None) -> None:
    """Raise :class:`etl.locks.LockLost` (rolling the load back) unless ``lock`` is still
    ours: a run that stalled past its lease while another took the lock over must not commit
    its older input over that one's release."""
    if lock is not None:
        lock.ensure_held(conn)


# A load that meets a database busy with another writer (past the driver's own wait: SQLite's
# busy timeout, a PostgreSQL lock_timeout) is tried again after a wait, this many times in all;
# then the source fails with the reason, and the refresh goes on with the next source.
BUSY_ATTEMPTS = 3
BUSY_WAIT_SECONDS = 10.0
_sleep = time.sleep  # the wait between attempts (tests replace it)


class DatabaseBusy(RuntimeError):
    """The database stayed busy with another writer through every attempt."""


def retry_when_busy(action: Callable[[], T], what: str) -> T:
    """``action()`` (a whole transaction: it rolled back when it failed), tried again after a
    growing wait while the database is busy; :class:`DatabaseBusy` says what gave up and why."""
    for attempt in range(1, BUSY_ATTEMPTS + 1):
        try:
            return action()
        except Exception as exc:
            if not store.is_busy(exc):
                raise
            detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            if attempt == BUSY_ATTEMPTS:
                raise DatabaseBusy(
                    f"database busy: {what} gave up after {BUSY_ATTEMPTS} attempts, another "
                    f"writer held the database ({detail})") from exc
            log.warning("database busy during %s (%s); trying again in %.0f s", what, detail,
                        BUSY_WAIT_SECONDS * attempt)
            _sleep(BUSY_WAIT_SECONDS * attempt)
    raise AssertionError("unreachable")


@contextmanager
def refresh_lock(engine: Engine, settings: Settings) -> Iterator[locks.Lock]:
    """:func:`etl.locks.refresh_lock`, whose release is tried again when a busy database
    refused it, so the runs of the block are not lost to it and the lock is not left behind
    (releasing twice is harmless: a lock gives back only what it still holds)."""
    held: list = []
    done = False
    try:
        with locks.refresh_lock(engine, settings) as lock:
            held.append(lock)
            yield lock
            done = True
    except Exception as exc:
        if not (done and store.is_busy(exc)):
            raise
        try:
            retry_when_busy(held[0].release, "releasing the refresh lock")
        except DatabaseBusy as busy:
            log.error("the refresh lock was not released (%s); a later run recovers it", busy)


def failure_reason(exc: Exception) -> str:
    """A failed run's reason as the runs table keeps it (in English; the Status page says it
    in the reader's language: :mod:`dashboard.run_reasons`)."""
    if isinstance(exc, SchemaErrors):
        return "schema: " + "; ".join(
            sorted({f"{c.column}: {c.check}" for c in exc.failure_cases.itertuples()})
        )
    if isinstance(exc, SourceFileError | SnapshotError | DatabaseBusy | OSError
                  | locks.LockLost):
        return _one_line(str(exc))
    return _one_line(f"{type(exc).__name__}: {exc}")


def _one_line(reason: str) -> str:
    """A reason on one line (the Status page and the log show one line per run): a message
    that spans lines (pandas ends some with a line break) has its lines joined by a space."""
    return " ".join(line.strip() for line in reason.splitlines() if line.strip())
