"""The changelog lists a change of where a value was read (source URL, channel, verification):
kind "provenance" when its figures stayed the same, both sides on a "changed" row, the new side
on an added row and the old on a removed one; such a change raises no alert."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from etl import alerts, changes, pipeline, store
from tests.etl.refresh_support import (
    edit_gci,
    morocco_drops_to_tier_2,
    published_copy,
    set_cells,
)

KEY = ("itu_gci.legal", "OMN", 2024)
PRESS = "https://press.example/oman"
REPORT = "https://itu.example/gci-2024.pdf"
SIDES = ("source_url", "channel", "verification")


def _obs(**row):
    base = {"indicator_id": KEY[0], "iso3": KEY[1], "edition": KEY[2], "value": 19.59,
            "rank": None, "tier": None, "source_url": PRESS, "channel": "press or official release",
            "verification": "single_source"}
    return {**base, **row}


def _diff(old: list[dict], new: list[dict]) -> list[dict]:
    before = {(o["indicator_id"], o["iso3"], o["edition"]): o for o in old}
    return changes.diff_observations(before, pd.DataFrame(new))


def _provenance(row: dict) -> dict:
    return {f"{side}_{f}": row[f"{side}_{f}"] for side in ("old", "new") for f in SIDES}


@pytest.mark.parametrize(("old", "new", "kind"), [
    pytest.param(_obs(), _obs(source_url=REPORT), "provenance", id="source-url"),
    pytest.param(_obs(), _obs(verification="verified_2_sources"), "provenance",
                 id="verification"),
    pytest.param(_obs(), _obs(channel="SSPI transcription"), "provenance", id="channel"),
    pytest.param(_obs(channel=None), _obs(channel="SSPI transcription"), "provenance",
                 id="channel-given"),
    pytest.param(_obs(), _obs(value=19.6, source_url=REPORT), "changed", id="value-and-source"),
    pytest.param(_obs(), _obs(value=19.6), "changed", id="value-only"),
])
def test_a_changed_observation_carries_its_provenance_old_and_new(old, new, kind):
    """A new source URL, channel or verification with the same figures is one "provenance"
    row; with a figure changed too, one "changed" row; either gives both sides, as stored."""
    [row] = _diff([old], [new])
    assert row["kind"] == kind
    assert (row["old_value"], row["new_value"]) == (old["value"], new["value"])
    assert _provenance(row) == {**{f"old_{f}": old[f] for f in SIDES},
                                **{f"new_{f}": new[f] for f in SIDES}}


@pytest.mark.parametrize(("old", "new"), [
    pytest.param(_obs(), _obs(), id="same"),
    pytest.param(_obs(channel=None), {k: v for k, v in _obs().items() if k != "channel"},
                 id="no-channel-either-side"),
    pytest.param(_obs(), _obs(source_note="a new note", source_document="GCI 2024 (v2)"),
                 id="note-and-document-only"),
    pytest.param(_obs(), _obs(value=19.59 + 1e-13), id="float-noise"),
])
def test_an_unchanged_observation_gives_no_row(old, new):
    """Same figures and same provenance (a new note or document title aside): no row."""
    assert _diff([old], [new]) == []


def test_added_rows_carry_the_new_side_and_removed_rows_the_old():
    """An added observation has its provenance as new_ (old_ empty), a removed one as old_."""
    gone = _obs(indicator_id="itu_gci.technical", source_url=REPORT)
    added, removed = _diff([gone], [_obs()])
    assert (added["kind"], removed["kind"]) == ("added", "removed")
    assert _provenance(added) == {"old_source_url": None, "old_channel": None,
                                  "old_verification": None, "new_source_url": PRESS,
                                  "new_channel": "press or official release",
                                  "new_verification": "single_source"}
    assert _provenance(removed) == {"old_source_url": REPORT,
                                    "old_channel": "press or official release",
                                    "old_verification": "single_source",
                                    "new_source_url": None, "new_channel": None,
                                    "new_verification": None}


def test_a_provenance_change_raises_no_alert_and_is_not_listed_in_one():
    """Alerts are about score, rank and tier: a watched country's provenance-only row raises
    none, and beside a changed figure of the same edition it is left out of the alert."""
    old = {KEY: _obs(), ("itu_gci.overall", "OMN", 2024): _obs(indicator_id="itu_gci.overall",
                                                                value=97.02)}
    quiet = changes.diff_observations(old, pd.DataFrame([_obs(source_url=REPORT)]))
    assert [r["kind"] for r in quiet] == ["provenance", "removed"]
    only = [r for r in quiet if r["kind"] == "provenance"]
    common = {"source_id": "itu_gci", "run_id": 2, "release_id": 2, "at": "2026-12-02"}
    assert alerts.alerts_for(only, set(old), ("OMN",), **common) == []

    mixed = changes.diff_observations(old, pd.DataFrame([
        _obs(source_url=REPORT), _obs(indicator_id="itu_gci.overall", value=97.5)]))
    assert sorted(r["kind"] for r in mixed) == ["changed", "provenance"]
    [alert] = alerts.alerts_for(mixed, set(old), ("OMN",), **common)
    assert alert["events"] == ["score"]
    assert [(r["indicator_id"], r["kind"]) for r in alert["changes"]] == [
        ("itu_gci.overall", "changed")]
    assert "provenance" not in alert["text"] and "itu_gci.legal" not in alert["text"]


# ---------------------------------------------------------------- through the pipeline

OMN_URLS = ("https://zawya.com/en/world/middle-east/oman-among-top-cyber-secure-countries-itu-"
            "c891maad?amp=1 | https://arynews.tv/oman-ranks-among-worlds-top-cybersecurity-"
            "advanced-countries/")
GCI_ROW = ("itu_gci.overall", "itu_gci.legal", "itu_gci.technical", "itu_gci.organizational",
           "itu_gci.capacity_development", "itu_gci.cooperation")


def _released(engine, release_id: int) -> pd.DataFrame:
    frame = store.changes_frame(engine).query(f"release_id == {release_id}")
    return frame.sort_values("indicator_id").reset_index(drop=True)


def _logged_alerts(settings) -> list[dict]:
    if not settings.alerts_log.exists():
        return []
    return [json.loads(line) for line in settings.alerts_log.read_text().splitlines()]


def test_a_new_source_url_in_the_input_is_listed_and_raises_no_alert(tmp_path):
    """Oman's 2024 GCI row read from the press only (the SSPI transcription's link dropped,
    the figures the same): the next run lists each of its observations (overall score and
    pillars) as "provenance", old and new URL and channel stored, the values unchanged; no
    alert for the watched Oman; a rerun lists nothing."""
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    before = store.observations_frame(engine, list(GCI_ROW), iso3s=["OMN"])
    before = before[before["edition"] == 2024].set_index("indicator_id")
    edit_gci(settings, lambda f: set_cells(f, "OMN", "2024", source_url=OMN_URLS))

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded" and result.release_id == 2, result
    listed = _released(engine, 2)
    assert listed["kind"].tolist() == ["provenance"] * len(GCI_ROW)
    assert sorted(listed["indicator_id"]) == sorted(GCI_ROW)
    assert (listed["iso3"] == "OMN").all() and (listed["edition"] == 2024).all()
    for row in listed.to_dict("records"):
        was = before.loc[row["indicator_id"]]
        assert row["old_value"] == row["new_value"] == was["value"]
        assert row["old_source_url"] == was["source_url"] != OMN_URLS
        assert row["new_source_url"] == OMN_URLS
        assert row["old_verification"] == row["new_verification"] == was["verification"]
        # Without the SSPI transcription's link, the press only (the overall score was read
        # through both).
        assert row["old_channel"] == was["channel"]
        assert row["new_channel"] == "press or official release"
    assert listed.set_index("indicator_id").loc["itu_gci.overall", "old_channel"] == \
        "SSPI transcription + press or official release"
    assert _logged_alerts(settings) == []

    [again] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert again.status == "succeeded" and again.release_id is None
    assert store.changes_frame(engine)["release_id"].max() == 2
    engine.dispose()


def test_a_changed_score_with_a_new_source_lists_both_and_alerts_on_the_figures(tmp_path):
    """Morocco's 2024 score and legal pillar changed and one link dropped from its row: the
    overall score and the legal pillar are "changed" rows with old and new source URL, the
    other pillars "provenance" rows; the alert for Morocco lists the two changed figures
    only."""
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    old_urls = store.observations_frame(engine, ["itu_gci.overall"], iso3s=["MAR"]).query(
        "edition == 2024")["source_url"].item()
    new_urls = " | ".join(old_urls.split(" | ")[:-1])

    def edit(frame):
        return set_cells(morocco_drops_to_tier_2(frame), "MAR", "2024", source_url=new_urls)

    edit_gci(settings, edit)
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded" and result.release_id == 2, result
    listed = _released(engine, 2).set_index("indicator_id")
    assert listed["kind"].to_dict() == {
        "itu_gci.capacity_development": "provenance", "itu_gci.cooperation": "provenance",
        "itu_gci.legal": "changed", "itu_gci.organizational": "provenance",
        "itu_gci.overall": "changed", "itu_gci.technical": "provenance"}
    assert (listed["old_source_url"] == old_urls).all()
    assert (listed["new_source_url"] == new_urls).all()
    assert listed.loc["itu_gci.overall", ["old_value", "new_value"]].tolist() == [97.5, 90.0]
    [alert] = _logged_alerts(settings)
    assert alert["iso3"] == "MAR" and set(alert["events"]) == {"score", "tier"}
    assert sorted((r["indicator_id"], r["kind"]) for r in alert["changes"]) == [
        ("itu_gci.legal", "changed"), ("itu_gci.overall", "changed")]
    engine.dispose()
