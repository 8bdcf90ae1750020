"""The News page's download links in a real Chromium: the claims the filter selects arrive as
a file, in the page's language, samples flagged."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.browser.conftest import open_page, severe_console_entries, wait_for_download

pytestmark = pytest.mark.browser


def test_claims_link_downloads_the_filtered_claims(driver, base_url, download_dir):
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/news?v=1&lang=fr&country=MAR&samples=1",
              "#news-claims table")
    driver.get_log("browser")
    link = driver.find_element(By.ID, "news-claims-download-csv")
    href = link.get_attribute("href")
    assert "country=MAR" in href and "samples=1" in href and "lang=fr" in href
    for earlier in download_dir.glob("*.csv"):
        earlier.unlink()
    link.click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert len(frame) > 0 and frame["is_sample"].all()
    named = set(frame["country"].dropna())
    assert "Maroc" in named and "Morocco" not in named  # named in the page's language
    assert driver.current_url.startswith(base_url + "/news")
    assert severe_console_entries(driver) == []
