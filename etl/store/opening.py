"""Opening a store that must already exist: ``existing_engine`` (or :class:`NoStore`), and the
names an operator knows a database by (``database_label``, ``sqlite_file``).

A mistyped ``CYBERINDEX_DATABASE_URL`` must not create an empty database, nor its folder, that
would then answer "0 rows" as if it were the store: the commands that only read or maintain a
store, and the dashboard however it is started (``cyberindex serve`` or gunicorn on
``dashboard.app:server``), open it through :func:`existing_engine`. Part of :mod:`etl.store`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from etl.store.schema import make_engine, metadata

STORE_HINT = ("check CYBERINDEX_DATABASE_URL; `cyberindex etl run` or `cyberindex db upgrade` "
              "makes a store")


class NoStore(RuntimeError):
    """The URL names no cyberindex store: no such SQLite file, or a database holding none of
    the store's tables. Its text is one line naming the database, and the way to make one."""


def database_label(database_url: str) -> str:
    """The database as an operator knows it: a SQLite file's path, else the URL less password."""
    try:
        url = sa.engine.make_url(database_url)
    except SQLAlchemyError:
        return "CYBERINDEX_DATABASE_URL (not a database URL)"
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def sqlite_file(url: sa.engine.URL) -> Path | None:
    """The file of a SQLite URL (``file:`` URIs too), None for an in-memory database."""
    database = url.database or ""
    if database in ("", ":memory:") or "mode=memory" in database:
        return None
    if database.startswith("file:"):
        database = urlsplit(database).path
    return Path(database)


def existing_engine(database_url: str) -> Engine:
    """The engine of an existing store, its schema as found (not yet brought up to date).

    Raises :class:`NoStore` with nothing written when SQLite has no such file (an in-memory
    database is none either) or the database holds none of the store's tables. A database that
    cannot be reached (PostgreSQL: no such database) raises the driver's error, as any
    connection does."""
    url = sa.engine.make_url(database_url)
    label = database_label(database_url)
    if url.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        if path is None or not path.is_file():
            raise NoStore(f"database {label}: no such file ({STORE_HINT})")
    engine = make_engine(database_url)
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
    if not tables & set(metadata.tables):
        engine.dispose()
        raise NoStore(f"database {label}: holds no cyberindex store ({STORE_HINT})")
    return engine
