"""The Cross-index view places no held-out value (El Salvador's GCI 2024 placeholder 0): no
tier, no percentile, and the other countries' percentiles do not count it; the view says so.
The Cross-index function without the rule's keys: tests/etl/test_held_out.py."""

from __future__ import annotations

import pytest

from dashboard import data, rank_texts
from tests.dashboard.tree_support import texts

COUNTRIES = ["MAR", "SLV", "TUN"]


@pytest.fixture
def engine(app_context):
    return data.current_engine()


def test_held_out_value_has_no_percentile_and_is_not_counted(engine):
    """SLV keeps its published 0 but gets no percentile; Morocco and Tunisia are compared
    between themselves (2 countries), not against the placeholder."""
    frame = data.cross_index(engine, COUNTRIES).set_index("iso3")
    assert frame.loc["SLV", "gci_value"] == 0
    assert bool(frame.loc["SLV", "gci_held_out"]) is True
    assert frame["gci_percentile"].isna()["SLV"]
    assert int(frame.loc["TUN", "gci_group_n"]) == 2
    assert int(frame.loc["MAR", "gci_group_n"]) == 2
    assert not frame.loc[["MAR", "TUN"], "gci_held_out"].any()


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_cells_and_basis_lines_say_not_placed(engine, pages, lang):
    """The value cell reads "not placed" instead of Tier 5, and the basis lines name the
    country left out."""
    page = pages["crossindex"]
    frame = data.cross_index(engine, COUNTRIES)
    slv = frame[frame["iso3"] == "SLV"].iloc[0]
    cell = "".join(texts(page.value_cell(slv, "gci", lang)))
    assert rank_texts.not_placed_text(lang) in cell
    assert page.percentile_cell(slv, "gci", lang) == "–"
    names = data.country_names(engine, lang)
    frame["country"] = frame["iso3"].map(names)  # as crossindex_view names them
    lines = page.basis_lines(frame, lang)
    assert any(names["SLV"] in line for line in lines), lines
