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

from dashboard.figure_draft import FigureDraft
from dashboard.figures import (
    LEGEND_ITEM_ROW,
    OTHER_COLOUR,
    OTHERS_GROUP,
    ROW_NAME_GAP,
    ROW_NAME_LINE,
    SeriesStyle,
    _base_layout,
    _with_styles,
    draw_order,
    empty_figure,
    highlighted_styles,
    is_crowded,
    named_rows,
    near_groups,
    nested_sizes,
    others_legend_entry,
    phone_legend_rows,
    row_names,
    rtl_lines,
    wrapped,
)
from dashboard.i18n import (
    N_,
    arabic_indic,
    format_names,
    format_number,
    normalize_lang,
    t,
    tn,
)

INDEX_KEYS = ("gci", "ncsi", "egdi")
# Characters a line of an index's name over its row: the row spans the plot, 310 px on a
# 390 px phone (the Arabic names' longest line, 30 characters at 13 px, measured 174 px).
LABEL_WIDTH = 36
AXIS_TITLE_WIDTH = 34  # characters a line of the axis title (as the chart title's)
# Percentile points under which two dots of an index overlap: with the index names over the
# rows, a 390 px phone gives the -5 to 105 axis 310 px (2.8 px a point), and two focus rings
# (14 px and 2.5 px of line) meet under 6 points apart. (Beside the names' margin the axis had
# 130-150 px, and 10 points.)
NEAR_PERCENTILE = 6
DOT_SIZE = 12  # px, a lone dot: the dots are the whole chart (the trend's 9 px are beside lines)
TIES_WIDTH = 48  # characters a line of the hover's list of countries at the same percentile
OTHER_DOT_SIZE = 8  # px, a grey country's dot in a crowded chart (its hover names it)
# px a row of dots takes: two focus rings round a nest of peers reach 30 px, and 2.5 px of
# line (see dashboard.figures.nested_sizes).
DOT_ROOM = 38
AXIS_LINE = 20  # px a line of the percentile axis's title (16 px text)
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


def _add_dot_traces(fig: FigureDraft, dots: Mapping[str, _Dots],
                    styles: Mapping[str, SeriesStyle], focus: tuple[str, ...],
                    lang: str = "en") -> None:
    """A trace per country, the focus countries last; dots of an index within
    :data:`NEAR_PERCENTILE` nest (sizes from :func:`dashboard.figures.nested_sizes`) and the
    hover of each adds the texts of the others it overlaps.

    More than :data:`dashboard.figures.MANY_COUNTRIES` countries: only the focus countries
    keep a colour (and nest); the others are small light-grey dots, each named by its own
    hover, under one legend entry."""
    order = draw_order(dots, focus)
    crowded = is_crowded(dots)
    if crowded:
        styles = {**styles, **highlighted_styles(dots, focus, styles)}
    sizes: dict[tuple[str, str], float] = {}
    overlapping: dict[tuple[str, str], list[str]] = {}
    for key in INDEX_KEYS:
        points = [(code, x) for code, d in dots.items() for k, x in zip(d.keys, d.xs,
                                                                        strict=True)
                  if k == key and (not crowded or code in focus)]
        for group in near_groups(points, NEAR_PERCENTILE):
            sizes.update({(code, key): size
                          for code, size in nested_sizes(group, order, focus,
                                                         plain=DOT_SIZE).items()})
            for code in group:  # the others in the frame's order
                overlapping[(code, key)] = [c for c in dots if c in group and c != code]
    ties = _ties(dots, lang) if crowded else {}
    position = {code: i for i, code in enumerate(dots)}
    text_of = {(code, k): text for code, d in dots.items()
               for k, text in zip(d.keys, d.texts, strict=True)}
    for code in order:
        grey = crowded and code not in focus
        d, ring = dots[code], code in focus
        colour, symbol = (OTHER_COLOUR, "circle") if grey else styles[code]
        fig.add_trace(dict(
            type="scatter",
            x=d.xs, y=d.ys, mode="markers", name=d.name,
            legendgroup=OTHERS_GROUP if grey else code, showlegend=not grey,
            marker={"color": colour, "symbol": f"{symbol}-open" if ring else symbol,
                    "size": [OTHER_DOT_SIZE if grey else sizes[(code, k)] for k in d.keys],
                    "line": {"color": colour, "width": 2.5} if ring
                    else {"color": "white", "width": 1 if grey else 1.5}},
            text=["<br>".join([text, *(text_of[(c, k)] for c in overlapping.get((code, k), ())),
                               *ties.get((code, k), ())])
                  for k, text in zip(d.keys, d.texts, strict=True)],
            hovertemplate="%{text}<extra></extra>",
            # A dot at 0 or 100 is drawn whole over the axis's edge (a ring at 100 was cut).
            cliponaxis=False,
            legendrank=1000 + position[code],
            meta={"iso3": code, "focus": ring},
        ))
    others = sum(1 for code in dots if code not in focus) if crowded else 0
    if others:
        fig.add_trace(others_legend_entry(others, lang, "markers", rank=1000 + len(dots)))


def _ties(dots: Mapping[str, _Dots], lang: str) -> dict[tuple[str, str], list[str]]:
    """In a crowded chart, per (country, index) the hover lines naming the other countries at
    the very same percentile (their dots are drawn one on another: only the top one's hover
    can be reached)."""
    at: dict[tuple[str, float], list[str]] = {}
    for code, d in dots.items():
        for key, x in zip(d.keys, d.xs, strict=True):
            at.setdefault((key, x), []).append(code)
    out: dict[tuple[str, str], list[str]] = {}
    for (key, _), codes in at.items():
        for code in codes:
            others = [dots[c].name for c in codes if c != code]
            if others:
                said = t("Same percentile: {countries}", lang,
                         countries=format_names(others, lang))
                out[(code, key)] = [rtl_lines("<br>".join(wrapped(said, TIES_WIDTH)), lang)]
    return out


def even_lines(text: str, width: int) -> list[str]:
    """``text`` in as few lines of at most ``width`` characters as
    :func:`dashboard.figures.wrapped` makes, evened out: the narrowest width giving that many.
    At a fixed width one word was left alone on a line ("above" in English, "عليها" in Arabic,
    "tous)" in French at 34 characters)."""
    lines = wrapped(text, width)
    for narrower in range(width - 1, 0, -1):
        trial = wrapped(text, narrower)
        if len(trial) > len(lines):
            break
        lines = trial
    return lines


def basis_text(basis: object, lang: str) -> str:
    """What a percentile was computed on, in words."""
    if basis == "score":
        return t("on the score", lang)
    if basis == "rank":
        return t("on the rank (no score published)", lang)
    if basis == "tier":
        return t("on the tier (ITU publishes tiers, not ranks)", lang)
    return ""


def basis_short(basis: object, lang: str) -> str:
    """The basis of a percentile in a table cell: "by score", "by rank" or "by tier"."""
    if basis == "score":
        return t("by score", lang)
    if basis == "rank":
        return t("by rank", lang)
    if basis == "tier":
        return t("by tier", lang)
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
    # Each index's name over its row of dots, in lines that fit a phone-width plot (beside the
    # plot, the names took 116 of a 342 px chart in Arabic); the rows keep the whole name.
    names = ["<br>".join(even_lines(label, LABEL_WIDTH)) for label in labels]
    fig = FigureDraft()
    dots: dict[str, _Dots] = {}
    for row in frame.to_dict("records"):
        keys, xs, ys, texts = [], [], [], []
        for key, label in zip(INDEX_KEYS, labels, strict=True):
            value = row.get(f"{key}_percentile")
            if value is None or pd.isna(value):
                continue
            keys.append(key)
            xs.append(float(value))
            ys.append(label)
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
    focus = tuple(focus)
    _add_dot_traces(fig, dots, _with_styles(frame["iso3"].astype(str), styles, focus), focus,
                    lang)
    rtl = normalize_lang(lang) == "ar"
    axis_title = even_lines(t(AXIS_TITLE, lang), AXIS_TITLE_WIDTH)  # 100 and 0 in the digits
    axis_lines = len(axis_title)
    fig.update_xaxes(title=rtl_lines("<br>".join(axis_title), lang),
                     range=[105, -5] if rtl else [-5, 105], zeroline=False)
    if arabic_indic(lang):  # plotly draws ticks in 0-9: give it the chosen digits
        fig.update_xaxes(tickvals=list(PERCENTILE_TICKS),
                         ticktext=[format_number(v, lang, 0) for v in PERCENTILE_TICKS])
    axis, tops, plot_height = _row_geometry([len(name.split("<br>")) for name in names])
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=labels,
                     range=axis, autorange=False, side="right" if rtl else "left")
    _base_layout(fig, lang, title)
    row_names(fig, names, tops, lang)
    # The legend at the chart's foot, under the axis title (plotly adds its rows to the
    # bottom margin). The height keeps the rows' room with the legend in a phone's rows (one a
    # country there); a wide screen's one row leaves its plot the taller.
    # Legend symbols of one size: a country's first dot may be nested larger or smaller. The
    # legend may take the chart's height (plotly's half made a phone scroll 21 names in 425 px).
    top, bottom = fig.layout["margin"]["t"], 36 + AXIS_LINE * axis_lines
    legend = LEGEND_ITEM_ROW * phone_legend_rows(tr["name"] for tr in fig.data
                                                 if tr.get("showlegend", True))
    fig.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom",
                              "itemsizing": "constant", "maxheight": 1},
                      margin={"b": bottom, "l": 16, "r": 16},
                      height=top + plot_height + bottom + legend + 10)
    return fig.figure()


def _row_geometry(name_lines: list[int]) -> tuple[list[float], list[float], int]:
    """The category axis's range (first index at the top), the top edge of each row's dots
    (where its name sits) and the plot height in px giving every row :data:`DOT_ROOM` and
    its name's lines (the longest name's, so the rows stay evenly spaced)."""
    return named_rows(len(name_lines), DOT_ROOM,
                      max(name_lines) * ROW_NAME_LINE + ROW_NAME_GAP)
