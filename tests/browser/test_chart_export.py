"""Saving a chart: the PNG and SVG buttons under each chart save it as drawn, in the page's
language, through plotly's own image export (no server round trip), with a credit line under
the plot saying where its figures come from and which view it was saved from."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import open_page, severe_console_entries, wait_for_download

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("fmt", "suffix"), [("svg", ".svg"), ("png", ".png")])
def test_chart_is_saved_as_drawn(driver, base_url, download_dir, fmt, suffix):
    """The Arabic Compare chart saved as SVG holds its Arabic title; as PNG, a PNG image."""
    from selenium.webdriver.common.by import By

    for old in download_dir.iterdir():
        old.unlink()
    open_page(driver, base_url + "/compare?lang=ar", "#compare-trend .main-svg")
    button = driver.find_element(
        By.CSS_SELECTOR, f'.ci-chart-export-button[data-graph="compare-trend"][data-format="{fmt}"]')
    assert button.get_attribute("title") == f"حفظ المخطط بصيغة {fmt.upper()}"
    button.click()
    saved = wait_for_download(download_dir, suffix)
    assert saved.name.startswith("cyberindex-compare-trend")
    data = saved.read_bytes()
    if fmt == "svg":
        text = data.decode("utf-8")
        assert text.lstrip().startswith("<svg") and "الدرجة الإجمالية" in text
        # The credit under the plot: who published the figures, the view's address, the day.
        assert "المصدر: الاتحاد الدولي للاتصالات، المؤشر العالمي للأمن السيبراني" in text
        assert "/compare?lang=ar" in text.replace("&amp;", "&")
        assert date.today().isoformat() in text
    else:
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert not severe_console_entries(driver)
