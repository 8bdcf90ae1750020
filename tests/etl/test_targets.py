"""Rows of the keyed targets (statements, source values), given column by column: the same
values and keys as the records of ``DataFrame.to_dict("records")``."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd
import pytest

from etl import frames, maintenance, pipeline, releases, schemas, store, targets
from etl.sources import itu_gci, un_egdi
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import (
    edit_gci,
    morocco_drops_to_tier_2,
    published,
    refresh_settings,
)


def _mixed_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator_id": pd.Series(["itu_gci.legal", "itu_gci.legal"], dtype="str"),
        "iso3": pd.Series(["MAR", None], dtype="str"),
        "edition": pd.Series([2020, None], dtype="Int64"),
        "field": ["legal", "legal"],
        "value": [1.5, np.nan],
        "flag": pd.array([True, None], dtype="boolean"),
        "held": pd.Series([np.int64(3), None], dtype=object),
        "when": pd.to_datetime(["2020-01-01", None]),
        "source_id": ["s", "s"],
        "source_url": ["https://example.org/é", "https://example.org/x"],
        "source_note": pd.Series([None, "n"], dtype="str"),
        "metric": ["score", "rank"],
    })


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and (a is b or a == b or (a != a and b != b))


@pytest.mark.parametrize("frame", [
    pytest.param(_mixed_frame(), id="str-Int64-float-boolean-object-datetime"),
    pytest.param(_mixed_frame().iloc[0:0], id="empty"),
])
def test_columns_hold_the_values_of_to_dict_records(frame):
    """The column lists hold the values (and their Python types) of to_dict's records."""
    expected = frame.to_dict("records")
    got = frames.python_columns(frame)
    assert list(got) == list(frame.columns)
    assert all(len(values) == len(expected) for values in got.values())
    for i, record in enumerate(expected):
        assert all(_same(got[k][i], record[k]) for k in record)


def test_keys_are_the_sha256_of_the_json_parts():
    """Keys hash the JSON list of the parts as text (missing: null), as stored rows have them."""
    rows = targets.source_value_rows(_mixed_frame(), "loader")
    assert rows["loaded_by"] == ["loader", "loader"]
    for key, parts in zip(rows["value_key"], (["itu_gci.legal", "MAR", "2020", "legal", "s",
                                               "https://example.org/é", None],
                                              ["itu_gci.legal", None, None, "legal", "s",
                                               "https://example.org/x", "n"]), strict=True):
        text = json.dumps(parts, ensure_ascii=False)
        assert key == hashlib.sha256(text.encode("utf-8")).hexdigest()
    statements = targets.statement_rows(_mixed_frame())
    text = json.dumps(["s", "2020", "MAR", "score", "https://example.org/é"], ensure_ascii=False)
    assert statements["statement_key"][0] == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_optional_key_parts_may_be_absent_and_required_ones_may_not():
    """A frame without ``edition``/``iso3`` (region-level statements) keys them as null; one
    without ``source_url`` is an error, as ``row["source_url"]`` was."""
    frame = _mixed_frame().drop(columns=["edition", "iso3"])
    text = json.dumps(["s", None, None, "score", "https://example.org/é"], ensure_ascii=False)
    got = targets.statement_rows(frame)["statement_key"][0]
    assert got == hashlib.sha256(text.encode("utf-8")).hexdigest()
    with pytest.raises(KeyError):
        targets.statement_rows(frame.drop(columns=["source_url"]))


@pytest.mark.parametrize("value", [
    pytest.param('quote " and back\\slash', id="escapes"),
    pytest.param("tab\tnew\nline\x00\x1f", id="control"),
    pytest.param("é ش 中 😀 \u2028", id="non-ascii"),
    pytest.param("", id="empty"),
    pytest.param(np.int64(7), id="numpy-int"),
    pytest.param(2.5, id="float"),
    pytest.param(pd.NA, id="pd-NA"),
    pytest.param(pd.NaT, id="NaT"),
    pytest.param(np.nan, id="NaN"),
])
def test_key_text_is_what_json_dumps_writes(value):
    """The key hashes exactly json.dumps(parts, ensure_ascii=False) of the parts as text."""
    part = None if value is None or pd.isna(value) else str(value)
    columns = {"a": [value], "b": ["x"]}
    text = json.dumps([part, "x", None], ensure_ascii=False)
    got = targets._keys(columns, ("a", "b", "c"), frozenset({"c"}))
    assert got == [hashlib.sha256(text.encode("utf-8")).hexdigest()]


# ------------------------------------------------- observations attributed from their evidence

ZAWYA = "https://zawya.com/en/world/middle-east/oman-among-top-cyber-secure-countries-itu-c891maad?amp=1"
ARY = "https://arynews.tv/oman-ranks-among-worlds-top-cybersecurity-advanced-countries/"
EVIDENCE = "gci_source_values.csv"
PROVENANCE = ["source_url", "channel", "verification"]


def _evidence_file(settings) -> pd.DataFrame:
    return pd.read_csv(settings.datasets_dir / EVIDENCE, dtype=str, keep_default_na=False)


def _pillars(engine) -> pd.DataFrame:
    frame = published(engine)
    return frame[frame["indicator_id"].str.startswith("itu_gci.")
                 & (frame["indicator_id"] != "itu_gci.overall")]


def _oman_2024(engine) -> pd.DataFrame:
    frame = published(engine)
    return frame[(frame["iso3"] == "OMN") & (frame["edition"] == 2024)].set_index("indicator_id")


def _note(engine, run_id: int) -> str:
    with engine.connect() as conn:
        return store.run_row(conn, run_id)["reason"] or ""


@pytest.fixture
def attributed_store(tmp_path):
    """A store with the GCI evidence, then the GCI scores attributed from it, published."""
    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    results = pipeline.run_sources(["itu_gci_evidence", "itu_gci"], settings, engine)
    assert [(r.source_id, r.status) for r in results] == [
        ("itu_gci_evidence", "succeeded"), ("itu_gci", "succeeded")], results
    yield settings, engine
    engine.dispose()


def test_published_pillars_carry_their_own_provenance(attributed_store):
    """An itu_gci run publishes each pillar with its own field's sources and verification (the
    per-source values itu_gci_evidence published), the overall score with the row's."""
    _, engine = attributed_store
    oman = _oman_2024(engine)
    assert oman.loc["itu_gci.legal", "verification"] == "verified_2_sources"
    assert oman.loc["itu_gci.legal", "source_url"] == f"{ZAWYA} | {ARY}"
    assert oman.loc["itu_gci.legal", "channel"] == "press or official release"
    assert oman.loc["itu_gci.overall", "verification"] == "conflict"


def test_a_held_evidence_file_does_not_reach_the_pillars(attributed_store):
    """gci_source_values.csv cut to 49 rows: itu_gci_evidence is held, and itu_gci, run in the
    same refresh, attributes from the values still published: no pillar's provenance moves,
    no release (the audit's finding: 962 pillars were re-attributed from the held file)."""
    settings, engine = attributed_store
    before, release = published(engine), releases.current_release_id(engine)
    _evidence_file(settings).head(49).to_csv(settings.datasets_dir / EVIDENCE, index=False)
    reseal(settings.datasets_dir / EVIDENCE)

    evidence, gci = pipeline.run_sources(["itu_gci_evidence", "itu_gci"], settings, engine)

    assert evidence.status == "held" and gci.status == "succeeded", (evidence, gci)
    pd.testing.assert_frame_equal(published(engine), before)
    assert releases.current_release_id(engine) == release


@pytest.mark.parametrize("spoil", [
    pytest.param(lambda path: path.unlink(), id="missing"),
    # Spoilt with the sidecar updated to them: the file itself is refused.
    pytest.param(lambda path: (path.write_bytes(b""), reseal(path)), id="empty"),
    pytest.param(lambda path: (path.write_text(
        path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"),
        reseal(path)), id="header-only"),
])
def test_a_missing_or_invalid_evidence_file_stops_its_source_alone(attributed_store, spoil):
    """Without a usable evidence file its own source fails or is held and its values stay
    published; itu_gci still publishes its edited row, every pillar attributed from the
    values published (no provenance of another pillar moves)."""
    settings, engine = attributed_store
    before = _pillars(engine).set_index(["indicator_id", "iso3", "edition"])
    edit_gci(settings, morocco_drops_to_tier_2)
    spoil(settings.datasets_dir / EVIDENCE)

    evidence, gci = pipeline.run_sources(["itu_gci_evidence", "itu_gci"], settings, engine)

    assert evidence.status in {"failed", "held"} and gci.status == "succeeded", (evidence, gci)
    after = _pillars(engine).set_index(["indicator_id", "iso3", "edition"])
    assert after.loc[("itu_gci.legal", "MAR", 2024), "value"] == 12.5
    others = before.index.drop(("itu_gci.legal", "MAR", 2024))
    pd.testing.assert_frame_equal(after.loc[others, PROVENANCE], before.loc[others, PROVENANCE])


def test_without_published_evidence_pillars_keep_their_rows_provenance(baseline):
    """itu_gci published on a store where no evidence is published: each pillar keeps its
    row's source URLs and verification (those of the overall score), and the run's note says
    the provenance was not attributed."""
    _, engine = baseline
    oman = _oman_2024(engine)
    for pillar in itu_gci.PILLAR_NAMES:
        row = oman.loc[f"itu_gci.{pillar}"]
        assert row["source_url"] == oman.loc["itu_gci.overall", "source_url"], pillar
        assert row["verification"] == oman.loc["itu_gci.overall", "verification"], pillar
    note = _note(engine, 1)
    assert targets.NO_EVIDENCE_NOTE.format(source="itu_gci_evidence") in note, note


def test_a_released_evidence_change_has_itu_gci_attribute_again(attributed_store):
    """A run of itu_gci_evidence alone that publishes a change (Zawya's value of Oman's 2024
    legal pillar removed) has itu_gci run right after: that pillar is now single-source, the
    run's note counts the provenance change, and the changelog lists it: one "provenance" row,
    the same value, old and new source URL and verification; no alert (the watched Oman's
    score, rank and tier did not move). Run again, nothing more is listed."""
    settings, engine = attributed_store
    assert "OMN" in settings.watched_countries
    frame = _evidence_file(settings)
    gone = ((frame["iso3"] == "OMN") & (frame["edition"] == "2024")
            & (frame["field"] == "legal") & (frame["source_url"] == ZAWYA))
    assert gone.sum() == 1
    frame[~gone].to_csv(settings.datasets_dir / EVIDENCE, index=False)
    reseal(settings.datasets_dir / EVIDENCE)

    results = pipeline.run_sources(["itu_gci_evidence"], settings, engine)

    assert [(r.source_id, r.status) for r in results] == [
        ("itu_gci_evidence", "succeeded"), ("itu_gci", "succeeded")], results
    evidence, gci = results
    assert evidence.release_id is not None and gci.release_id == evidence.release_id + 1
    legal = _oman_2024(engine).loc["itu_gci.legal"]
    assert (legal["source_url"], legal["verification"]) == (ARY, "single_source")
    note = _note(engine, gci.run_id)
    assert targets.RUN_AFTER_NOTE.format(release=evidence.release_id,
                                         source="itu_gci_evidence") in note, note
    assert targets.PROVENANCE_NOTE.format(count=1, source="itu_gci_evidence") in note, note
    listed = store.changes_frame(engine).query(f"release_id == {gci.release_id}")
    columns = ["kind", "indicator_id", "iso3", "edition", "old_value", "new_value",
               "old_source_url", "new_source_url", "old_verification", "new_verification",
               "old_channel", "new_channel"]
    assert listed[columns].to_dict("records") == [{
        "kind": "provenance", "indicator_id": "itu_gci.legal", "iso3": "OMN", "edition": 2024,
        "old_value": legal["value"], "new_value": legal["value"],
        "old_source_url": f"{ZAWYA} | {ARY}", "new_source_url": ARY,
        "old_verification": "verified_2_sources", "new_verification": "single_source",
        "old_channel": legal["channel"], "new_channel": legal["channel"]}]
    assert not settings.alerts_log.exists()  # every alert raised is logged

    again = pipeline.run_sources(["itu_gci_evidence", "itu_gci"], settings, engine)
    assert [(r.status, r.release_id) for r in again] == [("succeeded", None)] * 2, again
    assert len(store.changes_frame(engine)) == len(store.changes_frame(
        engine, up_to_release=gci.release_id))


def test_an_unchanged_evidence_run_runs_nothing_after(attributed_store):
    """An evidence run that publishes nothing new does not run itu_gci again."""
    settings, engine = attributed_store
    results = pipeline.run_sources(["itu_gci_evidence"], settings, engine)
    assert [(r.source_id, r.status, r.release_id) for r in results] == [
        ("itu_gci_evidence", "succeeded", None)]


def test_a_follower_left_unrun_by_a_killed_refresh_runs_after_the_next_evidence_run(
        attributed_store, monkeypatch):
    """A refresh killed between an evidence release and its follower (the evidence committed,
    itu_gci never run: the pillars still cite the removed press value) is made good by the next
    run of the evidence alone, though that run publishes nothing new: itu_gci runs after it,
    once (an adversarial review found the stale pillars left until a whole refresh)."""
    settings, engine = attributed_store
    frame = _evidence_file(settings)
    gone = ((frame["iso3"] == "OMN") & (frame["edition"] == "2024")
            & (frame["field"] == "legal") & (frame["source_url"] == ZAWYA))
    frame[~gone].to_csv(settings.datasets_dir / EVIDENCE, index=False)
    reseal(settings.datasets_dir / EVIDENCE)
    with monkeypatch.context() as patched:  # the kill: nothing runs after the evidence
        patched.setattr(targets, "runs_after", lambda *args: [])
        [evidence] = pipeline.run_sources(["itu_gci_evidence"], settings, engine)
    assert evidence.release_id is not None
    assert _oman_2024(engine).loc["itu_gci.legal", "verification"] == "verified_2_sources"

    results = pipeline.run_sources(["itu_gci_evidence"], settings, engine)

    assert [(r.source_id, r.status) for r in results] == [
        ("itu_gci_evidence", "succeeded"), ("itu_gci", "succeeded")], results
    assert results[0].release_id is None  # nothing new in the evidence
    legal = _oman_2024(engine).loc["itu_gci.legal"]
    assert (legal["source_url"], legal["verification"]) == (ARY, "single_source")
    assert targets.RUN_AFTER_NOTE.format(release=evidence.release_id,
                                         source="itu_gci_evidence") in _note(engine,
                                                                             results[1].run_id)
    again = pipeline.run_sources(["itu_gci_evidence"], settings, engine)
    assert [r.source_id for r in again] == ["itu_gci_evidence"]  # made good once


def test_observations_of_a_source_without_evidence_read_no_evidence_file(tmp_path):
    """un_egdi builds its observations with no GCI evidence file present."""
    settings = refresh_settings(tmp_path)
    (settings.datasets_dir / EVIDENCE).unlink()
    checked = schemas.split_valid(un_egdi.parse(un_egdi.fetch(settings).body), un_egdi.SCHEMA)
    obs, _ = targets.observations(un_egdi, checked.valid, settings)
    assert len(obs) > 0


def test_a_forced_evidence_release_has_itu_gci_attribute_again(attributed_store):
    """A held evidence change published by `publish --force` has itu_gci run right after, as a
    release of it by a refresh does: the pillar's provenance follows the forced release."""
    settings, engine = attributed_store
    frame = _evidence_file(settings)
    gone = ((frame["iso3"] == "OMN") & (frame["edition"] == "2024")
            & (frame["field"] == "legal") & (frame["source_url"] == ZAWYA))
    kept = frame[~gone & ((frame["iso3"] < "D") | (frame["iso3"] == "OMN"))]  # the gate holds
    kept.to_csv(settings.datasets_dir / EVIDENCE, index=False)
    reseal(settings.datasets_dir / EVIDENCE)
    [held] = pipeline.run_sources(["itu_gci_evidence"], settings, engine)
    assert held.status == "held", held

    forced = maintenance.publish_held("itu_gci_evidence", settings, engine)

    assert forced.status == "succeeded" and forced.release_id is not None
    runs = store.runs_frame(engine)
    follower = runs[(runs["source_id"] == "itu_gci") & (runs["run_id"] > forced.run_id)]
    assert list(follower["status"]) == ["succeeded"], runs
    assert targets.RUN_AFTER_NOTE.format(release=forced.release_id,
                                         source="itu_gci_evidence") in _note(
        engine, int(follower["run_id"].iloc[0]))
    legal = _oman_2024(engine).loc["itu_gci.legal"]
    assert (legal["source_url"], legal["verification"]) == (ARY, "single_source")
