"""The CLI's promise: a database it cannot use, or a bad lock backend, is one line on stderr
with its own exit code, never a traceback; `etl status` never shows a missing reason as nan."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from etl import cli, export, pipeline, store
from tests.etl.refresh_support import refresh_settings, subprocess_env


def _use_env(monkeypatch, settings, **extra: str) -> None:
    for key, value in subprocess_env(settings, **extra).items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)


def _sqlite_store(tmp_path):
    """An up-to-date SQLite store file (whatever engine the suite runs on)."""
    path = tmp_path / "store.db"
    engine = store.make_engine(f"sqlite:///{path}")
    store.init_schema(engine)
    engine.dispose()
    return path


def test_read_only_database_is_one_line_exit_5(tmp_path):
    """A store opened read-only (as with `chattr +i`): one line naming the file and the
    cause, exit 5, no traceback (it was a 70-line traceback with exit 1)."""
    path = _sqlite_store(tmp_path)
    settings = refresh_settings(tmp_path)
    env = subprocess_env(settings,
                         CYBERINDEX_DATABASE_URL=f"sqlite:///file:{path}?mode=ro&uri=true")
    done = subprocess.run([sys.executable, "-m", "etl.cli", "etl", "run", "itu_gci"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == cli.EXIT_DATABASE == 5
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"error: database file:{path}: attempt to write a readonly database "
        "(check the permissions of the file and of its folder)"]


def test_locked_database_is_one_line_exit_5(tmp_path, monkeypatch):
    """Another writer holding the file past the busy timeout: one line, exit 5."""
    path = _sqlite_store(tmp_path)
    _use_env(monkeypatch, refresh_settings(tmp_path),
             CYBERINDEX_DATABASE_URL=f"sqlite:///{path}?timeout=0.1")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        result = CliRunner().invoke(cli.main, ["etl", "run", "itu_gci"])
    finally:
        writer.rollback()
        writer.close()
    assert result.exit_code == cli.EXIT_DATABASE
    assert result.output.splitlines() == [
        f"error: database {path}: database is locked "
        "(another process kept it busy for longer than the wait; try again)"]


@pytest.mark.parametrize("command", [["etl", "status"], ["changes"], ["etl", "quarantine"]])
def test_unreachable_database_names_it_without_its_password(tmp_path, monkeypatch, command):
    """Every command: an unreachable server is one line with the URL, password hidden."""
    _use_env(monkeypatch, refresh_settings(tmp_path),
             CYBERINDEX_DATABASE_URL="postgresql+psycopg://ci:s3cret@127.0.0.1:1/nowhere")
    result = CliRunner().invoke(cli.main, command)
    assert result.exit_code == cli.EXIT_DATABASE
    [line] = result.output.splitlines()
    assert line.startswith("error: database postgresql+psycopg://ci:***@127.0.0.1:1/nowhere: ")
    assert "s3cret" not in line


def test_bad_lock_backend_is_a_usage_error(tmp_path, monkeypatch):
    """CYBERINDEX_LOCK_BACKEND=flock: exit 2 naming the choices (it was a traceback)."""
    _use_env(monkeypatch, refresh_settings(tmp_path), CYBERINDEX_LOCK_BACKEND="flock")
    result = CliRunner().invoke(cli.main, ["etl", "run", "itu_gci"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: CYBERINDEX_LOCK_BACKEND='flock': one of table, advisory"


def test_help_documents_the_exit_codes():
    result = CliRunner().invoke(cli.main, ["--help"])
    assert "3 another refresh is running" in result.output
    assert "5 the database cannot be used" in result.output


def test_status_never_prints_nan(tmp_path, monkeypatch):
    """A run without a reason, beside one with a reason (pandas then reads the missing one as
    NaN), shows an empty reason, not "nan"."""
    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    plain, not_configured = pipeline.run_sources(["interpol_act", "news_rss"], settings, engine)
    engine.dispose()
    assert plain.status == "succeeded" and plain.reason is None
    assert not_configured.status == "skipped" and not_configured.reason
    _use_env(monkeypatch, settings)
    shown = CliRunner().invoke(cli.main, ["etl", "status"])
    assert shown.exit_code == 0
    [row] = [line for line in shown.output.splitlines() if line.startswith("interpol_act")]
    assert "nan" not in row.split() and row.rstrip().endswith("s")


def test_error_raised_from_a_database_error_is_one_line(tmp_path, monkeypatch):
    """A wrapper raised from a database error (busy, gave up after retries) keeps its words."""
    import sqlalchemy as sa

    _use_env(monkeypatch, refresh_settings(tmp_path))

    def gave_up(*args, **kwargs):
        try:
            raise sa.exc.OperationalError("INSERT", {}, Exception("database is locked"))
        except sa.exc.OperationalError as exc:
            raise RuntimeError("database busy: loading gave up after 3 attempts") from exc

    monkeypatch.setattr(pipeline, "run_sources", gave_up)
    result = CliRunner().invoke(cli.main, ["etl", "run", "itu_gci"])
    assert result.exit_code == cli.EXIT_DATABASE
    [line] = result.output.splitlines()
    assert line.endswith(": database busy: loading gave up after 3 attempts")


@pytest.fixture
def on_loaded_store(monkeypatch, loaded_settings):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


def test_an_unknown_edition_lists_the_known_ones(on_loaded_store, loaded_engine):
    """`export --edition 2019` names the editions the store holds, years in runs (it said
    "51 known: see docs/api.md", which lists none)."""
    years = store.editions_available(loaded_engine)
    assert 2019 not in years and len(years) > 40
    result = CliRunner().invoke(cli.main, ["export", "--edition", "2019"])
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("error: --edition: unknown edition: 2019 (known: ")
    assert "docs/api.md" not in line
    listed = line.removeprefix("error: --edition: unknown edition: 2019 (known: ").rstrip(")")
    spelled = []
    for part in listed.split(", "):
        first, _, last = part.partition("-")
        spelled += range(int(first), int(last or first) + 1)
    assert spelled == years


@pytest.mark.parametrize(("dataset", "options", "refused"), [
    pytest.param("statements", ["--where", "{statement} contains cyber"], "--where",
                 id="statements-where"),
    pytest.param("statements", ["--sort", "statement:asc"], "--sort", id="statements-sort"),
    pytest.param("crossindex", ["--where", "{value} > 1"], "--where", id="crossindex-where"),
    pytest.param("statements", ["--indicator", "itu_gci.overall"], "--indicator",
                 id="statements-indicator"),
])
def test_an_option_a_dataset_does_not_take_is_named_with_what_it_takes(
        on_loaded_store, dataset, options, refused):
    """`export --dataset statements --where ...` says where does not apply and what the
    dataset takes (it answered with the observations' columns, as if they were the
    statements')."""
    result = CliRunner().invoke(cli.main, ["export", "--dataset", dataset, *options])
    assert result.exit_code == 2
    takes = ", ".join(f"--{n}" for n in export.DATASETS[dataset])
    assert result.output.splitlines() == [
        f"error: {refused} cannot filter --dataset {dataset} (it takes {takes})"]



def test_a_setting_that_does_not_read_is_one_line_exit_2(tmp_path, monkeypatch):
    """CYBERINDEX_HTTP_READ_TIMEOUT=abc: one line naming it, exit 2 (it was a traceback)."""
    _use_env(monkeypatch, refresh_settings(tmp_path), CYBERINDEX_HTTP_READ_TIMEOUT="abc")
    result = CliRunner().invoke(cli.main, ["etl", "run", "itu_gci"])
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith("error: ") and "\n" not in line and "HTTP_READ_TIMEOUT" in line


def test_a_bad_reference_file_is_one_line_exit_1(tmp_path, monkeypatch):
    """An empty peer-group file (header only) fails the refresh with one line naming it and
    nothing replaced (it wiped the groups silently, then was a traceback)."""
    import shutil

    from etl.settings import DATASETS_DIR

    datasets = tmp_path / "datasets"
    shutil.copytree(DATASETS_DIR, datasets)
    groups = datasets / "country_groups.csv"
    groups.write_text(groups.read_text(encoding="utf-8").splitlines()[0] + "\n",
                      encoding="utf-8")
    _use_env(monkeypatch, refresh_settings(tmp_path), CYBERINDEX_DATASETS_DIR=str(datasets))
    result = CliRunner().invoke(cli.main, ["etl", "run", "itu_gci"])
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith("error: ") and "\n" not in line and "country_groups.csv" in line


def test_names_and_all_together_are_a_usage_error(tmp_path, monkeypatch):
    """`etl run --all itu_gci` ran every source and said nothing of the name."""
    _use_env(monkeypatch, refresh_settings(tmp_path))
    result = CliRunner().invoke(cli.main, ["etl", "run", "--all", "itu_gci"])
    assert result.exit_code == 2 and "not both" in result.output
