"""Compare: a score the corrections ledger marks (El Salvador's and Palau's 2024 placeholder 0)
is flagged where it is ranked, and its reason is listed above the sources."""

from __future__ import annotations

import pytest

from dashboard import data
from tests.dashboard.tree_support import texts


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_marked_score_is_flagged_in_the_ranking_with_its_reason(pages, app_context, lang):
    compare = pages["compare"]
    view = compare.compare_view(data.current_engine(), ["MAR", "SLV", "OMN"], 2024, lang)
    flagged = {row["iso3"] for row in view["ranking_rows"] if compare.FLAG in row["country"]}
    assert flagged == {"SLV", "OMN"}  # Oman's 97.02 / 97.01 is flagged too
    assert compare.FLAG in view["ranking_note"]
    marked = texts(view["sources"]).split("\n")
    assert any(line.startswith(f"{compare.FLAG} ") and "2024" in line for line in marked)
    if lang == "en":
        assert "looks like a placeholder" in texts(view["sources"])


def test_nothing_marked_adds_no_flag(pages, app_context):
    compare = pages["compare"]
    view = compare.compare_view(data.current_engine(), ["MAR", "TUN"], 2024, "en")
    assert all(compare.FLAG not in row["country"] for row in view["ranking_rows"])
    assert compare.FLAG not in view["ranking_note"]
    assert "corrections ledger" not in texts(view["sources"])
