"""News charts as pure functions of DataFrames (no Dash, no I/O); strings through i18n.

The mention volume comes from :func:`etl.store.mention_volume_frame`: per country, period and
source (``articles`` = stored articles naming the country; ``gdelt_doc`` = GDELT's timeline) a
count, and where the source gives it the number of articles monitored and the share.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.figures import (
    LEGEND_ROW,
    PLOT_TEMPLATE,
    SYMBOLS,
    base_layout,
    colour_of,
    nested_sizes,
)
from dashboard.i18n import (
    N_,
    arabic_indic,
    format_day,
    format_number,
    localize_digits,
    normalize_lang,
    t,
)

MARKER_SIZE = 7

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


def has_series(volume: pd.DataFrame, measure: str) -> bool:
    """Does the chart of ``measure`` draw anything (a line) from ``volume``?"""
    return not volume_series(volume, measure).empty


def empty_volume_message(measure: str, lang: str, reason: str | None = None,
                         narrowed: str | None = None) -> str:
    """Why the volume chart draws nothing: ``reason`` when the caller knows it (no article
    collected at all), else no share without GDELT (or under a filter GDELT's counts cannot
    follow: ``narrowed`` says what it keeps of the articles, "in Arabic"), or no article
    naming the countries (that the filter keeps)."""
    if reason:
        return reason
    if measure == "share" and narrowed:
        return t("GDELT's share of monitored coverage cannot be narrowed by language, outlet, "
                 "claims or verdict: clear those filters to see it.", lang)
    if measure == "share":
        return t("No source gives the share of monitored coverage for this selection "
                 "(GDELT does, when its timeline is loaded).", lang)
    if narrowed:
        return t("No articles name these countries in this period ({counted}).", lang,
                 counted=narrowed)
    return t("No articles name these countries in this period.", lang)


def volume_title(measure: str, freq: str, lang: str, counted: str | None = None) -> str:
    """The chart's title: what it counts, and what the filter keeps of the articles
    (``counted``: "in Arabic · with a checked claim"), which the list below lists too."""
    title = (t("Share of monitored coverage naming each country (%)", lang) if measure == "share"
             else t("Articles naming each country, per {period}", lang,
                    period=t(PERIOD_LABELS.get(freq, freq), lang)))
    return f"{title} ({counted})" if counted else title


def mention_volume_figure(volume: pd.DataFrame, names: dict[str, str], lang: str,
                          measure: str = "count", freq: str = "week",
                          empty_message: str | None = None, counted: str | None = None,
                          narrowed: str | None = None) -> dict:
    """One line per country and source: articles naming it per period, or their share of the
    articles the source monitored (GDELT only). With nothing to draw: a message alone, no
    axes (as :func:`dashboard.figures.empty_figure`): ``empty_message`` when the caller knows
    why (no article collected at all, as the article list says), else this chart's own.
    ``counted`` says what the page's filter keeps of the articles, in the title (and so in a
    saved image of the chart); ``narrowed``, what it keeps by language, outlet, claims or
    verdict (see :func:`empty_volume_message`).

    The figure as the plain dict dcc.Graph takes: plotly's ``go.Figure`` would validate it on
    every request (~5 ms, half of it the template); the tests build ``go.Figure`` from it, which
    refuses any property plotly does not know.
    """
    lang = normalize_lang(lang)
    rtl = lang == "ar"
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
            "marker": {"symbol": SYMBOLS[position % len(SYMBOLS)], "size": MARKER_SIZE},
            # Our own hover texts: plotly writes dates and numbers in 0-9 and ISO order.
            "text": hover_texts(x, y, measure, lang),
            "hovertemplate": "%{text}<extra>" + label + "</extra>",
        })
    _nest_equal_points(traces)
    title = volume_title(measure, freq, lang, counted)
    layout: dict = {
        **base_layout(lang, title), "template": PLOT_TEMPLATE_JSON,
        "yaxis": {"title": {"text": t("% of articles monitored", lang) if measure == "share"
                            else t("Articles", lang)}, "rangemode": "tozero"},
        # Arabic reads time from the right, as the Compare trend: the count axis on the right.
        "xaxis": {"title": {"text": t("Period starting", lang), "standoff": 10},
                  "automargin": True, **({"autorange": "reversed"} if rtl else {})},
    }
    layout["yaxis"].update(side="right" if rtl else "left", automargin=True)
    periods = sorted({x for tr in traces for x in tr["x"]})
    if len(periods) == 1:
        layout["xaxis"].update(one_period_axis(periods[0], freq, lang, rtl))
    elif traces and arabic_indic(lang):  # plotly writes dates in 0-9: our ticks, in the digits
        ticks, labels = date_ticks(periods[0], periods[-1], lang)
        layout["xaxis"].update(tickmode="array", tickvals=ticks, ticktext=labels)
    layout["yaxis"]["title"]["standoff"] = 12
    if traces:
        # The ticks are ours: whole articles for counts (plotly put 0.5 under a count), and
        # written in the reader's digits (plotly draws 0-9 only).
        highest = max((v for tr in traces for v in tr["y"] if v is not None), default=0)
        ticks = value_ticks(highest, whole=measure == "count")
        layout["yaxis"].update(tickmode="array", tickvals=ticks,
                               ticktext=[format_number(v, lang) for v in ticks])
    # The legend at the chart's foot, under the axis title (a share of the plot's height put a
    # phone's rows of names on the title); the chart grows by its rows, two names a row.
    legend_rows = (len(traces) + 1) // 2
    layout["legend"] = {**layout["legend"], "yref": "container", "y": 0, "yanchor": "bottom"}
    layout["margin"] = {**layout["margin"], "b": 10}
    layout["height"] = 420 + LEGEND_ROW * legend_rows
    if not traces:
        message = empty_volume_message(measure, lang, empty_message, narrowed)
        # As figures.empty_figure: the message alone, no axes (an empty axis would read
        # "-1 to 6" under "Period starting" and "0.5 articles").
        layout["xaxis"] = {"visible": False}
        layout["yaxis"] = {"visible": False}
        layout["annotations"] = [{"text": message, "showarrow": False, "xref": "paper",
                                  "yref": "paper", "x": 0.5, "y": 0.5, "font": {"size": 16}}]
    return {"data": traces, "layout": layout}


def date_ticks(first: pd.Timestamp, last: pd.Timestamp, lang: str
               ) -> tuple[list[pd.Timestamp], list[str]]:
    """Ticks for a time axis from ``first`` to ``last``: each 1 January over more than a
    year and a half, else the first of each month, written in ``lang`` (digits as chosen)."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    if (last - first).days > 550:
        ticks = [pd.Timestamp(year, 1, 1) for year in range(first.year, last.year + 1)
                 if pd.Timestamp(year, 1, 1) >= first] or [first]
        return ticks, [localize_digits(str(tick.year), lang) for tick in ticks]
    ticks = list(pd.date_range(first.to_period("M").to_timestamp(), last, freq="MS"))
    return ticks, [format_day(tick.strftime("%Y-%m"), lang) for tick in ticks]


def one_period_axis(period: pd.Timestamp, freq: str, lang: str, rtl: bool) -> dict:
    """The time axis of a chart with one period: a period either side of it and one tick, the
    period as the table writes it (plotly zoomed to a millisecond around a lone date and wrote
    "23:59:59.999" under it)."""
    step = STEPS.get(freq, STEPS["week"])
    span = [(period - step).isoformat(), (period + step).isoformat()]
    label = format_day(period.strftime("%Y-%m") if freq == "month" else period, lang)
    return {"tickmode": "array", "tickvals": [period.isoformat()], "ticktext": [label],
            "range": span[::-1] if rtl else span, "autorange": False}


def value_ticks(highest: float, whole: bool, most: int = 6) -> list[float]:
    """Ticks from 0 past ``highest`` one round step apart (1, 2 or 5 times a power of ten), at
    most about ``most`` of them; steps of at least 1 when ``whole``."""
    if not highest or highest <= 0:
        return [0, 1]
    step = 10 ** math.floor(math.log10(highest / most))
    step = next(m * step for m in (1, 2, 5, 10) if highest / (m * step) <= most)
    if whole:
        step = max(1, round(step))
    count = math.floor(highest / step) + 1
    return [round(i * step, 10) for i in range(count + (highest > (count - 1) * step))]


def _nest_equal_points(traces: list[dict]) -> None:
    """Points of several series at the same period and value nest (as the Compare trend's):
    the series drawn first gets the larger marker, so one drawn later does not hide it (a
    week with one article about Morocco and one about Oman hid Morocco's point). No point
    moves off its value; a lone point keeps the plain size."""
    at: dict[tuple, list[str]] = {}
    for trace in traces:
        for x, y in zip(trace["x"], trace["y"], strict=True):
            if y is not None:
                at.setdefault((x, y), []).append(trace["name"])
    order = [trace["name"] for trace in traces]
    sizes = {(key, name): size for key, names in at.items() if len(names) > 1
             for name, size in nested_sizes(names, order, (), MARKER_SIZE).items()}
    if not sizes:
        return
    for trace in traces:
        trace["marker"]["size"] = [sizes.get(((x, y), trace["name"]), MARKER_SIZE)
                                   for x, y in zip(trace["x"], trace["y"], strict=True)]


PERIOD_LABELS = {"day": N_("day"), "week": N_("week"), "month": N_("month")}


def _percent_text(percent: float, lang: str) -> str:
    """A share given on 0-100, as the chart and its table write it: up to 3 decimals."""
    return format_number(percent, lang, 3) + " %"


def hover_texts(periods: list, values: list, measure: str, lang: str) -> list[str]:
    """Each point's hover line, as the table twin writes its period and value ("Mar 4, 2024:
    12"), in the reader's digits; an empty point (a gap) has none."""
    return ["" if value is None else
            t("{period}: {value}", lang, period=format_day(period, lang),
              value=_percent_text(value, lang) if measure == "share"
              else format_number(value, lang, 0))
            for period, value in zip(periods, values, strict=True)]


def volume_table_rows(volume: pd.DataFrame, names: dict[str, str], lang: str) -> list[list]:
    """The table twin's rows: country, source, period, count, monitored, share."""
    rows = []
    for r in volume.sort_values(["iso3", "source_id", "period"]).itertuples():
        rows.append([
            names.get(r.iso3, r.iso3), t(SOURCE_LABELS.get(r.source_id, r.source_id), lang),
            format_day(r.period, lang), format_number(r.count, lang, 0),
            format_number(r.monitored, lang, 0),
            "–" if pd.isna(r.share) else _percent_text(r.share * 100, lang),
        ])
    return rows
