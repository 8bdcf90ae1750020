"""`cyberindex serve` serves an existing store only: on a mistyped CYBERINDEX_DATABASE_URL it
made the folder and an empty store (``create_app``'s schema step) and served pages with no
data, so an operator's typo looked like "no data". It is now one line and exit 5 before gunicorn
(or Dash's dev server) starts, nothing made, in the words of `etl prune`. A store of an older
schema is still brought up to date, once, before the workers fork, and served. The apps the
tests build (``create_app`` on a fresh store) are untouched: the check is the command's."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from etl import cli, migrations, store
from tests.conftest import POSTGRES_URL, new_database_url

HINT = ("check CYBERINDEX_DATABASE_URL; `cyberindex etl run` or `cyberindex db upgrade` makes "
        "a store")


def _serve(monkeypatch, tmp_path: Path, database_url: str, *args: str):
    """`cyberindex serve ARGS` on ``database_url``; gunicorn and Dash's dev server are not
    started, only noted: the result and the binds served."""
    served: list[str] = []
    monkeypatch.setattr("dashboard.serving.DashboardApplication.run",
                        lambda self: served.append(self.options["bind"]))
    monkeypatch.setattr("dashboard.app.CyberindexDash.run",
                        lambda self, host, port, **_: served.append(f"dev {host}:{port}"))
    for key in [k for k in os.environ if k.startswith("CYBERINDEX_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(tmp_path / "raw"))
    result = CliRunner().invoke(cli.main, ["serve", "--host", "127.0.0.1", "--port", "8077",
                                           *args])
    return result, served


@pytest.mark.parametrize("args", [pytest.param((), id="gunicorn"),
                                  pytest.param(("--dev",), id="dev")])
def test_a_mistyped_store_path_is_exit_5_and_nothing_made(monkeypatch, tmp_path, args):
    typo = tmp_path / "typo" / "x.db"
    result, served = _serve(monkeypatch, tmp_path, f"sqlite:///{typo}", *args)
    assert result.exit_code == cli.EXIT_DATABASE == 5, result.output
    assert result.output.splitlines() == [f"error: database {typo}: no such file ({HINT})"]
    assert served == []
    assert not typo.parent.exists()


def test_a_database_without_the_store_is_exit_5_and_left_as_it_was(monkeypatch, tmp_path):
    """An existing database that holds no store (SQLite: another program's file; PostgreSQL:
    an empty database or schema, e.g. before `db upgrade`) is not made one by serving it."""
    url = new_database_url(tmp_path)
    if url.startswith("sqlite"):
        with sqlite3.connect(tmp_path / "cyberindex.db") as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
    engine = store.make_engine(url)
    before = set(sa.inspect(engine).get_table_names())
    result, served = _serve(monkeypatch, tmp_path, url)
    assert result.exit_code == 5, result.output
    [line] = result.output.splitlines()
    assert line.startswith("error: database ") and line.endswith(
        f": holds no cyberindex store ({HINT})")
    assert served == []
    assert set(sa.inspect(engine).get_table_names()) == before
    engine.dispose()


def test_a_store_of_an_older_revision_is_brought_up_to_date_and_served(monkeypatch, tmp_path):
    """What serve did and still does on an existing store: its schema upgraded to the head
    once (the master's check_app, before the workers fork), then served."""
    url = new_database_url(tmp_path)
    engine = store.make_engine(url)
    migrations.upgrade(engine, "0009")
    assert migrations.current_revision(engine) == "0009" != migrations.head_revision()
    result, served = _serve(monkeypatch, tmp_path, url)
    assert result.exit_code == 0, result.output
    assert served == ["127.0.0.1:8077"]
    assert migrations.current_revision(engine) == migrations.head_revision()
    engine.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_that_does_not_exist_is_one_line_exit_5(monkeypatch, tmp_path):
    url = sa.engine.make_url(POSTGRES_URL).set(database="cyberindex_no_such_database")
    result, served = _serve(monkeypatch, tmp_path, url.render_as_string(hide_password=False))
    assert result.exit_code == 5, result.output
    [line] = result.output.splitlines()
    assert line.startswith(f"error: database {url.render_as_string(hide_password=True)}: ")
    assert '"cyberindex_no_such_database" does not exist' in line
    assert served == []


def test_gunicorn_on_the_module_server_refuses_a_mistyped_store(tmp_path):
    """`gunicorn 'dashboard.app:server'` (docs/deployment.md) built the app on whatever the URL
    named, so a typo made an empty store and served it. Its workers now fail to boot with the
    serve command's line, gunicorn stops (exit 3), and nothing is made."""
    import subprocess
    import sys

    typo = tmp_path / "typo" / "x.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CYBERINDEX_")}
    env["CYBERINDEX_DATABASE_URL"] = f"sqlite:///{typo}"
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", "127.0.0.1:0",
         "--chdir", str(Path(__file__).resolve().parents[2]), "dashboard.app:server"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert f"database {typo}: no such file ({HINT})" in done.stderr.splitlines()
    assert not typo.parent.exists()
