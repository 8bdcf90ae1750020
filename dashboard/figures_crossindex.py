"""The cross-index chart as a pure function of :func:`etl.crossindex.cross_index_frame`.

A dot plot: one row per index (GCI, NCSI, EGDI), the percentile of each country within the
chosen group on the x axis: the share of the other countries of the group it scores at or above
(100 = best of the group, ties included; 0 = below all the others; see
:func:`etl.crossindex.percentile_within`), one colour and marker symbol per country (Okabe-Ito,
readable in greyscale). Percentiles compare countries within one edition of one index only, so
the hover says which edition and on what basis (score or rank) each dot stands.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import (
    SYMBOLS,
    _base_layout,
    colour_of,
    empty_figure,
    label_room,
    rtl_lines,
    wrapped,
)
from dashboard.i18n import N_, format_number, normalize_lang, t

INDEX_KEYS = ("gci", "ncsi", "egdi")
LABEL_WIDTH = 18  # characters a line of an index's name on the axis
AXIS_TITLE_WIDTH = 26  # characters a line of the axis title (a phone's plot is ~160 px wide)
# What the number is, in the words of etl.crossindex.percentile_within.
AXIS_TITLE = N_("Percentile: share of the other selected countries it scores at or above "
                "(100 = best, 0 = below all)")


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


def percentile_dots_figure(frame: pd.DataFrame, index_labels: dict[str, str],
                           lang: str) -> go.Figure:
    """Percentile within the group per index, one trace per country (in the frame's order)."""
    title = t("Percentile within the selected countries, by index", lang)
    columns = [f"{k}_percentile" for k in INDEX_KEYS]
    if frame.empty or frame.reindex(columns=columns).isna().all().all():
        return empty_figure(lang, title)
    labels = [index_labels[k] for k in INDEX_KEYS]
    # Index names on the axis in short lines, so the names' margin leaves a phone-width chart
    # room for its dots (one line each took 262 of 342 px); the hover keeps them whole.
    rows_of = {label: "<br>".join(wrapped(label, LABEL_WIDTH)) for label in labels}
    fig = go.Figure()
    for position, (_, row) in enumerate(frame.iterrows()):
        xs, ys, texts = [], [], []
        for key, label in zip(INDEX_KEYS, labels, strict=True):
            value = row.get(f"{key}_percentile")
            if value is None or pd.isna(value):
                continue
            xs.append(float(value))
            ys.append(rows_of[label])
            texts.append("<br>".join([
                f"<b>{row['country']}</b>",
                t("{index} {edition}: percentile {percentile}", lang, index=label,
                  edition=int(row[f"{key}_edition"]),
                  percentile=format_number(value, lang, 0)),
                t("among {n} countries, {basis}", lang,
                  n=format_number(row[f"{key}_group_n"], lang, 0),
                  basis=basis_text(row[f"{key}_basis"], lang)),
            ]))
        if not xs:
            continue
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", name=str(row["country"]),
            marker={"color": colour_of(position), "symbol": SYMBOLS[position % len(SYMBOLS)],
                    "size": 14, "line": {"color": "white", "width": 1}, "opacity": 0.9},
            text=texts, hovertemplate="%{text}<extra></extra>",
            meta={"iso3": row["iso3"]},
        ))
    rtl = normalize_lang(lang) == "ar"
    axis_title = wrapped(t(AXIS_TITLE, lang), AXIS_TITLE_WIDTH)
    axis_lines = len(axis_title)
    fig.update_xaxes(title=rtl_lines("<br>".join(axis_title), lang),
                     range=[105, -5] if rtl else [-5, 105], zeroline=False)
    fig.update_yaxes(title=None, categoryorder="array",
                     categoryarray=[rows_of[label] for label in labels[::-1]],
                     side="right" if rtl else "left", automargin=True)
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
    fig.update_layout(legend={"yref": "container", "y": 0, "yanchor": "bottom"},
                      margin={"b": 60 + 16 * axis_lines})
    return fig
