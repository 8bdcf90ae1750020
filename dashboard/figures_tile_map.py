"""The tile map of the Map page: a pure function of a DataFrame, as :mod:`dashboard.figures`.

Each country is one equal square at its cell of :data:`dashboard.tile_layout.TILES`, drawn as
a ``scatter`` marker (plotly.js-basic: no geo trace, no map tiles), so the map draws no border.
The square carries the country's ISO3 code (the same in every language) and its hover says
the country's name in the page's language, the GCI value as published with its scale, its
rank or tier (:func:`dashboard.rank_texts.rank_or_tier_text`), the edition, and the mark a
value has where its sources disagree or the corrections ledger marks it
(:func:`dashboard.rank_texts.value_mark_text`).

Colour: for a tiered edition (2024) the ITU tier, five categories in a legend; for the other
editions the score on its published scale (0-1 until 2018, 0-100 from 2020), a sequential
colour bar that says the scale. A country without a value in the edition is a grey square
("no value in this edition"): nothing is interpolated or carried over from another edition.
A value held out of derived figures (:func:`dashboard.data.is_held_out`) has no tier: its
square is "not placed". The watched countries are outlined. West stays on the left in every
language (a map is not mirrored); the title and legend follow the page's direction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import TIER_LABELS, is_held_out, tier_msgid
from dashboard.figure_draft import FigureDraft
from dashboard.figures import (
    PLOT_TEMPLATE,
    base_layout,
    rtl_lines,
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

CELL = 25  # px a grid cell: 13 columns (325 px) fit a 390 px phone's 342 px of content
TILE = 23  # px a square: 2 px between neighbours
OUTLINE = 2.5  # px the outline of a watched country's square
# ColorBrewer YlGnBu (colour-vision safe, prints in greyscale): tier 1 darkest.
TIER_COLOURS: dict[int, str] = {1: "#253494", 2: "#2C7FB8", 3: "#41B6C4", 4: "#7FCDBB",
                                5: "#C7E9B4"}
SCORE_SCALE = [[0.0, "#C7E9B4"], [0.25, "#7FCDBB"], [0.5, "#41B6C4"], [0.75, "#2C7FB8"],
               [1.0, "#253494"]]
DARK_FROM = 0.55  # share of the scale from which a square's code is written in white
NO_VALUE_COLOUR = "#D9D9D9"
NOT_PLACED_COLOUR = "#F4F4F4"
OUTLINE_COLOUR = "#000000"
SCALE_TOP = {"0-1": 1.0, "0-100": 100.0}
LEGEND_ENTRY = 28  # px a legend entry on a phone, one a row (French names wrap to about 27)
LEGEND_ROOM = 70  # px under the grid for the colour bar: its title, bar and ticks

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


def tier_of(row: Mapping[str, object]) -> int | None:
    """The square's tier (1-5), None for a value held out or without a tier."""
    if not has_value(row) or is_held_out(row) or tier_msgid(row.get("tier")) is None:
        return None
    return int(row["tier"])  # type: ignore[arg-type]


def _square_trace(codes: list[str], cells: Mapping[str, tuple[int, int]], hovers: list[str],
                  name: str, marker: dict, text_colours: list[str] | str, **extra: object
                  ) -> dict:
    return dict(
        type="scatter", mode="markers+text", name=name,
        x=[cells[c][0] for c in codes], y=[-cells[c][1] for c in codes],
        text=codes, textposition="middle center",
        textfont={"size": 9, "color": text_colours},
        marker={"symbol": "square", "size": TILE, **marker},
        hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>",
        meta={"countries": codes}, cliponaxis=False, **extra,
    )


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
            fig.add_trace(_square_trace(
                placed[tier], cells, [hovers[c] for c in placed[tier]],
                rtl_lines(t("Tier {tier}: {label}", lang, tier=tier,
                            label=t(TIER_LABELS[tier], lang)), lang),
                {"color": TIER_COLOURS[tier]}, "#FFFFFF" if tier <= 2 else "#000000",
                legendrank=tier, legendgroup=f"tier-{tier}"))
        if placed.get(None):
            fig.add_trace(_square_trace(
                placed[None], cells, [hovers[c] for c in placed[None]],
                rtl_lines(not_placed_text(lang), lang),
                {"color": NOT_PLACED_COLOUR, "line": {"color": "#767676", "width": 1}},
                "#000000", legendrank=6, legendgroup="not-placed"))
    elif valued:
        scale = str(rows[valued[0]].get("scale"))
        top = SCALE_TOP.get(scale, max(float(rows[c]["value"]) for c in valued))
        values = [float(rows[c]["value"]) for c in valued]
        fig.add_trace(_square_trace(
            valued, cells, [hovers[c] for c in valued], t("Score", lang),
            {"color": values, "colorscale": SCORE_SCALE, "cmin": 0, "cmax": top,
             "showscale": True,
             "colorbar": {"title": {"text": rtl_lines(t(MSG_SCORE_SCALE, lang, scale=scale),
                                                      lang), "side": "top"},
                          "orientation": "h", "x": 0.5, "xanchor": "center",
                          "y": -0.02, "yref": "paper", "yanchor": "top",
                          "thickness": 10, "len": 0.9, "tickvals": [0, top / 2, top],
                          "ticktext": [format_number(v, lang) for v in (0, top / 2, top)]}},
            ["#FFFFFF" if v / top >= DARK_FROM else "#000000" for v in values],
            showlegend=False))
    if missing:
        fig.add_trace(_square_trace(
            missing, cells, [hovers[c] for c in missing], rtl_lines(t(MSG_NO_VALUE, lang), lang),
            {"color": NO_VALUE_COLOUR}, "#000000", legendrank=7, legendgroup="no-value",
            showlegend=tiered))
    outlined = [c for c in dict.fromkeys(watched) if c in cells]
    if outlined:
        fig.add_trace(dict(
            type="scatter", mode="markers", hoverinfo="skip", legendrank=8,
            name=rtl_lines(t(MSG_OUTLINED, lang, countries=format_names(
                [names.get(c, c) for c in outlined], lang)), lang),
            x=[cells[c][0] for c in outlined], y=[-cells[c][1] for c in outlined],
            marker={"symbol": "square-open", "size": TILE + OUTLINE,
                    "color": OUTLINE_COLOUR, "line": {"width": OUTLINE,
                                                      "color": OUTLINE_COLOUR}},
            meta={"watched": outlined}, showlegend=tiered,
        ))
    return _laid_out(fig, cells, lang, title, tiered)


def edition_is_tiered(rows: Iterable[Mapping[str, object]]) -> bool:
    """Whether the edition publishes tiers (GCI 2024): a row of it has a tier."""
    return any(tier_msgid(r.get("tier")) is not None for r in rows)


def _laid_out(fig: FigureDraft, cells: Mapping[str, tuple[int, int]], lang: str, title: str,
              tiered: bool) -> go.Figure:
    """The grid at a fixed pixel size per cell (the squares' markers are sized in pixels),
    axes hidden and fixed (no zoom), equal units on both axes. West stays left in Arabic."""
    columns = max((c for c, _ in cells.values()), default=0) + 1
    grid_rows = max((r for _, r in cells.values()), default=0) + 1
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": True}
    fig.update_xaxes(range=[-0.5, columns - 0.5], constrain="domain", **hidden)
    fig.update_yaxes(range=[-(grid_rows - 0.5), 0.5], scaleanchor="x", scaleratio=1,
                     constrain="domain", **hidden)
    layout = base_layout(lang, title)
    top = title_margin(len(wrapped(title)))
    legend_names = [tr["name"] for tr in fig.data if tr.get("showlegend", True)]
    # A row per legend entry: a phone gives each its own row (French and Arabic names are
    # long), and a legend without room pushes the plot up, shrinking the grid under squares
    # sized in pixels (they overlapped in French at 390 px).
    # The margins never grow (autoexpand off): a margin plotly widens takes its room from the
    # grid, whose squares are sized in pixels.
    bottom = LEGEND_ENTRY * len(legend_names) + 16 if tiered else LEGEND_ROOM
    layout["margin"] = {"t": top, "b": bottom, "l": 4, "r": 4, "autoexpand": False}
    # Hung from the grid's foot: on a wide screen the legend is one row and the room kept for
    # a phone's rows stays below it.
    layout["legend"] = {**layout["legend"], "y": -0.02, "yref": "paper", "yanchor": "top"}
    fig.update_layout(template=PLOT_TEMPLATE, **layout, hovermode="closest", dragmode=False,
                      showlegend=tiered, plot_bgcolor="rgba(0,0,0,0)",
                      height=top + CELL * grid_rows + bottom)
    return fig.figure()
