"""The CLI's reading commands open an existing store only: a mistyped database URL is exit 5
naming it, nothing created and nothing written (an export used to make an empty database and
overwrite ``--output`` with a header line, exit 0); ``--output`` is written whole or not at
all; and their filters refuse unknown values as the API does (exit 2, naming the value and the
known ones), instead of answering "no changes"."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from etl import cli, store

READING_COMMANDS = [
    pytest.param(["export"], id="export"),
    pytest.param(["export", "--indicator", "itu_gci.overall"], id="export-filtered"),
    pytest.param(["changes"], id="changes"),
    pytest.param(["changes", "--format", "csv"], id="changes-csv"),
    pytest.param(["etl", "status"], id="etl-status"),
    pytest.param(["etl", "quarantine"], id="etl-quarantine"),
    pytest.param(["etl", "retry-owed"], id="etl-retry-owed"),
    pytest.param(["etl", "publish", "itu_gci", "--force"], id="etl-publish"),
    pytest.param(["etl", "publish", "nosuch", "--force"], id="etl-publish-unknown"),
    pytest.param(["etl", "prune", "--keep", "5"], id="etl-prune"),
    pytest.param(["news", "list"], id="news-list"),
    pytest.param(["news", "list", "--format", "json"], id="news-list-json"),
    pytest.param(["news", "recheck"], id="news-recheck"),
    pytest.param(["users", "list"], id="users-list"),
    pytest.param(["users", "remove", "someone"], id="users-remove"),
]


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_a_mistyped_sqlite_path_creates_nothing(tmp_path, monkeypatch, command):
    missing = tmp_path / "typo" / "cyberr.db"
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", f"sqlite:///{missing}")
    result = CliRunner().invoke(cli.main, command)
    assert result.exit_code == cli.EXIT_DATABASE == 5, result.output
    [line] = result.output.splitlines()
    assert line.startswith(
        f"error: database {missing}: no such file (check CYBERINDEX_DATABASE_URL"
    )
    assert not (tmp_path / "typo").exists()  # neither the file nor its folder


def test_export_keeps_the_output_file_without_a_store(tmp_path, monkeypatch):
    keep = tmp_path / "keep.csv"
    keep.write_text("the analyst's work\n", encoding="utf-8")
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", f"sqlite:///{tmp_path / 'nope.db'}")
    result = CliRunner().invoke(cli.main, ["export", "--output", str(keep)])
    assert result.exit_code == cli.EXIT_DATABASE
    assert keep.read_text(encoding="utf-8") == "the analyst's work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.csv"]


def test_an_empty_sqlite_file_holds_no_store(tmp_path, monkeypatch):
    empty = tmp_path / "empty.db"
    empty.touch()
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", f"sqlite:///{empty}")
    result = CliRunner().invoke(cli.main, ["export"])
    assert result.exit_code == cli.EXIT_DATABASE
    assert result.output.startswith(f"error: database {empty}: holds no cyberindex store")
    assert empty.stat().st_size == 0  # no schema was made in it


def test_a_database_without_the_store_is_exit_5_on_any_engine(settings, monkeypatch):
    """The suite's engine: a new SQLite path, or an empty PostgreSQL schema (the tables must
    be there): exit 5, and no table made."""
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    result = CliRunner().invoke(cli.main, ["changes", "--country", "MAR"])
    assert result.exit_code == cli.EXIT_DATABASE, result.output
    assert "error: database " in result.output
    url = sa.engine.make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        assert not Path(url.database).exists()
        return
    engine = store.make_engine(settings.database_url)
    with engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == []
    engine.dispose()


def test_db_current_does_not_create_a_missing_file(tmp_path, monkeypatch):
    missing = tmp_path / "typo" / "cyber.db"
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", f"sqlite:///{missing}")
    result = CliRunner().invoke(cli.main, ["db", "current"])
    assert result.exit_code == 0 and result.output.startswith("database: none")
    assert not (tmp_path / "typo").exists()


def test_a_store_made_by_etl_is_read(tmp_path, monkeypatch):
    """An existing (empty) store still answers: exit 0."""
    path = tmp_path / "store.db"
    engine = store.make_engine(f"sqlite:///{path}")
    store.init_schema(engine)
    engine.dispose()
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", f"sqlite:///{path}")
    result = CliRunner().invoke(cli.main, ["changes"])
    assert result.exit_code == 0 and result.output.strip() == "no changes"


@pytest.fixture
def on_loaded_store(monkeypatch, loaded_settings):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


@pytest.mark.parametrize(
    ("command", "start", "known"),
    [
        pytest.param(
            ["changes", "--country", "XXX"],
            "error: --country: unknown country: XXX (",
            "GET /api/v1/countries",
            id="changes-country",
        ),
        pytest.param(
            ["changes", "--format", "json", "--indicator", "nope"],
            "error: --indicator: unknown indicator: nope (known: ",
            "itu_gci.overall",
            id="changes-indicator",
        ),
        pytest.param(
            ["news", "list", "--country", "xxx"],
            "error: --country: unknown country: XXX (",
            "GET /api/v1/countries",
            id="news-country",
        ),
        pytest.param(
            ["news", "list", "--claims", "--language", "de"],
            "error: --language: language must be one of ",  # the API's words
            "en",
            id="news-language",
        ),
        pytest.param(
            ["export", "--group", "zz"],
            "error: --group: unknown group: zz (known: ",
            "gcc",
            id="export-group",
        ),
        pytest.param(
            ["export", "--country", "MAR", "--country", "XXX"],
            "error: --country: unknown country: XXX (",
            "GET /api/v1/countries",
            id="export-country",
        ),
        pytest.param(
            ["export", "--edition", "abc"],
            "error: --edition must be a year such as 2020, not: abc",
            "",
            id="edition",
        ),
        pytest.param(
            ["etl", "quarantine", "--source", "nope"],
            "error: --source: unknown source nope; known: ",
            "itu_gci",
            id="source",
        ),
    ],
)
def test_unknown_filter_values_are_usage_errors(on_loaded_store, command, start, known):
    result = CliRunner().invoke(cli.main, command)
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith(start) and known in line


def test_known_filter_values_still_answer(on_loaded_store):
    result = CliRunner().invoke(cli.main, ["changes", "--country", "mar", "--format", "csv"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli.main, ["news", "list", "--samples", "--language", "en"])
    assert result.exit_code == 0 and result.output.strip() != "no articles"
