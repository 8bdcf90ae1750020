"""The Status page's runs table in a browser: a long reason reads as a sentence, not a column
one word wide (the counts beside it took the table's width and the row grew ~800 px tall)."""

from __future__ import annotations

import pytest

from etl import pipeline, store, targets
from tests.browser.conftest import open_page, require_browser, served
from tests.conftest import make_settings

# What the attribution writes on a succeeded run (etl.targets), as long as reasons get.
LONG_REASON = targets.PROVENANCE_NOTE.format(count=12, source="itu_gci_evidence")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """The app on a store of its own: one source loaded, then a run with a long reason."""
    require_browser()
    settings = make_settings(tmp_path_factory.mktemp("status-layout"))
    engine = store.make_engine(settings.database_url)
    pipeline.run_sources(["interpol_act"], settings, engine)
    run_id = store.start_run(engine, "itu_gci")
    with engine.begin() as conn:
        store.finish_run(conn, run_id, "succeeded", LONG_REASON, fetched=971, valid=971)
    engine.dispose()
    yield from served(settings)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_long_reason_keeps_a_readable_width(driver, base_url, lang):
    from selenium.webdriver.common.by import By

    open_page(driver, f"{base_url}/status?lang={lang}", "#status-runs")
    # A run and its reason, on a line of its own under the run's counts, are one group.
    groups = driver.find_elements(By.CSS_SELECTOR, "#status-runs tbody")
    row = next(g for g in groups
               if g.find_element(By.CSS_SELECTOR, "tr > :first-child").text.startswith("itu_gci"))
    reason = row.find_element(By.CSS_SELECTOR, "tr.ci-detail-row td")
    assert len(reason.text) > 100  # the reason is there, in the page's language
    font = float(driver.execute_script(
        "return parseFloat(getComputedStyle(arguments[0]).fontSize)", reason))
    assert reason.size["width"] >= 20 * font, reason.size  # was 58 px
    assert row.size["height"] <= 12 * font * 1.5, row.size  # was 833 px
