"""The tile map of the Map page: a pure function of a DataFrame, as :mod:`dashboard.figures`.

Each country is one equal square at its cell of :data:`dashboard.tile_layout.TILES`, drawn as
a layout shape (a ``rect`` in the axes' units, so the squares grow and shrink with the chart:
plotly.js-basic has no geo trace, and the map draws no border). Over each square an invisible
``scatter`` marker carries the square's ISO3 code (the same in every language) and its hover:
the country's name in the page's language, the GCI value as published with its scale, its
rank or tier (:func:`dashboard.rank_texts.rank_or_tier_text`), the edition, and the mark a
value has where its sources disagree or the corrections ledger marks it
(:func:`dashboard.rank_texts.value_mark_text`).

Colour: for a tiered edition (2024) the ITU tier, five categories in a legend (the squares'
own legend entries: a click hides a tier's squares and codes); for the other editions the
score on its published scale (0-1 until 2018, 0-100 from 2020), a sequential colour bar that
says the scale (the invisible markers' colour scale; each square is filled with the colour
that scale gives its value). A country without a value in the edition is a grey square ("no
value in this edition"): nothing is interpolated or carried over from another edition. A
value held out of derived figures (:func:`dashboard.data.is_held_out`) has no tier: its square
is "not placed". The watched countries are outlined. West stays on the left in every language
(a map is not mirrored); the title and legend follow the page's direction.

Size: the axes keep equal units (``scaleanchor``), so the squares stay square whatever the
chart's size; :func:`tile_map_style` is the style of the chart's ``dcc.Graph`` (responsive)
whose height follows its width: the grid fills the width it is given, up to
:data:`MAX_CELL` px a cell (a desktop), and 13 columns still fit a 390 px phone. Under the
grid it keeps the room the legend takes at that width: the legend's entries are of one width,
one a row on a phone, two a row on a desktop (:func:`legend_rows`), and the legend stands on
the chart's foot, so no band is left blank under it. The codes are written at 9 px, a phone's
size; the page's stylesheet (``cyberindex.css``) draws them larger as the squares grow.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.data import TIER_LABELS, is_held_out, tier_msgid
from dashboard.figure_draft import FigureDraft
from dashboard.figures import (
    PLOT_TEMPLATE,
    base_layout,
    rtl_lines,
    shown_length,
    title_margin,
    wrapped,
)
from dashboard.i18n import N_, format_names, format_number, t
from dashboard.rank_texts import (
    not_placed_text,
    rank_or_tier_text,
    scale_words,
    value_mark_text,
)

MAX_CELL = 48  # px a grid cell at most: on a desktop the map stops growing at 13 x 48 px
SQUARE = 0.92  # a square's side, in cells: the rest is the gap between neighbours
HOVER_SIZE = 23  # px the invisible marker: plotly answers a hover up to 20 px past its edge
SIDE = 4  # px the margin left and right of the grid
OUTLINE = 2.5  # px the outline of a watched country's square
# ColorBrewer YlGnBu (colour-vision safe, prints in greyscale): tier 1 darkest.
TIER_COLOURS: dict[int, str] = {1: "#253494", 2: "#2C7FB8", 3: "#41B6C4", 4: "#7FCDBB",
                                5: "#C7E9B4"}
SCORE_SCALE = [[0.0, "#C7E9B4"], [0.25, "#7FCDBB"], [0.5, "#41B6C4"], [0.75, "#2C7FB8"],
               [1.0, "#253494"]]
DARK_FROM = 0.55  # share of the scale from which a square's code is written in white
NO_VALUE_COLOUR = "#D9D9D9"
NOT_PLACED_COLOUR = "#F4F4F4"
NOT_PLACED_LINE = {"color": "#767676", "width": 1}
OUTLINE_COLOUR = "#000000"
INVISIBLE = "rgba(0,0,0,0)"
SCALE_TOP = {"0-1": 1.0, "0-100": 100.0}
LEGEND_ROOM = 70  # px under the grid for the colour bar: its title, bar and ticks
# The tier legend is a grid of equal entries (plotly's ``entrywidth``), so its rows at a
# width are known before plotly draws it (legend_rows).
CHAR_WIDTH = 8  # px a character of a name: wide for a 13 px font, so no name runs into the next
ENTRY_EXTRA = 45  # px plotly adds to an entry's width: symbol and gaps (40), gap after (5)
LEGEND_ROW = 30  # px a row: a 20 px entry and the gap between rows (the last: the padding)
LEGEND_GROUP_GAP = 10  # px the gap between rows (each entry is a legend group of its own)
LEGEND_GAP = 6  # px between the grid's foot and the legend

MSG_NO_VALUE = N_("No value in this edition")
# Translators: the legend entry of the outlined squares; {countries} names the watched
# countries ("Morocco and Oman").
MSG_OUTLINED = N_("Outlined: {countries}")
# Translators: the title of the tile map's colour bar; {scale} is "0-1" or "0-100".
MSG_SCORE_SCALE = N_("Score ({scale})")
# Translators: a line of a square's hover: the edition and the value as published with its
# scale ("GCI 2020: 82.41 out of 100").
MSG_HOVER_VALUE = N_("GCI {edition}: {value} {scale}")
MSG_HOVER_NO_VALUE = N_("GCI {edition}: no value in this edition")


def has_value(row: Mapping[str, object]) -> bool:
    value = row.get("value")
    return value is not None and not pd.isna(value)


def hover_text(row: Mapping[str, object], name: str, edition: int, lang: str) -> str:
    """The hover of one square: name, value as published with its scale and edition, rank or
    tier, and the value's mark (sources disagree, ledger)."""
    lines = ["<b>" + name + "</b>"]
    if not has_value(row):
        lines.append(t(MSG_HOVER_NO_VALUE, lang, edition=edition))
    else:
        lines.append(t(MSG_HOVER_VALUE, lang, edition=edition,
                       value=format_number(row["value"], lang),
                       scale=scale_words(row.get("scale"), lang)))
        standing = rank_or_tier_text(row, lang)
        if standing:
            lines.append(standing)
        marked = value_mark_text(row, lang)
        if marked:
            lines.append(marked)
    return rtl_lines("<br>".join(lines), lang)


def tier_of(row: Mapping[str, Any]) -> int | None:
    """The square's tier (1-5), None for a value held out or without a tier."""
    if not has_value(row) or is_held_out(row) or tier_msgid(row.get("tier")) is None:
        return None
    return int(row["tier"])


def score_colours(values: list[float], top: float) -> list[str]:
    """The colour :data:`SCORE_SCALE` gives each value on a scale from 0 to ``top``: the one
    plotly draws on the colour bar for it."""
    return sample_colorscale(SCORE_SCALE, [min(max(v / top, 0.0), 1.0) for v in values])


def square_shape(cell: tuple[int, int], fill: str, group: str, name: str, first: bool,
                 line: Mapping[str, object] | None = None, rank: int | None = None) -> dict:
    """One country's square: a ``rect`` in the axes' units at its cell (north up), under the
    codes. The first square of a group is the group's legend entry (``name``)."""
    column, row = cell
    half = SQUARE / 2
    return dict(
        type="rect", xref="x", yref="y", layer="below",
        x0=column - half, x1=column + half, y0=-row - half, y1=-row + half,
        fillcolor=fill, line=dict(line) if line else {"width": 0},
        name=name, legendgroup=group, showlegend=first,
        **({"legendrank": rank} if rank is not None else {}),
    )


def _squares(fig: FigureDraft, codes: list[str], cells: Mapping[str, tuple[int, int]],
             hovers: Mapping[str, str], name: str, group: str, fills: list[str] | str,
             text_colours: list[str] | str, *, legend: bool, rank: int | None = None,
             line: Mapping[str, object] | None = None, marker: Mapping | None = None) -> None:
    """A group of squares (shapes) and the invisible markers over them that carry their codes
    and hovers (and, for scores, the colour bar)."""
    colours = fills if isinstance(fills, list) else [fills] * len(codes)
    for i, (code, fill) in enumerate(zip(codes, colours, strict=True)):
        fig.layout.setdefault("shapes", []).append(square_shape(
            cells[code], fill, group, name, legend and i == 0, line, rank))
    fig.add_trace(dict(
        type="scatter", mode="markers+text", name=name, legendgroup=group, showlegend=False,
        x=[cells[c][0] for c in codes], y=[-cells[c][1] for c in codes],
        text=codes, textposition="middle center",
        textfont={"size": 9, "color": text_colours},
        marker={"symbol": "square", "size": HOVER_SIZE, "color": INVISIBLE, **(marker or {})},
        hovertext=[hovers[c] for c in codes], hovertemplate="%{hovertext}<extra></extra>",
        meta={"countries": codes}, cliponaxis=False,
    ))


def tile_map_figure(frame: pd.DataFrame, cells: Mapping[str, tuple[int, int]], edition: int,
                    lang: str, title: str, names: Mapping[str, str],
                    watched: Iterable[str] = ()) -> go.Figure:
    """The tile map of one GCI edition.

    ``frame`` holds the edition's rows (``iso3``, ``value``, ``scale``, ``tier``, ``rank``,
    ``verification``, ``correction``, ``held_out``...; one per country at most); ``cells``
    the squares' (column, row) by ISO3 (:data:`dashboard.tile_layout.TILES`): one square per
    cell, whatever ``frame`` holds; ``names`` the countries' names in ``lang``; ``watched``
    the countries outlined."""
    rows = {str(r["iso3"]): r for r in frame.to_dict("records") if str(r["iso3"]) in cells}
    codes = sorted(cells, key=lambda c: (cells[c][1], cells[c][0]))
    hovers = {c: hover_text(rows.get(c, {}), names.get(c, c), edition, lang) for c in codes}
    valued = [c for c in codes if has_value(rows.get(c, {}))]
    missing = [c for c in codes if c not in valued]
    tiered = edition_is_tiered(rows.values())
    fig = FigureDraft()
    if tiered:
        placed: dict[int | None, list[str]] = {}
        for code in valued:
            placed.setdefault(tier_of(rows[code]), []).append(code)
        for tier in sorted(TIER_LABELS):
            if not placed.get(tier):
                continue
            _squares(fig, placed[tier], cells, hovers,
                     rtl_lines(t("Tier {tier}: {label}", lang, tier=tier,
                                 label=t(TIER_LABELS[tier], lang)), lang),
                     f"tier-{tier}", TIER_COLOURS[tier], "#FFFFFF" if tier <= 2 else "#000000",
                     legend=True, rank=tier)
        if placed.get(None):
            _squares(fig, placed[None], cells, hovers, rtl_lines(not_placed_text(lang), lang),
                     "not-placed", NOT_PLACED_COLOUR, "#000000", legend=True, rank=6,
                     line=NOT_PLACED_LINE)
    elif valued:
        scale = str(rows[valued[0]].get("scale"))
        top = SCALE_TOP.get(scale, max(float(rows[c]["value"]) for c in valued))
        values = [float(rows[c]["value"]) for c in valued]
        # The markers stay invisible (opacity 0): their colour scale is the colour bar's.
        _squares(fig, valued, cells, hovers, t("Score", lang), "score",
                 score_colours(values, top),
                 ["#FFFFFF" if v / top >= DARK_FROM else "#000000" for v in values],
                 legend=False, marker={
                     "color": values, "colorscale": SCORE_SCALE, "cmin": 0, "cmax": top,
                     "opacity": 0, "showscale": True,
                     "colorbar": {"title": {"text": rtl_lines(
                         t(MSG_SCORE_SCALE, lang, scale=scale), lang), "side": "top"},
                         "orientation": "h", "x": 0.5, "xanchor": "center",
                         "y": -0.02, "yref": "paper", "yanchor": "top",
                         "thickness": 10, "len": 0.9, "tickvals": [0, top / 2, top],
                         "ticktext": [format_number(v, lang) for v in (0, top / 2, top)]}})
    if missing:
        _squares(fig, missing, cells, hovers, rtl_lines(t(MSG_NO_VALUE, lang), lang),
                 "no-value", NO_VALUE_COLOUR, "#000000", legend=tiered, rank=7)
    outlined = [c for c in dict.fromkeys(watched) if c in cells]
    name = rtl_lines(t(MSG_OUTLINED, lang, countries=format_names(
        [names.get(c, c) for c in outlined], lang)), lang)
    for i, code in enumerate(outlined):
        fig.layout.setdefault("shapes", []).append({
            **square_shape(cells[code], INVISIBLE, "watched", name, tiered and i == 0,
                           {"color": OUTLINE_COLOUR, "width": OUTLINE}, 8),
            "layer": "above"})
    return _laid_out(fig, cells, lang, title, tiered)


def edition_is_tiered(rows: Iterable[Mapping[str, object]]) -> bool:
    """Whether the edition publishes tiers (GCI 2024): a row of it has a tier."""
    return any(tier_msgid(r.get("tier")) is not None for r in rows)


def legend_rows(entries: int, plot_width: float, entry_width: float) -> int:
    """The rows of a horizontal legend of ``entries`` entries ``entry_width`` px wide (names)
    in a plot ``plot_width`` px wide: as many a row as fit whole, as plotly lays them out (a
    row breaks before an entry that would pass the plot's width), one at least."""
    per_row = max(1, math.floor(plot_width / (entry_width + ENTRY_EXTRA)))
    return math.ceil(entries / per_row)


def legend_room(rows: int) -> int:
    """The px a legend of ``rows`` rows takes under the grid, the gap above it included."""
    return LEGEND_ROW * rows + LEGEND_GAP


def _laid_out(fig: FigureDraft, cells: Mapping[str, tuple[int, int]], lang: str, title: str,
              tiered: bool) -> go.Figure:
    """The grid, axes hidden and fixed (no zoom), equal units on both axes (square squares
    at any size), hung from the top of the plot. West stays left in Arabic."""
    columns = max((c for c, _ in cells.values()), default=0) + 1
    grid_rows = max((r for _, r in cells.values()), default=0) + 1
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": True}
    fig.update_xaxes(range=[-0.5, columns - 0.5], constrain="domain", **hidden)
    # Where the chart is taller than the grid (a phone, whose legend takes more rows), the
    # room left is under the grid, where the legend is.
    fig.update_yaxes(range=[-(grid_rows - 0.5), 0.5], scaleanchor="x", scaleratio=1,
                     constrain="domain", constraintoward="top", **hidden)
    layout = base_layout(lang, title)
    top = title_margin(len(wrapped(title)))
    if tiered:
        # The legend's entries are of one width (its longest name), so its rows at a width
        # are known (legend_rows): tile_map_style gives the chart the room they take at the
        # width it has, and the legend stands on the chart's foot (the container's bottom
        # edge), under the grid at any width. The margin is the room at the grid's largest
        # (a desktop): where the chart is narrower and the legend has more rows, the plot
        # area is taller than the grid and the extra room is under it.
        names = [s["name"] for s in fig.layout.get("shapes", []) if s["showlegend"]]
        entry = CHAR_WIDTH * max((shown_length(n) for n in names), default=0)
        bottom = legend_room(legend_rows(len(names), MAX_CELL * columns, entry))
        layout["legend"] = {**layout["legend"], "entrywidth": entry,
                            "entrywidthmode": "pixels", "tracegroupgap": LEGEND_GROUP_GAP,
                            "y": 0, "yref": "container", "yanchor": "bottom"}
    else:
        # The colour bar, hung from the grid's foot, takes the same room at any width.
        bottom = LEGEND_ROOM
    # The margins never grow (autoexpand off): the chart's height is tile_map_style's,
    # computed from them.
    layout["margin"] = {"t": top, "b": bottom, "l": SIDE, "r": SIDE, "autoexpand": False}
    # The height (the grid at its largest) serves where no page sizes the chart (a figure
    # drawn on its own); on the page the Graph is responsive, sized by tile_map_style.
    fig.update_layout(template=PLOT_TEMPLATE, **layout, hovermode="closest", dragmode=False,
                      showlegend=tiered, plot_bgcolor="rgba(0,0,0,0)",
                      width=SIDE * 2 + MAX_CELL * columns,
                      height=top + MAX_CELL * grid_rows + bottom)
    return fig.figure()


def _room_at(figure: go.Figure, widest: float) -> str:
    """The CSS length of the room under the grid at the chart's width: the margin for a
    colour bar; for a legend, the room of its rows on a phone, less a step at each width from
    which a row holds one more entry (a ``clamp`` that is 0 below that width and the rows
    saved from it: no script, the container's width ``100cqw`` decides). A step is taken 2 px
    past the width plotly needs, so a fraction of a pixel never leaves an entry without room."""
    layout = figure.layout
    if not layout.showlegend:
        return f"{layout.margin.b:g}px"
    entries = sum(1 for s in layout.shapes if s.showlegend)
    entry = layout.legend.entrywidth
    sides = layout.margin.l + layout.margin.r
    room = legend_room(entries)  # one entry a row
    steps = [f"{room}px"]
    per_row = 2
    while per_row * (entry + ENTRY_EXTRA) <= widest:
        width = per_row * (entry + ENTRY_EXTRA) + sides + 2
        saved = room - legend_room(legend_rows(entries, width - sides, entry))
        if saved:
            steps.append(f"clamp(0px, (100cqw - {width:g}px) * 1000, {saved}px)")
            room -= saved
        per_row += 1
    return " - ".join(steps)


def tile_map_style(figure: go.Figure) -> dict[str, str]:
    """The style of the ``dcc.Graph`` (``responsive=True``) that shows ``figure``, whose
    height follows its width: the grid fills the width, up to :data:`MAX_CELL` px a cell,
    under the title's margin and above the room its legend takes at that width (its rows,
    :func:`legend_rows`) or its colour bar's. Its widths are those of the nearest query
    container (``container-type: inline-size``: the page sets it on the chart's block); a
    CSS calc, so no script is needed as the window changes size."""
    layout = figure.layout
    columns = layout.xaxis.range[1] - layout.xaxis.range[0]
    grid_rows = layout.yaxis.range[1] - layout.yaxis.range[0]
    sides = layout.margin.l + layout.margin.r
    widest = MAX_CELL * columns
    grid = f"min(100cqw - {sides:g}px, {widest:g}px)"
    return {"width": "100%", "maxWidth": f"{widest + sides:g}px",
            "height": f"calc({grid} * {grid_rows:g} / {columns:g} + {layout.margin.t:g}px + "
                      f"{_room_at(figure, widest)})"}
