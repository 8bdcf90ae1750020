"""A figure assembled as plain dicts, then handed to plotly once.

Each ``go.Figure`` method (``add_trace``, ``update_layout``, ``add_annotation``...) validates
what it is given, walks the figure and copies parts of it: building the Compare page's two
charts step by step cost ~190 ms a callback, and building the same dicts then making the figure
once ~25 ms. :class:`FigureDraft` keeps the step-by-step way of writing a chart (the same
method names and merge rules for the parts the charts use) and validates the whole once, in
:meth:`FigureDraft.figure`: plotly still rejects any bad property, there.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go


def merge(into: dict, changes: Mapping) -> dict:
    """``changes`` merged into ``into`` (in place) as plotly's ``update`` does: a mapping
    updates the mapping it meets key by key, anything else (a list, a text, None) replaces."""
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value
    return into


class FigureDraft:
    """Traces and a layout as plain dicts, with the ``go.Figure`` methods the charts use."""

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}

    def add_trace(self, trace: Mapping) -> None:
        """A trace as plotly takes it (``{"type": "scatter", ...}``)."""
        self.data.append(dict(trace))

    def update_layout(self, **changes: object) -> None:
        merge(self.layout, changes)

    def update_xaxes(self, **changes: object) -> None:
        """As ``go.Figure.update_xaxes`` for a chart of one x axis."""
        merge(self.layout, {"xaxis": changes})

    def update_yaxes(self, **changes: object) -> None:
        """As ``go.Figure.update_yaxes`` for a chart of one y axis."""
        merge(self.layout, {"yaxis": changes})

    def add_annotation(self, **annotation: object) -> None:
        self.layout.setdefault("annotations", []).append(annotation)

    def add_vline(self, x: float, line: Mapping[str, object]) -> None:
        """A vertical line across the plot at ``x``, as ``go.Figure.add_vline`` draws it."""
        self.layout.setdefault("shapes", []).append({
            "type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1,
            "yref": "y domain", "line": dict(line)})

    def figure(self) -> go.Figure:
        """The ``go.Figure``: every property validated, once."""
        return go.Figure(data=self.data, layout=self.layout)
