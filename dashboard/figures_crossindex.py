"""The cross-index chart as a pure function of :func:`etl.crossindex.cross_index_frame`.

A dot plot: one row per index (GCI, NCSI, EGDI), the percentile of each country within the
chosen group on the x axis: the share of the other countries of the group it scores at or above
(100 = best of the group, ties included; 0 = below all the others; see
:func:`etl.crossindex.percentile_within`), one colour and marker symbol per country (Okabe-Ito,
readable in greyscale). Percentiles compare countries within one edition of one index only, so
the hover says which edition and on what basis (score or rank) each dot stands.

Ties are common (several Gulf countries share 100 on the GCI): as in the Compare charts, no dot
is moved off its value; dots that would overlap nest (:func:`dashboard.figures.nested_sizes`),
the focus countries drawn last as larger open rings, and each dot's hover names every country
it overlaps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import (
    SeriesStyle,
    _base_layout,
    _with_styles,
    draw_order,
    empty_figure,
    label_room,
    near_groups,
    nested_sizes,
    rtl_lines,
    wrapped,
)
from dashboard.i18n import (
    N_,
    arabic_indic,
    format_number,
    normalize_lang,
    t,
    tn,
)

INDEX_KEYS = ("gci", "ncsi", "egdi")
LABEL_WIDTH = 18  # characters a line of an index's name on the axis
AXIS_TITLE_WIDTH = 26  # characters a line of the axis title (a phone's plot is ~160 px wide)
# Percentile points under which two dots of an index overlap: a 390 px phone gives the 0-100
# axis 130-150 px, so 10 points are 13-15 px, a dot's size.
NEAR_PERCENTILE = 10
DOT_SIZE = 12  # px, a lone dot: the dots are the whole chart (the trend's 9 px are beside lines)
# What the number is, in the words of etl.crossindex.percentile_within.
PERCENTILE_TICKS = range(0, 101, 20)
AXIS_TITLE = N_("Percentile: share of the other selected countries it scores at or above "
                "(100 = best, 0 = below all)")


class _Dots(NamedTuple):
    """One country's dots: its name, and per index drawn its key, x, y and hover text."""

    name: str
    keys: list[str]
    xs: list[float]
    ys: list[str]
    texts: list[str]


def _add_dot_traces(fig: go.Figure, dots: Mapping[str, _Dots],
                    styles: Mapping[str, SeriesStyle], focus: tuple[str, ...]) -> None:
    """A trace per country, the focus countries last; dots of an index within
    :data:`NEAR_PERCENTILE` nest (sizes from :func:`dashboard.figures.nested_sizes`) and the
    hover of each adds the texts of the others it overlaps."""
    order = draw_order(dots, focus)
    sizes: dict[tuple[str, str], float] = {}
    overlapping: dict[tuple[str, str], list[str]] = {}
    for key in INDEX_KEYS:
        points = [(code, x) for code, d in dots.items() for k, x in zip(d.keys, d.xs,
                                                                        strict=True) if k == key]
        for group in near_groups(points, NEAR_PERCENTILE):
            sizes.update({(code, key): size
                          for code, size in nested_sizes(group, order, focus,
                                                         plain=DOT_SIZE).items()})
            for code in group:  # the others in the frame's order
                overlapping[(code, key)] = [c for c in dots if c in group and c != code]
    position = {code: i for i, code in enumerate(dots)}
    text_of = {(code, k): text for code, d in dots.items()
               for k, text in zip(d.keys, d.texts, strict=True)}
    for code in order:
        d, (colour, symbol), ring = dots[code], styles[code], code in focus
        fig.add_trace(go.Scatter(
            x=d.xs, y=d.ys, mode="markers", name=d.name,
            marker={"color": colour, "symbol": f"{symbol}-open" if ring else symbol,
                    "size": [sizes[(code, k)] for k in d.keys],
                    "line": {"color": colour, "width": 2.5} if ring
                    else {"color": "white", "width": 1.5}},
            text=["<br>".join([text, *(text_of[(c, k)] for c in overlapping[(code, k)])])
                  for k, text in zip(d.keys, d.texts, strict=True)],
            hovertemplate="%{text}<extra></extra>",
            # A dot at 0 or 100 is drawn whole over the axis's edge (a ring at 100 was cut).
            cliponaxis=False,
            legendrank=1000 + position[code],
            meta={"iso3": code, "focus": ring},
        ))


def basis_text(basis: object, lang: str) -> str:
    """What a percentile was computed on, in words."""
    if basis == "score":
        return t("on the score", lang)
    if basis == "rank":
        return t("on the rank (no score published)", lang)
    return ""


def basis_short(basis: object, lang: str) -> str:
    """The basis of a percentile in a table cell: "by score" or "by rank"."""
    if basis == "score":
        return t("by score", lang)
    if basis == "rank":
        return t("by rank", lang)
    return ""


def percentile_dots_figure(frame: pd.DataFrame, index_labels: dict[str, str], lang: str,
                           styles: Mapping[str, SeriesStyle] | None = None,
                           focus: Iterable[str] = ()) -> go.Figure:
    """Percentile within the group per index, one trace per country; the legend keeps the
    frame's order.

    ``styles`` (from :func:`dashboard.figures.country_styles`) gives each country its colour
    and symbol (else the frame's order does). The ``focus`` countries are drawn last, on top,
    as open rings; dots within :data:`NEAR_PERCENTILE` of each other on an index nest, none is
    moved, and the hover of each lists the countries it overlaps."""
    title = t("Percentile within the selected countries, by index", lang)
    columns = [f"{k}_percentile" for k in INDEX_KEYS]
    if frame.empty or frame.reindex(columns=columns).isna().all().all():
        return empty_figure(lang, title)
    labels = [index_labels[k] for k in INDEX_KEYS]
    # Index names on the axis in short lines, so the names' margin leaves a phone-width chart
    # room for its dots (one line each took 262 of 342 px); the hover keeps them whole.
    rows_of = {label: "<br>".join(wrapped(label, LABEL_WIDTH)) for label in labels}
    fig = go.Figure()
    dots: dict[str, _Dots] = {}
    for _, row in frame.iterrows():
        keys, xs, ys, texts = [], [], [], []
        for key, label in zip(INDEX_KEYS, labels, strict=True):
            value = row.get(f"{key}_percentile")
            if value is None or pd.isna(value):
                continue
            keys.append(key)
            xs.append(float(value))
            ys.append(rows_of[label])
            texts.append("<br>".join([
                f"<b>{row['country']}</b>",
                t("{index} {edition}: percentile {percentile}", lang, index=label,
                  edition=int(row[f"{key}_edition"]),  # t() writes it in the chosen digits
                  percentile=format_number(value, lang, 0)),
                tn("among {n} country, {basis}", "among {n} countries, {basis}",
                   row[f"{key}_group_n"], lang,
                   n=format_number(row[f"{key}_group_n"], lang, 0),
                   basis=basis_text(row[f"{key}_basis"], lang)),
            ]))
        if not xs:
            continue
        dots[str(row["iso3"])] = _Dots(str(row["country"]), keys, xs, ys, texts)
    _add_dot_traces(fig, dots, _with_styles(frame["iso3"].astype(str), styles), tuple(focus))
    rtl = normalize_lang(lang) == "ar"
    axis_title = wrapped(t(AXIS_TITLE, lang), AXIS_TITLE_WIDTH)  # its 100 and 0 in the digits
    axis_lines = len(axis_title)
    fig.update_xaxes(title=rtl_lines("<br>".join(axis_title), lang),
                     range=[105, -5] if rtl else [-5, 105], zeroline=False)
    if arabic_indic(lang):  # plotly draws ticks in 0-9: give it the chosen digits
        fig.update_xaxes(tickvals=list(PERCENTILE_TICKS),
                         ticktext=[format_number(v, lang, 0) for v in PERCENTILE_TICKS])
    # The index names stand a little off the plot: a dot at 0, drawn whole, came within 1 px
    # of them on a phone.
    fig.update_yaxes(title=None, categoryorder="array",
                     categoryarray=[rows_of[label] for label in labels[::-1]],
                     side="right" if rtl else "left", automargin=True, ticklabelstandoff=6)
    # Taller than the dots need: on a phone the legend's rows of names and the axis title's
    # lines sit under the plot, and the height is the same for every screen.
    # A row per index is as tall as its name's lines (the Arabic names' six lines overlapped).
    label_lines = max(len(row.split("<br>")) for row in rows_of.values())
    fig.update_layout(height=440 + 18 * ((len(frame) + 3) // 4) + 16 * axis_lines
                      + len(labels) * 15 * max(0, label_lines - 2))
    _base_layout(fig, lang, title)
    # Room for the longest index name (full names in Arabic); the legend below the axis title.
    label_room(fig, rtl, width=40 + 7 * max(len(line) for label in rows_of.values()
                                            for line in label.split("<br>")))
    # The legend at the chart's foot (not a share of the plot's height, which a phone's rows
    # of names made overlap the axis title), the bottom margin holding the title's lines.
    # Legend symbols of one size: a country's first dot may be nested larger or smaller.
    fig.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom",
                              "itemsizing": "constant"},
                      margin={"b": 60 + 16 * axis_lines})
    return fig
