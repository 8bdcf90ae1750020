"""The news volume chart: whole-article ticks in the reader's digits, equal points that stay
visible, the legend under the axis title, time from the right in Arabic."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import i18n
from dashboard.figures_news import MARKER_SIZE, mention_volume_figure, value_ticks

NAMES = {"MAR": "Morocco", "OMN": "Oman"}


def volume(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"iso3": iso3, "period": pd.Timestamp(day), "source_id": "articles",
                          "count": count, "monitored": None, "share": None}
                         for iso3, day, count in rows])


WEEKS = volume([("MAR", "2021-03-01", 2), ("MAR", "2021-03-08", 1),
                ("OMN", "2021-03-01", 2), ("OMN", "2021-03-08", 3)])


def test_counts_have_whole_ticks():
    """Articles are whole: no 0.5 or 1.5 under a count (plotly's own steps gave them)."""
    figure = go.Figure(mention_volume_figure(WEEKS, NAMES, "en"))
    assert list(figure.layout.yaxis.tickvals) == [0, 1, 2, 3]
    assert list(figure.layout.yaxis.ticktext) == ["0", "1", "2", "3"]


@pytest.mark.parametrize(("highest", "whole", "ticks"), [
    (3, True, [0, 1, 2, 3]), (57, True, [0, 10, 20, 30, 40, 50, 60]),
    (0.37, False, [0, 0.1, 0.2, 0.3, 0.4]), (0, True, [0, 1]),
])
def test_value_ticks_are_round_steps_from_zero_past_the_highest(highest, whole, ticks):
    assert value_ticks(highest, whole) == pytest.approx(ticks)


def test_equal_points_of_two_countries_stay_visible():
    """Morocco and Oman both at 2 the same week: Morocco's marker (drawn first) is larger,
    Oman's inside it; points alone keep the plain size; no point moves."""
    figure = mention_volume_figure(WEEKS, NAMES, "en")
    morocco, oman = figure["data"]
    assert morocco["marker"]["size"][0] > oman["marker"]["size"][0]
    assert morocco["marker"]["size"][1] == oman["marker"]["size"][1] == MARKER_SIZE
    assert morocco["y"] == [2, 1] and oman["y"] == [2, 3]


def test_legend_sits_under_the_axis_title():
    """The legend is anchored to the chart's foot (its rows grow the chart), not to a share of
    the plot's height, where a phone's rows of names fell on the axis title."""
    layout = go.Figure(mention_volume_figure(WEEKS, NAMES, "en")).layout
    assert (layout.legend.yref, layout.legend.y, layout.legend.yanchor) == (
        "container", 0, "bottom")
    assert layout.xaxis.automargin is True and layout.xaxis.title.standoff == 10


def test_arabic_reads_time_from_the_right_in_the_chosen_digits():
    with i18n.use_digits("arab"):
        layout = go.Figure(mention_volume_figure(WEEKS, NAMES, "ar")).layout
    assert layout.xaxis.autorange == "reversed" and layout.yaxis.side == "right"
    assert list(layout.yaxis.ticktext) == ["٠", "١", "٢", "٣"]


def test_arabic_indic_dates_on_the_time_axis():
    """With Arabic-Indic digits the time axis is ours too (plotly writes dates in 0-9): months
    over a short span, years over a long one; Western digits keep plotly's own ticks."""
    with i18n.use_digits("arab"):
        months = go.Figure(mention_volume_figure(WEEKS, NAMES, "ar")).layout.xaxis
        years = go.Figure(mention_volume_figure(volume([
            ("MAR", "2021-03-01", 1), ("MAR", "2024-06-03", 2)]), NAMES, "ar")).layout.xaxis
    assert list(months.ticktext) == ["مارس ٢٠٢١"]
    assert list(years.ticktext) == ["٢٠٢٢", "٢٠٢٣", "٢٠٢٤"]
    assert go.Figure(mention_volume_figure(WEEKS, NAMES, "ar")).layout.xaxis.ticktext is None


def test_hover_writes_the_period_and_value_as_the_table_does():
    """The hover is ours (plotly wrote "2021-03-01: 2", in 0-9 whatever the reader chose): the
    day as the page writes it, the count or share in the chosen digits; a gap has none."""
    gap = volume([("MAR", "2021-03-01", 2), ("MAR", "2021-03-15", 1)])
    english = mention_volume_figure(gap, NAMES, "en")["data"][0]
    assert english["text"] == ["Mar 1, 2021: 2", "", "Mar 15, 2021: 1"]
    assert english["hovertemplate"] == "%{text}<extra>Morocco — stored articles</extra>"
    assert mention_volume_figure(gap, NAMES, "fr")["data"][0]["text"][0] == "1 mars 2021\u00a0: 2"
    with i18n.use_digits("arab"):
        arabic = mention_volume_figure(gap, NAMES, "ar")["data"][0]["text"][0]
    assert arabic.endswith(": ٢") and "٢٠٢١" in arabic and "2" not in arabic
    share = volume([("MAR", "2021-03-01", 2)]).assign(source_id="gdelt_doc", monitored=400,
                                                      share=0.005)
    assert mention_volume_figure(share, NAMES, "en", measure="share")["data"][0]["text"] == [
        "Mar 1, 2021: 0.5 %"]


def test_one_period_has_a_readable_time_axis():
    """Articles in one week only: the axis spans a week either side with that week as its one
    tick, as the table writes it (plotly zoomed to a millisecond: "23:59:59.999"); Arabic
    keeps time running from the right."""
    one = volume([("MAR", "2024-09-02", 2), ("OMN", "2024-09-02", 1)])
    axis = go.Figure(mention_volume_figure(one, NAMES, "fr")).layout.xaxis
    assert list(axis.ticktext) == ["2 sept. 2024"]
    assert list(axis.range) == ["2024-08-26T00:00:00", "2024-09-09T00:00:00"]
    with i18n.use_digits("arab"):
        arabic = go.Figure(mention_volume_figure(one, NAMES, "ar", freq="month")).layout.xaxis
    assert list(arabic.range) == ["2024-10-02T00:00:00", "2024-08-02T00:00:00"]
    assert list(arabic.ticktext) == ["سبتمبر ٢٠٢٤"]
