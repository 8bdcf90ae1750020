"""Every page works under the Content-Security-Policy: no violation in Chromium's console.

Uses the shared browser fixtures of ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import time

import dash
import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser


def page_paths() -> list[str]:
    """Every registered page, templates filled with Morocco, plus the Arabic layout."""
    from dashboard.app import create_app
    from etl.settings import Settings

    if not dash.page_registry:
        create_app(Settings.from_env(database_url="sqlite://"))
    paths = []
    for page in dash.page_registry.values():
        template = page.get("path_template")
        path = template.replace("<iso3>", "MAR") if template else page["path"]
        if "<" not in path and "404" not in page["module"]:
            paths.append(path)
    return sorted(set(paths)) + ["/compare?lang=ar"]


def csp_entries(driver) -> list[dict]:
    return [e for e in driver.get_log("browser")
            if "Content Security Policy" in e.get("message", "")
            or "Content-Security-Policy" in e.get("message", "")]


@pytest.mark.parametrize("path", page_paths())
def test_no_csp_violation(driver, base_url, path):
    """The page renders under the policy and the console has no CSP entry."""
    driver.get_log("browser")
    open_page(driver, base_url + path, "#_pages_content > *")
    time.sleep(1.0)  # let the callbacks draw their charts
    assert "Content-Security-Policy" not in driver.page_source
    assert csp_entries(driver) == []


def test_the_policy_is_enforced(driver, base_url):
    """A sanity check that the console would show a violation: an inline script is refused."""
    open_page(driver, base_url + "/", "#_pages_content > *")
    driver.get_log("browser")
    driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.__x = 1';"
        "document.body.appendChild(s);"
    )
    time.sleep(0.3)
    assert driver.execute_script("return window.__x === undefined")
    assert csp_entries(driver) != []
