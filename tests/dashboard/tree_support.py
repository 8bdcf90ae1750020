"""Helpers to read a Dash component tree in tests: walk it, its text, a component by id."""

from __future__ import annotations

import json
from collections.abc import Iterator

import plotly.utils


def walk(component) -> Iterator:
    """Every component and string under ``component``, depth first."""
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from walk(child)
    elif children is not None:
        yield from walk(children)


def texts(component) -> str:
    """The visible strings under ``component``, one per line."""
    return "\n".join(node for node in walk(component) if isinstance(node, str))


def find(component, component_id: str):
    """The component with ``component_id`` under ``component`` (None when absent)."""
    return next((n for n in walk(component) if getattr(n, "id", None) == component_id), None)


def serialises(component) -> bool:
    """The tree turns into JSON as Dash sends it."""
    json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder)
    return True
