"""News charts as pure functions of DataFrames (no Dash, no I/O); strings through i18n.

The mention volume comes from :func:`etl.store.mention_volume_frame`: per country, period and
source (``articles`` = stored articles naming the country; ``gdelt_doc`` = GDELT's timeline) a
count, and where the source gives it the number of articles monitored and the share.
"""

from __future__ import annotations

import pandas as pd

from dashboard.figures import PLOT_TEMPLATE, SYMBOLS, base_layout, colour_of
from dashboard.i18n import N_, format_day, format_number, normalize_lang, t

SOURCE_LABELS = {"articles": N_("stored articles"), "gdelt_doc": N_("GDELT")}
MEASURES = ("count", "share")
PLOT_TEMPLATE_JSON = PLOT_TEMPLATE.to_plotly_json()  # validated once, at import


def volume_series(volume: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The rows a chart of ``measure`` draws: every row for counts, rows with a share else."""
    if measure == "share":
        return volume[volume["share"].notna()]
    return volume


def _series(rows: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(country, source, its rows in period order) for each series, countries and sources in
    order: one sort, then the runs of equal keys (no groupby per request)."""
    ordered = rows.sort_values(["iso3", "source_id", "period"])
    keys = list(zip(ordered["iso3"].tolist(), ordered["source_id"].tolist(), strict=True))
    series, start = [], 0
    for end in range(1, len(keys) + 1):
        if end == len(keys) or keys[end] != keys[start]:
            series.append((*keys[start], ordered.iloc[start:end]))
            start = end
    return series


STEPS = {"day": pd.DateOffset(days=1), "week": pd.DateOffset(weeks=1),
         "month": pd.DateOffset(months=1)}


def broken_at_gaps(periods: list, values: list, freq: str) -> tuple[list, list]:
    """The points, with an empty point (value None) at the first period missing between two
    stored ones, so the line stops there instead of drawing across periods with no row."""
    step = STEPS.get(freq, STEPS["week"])
    xs: list = []
    ys: list = []
    for period, value in zip(periods, values, strict=True):
        if xs and period > xs[-1] + step:
            gap = xs[-1] + step
            xs.append(gap)
            ys.append(None)
        xs.append(period)
        ys.append(value)
    return xs, ys


def mention_volume_figure(volume: pd.DataFrame, names: dict[str, str], lang: str,
                          measure: str = "count", freq: str = "week",
                          empty_message: str | None = None) -> dict:
    """One line per country and source: articles naming it per period, or their share of the
    articles the source monitored (GDELT only). With nothing to draw: a message alone, no
    axes (as :func:`dashboard.figures.empty_figure`): ``empty_message`` when the caller knows
    why (no article collected at all, as the article list says), else this chart's own.

    The figure as the plain dict dcc.Graph takes: plotly's ``go.Figure`` would validate it on
    every request (~5 ms, half of it the template); the tests build ``go.Figure`` from it, which
    refuses any property plotly does not know.
    """
    lang = normalize_lang(lang)
    rows = volume_series(volume, measure)
    traces = []
    for position, (iso3, source_id, group) in enumerate(_series(rows) if len(rows) else []):
        y = group["share"] * 100 if measure == "share" else group["count"]
        x, y = broken_at_gaps(group["period"].tolist(), y.tolist(), freq)
        label = f"{names.get(iso3, iso3)} — {t(SOURCE_LABELS.get(source_id, source_id), lang)}"
        traces.append({
            "type": "scatter", "x": x, "y": y, "name": label,
            "mode": "lines+markers",
            "line": {"color": colour_of(position),
                     "dash": "solid" if source_id == "articles" else "dot"},
            "marker": {"symbol": SYMBOLS[position % len(SYMBOLS)], "size": 7},
            "hovertemplate": "%{x|%Y-%m-%d}: %{y}<extra>" + label + "</extra>",
        })
    title = (t("Share of monitored coverage naming each country (%)", lang) if measure == "share"
             else t("Articles naming each country, per {period}", lang,
                    period=t(PERIOD_LABELS.get(freq, freq), lang)))
    layout: dict = {
        **base_layout(lang, title), "template": PLOT_TEMPLATE_JSON,
        "yaxis": {"title": {"text": t("% of articles monitored", lang) if measure == "share"
                            else t("Articles", lang)}, "rangemode": "tozero"},
        "xaxis": {"title": {"text": t("Period starting", lang)}},
    }
    if not traces:
        message = empty_message or (t("No source gives the share of monitored coverage for this selection "
                     "(GDELT does, when its timeline is loaded).", lang) if measure == "share"
                   else t("No articles name these countries in this period.", lang))
        # As figures.empty_figure: the message alone, no axes (an empty axis would read
        # "-1 to 6" under "Period starting" and "0.5 articles").
        layout["xaxis"] = {"visible": False}
        layout["yaxis"] = {"visible": False}
        layout["annotations"] = [{"text": message, "showarrow": False, "xref": "paper",
                                  "yref": "paper", "x": 0.5, "y": 0.5, "font": {"size": 16}}]
    return {"data": traces, "layout": layout}


PERIOD_LABELS = {"day": N_("day"), "week": N_("week"), "month": N_("month")}


def volume_table_rows(volume: pd.DataFrame, names: dict[str, str], lang: str) -> list[list]:
    """The table twin's rows: country, source, period, count, monitored, share."""
    rows = []
    for r in volume.sort_values(["iso3", "source_id", "period"]).itertuples():
        rows.append([
            names.get(r.iso3, r.iso3), t(SOURCE_LABELS.get(r.source_id, r.source_id), lang),
            format_day(r.period, lang), format_number(r.count, lang, 0),
            format_number(r.monitored, lang, 0),
            "–" if pd.isna(r.share) else format_number(r.share * 100, lang, 3) + " %",
        ])
    return rows
