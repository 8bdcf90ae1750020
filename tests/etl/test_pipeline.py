"""Pipeline: loads, is idempotent, records runs, keeps raw, and fails a source cleanly."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from etl import pipeline, store
from etl.settings import DATASETS_DIR
from tests.conftest import make_settings
from tests.etl.bundled_support import reseal


@pytest.fixture
def own_datasets(tmp_path: Path):
    """A private copy of datasets/ the test may break."""
    target = tmp_path / "datasets"
    shutil.copytree(DATASETS_DIR, target)
    return target


def test_first_run_loads_second_changes_nothing(settings, engine):
    """First run inserts; a second run on the same input reports 0 inserted, 0 updated."""
    first = pipeline.run_sources(["itu_gci"], settings, engine)[0]
    assert first.status == "succeeded"
    assert first.counts["inserted"] > 1900
    assert first.counts["quarantined"] == 0  # the two declared conflicts are shown
    second = pipeline.run_sources(["itu_gci"], settings, engine)[0]
    assert second.counts["inserted"] == 0
    assert second.counts["updated"] == 0
    assert second.counts["unchanged"] == first.counts["inserted"]
    runs = store.runs_frame(engine, "itu_gci")
    assert list(runs["status"]) == ["succeeded", "succeeded"]
    assert int(runs.iloc[0]["fetched"]) == 971


def test_raw_snapshot_kept_by_hash(settings, engine):
    """The raw bytes are kept once under their SHA-256 and match the bundled file."""
    result = pipeline.run_sources(["itu_gci"], settings, engine)[0]
    kept = settings.raw_dir / result.snapshot_sha256[:2] / result.snapshot_sha256
    assert kept.read_bytes() == (DATASETS_DIR / "gci_scores.csv").read_bytes()
    pipeline.run_sources(["itu_gci"], settings, engine)
    assert len(list(settings.raw_dir.rglob("*"))) == 2  # one folder, one file


def test_changed_value_is_an_update(tmp_path, own_datasets):
    """Editing one value in the source gives exactly one updated row."""
    settings = make_settings(tmp_path, datasets_dir=own_datasets)
    engine = store.make_engine(settings.database_url)
    pipeline.run_sources(["itu_gci"], settings, engine)
    path = own_datasets / "gci_scores.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("MAR,Morocco,2018,0-1,0.429,93", "MAR,Morocco,2018,0-1,0.43,93"),
                    encoding="utf-8")
    reseal(path)
    result = pipeline.run_sources(["itu_gci"], settings, engine)[0]
    assert (result.counts["inserted"], result.counts["updated"]) == (0, 1)


@pytest.mark.parametrize(
    "damage, reason_part",
    [
        pytest.param(lambda p: p.unlink(), "not found", id="missing-file"),
        # Broken with the sidecar updated to them: the file itself is refused.
        pytest.param(lambda p: (p.write_bytes(b""), reseal(p)), "empty file", id="empty-file"),
        pytest.param(lambda p: (p.write_bytes(b"a;b\n1;2\n"), reseal(p)), "lacks column",
                     id="wrong-header"),
        pytest.param(lambda p: (p.unlink(), p.mkdir()), "cannot read", id="unreadable"),
    ],
)
def test_broken_source_fails_and_keeps_earlier_data(tmp_path, own_datasets, damage, reason_part):
    """A missing or unreadable source fails its run with a reason; earlier data stays."""
    settings = make_settings(tmp_path, datasets_dir=own_datasets)
    engine = store.make_engine(settings.database_url)
    pipeline.run_sources(["itu_gci"], settings, engine)
    before = store.observations_frame(engine)
    damage(own_datasets / "gci_scores.csv")
    result = pipeline.run_sources(["itu_gci"], settings, engine)[0]
    assert result.status == "failed"
    assert reason_part in result.reason
    after = store.observations_frame(engine)
    assert after.equals(before)
    last = store.last_runs_frame(engine).set_index("source_id").loc["itu_gci"]
    assert last["status"] == "failed" and reason_part in last["reason"]


def test_the_bytes_of_a_failed_run_are_listed_and_named_by_it(tmp_path, own_datasets):
    """A file read but refused (a header lacking columns) fails its run; its bytes, kept
    before parsing, are a listed snapshot named by the run: found from the run, copied by
    backups, pruned as any other (an unlisted file was neither)."""
    settings = make_settings(tmp_path, datasets_dir=own_datasets)
    engine = store.make_engine(settings.database_url)
    path = own_datasets / "gci_scores.csv"
    path.write_bytes(b"a;b\n1;2\n")
    reseal(path)
    result = pipeline.run_sources(["itu_gci"], settings, engine)[0]
    assert result.status == "failed" and "lacks column" in result.reason
    sha = hashlib.sha256(b"a;b\n1;2\n").hexdigest()
    assert result.snapshot_sha256 == sha
    run = store.runs_frame(engine, "itu_gci").iloc[0]
    assert run["status"] == "failed" and run["snapshot_sha256"] == sha
    with engine.connect() as conn:
        row = store.snapshot_row(conn, sha)
    assert row is not None and row["source_id"] == "itu_gci"
    assert Path(row["path"]).read_bytes() == b"a;b\n1;2\n"


def test_a_run_failing_before_its_bytes_are_kept_names_none(tmp_path, own_datasets):
    """A file that cannot be read at all leaves no snapshot to name."""
    settings = make_settings(tmp_path, datasets_dir=own_datasets)
    engine = store.make_engine(settings.database_url)
    (own_datasets / "gci_scores.csv").unlink()
    result = pipeline.run_sources(["itu_gci"], settings, engine)[0]
    assert result.status == "failed" and result.snapshot_sha256 is None
    assert store.runs_frame(engine, "itu_gci").iloc[0]["snapshot_sha256"] is None


def test_unknown_source_is_rejected(settings, engine):
    """Asking for a source that does not exist names it."""
    with pytest.raises(pipeline.UnknownSourceError, match="nope"):
        pipeline.run_sources(["nope"], settings, engine)


def test_reference_has_cldr_names_and_groups(loaded_engine):
    """Countries carry CLDR names in three languages; groups carry their source."""
    countries = store.countries_frame(loaded_engine).set_index("iso3")
    assert countries.loc["MAR", "name_fr"] == "Maroc"
    assert countries.loc["MAR", "name_ar"] == "المغرب"
    assert countries.loc["MAR", "gdelt_fips"] == "MO"
    groups = store.groups_frame(loaded_engine).set_index("group_id")
    assert {"gcc", "arab_league", "maghreb", "african_union", "mena", "global_leaders"} <= set(
        groups.index)
    assert groups["source_url"].str.startswith("http").all()
    members = store.group_members_frame(loaded_engine, ["gcc"])
    assert sorted(members["iso3"]) == ["ARE", "BHR", "KWT", "OMN", "QAT", "SAU"]
