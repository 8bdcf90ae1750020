"""A bad input row never deletes or blanks a published figure: a quarantined row whose key
cannot be read keeps every published row it could be, and a blank headline value (EGDI score,
NCSI score, one GCI pillar of five) quarantines its row instead of emptying the figure."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from etl import pipeline, schemas, store, targets
from etl.settings import DATASETS_DIR
from etl.sources import itu_gci, ncsi, un_egdi
from tests.etl.refresh_support import published, refresh_settings

MAR_2024_GCI = {(f"itu_gci.{name}", "MAR", 2024) for name in ("overall", *itu_gci.PILLAR_NAMES)}


def _edit(settings, name: str, match: dict[str, str], **cells: str) -> None:
    """Set ``cells`` in the one row of the copied ``name`` matching ``match`` (its provenance
    sidecar, when there is one, made to match the edited file: the edit is on purpose)."""
    path = Path(settings.datasets_dir) / name
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    mask = pd.Series(True, index=frame.index)
    for column, value in match.items():
        mask &= frame[column] == value
    assert mask.sum() == 1, match
    for column, value in cells.items():
        frame.loc[mask, column] = value
    frame.to_csv(path, index=False)
    sidecar = path.with_suffix(".provenance.json")
    if sidecar.exists():
        body = path.read_bytes()
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        data.update(sha256=hashlib.sha256(body).hexdigest(), bytes=len(body))
        sidecar.write_text(json.dumps(data, indent=2), encoding="utf-8")


def _values(engine, prefix: str, iso3: str, edition: int) -> dict[str, float | None]:
    frame = published(engine)
    rows = frame[frame["indicator_id"].str.startswith(prefix) & (frame["iso3"] == iso3)
                 & (frame["edition"] == edition)]
    return {r.indicator_id: (None if pd.isna(r.value) else float(r.value))
            for r in rows.itertuples()}


def _quarantine(engine, run_id: int) -> pd.DataFrame:
    frame = store.quarantine_frame(engine)
    return frame[frame["run_id"] == run_id]


@pytest.mark.parametrize("cells", [
    pytest.param({"edition": ""}, id="edition-empty"),
    pytest.param({"edition": "2025"}, id="edition-2025"),
    pytest.param({"iso3": " MAR"}, id="iso3-spaced"),
    pytest.param({"iso3": "mar"}, id="iso3-lower-case"),
])
def test_a_row_whose_key_cannot_be_read_removes_nothing_it_could_be(baseline, cells):
    """Morocco's GCI 2024 row with its edition or country unreadable is quarantined; its six
    published observations stay as they were (kept, not removed), and the run says so."""
    settings, engine = baseline
    before = _values(engine, "itu_gci.", "MAR", 2024)
    assert len(before) == 6
    _edit(settings, "gci_scores.csv", {"iso3": "MAR", "edition": "2024"}, **cells)

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded", result.reason
    assert result.counts["quarantined"] == 1
    assert (result.counts["removed"], result.counts["kept_quarantined"]) == (0, 6)
    assert "kept 6 published row(s) as they were" in result.reason
    # and why: the note says a row's key could not be read
    assert targets.UNREAD_KEY_NOTE.format(count=1) in result.reason
    assert _values(engine, "itu_gci.", "MAR", 2024) == before
    assert len(_quarantine(engine, result.run_id)) == 1


def _gci_row(**cells) -> dict:
    row = {"iso3": "MAR", "edition": "2024", "overall_score": "97.5", "global_rank": None,
           "tier": "1", "tier_label": "Role-modelling", "legal": "20", "technical": "18.12",
           "organizational": "20", "capacity_development": "19.38", "cooperation": "20",
           "verification": "verified_2_sources", "source_url": "https://example.org",
           "source_note": None}
    row.update(cells)
    return row


def test_an_unread_key_gives_every_key_the_row_could_be():
    """An unread edition: the country's keys in every GCI edition; an unread country: the
    edition's keys in every country; neither readable: not known (None), nothing removed.
    A row whose key reads is as before: its own six keys."""
    def keys(**cells):
        return targets.held_back_keys(itu_gci, [{"row_number": 7, "row": _gci_row(**cells)}])

    assert keys() == {"observations": frozenset(MAR_2024_GCI)}
    names = ("overall", *itu_gci.PILLAR_NAMES)
    for edition in ("", "2025", "twenty"):
        assert keys(edition=edition) == {"observations": frozenset(
            (f"itu_gci.{n}", "MAR", e) for n in names for e in schemas.GCI_EDITIONS)}
    for iso3 in (" MAR", "mar", None, "XXX"):
        assert keys(iso3=iso3) == {"observations": frozenset(
            (f"itu_gci.{n}", c, 2024) for n in names for c in schemas.KNOWN_ISO3)}
    assert keys(iso3="mar", edition="2025") == {"observations": None}
    assert targets.unread_key_note(itu_gci, [{"row": _gci_row(edition="")}]) == \
        targets.UNREAD_KEY_NOTE.format(count=1)
    assert targets.unread_key_note(itu_gci, [{"row": _gci_row(overall_score="n/a")}]) is None


def test_each_row_is_read_on_its_own():
    """One row's unreadable edition makes no other row's key unreadable (the rows' key
    cells are checked together, each failing on its own)."""
    rows = [_gci_row(edition=""), _gci_row(), _gci_row(edition="2024.5"),
            _gci_row(iso3="mar", edition="2030"), _gci_row(edition=None), _gci_row(edition="2020")]
    assert schemas.unread_key_columns(rows, schemas.GciScores) == [
        {"edition"}, set(), {"edition"}, {"iso3", "edition"}, {"edition"}, set()]


def test_an_unread_key_of_a_statement_keeps_every_statement():
    """NCSI: a row with an unreadable country keeps that snapshot year's observations in every
    country, and every published statement (a statement's key is text: which one is unknown)."""
    row = {"iso3": "mar", "country": "Morocco", "snapshot": "country-page version 2022-02-23",
           "methodology": schemas.NCSI_METHODOLOGIES[0], "ncsi_rank": "32",
           "ncsi_rank_text": "32", "ncsi_score": "70.13", "digital_development_level": None,
           "countries_in_index": None, "source_url": "https://ncsi.ega.ee/country/ma_2022/",
           "source_note": None}
    held = targets.held_back_keys(ncsi, [{"row_number": 41, "row": row}])
    assert held["statements"] is None
    assert held["observations"] == frozenset(("ncsi.score", c, 2022) for c in schemas.KNOWN_ISO3)


def test_egdi_with_an_unread_year_keeps_the_country(tmp_path):
    """EGDI: Morocco's 2024 row with year "23" is quarantined; its five published values
    stay."""
    settings, engine = _published(tmp_path, "un_egdi")
    before = _values(engine, "un_egdi.", "MAR", 2024)
    _edit(settings, "egdi_scores.csv", {"iso3": "MAR", "year": "2024"}, year="23")

    [result] = pipeline.run_sources(["un_egdi"], settings, engine)

    assert result.status == "succeeded", result.reason
    assert (result.counts["removed"], result.counts["kept_quarantined"]) == (0, 5)
    assert _values(engine, "un_egdi.", "MAR", 2024) == before
    engine.dispose()


# ------------------------------------------------------------------ blank headline values


def _published(tmp_path, source: str):
    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    [result] = pipeline.run_sources([source], settings, engine)
    assert result.status == "succeeded", result.reason
    return settings, engine


@pytest.mark.parametrize(("source", "name", "match", "cells", "prefix", "edition", "check"), [
    pytest.param("un_egdi", "egdi_scores.csv", {"iso3": "MAR", "year": "2024"},
                 {"egdi": ""}, "un_egdi.", 2024, "a row with sub-indices needs its EGDI score",
                 id="egdi-score"),
    pytest.param("ncsi", "ncsi_snapshots.csv",
                 {"iso3": "MAR", "snapshot": "country-page version 2022-02-23"},
                 {"ncsi_score": ""}, "ncsi.", 2022, "a country page or the ranking table",
                 id="ncsi-score"),
    pytest.param("itu_gci", "gci_scores.csv", {"iso3": "MAR", "edition": "2024"},
                 {"legal": ""}, "itu_gci.", 2024, "some of the five pillars are empty",
                 id="gci-one-pillar"),
])
def test_a_blank_headline_value_is_quarantined_not_published(tmp_path, source, name, match,
                                                             cells, prefix, edition, check):
    """A blank EGDI score beside its sub-indices, a blank NCSI score on a country page, a
    blank pillar beside four others: the row is quarantined with its check, and Morocco's
    published values stay (none nulled, none removed)."""
    settings, engine = _published(tmp_path, source)
    before = _values(engine, prefix, "MAR", edition)
    assert before and None not in before.values()
    _edit(settings, name, match, **cells)

    [result] = pipeline.run_sources([source], settings, engine)

    assert result.status == "succeeded", result.reason
    assert result.counts["quarantined"] == 1 and result.counts["removed"] == 0
    assert result.counts["kept_quarantined"] >= 1
    assert _values(engine, prefix, "MAR", edition) == before
    [reason] = _quarantine(engine, result.run_id)["reason"].tolist()
    assert reason.startswith(check), reason
    engine.dispose()


def _checked(schema, frame: pd.DataFrame) -> schemas.Validated:
    return schemas.split_valid(frame, schema)


def test_gci_pillars_come_all_five_or_none():
    """A GCI row gives all five pillars or none, except the rows known to give some
    (:data:`etl.schemas.GCI_PARTIAL_PILLARS`, exactly the pillars listed)."""
    bundled = pd.read_csv(DATASETS_DIR / "gci_scores.csv", dtype=str, keep_default_na=False)
    row = bundled[(bundled["iso3"] == "MAR") & (bundled["edition"] == "2024")]
    nga = bundled[(bundled["iso3"] == "NGA") & (bundled["edition"] == "2024")]
    frame = pd.concat([
        row,  # all five: loads
        row.assign(edition="2020", tier="", tier_label="", global_rank="50", legal="",
                   technical="", organizational="", capacity_development="", cooperation="",
                   overall_score="82.41"),  # none: loads
        row.assign(iso3="OMN", cooperation=""),  # four of five: quarantined
        nga,  # Nigeria's legal pillar alone, as listed: loads
        nga.assign(iso3="GHA"),  # the same shape elsewhere: quarantined
    ]).replace("", None).reset_index(drop=True)
    checked = _checked(schemas.GciScores, frame)
    assert [q["row_number"] - 2 for q in checked.quarantined] == [2, 4]
    assert all("some of the five pillars are empty" in q["reason"] for q in checked.quarantined)
    # Nigeria with another pillar than the one listed: quarantined too.
    other = nga.assign(technical="12").replace("", None).reset_index(drop=True)
    assert len(_checked(schemas.GciScores, other).quarantined) == 1


def test_egdi_needs_its_score_beside_its_sub_indices():
    """The EGDI score may be blank only in a row without sub-indices (Morocco 2020: a rank
    alone)."""
    frame = pd.DataFrame({
        "iso3": ["MAR", "MAR", "OMN"], "year": ["2020", "2024", "2024"],
        "egdi": [None, None, "0.8667"], "egdi_rank": ["106", "90", "41"],
        "osi": [None, "0.7", "0.9"], "hci": [None, "0.6", "0.8"], "tii": [None, "0.7", "0.9"],
        "epi": [None, None, None], "source_url": ["u", "u", "u"],
    })
    checked = _checked(schemas.EgdiScores, frame)
    assert [q["row_number"] for q in checked.quarantined] == [3]


@pytest.mark.parametrize(("egdi", "kept"), [
    pytest.param("0.6", False, id="edited-score"),
    pytest.param("0.6851", True, id="rounded-as-published"),
    pytest.param("0.6841", False, id="a-thousandth-off"),
])
def test_egdi_is_the_mean_of_its_sub_indices(egdi, kept):
    """The EGDI is the mean of OSI, HCI and TII, each rounded as published: Morocco's 0.68411
    typed 0.6 beside its sub-indices was published; here they average 0.68513: a score the
    rounding explains loads, one a thousandth off does not."""
    frame = pd.DataFrame({
        "iso3": ["MAR"], "year": ["2024"], "egdi": [egdi], "egdi_rank": ["90"],
        "osi": ["0.7"], "hci": ["0.6"], "tii": ["0.7554"], "epi": [None], "source_url": ["u"],
    })
    checked = _checked(schemas.EgdiScores, frame)
    assert (not checked.quarantined) == kept
    if not kept:
        assert checked.quarantined[0]["check_name"] == schemas.EGDI_MEAN_ERROR


def test_ncsi_needs_its_score_where_the_page_prints_one():
    """A country page or the ranking table prints the score; news and the 2025 relaunch give
    ranks only."""
    base = {"iso3": "MAR", "methodology": schemas.NCSI_METHODOLOGIES[0], "ncsi_rank": "32",
            "ncsi_rank_text": "32", "ncsi_score": None, "digital_development_level": None,
            "countries_in_index": None, "source_url": "u"}
    frame = pd.DataFrame([
        dict(base, snapshot="country-page version 2022-02-23"),
        dict(base, snapshot="ranking table on ncsi.ega.ee/add/?version_id=1007 (date not shown)"),
        dict(base, snapshot="news 2020-02-04 new entries (BH, LY, MR, MZ, SB)"),
        dict(base, snapshot="2025 relaunch, 61 countries listed",
             methodology=schemas.NCSI_METHODOLOGIES[1]),
    ])
    checked = _checked(schemas.NcsiSnapshots, frame)
    assert [q["row_number"] for q in checked.quarantined] == [2, 3]


@pytest.mark.parametrize("module", [itu_gci, un_egdi, ncsi])
def test_the_bundled_files_load_with_nothing_quarantined(module):
    """The new checks hold back no row of the bundled data."""
    raw = module.parse((DATASETS_DIR / module.FILE_NAME).read_bytes())
    assert schemas.split_valid(raw, module.SCHEMA).quarantined == []
