"""One refresh at a time, across processes and hosts: a lock row in the database.

The lock is a row in ``locks`` claimed by a plain INSERT that fails on the primary key when
someone holds it, so it works the same on SQLite and PostgreSQL and across machines sharing
the database. The holder renews a lease (``heartbeat_at``) from a background thread. A lock is
stale, and is taken over, when its lease is older than ``settings.lock_lease_seconds``, or when
it was taken on this host by a process that no longer exists (a run killed with SIGKILL).
A holder that stalled past its lease may so lose the lock while it runs: the pipeline's load
transaction calls the lock's ``ensure_held`` last, and rolls back (:class:`LockLost`) when the
lock is no longer its own.

Seam: :func:`refresh_lock` is the only entry point the pipeline uses. On PostgreSQL a session
advisory lock (:class:`AdvisoryLock`) is the one both backends take, so two processes configured
with different ``CYBERINDEX_LOCK_BACKEND`` values still exclude each other: ``advisory`` takes
only that lock (and respects a live ``locks`` row), ``table`` takes it and then its row
(:class:`PairedLock`). On SQLite there is only the row.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from etl import store
from etl.settings import Settings

log = logging.getLogger(__name__)

REFRESH = "refresh"


class LockBusy(RuntimeError):
    """Another live process holds the lock.

    ``database_busy`` names the driver's words when the lock could not even be claimed because
    another writer holds the whole database (SQLite during another refresh's load): that is
    taken as the lock being held, not as a broken database. ``holder`` is then the lock row if
    it could be read, else None.
    """

    def __init__(self, holder: dict[str, Any] | None, database_busy: str | None = None) -> None:
        self.holder = holder
        self.database_busy = database_busy
        if holder is None:
            message = (f"another process is writing to the database ({database_busy}), most "
                       "likely another refresh loading; try again once it has finished")
        else:
            since = _aware(holder["acquired_at"]).strftime("%Y-%m-%d %H:%M:%S UTC")
            message = (f"another refresh is running (pid {holder['pid']} on {holder['host']} "
                       f"since {since})")
            if database_busy:
                message += f"; the database is busy with its writes ({database_busy})"
        super().__init__(message)


# The reason of a run that lost the lock before its load committed (a stalled process whose
# lease expired and was taken over): its load is rolled back, so an older input never
# overwrites what the new holder published (shown by `etl status` and the Status page).
LOCK_LOST = ("the refresh lock was taken over by another refresh (this run stalled past its "
             "lease) before its load committed; nothing of this run was published")


class LockLost(RuntimeError):
    """The lock is no longer this process's: another process took it over."""

    def __init__(self) -> None:
        super().__init__(LOCK_LOST)


class LockConfigError(ValueError):
    """``CYBERINDEX_LOCK_BACKEND`` names no backend, or one the database cannot give."""


def _aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything here is stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def stale_reason(holder: dict[str, Any], lease_seconds: float, host: str,
                 now: datetime | None = None) -> str | None:
    """Why a held lock may be taken over, or None when its holder looks alive."""
    now = now or store.utcnow()
    age = now - _aware(holder["heartbeat_at"])
    if age > timedelta(seconds=lease_seconds):
        return f"lease expired ({int(age.total_seconds())} s since the last heartbeat)"
    if holder["host"] == host and not pid_alive(int(holder["pid"])):
        return f"pid {holder['pid']} is no longer running on {host}"
    return None


@dataclass
class DatabaseLock:
    """A named lock row with a lease renewed by a heartbeat thread."""

    engine: Engine
    lease_seconds: float
    name: str = REFRESH

    def __post_init__(self) -> None:
        self.owner = uuid.uuid4().hex
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.lost = False  # another process took the lock over (seen by a beat or a check)

    def ensure_held(self, conn: Connection) -> None:
        """Raise :class:`LockLost` unless the lock row is still ours, read in the caller's
        transaction. Call it last, after the transaction's writes: SQLite then holds the write
        lock, so no takeover can commit between this check and the caller's commit."""
        holder = store.read_lock(conn, self.name)
        if holder is None or holder["owner"] != self.owner:
            self.lost = True
            log.error("the %s lock was taken over by another process (now %s): rolling back",
                      self.name, "free" if holder is None else
                      f"pid {holder['pid']} on {holder['host']}")
            raise LockLost()

    def acquire(self) -> None:
        """Take the lock now or raise :class:`LockBusy`; a stale holder is replaced.

        A database busy with another writer (SQLite while another refresh loads: its write
        transaction blocks the claim) means the lock is held too: :class:`LockBusy`, so callers
        skip or retry as for any held lock, never a "database is locked" failure.
        """
        try:
            self._claim()
        except OperationalError as exc:
            if not store.is_busy(exc):
                raise
            raise LockBusy(self._readable_holder(), _busy_words(exc)) from exc

    def _readable_holder(self) -> dict[str, Any] | None:
        """The lock row if the busy database lets it be read, else None."""
        try:
            with self.engine.connect() as conn:
                return store.read_lock(conn, self.name)
        except OperationalError:
            return None

    def _claim(self) -> None:
        # A live holder is refused on a read first: reading is not blocked by a writer's
        # transaction where writing is (SQLite), so a refresh during another's load is told
        # at once instead of waiting out the busy time-out.
        with self.engine.connect() as conn:
            holder = store.read_lock(conn, self.name)
        if holder is not None and stale_reason(holder, self.lease_seconds, self.host) is None:
            raise LockBusy(holder)
        for _ in range(3):
            now = store.utcnow()
            try:
                with self.engine.begin() as conn:
                    store.insert_lock(conn, {
                        "name": self.name, "owner": self.owner, "pid": self.pid,
                        "host": self.host, "acquired_at": now, "heartbeat_at": now,
                    })
                self._start_heartbeat()
                return
            except IntegrityError:
                pass
            with self.engine.begin() as conn:
                holder = store.read_lock(conn, self.name)
                if holder is None:
                    continue  # released meanwhile: try again
                reason = stale_reason(holder, self.lease_seconds, self.host)
                if reason is None:
                    raise LockBusy(holder)
                # Delete only the stale holder's row: if another process recovered it first,
                # its own fresh row has another owner and survives.
                if store.delete_lock(conn, self.name, holder["owner"]):
                    log.warning("recovered stale %s lock of pid %s on %s: %s",
                                self.name, holder["pid"], holder["host"], reason)
        with self.engine.begin() as conn:
            holder = store.read_lock(conn, self.name)
        raise LockBusy(holder or {"pid": "?", "host": "?", "acquired_at": store.utcnow()})

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self.engine.begin() as conn:
            store.delete_lock(conn, self.name, self.owner)

    def _start_heartbeat(self) -> None:
        interval = max(self.lease_seconds / 4, 0.05)
        self._thread = threading.Thread(
            target=self._beat, args=(interval,), name=f"{self.name}-lock-heartbeat", daemon=True
        )
        self._thread.start()

    def _beat(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                with self.engine.begin() as conn:
                    if not store.touch_lock(conn, self.name, self.owner, store.utcnow()):
                        self.lost = True
                        log.error("the %s lock was taken over by another process", self.name)
                        return
            except OperationalError as exc:  # a busy database: the next beat retries
                log.warning("lock heartbeat failed: %s", exc)


def _busy_words(exc: OperationalError) -> str:
    """The driver's first line for a busy database ("database is locked")."""
    lines = str(getattr(exc, "orig", exc)).strip().splitlines()
    return lines[0].strip() if lines else "database busy"


def advisory_key(name: str, schema: str = "public") -> int:
    """A signed 64-bit key for ``pg_try_advisory_lock``, derived from the lock's name and the
    store's schema.

    Advisory locks are per database, and a store in another schema of the same database is
    another store (the tests keep one per schema), so the schema is part of the key; in
    ``public`` the key is the lock's name alone, as in earlier versions, so a process of an
    earlier version and one of this version still exclude each other there.
    """
    scope = name if schema == "public" else f"{name}@{schema}"
    digest = hashlib.sha256(f"cyberindex:{scope}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@dataclass
class AdvisoryLock:
    """PostgreSQL only: a session advisory lock on a connection kept open while it is held.

    The server frees it when that connection ends, however the holder ends (SIGKILL included),
    so nothing is ever stale and no heartbeat is needed. The holder's pid and host travel in the
    connection's ``application_name`` so :class:`LockBusy` can name them.

    Once granted, a live ``locks`` row (a :class:`DatabaseLock` of a process that does not take
    the advisory lock: an earlier version) still wins: the lock is given back and
    :class:`LockBusy` names that row's holder. A stale row is left for the table backend to
    recover; it does not stop this lock.
    """

    engine: Engine
    name: str = REFRESH
    lease_seconds: float = 900.0

    def __post_init__(self) -> None:
        if self.engine.dialect.name != "postgresql":
            raise LockConfigError("CYBERINDEX_LOCK_BACKEND=advisory needs PostgreSQL")
        self.key = advisory_key(self.name)
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self._conn: Connection | None = None
        self._backend_pid: int | None = None
        self.lost = False

    def ensure_held(self, conn: Connection) -> None:
        """Raise :class:`LockLost` unless the server still grants the lock to the session
        that took it (it frees it when that connection ends: a dropped connection loses it)."""
        held = self._backend_pid is not None and conn.execute(sa.text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND pid = :pid AND classid = :high AND objid = :low AND objsubid = 1"
        ), self._key_parts(pid=self._backend_pid)).scalar()
        if not held:
            self.lost = True
            log.error("the %s advisory lock is no longer held: rolling back", self.name)
            raise LockLost()

    def _key_parts(self, **extra: Any) -> dict[str, Any]:
        """The key as pg_locks shows it (two unsigned 32-bit halves)."""
        unsigned = self.key & 0xFFFFFFFFFFFFFFFF
        return {"high": unsigned >> 32, "low": unsigned & 0xFFFFFFFF, **extra}

    def acquire(self) -> None:
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            self._claim(conn)
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    def _claim(self, conn: Connection) -> None:
        """Take the advisory lock on ``conn`` or raise :class:`LockBusy` (``conn`` left open)."""
        label = f"cyberindex {self.name} lock pid {self.pid} on {self.host}"[:63]
        conn.execute(sa.text("SELECT set_config('application_name', :label, false)"),
                     {"label": label})
        schema = conn.execute(sa.text("SELECT current_schema()")).scalar()
        self.key = advisory_key(self.name, schema or "public")
        if not conn.execute(sa.text("SELECT pg_try_advisory_lock(:key)"),
                            {"key": self.key}).scalar():
            raise LockBusy(self._holder(conn))
        self._backend_pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        row_holder = self._live_row_holder(conn)
        if row_holder is not None:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            raise LockBusy(row_holder)

    def _live_row_holder(self, conn: Connection) -> dict[str, Any] | None:
        """The holder of a ``locks`` row that is not stale, or None (no table yet: None)."""
        if not sa.inspect(conn).has_table("locks"):
            return None
        holder = store.read_lock(conn, self.name)
        if holder is None or stale_reason(holder, self.lease_seconds, self.host) is not None:
            return None
        return holder

    def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
        except OperationalError as exc:  # connection gone: the server freed the lock already
            log.warning("advisory unlock failed: %s", exc)
        finally:
            conn.close()

    def _holder(self, conn: Connection) -> dict[str, Any]:
        row = conn.execute(sa.text(
            "SELECT a.application_name, a.backend_start FROM pg_locks l "
            "JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.classid = :high AND l.objid = :low AND l.objsubid = 1"
        ), self._key_parts()).first()
        name = row.application_name if row is not None else ""
        pid, _, host = name.removeprefix(f"cyberindex {self.name} lock pid ").partition(" on ")
        return {"pid": pid or "?", "host": host or "?",
                "acquired_at": row.backend_start if row is not None else store.utcnow()}


@dataclass
class PairedLock:
    """PostgreSQL with the table backend: the advisory lock first, then the row.

    The advisory lock is what an ``advisory``-backend process takes, so the two backends
    exclude each other; the row keeps what the table backend has always shown (holder, lease)
    and excludes processes of earlier versions that take only the row.
    """

    advisory: AdvisoryLock
    row: DatabaseLock

    @property
    def lost(self) -> bool:
        return self.advisory.lost or self.row.lost

    def ensure_held(self, conn: Connection) -> None:
        self.advisory.ensure_held(conn)
        self.row.ensure_held(conn)

    def acquire(self) -> None:
        self.advisory.acquire()
        try:
            self.row.acquire()
        except BaseException:
            self.advisory.release()
            raise

    def release(self) -> None:
        try:
            self.row.release()
        finally:
            self.advisory.release()


LOCK_BACKENDS = ("table", "advisory")
Lock = DatabaseLock | AdvisoryLock | PairedLock


def make_lock(engine: Engine, settings: Settings, name: str = REFRESH) -> Lock:
    """The lock ``settings.lock_backend`` names (table: any engine; advisory: PostgreSQL).

    On PostgreSQL both take the advisory lock, so a run of either backend sees the other.
    """
    lease = settings.lock_lease_seconds
    if settings.lock_backend == "advisory":
        return AdvisoryLock(engine, name, lease)
    if settings.lock_backend != "table":
        raise LockConfigError(f"CYBERINDEX_LOCK_BACKEND={settings.lock_backend!r}: one of "
                              f"{', '.join(LOCK_BACKENDS)}")
    if engine.dialect.name == "postgresql":
        return PairedLock(AdvisoryLock(engine, name, lease), DatabaseLock(engine, lease, name))
    return DatabaseLock(engine, lease, name)


@contextmanager
def refresh_lock(engine: Engine, settings: Settings) -> Iterator[Lock]:
    """Hold the refresh lock for the block; raises :class:`LockBusy` at once if taken."""
    lock = make_lock(engine, settings)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()
