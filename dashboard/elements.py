"""HTML elements as the plain dicts Dash sends, for content repeated by the hundred.

A ``dash.html`` component checks its arguments when it is built and is turned into a dict when
the callback's answer is serialised: ~40 µs each, and a News callback sends ~1,100 of them (50
article cards, the claims table, the chart's table twin): about half of what Dash adds to the
page's queries. :func:`element` builds that dict directly (~1 µs)::

    element("Td", "12", className="ci-num")
    # {"props": {"className": "ci-num", "children": "12"}, "type": "Td",
    #  "namespace": "dash_html_components"}

which is what ``html.Td("12", className="ci-num").to_plotly_json()`` gives: the renderer cannot
tell them apart (``tests/dashboard/test_elements.py`` compares the two for every element the
app builds this way). Property names are still checked against the ``dash.html`` component's
own, so a typo raises ``TypeError`` as the component would; ``None`` means "not set".

Use components where the tree is small or read back in Python (ids that callbacks target,
controls); use elements for long lists and tables.

:func:`aria_attrs` and :func:`data_attrs` name a component's ``aria-*`` and ``data-*``
attributes, whose hyphens keep them out of Python's keywords::

    html.Div(items, role="group", **aria_attrs(label="Filter"))
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeGuard

from dash import html
from dash.development.base_component import Component

NAMESPACE = "dash_html_components"
# What page content is, as a component's children: texts, numbers, components, elements and
# lists of them. Any for the type checker: Dash types children without elements (its
# ComponentType), which the renderer reads as it reads a component's JSON.
Children = Any
WILDCARDS = ("data-", "aria-")


@cache
def _props_of(tag: str) -> frozenset[str]:
    component = getattr(html, tag, None)
    if not (isinstance(component, type) and issubclass(component, Component)):
        raise ValueError(f"no dash.html element named {tag!r}")
    # The names its to_plotly_json sends (set by each instance's __init__).
    return frozenset(component()._prop_names)


def element(tag: str, children: object = None, **props: object) -> dict:
    """The ``dash.html`` element ``tag`` as Dash serialises it."""
    allowed = _props_of(tag)
    out = {}
    for name, value in props.items():
        if name not in allowed and not name.startswith(WILDCARDS):
            raise TypeError(f"{tag} has no property {name!r}")
        if value is not None:
            out[name] = value
    if children is not None:
        out["children"] = children
    return {"props": out, "type": tag, "namespace": NAMESPACE}


def is_element(node: object) -> TypeGuard[dict[str, Any]]:
    return isinstance(node, dict) and node.get("namespace") == NAMESPACE and "props" in node


# Typed ``dict[str, Any]``: a component takes these through its ``**kwargs`` (Dash accepts any
# name starting with ``aria-`` or ``data-``), while a literal ``**{"aria-label": ...}`` would be
# checked against each of its typed parameters.
def aria_attrs(**values: object) -> dict[str, Any]:
    """``aria_attrs(label="Filter")`` is ``{"aria-label": "Filter"}``, for ``**`` in a call."""
    return {f"aria-{name}": value for name, value in values.items()}


def data_attrs(**values: object) -> dict[str, Any]:
    """``data_attrs(format="csv")`` is ``{"data-format": "csv"}``, for ``**`` in a call."""
    return {f"data-{name}": value for name, value in values.items()}
