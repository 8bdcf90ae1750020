"""Schema migrations (Alembic), run from code: ``cyberindex db upgrade`` or :func:`ensure_schema`.

Revisions live in ``versions/``: ``0001`` is the first schema (the vertical slice), each later
one a change since. :func:`ensure_schema` (what ``store.init_schema`` runs) makes every database
end at the head revision the same way:

* a database with an ``alembic_version`` table is upgraded;
* an empty database is built from ``store.metadata`` (``create_all``) and stamped at the head, as
  Alembic's cookbook does for new databases (running every revision cost ~4× as much);
  ``tests/etl/test_migrations.py`` pins that the revisions build what ``store.metadata`` says,
  so both ways give the same schema;
* a database made by ``create_all`` before migrations existed is stamped at ``0001`` and
  upgraded (the revisions after ``0001`` create only what is missing, so any such vintage
  converges).

On PostgreSQL a transaction-scoped advisory lock makes concurrent starts (gunicorn workers, the
scheduler, a one-shot loader) migrate one at a time. Adding a table or a column to
``etl/store/schema.py`` needs a revision: ``cyberindex db revision -m "what changed"`` writes one by
comparing a scratch database at head with the metadata; read it, then commit it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent
BASELINE = "0001"
VERSION_TABLE = "alembic_version"
# pg_advisory_xact_lock key: "cyberidx" as a 64-bit number, so it cannot meet other users' keys.
ADVISORY_LOCK_KEY = 0x6379626572696478


def alembic_config(connection: Connection | None = None) -> Config:
    """A programmatic Alembic configuration (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("version_path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


@cache
def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "no migration revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` (one transaction, under the lock)."""
    with engine.begin() as conn:
        _lock(conn)
        command.upgrade(alembic_config(conn), revision)


def stamp(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        _lock(conn)
        command.stamp(alembic_config(conn), revision)


def ensure_schema(engine: Engine) -> str:
    """Bring any database to the head revision; what was done: upgraded|created|adopted|current."""
    with engine.connect() as conn:
        found = MigrationContext.configure(conn).get_current_revision()
    if found == head_revision():
        return "current"  # the common case: no lock, one small query
    with engine.begin() as conn:
        _lock(conn)
        tables = set(sa.inspect(conn).get_table_names())
        context = MigrationContext.configure(conn)
        found = context.get_current_revision()
        if found == head_revision():
            return "current"
        if VERSION_TABLE in tables and found is not None:
            outcome = "upgraded"
        elif not tables - {VERSION_TABLE}:
            # From scratch: the metadata's tables and indexes, in this transaction, stamped at
            # the head (Alembic's cookbook for new databases). test_migrations pins that the
            # revisions build the same schema, so a table added to the metadata without a
            # revision still fails the tests.
            from etl import store  # lazily, as autogenerate_diff (etl.store runs this module)

            if conn.dialect.name == "sqlite":
                # pysqlite runs DDL outside any transaction (a commit, and its fsyncs, per
                # table and index): open one explicitly; the block's commit ends it.
                conn.exec_driver_sql("BEGIN")
            store.metadata.create_all(conn, checkfirst=False)  # empty but for the version table
            context.stamp(_scripts(), "head")
            return "created"
        else:
            command.stamp(alembic_config(conn), BASELINE)
            outcome = "adopted"
        command.upgrade(alembic_config(conn), "head")
    return outcome


def autogenerate_diff(engine: Engine) -> list:
    """What ``alembic revision --autogenerate`` would write for this database (empty = agree)."""
    from alembic.autogenerate import compare_metadata

    from etl import store

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, store.metadata)


def write_revision(message: str, scratch_url: str) -> str:
    """Autogenerate a revision from a scratch database upgraded to head; the new file's path."""
    engine = sa.create_engine(scratch_url)
    try:
        upgrade(engine)
        with engine.begin() as conn:
            config = alembic_config(conn)
            number = len(list(ScriptDirectory.from_config(config).walk_revisions())) + 1
            script = command.revision(config, message=message, autogenerate=True,
                                      rev_id=f"{number:04d}")
    finally:
        engine.dispose()
    head_revision.cache_clear()
    _scripts.cache_clear()
    if isinstance(script, list):  # one script per head: never here (the migrations have one)
        raise RuntimeError("the migrations have several heads")
    return script.path if script is not None else ""
