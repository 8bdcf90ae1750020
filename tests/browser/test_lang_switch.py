"""The language links carry the view the reader has now, not the one the page was built
with: a filter changed after loading survives the switch to French (dashboard/assets/
lang-switch.js), in a real Chromium."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page, severe_console_entries
from tests.browser.test_back_button import checked
from tests.browser.test_compare_permalink import _wait

pytestmark = pytest.mark.browser


def test_news_period_survives_the_switch_to_french(driver, base_url):
    """Month chosen on the English News page, then "Français": the French page shows months."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/news", "#news-volume .main-svg")
    driver.get_log("browser")
    driver.find_element(By.CSS_SELECTOR, "#news-freq input[value=month]").click()
    _wait(driver, lambda d: d.current_url.endswith("/news?v=1&freq=month"))
    driver.find_element(By.CSS_SELECTOR, ".ci-lang-switch a[hreflang=fr]").click()
    _wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")
    _wait(driver, lambda d: checked(d, "#news-freq") == ["month"])
    assert "freq=month" in driver.current_url and "lang=fr" in driver.current_url
    assert severe_console_entries(driver) == []


def test_changes_kinds_survive_the_switch_to_arabic(driver, base_url):
    """Kinds narrowed on What changed, then "العربية": the Arabic page keeps the kinds."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/changes", "#changes-summary")
    driver.get_log("browser")
    driver.find_element(By.CSS_SELECTOR, "#changes-kinds input[value=removed]").click()
    _wait(driver, lambda d: "kind=added,changed,provenance" in d.current_url)
    driver.find_element(By.CSS_SELECTOR, ".ci-lang-switch a[hreflang=ar]").click()
    _wait(driver, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl")
    _wait(driver, lambda d: checked(d, "#changes-kinds") == ["added", "changed", "provenance"])
    assert "lang=ar" in driver.current_url
    assert severe_console_entries(driver) == []
