"""Migrations: they agree with the metadata, and old databases reach the head with their data.

Each test runs on SQLite and on PostgreSQL (the latter marked ``postgres``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from etl import cli, migrations, pipeline, store
from tests.conftest import make_settings

BASELINE_TABLES = {"countries", "groups", "group_members", "sources", "indicators",
                   "raw_snapshots", "runs", "observations", "quarantine"}




@pytest.fixture
def empty_engine(empty_url):
    engine = store.make_engine(empty_url)
    yield engine
    engine.dispose()


def table_names(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {migrations.VERSION_TABLE}


def columns_of(engine) -> dict[str, list[tuple[str, str]]]:
    inspector = sa.inspect(engine)
    return {t: sorted((c["name"], str(c["type"])) for c in inspector.get_columns(t))
            for t in table_names(engine)}


def schema_of(engine) -> dict[str, dict]:
    """Every table's columns (name, type, nullable), key, indexes, unique and foreign keys."""
    inspector = sa.inspect(engine)
    return {
        t: {
            "columns": sorted((c["name"], str(c["type"]), c["nullable"])
                              for c in inspector.get_columns(t)),
            "primary_key": inspector.get_pk_constraint(t)["constrained_columns"],
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in inspector.get_indexes(t)),
            "unique": sorted(tuple(u["column_names"])
                             for u in inspector.get_unique_constraints(t)),
            "foreign_keys": sorted((tuple(f["constrained_columns"]), f["referred_table"],
                                    tuple(f["referred_columns"]))
                                   for f in inspector.get_foreign_keys(t)),
        }
        for t in table_names(engine)
    }


def test_migrations_and_metadata_agree(empty_engine):
    """Upgrading an empty database to head gives what store.metadata says (no autogenerate diff)."""
    migrations.upgrade(empty_engine)
    assert migrations.current_revision(empty_engine) == migrations.head_revision()
    assert migrations.autogenerate_diff(empty_engine) == []
    assert table_names(empty_engine) == set(store.metadata.tables)


def test_fresh_store_is_the_schema_the_migrations_build(empty_url, tmp_path):
    """A fresh store (create_all, stamped at head) has the tables, columns, keys and indexes
    that running every revision gives, and is current at once."""
    fresh = store.make_engine(empty_url)
    assert migrations.ensure_schema(fresh) == "created"
    assert migrations.current_revision(fresh) == migrations.head_revision()
    assert migrations.ensure_schema(fresh) == "current"
    if empty_url.startswith("sqlite"):
        migrated_url = f"sqlite:///{tmp_path / 'migrated.db'}"
    else:
        from tests.conftest import postgres_scratch

        migrated_url = postgres_scratch().new_store_url()
    migrated = store.make_engine(migrated_url)
    migrations.upgrade(migrated)
    assert schema_of(fresh) == schema_of(migrated)
    assert columns_of(fresh) == columns_of(migrated)
    migrated.dispose()
    fresh.dispose()


def _seed_baseline(engine) -> None:
    """Rows a vertical-slice database held: reference, a source, an observation, its run."""
    when = datetime(2024, 9, 12, 8, 30, tzinfo=UTC)
    meta = sa.MetaData()
    meta.reflect(engine, only=sorted(BASELINE_TABLES))
    t = meta.tables
    with engine.begin() as conn:
        conn.execute(t["countries"].insert(), [
            {"iso3": "MAR", "iso2": "MA", "name_en": "Morocco", "name_fr": "Maroc",
             "name_ar": "المغرب", "gdelt_fips": "MO", "focus_group": "focus"},
        ])
        conn.execute(t["sources"].insert(), [{
            "source_id": "itu_gci", "publisher": "ITU", "title": "GCI", "url": "https://itu.int",
            "licence": "cite", "cadence": "biennial", "kind": "bundled"}])
        conn.execute(t["indicators"].insert(), [{
            "indicator_id": "itu_gci.overall", "source_id": "itu_gci", "name": "GCI score",
            "unit": "score", "scale": "0-100", "higher_is_better": True,
            "methodology_note": "note"}])
        conn.execute(t["raw_snapshots"].insert(), [{
            "sha256": "a" * 64, "source_id": "itu_gci", "origin": "datasets/gci.csv",
            "size": 10, "fetched_at": when, "path": "aa/" + "a" * 64}])
        conn.execute(t["runs"].insert(), [{
            "source_id": "itu_gci", "started_at": when, "finished_at": when,
            "status": "succeeded", "snapshot_sha256": "a" * 64, "fetched": 1, "valid": 1,
            "quarantined": 0, "inserted": 1, "updated": 0, "unchanged": 0}])
        conn.execute(t["observations"].insert(), [{
            "indicator_id": "itu_gci.overall", "iso3": "MAR", "edition": 2024, "value": 97.5,
            "scale": "0-100", "rank": None, "rank_text": None, "tier": 1,
            "tier_label": "Role-modelling", "source_document": "GCI 2024",
            "source_url": "https://itu.int", "channel": "report", "verification": "verified",
            "source_note": None, "snapshot_sha256": "a" * 64, "run_id": 1}])


def _check_upgraded(engine, settings) -> None:
    assert migrations.current_revision(engine) == migrations.head_revision()
    assert table_names(engine) == set(store.metadata.tables)
    assert migrations.autogenerate_diff(engine) == []
    frame = store.observations_frame(engine, iso3s=["MAR"])
    assert frame[["indicator_id", "iso3", "edition", "value", "tier"]].to_dict("records") == [
        {"indicator_id": "itu_gci.overall", "iso3": "MAR", "edition": 2024, "value": 97.5,
         "tier": 1}]
    assert frame["country"].tolist() == ["Morocco"]
    with engine.connect() as conn:
        assert store.run_row(conn, 1)["status"] == "succeeded"
    # The upgraded store works: new runs get the next id, a real load succeeds.
    [result] = pipeline.run_sources(["interpol_act"], settings, engine)
    assert result.status == "succeeded" and result.run_id == 2


def test_upgrade_from_the_baseline_keeps_the_data(empty_engine, empty_url, tmp_path):
    """A database at 0001 with data: upgrade, data intact, new tables there, loads still work."""
    migrations.upgrade(empty_engine, migrations.BASELINE)
    assert table_names(empty_engine) == BASELINE_TABLES
    _seed_baseline(empty_engine)
    migrations.upgrade(empty_engine)
    _check_upgraded(empty_engine, make_settings(tmp_path, database_url=empty_url))


def test_database_from_before_migrations_is_adopted(empty_engine, empty_url, tmp_path):
    """A create_all database without a version table is stamped at 0001 and upgraded."""
    migrations.upgrade(empty_engine, migrations.BASELINE)
    _seed_baseline(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(sa.text(f"DROP TABLE {migrations.VERSION_TABLE}"))
    assert migrations.ensure_schema(empty_engine) == "adopted"
    _check_upgraded(empty_engine, make_settings(tmp_path, database_url=empty_url))


def test_init_schema_migrates(empty_engine):
    """store.init_schema (what every command runs) brings a 0001 database to head."""
    migrations.upgrade(empty_engine, migrations.BASELINE)
    store.init_schema(empty_engine)
    assert migrations.current_revision(empty_engine) == migrations.head_revision()


def test_cli_db_upgrade_and_current(empty_url, monkeypatch):
    """`cyberindex db upgrade` then `db current` shows the head."""
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", empty_url)
    runner = CliRunner()
    upgraded = runner.invoke(cli.main, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"at revision {migrations.head_revision()}" in upgraded.output
    current = runner.invoke(cli.main, ["db", "current"])
    head = migrations.head_revision()
    assert current.output.strip() == f"database: {head}  head: {head}"


def test_upgrade_from_0003_adds_the_run_counts_and_keeps_the_runs(empty_engine, empty_url,
                                                                   tmp_path):
    """A store at 0003 (before runs.removed and runs.kept_quarantined) keeps every run and
    row; the new counts are 0 unless the run's note stated them (then they say the note's
    numbers); a new load records them."""
    migrations.upgrade(empty_engine, "0003")
    _seed_baseline(empty_engine)
    when = datetime(2026, 11, 29, 21, 0, tzinfo=UTC)
    noted = ("forced publication of held run 1; removed 3 published row(s) the source no longer "
             "gives; kept 6 published row(s) as they were: their incoming rows were quarantined")
    meta = sa.MetaData()
    meta.reflect(empty_engine, only=["runs"])
    with empty_engine.begin() as conn:
        conn.execute(meta.tables["runs"].insert(), [
            {"source_id": "itu_gci", "started_at": when, "finished_at": when,
             "status": "succeeded", "reason": noted, "fetched": 970, "valid": 969,
             "quarantined": 1, "inserted": 0, "updated": 2, "unchanged": 1990},
            # Words of a person, not the pipeline's part: not read as a count.
            {"source_id": "interpol_act", "started_at": when, "finished_at": when,
             "status": "succeeded", "reason": "note: removed 4 published row(s) by hand",
             "fetched": 5, "valid": 5, "quarantined": 0, "inserted": 5, "updated": 0,
             "unchanged": 0},
        ])
        before = [dict(r) for r in conn.execute(
            sa.select(meta.tables["runs"]).order_by("run_id")).mappings()]

    migrations.upgrade(empty_engine)

    assert migrations.current_revision(empty_engine) == migrations.head_revision()
    assert migrations.autogenerate_diff(empty_engine) == []
    with empty_engine.connect() as conn:
        after = [dict(r) for r in conn.execute(
            sa.select(store.runs).order_by(store.runs.c.run_id)).mappings()]
    assert [{k: r[k] for k in before[0]} for r in after] == before
    assert [(r["removed"], r["kept_quarantined"]) for r in after] == [(0, 0), (3, 6), (0, 0)]
    assert len(store.observations_frame(empty_engine, iso3s=["MAR"])) == 1
    # The upgraded store works: a load gets the next run id and records the new counts.
    settings = make_settings(tmp_path, database_url=empty_url)
    [result] = pipeline.run_sources(["interpol_act"], settings, empty_engine)
    assert result.status == "succeeded" and result.run_id == 4
    with empty_engine.connect() as conn:
        row = store.run_row(conn, 4)
    assert (row["removed"], row["kept_quarantined"]) == (0, 0)


PROVENANCE_COLUMNS = ["old_source_url", "new_source_url", "old_channel", "new_channel",
                      "old_verification", "new_verification"]


def test_upgrade_from_0006_adds_the_changelog_provenance_and_keeps_the_rows(empty_engine,
                                                                            empty_url,
                                                                            tmp_path):
    """A store at 0006 keeps its changelog rows, none given a provenance it never recorded
    (both sides empty); a load after the upgrade writes them; the revision goes down and up
    again with the rows intact."""
    from alembic import command

    migrations.upgrade(empty_engine, "0006")
    _seed_baseline(empty_engine)
    when = datetime(2024, 9, 12, 8, 30, tzinfo=UTC)
    meta = sa.MetaData()
    meta.reflect(empty_engine, only=["changes", "releases"])
    logged = {"run_id": 1, "release_id": 1, "source_id": "itu_gci",
              "indicator_id": "itu_gci.overall", "iso3": "MAR", "edition": 2024,
              "kind": "added", "new_value": 97.5, "new_tier": 1, "snapshot_sha256": "a" * 64,
              "changed_at": when}
    with empty_engine.begin() as conn:
        conn.execute(meta.tables["releases"].insert(), [
            {"release_id": 1, "run_id": 1, "source_id": "itu_gci", "published_at": when}])
        conn.execute(meta.tables["changes"].insert(), [logged])

    migrations.upgrade(empty_engine)

    assert migrations.current_revision(empty_engine) == migrations.head_revision()
    assert migrations.autogenerate_diff(empty_engine) == []
    [row] = store.changes_frame(empty_engine).to_dict("records")
    assert {k: row[k] for k in ("indicator_id", "iso3", "edition", "kind", "new_value")} == {
        k: logged[k] for k in ("indicator_id", "iso3", "edition", "kind", "new_value")}
    assert all(pd.isna(row[c]) for c in PROVENANCE_COLUMNS), row

    with empty_engine.begin() as conn:
        command.downgrade(migrations.alembic_config(conn), "0006")
    columns = {c["name"] for c in sa.inspect(empty_engine).get_columns("changes")}
    assert not columns & set(PROVENANCE_COLUMNS)
    migrations.upgrade(empty_engine)
    assert len(store.changes_frame(empty_engine)) == 1

    settings = make_settings(tmp_path, database_url=empty_url)
    [result] = pipeline.run_sources(["un_egdi"], settings, empty_engine)  # its first release
    assert result.status == "succeeded", result
    added = store.changes_frame(empty_engine).query(f"release_id == {result.release_id}")
    key = ["indicator_id", "iso3", "edition"]
    published = store.observations_frame(empty_engine, sorted(set(added["indicator_id"])))
    sides = added[key + ["new_source_url", "new_verification", "old_source_url"]].merge(
        published[key + ["source_url", "verification"]], on=key)
    assert len(sides) == len(added) == len(published) > 0
    assert sides["new_source_url"].tolist() == sides["source_url"].tolist()
    assert sides["new_verification"].tolist() == sides["verification"].tolist()
    assert sides["old_source_url"].isna().all()
