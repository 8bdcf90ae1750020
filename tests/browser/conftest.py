"""Shared browser fixtures: the real app served on 127.0.0.1 and one headless Chromium.

Chromium runs with a fresh profile and a download folder (``download_dir``), so tests can
click a download link and read the file. Without Chromium the tests skip, unless ``CI`` is set
(then a missing browser is a failure).
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TIMEOUT = 20


def require_browser() -> None:
    """Skip (or, under CI, fail) when Chromium, chromedriver or selenium is missing."""
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def served(settings):
    """The real app on ``settings``' store, served by werkzeug on 127.0.0.1 in a background
    thread: yields its base URL (a generator for a module fixture to yield from)."""
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    app = create_app(settings)
    server = make_server("127.0.0.1", free_port(), app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def base_url(loaded_settings):
    """The real app on the session's loaded store."""
    require_browser()
    yield from served(loaded_settings)


@pytest.fixture(scope="module")
def download_dir(tmp_path_factory) -> Path:
    """Where the module's Chromium saves downloads."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def driver(base_url, download_dir):
    """One headless Chromium for the module: fresh profile, downloads to ``download_dir``."""
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
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
        "safebrowsing.enabled": False,
    })
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(TIMEOUT)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior",
                            {"behavior": "allow", "downloadPath": str(download_dir)})
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)

# The screens the layout tests emulate: a 1366 px desktop and a 390 px phone.
DESKTOP = {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}


@pytest.fixture
def desktop(driver):
    """The browser as a 1366 px desktop, for one test."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def phone(driver):
    """The browser as a 390 px phone, for one test."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def open_page(driver, url: str, selector: str):
    """Load ``url`` and wait until Dash has rendered ``selector``."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    return WebDriverWait(driver, TIMEOUT).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, selector)))


def wait_for(read, timeout: float = TIMEOUT):
    """The first truthy value ``read()`` gives within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = read()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def wait_for_download(folder: Path, suffix: str, timeout: float = TIMEOUT) -> Path:
    """The finished file with ``suffix`` in ``folder`` (Chromium's partial files ignored)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if p.suffix == suffix]
        partial = [p for p in folder.iterdir() if p.suffix == ".crdownload"]
        if done and not partial:
            return max(done, key=lambda p: p.stat().st_mtime)
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} download in {folder}: {list(folder.iterdir())}")


def severe_console_entries(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
