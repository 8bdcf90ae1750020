"""make_engine: a SQLite file store runs with a write-ahead log and synchronous=NORMAL."""

from __future__ import annotations

import sqlite3

from etl import store


def test_sqlite_file_store_uses_wal_and_normal_sync(tmp_path):
    """Every connection gets synchronous=NORMAL; the file keeps WAL once set."""
    path = tmp_path / "store.db"
    engine = store.make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()
    with sqlite3.connect(path) as plain:  # a connection made without the engine
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    plain.close()


def test_sqlite_in_memory_store_is_left_alone():
    """An in-memory database (tests, scratch) gets no pragma: it has no file to log beside."""
    engine = store.make_engine("sqlite://")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "memory"
    engine.dispose()


def test_read_only_sqlite_file_keeps_its_mode(tmp_path, monkeypatch):
    """A database file that cannot switch to WAL (read-only) is still opened and read."""
    monkeypatch.chdir(tmp_path)  # make_engine makes the URI's "folder" (file:...) here
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as plain:
        plain.execute("CREATE TABLE t (x INTEGER)")
        plain.execute("INSERT INTO t VALUES (1)")
    plain.close()
    engine = store.make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT x FROM t").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    engine.dispose()
