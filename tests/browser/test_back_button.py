"""Back and Forward in a real Chromium rebuild the view of the URL they return to.

A page writes its view to the address bar through its own ``dcc.Location(refresh=False)``;
Dash's page router never hears of those pushes, so Back to the URL it last rendered used to
change the address and leave the later view on screen (fixed by dashboard/assets/history.js).
Each test makes one change from a fresh page, then goes Back (and Forward on Compare).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page, severe_console_entries
from tests.browser.test_compare_permalink import RANKING_CELLS, _wait

pytestmark = pytest.mark.browser

JOINED_JS = """
var plot = document.querySelector('#compare-trend .js-plotly-plot');
return plot && plot.data ? plot.data.filter(function(tr) {
    return tr.meta && tr.meta.segment === 'across_break'; }).length : -1;
"""
CHECKED_JS = """
return Array.from(document.querySelectorAll(arguments[0] + ' input:checked'))
    .map(function(box) { return box.value; });
"""


def checked(driver, selector: str) -> list[str]:
    """Values of the ticked boxes or radio buttons under ``selector``."""
    return driver.execute_script(CHECKED_JS, selector)


def test_compare_join_back_unjoins_and_forward_joins_again(driver, base_url):
    """Space on the focused "join" box pushes join=1 (dotted segments); Back unjoins the lines
    and unticks the box; Forward joins them again."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url + "/compare", RANKING_CELLS)
    driver.get_log("browser")
    assert driver.execute_script(JOINED_JS) == 0
    box = driver.find_element(By.CSS_SELECTOR, "#compare-join input[type=checkbox]")
    label = box.find_element(By.XPATH, "./ancestor::label")
    assert "Join the lines across the 2024 break" in label.text
    driver.execute_script("arguments[0].focus();", box)
    box.send_keys(Keys.SPACE)
    _wait(driver, lambda d: d.current_url.endswith("/compare?v=1&join=1"))
    _wait(driver, lambda d: d.execute_script(JOINED_JS) > 0)
    driver.back()
    _wait(driver, lambda d: d.current_url.endswith("/compare"))
    _wait(driver, lambda d: d.execute_script(JOINED_JS) == 0)
    assert checked(driver, "#compare-join") == []
    driver.forward()
    _wait(driver, lambda d: d.current_url.endswith("/compare?v=1&join=1"))
    _wait(driver, lambda d: d.execute_script(JOINED_JS) > 0)
    assert checked(driver, "#compare-join") != []
    assert severe_console_entries(driver) == []


def test_cross_index_preset_back_restores_the_default_countries(driver, base_url):
    """Choosing the Maghreb preset pushes ?v=1&group=maghreb; Back returns to the defaults."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/cross-index", "#crossindex-chart .main-svg")
    driver.get_log("browser")

    def picked(d):
        return [
            e.text
            for e in d.find_elements(
                By.CSS_SELECTOR, "#crossindex-countries .dash-dropdown-value-item"
            )
        ]

    before = picked(driver)
    driver.find_element(By.ID, "crossindex-group").click()
    _wait(
        driver,
        lambda d: next(
            (
                o
                for o in d.find_elements(
                    By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option"
                )
                if "Maghreb" in o.text
            ),
            None,
        ),
    ).click()
    _wait(driver, lambda d: d.current_url.endswith("/cross-index?v=1&group=maghreb"))
    _wait(driver, lambda d: picked(d) != before)
    _wait(
        driver,
        lambda d: (
            d.find_element(By.ID, "crossindex-permalink").get_attribute("value") == d.current_url
        ),
    )
    driver.back()
    _wait(driver, lambda d: d.current_url.endswith("/cross-index"))
    _wait(driver, lambda d: picked(d) == before)
    _wait(
        driver,
        lambda d: (
            d.find_element(By.ID, "crossindex-permalink").get_attribute("value") == d.current_url
        ),
    )
    assert severe_console_entries(driver) == []


def test_news_period_back_returns_to_weeks(driver, base_url):
    """Choosing "Month" for the News chart pushes freq=month; Back shows weeks again."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/news", "#news-volume .main-svg")
    driver.get_log("browser")
    assert checked(driver, "#news-freq") == ["week"]
    driver.find_element(By.CSS_SELECTOR, "#news-freq input[value=month]").click()
    _wait(driver, lambda d: d.current_url.endswith("/news?v=1&freq=month"))
    driver.back()
    _wait(driver, lambda d: d.current_url.endswith("/news"))
    _wait(driver, lambda d: checked(d, "#news-freq") == ["week"])
    _wait(
        driver,
        lambda d: d.find_element(By.ID, "news-permalink").get_attribute("value") == d.current_url,
    )
    assert severe_console_entries(driver) == []


def test_changes_kind_back_ticks_it_again(driver, base_url):
    """Unticking "removed" on What changed pushes the kinds left; Back ticks it again and
    the summary returns to what it said first."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/changes", "#changes-summary")
    driver.get_log("browser")
    kinds = checked(driver, "#changes-kinds")
    assert "removed" in kinds
    summary = driver.find_element(By.ID, "changes-summary").text
    driver.find_element(By.CSS_SELECTOR, "#changes-kinds input[value=removed]").click()
    _wait(driver, lambda d: "/changes?v=1&" in d.current_url)
    _wait(driver, lambda d: "removed" not in checked(d, "#changes-kinds"))
    driver.back()
    _wait(driver, lambda d: d.current_url.endswith("/changes"))
    _wait(driver, lambda d: checked(d, "#changes-kinds") == kinds)
    _wait(driver, lambda d: d.find_element(By.ID, "changes-summary").text == summary)
    assert severe_console_entries(driver) == []
