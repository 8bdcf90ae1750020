"""Bundled sources of issue 4: EGDI, NCSI, INTERPOL statements, GCI evidence, WDI 2017 vintage."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import corrections, crossindex, pipeline, schemas, store
from etl.settings import Settings
from etl.sources import (
    interpol_act,
    itu_gci,
    itu_gci_evidence,
    ncsi,
    un_egdi,
    worldbank_wdi_2017,
)
from etl.sources.base import SourceFileError
from tests.conftest import make_settings
from tests.etl.bundled_support import reseal

DATASETS = Settings().datasets_dir


def checked(module):
    raw = module.parse(module.fetch(Settings.from_env()).body)
    return schemas.split_valid(raw, module.SCHEMA)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """A store loaded with GCI, its evidence, EGDI, NCSI and INTERPOL (once per module)."""
    settings = make_settings(tmp_path_factory.mktemp("indices"))
    engine = store.make_engine(settings.database_url)
    results = pipeline.run_sources(
        ["itu_gci", "itu_gci_evidence", "un_egdi", "ncsi", "interpol_act"], settings, engine)
    assert all(r.status == "succeeded" for r in results), results
    yield settings, engine
    engine.dispose()


def test_egdi_rank_without_score_stays_sparse():
    """Morocco 2020 is a rank (106) with no score: value stays missing, no sub-index rows."""
    obs = un_egdi.to_observations(checked(un_egdi).valid)
    mar = obs[(obs["iso3"] == "MAR") & (obs["edition"] == 2020)]
    assert mar["indicator_id"].tolist() == ["un_egdi.egdi"]
    assert pd.isna(mar["value"].iloc[0]) and int(mar["rank"].iloc[0]) == 106


@pytest.mark.parametrize(
    "label, expected",
    [
        pytest.param("country-page version 2022-02-23", (2022, "2022-02-23"), id="full-date"),
        pytest.param("news 'Many new countries in the index' (early 2018, 54 countries)",
                     (2018, None), id="year-only"),
        pytest.param("ranking table on ncsi.ega.ee/add/?version_id=1007 (date not shown)",
                     (None, None), id="date-not-shown"),
        pytest.param("between 2019 and 2020", (None, None), id="two-years-is-undated"),
    ],
)
def test_ncsi_snapshot_date(label, expected):
    """The edition is the year printed in the label, never a guess."""
    assert ncsi.snapshot_date(label) == expected


def test_ncsi_undated_and_same_year_kept_as_statements():
    """Undated snapshots and the superseded same-year one become statements, not scores."""
    valid = checked(ncsi).valid
    obs, st = ncsi.to_observations(valid), ncsi.to_statements(valid)
    mar = obs[obs["iso3"] == "MAR"].set_index("edition")
    assert mar.loc[2022, "value"] == 70.13 and mar.loc[2025, "rank"] == 25
    assert mar.loc[2025, "channel"] == "NCSI 2025 relaunch" and pd.isna(mar.loc[2025, "value"])
    undated = st[(st["iso3"] == "MAR") & (st["metric"] == "ncsi_snapshot_date_unknown")]
    assert undated["value_text"].str.contains("79.17").all() and undated["edition"].isna().all()
    egy = st[st["metric"] == "ncsi_snapshot_same_year"]
    assert egy[["iso3", "edition"]].values.tolist() == [["EGY", 2018]]
    assert obs.duplicated(["iso3", "edition"]).sum() == 0


def test_ncsi_rank_range_kept_as_text():
    """A printed range such as 14-17 keeps rank empty and rank_text as printed."""
    obs = ncsi.to_observations(checked(ncsi).valid)
    qat = obs[(obs["iso3"] == "QAT") & (obs["edition"] == 2018)].iloc[0]
    assert pd.isna(qat["rank"]) and qat["rank_text"] == "14-17"


def test_wdi_2017_vintage_labelled():
    """The old vintage loads under wb2017. ids whose names say so."""
    obs = worldbank_wdi_2017.to_observations(checked(worldbank_wdi_2017).valid)
    assert set(obs["indicator_id"]) == {"wb2017.IT.NET.USER.P2", "wb2017.IT.NET.SECR.P6"}
    assert all("2017 vintage" in i.name for i in worldbank_wdi_2017.INDICATORS)


def test_statements_loaded_and_never_scores(small_store):
    """INTERPOL rows are statements with citation and kind; no INTERPOL observation exists."""
    _, engine = small_store
    st = store.statements_frame(engine, ["MAR"], source_id="interpol_act")
    assert (st["source_url"].str.startswith("http")).all() and st["source_kind"].notna().all()
    assert "18827" in set(st["value_text"])
    assert st["iso3"].isna().any()  # region-level facts come along
    obs = store.observations_frame(engine)
    assert not obs["indicator_id"].str.startswith("interpol").any()


@pytest.mark.parametrize("source_id", ["interpol_act", "itu_gci_evidence", "ncsi", "un_egdi"])
def test_rerun_changes_nothing(small_store, source_id):
    """Re-running a loaded source reports 0 inserted and 0 updated."""
    settings, engine = small_store
    result = pipeline.run_source(pipeline.SOURCES[source_id], settings, engine)
    assert result.status == "succeeded"
    assert (result.counts["inserted"], result.counts["updated"]) == (0, 0)


def test_disagreements_show_morocco_2020_as_printed(small_store):
    """Morocco 2020: 82.41 (bipa, sspi), 82.4 and 83.65 (press) shown with their sources."""
    _, engine = small_store
    d = store.disagreements_frame(engine, ["MAR"])
    mar = d[(d["edition"] == 2020) & (d["field"] == "overall_score")]
    assert dict(zip(mar["value_text"], mar["sources"], strict=True)) == {
        "82.4": "press_or_official", "82.41": "bipa, sspi", "83.65": "press_or_official"}


def test_rounding_is_not_a_disagreement(small_store):
    """Values equal within the printed precision (e.g. 82.4 vs 82.41 alone) are no conflict."""
    assert store.agrees_within_rounding(82.4, 1, 82.41, 2)
    assert not store.agrees_within_rounding(97.01, 2, 97.02, 2)


def test_a_table_dropping_a_trailing_zero_still_disagrees(small_store):
    """India and Türkiye 2020: the two transcriptions, both printing two decimals, give one
    97.49 and the other 97.5 (= 97.50), crossed. That is a disagreement, shown, and not the
    rounding of a press quote; a press article's lone "82.4" still is rounding."""
    _, engine = small_store
    d = store.disagreements_frame(engine, ["IND", "TUR"])
    shown = {(r.iso3, r.value_text): r.sources for r in d[d["edition"] == 2020].itertuples()}
    assert shown == {("IND", "97.49"): "bipa, press_or_official", ("IND", "97.5"): "sspi",
                     ("TUR", "97.49"): "sspi", ("TUR", "97.5"): "bipa"}
    values = pd.DataFrame({
        "source_url": ["table", "table", "article"], "indicator_id": ["i"] * 3,
        "edition": [2020] * 3, "field": ["overall_score"] * 3,
        "value_text": ["97.5", "82.41", "82.4"]})
    assert store.printed_places(values).tolist() == [2, 2, 1]


def test_corrections_flag_shown_on_values(small_store):
    """Ledger flags appear on the GCI 2024 values of El Salvador, Palau and Oman."""
    _, engine = small_store
    obs = store.observations_frame(engine, ["itu_gci.overall"], editions=[2024])
    flagged = obs[obs["correction"].notna()].set_index("iso3")
    assert set(flagged.index) == {"SLV", "PLW", "OMN"}
    assert flagged.at["OMN", "value"] == 97.02  # a flag never changes the value


@pytest.mark.parametrize(
    "action, status, value, expected_value, kept",
    [
        pytest.param("flag", "applied", None, 82.41, True, id="flag"),
        pytest.param("override", "applied", 82.0, 82.0, True, id="override"),
        pytest.param("drop", "applied", None, None, False, id="drop"),
        pytest.param("override", "open", 82.0, 82.41, True, id="open-report-changes-nothing"),
    ],
)
def test_apply_ledger(action, status, value, expected_value, kept):
    """Each ledger action does what it says, and every application is logged."""
    obs = pd.DataFrame([{"indicator_id": "itu_gci.overall", "iso3": "MAR", "edition": 2020,
                         "value": 82.41, "source_note": "n"}])
    ledger = pd.DataFrame([{"indicator": "itu_gci.overall", "iso3": "MAR", "edition": 2020,
                            "action": action, "value": value, "reason": "a documented reason",
                            "reported_date": "2026-11-29", "status": status,
                            "source_url": "https://example.org/evidence"}])
    out, log = corrections.apply_ledger(obs, ledger)
    assert len(log) == 1 and log[0]["original_value"] == 82.41
    assert (len(out) == 1) is kept
    if kept:
        assert out.at[0, "value"] == expected_value and out.at[0, "correction"]
    if action == "override" and status == "applied":
        assert "original value 82.41" in out.at[0, "source_note"]


def test_methodology_breaks_declared(small_store):
    """GCI 2024 and NCSI 2025 are declared breaks the dashboard can read."""
    _, engine = small_store
    breaks = store.methodology_breaks_frame(engine)
    pairs = set(zip(breaks["indicator_id"], breaks["edition"], strict=True))
    assert {("itu_gci.overall", 2024), ("ncsi.score", 2025)} <= pairs
    assert all(b["indicator_id"].startswith("itu_gci") for b in itu_gci.BREAKS)


def test_cross_index_side_by_side(small_store):
    """GCI, NCSI, EGDI latest values with percentiles within the group, plus statement counts."""
    _, engine = small_store
    frame = crossindex.cross_index_frame(engine, ["MAR", "OMN", "TUN"]).set_index("iso3")
    assert frame.at["MAR", "gci_value"] == 97.5 and frame.at["MAR", "gci_edition"] == 2024
    assert frame.at["OMN", "egdi_edition"] == 2024
    assert frame.at["MAR", "ncsi_basis"] == "rank"  # 2025 relaunch: ranks only
    assert frame["gci_percentile"].between(0, 100).all()
    assert frame.at["MAR", "interpol_statements"] > 0 and frame.at["MAR", "interpol_covered"]
    # Oman is outside the African report's scope: no count (not 0), "not covered"
    assert pd.isna(frame.at["OMN", "interpol_statements"]) and not frame.at["OMN", "interpol_covered"]


def test_percentile_within():
    """100 * (below + equal - 1) / (n - 1): best 100; lower ranks are better."""
    assert crossindex.percentile_within(pd.Series([1.0, 2.0, 2.0, 3.0])).tolist() == (
        pytest.approx([0.0, 200 / 3, 200 / 3, 100.0]))
    assert crossindex.percentile_within(pd.Series([1, 3]), higher_is_better=False).tolist() == [
        100.0, 0.0]


def test_evidence_fields_map_to_gci_indicators():
    """Rank and tier describe the overall score; pillars keep their own indicator."""
    assert itu_gci_evidence.indicator_for("global_rank") == "itu_gci.overall"
    assert itu_gci_evidence.indicator_for("legal") == "itu_gci.legal"
    assert interpol_act.TARGETS == ("statements",)


def test_own_field_inverts_indicator_for():
    """The field giving each GCI indicator's own value maps back to it; rank and tier are not
    any indicator's own value; other indicators have none in the evidence."""
    for indicator in ("itu_gci.overall", *(f"itu_gci.{p}" for p in schemas.GCI_PILLARS)):
        assert itu_gci_evidence.indicator_for(itu_gci_evidence.own_field(indicator)) == indicator
    assert itu_gci_evidence.own_field("itu_gci.overall") == "overall_score"
    assert itu_gci_evidence.own_field("un_egdi.egdi") is None
    assert itu_gci_evidence.own_field("itu_gci.global_rank") is None


def test_apply_ledger_touches_only_the_named_value():
    """An entry changes its own (indicator, country, edition) among many rows: not the same
    country's other editions or indicators, nor other countries."""
    obs = pd.DataFrame([
        {"indicator_id": ind, "iso3": iso3, "edition": edition, "value": 50.0, "source_note": None}
        for ind in ("itu_gci.overall", "itu_gci.legal")
        for iso3 in ("MAR", "OMN", "TUN")
        for edition in (2018, 2020)
    ])
    ledger = pd.DataFrame([{"indicator": "itu_gci.overall", "iso3": "OMN", "edition": "2020",
                            "action": "override", "value": 60.0, "reason": "r",
                            "reported_date": "2026-11-29", "status": "applied",
                            "source_url": "https://example.org/e"},
                           {"indicator": "itu_gci.legal", "iso3": "SLV", "edition": "2020",
                            "action": "drop", "value": None, "reason": "r",
                            "reported_date": "2026-11-29", "status": "applied",
                            "source_url": "https://example.org/e"}])
    out, log = corrections.apply_ledger(obs, ledger)
    assert [(e["indicator_id"], e["iso3"], e["edition"]) for e in log] == [
        ("itu_gci.overall", "OMN", 2020)]
    changed = out[out["correction"].notna()]
    assert changed[["indicator_id", "iso3", "edition", "value"]].values.tolist() == [
        ["itu_gci.overall", "OMN", 2020, 60.0]]
    assert len(out) == len(obs) and (out.drop(changed.index)["value"] == 50.0).all()


@pytest.mark.parametrize("names_a_row", [pytest.param(True, id="entry-applies"),
                                         pytest.param(False, id="no-entry-applies")])
def test_apply_ledger_leaves_the_callers_frame_alone(names_a_row):
    """The frame passed in is never changed (the result is a copy on write); without a
    matching entry the result still has a correction column, all None, and a fresh index."""
    obs = pd.DataFrame({"indicator_id": ["itu_gci.overall"] * 3, "iso3": ["MAR", "OMN", "TUN"],
                        "edition": [2020] * 3, "value": [1.0, 2.0, 3.0],
                        "source_note": ["a", None, "c"]}, index=[5, 6, 7])
    before = obs.copy()
    ledger = pd.DataFrame([{"indicator": "itu_gci.overall",
                            "iso3": "OMN" if names_a_row else "SLV", "edition": 2020,
                            "action": "override", "value": 9.0, "reason": "r",
                            "reported_date": "2026-11-29", "status": "applied",
                            "source_url": "https://example.org/e"}])
    out, log = corrections.apply_ledger(obs, ledger)
    pd.testing.assert_frame_equal(obs, before)
    assert list(out.index) == [0, 1, 2] and out["correction"].dtype == object
    assert out["value"].tolist() == ([1.0, 9.0, 3.0] if names_a_row else [1.0, 2.0, 3.0])
    assert out["correction"].notna().tolist() == [False, names_a_row, False]
    assert len(log) == int(names_a_row)


def test_ledger_validated_again_when_its_bytes_change(tmp_path):
    """The validated ledger is reused only for the same bytes: an edited file is read and
    checked anew (a bad entry added later fails loudly)."""
    ledger = (DATASETS / "corrections.csv").read_text(encoding="utf-8")
    (tmp_path / "corrections.csv").write_text(ledger, encoding="utf-8")
    reseal(tmp_path / "corrections.csv")
    first = corrections.read_ledger(tmp_path)
    first.loc[:, "reason"] = "changed by a caller"
    again = corrections.read_ledger(tmp_path)
    assert len(again) == len(first) and "changed by a caller" not in set(again["reason"])
    (tmp_path / "corrections.csv").write_text(
        ledger + "itu_gci.overall,MAR,2020,override,,no value given,2026-11-29,applied,"
        "https://example.org/e\n", encoding="utf-8")
    reseal(tmp_path / "corrections.csv")
    with pytest.raises(SourceFileError, match="invalid entries"):
        corrections.read_ledger(tmp_path)
