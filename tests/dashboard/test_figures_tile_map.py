"""The tile map figure: one square per cell, tier colours for 2024, a colour bar on the
published scale before, grey for no value (never filled in), the watched outlined, and a
hover with the value, the edition and the value's mark; no geo trace, no zoom, not mirrored."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures_tile_map import (
    NO_VALUE_COLOUR,
    TIER_COLOURS,
    TILE,
    tile_map_figure,
)

CELLS = {"MAR": (0, 0), "DZA": (1, 0), "OMN": (3, 1), "SEN": (0, 1), "EGY": (2, 0)}
NAMES = {"MAR": "Morocco", "DZA": "Algeria", "OMN": "Oman", "SEN": "Senegal", "EGY": "Egypt"}
FR_NAMES = {"MAR": "Maroc", "DZA": "Algérie", "OMN": "Oman", "SEN": "Sénégal", "EGY": "Égypte"}
LANGS = [pytest.param("en", id="en"), pytest.param("fr", id="fr"), pytest.param("ar", id="ar")]


def rows(edition: int, values: dict[str, tuple]) -> pd.DataFrame:
    """Rows of one edition: code -> (value, scale, rank, tier, verification, correction)."""
    return pd.DataFrame([
        {"iso3": c, "country": NAMES[c], "edition": edition, "value": v, "scale": s,
         "rank": r, "tier": tier, "verification": ver, "correction": cor, "held_out": False,
         "rank_holders": 1 if r is not None else None, "last_rank": None}
        for c, (v, s, r, tier, ver, cor) in values.items()])


TIERED = rows(2024, {
    "MAR": (97.5, "0-100", None, 1, "verified_2_sources", None),
    "OMN": (97.02, "0-100", None, 1, "conflict", None),
    "DZA": (65.87, "0-100", None, 3, "single_source", None),
    "EGY": (100.0, "0-100", None, 1, "single_source", None),
})  # SEN: no value in this edition
SCORED_2020 = rows(2020, {
    "MAR": (82.41, "0-100", 50, None, "verified_2_sources", None),
    "OMN": (96.04, "0-100", 21, None, "verified_2_sources", None),
    "DZA": (33.95, "0-100", 104, None, "single_source", None),
    "SEN": (35.85, "0-100", 100, None, "single_source", None),
    "EGY": (95.48, "0-100", 23, None, "single_source", None),
})
SCORED_2018 = rows(2018, {"MAR": (0.429, "0-1", 93, None, "single_source", None)})


def figure(frame, edition, lang="en", names=NAMES):
    return tile_map_figure(frame, CELLS, edition, lang, "title", names, ("MAR", "OMN"))


def squares(fig) -> dict[str, tuple]:
    """ISO3 -> (trace, index) of each square (the outline trace is not a square)."""
    out = {}
    for trace in fig.data:
        if trace.marker.symbol == "square":
            for i, code in enumerate(trace.text):
                assert code not in out, f"{code} drawn twice"
                out[code] = (trace, i)
    return out


def test_only_scatter_squares_and_one_per_cell():
    """plotly.js-basic: scatter traces only; every cell one square at its place, north up."""
    fig = figure(TIERED, 2024)
    assert {tr.type for tr in fig.data} == {"scatter"}
    found = squares(fig)
    assert set(found) == set(CELLS)
    for code, (trace, i) in found.items():
        assert (trace.x[i], trace.y[i]) == (CELLS[code][0], -CELLS[code][1])
        assert trace.marker.size == TILE


@pytest.mark.parametrize("lang", LANGS)
def test_2024_is_coloured_by_tier_with_a_legend(lang):
    fig = figure(TIERED, 2024, lang)
    found = squares(fig)
    assert found["MAR"][0].marker.color == TIER_COLOURS[1]
    assert found["DZA"][0].marker.color == TIER_COLOURS[3]
    assert fig.layout.showlegend is True
    tier_one = {"en": "Tier 1: Role-modelling", "fr": "Niveau 1", "ar": "المستوى 1"}[lang]
    assert any(tier_one in tr.name for tr in fig.data)


def test_2020_is_coloured_by_score_with_its_scale():
    """A colour bar from 0 to 100 that says the scale; 2018's goes to 1."""
    fig = figure(SCORED_2020, 2020)
    trace = squares(fig)["MAR"][0]
    assert list(trace.marker.color) == [float(v) for v in
                                        SCORED_2020.set_index("iso3").loc[list(trace.text),
                                                                          "value"]]
    assert (trace.marker.cmin, trace.marker.cmax) == (0, 100)
    assert "0-100" in trace.marker.colorbar.title.text
    old = squares(figure(SCORED_2018, 2018))["MAR"][0]
    assert old.marker.cmax == 1 and "0-1" in old.marker.colorbar.title.text


@pytest.mark.parametrize(("frame", "edition"), [pytest.param(TIERED, 2024, id="2024"),
                                                pytest.param(SCORED_2018, 2018, id="2018")])
def test_a_country_without_a_value_is_grey_and_says_so(frame, edition):
    """Senegal has no 2024 row and only Morocco a 2018 one: grey, hover "no value", never a
    value from another edition."""
    trace, i = squares(figure(frame, edition))["SEN"]
    assert trace.marker.color == NO_VALUE_COLOUR
    assert "no value in this edition" in trace.hovertext[i]
    assert "35.85" not in trace.hovertext[i]


def test_watched_countries_are_outlined():
    fig = figure(TIERED, 2024)
    outline = next(tr for tr in fig.data if tr.marker.symbol == "square-open")
    assert outline.meta["watched"] == ["MAR", "OMN"]
    assert {(x, y) for x, y in zip(outline.x, outline.y, strict=True)} == {(0, 0), (3, -1)}
    assert "Outlined: Morocco and Oman" in outline.name


@pytest.mark.parametrize(("lang", "names", "value", "mark"), [
    pytest.param("en", NAMES, "97.02", "sources disagree", id="en"),
    pytest.param("fr", FR_NAMES, "97,02", "sources divergent", id="fr"),
])
def test_hover_holds_name_value_edition_and_the_disagreement(lang, names, value, mark):
    """Oman 2024 (sources disagree): its name in the page's language, the value as published
    with its scale, the tier, the edition and the mark."""
    trace, i = squares(figure(TIERED, 2024, lang, names))["OMN"]
    hover = trace.hovertext[i]
    assert "Oman" in hover and value in hover and "2024" in hover
    assert mark in hover and "⚑" in hover
    assert "Role-modelling" in hover or "Exemplaire" in hover or "modèle" in hover.lower()
    assert "⚑" not in squares(figure(TIERED, 2024, lang, names))["MAR"][0].hovertext[0]


@pytest.mark.parametrize("lang", LANGS)
def test_axes_hidden_fixed_square_and_not_mirrored(lang):
    fig = figure(SCORED_2020, 2020, lang)
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.visible is False and axis.fixedrange is True and axis.showgrid is False
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.xaxis.range[0] < fig.layout.xaxis.range[1]  # west on the left
