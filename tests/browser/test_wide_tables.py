"""Two tables as wide as their box on a 1366 px desktop, in English, French and Arabic.

The visual audit measured both wider than their box, their last columns scrolled out of view:
the Status page's latest runs in French, 1,330 px in a 1,232 px box (thirteen columns, eight of
counts under long French words), and the Country page's table of every figure, 1,463 px for Oman
(a note's unbreakable sum, "18.40+17.94+12.37+15.24+18.46", set its width). On a phone the
tables still scroll inside their own box, never the page; a sum that wraps in a note breaks at
a plus sign, never inside a number.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, open_page

pytestmark = pytest.mark.browser

LANGS = ("en", "fr", "ar")
TABLES = [("/status", "#status-runs"), ("/country/MAR", "#country-figures"),
          ("/country/OMN", "#country-figures")]
# The table's scrolling box: how wide its content is, and how wide the box shows.
BOX_WIDTHS = """
var box = document.querySelector(arguments[0]).closest('.ci-table-scroll');
return [box.scrollWidth, box.clientWidth];"""
# Each sum in a note ("19.59+18.39+20+19.03+20"), with " | " where a line ends inside it.
SUM_LINES = """
var found = [];
document.querySelectorAll(arguments[0]).forEach(function (cell) {
    // The cell's text, its characters each with its node: a sum may be split at each "+"
    // (a <wbr> between two text nodes).
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), text = '', at = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        for (var i = 0; i < node.data.length; i++) { at.push([node, i]); }
        text += node.data;
    }
    var sums = /\\d+(?:[.,]\\d+)?(?:\\+\\d+(?:[.,]\\d+)?)+/g, sum;
    while ((sum = sums.exec(text))) {
        var shown = '', top = null;
        for (var k = sum.index; k < sum.index + sum[0].length; k++) {
            var range = document.createRange();
            range.setStart(at[k][0], at[k][1]);
            range.setEnd(at[k][0], at[k][1] + 1);
            var line = Math.round(range.getBoundingClientRect().top);
            if (top !== null && line !== top) shown += ' | ';
            shown += text[k];
            top = line;
        }
        found.push(shown);
    }
});
return found;"""






@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("path", "table"), TABLES)
def test_a_table_fits_its_box_on_a_desktop(desktop, base_url, path, table, lang):
    """Nothing of the table is out of its box at 1366 px: its content is no wider than the
    box shows (the French runs were 98 px wider, Oman's figures up to 231 px)."""
    open_page(desktop, f"{base_url}{path}?lang={lang}", table)
    content, shown = desktop.execute_script(BOX_WIDTHS, table)
    assert content <= shown, (path, lang, content, shown)


@pytest.mark.parametrize("lang", ("en", "ar"))
@pytest.mark.parametrize("iso3", ["MAR", "OMN"])
def test_a_sum_in_a_note_breaks_only_at_a_plus_sign(desktop, base_url, iso3, lang):
    """A note's sum wraps, where it must, between its terms ("19.59+18.39+20+19.03 | +20"),
    never inside a number ("19.0 | 3"): a reader would take the pieces for other numbers."""
    open_page(desktop, f"{base_url}/country/{iso3}?lang={lang}", "#country-figures")
    sums = desktop.execute_script(SUM_LINES, "#country-figures td:nth-child(10)")
    assert sums  # the note of the 2020 (Morocco) or 2024 (Oman) edition, with its sum
    for shown in sums:
        lines = shown.split(" | ")
        for before, after in zip(lines, lines[1:], strict=False):
            assert before.endswith("+") or after.startswith("+"), shown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["/status", "/country/OMN"])
def test_a_phone_scrolls_the_table_not_the_page(phone, base_url, path, lang):
    """At 390 px the wide tables scroll inside their own box; the page is no wider than the
    screen. (Against the screen's width: on an emulated phone ``window.innerWidth`` grows
    with a page wider than the screen, 1,282 px when the tables' boxes did not scroll.)"""
    open_page(phone, f"{base_url}{path}?lang={lang}", "#main .ci-table-scroll")
    width = phone.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (path, lang, width)
