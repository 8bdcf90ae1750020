"""The held-out rule (etl.held_out): a GCI value the corrections ledger flags and no second
source gives (El Salvador's and Palau's GCI 2024 score of 0) feeds no derived figure; Oman's
flagged 97.02 (two articles give it, a transcription 97.01) does. The ETL decides it without
the dashboard: the Cross-index export applies it as the page does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from etl import crossindex, export, store
from etl.held_out import GCI_INDICATORS, held_out, held_out_keys, is_flag

GCI_OVERALL = "itu_gci.overall"
COUNTRIES = ["MAR", "SLV", "TUN"]
ROOT = Path(__file__).resolve().parents[2]


def test_the_bundled_flags_held_out_are_the_placeholders(loaded_engine):
    """Of the ledger's three flags, El Salvador's and Palau's 2024 zeros are held out; Oman's
    97.02 (Zawya and ARY give it alike) is not; no other GCI value is."""
    assert held_out_keys(loaded_engine) == {(GCI_OVERALL, "SLV", 2024),
                                            (GCI_OVERALL, "PLW", 2024)}
    obs = store.observations_frame(loaded_engine, list(GCI_INDICATORS), None)
    flagged = obs[obs["correction"].map(is_flag)]
    assert {(r.iso3, int(r.edition)) for r in flagged.itertuples()} == {
        ("SLV", 2024), ("PLW", 2024), ("OMN", 2024)}


def test_marked_observations_are_those_with_a_ledger_mark(loaded_engine):
    """held_out_keys reads only the values a ledger mark is on (a few rows, not every GCI
    value): the same rows as filtering every observation by its correction."""
    every = store.observations_frame(loaded_engine, list(GCI_INDICATORS), None)
    marked = store.observations_frame(loaded_engine, list(GCI_INDICATORS), None,
                                      marked_only=True)
    expected = every[every["correction"].fillna("").str.strip() != ""].reset_index(drop=True)
    assert 0 < len(marked) < len(every) / 10
    pd.testing.assert_frame_equal(marked.reset_index(drop=True), expected)


def _evidence(*rows) -> pd.DataFrame:
    return pd.DataFrame([{"indicator_id": GCI_OVERALL, "iso3": "XXX", "edition": 2024,
                          "field": "overall_score", "value": value, "value_text": text,
                          "source_id": "press_or_official", "source_url": url}
                         for value, text, url in rows])


@pytest.mark.parametrize(("correction", "value", "evidence", "held"), [
    pytest.param("flag: looks like a placeholder", 0.0, _evidence((0.0, "0", "https://a")),
                 True, id="flag-one-source"),
    pytest.param("flag: no evidence at all", 0.0, _evidence(), True, id="flag-no-evidence"),
    pytest.param("flag: 97.02 kept", 97.02, _evidence((97.02, "97.02", "https://a"),
                                                      (97.02, "97.02", "https://b"),
                                                      (97.01, "97.01", "https://c")),
                 False, id="flag-two-sources-agree"),
    pytest.param("flag: one document twice", 0.0, _evidence((0.0, "0", "https://a"),
                                                            (0.0, "0", "https://a")),
                 True, id="flag-same-document-twice"),
    pytest.param("flag: they disagree", 97.02, _evidence((97.02, "97.02", "https://a"),
                                                         (97.01, "97.01", "https://b")),
                 True, id="flag-second-source-disagrees"),
    pytest.param("override: corrected", 0.0, _evidence(), False, id="override"),
    pytest.param("open report (drop): undecided", 0.0, _evidence(), False, id="open-report"),
    pytest.param(None, 0.0, _evidence(), False, id="no-correction"),
])
def test_held_out_rule(correction, value, evidence, held):
    """An applied flag is held out unless two documents give the value alike (within the
    rounding they print); overrides, open reports and unmarked values are not held out."""
    frame = pd.DataFrame([{"indicator_id": GCI_OVERALL, "iso3": "XXX", "edition": 2024,
                           "value": value, "correction": correction}])
    assert held_out(frame, evidence).tolist() == [held]


# ---------------------------------------------------------------- the Cross-index applies it


def test_without_held_out_keys_the_placeholder_is_counted(loaded_engine):
    """The Cross-index function alone (no keys given) counts every published value: the rule
    is passed in, so the difference below comes from it."""
    frame = crossindex.cross_index_frame(loaded_engine, COUNTRIES).set_index("iso3")
    assert int(frame.loc["TUN", "gci_group_n"]) == 3
    assert not frame["gci_held_out"].any()


def test_crossindex_export_marks_the_placeholder(loaded_engine):
    """The export keeps El Salvador's published 0, marks it held out with no percentile, and
    compares Morocco and Tunisia between themselves (2 countries)."""
    frame = export.crossindex_export_frame(
        loaded_engine, export.ExportFilter(countries=tuple(COUNTRIES))).set_index("iso3")
    assert frame.loc["SLV", "gci_value"] == 0
    assert bool(frame.loc["SLV", "gci_held_out"]) is True
    assert pd.isna(frame.loc["SLV", "gci_percentile"])
    assert frame.loc[["MAR", "TUN"], "gci_group_n"].astype(int).tolist() == [2, 2]
    assert not frame.loc[["MAR", "TUN"], "gci_held_out"].astype(bool).any()


def test_the_crossindex_export_does_not_import_the_dashboard(loaded_settings):
    """The rule lives in the ETL: importing the export and running the Cross-index export (the
    one that applies it) loads no ``dashboard`` module."""
    script = (
        "import sys\n"
        "from etl import crossindex, export, held_out, store\n"
        "engine = store.make_engine(sys.argv[1])\n"
        "export.crossindex_export_frame(engine, export.ExportFilter(countries=('SLV', 'MAR')))\n"
        "loaded = sorted(m for m in sys.modules if m == 'dashboard'"
        " or m.startswith('dashboard.'))\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", script, loaded_settings.database_url],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
