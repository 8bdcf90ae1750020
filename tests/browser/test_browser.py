"""A real headless Chromium opens every page of the served dashboard (one server, one driver)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import TIMEOUT, open_page, severe_console_entries

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "selector"), [
    pytest.param("/", "#overview-score-mar-2024", id="overview"),
    pytest.param("/compare", "#compare-trend .main-svg", id="compare"),
    pytest.param("/country/MAR", "#country-figures", id="country"),
    pytest.param("/status", "#status-runs", id="status"),
    pytest.param("/country/ZZZ", "#country-notice", id="country-unknown"),  # answers 404
    pytest.param("/compare?lang=ar", "#compare-pillars .main-svg", id="compare-ar"),
    pytest.param("/changes", "#changes-table", id="changes"),
    pytest.param("/changes?lang=fr&country=MAR", "#changes-table", id="changes-fr"),
    pytest.param("/cross-index", "#crossindex-chart .main-svg", id="cross-index"),
    pytest.param("/cross-index?lang=ar&countries=MAR,OMN", "#crossindex-chart .main-svg",
                 id="cross-index-ar"),
])
def test_every_page_renders_without_console_errors(driver, base_url, path, selector):
    """Each page renders its main element and logs no SEVERE console entry."""
    driver.get_log("browser")  # start from an empty log
    open_page(driver, base_url + path, selector)
    assert [e for e in severe_console_entries(driver) if not _own_404(e, base_url + path)] == []


def _own_404(entry: dict, url: str) -> bool:
    """The browser's note that the page's own document answered 404: an unknown country's
    page does, by design (dashboard.pages.not_found_404.status_of), and still renders."""
    return (entry.get("source") == "network" and "/country/ZZZ" in url
            and entry["message"].startswith(f"{url} - ") and "status of 404" in entry["message"])


def test_overview_shows_morocco_97_5(driver, base_url):
    """Morocco's GCI 2024 score is on the page as the text 97.5."""
    from selenium.webdriver.common.by import By

    element = open_page(driver, base_url + "/", "#overview-score-mar-2024")
    assert element.text == "97.5"
    assert "97.5" in driver.find_element(By.ID, "overview-card-mar").text
    assert severe_console_entries(driver) == []


def test_arabic_is_right_to_left_and_navigation_keeps_the_language(driver, base_url):
    """?lang=ar gives <html lang=ar dir=rtl>; following the nav keeps Arabic."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, base_url + "/?lang=ar", "#overview-score-mar-2024")
    root = driver.find_element(By.TAG_NAME, "html")
    assert (root.get_attribute("lang"), root.get_attribute("dir")) == ("ar", "rtl")
    assert driver.find_element(By.CSS_SELECTOR, ".ci-page").get_attribute("dir") == "rtl"
    driver.find_element(By.CSS_SELECTOR, ".ci-nav a[href^='/compare']").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: "/compare" in d.current_url)
    assert "lang=ar" in driver.current_url
    open_page(driver, driver.current_url, "#compare-trend .main-svg")
    assert "مقارنة الدول" in driver.find_element(By.TAG_NAME, "h1").text
    assert severe_console_entries(driver) == []
