"""The publish gate: suspicious releases are held with a reason; --force or a clean run publishes."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from etl import cli, gate, maintenance, pipeline, releases, run_safety, skipped_runs, store
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
    with pytest.raises(maintenance.NothingHeldError, match="latest run: succeeded"):
        maintenance.publish_held("itu_gci", settings, engine)


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

    removed = maintenance.prune_snapshots(engine, settings, keep=1)

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


# ------------------------------------------------------------ whole editions and indicators


def _without_2018(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["edition"] != "2018"]


def _without_pillars(frame: pd.DataFrame) -> pd.DataFrame:
    """Every pillar emptied in every row (one pillar emptied beside the other four is a row
    the schema quarantines: a row gives all five or none)."""
    return frame.assign(legal="", technical="", organizational="", capacity_development="",
                        cooperation="")


VANISHED = [
    pytest.param(_without_2018, "edition(s) of an indicator of the previous release: "
                 "itu_gci.overall 2018", id="edition-2018-missing"),
    pytest.param(_without_pillars, "drops every value of 5 indicator(s) of the previous "
                 "release: itu_gci.capacity_development, itu_gci.cooperation, itu_gci.legal, "
                 "itu_gci.organizational, itu_gci.technical", id="pillars-emptied"),
]


@pytest.mark.parametrize(("spoil", "reason"), VANISHED)
def test_a_whole_edition_or_indicator_gone_is_held_then_forced(baseline, spoil, reason):
    """A file that lost a whole edition, or its pillars emptied in every row, is held (no country
    is missing and most rows are there, so only this part holds it) and can still be forced."""
    settings, engine = baseline
    before = published(engine)
    edit_gci(settings, spoil)

    [held] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert held.status == "held" and reason in held.reason, held.reason
    assert "country(ies)" not in held.reason
    pd.testing.assert_frame_equal(published(engine), before)
    forced = maintenance.publish_held("itu_gci", settings, engine)
    assert forced.status == "succeeded" and forced.counts["removed"] > 0


def test_vanished_parts_name_indicators_then_editions_of_indicators_still_given():
    old = {(ind, iso3, edition): {} for ind in ("a.x", "a.y") for iso3 in ("MAR", "OMN")
           for edition in (2018, 2020)}
    new = pd.DataFrame({"indicator_id": ["a.x", "a.x"], "iso3": ["MAR", "OMN"],
                        "edition": [2020, 2020]})
    assert gate.vanished_gate_reasons(old, new) == [
        "drops every value of 1 indicator(s) of the previous release: a.y",
        "drops every value of 1 edition(s) of an indicator of the previous release: a.x 2018",
    ]
    # One country less in an edition is the dropped-country rule's, not this one's.
    assert gate.vanished_gate_reasons(old, new.iloc[:1].assign(edition=2018).pipe(
        lambda f: pd.concat([f, new, f.assign(indicator_id="a.y"),
                             f.assign(indicator_id="a.y", edition=2020)]))) == []
    assert gate.vanished_gate_reasons({}, new) == []


# ------------------------------------------------------------ a hold outlives later runs


def _hold(settings, engine) -> run_safety.RunResult:
    edit_gci(settings, _drop_oman)
    [held] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert held.status == "held"
    return held


def _fail_once(settings, engine) -> None:
    """A run of itu_gci that fails: its file briefly missing."""
    path = settings.datasets_dir / "gci_scores.csv"
    moved = path.rename(path.with_suffix(".away"))
    try:
        [failed] = pipeline.run_sources(["itu_gci"], settings, engine)
    finally:
        moved.rename(path)
    assert failed.status == "failed"


def _abandon_a_forced_publication(settings, engine) -> None:
    """What a SIGKILLed `publish --force` leaves: its run "running", found by the next one."""
    store.start_run(engine, "itu_gci")


LATER = [
    pytest.param(lambda s, e: skipped_runs.record_skipped(["itu_gci"], "skipped: lock busy", e),
                 id="skipped"),
    pytest.param(_fail_once, id="failed"),
    pytest.param(_abandon_a_forced_publication, id="killed-forced-publication"),
]


@pytest.mark.parametrize("later", LATER)
def test_a_hold_stays_shown_and_forceable_after_later_runs(baseline, monkeypatch, later):
    """A skipped, failed or killed run after a hold leaves it pending: `etl status` still says
    it, and `publish --force` publishes the held run's snapshot."""
    settings, engine = baseline
    held = _hold(settings, engine)
    later(settings, engine)
    with engine.connect() as conn:
        assert store.pending_held_run(conn, "itu_gci")["run_id"] == held.run_id
    for key, value in subprocess_env(settings).items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)
    shown = CliRunner().invoke(cli.main, ["etl", "status"])
    assert f"held: itu_gci run {held.run_id} still awaits review" in shown.output, shown.output
    assert "drops 1 country(ies) of the previous release: OMN" in shown.output

    forced = maintenance.publish_held("itu_gci", settings, engine)

    assert forced.status == "succeeded", forced.reason
    assert f"forced publication of held run {held.run_id}" in forced.reason
    assert "OMN" not in set(published(engine)["iso3"])
    with engine.connect() as conn:
        assert store.pending_held_run(conn, "itu_gci") is None
    with pytest.raises(maintenance.NothingHeldError):
        maintenance.publish_held("itu_gci", settings, engine)


def test_a_later_clean_run_resolves_the_hold(baseline):
    """A run that passes the gate after a hold (the file fixed) leaves nothing to force."""
    settings, engine = baseline
    original = read_gci(settings)
    _hold(settings, engine)
    edit_gci(settings, lambda f: original)
    assert pipeline.run_sources(["itu_gci"], settings, engine)[0].status == "succeeded"
    skipped_runs.record_skipped(["itu_gci"], "skipped: lock busy", engine)
    with engine.connect() as conn:
        assert store.pending_held_runs(conn) == []
    with pytest.raises(maintenance.NothingHeldError, match="latest run: skipped"):
        maintenance.publish_held("itu_gci", settings, engine)
