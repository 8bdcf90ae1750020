"""The publish gate: suspicious releases are held with a reason; --force or a clean run publishes."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from etl import cli, pipeline, releases, store
from tests.etl.refresh_support import (
    edit_gci,
    morocco_drops_to_tier_2,
    published,
    read_gci,
    subprocess_env,
)


def _drop_30_percent(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.iloc[: int(len(frame) * 0.7)]


def _spoil_10_percent(frame: pd.DataFrame) -> pd.DataFrame:
    spoiled = frame.sample(frac=0.10, random_state=6).index
    frame.loc[spoiled, "overall_score"] = "n/a"
    return frame


def _drop_oman(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["iso3"] != "OMN"]


# (spoil, reason, whether forcing it removes rows): rows absent from a valid file are removed
# once forced; rows quarantined keep their published values even then (nothing to publish).
GATED = [
    pytest.param(_drop_30_percent, "rows against", True, id="30pc-rows-missing"),
    pytest.param(_spoil_10_percent, "quarantined", False, id="10pc-rows-bad"),
    pytest.param(_drop_oman, "drops 1 country(ies) of the previous release: OMN", True,
                 id="country-missing"),
]


@pytest.mark.parametrize(("spoil", "reason", "removes"), GATED)
def test_suspicious_release_is_held_then_forced(baseline, monkeypatch, spoil, reason, removes):
    """A held release changes nothing, shows status and reason; `publish --force` publishes it
    (rows it lacks are removed; rows it quarantined keep their published values)."""
    settings, engine = baseline
    before = published(engine)
    edit_gci(settings, spoil)

    [held] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert held.status == "held" and reason in held.reason
    pd.testing.assert_frame_equal(published(engine), before)
    assert releases.current_release_id(engine) == 1
    status = store.last_runs_frame(engine).set_index("source_id").loc["itu_gci"]
    assert status["status"] == "held" and reason in status["reason"]

    for key, value in subprocess_env(settings).items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)
    runner = CliRunner()
    shown = runner.invoke(cli.main, ["etl", "status"])
    assert "held" in shown.output and reason in shown.output
    refused = runner.invoke(cli.main, ["etl", "publish", "itu_gci"])
    assert refused.exit_code == 2
    edit_gci(settings, lambda f: f.iloc[:0])  # the datasets file no longer matters: the snapshot does
    forced = runner.invoke(cli.main, ["etl", "publish", "itu_gci", "--force"])

    assert forced.exit_code == 0, forced.output
    assert "succeeded" in forced.output and f"forced publication of held run {held.run_id}" in forced.output
    if removes:
        assert releases.current_release_id(engine) == 2
        assert len(published(engine)) < len(before)
        assert "kept_quarantined=0" in forced.output and "removed=0" not in forced.output
    else:
        assert releases.current_release_id(engine) == 1  # nothing changed: no release
        pd.testing.assert_frame_equal(published(engine), before)
        assert "removed=0" in forced.output and "kept_quarantined=0" not in forced.output
    latest = store.last_runs_frame(engine).set_index("source_id").loc["itu_gci"]
    assert latest["snapshot_sha256"] == held.snapshot_sha256


def test_clean_run_after_a_hold_publishes(baseline):
    """A held release is superseded by the next clean run."""
    settings, engine = baseline
    original = read_gci(settings)
    edit_gci(settings, _drop_oman)
    assert pipeline.run_sources(["itu_gci"], settings, engine)[0].status == "held"
    edit_gci(settings, lambda f: morocco_drops_to_tier_2(original.copy()))
    [clean] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert clean.status == "succeeded" and clean.release_id == 2
    mar = store.observations_frame(engine, ["itu_gci.overall"], ["MAR"], [2024])
    assert mar["tier"].tolist() == [2]


def test_publish_without_a_held_run_is_refused(baseline):
    """`publish --force` only publishes a held run."""
    settings, engine = baseline
    with pytest.raises(pipeline.NothingHeldError, match="latest run: succeeded"):
        pipeline.publish_held("itu_gci", settings, engine)


def test_published_run_removes_rows_its_source_dropped(baseline):
    """A published run makes the source's observations equal its new valid rows."""
    settings, engine = baseline
    edit_gci(settings, lambda f: f[~((f["iso3"] == "MAR") & (f["edition"] == "2014"))])
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded"
    assert store.observations_frame(engine, iso3s=["MAR"], editions=[2014]).empty
    removed = store.changes_frame(engine, iso3s=["MAR"]).query("release_id == 2")
    assert removed[["kind", "edition", "old_value"]].values.tolist() == [["removed", 2014, 0.559]]


def test_unchanged_run_makes_no_release(baseline):
    """A run that changes nothing publishes no new release."""
    settings, engine = baseline
    [again] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert again.status == "succeeded" and again.release_id is None
    assert releases.current_release_id(engine) == 1


def test_prune_keeps_referenced_and_held_snapshots(baseline):
    """`prune --keep 1` removes old snapshots but never a published or held one."""
    settings, engine = baseline
    original = read_gci(settings)
    shas = []
    for score in ("0.50",):  # a superseded release
        edit_gci(settings, lambda f, s=score: set_score(original.copy(), s))
        shas.append(pipeline.run_sources(["itu_gci"], settings, engine)[0].snapshot_sha256)
    edit_gci(settings, lambda f: set_score(original.copy(), "0.51"))
    current = pipeline.run_sources(["itu_gci"], settings, engine)[0].snapshot_sha256
    edit_gci(settings, lambda f: _drop_oman(original.copy()))
    held = pipeline.run_sources(["itu_gci"], settings, engine)[0]
    assert held.status == "held"

    removed = pipeline.prune_snapshots(engine, settings, keep=1)

    with engine.connect() as conn:
        left = {r["sha256"] for r in store.snapshot_rows(conn)}
    assert {current, held.snapshot_sha256} <= left
    assert {r["sha256"] for r in removed} >= set(shas)
    assert not any((settings.raw_dir / s[:2] / s).exists() for s in shas)
    assert (settings.raw_dir / current[:2] / current).exists()


def set_score(frame: pd.DataFrame, score: str) -> pd.DataFrame:
    mask = (frame["iso3"] == "MAR") & (frame["edition"] == "2014")
    frame.loc[mask, "overall_score"] = score
    return frame
