"""The work a published load still owes after its commit (``pending_work``): added in the load's
transaction, read oldest first, deleted once done, or kept with its error and attempts for the
next run. Part of :mod:`etl.store`: use ``store.<name>``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from etl.store.schema import inserted_id, pending_work, utcnow

# The kinds of owed work: the re-check of the news claims about a source's index, and the
# delivery of a release's alerts.
RECHECK_CLAIMS = "recheck_claims"
DELIVER_ALERTS = "deliver_alerts"
WORK_KINDS = (RECHECK_CLAIMS, DELIVER_ALERTS)


def add_pending_work(
    conn: Connection, kind: str, source_id: str, release_id: int | None, payload: dict[str, Any]
) -> int:
    """Record work owed (in the caller's transaction: the load's). Its ``work_id``."""
    if kind not in WORK_KINDS:
        raise ValueError(f"unknown kind of pending work {kind!r}; known: {', '.join(WORK_KINDS)}")
    result = conn.execute(
        pending_work.insert().values(
            kind=kind,
            source_id=source_id,
            release_id=release_id,
            payload=json.dumps(payload, ensure_ascii=False, default=str),
            created_at=utcnow(),
            attempts=0,
        )
    )
    return inserted_id(result)


def pending_work_rows(
    conn: Connection, *, kinds: Sequence[str] = WORK_KINDS, release_id: int | None = None
) -> list[dict[str, Any]]:
    """The work still owed, oldest first, its payload decoded (only ``release_id``'s if given)."""
    query = (
        sa.select(pending_work)
        .where(pending_work.c.kind.in_(list(kinds)))
        .order_by(pending_work.c.work_id)
    )
    if release_id is not None:
        query = query.where(pending_work.c.release_id == release_id)
    return [{**r._mapping, "payload": json.loads(r.payload)} for r in conn.execute(query)]


def delete_pending_work(conn: Connection, work_ids: Sequence[int]) -> int:
    """Forget work done. The number of rows deleted."""
    if not work_ids:
        return 0
    return conn.execute(
        pending_work.delete().where(pending_work.c.work_id.in_(list(work_ids)))
    ).rowcount


def save_pending_progress(conn: Connection, work_id: int, payload: dict[str, Any]) -> None:
    """Keep what part of the work is done (e.g. the alert channels delivered) on its row."""
    conn.execute(
        pending_work.update()
        .where(pending_work.c.work_id == work_id)
        .values(payload=json.dumps(payload, ensure_ascii=False, default=str))
    )


def record_pending_failure(conn: Connection, work_id: int, error: str) -> None:
    """One more failed attempt of the work, with its error; the row stays for the next run."""
    conn.execute(
        pending_work.update()
        .where(pending_work.c.work_id == work_id)
        .values(attempts=pending_work.c.attempts + 1, last_error=error)
    )


def reset_pending_attempts(conn: Connection, kinds: Sequence[str] = WORK_KINDS,
                           at_least: int = 1) -> int:
    """Count the failed attempts of the owed work of ``kinds`` that failed ``at_least`` times
    from zero again (a person fixed the channel: the next refresh tries it). Rows reset."""
    return conn.execute(
        pending_work.update()
        .where(pending_work.c.kind.in_(list(kinds)), pending_work.c.attempts >= at_least)
        .values(attempts=0)
    ).rowcount
