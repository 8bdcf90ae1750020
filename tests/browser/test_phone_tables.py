"""The Compare ranking and the Country page's two tables of figures on a 390 px phone, in
English and Arabic: the figures are on the screen as the page opens, and rows are a few lines
tall, without blank space; on a 1366 px desktop their columns keep their order.

A walkthrough at 390 px found names without a figure: the ranking's Country column 412 px wide
(a country's mark, "⚑ Flagged and sources disagree (see note)", on one line) with the scores
off to the side, its rows 64 px tall for a line of text (a markdown link's paragraph margins);
the Country page's tables showed their first columns, their rows 100-200 px tall (the columns
off the screen, 7em each, wrapped a document's title or a channel into six lines).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, open_page

pytestmark = pytest.mark.browser

# (page, table, the first data row's cells to find: the name, then its figures).
TABLES = [
    pytest.param("/compare", "#compare-ranking",
                 ("td[data-dash-column='country']", "td[data-dash-column='score']",
                  "td[data-dash-column='tier']"), id="compare-ranking"),
    pytest.param("/country/MAR", "#country-other-indices-table",
                 ("td:nth-child(1)", "td:nth-child(3)", "td:nth-child(4)"),
                 id="country-latest-values"),
    pytest.param("/country/MAR", "#country-figures",
                 ("td:nth-child(2)", "td:nth-child(3)", "td:nth-child(5)"),
                 id="country-every-figure"),
]
# The first data row of a table: its cells' boxes, what its scrolling box shows, the height of
# one line of its text (its line-height; a 'normal' one, its letters' box), the row's height and
# vertical padding, and the tallest text in it (from its first line's letters to its last's: no
# box's margins).
FIRST_ROW = """
var table = document.querySelector(arguments[0]);
var cells = arguments[1].map(function (selector) {
    var row = Array.from(table.querySelectorAll('tr')).find(function (tr) {
        return tr.querySelector(':scope > ' + selector);
    });
    return row.querySelector(':scope > ' + selector);
});
var row = cells[0].parentElement;
var probe = document.createElement('span');
probe.textContent = 'x';
cells[0].appendChild(probe);
var line = parseFloat(getComputedStyle(probe).lineHeight) || probe.getBoundingClientRect().height;
probe.remove();
var text = Math.max.apply(null, Array.from(row.children).map(function (cell) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), top = null, bottom = 0;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var range = document.createRange();
        range.selectNodeContents(node);
        Array.from(range.getClientRects()).forEach(function (box) {
            if (box.height === 0) { return; }
            top = top === null ? box.top : Math.min(top, box.top);
            bottom = Math.max(bottom, box.bottom);
        });
    }
    return top === null ? 0 : bottom - top;
}));
var style = getComputedStyle(cells[0]);
var scroller = (table.querySelector('.dash-spreadsheet-container')
                || table.closest('.ci-table-scroll')).getBoundingClientRect();
return {
    shown: [scroller.left, scroller.right],
    boxes: cells.map(function (cell) {
        var box = cell.getBoundingClientRect();
        return [box.left, box.right, cell.innerText.trim().slice(0, 30)];
    }),
    line: line, height: row.getBoundingClientRect().height, text: text,
    padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom)};"""


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("path", "table", "cells"), TABLES)
def test_a_phone_shows_the_figures(phone, base_url, path, table, cells, lang):
    """At 390 px the first row's name, value and rank or tier are whole on the screen before
    any scrolling (the ranking's score began at 436 px, the Country figures' rank at 432 px);
    the row is three lines tall at most (163 px for a 2014 row) and holds no blank space (a
    one-line ranking row was 64 px tall)."""
    open_page(phone, f"{base_url}{path}?lang={lang}", f"{table} td")
    found = phone.execute_script(FIRST_ROW, table, list(cells))
    box_left, box_right = found["shown"]  # what the table's scrolling box shows
    for left, right, text in found["boxes"]:
        assert 0 <= left and right <= PHONE["width"], (table, lang, text, left, right)
        assert box_left - 1 <= left and right <= box_right + 1, (table, lang, text, left, right,
                                                                 found["shown"])
    assert found["height"] <= 3.5 * found["line"] + found["padding"], (table, lang, found)
    # (A text's box is a line less the space its line adds above and below its letters.)
    assert found["height"] <= found["text"] + found["padding"] + found["line"] / 2, (
        table, lang, found)


# The lines the ranking's "change" heading is set in (the distinct tops of its text's boxes),
# and the height of its row.
HEADING_LINES = """
var cell = document.querySelector("#compare-ranking th[data-dash-column='change']");
var range = document.createRange();
range.selectNodeContents(cell);
var tops = new Set(Array.from(range.getClientRects()).filter(function (box) {
    return box.height > 0; }).map(function (box) { return Math.round(box.top); }));
return [tops.size, cell.parentElement.getBoundingClientRect().height];"""


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_ranking_change_heading_takes_a_few_lines_on_a_phone(phone, base_url, lang):
    """At 390 px the ranking's "Change vs previous edition (points, 0-100 basis)" heading, in
    its scroller, is set in a few lines (84 px wide, it took six and more, and made the heading
    row 146 px tall; French is the longest, five lines)."""
    open_page(phone, f"{base_url}/compare?lang={lang}", "#compare-ranking td")
    lines, height = phone.execute_script(HEADING_LINES)
    assert lines <= 5 and height < 100, (lang, lines, height)


# Each table's column headings on a desktop, in their order (English).
DESKTOP_COLUMNS = {
    "#compare-ranking": ["Country", "Score (0\u2060-\u2060100)", "Tier",
                         "Change vs previous edition (points, 0\u2060-\u2060100 basis)",
                         "Previous edition"],
    "#country-other-indices-table": ["Index", "Edition", "Value", "Rank or tier",
                                     "Percentile in the group", "Source document", "Channel",
                                     "Verification", "Source links"],
    "#country-figures": ["Edition", "Indicator", "Value as published", "Scale", "Rank or tier",
                         "Source document", "Channel", "Verification", "Source links", "Note"],
}
HEADINGS = """
var table = document.querySelector(arguments[0]);
var row = Array.from(table.querySelectorAll('tr')).find(function (tr) {
    return tr.querySelector(':scope > th');
});
return Array.from(row.children).map(function (cell) {
    var box = cell.getBoundingClientRect();
    return [cell.innerText.trim(), box.left, box.right];
});"""


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("path", "table", "cells"), TABLES)
def test_a_desktop_keeps_the_columns_in_order(desktop, base_url, path, table, cells, lang):
    """At 1366 px each table keeps its columns, in their order (from the right in Arabic),
    every heading inside the screen."""
    open_page(desktop, f"{base_url}{path}?lang={lang}", f"{table} td")
    headings = desktop.execute_script(HEADINGS, table)
    if lang == "en":
        assert [text for text, _, _ in headings] == DESKTOP_COLUMNS[table]
    else:
        assert len(headings) == len(DESKTOP_COLUMNS[table])
    lefts = [left for _, left, _ in headings]
    assert lefts == sorted(lefts, reverse=lang == "ar"), headings
    assert all(0 <= left and right <= 1366 for _, left, right in headings), headings



# Each cell holding a correction's reason and the cell after it (rank or tier): their
# [left, right], what the table's scroller shows, the reason.
CORRECTED_ROWS = """
var table = document.querySelector(arguments[0]);
var shown = (table.querySelector('.dash-spreadsheet-container')
             || table.closest('.ci-table-scroll')).getBoundingClientRect();
return Array.from(table.querySelectorAll('.ci-correction-reason')).map(function (reason) {
    var cell = reason.closest('td');
    return {cells: [cell, cell.nextElementSibling].map(function (c) {
                var box = c.getBoundingClientRect();
                return [box.left, box.right];
            }),
            shown: [shown.left, shown.right], text: reason.innerText};
});"""


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_long_sum_in_a_correction_wraps_on_a_phone(phone, base_url, lang):
    """Oman's GCI 2024 score carries the ledger's reason, which ends in the sum of its five
    pillars "(19.59+18.39+20+19.03+20)": a browser breaks no line inside a sum, so at 390 px
    that one word made the Value column wide enough to push the rank off the screen. A line
    may now break after each "+": the value cell and the rank beside it are on the screen."""
    open_page(phone, f"{base_url}/country/OMN?lang={lang}", "#country-figures td")
    found = [row for table in ("#country-figures", "#country-other-indices-table")
             for row in phone.execute_script(CORRECTED_ROWS, table)]
    assert any("+" in row["text"] for row in found), found  # the sum is there
    for row in found:
        low, high = max(0, row["shown"][0] - 1), min(PHONE["width"], row["shown"][1] + 1)
        for left, right in row["cells"]:
            assert low <= left and right <= high, (lang, row)
