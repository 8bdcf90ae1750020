"""The claims table on a 390 px phone, in a real Chromium: each claim is a card that fits the
screen (the Claimed and Official figures on it, each under its column's name), in English,
French and Arabic (right to left); on a desktop it is still a table, with its header row, and
screen readers get table roles either way.

Uses the shared browser fixtures of ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

TABLE = "#news-claims table"

LAYOUT = """
const table = document.querySelector(arguments[0]);
const box = table.closest('.ci-table-scroll');
const rect = e => e.getBoundingClientRect();
const rows = [...table.querySelectorAll('tbody tr')];
const cell = (row, n) => row.children[n];
const label = c => getComputedStyle(c, '::before').content;
return JSON.stringify({
  viewport: window.innerWidth,
  page: document.documentElement.scrollWidth,
  box: [box.clientWidth, box.scrollWidth],
  display: getComputedStyle(table).display,
  headHeight: rect(table.querySelector('thead')).height,
  roles: [table.getAttribute('role'), rows[0].getAttribute('role'),
          cell(rows[0], 5).getAttribute('role'),
          table.querySelector('th').getAttribute('role')],
  rows: rows.map(r => rect(r).height),
  figures: rows.map(r => [4, 5].map(n => [rect(cell(r, n)).left, rect(cell(r, n)).right])),
  labels: [4, 5].map(n => [cell(rows[0], n).dataset.label, label(cell(rows[0], n))]),
  headers: [4, 5].map(n => table.querySelectorAll('th')[n].textContent),
  verdictCountry: [rect(cell(rows[0], 0)).left, rect(cell(rows[0], 1)).left],
});
"""


def layout(driver, url: str) -> dict:
    open_page(driver, url, TABLE)
    return json.loads(driver.execute_script(LAYOUT, TABLE))




@pytest.mark.parametrize(("lang", "claimed", "official"), [
    ("en", "Claimed", "Official"), ("fr", "Affirmé", "Officiel"),
    ("ar", "القيمة المذكورة", "القيمة الرسمية"),
])
def test_claims_are_cards_that_fit_a_phone(phone, base_url, lang, claimed, official):
    """At 390 px no claim runs off the screen: the page and the table's box do not scroll
    sideways, the Claimed and Official figures of every claim are on screen, under their
    names, and a card stays a few hundred pixels tall."""
    seen = layout(phone, f"{base_url}/news?v=1&samples=1&lang={lang}")
    assert seen["viewport"] == 390 and seen["page"] <= 390
    assert seen["box"][1] <= seen["box"][0] <= 390
    assert len(seen["rows"]) > 10 and max(seen["rows"]) < 700
    for figures in seen["figures"]:
        for left, right in figures:
            assert 0 <= left < right <= 390
    assert seen["headers"] == [claimed, official]
    assert [name for name, _ in seen["labels"]] == [claimed, official]
    assert all(claimed in drawn or official in drawn for _, drawn in seen["labels"])
    assert seen["roles"] == ["table", "row", "cell", "columnheader"]
    assert seen["headHeight"] <= 1  # out of sight, still read by screen readers
    verdict, country = seen["verdictCountry"]
    assert (verdict > country) if lang == "ar" else (verdict < country)  # right to left


def test_claims_stay_a_table_on_a_desktop(driver, base_url):
    seen = layout(driver, f"{base_url}/news?v=1&samples=1&lang=fr")
    assert seen["display"] == "table" and seen["headHeight"] > 10
    assert seen["roles"] == ["table", "row", "cell", "columnheader"]
