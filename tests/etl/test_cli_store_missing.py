"""`etl prune`, `etl publish` and `serve` open an existing store only (docs/operations.md: `etl
run`, `db upgrade` and `users add` make one): with a mistyped CYBERINDEX_DATABASE_URL, prune made
the folder and an empty store and said "0 snapshot(s) removed" (exit 0), publish made the file
before its exit 2, and serve made it and served pages with no data. Run as an operator runs
them, through the entry point."""

from __future__ import annotations

import subprocess
import sys

import pytest

from etl import cli, store
from tests.etl.refresh_support import refresh_settings, subprocess_env


def _run(tmp_path, database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = subprocess_env(refresh_settings(tmp_path), CYBERINDEX_DATABASE_URL=database_url)
    return subprocess.run([sys.executable, "-m", "etl.cli", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [
    pytest.param(("etl", "prune", "--keep", "5"), id="prune"),
    pytest.param(("etl", "publish", "itu_gci", "--force"), id="publish"),
    pytest.param(("etl", "publish", "X", "--force"), id="publish-unknown-source"),
    # serve made the store and served pages with no data (tests/dashboard/
    # test_serve_store_missing.py has the rest); on the old code this one times out, serving.
    pytest.param(("serve", "--host", "127.0.0.1", "--port", "8077"), id="serve"),
])
def test_a_mistyped_store_path_is_exit_5_and_nothing_made(tmp_path, args):
    typo = tmp_path / "x" / "typo.db"
    done = _run(tmp_path, f"sqlite:///{typo}", *args)
    assert done.returncode == cli.EXIT_DATABASE == 5, done.stderr
    assert done.stderr.splitlines() == [
        f"error: database {typo}: no such file (check CYBERINDEX_DATABASE_URL; "
        "`cyberindex etl run` or `cyberindex db upgrade` makes a store)"]
    assert done.stdout == ""
    assert not typo.parent.exists()


def test_prune_still_prunes_an_existing_store(tmp_path):
    path = tmp_path / "store.db"
    engine = store.make_engine(f"sqlite:///{path}")
    store.init_schema(engine)
    engine.dispose()
    done = _run(tmp_path, f"sqlite:///{path}", "etl", "prune", "--keep", "5")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["0 snapshot(s) removed"]
