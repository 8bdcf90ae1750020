"""Helpers to read a Dash component tree in tests: walk it, its text, a component by id.

Parts built as plain elements (:mod:`dashboard.elements`) are read as the ``dash.html``
components they stand for (:func:`as_components`), so a test reads one kind of tree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import plotly.utils
from dash import html
from dash.development.base_component import Component

from dashboard.elements import is_element


def as_components(node):
    """``node`` with every plain element turned into its ``dash.html`` component."""
    if isinstance(node, list | tuple):
        return [as_components(child) for child in node]
    if is_element(node):
        props = dict(node["props"])
        if "children" in props:
            props["children"] = as_components(props["children"])
        return getattr(html, node["type"])(**props)
    if isinstance(node, Component) and getattr(node, "children", None) is not None:
        node.children = as_components(node.children)
    return node


def walk(component) -> Iterator:
    """Every component and string under ``component``, depth first."""
    yield from _walk(as_components(component))


def _walk(component) -> Iterator:
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from _walk(child)
    elif children is not None:
        yield from _walk(children)


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


def english_parts(component) -> list[str]:
    """The texts marked as English (``lang="en"``) under ``component``."""
    return [texts(node) for node in walk(component) if getattr(node, "lang", None) == "en"]
