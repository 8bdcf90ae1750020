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

from dashboard.figures import SYMBOLS, _base_layout, colour_of, empty_figure, label_room
from dashboard.i18n import N_, format_number, normalize_lang, t

INDEX_KEYS = ("gci", "ncsi", "egdi")
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
    fig = go.Figure()
    for position, (_, row) in enumerate(frame.iterrows()):
        xs, ys, texts = [], [], []
        for key, label in zip(INDEX_KEYS, labels, strict=True):
            value = row.get(f"{key}_percentile")
            if value is None or pd.isna(value):
                continue
            xs.append(float(value))
            ys.append(label)
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
    fig.update_xaxes(title=t(AXIS_TITLE, lang),
                     range=[105, -5] if rtl else [-5, 105], zeroline=False)
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=labels[::-1],
                     side="right" if rtl else "left", automargin=True)
    fig.update_layout(height=320 + 18 * ((len(frame) + 3) // 4))
    _base_layout(fig, lang, title)
    # Room for the longest index name (full names in Arabic); the legend below the axis title.
    label_room(fig, rtl, width=min(520, 40 + 6 * max(len(label) for label in labels)))
    fig.update_layout(legend={"y": -0.3}, margin={"b": 110})
    return fig
