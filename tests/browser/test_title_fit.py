"""Chart titles broken to the chart's drawn width (assets/title-fit.js) in a real Chromium: a
long title on one line where it fits a 1366 px desktop, the server's lines on a 390 px phone,
Arabic lines isolated right to left and right-aligned, lines that follow a resize and a new
figure, the plot never above the title's last line, a saved image with the title as drawn."""

from __future__ import annotations

import pytest

from dashboard.figures import PDI, RLI, title_margin, title_pad, wrapped
from dashboard.i18n import expressions_kept_whole
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    open_page,
    severe_console_entries,
    wait_for,
    wait_for_download,
)

pytestmark = pytest.mark.browser

CROSS_INDEX = "#crossindex-chart"
CROSS_INDEX_TITLE = "Percentile within the selected countries, by index"
# A chart's title as drawn, once title-fit.js has seen the chart (null before): its text,
# what the server sent, pad and top margin, and where the title and the plot area are (px
# from the chart's top left corner).
STATE = """
    const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
    if (!gd || !gd._fullLayout || !gd._ciTitleFitEvents || gd._ciTitleFitting) return null;
    const box = gd.getBoundingClientRect();
    const title = gd.querySelector('.gtitle'), drawn = title.getBoundingClientRect();
    return {text: gd.layout.title.text, fit: gd.layout.meta.title_fit,
            pad: gd.layout.title.pad.t, top: gd.layout.margin.t, width: gd._fullLayout.width,
            height: gd._fullLayout.height,
            left: drawn.left - box.left, right: drawn.right - box.left,
            bottom: drawn.bottom - box.top, plot_top: gd._fullLayout._size.t,
            anchor: title.getAttribute('text-anchor')};
"""


def fitted(driver, graph: str, want=lambda state: True) -> dict:
    """The chart's title state once title-fit.js has fitted it and ``want`` holds."""
    return wait_for(lambda: (state := driver.execute_script(STATE, graph)) and want(state)
                    and state)


def servers_text(fit: dict) -> str:
    """The title as the server draws it (the phone's lines)."""
    lines = [f"{RLI}{line}{PDI}" for line in fit["lines"]] if fit["rtl"] else fit["lines"]
    return "<br>".join(lines)


def assert_laid_out(state: dict) -> None:
    """The title inside the chart's width, its pad and margin by the server's formulas for
    its lines, and the plot area under its last line."""
    lines = state["text"].count("<br>") + 1
    assert state["pad"] == title_pad(lines)
    assert 0 <= state["left"] and state["right"] <= state["width"]
    assert state["bottom"] <= state["plot_top"], state


def test_a_long_title_takes_one_line_where_it_fits(driver, base_url, desktop):
    """1366 px: the cross-index title (two lines from the server) on one line, the margin a
    line and a lift less."""
    open_page(driver, base_url + "/cross-index?lang=en", CROSS_INDEX + " .gtitle")
    state = fitted(driver, CROSS_INDEX, lambda s: "<br>" not in s["text"])
    assert state["fit"]["lines"] == wrapped(CROSS_INDEX_TITLE) and len(wrapped(
        CROSS_INDEX_TITLE)) == 2
    assert state["text"] == CROSS_INDEX_TITLE
    assert state["top"] == title_margin(1)
    assert_laid_out(state)
    assert state["right"] < state["width"] / 2  # drawn on one line, not squeezed
    assert not severe_console_entries(driver)


@pytest.mark.parametrize(("path", "graph"), [
    pytest.param("/cross-index?lang=en", CROSS_INDEX, id="cross-index-en"),
    pytest.param("/compare?lang=ar", "#compare-trend", id="compare-trend-ar"),
])
def test_a_phone_keeps_the_servers_lines(driver, base_url, phone, path, graph):
    """390 px: the lines are the server's (they fit, and the browser would need as many), so
    a phone's title does not move once the script runs."""
    open_page(driver, base_url + path, graph + " .gtitle")
    state = fitted(driver, graph)
    assert len(state["fit"]["lines"]) == 2
    assert state["text"] == servers_text(state["fit"])
    assert state["top"] >= title_margin(2)
    assert_laid_out(state)


def test_arabic_lines_are_isolated_and_right_aligned(driver, base_url, desktop):
    """1366 px in Arabic: each line a right-to-left isolate, anchored on the right pad."""
    open_page(driver, base_url + "/compare?lang=ar", "#compare-trend .gtitle")
    for graph in ("#compare-trend", "#compare-pillars"):
        state = fitted(driver, graph, lambda s: s["text"] != servers_text(s["fit"]))
        lines = state["text"].split("<br>")
        assert all(line.startswith(RLI) and line.endswith(PDI) for line in lines)
        assert " ".join(line[1:-1] for line in lines) == state["fit"]["text"]
        assert len(lines) < len(state["fit"]["lines"])
        assert state["anchor"] == "end" and abs(state["right"] - (state["width"] - 12)) <= 1
        assert_laid_out(state)


def test_lines_follow_a_resize(driver, base_url, desktop):
    """From 1366 px to 390 and back, the title is broken again, its margin with it; the chart
    keeps its height."""
    open_page(driver, base_url + "/cross-index?lang=en", CROSS_INDEX + " .gtitle")
    wide = fitted(driver, CROSS_INDEX, lambda s: "<br>" not in s["text"])
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    narrow = fitted(driver, CROSS_INDEX, lambda s: s["width"] < 400 and "<br>" in s["text"])
    assert narrow["text"] == servers_text(narrow["fit"])
    assert narrow["top"] == wide["top"] + title_margin(2) - title_margin(1)
    assert narrow["height"] == wide["height"]  # the plot gives the title its room
    assert_laid_out(narrow)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)
    again = fitted(driver, CROSS_INDEX, lambda s: s["width"] > 1000 and "<br>" not in s["text"])
    assert (again["top"], again["height"]) == (wide["top"], wide["height"])
    assert_laid_out(again)


# A redraw of the chart as it is (a relayout that changes nothing), counting the relayouts
# of its title that follow, once plotly has drawn.
REDRAW = """
    const [graph, done] = arguments;
    const gd = document.querySelector(graph + ' .js-plotly-plot');
    let titles = 0;
    gd.on('plotly_relayout', (update) => { if ('title.text' in update) titles += 1; });
    window.Plotly.relayout(gd, {'xaxis.showgrid': gd._fullLayout.xaxis.showgrid})
      .then(() => window.requestAnimationFrame(() => done([titles, !!gd._ciTitleFitting])));
"""


def test_a_new_figure_is_fitted_and_a_redraw_changes_nothing(driver, base_url, desktop):
    """The Map's edition picked: the callback's new figure (a new title) is broken again to
    the width; a fitted chart redrawn relayouts nothing more (no loop)."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/map?lang=en", "#map-tiles .gtitle")
    first = fitted(driver, "#map-tiles", lambda s: "<br>" not in s["text"])
    assert len(first["fit"]["lines"]) == 2  # the phone's two lines, on one here
    driver.find_element(By.CSS_SELECTOR, "#map-edition input[value='2020']").click()
    state = fitted(driver, "#map-tiles", lambda s: "2020" in s["fit"]["text"]
                   and s["text"] == s["fit"]["text"])
    assert_laid_out(state)
    assert driver.execute_async_script(REDRAW, "#map-tiles") == [0, False]


def test_saved_svg_keeps_the_title_as_drawn(driver, base_url, download_dir, desktop):
    """The chart saved as SVG at 1366 px: its title on the one line drawn."""
    from selenium.webdriver.common.by import By

    for old in download_dir.iterdir():
        old.unlink()
    open_page(driver, base_url + "/cross-index?lang=en", CROSS_INDEX + " .gtitle")
    fitted(driver, CROSS_INDEX, lambda s: "<br>" not in s["text"])
    driver.find_element(By.CSS_SELECTOR, '.ci-chart-export-button'
                        '[data-graph="crossindex-chart"][data-format="svg"]').click()
    svg = wait_for_download(download_dir, ".svg").read_text(encoding="utf-8")
    assert f">{CROSS_INDEX_TITLE}<" in svg


# The script's breaking rules with a line fitting ``width`` characters as a reader sees them.
WRAP = """
    const [text, width] = arguments;
    const shown = (line) => line.replace(/[\\u200e\\u200f\\u2060\\u2066-\\u2069]/g, '');
    return window.cyberindexTitleFit.wrap(text, (line) => shown(line).length <= width);
"""
SUM = "ITU figure: 82.41 = 18.40+17.94+12.37+15.24+18.46 in the 2020 edition"


@pytest.mark.parametrize(("text", "width"), [
    pytest.param(CROSS_INDEX_TITLE, 34, id="words"),
    pytest.param("Piliers de l'indice mondial de cybersécurité (chacun sur 20)", 34,
                 id="bracket-first"),
    pytest.param(expressions_kept_whole("Score (rescaled to 0-100; 2014-2018 published on "
                                        "0-1)", "ar"), 31, id="isolated-ranges"),
    pytest.param(expressions_kept_whole(SUM, "ar"), 20, id="sum-kept-whole"),
    pytest.param("الدرجة الإجمالية في المؤشر العالمي للأمن السيبراني حسب الإصدار", 34,
                 id="arabic"),
])
def test_the_browser_breaks_as_the_server_does(driver, base_url, text, width):
    """With lines counted in characters, the script's lines are :func:`wrapped`'s: before the
    bracket first, then between words, never inside an isolated run."""
    open_page(driver, base_url + "/cross-index?lang=en", CROSS_INDEX + " .gtitle")
    wait_for(lambda: driver.execute_script("return !!window.cyberindexTitleFit"))
    assert driver.execute_script(WRAP, text, width) == wrapped(text, width)
