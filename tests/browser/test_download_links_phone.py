"""Download links on a 390 px phone: the row breaks between links, never inside one (the
Arabic ZIP link read on four lines, its brackets split). A line is a distinct top of the link's
boxes: mixed-direction text gives several boxes on one line."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

ONE_LINE = """
return [...document.querySelectorAll('.ci-download-link')].filter(a => a.offsetParent)
  .map(a => [a.dataset.format,
             new Set([...a.getClientRects()].map(r => Math.round(r.top))).size,
             a.getBoundingClientRect().right <= document.documentElement.clientWidth + 1,
             a.getBoundingClientRect().left >= -1]);
"""


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_each_download_link_holds_on_one_line(phone, base_url, lang):
    open_page(phone, f"{base_url}/compare?lang={lang}", ".ci-download-link")
    links = phone.execute_script(ONE_LINE)
    assert links and {fmt for fmt, *_ in links} >= {"csv", "zip"}
    assert all(lines == 1 and inside_right and inside_left
               for _, lines, inside_right, inside_left in links), links
