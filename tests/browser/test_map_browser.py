"""The Map page in a real Chromium: one square per mapped country drawn in the SVG, the
edition picked goes to the URL, the language links and the downloads (whose CSV holds exactly
the mapped countries' GCI of that edition), and on a 390 px phone the map fits the screen."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.tile_layout import TILES
from tests.browser.conftest import (
    PHONE,
    open_page,
    severe_console_entries,
    wait_for,
    wait_for_download,
)

pytestmark = pytest.mark.browser

SQUARES = "#map-tiles .scatterlayer .trace .point"


def square_codes(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR,
                                                 "#map-tiles .scatterlayer .textpoint")]


def test_edition_goes_to_the_url_and_the_download(driver, base_url, download_dir):
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/map?lang=ar", SQUARES)
    driver.get_log("browser")
    codes = wait_for(lambda: len(square_codes(driver)) == len(TILES) and square_codes(driver))
    assert sorted(codes) == sorted(TILES)
    driver.find_element(By.CSS_SELECTOR, "#map-edition input[value='2020']").click()
    wait_for(lambda: driver.current_url.endswith("/map?v=1&edition=2020&lang=ar"))
    csv = wait_for(lambda: (a := driver.find_element(By.ID, "map-download-csv"))
                   and "edition=2020" in a.get_attribute("href") and a)
    assert "group=african_union,arab_league,mena" in csv.get_attribute("href")
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "#map-tiles .colorbar"))
    assert severe_console_entries(driver) == []
    csv.click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert set(frame["iso3"]) == set(TILES) and set(frame["edition"]) == {2020}
    assert set(frame["indicator"]) == {"itu_gci.overall"}


def test_bad_edition_in_the_link_shows_the_latest_with_a_notice(driver, base_url):
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/map?edition=1066&lang=fr", SQUARES)
    assert "1066" in driver.find_element(By.ID, "map-notices").text
    checked = [e.get_attribute("value") for e in driver.find_elements(
        By.CSS_SELECTOR, "#map-edition input[type=radio]") if e.is_selected()]
    assert checked == ["2024"]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_map_fits_a_phone(driver, base_url, lang):
    """At 390 px every square is inside the screen, the page does not scroll sideways and no
    square covers its neighbour, in every language (their legends differ in length)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        open_page(driver, base_url + f"/map?lang={lang}", SQUARES)
        wait_for(lambda: len(square_codes(driver)) == len(TILES))
        right = driver.execute_script(
            "return Math.max(...[...document.querySelectorAll(arguments[0])]"
            ".map(e => e.getBoundingClientRect().right))", SQUARES)
        assert right <= PHONE["width"]
        assert driver.execute_script("return document.documentElement.scrollWidth") \
            <= PHONE["width"]
        # Neighbours do not overlap: Morocco's and Algeria's squares are further apart than
        # a square is wide (the markers are sized in pixels, the grid by the screen).
        pitch, width = driver.execute_script("""
            const centre = e => { const r = e.getBoundingClientRect();
                                  return [(r.left + r.right) / 2, r.width]; };
            const text = c => [...document.querySelectorAll('#map-tiles .textpoint')]
                .find(e => e.textContent === c);
            const widths = [...document.querySelectorAll(arguments[0])].map(e => centre(e)[1]);
            return [centre(text('DZA'))[0] - centre(text('MAR'))[0], Math.min(...widths)];
        """, SQUARES)
        assert width < pitch, (width, pitch)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
