"""Compare in a real Chromium: a preset and an edition live in the URL, the link reopens the
same view, back returns to the previous selection, and a chart's CSV holds the selection."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.browser.conftest import TIMEOUT, open_page, severe_console_entries, wait_for_download

pytestmark = pytest.mark.browser

RANKING_CELLS = "#compare-ranking td.dash-cell"
# The Maghreb preset: its members and the watched countries (dashboard.peer_selection).
MAGHREB = {"DZA", "LBY", "MAR", "MRT", "TUN", "OMN"}
PILLARS = {"itu_gci.legal", "itu_gci.technical", "itu_gci.organizational",
           "itu_gci.capacity_development", "itu_gci.cooperation"}


def _wait(driver, condition):
    """Wait for ``condition``; elements replaced by a re-render are looked up again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, TIMEOUT, ignored_exceptions=(
        StaleElementReferenceException,)).until(condition)


def pick_preset(driver, label: str) -> None:
    """Open the peer-group dropdown and choose the option reading ``label``."""
    from selenium.webdriver.common.by import By

    driver.find_element(By.ID, "compare-group").click()
    option = _wait(driver, lambda d: next(
        (o for o in d.find_elements(By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option")
         if label in o.text), None))
    option.click()


def pick_edition(driver, year: int) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f"#compare-edition input[value='{year}']").click()


def view_of(driver) -> dict:
    """What the page shows: picked countries, the edition, the ranking's cells."""
    from selenium.webdriver.common.by import By

    countries = [e.text for e in driver.find_elements(
        By.CSS_SELECTOR, "#compare-countries .dash-dropdown-value-item")]
    edition = [e.get_attribute("value") for e in driver.find_elements(
        By.CSS_SELECTOR, "#compare-edition input[type=radio]") if e.is_selected()]
    cells = [c.text for c in driver.find_elements(By.CSS_SELECTOR, RANKING_CELLS)]
    return {"countries": countries, "edition": edition, "cells": cells}


def test_preset_and_edition_survive_the_link_and_back(driver, base_url, download_dir):
    """Set a view, reopen its link in a fresh tab (same view), go back (previous selection),
    then download the pillars chart's CSV: exactly the selected countries' rows."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/compare", RANKING_CELLS)
    driver.get_log("browser")
    before = view_of(driver)
    assert len(before["countries"]) == 7 and before["edition"] == ["2024"]

    pick_preset(driver, "Maghreb")
    _wait(driver, lambda d: d.current_url.endswith("/compare?v=1&group=maghreb"))
    _wait(driver, lambda d: len(view_of(d)["countries"]) == len(MAGHREB))
    preset_view = _wait(driver, lambda d: (v := view_of(d))["cells"] != before["cells"] and v)
    pick_edition(driver, 2020)
    _wait(driver, lambda d: d.current_url.endswith("?v=1&group=maghreb&edition=2020"))
    _wait(driver, lambda d: "Places gained" in d.find_element(By.ID, "compare-ranking").text)
    link = _wait(driver, lambda d: d.find_element(By.ID, "compare-permalink").get_attribute(
        "value") == d.current_url and d.current_url)
    shown = view_of(driver)
    assert shown["edition"] == ["2020"] and len(shown["countries"]) == len(MAGHREB)
    # The language switch follows the pushed URL.
    french = driver.find_element(By.CSS_SELECTOR, ".ci-lang-switch a[hreflang=fr]")
    _wait(driver, lambda d: "group=maghreb" in french.get_attribute("href")
          and "edition=2020" in french.get_attribute("href"))
    assert severe_console_entries(driver) == []

    driver.switch_to.new_window("tab")  # someone opening the forwarded link
    try:
        open_page(driver, link, RANKING_CELLS)
        _wait(driver, lambda d: view_of(d)["cells"] == shown["cells"])
        assert view_of(driver) == shown
        assert driver.find_element(By.ID, "compare-notices").text == ""
        assert severe_console_entries(driver) == []
    finally:
        driver.close()
        driver.switch_to.window(driver.window_handles[0])

    driver.back()  # before the edition was changed: the preset in 2024
    _wait(driver, lambda d: d.current_url.endswith("/compare?v=1&group=maghreb"))
    _wait(driver, lambda d: view_of(d) == preset_view)
    driver.back()  # before the preset: the defaults
    _wait(driver, lambda d: d.current_url.endswith("/compare"))
    _wait(driver, lambda d: view_of(d) == before)
    driver.forward()
    driver.forward()
    _wait(driver, lambda d: view_of(d) == shown)

    csv = _wait(driver, lambda d: d.find_element(By.ID, "compare-pillars-download-csv"))
    assert "country=MAR,OMN,DZA,LBY,MRT,TUN" in csv.get_attribute("href")  # watched first
    csv.click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert set(frame["iso3"]) == MAGHREB and set(frame["edition"]) == {2020}
    assert set(frame["indicator"]) == PILLARS and len(frame) == len(MAGHREB) * len(PILLARS)
    assert driver.current_url.endswith("?v=1&group=maghreb&edition=2020")  # the page stays


def test_stale_link_shows_notice_and_the_rest(driver, base_url):
    """An unknown country and an edition without pillars are named; the rest of the view loads."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/compare?countries=MAR,XXX&edition=1066&lang=fr",
              RANKING_CELLS)
    notices = driver.find_element(By.ID, "compare-notices").text
    assert "XXX" in notices and "1066" in notices
    assert view_of(driver)["countries"] == ["Maroc"] and view_of(driver)["edition"] == ["2024"]


def test_ranking_sorts_names_in_the_page_language(driver, base_url):
    """Clicking the country header sorts the ranking on the server in French collation order
    (Égypte and Émirats arabes unis before Koweït), the link keeps the sort, and a change of
    countries keeps the rows in that sort."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/compare?v=1&lang=fr&country=QAT,EGY,ARE,KWT&edition=2020",
              RANKING_CELLS)
    driver.get_log("browser")

    def countries(d):  # the names, without the mark a disputed value carries (Kuwait 2020)
        return [c.text.split(" ⚑")[0].strip() for c in d.find_elements(
            By.CSS_SELECTOR, "#compare-ranking td.dash-cell[data-dash-column='country']")]

    driver.find_element(
        By.CSS_SELECTOR, "#compare-ranking th[data-dash-column='country'] .column-header--sort"
    ).click()
    _wait(driver, lambda d: "sort=country:asc" in d.current_url)
    _wait(driver, lambda d: countries(d) == ["Égypte", "Émirats arabes unis", "Koweït",
                                             "Qatar"])
    assert severe_console_entries(driver) == []
