"""A consistent copy of a SQLite store, and what a copy holds (for :mod:`etl.backup`).

SQLite's online backup API copies the committed state of one instant page by page while the
dashboard reads and a refresh writes (a load's open transaction is not in the copy: it is
either wholly there, committed before, or wholly absent). PostgreSQL has its own tools
(``pg_dump``); nothing here copies it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.store.schema import metadata


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def copy_sqlite(engine: Engine, target: Path) -> None:
    """Write the committed state of ``engine``'s SQLite store to the new file ``target``."""
    source = engine.raw_connection()
    try:
        driver = source.driver_connection  # None only once the connection is closed
        if driver is None:
            raise RuntimeError("the store's connection is closed")
        copy = sqlite3.connect(target)
        try:
            driver.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def integrity_problems(path: Path) -> list[str]:
    """What SQLite's ``PRAGMA integrity_check`` finds wrong in the file (none: [])."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def table_counts(engine: Engine) -> dict[str, int]:
    """The rows of each table of the schema the store holds, by table name."""
    present = set(sa.inspect(engine).get_table_names())
    with engine.connect() as conn:
        return {
            table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables if table.name in present
        }
