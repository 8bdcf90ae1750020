"""A real headless Chromium opens every page of the served dashboard (one server, one driver)."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TIMEOUT = 20


def _require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        message = f"browser tests need {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(loaded_settings):
    """The real app served by werkzeug on 127.0.0.1 in a background thread."""
    _require_browser()
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    app = create_app(loaded_settings)
    server = make_server("127.0.0.1", _free_port(), app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def driver(base_url):
    """One headless Chromium for the module, with a fresh profile and the console log on."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="cyberindex-chrome-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                "--window-size=1400,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(TIMEOUT)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, url: str, selector: str):
    """Load ``url`` and wait until Dash has rendered ``selector``."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    return WebDriverWait(driver, TIMEOUT).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, selector)))


def severe_console_entries(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


@pytest.mark.parametrize(("path", "selector"), [
    pytest.param("/", "#overview-score-mar-2024", id="overview"),
    pytest.param("/compare", "#compare-trend .main-svg", id="compare"),
    pytest.param("/country/MAR", "#country-figures", id="country"),
    pytest.param("/status", "#status-runs", id="status"),
    pytest.param("/country/ZZZ", "#country-notice", id="country-unknown"),
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
    assert severe_console_entries(driver) == []


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
