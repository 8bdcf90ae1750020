"""The printable brief on a 390 px phone in a real Chromium: nothing wider than the screen (the
peer-group form and the trend table made it 400 px in English, 481 in French, 408 in Arabic);
a wide table scrolls in its own named box, reached by keyboard."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser





@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("iso3", ["MAR", "OMN"])
def test_the_brief_fits_a_phone(phone, base_url, lang, iso3):
    """The page is no wider than the screen; what is wider sits in a box that scrolls."""
    open_page(phone, f"{base_url}/brief/{iso3}?lang={lang}", "main#main")
    width, client = phone.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    outside = phone.execute_script("""
        var edge = document.documentElement.clientWidth;
        return Array.from(document.querySelectorAll('body *')).filter(function (el) {
            var r = el.getBoundingClientRect();
            return (r.right > edge + 1 || r.left < -1) && !el.closest('.table-scroll');
        }).slice(0, 5).map(function (el) { return el.tagName + '.' + el.className; });""")
    assert (width, outside) == (client, []), (width, client, outside)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_wide_tables_scroll_in_a_named_focusable_box(phone, base_url, lang):
    """Every table of the brief is in a box named by its caption, reachable by keyboard, that
    scrolls sideways when the table is wider than the phone (the trend's six columns)."""
    open_page(phone, f"{base_url}/brief/MAR?lang={lang}", "main#main")
    boxes = phone.execute_script("""
        return Array.from(document.querySelectorAll('table')).map(function (table) {
            var box = table.parentElement;
            return [box.className, box.getAttribute('role'), box.tabIndex,
                    box.getAttribute('aria-label'), table.caption.textContent,
                    box.scrollWidth > box.clientWidth, getComputedStyle(box).overflowX];
        });""")
    assert len(boxes) == 3
    for css, role, tabindex, label, caption, _, overflow in boxes:
        assert (css, role, tabindex, label, overflow) == (
            "table-scroll", "region", 0, caption, "auto")
