"""The tile map figure: one square (a shape in the axes' units, so it scales with the chart)
per cell, tier colours for 2024, a colour bar on the published scale before, grey for no value
(never filled in), the watched outlined, and a hover with the value, the edition and the
value's mark; no geo trace, no zoom, not mirrored; a Graph style whose height follows its
width."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.figures import shown_length
from dashboard.figures_tile_map import (
    CHAR_WIDTH,
    ENTRY_EXTRA,
    INVISIBLE,
    LEGEND_ROOM,
    MAX_CELL,
    NO_VALUE_COLOUR,
    NOT_PLACED_COLOUR,
    OUTLINE,
    SQUARE,
    TIER_COLOURS,
    legend_room,
    legend_rows,
    score_colours,
    tile_map_figure,
    tile_map_style,
)
from dashboard.i18n import as_typed
from dashboard.tile_layout import COLUMNS, ROWS, TILES

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


def cell_of(shape) -> tuple[float, float]:
    """The (column, row) a shape is centred on (north up: row = -y)."""
    return (shape.x0 + shape.x1) / 2, -(shape.y0 + shape.y1) / 2


def squares(fig) -> dict[str, object]:
    """ISO3 -> the square (shape) at its cell (the outlines are not squares)."""
    at = {cell: code for code, cell in CELLS.items()}
    out = {}
    for shape in fig.layout.shapes:
        if shape.legendgroup == "watched":
            continue
        code = at[cell_of(shape)]
        assert code not in out, f"{code} drawn twice"
        out[code] = shape
    return out


def markers(fig) -> dict[str, tuple]:
    """ISO3 -> (trace, index) of the invisible marker over each square: code and hover."""
    out = {}
    for trace in fig.data:
        for i, code in enumerate(trace.text or ()):
            assert code not in out, f"{code} marked twice"
            out[code] = (trace, i)
    return out


@pytest.mark.parametrize(("frame", "edition"), [pytest.param(TIERED, 2024, id="2024"),
                                                pytest.param(SCORED_2020, 2020, id="2020")])
def test_one_square_shape_per_cell_in_the_axes_units(frame, edition):
    """plotly.js-basic: scatter traces only; every cell one borderless square, a rect in the
    axes' units (it scales with the chart), equal sides, at its place, north up."""
    fig = figure(frame, edition)
    assert {tr.type for tr in fig.data} == {"scatter"}
    found = squares(fig)
    assert set(found) == set(CELLS)
    for code, shape in found.items():
        assert (shape.type, shape.xref, shape.yref) == ("rect", "x", "y")
        assert cell_of(shape) == CELLS[code]
        assert shape.x1 - shape.x0 == pytest.approx(SQUARE)
        assert shape.y1 - shape.y0 == pytest.approx(SQUARE)
        assert shape.line.width == 0 and shape.layer == "below"  # no border, codes over it


@pytest.mark.parametrize(("frame", "edition"), [pytest.param(TIERED, 2024, id="2024"),
                                                pytest.param(SCORED_2020, 2020, id="2020")])
def test_codes_and_hovers_on_invisible_markers_over_the_squares(frame, edition):
    """Each square's code and hover ride on a marker at its centre that draws nothing (a
    transparent or opacity-0 marker: plotly still answers its hover)."""
    found = markers(figure(frame, edition))
    assert set(found) == set(CELLS)
    for code, (trace, i) in found.items():
        assert (trace.x[i], trace.y[i]) == (CELLS[code][0], -CELLS[code][1])
        assert trace.marker.color == INVISIBLE or trace.marker.opacity == 0
        assert trace.mode == "markers+text" and trace.hovertext[i]
        assert trace.hovertemplate == "%{hovertext}<extra></extra>"
        assert trace.showlegend is False  # the squares are the legend's entries


@pytest.mark.parametrize("lang", LANGS)
def test_2024_is_coloured_by_tier_with_a_legend(lang):
    """A square per tier colour; the legend's entries are the first square of each tier, in
    the page's language, grouped with the markers (a click hides a tier's squares and codes)."""
    fig = figure(TIERED, 2024, lang)
    found = squares(fig)
    assert found["MAR"].fillcolor == TIER_COLOURS[1]
    assert found["DZA"].fillcolor == TIER_COLOURS[3]
    assert fig.layout.showlegend is True
    entries = [s for s in fig.layout.shapes if s.showlegend]
    assert [s.legendgroup for s in entries] == ["tier-1", "tier-3", "no-value", "watched"]
    assert [s.legendrank for s in entries] == [1, 3, 7, 8]
    tier_one = {"en": "Tier 1: Role-modelling", "fr": "Niveau 1", "ar": "المستوى 1"}[lang]
    assert tier_one in entries[0].name
    trace, _ = markers(fig)["MAR"]
    assert trace.legendgroup == found["MAR"].legendgroup == "tier-1"


def test_2020_is_coloured_by_score_with_its_scale():
    """Each square the colour the colour bar gives its score; a colour bar from 0 to 100 that
    says the scale, on the invisible markers; 2018's goes to 1. No legend."""
    fig = figure(SCORED_2020, 2020)
    values = SCORED_2020.set_index("iso3")["value"]
    found = squares(fig)
    for code in CELLS:
        assert found[code].fillcolor == score_colours([values[code]], 100)[0]
    assert found["OMN"].fillcolor != found["DZA"].fillcolor
    trace, _ = markers(fig)["MAR"]
    assert list(trace.marker.color) == [float(values[c]) for c in trace.text]
    assert (trace.marker.cmin, trace.marker.cmax) == (0, 100)
    assert trace.marker.showscale is True and trace.marker.opacity == 0
    assert "0-100" in as_typed(trace.marker.colorbar.title.text)
    assert fig.layout.showlegend is False
    old_fig = figure(SCORED_2018, 2018)
    old = markers(old_fig)["MAR"][0]
    assert old.marker.cmax == 1 and "0-1" in as_typed(old.marker.colorbar.title.text)
    assert squares(old_fig)["MAR"].fillcolor == score_colours([0.429], 1)[0]


def test_score_colours_are_the_colour_bars():
    """The scale's stops at 0, half and the top; a value past the top is the top's colour."""
    assert score_colours([0, 50, 100, 120], 100) == [
        "rgb(199, 233, 180)", "rgb(65, 182, 196)", "rgb(37, 52, 148)", "rgb(37, 52, 148)"]


@pytest.mark.parametrize(("frame", "edition"), [pytest.param(TIERED, 2024, id="2024"),
                                                pytest.param(SCORED_2018, 2018, id="2018")])
def test_a_country_without_a_value_is_grey_and_says_so(frame, edition):
    """Senegal has no 2024 row and only Morocco a 2018 one: grey, hover "no value", never a
    value from another edition."""
    fig = figure(frame, edition)
    assert squares(fig)["SEN"].fillcolor == NO_VALUE_COLOUR
    trace, i = markers(fig)["SEN"]
    assert "no value in this edition" in trace.hovertext[i]
    assert "35.85" not in trace.hovertext[i]


def test_a_held_out_value_is_not_placed():
    """A value held out of derived figures has no tier colour: a pale square with a grey
    edge, in the legend as "not placed"."""
    frame = TIERED.copy()
    frame.loc[frame["iso3"] == "DZA", "held_out"] = True
    fig = figure(frame, 2024)
    square = squares(fig)["DZA"]
    assert square.fillcolor == NOT_PLACED_COLOUR and square.line.width == 1
    assert square.legendgroup == "not-placed" and square.showlegend is True


@pytest.mark.parametrize(("frame", "edition", "legend"), [
    pytest.param(TIERED, 2024, True, id="2024"),
    pytest.param(SCORED_2020, 2020, False, id="2020")])
def test_watched_countries_are_outlined(frame, edition, legend):
    """An unfilled square over each watched country's, its line above the squares, in the
    legend where there is one."""
    fig = figure(frame, edition)
    outlines = [s for s in fig.layout.shapes if s.legendgroup == "watched"]
    assert [cell_of(s) for s in outlines] == [CELLS["MAR"], CELLS["OMN"]]
    for shape in outlines:
        assert shape.fillcolor == INVISIBLE and shape.layer == "above"
        assert shape.line.width == OUTLINE and shape.x1 - shape.x0 == pytest.approx(SQUARE)
    assert [s.showlegend for s in outlines] == [legend, False]
    assert "Outlined: Morocco and Oman" in outlines[0].name


@pytest.mark.parametrize(("lang", "names", "value", "mark"), [
    pytest.param("en", NAMES, "97.02", "sources disagree", id="en"),
    pytest.param("fr", FR_NAMES, "97,02", "sources divergent", id="fr"),
])
def test_hover_holds_name_value_edition_and_the_disagreement(lang, names, value, mark):
    """Oman 2024 (sources disagree): its name in the page's language, the value as published
    with its scale, the tier, the edition and the mark."""
    found = markers(figure(TIERED, 2024, lang, names))
    trace, i = found["OMN"]
    hover = trace.hovertext[i]
    assert "Oman" in hover and value in hover and "2024" in hover
    assert mark in hover and "⚑" in hover
    assert "Role-modelling" in hover or "Exemplaire" in hover or "modèle" in hover.lower()
    trace, i = found["MAR"]
    assert names["MAR"] in trace.hovertext[i] and "⚑" not in trace.hovertext[i]


@pytest.mark.parametrize("lang", LANGS)
def test_axes_hidden_fixed_square_and_not_mirrored(lang):
    fig = figure(SCORED_2020, 2020, lang)
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        assert axis.visible is False and axis.fixedrange is True and axis.showgrid is False
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio == 1
    assert fig.layout.xaxis.range[0] < fig.layout.xaxis.range[1]  # west on the left
    assert fig.layout.margin.autoexpand is False


@pytest.mark.parametrize(("frame", "edition"), [pytest.param(TIERED, 2024, id="2024"),
                                                pytest.param(SCORED_2020, 2020, id="2020")])
def test_graph_style_height_follows_the_width(frame, edition):
    """The Graph's height: the grid (4 columns x 2 rows here) as wide as the container less
    the side margins, up to MAX_CELL px a cell, and the title's and legend's margins (a
    4-column grid holds one legend entry a row at any width: no step)."""
    fig = figure(frame, edition)
    margin = fig.layout.margin
    sides, ends = margin.l + margin.r, margin.t + margin.b
    widest = 4 * MAX_CELL
    assert tile_map_style(fig) == {
        "width": "100%", "maxWidth": f"{widest + sides}px",
        "height": f"calc(min(100cqw - {sides}px, {widest}px) * 2 / 4 + {margin.t}px + "
                  f"{margin.b}px)"}
    # the figure on its own (no page sizing it): the grid at its largest
    assert fig.layout.width == widest + sides and fig.layout.height == 2 * MAX_CELL + ends


def height_at(style: dict[str, str], container: float) -> float:
    """The px a style's CSS height gives in a query container ``container`` px wide."""
    expression = (style["height"].replace("100cqw", f"({container})").replace("px", "")
                  .replace("calc(", "("))
    return eval(expression, {"__builtins__": {}},  # noqa: S307 - our own CSS, numbers only
                {"min": min, "clamp": lambda low, value, high: max(low, min(value, high))})


@pytest.mark.parametrize(("entries", "width", "entry", "rows"), [
    pytest.param(6, 334, 208, 6, id="phone-one-a-row"),
    pytest.param(6, 505, 208, 6, id="one-px-short-of-two"),
    pytest.param(6, 506, 208, 3, id="two-a-row"),
    pytest.param(6, 624, 208, 3, id="desktop"),
    pytest.param(7, 624, 150, 3, id="three-a-row"),
    pytest.param(4, 100, 400, 4, id="wider-than-the-plot"),
])
def test_legend_rows_as_plotly_lays_them_out(entries, width, entry, rows):
    """As many entries a row as fit whole (an entry: its width and plotly's 45 px)."""
    assert legend_rows(entries, width, entry) == rows


@pytest.mark.parametrize("lang", LANGS)
def test_the_tier_legend_takes_the_room_of_its_rows_at_each_width(lang):
    """On the full grid, the tier legend's entries are as wide as its longest name, it stands
    on the chart's foot, and the chart's height at a width is the title's margin, the grid and
    the room of the legend's rows at that width: all its entries a row each on a phone, two a
    row on a desktop (no blank band under it); the grid hangs from the top of the plot."""
    fig = tile_map_figure(TIERED, TILES, 2024, lang, "title", NAMES, ("MAR", "OMN"))
    legend = fig.layout.legend
    names = [s.name for s in fig.layout.shapes if s.showlegend]
    assert len(names) == 4  # tiers 1 and 3, no value, outlined
    assert legend.entrywidth == CHAR_WIDTH * max(shown_length(n) for n in names)
    assert legend.entrywidthmode == "pixels"
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
    assert fig.layout.yaxis.constraintoward == "top"
    style = tile_map_style(fig)
    top = fig.layout.margin.t
    for container, rows in ((390, 4), (1366, 2)):
        grid = min(container - 8, MAX_CELL * COLUMNS) * ROWS / COLUMNS
        assert height_at(style, container) == pytest.approx(top + grid + legend_room(rows))
    assert fig.layout.margin.b == legend_room(2)  # the desktop's room: its plot is the grid
    # Each row fewer is taken 2 px past the width plotly needs for it, never before.
    needed = 2 * (legend.entrywidth + ENTRY_EXTRA) + 8
    assert height_at(style, needed + 1) == pytest.approx(
        top + (needed + 1 - 8) * ROWS / COLUMNS + legend_room(4))
    assert height_at(style, needed + 3) == pytest.approx(
        top + (needed + 3 - 8) * ROWS / COLUMNS + legend_room(2))


def test_a_colour_bar_takes_the_same_room_at_any_width():
    fig = tile_map_figure(SCORED_2020, TILES, 2020, "en", "title", NAMES)
    style = tile_map_style(fig)
    for container in (390, 1366):
        grid = min(container - 8, MAX_CELL * COLUMNS) * ROWS / COLUMNS
        assert height_at(style, container) == pytest.approx(
            fig.layout.margin.t + grid + LEGEND_ROOM)
