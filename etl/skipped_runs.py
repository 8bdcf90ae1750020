"""The "skipped" runs of a refresh that did not happen because another refresh held the lock.

``cyberindex etl run`` does not wait for the lock (:data:`SKIPPED_BUSY`) and the scheduler
waits only so long (:data:`etl.scheduler.SKIPPED_LOCKED`); either records a finished "skipped"
run per source (:func:`record_skipped`), so the skip shows on the Status page, not only in a
log. Written without the lock, beside the holder's runs; a SQLite file too busy with the
holder's load to take them keeps them in a spool file beside the database
(:func:`skip_spool`), and the next refresh (or forced publication) records them, under the
lock, before it runs anything (:func:`record_kept_skips`).
"""

from __future__ import annotations

import fcntl
import json
import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from etl import store
from etl.run_safety import DatabaseBusy, RunResult, retry_when_busy

log = logging.getLogger(__name__)


# The reason of the "skipped" run `etl run` records for each of its sources when another
# refresh holds the lock (it does not wait; the scheduler's own is etl.scheduler.SKIPPED_LOCKED),
# so a timer's refresh that did not happen shows on the Status page, not only in a log.
SKIPPED_BUSY = ("skipped: another refresh held the lock when this run started (`cyberindex etl "
                "run` does not wait for it); run it again once that refresh has finished")


def record_skipped(source_ids: Sequence[str], reason: str,
                   engine: Engine) -> list[RunResult]:
    """A finished "skipped" run per source, so the skip shows where runs are shown.

    Written without the refresh lock (someone else holds it): rows of their own, finished as
    soon as started, so the holder's runs are untouched and no later run calls them abandoned.
    A SQLite file busy with the holder's load (its whole-file write lock) is waited for
    :data:`SKIP_WAIT_SECONDS` only, not the busy time-out three times over per source (about
    two minutes each, then the record was lost): the runs are kept in a file beside the
    database (:func:`skip_spool`) and the next refresh records them, with their own times,
    before it runs anything. Another engine busy that long is waited out as before; a database
    too busy even so is logged (the caller's outcome stays what it was).
    """
    now = store.utcnow()
    rows: list[dict[str, Any]] = [{"source_id": s, "started_at": now, "finished_at": now,
                                   "status": "skipped", "reason": reason} for s in source_ids]
    if not rows:
        return []
    spool = skip_spool(engine)
    quick = store.make_engine(engine.url, SKIP_WAIT_SECONDS) if spool is not None else engine

    def add() -> list[int]:
        with quick.begin() as conn:
            return store.add_finished_runs(conn, rows)

    try:
        if spool is not None:
            try:
                ids: list[int | None] = list(add())
            except Exception as exc:
                if not store.is_busy(exc):
                    raise
                ids = [None] * len(rows)
                try:
                    _keep_skipped(spool, rows)
                except OSError as error:
                    log.error("skipped runs of %s not recorded: the database is busy and %s "
                              "cannot be written (%s)", ", ".join(source_ids), spool, error)
                else:
                    log.warning("database busy: the skipped run(s) of %s are kept in %s; the "
                                "next refresh records them", ", ".join(source_ids), spool)
        else:
            try:
                ids = list(retry_when_busy(add, "recording skipped runs"))
            except DatabaseBusy as exc:
                log.error("skipped runs of %s not recorded: %s", ", ".join(source_ids), exc)
                ids = [None] * len(rows)
    finally:
        if quick is not engine:
            quick.dispose()
    return [RunResult(row["source_id"], run_id, "skipped", reason)
            for row, run_id in zip(rows, ids, strict=True)]


# How long a refused refresh waits for a busy SQLite file to record its skipped runs before
# it keeps them in the spool file for the next refresh (it exits at once either way).
SKIP_WAIT_SECONDS = 2.0


def skip_spool(engine: Engine) -> Path | None:
    """The file beside a SQLite database where skipped runs wait while it is busy (None for
    another engine, whose writers do not lock the whole database)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    path = Path(url.database)
    return path.with_name(path.name + ".skipped-runs.jsonl")


def _keep_skipped(spool: Path, rows: list[dict]) -> None:
    """Append the runs to the spool, one JSON line each, under an exclusive lock of the file
    (the refresh recording them holds it while it reads and empties it)."""
    text = "".join(json.dumps({**row, "started_at": row["started_at"].isoformat(),
                               "finished_at": row["finished_at"].isoformat()}) + "\n"
                   for row in rows)
    with spool.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(text)


def record_kept_skips(engine: Engine) -> int:
    """Record the skipped runs the spool holds (:func:`record_skipped` kept them while the
    database was busy), each with its own times, and empty it; the number recorded. Called
    under the refresh lock. The file is emptied once the runs have committed (a crash in
    between records them twice, never loses them); a line that cannot be read is logged and
    dropped."""
    spool = skip_spool(engine)
    if spool is None or not spool.exists():
        return 0
    with spool.open("r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        rows = []
        for line in handle.read().splitlines():
            try:
                row = json.loads(line)
                rows.append({"source_id": str(row["source_id"]),
                             "started_at": datetime.fromisoformat(row["started_at"]),
                             "finished_at": datetime.fromisoformat(row["finished_at"]),
                             "status": "skipped", "reason": row.get("reason")})
            except (ValueError, KeyError, TypeError):
                log.error("a skipped run kept in %s cannot be read, dropped: %r", spool, line)
        if rows:
            def add() -> None:
                with engine.begin() as conn:
                    store.add_finished_runs(conn, rows)

            retry_when_busy(add, "recording the skipped runs kept while the database was busy")
        handle.seek(0)
        handle.truncate()
    return len(rows)
