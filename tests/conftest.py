"""Shared fixtures: settings on a temporary store, and a store loaded with the bundled data.

The store fixtures follow ``CYBERINDEX_TEST_DATABASE``: ``sqlite`` (the default) gives each
store a file under the test's temporary folder; ``postgres`` gives each store its own schema in
a database created for the session on ``CYBERINDEX_TEST_POSTGRES_URL`` (dropped at the end), so
the whole suite runs unchanged on either engine (``make test-sqlite``, ``make test-postgres``).
Tests marked ``postgres`` need that server whatever the engine; they are skipped when the URL is
unset, except under CI, where they fail instead.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import sys
import types
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl import pipeline, store
from etl.settings import Settings

TEST_DATABASE = os.environ.get("CYBERINDEX_TEST_DATABASE", "sqlite").strip().lower() or "sqlite"
POSTGRES_URL = os.environ.get("CYBERINDEX_TEST_POSTGRES_URL", "").strip()
# The test database compares text as production's does: the postgres image's default locale,
# en_US.utf8, is language-aware ("al-Watan" before "Le Matin", "un_egdi_live" before
# "un_egdi"), where the test server's C.UTF-8 compares bytes as SQLite does and would hide a
# query whose order depends on the database. ICU's en-US stands in for glibc's (no such locale
# is installed here). Empty: the server's own locale.
POSTGRES_ICU_LOCALE = os.environ.get("CYBERINDEX_TEST_POSTGRES_ICU_LOCALE", "en-US").strip()


def create_database_sql(name: str) -> str:
    """CREATE DATABASE for a test session, with :data:`POSTGRES_ICU_LOCALE`'s collation."""
    if not POSTGRES_ICU_LOCALE:
        return f'CREATE DATABASE "{name}"'
    locale = POSTGRES_ICU_LOCALE.replace("'", "")
    return (f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
            f"ICU_LOCALE '{locale}'")


class PostgresScratch:
    """A database made for this test session; one schema per store, on a search_path URL."""

    def __init__(self, server_url: str) -> None:
        self.server_url = sa.engine.make_url(server_url)
        self.name = f"cyberindex_t_{uuid.uuid4().hex[:12]}"
        self._admin: sa.Engine | None = None
        self._db: sa.Engine | None = None
        self._counter = itertools.count(1)

    def _admin_engine(self) -> sa.Engine:
        if self._admin is None:
            self._admin = sa.create_engine(
                self.server_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool
            )
            with self._admin.connect() as conn:
                conn.execute(sa.text(create_database_sql(self.name)))
            self._db = sa.create_engine(
                self.server_url.set(database=self.name), isolation_level="AUTOCOMMIT",
                poolclass=sa.pool.NullPool,
            )
        return self._admin

    def new_store_url(self) -> str:
        """The URL of a new empty schema (tables are the caller's business)."""
        self._admin_engine()
        schema = f"s{next(self._counter)}_{uuid.uuid4().hex[:6]}"
        with self._db.connect() as conn:  # type: ignore[union-attr]
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = self.server_url.set(database=self.name).update_query_dict(
            {"options": f"-csearch_path={schema}"}
        )
        return url.render_as_string(hide_password=False)

    def drop_store(self, url: str) -> None:
        """Drop a store's schema now (best effort: the database goes at the end anyway)."""
        options = sa.engine.make_url(url).query.get("options", "")
        schema = str(options).removeprefix("-csearch_path=")
        if not schema or self._db is None:
            return
        try:
            with self._db.connect() as conn:
                conn.execute(sa.text("SET lock_timeout = '2s'"))
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        except sa.exc.DBAPIError:
            pass  # an engine a test left open still holds a lock: leave it to the final drop

    def close(self) -> None:
        if self._admin is None:
            return
        with self._admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self._admin.dispose()
        self._admin = None


# Test helpers import ``tests.conftest`` while pytest loads this file as ``conftest``: two
# copies of the module. Their state lives in one place so both see one scratch database and
# one store per folder.
_STATE = sys.modules.setdefault("cyberindex_test_state", types.ModuleType("cyberindex_test_state"))
if not hasattr(_STATE, "scratch"):
    _STATE.scratch = None
    _STATE.store_urls = {}


def postgres_scratch() -> PostgresScratch:
    """The session's PostgreSQL scratch database (fails when no server is configured)."""
    if not POSTGRES_URL:
        pytest.fail("CYBERINDEX_TEST_POSTGRES_URL is not set (see scripts/pg-test-server)")
    if _STATE.scratch is None:
        _STATE.scratch = PostgresScratch(POSTGRES_URL)
        atexit.register(_STATE.scratch.close)
    return _STATE.scratch


def new_database_url(tmp: Path) -> str:
    """The store of folder ``tmp`` on the engine under test: on SQLite the file
    ``tmp/cyberindex.db``, on PostgreSQL a schema made on first use; the same folder always
    gives the same store, as a file path would."""
    if TEST_DATABASE == "postgres":
        key = str(Path(tmp).resolve())
        if key not in _STATE.store_urls:
            _STATE.store_urls[key] = postgres_scratch().new_store_url()
        return _STATE.store_urls[key]
    return f"sqlite:///{tmp / 'cyberindex.db'}"


def make_settings(tmp: Path, **overrides) -> Settings:
    """Settings pointing at a fresh store (engine under test) and raw folder under ``tmp``."""
    values: dict[str, object] = {"raw_dir": tmp / "raw"}
    values.update(overrides)
    if "database_url" not in values:
        values["database_url"] = new_database_url(tmp)
    return Settings.from_env(**values)


def clone_store(source_url: str, target_url: str) -> None:
    """Make the store at ``target_url`` a copy of the one at ``source_url`` (template stores).

    SQLite: the file is copied. PostgreSQL: the target schema gets the tables and their rows,
    and its id sequences continue after the copied ids.
    """
    source, target = sa.engine.make_url(source_url), sa.engine.make_url(target_url)
    if source.get_backend_name() == "sqlite":
        if source.database != target.database:
            Path(target.database).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source.database, target.database)
        return
    src, dst = store.make_engine(source_url), store.make_engine(target_url)
    try:
        store.init_schema(dst)
        with src.connect() as read, dst.begin() as write:
            for table in reversed(store.metadata.sorted_tables):
                write.execute(table.delete())
            for table in store.metadata.sorted_tables:
                rows = [dict(r._mapping) for r in read.execute(sa.select(table))]
                if rows:
                    write.execute(table.insert(), rows)
                for column in table.primary_key.columns:
                    if column.autoincrement is True or (
                        column.autoincrement == "auto" and len(table.primary_key.columns) == 1
                        and isinstance(column.type, sa.Integer)
                    ):
                        write.execute(sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                            f"'{column.name}'), COALESCE((SELECT MAX({column.name}) "
                            f"FROM {table.name}), 0) + 1, false)"
                        ))
    finally:
        src.dispose()
        dst.dispose()


def pytest_configure(config: pytest.Config) -> None:
    if TEST_DATABASE not in ("sqlite", "postgres"):
        raise pytest.UsageError(
            f"CYBERINDEX_TEST_DATABASE={TEST_DATABASE!r}: expected sqlite or postgres"
        )


def pytest_report_header(config: pytest.Config) -> str:
    server = "set" if POSTGRES_URL else "unset"
    return f"cyberindex store engine: {TEST_DATABASE} (CYBERINDEX_TEST_POSTGRES_URL {server})"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Without a server, PostgreSQL tests are skipped on a developer's machine; CI must run them.
    if POSTGRES_URL or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="CYBERINDEX_TEST_POSTGRES_URL unset (scripts/pg-test-server)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _STATE.scratch is not None:
        _STATE.scratch.close()


@pytest.fixture
def postgres_url(tmp_path: Path) -> str:
    """A URL for a new empty PostgreSQL schema, whatever the engine under test."""
    scratch = postgres_scratch()
    url = scratch.new_store_url()
    yield url
    scratch.drop_store(url)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on an empty temporary store (function scope)."""
    made = make_settings(tmp_path)
    yield made
    if made.database_url.startswith("postgresql") and _STATE.scratch is not None:
        _STATE.scratch.drop_store(made.database_url)


@pytest.fixture
def engine(settings: Settings):
    """An engine on the empty temporary store, schema created."""
    eng = store.make_engine(settings.database_url)
    store.init_schema(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def loaded_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on a store loaded once per session with every bundled source (read-only use)."""
    tmp = tmp_path_factory.mktemp("loaded")
    loaded = make_settings(tmp)
    eng = store.make_engine(loaded.database_url)
    results = pipeline.run_sources([], loaded, eng)
    eng.dispose()
    failed = [r for r in results if r.status != "succeeded"]
    assert not failed, f"bundled sources failed to load: {failed}"
    return loaded


@pytest.fixture(scope="session")
def loaded_engine(loaded_settings: Settings):
    """An engine on the session's loaded store. Tests must not write to it."""
    eng = store.make_engine(loaded_settings.database_url)
    yield eng
    eng.dispose()
