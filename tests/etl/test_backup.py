"""Backups of the store and its raw snapshots (:mod:`etl.backup`, ``cyberindex db backup`` and
``db check-backup``), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from etl import backup, cli, pipeline, store
from tests.etl.refresh_support import published, refresh_settings, subprocess_env

SOURCES = ["itu_gci", "interpol_act"]


@pytest.fixture
def loaded(tmp_path):
    """(settings, engine) of a store with two bundled sources published, its own raw folder."""
    settings = refresh_settings(tmp_path / "store")
    engine = store.make_engine(settings.database_url)
    assert {r.status for r in pipeline.run_sources(SOURCES, settings, engine)} == {"succeeded"}
    yield settings, engine
    engine.dispose()


def _snapshots(engine) -> list[dict]:
    with engine.connect() as conn:
        return store.snapshot_rows(conn)


def test_a_backup_holds_the_store_and_every_snapshot(loaded, tmp_path):
    settings, engine = loaded
    folder = tmp_path / "backup"
    report = backup.back_up(engine, settings, folder)
    assert report.complete and report.snapshots == len(_snapshots(engine)) == 2
    for row in _snapshots(engine):
        copied = folder / "raw" / row["sha256"][:2] / row["sha256"]
        assert copied.read_bytes() == Path(row["path"]).read_bytes()
    manifest = json.loads((folder / "backup.json").read_text(encoding="utf-8"))
    assert manifest["database"]["tables"] == store.table_counts(engine)
    assert manifest["database"]["release_id"] == report.release_id == 2
    assert manifest["raw_dir"] == str(settings.raw_dir)
    assert backup.check_backup(folder) == []
    if engine.dialect.name == "sqlite":
        copy = store.make_engine(f"sqlite:///{report.database}")
        assert published(copy).equals(published(engine))
        copy.dispose()
    else:  # pg_dump copies a PostgreSQL store: the backup says so and holds the snapshots
        assert report.database is None and manifest["database"]["engine"] == "postgresql"
        assert not (folder / backup.DATABASE_FILE).exists()


def test_a_backup_taken_during_a_write_holds_the_committed_state(loaded, tmp_path):
    """A load's open transaction is not in the copy: the store as last committed is."""
    settings, engine = loaded
    if engine.dialect.name != "sqlite":
        pytest.skip("the online copy is SQLite's")
    before = published(engine)
    writer = sqlite3.connect(engine.url.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM observations")
    try:
        report = backup.back_up(engine, settings, tmp_path / "backup")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = store.make_engine(f"sqlite:///{report.database}")
    assert published(copy).equals(before) and len(before) > 2_000
    copy.dispose()


def test_a_missing_or_damaged_snapshot_is_listed_not_copied(loaded, tmp_path):
    settings, engine = loaded
    gone, bad = _snapshots(engine)
    Path(gone["path"]).unlink()
    Path(bad["path"]).write_bytes(b"not the bytes it was")
    folder = tmp_path / "backup"
    report = backup.back_up(engine, settings, folder)
    assert (report.missing, report.damaged, report.snapshots) == (
        [gone["sha256"]], [bad["sha256"]], 0)
    assert not report.complete and not (folder / "raw").exists()
    snapshots = json.loads((folder / "backup.json").read_text(encoding="utf-8"))["snapshots"]
    assert (snapshots["missing"], snapshots["damaged"]) == ([gone["sha256"]], [bad["sha256"]])


def test_the_check_finds_a_changed_store_or_snapshot(loaded, tmp_path):
    settings, engine = loaded
    folder = tmp_path / "backup"
    report = backup.back_up(engine, settings, folder)
    first = _snapshots(engine)[0]["sha256"]
    snapshot = folder / "raw" / first[:2] / first
    snapshot.write_bytes(snapshot.read_bytes() + b"\n")
    changed = [str(snapshot)]
    if report.database is not None:
        with report.database.open("ab") as handle:
            handle.write(b"\0")
        changed.append(str(report.database))
    problems = backup.check_backup(folder)
    assert sorted(p.split(": ")[0] for p in problems) == sorted(changed)
    (folder / "backup.json").unlink()
    with pytest.raises(backup.BackupError, match="not a backup, or an unfinished one"):
        backup.check_backup(folder)


def test_a_backup_never_overwrites(loaded, tmp_path):
    settings, engine = loaded
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(backup.BackupError, match="not an empty folder"):
        backup.back_up(engine, settings, folder)
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_the_commands_say_what_they_did_and_exit_with_its_code(loaded, tmp_path, monkeypatch):
    settings, engine = loaded
    for name, value in subprocess_env(settings).items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    done = runner.invoke(cli.main, ["db", "backup", str(tmp_path / "one")])
    assert done.exit_code == 0, done.output
    assert "snapshots: 2 copied" in done.output
    checked = runner.invoke(cli.main, ["db", "check-backup", str(tmp_path / "one")])
    assert checked.exit_code == 0 and "every file is the one copied" in checked.output
    again = runner.invoke(cli.main, ["db", "backup", str(tmp_path / "one")])
    assert again.exit_code == 2 and "not an empty folder" in again.output
    Path(_snapshots(engine)[0]["path"]).unlink()
    short = runner.invoke(cli.main, ["db", "backup", str(tmp_path / "two")])
    assert short.exit_code == 1 and "missing: snapshot" in short.output
    none = runner.invoke(cli.main, ["db", "check-backup", str(tmp_path)])
    assert none.exit_code == 2 and "no backup.json" in none.output


def test_backup_of_no_store_is_refused_and_makes_none(tmp_path, monkeypatch):
    missing = tmp_path / "none" / "x.db"
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", f"sqlite:///{missing}")
    done = CliRunner().invoke(cli.main, ["db", "backup", str(tmp_path / "backup")])
    assert done.exit_code == cli.EXIT_DATABASE and "no such store" in done.output
    assert not missing.parent.exists() and not (tmp_path / "backup").exists()


def test_table_counts_cover_the_schema(loaded):
    _, engine = loaded
    counts = store.table_counts(engine)
    assert set(counts) == set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    assert counts["observations"] == len(published(engine)) and counts["raw_snapshots"] == 2


def test_a_restored_backup_is_the_store_again(loaded, tmp_path):
    """The restore docs/operations.md gives (the store file and raw/ copied back): the next
    refresh of the same sources publishes nothing new."""
    settings, engine = loaded
    if engine.dialect.name != "sqlite":
        pytest.skip("pg_restore restores a PostgreSQL store")
    before = published(engine)
    report = backup.back_up(engine, settings, tmp_path / "backup")
    engine.dispose()
    target = Path(engine.url.database)
    target.unlink()
    shutil.rmtree(settings.raw_dir)
    shutil.copyfile(report.database, target)
    shutil.copytree(report.folder / "raw", settings.raw_dir)
    restored = store.make_engine(settings.database_url)
    try:
        results = pipeline.run_sources(SOURCES, settings, restored)
        assert {r.release_id for r in results} == {None}, results  # no new release
        assert published(restored).equals(before)
        with restored.connect() as conn:
            assert store.release_id_now(conn) == report.release_id
    finally:
        restored.dispose()
