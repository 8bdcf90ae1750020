"""Alembic's environment: the connection comes from :mod:`etl.migrations` (or the settings)."""

from __future__ import annotations

from alembic import context

from etl import store
from etl.settings import Settings

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=store.metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying tables
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = store.make_engine(config.get_main_option("sqlalchemy.url")
                               or Settings.from_env().database_url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported: run `cyberindex db upgrade`")
run_migrations_online()
