"""What the visual audit of every page (English, French, Arabic; 1366, 1920 and 390 px; print)
found wrong in the stylesheet, measured.

On a phone the filters stacked one under another came out of ragged widths, each sized by its
label (the Data page's four 342, 342, 314 and 256 px in a 342 px column). In print, a chart's
Save buttons, plotly's toolbar and the "Link to this view" field were still on paper, and a
chart kept its screen width (cut at the right; an Arabic page cut at the left).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page, wait_for

pytestmark = pytest.mark.browser

# Each filter's width, and the width of the row of filters it stands in.
CONTROL_WIDTHS = """
var box = document.querySelector('#main .ci-controls');
return [Math.round(box.getBoundingClientRect().width)].concat(
    Array.prototype.map.call(box.children, function (control) {
        return Math.round(control.getBoundingClientRect().width); }));"""
# How many of the screen-only controls there are, and how many of them take room on paper.
PRINTED = """
var found = document.querySelectorAll(arguments[0]);
return [found.length, Array.prototype.filter.call(found, function (el) {
    return el.getClientRects().length > 0; }).length];"""
SCREEN_ONLY = [".ci-chart-export", ".ci-permalink", ".js-plotly-plot .modebar-container"]


@pytest.mark.parametrize(("path", "lang"), [
    pytest.param("/data", "en", id="data-en"),
    pytest.param("/news", "ar", id="news-ar"),
    pytest.param("/changes", "fr", id="changes-fr"),
    pytest.param("/compare", "ar", id="compare-ar"),
    pytest.param("/cross-index", "en", id="cross-index-en"),
])
def test_a_phone_stacks_the_filters_in_one_width(phone, base_url, path, lang):
    """At 390 px every filter is as wide as the row it stands in (the Data page's were 342,
    342, 314 and 256 px: each as wide as its label, at least 16rem)."""
    open_page(phone, f"{base_url}{path}?lang={lang}", "#main .ci-controls .ci-control")
    row, *controls = phone.execute_script(CONTROL_WIDTHS)
    assert len(controls) >= 2
    assert controls == [row] * len(controls), (path, lang, row, controls)


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("selector", SCREEN_ONLY)
def test_print_leaves_out_the_screen_controls(desktop, base_url, selector, lang):
    """Printed, the Country page shows no chart's Save buttons, no plotly toolbar and no link
    field: they are for the screen (the Save buttons and the link field had printed)."""
    open_page(desktop, f"{base_url}/country/MAR?lang={lang}", "#main .js-plotly-plot .modebar-container")
    desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        total, shown = desktop.execute_script(PRINTED, selector)
    finally:
        desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert total >= 1, selector
    assert shown == 0, (selector, lang, shown, total)


# Each chart as drawn (in CSS pixels): its SVG's width, its zoom (the print stylesheet's
# --ci-print-zoom), its first tick label's font size, and its title's left and right edges
# from the SVG's left. Read on screen, or in print: assets/print-fit.js on beforeprint, which
# a print dialog and Chromium's PDF printing both fire, then the page under print media.
CHARTS_AS_DRAWN = """
return Array.prototype.map.call(document.querySelectorAll('#main .js-plotly-plot'),
    function (gd) {
        var svg = gd.querySelector('.main-svg').getBoundingClientRect();
        var tick = gd.querySelector('.xtick text, .ytick text');
        var title = gd.querySelector('.gtitle').getBoundingClientRect();
        return {width: svg.width, zoom: Number(getComputedStyle(gd).zoom),
                tick: parseFloat(getComputedStyle(tick).fontSize),
                title: [title.left - svg.left, title.right - svg.left]}; });"""
PAPER_WIDTH = 720  # A4 or Letter inside Chrome's default margins, in CSS pixels


def _charts(driver, event: str | None = None) -> list[dict]:
    """Each chart as drawn on screen, or (``event`` "beforeprint") in print: the event fired,
    then read under print media; "afterprint" fires it and reads the screen."""
    if event:
        driver.execute_script(f"window.dispatchEvent(new Event('{event}'))")
    if event != "beforeprint":
        return driver.execute_script(CHARTS_AS_DRAWN)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        return driver.execute_script(CHARTS_AS_DRAWN)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def _widths(charts: list[dict]) -> list[float]:
    return [chart["width"] for chart in charts]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_printed_chart_fits_the_paper(desktop, base_url, lang):
    """A chart drawn at 1,232 px on a desktop prints within the paper's width, its title too:
    it had printed at its screen width, cut at the right (the 2024 point lost), and the Arabic
    page, which overflowed to the left, cut at the left on every sheet. After printing it is
    as drawn (a zoom set on screen had it redrawn at the zoomed width, 2,123 px, and left so;
    a chart drawn at the paper's width must not stay so either)."""
    open_page(desktop, f"{base_url}/country/MAR?lang={lang}", "#main .js-plotly-plot .main-svg")
    before = _charts(desktop)
    assert before and all(chart["zoom"] == 1 for chart in before)
    assert max(_widths(before)) > PAPER_WIDTH  # a desktop's chart, wider than paper
    printed = _charts(desktop, "beforeprint")
    assert all(chart["width"] * chart["zoom"] <= PAPER_WIDTH for chart in printed), printed
    assert all(0 <= chart["title"][0] and chart["title"][1] <= chart["width"]
               for chart in printed), printed
    # Printing's own layout may have the Graph redraw meanwhile: back on screen it redraws
    # again, to the width it had.
    desktop.execute_script("window.dispatchEvent(new Event('afterprint'))")
    wait_for(lambda: _charts(desktop) == before)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_printed_chart_keeps_its_text_size(desktop, base_url, lang):
    """A desktop's chart prints drawn again at the paper's width, not zoomed down to it: its
    tick labels print at their size on screen (13 px; zoomed to the paper, 1,232 px at 0.54,
    they printed at 7 px), and its width fits the paper."""
    open_page(desktop, f"{base_url}/country/MAR?lang={lang}", "#main .js-plotly-plot .main-svg")
    before = _charts(desktop)
    printed = _charts(desktop, "beforeprint")
    desktop.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert [chart["tick"] * chart["zoom"] for chart in printed] == [
        chart["tick"] for chart in before], printed
    assert all(chart["width"] * chart["zoom"] <= PAPER_WIDTH for chart in printed), printed
    wait_for(lambda: _charts(desktop) == before)


def test_a_chart_narrower_than_the_paper_prints_as_drawn(phone, base_url):
    """A chart a phone drew (342 px) is not redrawn or shrunk in print: only a wider one is
    drawn again at the paper's width."""
    open_page(phone, f"{base_url}/country/MAR", "#main .js-plotly-plot .main-svg")
    before = _charts(phone)
    assert before and all(chart["width"] <= PAPER_WIDTH for chart in before)
    printed = _charts(phone, "beforeprint")
    phone.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert printed == before
