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


# Each chart's width as drawn on screen (plotly's SVG, in CSS pixels) and the zoom it gets
# for print (assets/print-fit.js on beforeprint, which a print dialog and Chromium's PDF
# printing both fire).
CHART_WIDTHS_AND_ZOOMS = """
return Array.prototype.map.call(document.querySelectorAll('#main .js-plotly-plot'),
    function (gd) {
        return [gd.querySelector('.main-svg').getBoundingClientRect().width,
                Number(getComputedStyle(gd).zoom)]; });"""
PAPER_WIDTH = 720  # A4 or Letter inside Chrome's default margins, in CSS pixels


def _widths_and_zooms(driver, event: str | None) -> list[list[float]]:
    """Each chart's width and zoom on screen, or (``event`` "beforeprint") its zoom in print:
    the event fired, then read under print media; "afterprint" fires it and reads the screen."""
    if event:
        driver.execute_script(f"window.dispatchEvent(new Event('{event}'))")
    if event != "beforeprint":
        return driver.execute_script(CHART_WIDTHS_AND_ZOOMS)
    widths = [width for width, _ in driver.execute_script(CHART_WIDTHS_AND_ZOOMS)]
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        zooms = [zoom for _, zoom in driver.execute_script(CHART_WIDTHS_AND_ZOOMS)]
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    return [[width, zoom] for width, zoom in zip(widths, zooms, strict=True)]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_printed_chart_fits_the_paper(desktop, base_url, lang):
    """A chart drawn at 1,232 px on a desktop prints within the paper's width: it had printed
    at its screen width, cut at the right (the 2024 point lost), and the Arabic page, which
    overflowed to the left, cut at the left on every sheet. After printing it is as drawn."""
    open_page(desktop, f"{base_url}/country/MAR?lang={lang}", "#main .js-plotly-plot .main-svg")
    before = _widths_and_zooms(desktop, None)
    assert before and all(zoom == 1 for _, zoom in before)
    assert max(width for width, _ in before) > PAPER_WIDTH  # a desktop's chart, wider than paper
    printed = _widths_and_zooms(desktop, "beforeprint")
    assert all(width * zoom <= PAPER_WIDTH for width, zoom in printed), (lang, printed)
    # On screen nothing moved before printing; after it, each chart is back as drawn (a zoom
    # set on screen had it redrawn at the zoomed width, 2,123 px, and left so). Printing's
    # own layout may have the Graph redraw meanwhile: back on screen it redraws again.
    assert [w for w, _ in printed] == [w for w, _ in before]
    desktop.execute_script("window.dispatchEvent(new Event('afterprint'))")
    wait_for(lambda: _widths_and_zooms(desktop, None) == before)


def test_a_chart_narrower_than_the_paper_prints_as_drawn(phone, base_url):
    """A chart a phone drew (342 px) is not shrunk in print: only a wider one is zoomed."""
    open_page(phone, f"{base_url}/country/MAR", "#main .js-plotly-plot .main-svg")
    printed = _widths_and_zooms(phone, "beforeprint")
    assert printed and all(width <= PAPER_WIDTH and zoom == 1 for width, zoom in printed)
