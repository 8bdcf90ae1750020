"""Chart titles: the server draws them broken for a phone and carries them unbroken in the
layout's ``meta`` (``title_fit``), with what assets/title-fit.js needs to break them again to
the chart's drawn width by the same rules, pad and margin (tests/browser/test_title_fit.py
shows it in Chromium)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from dash import dcc

from dashboard import figures
from dashboard.figures import (
    RLI,
    base_layout,
    chart_title,
    rtl_lines,
    title_fit,
    title_margin,
    title_pad,
    wrapped,
)
from tests.dashboard.tree_support import walk

LONG = "Percentile within the selected countries, by index"
SUM = f"ITU figure: {figures.isolated('82.41 = 18.40+17.94+12.37+15.24+18.46')} in 2020"


@pytest.mark.parametrize(("title", "lang", "rtl"), [
    pytest.param(LONG, "en", False, id="en-long"),
    pytest.param("GCI 2024 pillars (each out of 20)", "fr", False, id="fr-short"),
    pytest.param("الدرجة الإجمالية في المؤشر العالمي للأمن السيبراني حسب الإصدار", "ar", True,
                 id="ar-long"),
    pytest.param(SUM, "ar", True, id="ar-isolated-sum"),
])
def test_layout_carries_the_title_unbroken_beside_the_phone_lines(title, lang, rtl):
    """The drawn title is the phone's (34 characters a line, as before); ``meta.title_fit``
    holds the unbroken text, those lines unisolated and the direction, and plotly takes it."""
    layout = base_layout(lang, title)
    assert layout["title"]["text"] == chart_title(title, lang)[0] \
        == rtl_lines("<br>".join(wrapped(title)), lang)
    fit = layout["meta"]["title_fit"]
    assert (fit["text"], fit["lines"], fit["rtl"]) == (title, wrapped(title), rtl)
    assert not any(RLI in line for line in fit["lines"])  # the browser isolates its own
    assert go.Figure(layout=layout).layout.meta == {"title_fit": fit}


@pytest.mark.parametrize("lines", [1, 2, 3, 4])
def test_the_browser_formulas_give_the_servers_pad_and_margin(lines):
    """title-fit.js sets the pad to ``modebar + lift * (n - 1)`` and moves the top margin by
    ``(lift + line)`` a line: with the constants the layout carries, the server's
    :func:`title_pad` and :func:`title_margin` (from one line to ``lines``, and back)."""
    fit = title_fit(LONG, "en")
    assert fit["modebar"] + fit["lift"] * (lines - 1) == title_pad(lines)
    step = fit["lift"] + fit["line"]
    assert title_margin(1, extra=20) + step * (lines - 1) == title_margin(lines, extra=20)
    assert title_margin(lines) - step * (lines - 1) == title_margin(1)


PAGES = [
    pytest.param("overview", {}, id="overview"),
    pytest.param("compare", {}, id="compare"),
    pytest.param("country", {"iso3": "MAR"}, id="country-MAR"),
    pytest.param("crossindex", {}, id="cross-index"),
    pytest.param("map", {}, id="map"),
    pytest.param("news", {}, id="news"),
]


def page_figures(root) -> list[dict]:
    """The figures of the page's charts, as plain dicts."""
    out = []
    for node in walk(root):
        if isinstance(node, dcc.Graph) and getattr(node, "figure", None) is not None:
            figure = node.figure
            out.append(figure.to_plotly_json() if isinstance(figure, go.Figure) else figure)
    return out


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize(("page", "kwargs"), PAGES)
def test_every_chart_of_the_pages_can_be_fitted(pages, app_context, page, kwargs, lang):
    """Each chart the pages draw (trend, pillars, cross-index dots, map, news volume) carries
    its title unbroken, and draws the phone's lines of it until the browser breaks it again;
    nothing else is put in the layout's ``meta``."""
    shown = page_figures(pages[page].layout(lang=lang, **kwargs))
    assert shown, page
    for figure in shown:
        layout = figure["layout"]
        assert set(layout["meta"]) == {"title_fit"}, layout["meta"]
        fit = layout["meta"]["title_fit"]
        assert fit["rtl"] is (lang == "ar")
        assert layout["title"]["text"] == chart_title(fit["text"], lang)[0]
        assert layout["title"]["pad"]["t"] == title_pad(len(fit["lines"]))
