"""FigureDraft: a chart assembled as plain dicts reads as the same figure plotly builds step by
step, and plotly still rejects a bad property when the draft becomes a figure."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.figure_draft import FigureDraft, merge


def _stepwise() -> go.Figure:
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[1, 2], y=[3, 4], name="a", marker={"size": [9, 12]}))
    fig.add_trace(go.Bar(y=["p"], x=[5], orientation="h", marker_color="#000"))
    fig.update_layout(title={"text": "T", "x": 0}, margin={"l": 60, "r": 20, "t": 80, "b": 60})
    fig.update_layout(margin={"t": 90, "b": 10}, legend={"y": 0})
    fig.update_xaxes(title={"text": "Edition", "standoff": 10}, range=[2013, 2025])
    fig.update_xaxes(tickvals=[2014, 2024], ticktext=["2014", "2024"])
    fig.update_yaxes(side="right", range=[0, 105])
    fig.add_vline(x=2022, line={"dash": "dash", "color": "#555", "width": 1.5})
    fig.add_annotation(text="note", x=0, y=1, xref="paper", yref="paper", showarrow=False)
    fig.add_annotation(text="second", x=1, y=0, xref="paper", yref="paper", showarrow=False)
    return fig


def _drafted() -> go.Figure:
    fig = FigureDraft()
    fig.add_trace({"type": "scatter", "x": [1, 2], "y": [3, 4], "name": "a",
                   "marker": {"size": [9, 12]}})
    fig.add_trace({"type": "bar", "y": ["p"], "x": [5], "orientation": "h",
                   "marker": {"color": "#000"}})
    fig.update_layout(title={"text": "T", "x": 0}, margin={"l": 60, "r": 20, "t": 80, "b": 60})
    fig.update_layout(margin={"t": 90, "b": 10}, legend={"y": 0})
    fig.update_xaxes(title={"text": "Edition", "standoff": 10}, range=[2013, 2025])
    fig.update_xaxes(tickvals=[2014, 2024], ticktext=["2014", "2024"])
    fig.update_yaxes(side="right", range=[0, 105])
    fig.add_vline(x=2022, line={"dash": "dash", "color": "#555", "width": 1.5})
    fig.add_annotation(text="note", x=0, y=1, xref="paper", yref="paper", showarrow=False)
    fig.add_annotation(text="second", x=1, y=0, xref="paper", yref="paper", showarrow=False)
    return fig.figure()


def test_a_draft_is_the_figure_plotly_builds_step_by_step():
    """Same traces, nested layout merged key by key (margins kept where not changed), the
    break line and the annotations in order."""
    assert _drafted().to_plotly_json() == _stepwise().to_plotly_json()
    assert _drafted().layout.margin.l == 60 and _drafted().layout.margin.t == 90


def test_merge_replaces_lists_and_texts_and_merges_mappings():
    base = {"xaxis": {"range": [0, 1], "title": {"text": "a"}}, "height": 1}
    merge(base, {"xaxis": {"range": [2, 3], "title": {"standoff": 4}}, "height": 2})
    assert base == {"xaxis": {"range": [2, 3], "title": {"text": "a", "standoff": 4}},
                    "height": 2}


def test_a_bad_property_is_still_rejected():
    """Plotly validates the whole draft when it becomes a figure."""
    fig = FigureDraft()
    fig.add_trace({"type": "scatter", "x": [1], "y": [1], "colour": "red"})
    with pytest.raises(ValueError, match="colour"):
        fig.figure()
    fig = FigureDraft()
    fig.update_layout(margin={"top": 3})
    with pytest.raises(ValueError, match="top"):
        fig.figure()
