"""The GCI pillars of many countries as one row of dots per pillar: a pure function of a
DataFrame, as :mod:`dashboard.figures`.

Grouped bars give every country a bar in each pillar's group: the Arab states (22) drew 110
bars on a chart 1,900 px high, the African Union (55) 275 bars on 4,500 px. Above
:data:`~dashboard.figures.MANY_COUNTRIES` countries each pillar is a row instead: a dot per
country at its score, the watched countries larger and in their colours, the others grey and
named by their hover, and the median of the countries drawn marked on the row. The chart is as
high as five rows, whatever the count. Dots are never moved along the score axis: those too
close to tell apart are spread across their row (the watched at its centre line), in a fixed
order, so the same data always draws the same chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import GCI_PILLARS
from dashboard.figure_draft import FigureDraft
from dashboard.figures import (
    LEGEND_ITEM_ROW,
    NOTE_LINE,
    OTHER_COLOUR,
    OTHERS_GROUP,
    ROW_NAME_GAP,
    ROW_NAME_LINE,
    VALUE_ROOM,
    SeriesStyle,
    _add_note,
    _base_layout,
    highlighted_styles,
    named_rows,
    others_legend_entry,
    phone_legend_rows,
    pillar_score_text,
    row_names,
    rtl_lines,
    title_margin,
    wrapped,
)
from dashboard.i18n import arabic_indic, format_number, normalize_lang, t, tn

ROW_BODY = 56  # px of a pillar's row: room for a few dots across it
SPREAD = 0.3  # a dot's furthest distance from its row's centre line, in rows (within its body)
STEP = 0.08  # rows between dots spread across a row, when there is room (~6 px)
NEAR = 0.35  # points of score closer than this draw as one blot: they are spread across
FOCUS_SIZE = 13
OTHER_DOT_SIZE = 7
MEDIAN_COLOUR = "#333333"
TEXT_PLACES = ("top center", "bottom center")  # where the watched countries' scores are written


def spread_offsets(values: Iterable[float], first: Iterable[bool] = ()) -> list[float]:
    """Each value's distance from its row's centre line (in rows): 0 for a value alone, and
    for a run of values each within :data:`NEAR` of the next, 0, +d, -d, +2d... in the run's
    order, the ``first`` ones (the watched countries) taking the first places; ``d`` is
    :data:`STEP`, less when the run would pass :data:`SPREAD`."""
    values = [float(v) for v in values]
    first = list(first) or [False] * len(values)
    order = sorted(range(len(values)), key=lambda i: (values[i], not first[i], i))
    runs: list[list[int]] = []
    for i in order:
        if runs and values[i] - values[runs[-1][-1]] < NEAR:
            runs[-1].append(i)
        else:
            runs.append([i])
    offsets = [0.0] * len(values)
    for run in runs:
        run.sort(key=lambda i: (not first[i], values[i], i))
        step = min(STEP, SPREAD / max(1, (len(run)) // 2))
        for place, i in enumerate(run):
            side = 1 if place % 2 else -1
            offsets[i] = side * ((place + 1) // 2) * step
    return offsets


def _hover(pillar: str, value: float, lang: str) -> str:
    return pillar_score_text(pillar, format_number(value, lang, 2), lang)


def pillar_spread_figure(df: pd.DataFrame, lang: str, title: str,
                         styles: Mapping[str, SeriesStyle], focus: Iterable[str] = (),
                         note: str | None = None) -> go.Figure:
    """Dots of the GCI pillars (each out of 20) of the countries in ``df`` (rows of
    ``iso3``, ``country``, ``indicator_id``, ``value``), a row per pillar; ``styles`` gives
    the ``focus`` countries' colours and symbols, ``note`` (countries without pillar scores)
    is written over the rows."""
    focus = tuple(focus)
    order = list(GCI_PILLARS)
    labels = [t(GCI_PILLARS[p], lang) for p in order]
    rows = df.dropna(subset=["value"])
    rows = rows[rows["indicator_id"].isin(order)]
    codes = list(dict.fromkeys(rows["iso3"]))
    shown = highlighted_styles(codes, focus, styles)
    place = {p: i for i, p in enumerate(order)}
    rows = rows.assign(row=rows["indicator_id"].map(place),
                       watched=rows["iso3"].isin(focus))
    offsets = pd.Series(0.0, index=rows.index)
    for _, group in rows.groupby("row"):
        offsets[group.index] = spread_offsets(group["value"], group["watched"])
    rows = rows.assign(y=rows["row"] + offsets)
    fig = FigureDraft()
    others = rows[~rows["watched"]]
    if len(others):
        fig.add_trace(dict(
            type="scatter", mode="markers", x=others["value"].astype(float).tolist(),
            y=others["y"].tolist(),
            marker={"color": OTHER_COLOUR, "size": OTHER_DOT_SIZE,
                    "line": {"color": "#FFFFFF", "width": 0.5}},
            text=[_hover(labels[r], v, lang) for r, v in zip(others["row"], others["value"],
                                                              strict=True)],
            hovertext=others["country"].astype(str).tolist(),
            hovertemplate="%{text}<extra>%{hovertext}</extra>",
            legendgroup=OTHERS_GROUP, showlegend=False, name="others",
            meta={"countries": others["iso3"].tolist()},
        ))
    median = rows.groupby("row")["value"].median()
    counted = rows.groupby("row")["iso3"].nunique()
    count = int(counted.max()) if len(counted) else 0
    median_name = rtl_lines(tn("Median of the {n} country", "Median of the {n} countries",
                               count, lang, n=format_number(count, lang, 0)), lang)
    fig.add_trace(dict(
        type="scatter", mode="markers", x=median.astype(float).tolist(),
        y=median.index.astype(float).tolist(), name=median_name,
        marker={"symbol": "line-ns", "size": 30, "color": MEDIAN_COLOUR,
                "line": {"color": MEDIAN_COLOUR, "width": 2}},
        text=[_hover(labels[r], v, lang) for r, v in median.items()],
        hovertemplate="%{text}<extra>" + median_name + "</extra>", legendrank=1001,
        meta={"median": {order[r]: float(v) for r, v in median.items()},
              "counted": {order[r]: int(n) for r, n in counted.items()}},
    ))
    for rank, code in enumerate(shown, start=1):
        own = rows[rows["iso3"] == code]
        name = str(own["country"].iloc[0])
        # Each score written by its dot, the first country's over it, the second's under it,
        # so that a printed chart says them and two at the same score do not overwrite.
        fig.add_trace(dict(
            type="scatter", mode="markers+text", x=own["value"].astype(float).tolist(),
            y=own["y"].tolist(), name=name,
            marker={"color": shown[code].colour, "symbol": shown[code].symbol,
                    "size": FOCUS_SIZE, "line": {"color": "#FFFFFF", "width": 1}},
            text=[format_number(v, lang, 2) for v in own["value"]],
            textposition=TEXT_PLACES[(rank - 1) % len(TEXT_PLACES)],
            textfont={"size": 11, "color": shown[code].colour}, cliponaxis=False,
            hovertext=[_hover(labels[r], v, lang) for r, v in zip(own["row"], own["value"],
                                                                   strict=True)],
            hovertemplate="%{hovertext}<extra>" + name + "</extra>", meta={"iso3": code},
            legendrank=rank,
        ))
    if len(others):
        fig.add_trace(others_legend_entry(others["iso3"].nunique(), lang, "markers",
                                          rank=1000))
    return _laid_out(fig, lang, title, labels, note)


def _laid_out(fig: FigureDraft, lang: str, title: str, labels: list[str],
              note: str | None) -> go.Figure:
    """Rows of dots under their names, the score axis 0-20 (from the right in Arabic), the
    legend at the chart's foot, as the bars' chart is laid out."""
    rtl = normalize_lang(lang) == "ar"
    axis, tops, plot_height = named_rows(len(labels), ROW_BODY, ROW_NAME_LINE + ROW_NAME_GAP,
                                         pad=4)
    fig.update_xaxes(title=None, range=[VALUE_ROOM, -0.5] if rtl else [-0.5, VALUE_ROOM],
                     zeroline=False)
    if arabic_indic(lang):
        fig.update_xaxes(tickvals=[0, 5, 10, 15, 20],
                         ticktext=[format_number(v, lang, 0) for v in (0, 5, 10, 15, 20)])
    fig.update_yaxes(title=None, range=axis, autorange=False, side="right" if rtl else "left",
                     showgrid=False, zeroline=False)
    _base_layout(fig, lang, title)
    row_names(fig, labels, tops, lang)
    note_lines = _add_note(fig, note, lang) if note else 0
    top = title_margin(len(wrapped(title)), extra=NOTE_LINE * note_lines)
    legend_rows = phone_legend_rows(tr["name"] for tr in fig.data
                                    if tr.get("showlegend", True))
    fig.update_layout(margin={"t": top, "b": 30, "l": 16, "r": 16}, hovermode="closest",
                      legend={"yref": "container", "y": 0, "yanchor": "bottom",
                              "maxheight": 1},
                      height=top + plot_height + 30 + LEGEND_ITEM_ROW * legend_rows + 10)
    return fig.figure()
