"""Charts as pure functions of DataFrames: no Dash, no I/O, every visible string through i18n.

Series follow the GCI methodology: scores published on 0-1 (2014-2018) are shown rescaled to
0-100 and the axis says so; the 2024 edition (tiers, no ranks) is a break that no line crosses.
Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), and each
country also gets its own marker symbol so the chart still reads in greyscale.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import BREAK_EDITION, GCI_EDITIONS, GCI_PILLARS, rescale_to_100, tier_msgid
from dashboard.i18n import (
    arabic_indic,
    format_number,
    localize_digits,
    normalize_lang,
    plotly_separators,
    t,
)

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
             "#F0E442")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon")
EDITION_COLOURS = {2020: "#56B4E9", 2024: "#0072B2"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif"


def _plot_template() -> go.layout.Template:
    """plotly_white for the traces these charts draw (scatter, bar): the same look at a tenth
    of the cost. Plotly validates and copies a figure's template each time; plotly_white also
    carries colour scales, maps and 3-D scenes (~80 ms per figure, ~10 ms for this one)."""
    import plotly.io as pio

    white = pio.templates["plotly_white"]
    keep = ("annotationdefaults", "autotypenumbers", "colorway", "font", "hoverlabel",
            "hovermode", "paper_bgcolor", "plot_bgcolor", "shapedefaults", "title", "xaxis",
            "yaxis")
    layout = {k: v for k, v in white.layout.to_plotly_json().items() if k in keep}
    return go.layout.Template(layout=layout,
                              data={"scatter": white.data.scatter, "bar": white.data.bar})


PLOT_TEMPLATE = _plot_template()


def colour_of(position: int) -> str:
    """The palette colour of the n-th series (cycling)."""
    return OKABE_ITO[position % len(OKABE_ITO)]


def base_layout(lang: str, title: str) -> dict:
    """What every chart's layout shares, as a plain dict (plotly validates it when a figure
    takes it): the title, legend and margins, on the right in Arabic."""
    rtl = normalize_lang(lang) == "ar"
    return {
        # Arabic reads from the right: title and legend start there.
        "title": {"text": title, "x": 1.0 if rtl else 0.0, "xanchor": "right" if rtl else "left"},
        "font": {"family": FONT, "size": 13},
        "separators": plotly_separators(lang),
        "margin": {"l": 60, "r": 20, "t": 60, "b": 60},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15,
                   **({"x": 1, "xanchor": "right"} if rtl else {"x": 0})},
        "hoverlabel": {"font": {"family": FONT}},
    }


def _base_layout(fig: go.Figure, lang: str, title: str) -> go.Figure:
    fig.update_layout(template=PLOT_TEMPLATE, **base_layout(lang, title))
    return fig


def empty_figure(lang: str, title: str = "") -> go.Figure:
    """A blank chart that says there is nothing to show."""
    fig = go.Figure()
    fig.add_annotation(text=t("No data for this selection.", lang), showarrow=False,
                       xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base_layout(fig, lang, title)


def _rank_or_tier(row: pd.Series, lang: str) -> str:
    label = tier_msgid(row.get("tier"))
    if label:
        return t("Tier {tier}: {label}", lang, tier=int(row["tier"]), label=t(label, lang))
    rank = row.get("rank")
    if rank is not None and not pd.isna(rank):
        return t("Rank {rank}", lang, rank=format_number(rank, lang, 0))
    return ""


def _trend_hover(row: pd.Series, lang: str) -> str:
    lines = [
        f"<b>{row['country']}</b>",
        t("GCI {edition}: {score} on 0-100", lang, edition=int(row["edition"]),
          score=format_number(row["score_100"], lang)),
    ]
    if str(row["scale"]) == "0-1":
        lines.append(t("published as {value} on 0-1", lang, value=format_number(row["value"], lang)))
    extra = _rank_or_tier(row, lang)
    if extra:
        lines.append(extra)
    return "<br>".join(lines)


def _join_trace(rows: pd.DataFrame, iso3: str, name: str, colour: str, lang: str,
                show_legend: bool) -> go.Scatter | None:
    """The dotted segment from a country's last edition before the break to its first after,
    marked (legend, hover) as not comparable; None when one side is missing."""
    before, after = rows[rows["edition"] < BREAK_EDITION], rows[rows["edition"] >= BREAK_EDITION]
    if before.empty or after.empty:
        return None
    ends = pd.concat([before.tail(1), after.head(1)])
    marked = t("joined across the methodology break: not comparable", lang)
    return go.Scatter(
        x=ends["edition"].astype(int).tolist(),
        y=ends["score_100"].astype(float).tolist(),
        mode="lines",
        name=marked,
        legendgroup="across_break",
        showlegend=show_legend,
        line={"color": colour, "width": 1.5, "dash": "dot"},
        text=[f"<b>{name}</b><br>{marked}"] * 2,
        hovertemplate="%{text}<extra></extra>",
        meta={"iso3": iso3, "segment": "across_break"},
    )


def gci_trend_figure(df: pd.DataFrame, lang: str, join_break: bool = False) -> go.Figure:
    """GCI overall by edition, rescaled to 0-100, one line per country, not joined across 2024.

    Editions before the break are one connected segment; 2024 is drawn as separate markers of
    the same colour, and a dashed line with a note marks the break. With ``join_break`` each
    country's last edition before the break and its first after are also joined, by a separate
    dotted segment whose legend entry and hover say it crosses the break (not comparable).
    """
    title = t("GCI overall score by edition", lang)
    if df.empty:
        return empty_figure(lang, title)
    frame = df if "score_100" in df else rescale_to_100(df)
    frame = frame.sort_values(["edition"], kind="stable")  # keep the caller's country order
    fig = go.Figure()
    for position, (iso3, rows) in enumerate(frame.groupby("iso3", sort=False)):
        colour, symbol = colour_of(position), SYMBOLS[position % len(SYMBOLS)]
        name = str(rows["country"].iloc[0])
        for segment, after_break in ((rows[rows["edition"] < BREAK_EDITION], False),
                                     (rows[rows["edition"] >= BREAK_EDITION], True)):
            if segment.empty:
                continue
            fig.add_trace(go.Scatter(
                x=segment["edition"].astype(int).tolist(),
                y=segment["score_100"].astype(float).tolist(),
                mode="markers" if after_break else "lines+markers",
                name=name,
                legendgroup=iso3,
                showlegend=bool(not after_break or (rows["edition"] < BREAK_EDITION).sum() == 0),
                line={"color": colour, "width": 2.5},
                marker={"color": colour, "symbol": symbol, "size": 11 if after_break else 8,
                        "line": {"color": "white", "width": 1}},
                text=[_trend_hover(r, lang) for _, r in segment.iterrows()],
                hovertemplate="%{text}<extra></extra>",
                meta={"iso3": iso3, "segment": "after_break" if after_break else "before_break"},
            ))
        if join_break:
            joined = _join_trace(rows, iso3, name, colour, lang,
                                 show_legend=not any(tr.meta and tr.meta.get("segment")
                                                     == "across_break" for tr in fig.data))
            if joined is not None:
                fig.add_trace(joined)
    boundary = (max(e for e in GCI_EDITIONS if e < BREAK_EDITION) + BREAK_EDITION) / 2
    fig.add_vline(x=boundary, line={"dash": "dash", "color": "#555", "width": 1.5})
    fig.add_annotation(x=boundary, y=1.0, xref="x", yref="paper", yanchor="bottom",
                       text=t("2024: tiers, no ranks — methodology break", lang),
                       showarrow=False, font={"size": 12, "color": "#333"},
                       bgcolor="rgba(255,255,255,0.85)")
    fig.update_xaxes(title=t("Edition", lang), tickmode="array", tickvals=list(GCI_EDITIONS),
                     range=[GCI_EDITIONS[0] - 0.7, BREAK_EDITION + 0.7], showgrid=False)
    fig.update_yaxes(title={"text": t("Score<br>(rescaled to 0-100; 2014-2018 published on 0-1)",
                                      lang), "font": {"size": 12}},
                     range=[0, 105])
    if arabic_indic(lang):  # plotly draws ticks in 0-9: give it the chosen digits
        fig.update_xaxes(ticktext=[localize_digits(str(e), lang) for e in GCI_EDITIONS])
        fig.update_yaxes(tickvals=list(range(0, 101, 20)),
                         ticktext=[format_number(v, lang, 0) for v in range(0, 101, 20)])
    fig.update_layout(height=460)
    return _base_layout(fig, lang, title)


def pillars_figure(df: pd.DataFrame, lang: str, series: str = "edition",
                   title: str | None = None) -> go.Figure:
    """Grouped bars of the five GCI pillars (each out of 20), one bar series per edition or
    per country (``series`` is ``"edition"`` or ``"country"``)."""
    title = title or t("GCI pillars (each out of 20)", lang)
    if df.empty:
        return empty_figure(lang, title)
    order = list(GCI_PILLARS)
    labels = [t(GCI_PILLARS[p], lang) for p in order]
    fig = go.Figure()
    key = "edition" if series == "edition" else "iso3"
    groups = sorted(df.groupby(key, sort=False), key=lambda kv: kv[0]) if key == "edition" \
        else list(df.groupby(key, sort=False))
    for position, (value, rows) in enumerate(groups):
        by_pillar = rows.set_index("indicator_id")["value"].reindex(order)
        if key == "edition":
            name = t("GCI {edition}", lang, edition=int(value))
            colour = EDITION_COLOURS.get(int(value), colour_of(position))
        else:
            name, colour = str(rows["country"].iloc[0]), colour_of(position)
        fig.add_trace(go.Bar(
            y=labels, x=by_pillar.astype(float).tolist(), name=name, marker_color=colour,
            orientation="h",
            text=[format_number(v, lang, 2) for v in by_pillar], textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text} / " + format_number(20, lang, 0) + "<extra>" + name
            + "</extra>",
        ))
    rtl = normalize_lang(lang) == "ar"
    # Horizontal bars: long pillar names (and their translations) stay readable; in Arabic
    # the bars grow from the right, as the text does.
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05,
                      height=160 + len(order) * max(2, len(groups)) * 14)
    # The axis needs no title: the chart title says "each out of 20", and a title here would
    # sit under the legend.
    fig.update_xaxes(title=None, range=[22.5, 0] if rtl else [0, 22.5])
    if arabic_indic(lang):  # plotly draws ticks in 0-9: give it the chosen digits
        fig.update_xaxes(tickvals=[0, 5, 10, 15, 20],
                         ticktext=[format_number(v, lang, 0) for v in (0, 5, 10, 15, 20)])
    fig.update_yaxes(title=None, autorange="reversed", side="right" if rtl else "left",
                     automargin=True)
    _base_layout(fig, lang, title)
    label_room(fig, rtl)
    fig.update_layout(margin={"t": 60, "b": 50})
    return fig


def label_room(fig: go.Figure, rtl: bool, width: int = 170) -> None:
    """Room for a chart's category labels on the side they are written (right in Arabic):
    plotly's automargin under-measures Arabic text, which was cut at the edge."""
    fig.update_layout(margin={"r": width, "l": 20} if rtl else {"l": width, "r": 40})
