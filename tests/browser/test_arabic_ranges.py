"""Ranges read left to right and stay on one line in a real Chromium: where each character of
"0-100" lands on the screen of an Arabic page (the bidi algorithm had drawn "100-0" after
Arabic words, and a narrow column had broken "0-" from "100")."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page, wait_for

pytestmark = pytest.mark.browser

# Each place of a range in the page's text (format characters left out: isolates, overrides,
# word joiners), with the screen box of its first and last digit and of every character.
RANGES = r"""
const wanted = arguments[0], root = document.querySelector(arguments[1]);
const marks = /[\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069]/;
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
const found = [];
let node;
while ((node = walker.nextNode())) {
  if (node.parentElement.closest('svg, script, style')) continue;
  const kept = [];  // indices of the characters that are not format characters
  for (let i = 0; i < node.data.length; i++) if (!marks.test(node.data[i])) kept.push(i);
  const plain = kept.map(i => node.data[i]).join('');
  let at = plain.indexOf(wanted);
  while (at >= 0) {
    const before = plain[at - 1], after = plain[at + wanted.length];
    if (!/[\d\u0660-\u0669]/.test(before || '') && !/[\d\u0660-\u0669]/.test(after || '')) {
      const boxes = kept.slice(at, at + wanted.length).map(i => {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect();
        return [box.x, box.y, box.width];
      });
      found.push({text: node.data, boxes: boxes});
    }
    at = plain.indexOf(wanted, at + 1);
  }
}
return found;
"""


def ranges_on_screen(driver, wanted: str, root: str = "#main") -> list[dict]:
    return driver.execute_script(RANGES, wanted, root)


def assert_read_left_to_right_on_one_line(found: list[dict], wanted: str) -> None:
    assert found, f"no {wanted!r} on the page"
    for place in found:
        boxes = [box for box in place["boxes"] if box[2] > 0]
        assert len(boxes) == len(wanted), place
        xs, ys = [box[0] for box in boxes], [box[1] for box in boxes]
        assert max(ys) - min(ys) < 2, f"{wanted!r} broken across lines: {place}"
        assert xs == sorted(xs), f"{wanted!r} not read left to right: {place}"


@pytest.mark.parametrize(("path", "wanted"), [
    pytest.param("/?lang=ar&digits=latn", "0-100", id="overview"),
    pytest.param("/compare?lang=ar&digits=latn", "2014-2018", id="compare-years"),
    pytest.param("/?lang=ar&digits=arab", "٠-١٠٠", id="overview-arabic-indic"),
])
def test_arabic_range_reads_left_to_right(desktop, base_url, path, wanted):
    """0 is drawn left of 100 (and 2014 left of 2018) wherever the range sits in Arabic."""
    open_page(desktop, base_url + path, "#main p")
    found = wait_for(lambda: ranges_on_screen(desktop, wanted))
    assert_read_left_to_right_on_one_line(found, wanted)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_range_is_not_broken_on_a_phone(phone, base_url, lang):
    """Every "0-100" of the Compare page on a phone (its tables' headers in columns a phone
    makes narrow, "Score (0-" had ended a line): one line, read left to right."""
    open_page(phone, f"{base_url}/compare?lang={lang}&digits=latn", "#main table th")
    found = wait_for(lambda: [place for place in ranges_on_screen(phone, "0-100")
                              if "(" in place["text"]])
    assert_read_left_to_right_on_one_line(ranges_on_screen(phone, "0-100"), "0-100")
    assert found
