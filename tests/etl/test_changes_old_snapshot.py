"""A changelog row names the raw snapshot of its old side (``old_snapshot_sha256``) beside its
new side's (``snapshot_sha256``), for observations, cited statements and per-source values, so
both sources can be opened; an added row has none. The changelog file gives it."""

from __future__ import annotations

import io

import pandas as pd

from etl import changelog_export, pipeline, store
from tests.etl.refresh_support import edit_gci, set_cells
from tests.etl.release_support import ncsi_store, publish_ncsi

# Morocco's GCI 2024: its legal pillar 20 -> 12.5 (score 90, tier 2), then 12.5 -> 15.
TIER_2 = {"overall_score": "90", "tier": "2", "tier_label": "Advancing", "legal": "12.5"}
LEGAL_15 = {"overall_score": "92.5", "legal": "15"}


def _gci(settings, engine, **cells: str):
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2024", **cells))
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded" and result.release_id, result
    return result


def test_changed_observations_name_both_snapshots(baseline):
    settings, engine = baseline
    first = store.changes_frame(engine)
    assert set(first["kind"]) == {"added"} and first["old_snapshot_sha256"].isna().all()
    [published_from] = first["snapshot_sha256"].unique()

    second = _gci(settings, engine, **TIER_2)
    third = _gci(settings, engine, **LEGAL_15)

    frame = store.changes_frame(engine)
    for result, old in ((second, published_from), (third, second.snapshot_sha256)):
        rows = frame[frame["release_id"] == result.release_id]
        assert len(rows) >= 2 and set(rows["kind"]) == {"changed"}
        assert set(zip(rows["snapshot_sha256"], rows["old_snapshot_sha256"], strict=True)) == {
            (result.snapshot_sha256, old)}


def test_removed_observations_name_the_snapshot_they_were_published_from(baseline):
    settings, engine = baseline
    [published_from] = store.changes_frame(engine)["snapshot_sha256"].unique()
    edit_gci(settings, lambda f: f[~((f["iso3"] == "MAR") & (f["edition"] == "2024"))])
    result = pipeline.run_source(pipeline.SOURCES["itu_gci"], settings, engine, force=True)
    assert result.status == "succeeded", result
    rows = store.changes_frame(engine).query(f"release_id == {result.release_id}")
    assert set(rows["kind"]) == {"removed"} and len(rows) == 6
    assert set(rows["old_snapshot_sha256"]) == {published_from}
    assert set(rows["snapshot_sha256"]) == {result.snapshot_sha256}


def test_changed_statements_name_both_snapshots(tmp_path):
    settings, engine = ncsi_store(tmp_path)
    [published_from] = store.content_changes_frame(engine)["snapshot_sha256"].unique()
    release = publish_ncsi(settings, engine, forward=True)
    frame = store.content_changes_frame(engine)
    rows = frame[frame["release_id"] == release]
    assert len(rows) and set(rows["kind"]) == {"changed"}
    assert set(rows["old_snapshot_sha256"]) == {published_from}
    assert (rows["snapshot_sha256"] != published_from).all()
    assert frame[frame["kind"] == "added"]["old_snapshot_sha256"].isna().all()
    engine.dispose()


def test_the_changelog_file_gives_the_old_snapshot(baseline):
    settings, engine = baseline
    [published_from] = store.changes_frame(engine)["snapshot_sha256"].unique()
    second = _gci(settings, engine, **TIER_2)
    rows = changelog_export.changes_rows(engine)
    assert changelog_export.CHANGE_COLUMNS[-1] == "old_snapshot_sha256"
    changed = rows[rows["release_id"] == second.release_id]
    assert len(changed) >= 2 and set(changed["old_snapshot_sha256"]) == {published_from}
    text = changelog_export.render(rows, "csv")
    text = text.decode() if isinstance(text, bytes) else "".join(
        part.decode() if isinstance(part, bytes) else part for part in text)
    read = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert read.columns[-1] == "old_snapshot_sha256"
    assert set(read.loc[read["release_id"] == str(second.release_id),
                        "old_snapshot_sha256"]) == {published_from}
    assert set(read.loc[read["kind"] == "added", "old_snapshot_sha256"]) == {""}
