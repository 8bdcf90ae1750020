"""Cross-index percentiles read as the page says: the share of the other countries of the group
a country scores at or above (100 = best of the group, ties included; 0 = below all others)."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import crossindex


@pytest.mark.parametrize(("values", "higher_is_better", "expected"), [
    pytest.param([100.0, 100.0, 100.0, 90.0, 80.0, 70.0, 60.0], True,
                 [100.0, 100.0, 100.0, 50.0, 100 / 3, 100 / 6, 0.0], id="three-tied-for-best"),
    pytest.param([1.0, 2.0, 2.0, 3.0], True, [0.0, 200 / 3, 200 / 3, 100.0], id="tie-in-middle"),
    pytest.param([10.0, 5.0, 5.0], True, [100.0, 50.0, 50.0], id="tied-for-last-not-below-all"),
    pytest.param([7.0, 7.0], True, [100.0, 100.0], id="all-equal-all-best"),
    pytest.param([42.0], True, [100.0], id="alone-reads-100"),
    pytest.param([1, 3], False, [100.0, 0.0], id="rank-1-is-best"),
    pytest.param([5, 1, 1, 9], False, [100 / 3, 100.0, 100.0, 0.0], id="ranks-tied-for-first"),
])
def test_percentile_is_share_of_others_at_or_above(values, higher_is_better, expected):
    """100 * (below + equal - 1) / (n - 1): best (ties included) 100, below all others 0."""
    got = crossindex.percentile_within(pd.Series(values), higher_is_better)
    assert got.tolist() == pytest.approx(expected)


def test_percentile_keeps_the_index_of_its_values():
    """The result aligns with the rows it was computed for (a one-row group too)."""
    assert crossindex.percentile_within(pd.Series([3.0], index=[17])).index.tolist() == [17]
    assert crossindex.percentile_within(pd.Series([3.0, 1.0], index=[4, 9])).to_dict() == {
        4: 100.0, 9: 0.0}


def _latest(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "edition", "value", "rank"]).astype(
        {"value": "Float64", "rank": "Int64"})


def test_gcc_tied_at_the_top_read_100_and_the_last_0():
    """The audit's case: Saudi Arabia, the UAE and Qatar at 100/100 read 100, not 79; the last
    of the group reads 0; equal scores read the same."""
    latest = _latest([("SAU", 2024, 100.0, None), ("ARE", 2024, 100.0, None),
                      ("QAT", 2024, 100.0, None), ("OMN", 2024, 96.0, None),
                      ("MAR", 2024, 97.5, None), ("BHR", 2024, 96.0, None),
                      ("KWT", 2024, 75.0, None)])
    out = crossindex._with_percentiles(latest).set_index("iso3")
    assert out.loc[["SAU", "ARE", "QAT"], "percentile"].tolist() == [100.0] * 3
    assert out.at["KWT", "percentile"] == 0.0
    assert out.at["OMN", "percentile"] == out.at["BHR", "percentile"]
    assert set(out["basis"]) == {"score"} and set(out["group_n"]) == {7}


def test_ranks_put_the_best_at_100():
    """Where no score is published (NCSI 2025), rank 1 is the best: it reads 100."""
    latest = _latest([("MAR", 2025, None, 40), ("OMN", 2025, None, 12),
                      ("SAU", 2025, None, 3)])
    out = crossindex._with_percentiles(latest).set_index("iso3")
    assert out["percentile"].to_dict() == {"MAR": 0.0, "OMN": 50.0, "SAU": 100.0}
    assert set(out["basis"]) == {"rank"}


def test_mixed_edition_scores_and_ranks_each_have_their_best_at_100():
    """Scored and rank-only members of one edition are compared apart, each best at 100."""
    latest = _latest([("MAR", 2025, 60.0, None), ("OMN", 2025, 80.0, None),
                      ("SAU", 2025, None, 5), ("QAT", 2025, None, 9)])
    out = crossindex._with_percentiles(latest).set_index("iso3")
    assert out["percentile"].to_dict() == {"MAR": 0.0, "OMN": 100.0, "SAU": 100.0, "QAT": 0.0}
    assert out["group_n"].to_dict() == {"MAR": 2, "OMN": 2, "SAU": 2, "QAT": 2}


def test_alone_in_its_edition_reads_100():
    """A member whose latest edition no other member shares reads 100, among 1."""
    latest = _latest([("MAR", 2024, 97.5, None), ("OMN", 2020, 0.9, None)])
    out = crossindex._with_percentiles(latest).set_index("iso3")
    assert out["percentile"].to_dict() == {"MAR": 100.0, "OMN": 100.0}
    assert out["group_n"].to_dict() == {"MAR": 1, "OMN": 1}


def test_a_tier_edition_is_compared_on_tiers_not_on_scores():
    """GCI 2024 publishes tiers and no ranks: the members of a tier read the same (ITU does not
    order them), the best tier reads 100 and a tier below all the others 0."""
    latest = _latest([("SAU", 2024, 100.0, None), ("OMN", 2024, 97.02, None),
                      ("MAR", 2024, 97.5, None), ("KWT", 2024, 60.58, None)])
    latest["tier"] = pd.array([1, 1, 1, 3], dtype="Int64")
    out = crossindex._with_percentiles(latest).set_index("iso3")
    assert out["percentile"].to_dict() == {"SAU": 100.0, "OMN": 100.0, "MAR": 100.0,
                                           "KWT": 0.0}
    assert set(out["basis"]) == {"tier"} and set(out["group_n"]) == {4}


def test_loaded_gcc_and_morocco_read_as_the_page_says(loaded_engine):
    """On the bundled data (GCI 2024, the GCC and Morocco): Saudi Arabia, the UAE and Qatar,
    all at 100/100, read 100 (they read 79 before); Kuwait, the lowest, reads 0; in every
    index the best of the group reads 100."""
    frame = crossindex.cross_index_frame(
        loaded_engine, ["MAR", "OMN", "SAU", "ARE", "QAT", "KWT", "BHR"]).set_index("iso3")
    assert frame.loc[["SAU", "ARE", "QAT"], "gci_value"].tolist() == [100.0] * 3
    assert frame.loc[["SAU", "ARE", "QAT"], "gci_percentile"].tolist() == [100.0] * 3
    assert frame.at["KWT", "gci_percentile"] == 0.0
    # Oman (97.02) is in Tier 1 with them: not "20 %" of a ranking ITU does not publish.
    assert frame.at["OMN", "gci_percentile"] == 100.0 and frame.at["OMN", "gci_basis"] == "tier"
    for key in crossindex.INDICES:
        compared = frame[frame[f"{key}_group_n"] > 1]
        for _, rows in compared.groupby([f"{key}_edition", f"{key}_basis"]):
            assert rows[f"{key}_percentile"].max() == 100.0, key


def test_interpol_count_leaves_out_the_projects_own_claim_check(loaded_engine):
    """Morocco is named by 8 INTERPOL statements cited from a report or the press; the file's
    ninth row about it is cyberindex's claim check ("analysis of sources above"), not one."""
    frame = crossindex.cross_index_frame(loaded_engine, ["MAR"])
    assert frame.loc[0, "interpol_statements"] == 8
