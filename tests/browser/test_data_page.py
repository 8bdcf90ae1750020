"""The Data page in a real Chromium: a view survives its link, back works, downloads download."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.browser.conftest import TIMEOUT, open_page, severe_console_entries, wait_for_download

pytestmark = pytest.mark.browser

TABLE_CELLS = "#data-table td.dash-cell"


def _wait(driver, condition):
    """Wait for ``condition``; elements replaced by a re-render are looked up again."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, TIMEOUT, ignored_exceptions=(
        StaleElementReferenceException,)).until(condition)


OPTIONS = ".dash-dropdown-options [role=option]"


def pick_option(driver, control: str, typed: str, shown: str | None = None) -> None:
    """Open the dropdown ``control`` (its id), search ``typed`` and pick the first option
    showing ``shown`` (``typed`` unless given)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    shown = typed if shown is None else shown
    driver.find_element(By.ID, control).click()
    search = _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR,
                                                     "input.dash-dropdown-search"))
    search.send_keys(typed)
    option = _wait(driver, lambda d: next(
        (o for o in d.find_elements(By.CSS_SELECTOR, OPTIONS) if shown in o.text), None))
    option.click()
    search.send_keys(Keys.ESCAPE)


def pick_country(driver, name: str) -> None:
    """Open the countries dropdown, search ``name`` and pick the first match."""
    pick_option(driver, "data-countries", name)


def pick_edition(driver, year: int) -> None:
    """Open the editions dropdown, search ``year`` and pick it."""
    pick_option(driver, "data-editions", str(year))


def view_of(driver) -> dict:
    """What the page shows: chosen countries and editions, row count and first rows."""
    from selenium.webdriver.common.by import By

    countries = [e.text for e in driver.find_elements(
        By.CSS_SELECTOR, "#data-countries .dash-dropdown-value-item")]
    editions = [e.text for e in driver.find_elements(
        By.CSS_SELECTOR, "#data-editions .dash-dropdown-value-item")]
    cells = [c.text for c in driver.find_elements(By.CSS_SELECTOR, TABLE_CELLS)]
    return {"countries": countries, "editions": editions,
            "count": driver.find_element(By.ID, "data-count").text, "cells": cells}


def test_permalink_round_trip_and_back_button(driver, base_url):
    """A view set with the controls is in the URL; the copied link reopens the same view;
    the back button returns to the previous view."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/data?indicator=itu_gci.overall", TABLE_CELLS)
    driver.get_log("browser")
    pick_country(driver, "Morocco")
    _wait(driver, lambda d: "country=MAR" in d.current_url)
    pick_country(driver, "Oman")
    _wait(driver, lambda d: "country=MAR,OMN" in d.current_url)
    pick_edition(driver, 2020)
    _wait(driver, lambda d: "edition=2020" in d.current_url)
    pick_edition(driver, 2024)
    _wait(driver, lambda d: "edition=2020,2024" in d.current_url)
    _wait(driver, lambda d: d.find_element(By.ID, "data-count").text.startswith("4 "))
    link = _wait(driver, lambda d: d.find_element(By.ID, "data-permalink").get_attribute(
        "value") == d.current_url and d.current_url)
    assert "v=1" in link and "indicator=itu_gci.overall" in link
    shown = view_of(driver)
    assert shown["countries"] == ["Morocco (MAR)", "Oman (OMN)"]
    assert shown["editions"] == ["2020", "2024"]
    assert "82.41" in shown["cells"] and "97.5" in shown["cells"]
    assert severe_console_entries(driver) == []

    driver.back()  # before 2024 was picked
    _wait(driver, lambda d: d.current_url.endswith("edition=2020"))
    _wait(driver, lambda d: view_of(d)["editions"] == ["2020"]
          and view_of(d)["count"].startswith("2 "))

    driver.switch_to.new_window("tab")  # a fresh page, as someone opening a forwarded link
    try:
        open_page(driver, link, TABLE_CELLS)
        _wait(driver, lambda d: view_of(d)["cells"] == shown["cells"])
        assert view_of(driver) == shown
        assert severe_console_entries(driver) == []
    finally:
        driver.close()
        driver.switch_to.window(driver.window_handles[0])


def test_stale_link_shows_notice(driver, base_url):
    """A link with an unknown country and an edition without data shows a notice and the rest."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/data?v=1&country=MAR,XXX&edition=1066,2020", TABLE_CELLS)
    notices = driver.find_element(By.ID, "data-notices").text
    assert "XXX" in notices and "1066" in notices
    assert view_of(driver)["editions"] == ["2020"]


def test_download_link_gives_the_filtered_file(driver, base_url, download_dir):
    """Clicking CSV downloads the table's rows (the page's filter) with their sources."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/data?v=1&country=MAR,OMN&edition=2020"
              "&indicator=itu_gci.overall", TABLE_CELLS)
    count = int(driver.find_element(By.ID, "data-count").text.split()[0])
    link = driver.find_element(By.ID, "data-download-csv")
    assert "country=MAR,OMN" in link.get_attribute("href")
    link.click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert len(frame) == count == 2
    assert set(frame["iso3"]) == {"MAR", "OMN"} and set(frame["edition"]) == {2020}
    assert frame["source_url"].str.startswith("http").all()
    assert driver.current_url.startswith(base_url + "/data")  # the page stays put


def test_filter_row_and_sort_reach_the_link_and_the_download(driver, base_url, download_dir):
    """Typing in the table's filter row and sorting a column filter and order the rows on the
    server: the link keeps both, the count follows, and the CSV holds the table's rows in the
    table's order (French names in French collation order)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url + "/data?v=1&indicator=itu_gci.overall&edition=2024&lang=fr",
              TABLE_CELLS)
    driver.get_log("browser")
    before = driver.find_element(By.ID, "data-count").text
    cell = driver.find_element(By.CSS_SELECTOR,
                               "#data-table th.dash-filter[data-dash-column='value'] input")
    cell.send_keys(">= 95" + Keys.ENTER)
    _wait(driver, lambda d: "where=" in d.current_url)
    _wait(driver, lambda d: d.find_element(By.ID, "data-count").text != before)
    driver.find_element(
        By.CSS_SELECTOR, "#data-table th[data-dash-column='country'] .column-header--sort").click()
    _wait(driver, lambda d: "sort=country:asc" in d.current_url)
    count = int(_wait(driver, lambda d: d.find_element(By.ID, "data-count").text).split()[0])

    def countries(d):
        return [c.text for c in d.find_elements(
            By.CSS_SELECTOR, "#data-table td.dash-cell[data-dash-column='country']")]

    shown = _wait(driver, lambda d: (lambda names: names == sorted(names, key=_collated)
                                     and names)(countries(d)))
    link = driver.find_element(By.ID, "data-download-csv")
    assert "where=" in link.get_attribute("href")
    for earlier in download_dir.glob("*.csv"):  # another test's file is not this one
        earlier.unlink()
    link.click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert len(frame) == count and (frame["value"] >= 95).all()
    assert frame["country"].tolist()[:len(shown)] == shown
    assert severe_console_entries(driver) == []


def test_french_decimal_comma_in_the_value_filter(driver, base_url, download_dir):
    """">= 19,5" typed in the Value filter of a French page (whose cells say "19,38") filters
    as 19.5: the URL and the CSV link say 19.5, the CSV holds the table's rows, and the
    reopened link shows ">= 19,5" again. "abc" is refused with the column's header."""
    from urllib.parse import parse_qs, urlsplit

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    view = base_url + "/data?v=1&country=MAR,OMN&edition=2024&lang=fr"
    value_filter = "#data-table th.dash-filter[data-dash-column='value'] input"
    open_page(driver, view, TABLE_CELLS)
    driver.get_log("browser")
    before = driver.find_element(By.ID, "data-count").text
    driver.find_element(By.CSS_SELECTOR, value_filter).send_keys(">= 19,5" + Keys.ENTER)
    _wait(driver, lambda d: "where=" in d.current_url)
    _wait(driver, lambda d: d.find_element(By.ID, "data-count").text != before)
    assert driver.find_element(By.ID, "data-notices").text == ""
    assert parse_qs(urlsplit(driver.current_url).query)["where"] == ["{value} >= 19.5"]
    link = driver.find_element(By.ID, "data-download-csv").get_attribute("href")
    assert parse_qs(urlsplit(link).query)["where"] == ["{value} >= 19.5"]
    count = int(driver.find_element(By.ID, "data-count").text.split()[0])
    for earlier in download_dir.glob("*.csv"):
        earlier.unlink()
    driver.find_element(By.ID, "data-download-csv").click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert 0 < len(frame) == count and (frame["value"] >= 19.5).all()

    open_page(driver, driver.current_url, TABLE_CELLS)
    assert driver.find_element(By.CSS_SELECTOR, value_filter).get_attribute("value") == ">= 19,5"
    assert driver.find_element(By.ID, "data-count").text.split()[0] == str(count)

    open_page(driver, view, TABLE_CELLS)
    driver.find_element(By.CSS_SELECTOR, value_filter).send_keys(">= abc" + Keys.ENTER)
    said = _wait(driver, lambda d: d.find_element(By.ID, "data-notices").text)
    assert "« Valeur >= abc » (Valeur contient des nombres" in said
    assert severe_console_entries(driver) == []


def test_arabic_indic_digits_in_the_rank_filter(driver, base_url, download_dir):
    """"< ٥" typed in the Rank filter of an Arabic page in Arabic-Indic digits filters as
    "< 5": the URL and the CSV link say 5 (the neutral notation, not ٥), and the CSV holds the
    table's rows."""
    from urllib.parse import parse_qs, urlsplit

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url + "/data?v=1&indicator=itu_gci.overall&edition=2020&lang=ar"
              "&digits=arab", TABLE_CELLS)
    driver.get_log("browser")
    before = driver.find_element(By.ID, "data-count").text
    rank_filter = driver.find_element(
        By.CSS_SELECTOR, "#data-table th.dash-filter[data-dash-column='rank'] input")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})",
                          rank_filter)
    rank_filter.send_keys("< ٥" + Keys.ENTER)
    _wait(driver, lambda d: "where=" in d.current_url)
    _wait(driver, lambda d: d.find_element(By.ID, "data-count").text != before)
    assert driver.find_element(By.ID, "data-notices").text == ""
    assert parse_qs(urlsplit(driver.current_url).query)["where"] == ["{rank} < 5"]
    link = driver.find_element(By.ID, "data-download-csv").get_attribute("href")
    assert parse_qs(urlsplit(link).query)["where"] == ["{rank} < 5"]
    count = int(driver.find_element(By.ID, "data-count").text.split()[0])  # ٧: int reads it
    for earlier in download_dir.glob("*.csv"):
        earlier.unlink()
    driver.find_element(By.ID, "data-download-csv").click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert 0 < len(frame) == count and (frame["rank"] < 5).all()
    assert severe_console_entries(driver) == []


def _collated(name: str):
    from etl.collation import sort_key

    return sort_key(name)


def test_table_header_controls_are_named_and_work_from_the_keyboard(driver, base_url):
    """The sort icons are buttons named "Trier par <colonne>" that Enter sorts by, the header
    says its sort, and the filter boxes and their case toggles are named (dash-table leaves
    them unnamed and out of reach of the keyboard)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url + "/data?v=1&indicator=itu_gci.overall&edition=2024&lang=fr",
              TABLE_CELLS)
    header = "#data-table th.dash-header[data-dash-column='country']"
    button = _wait(driver, lambda d: next(
        (b for b in d.find_elements(By.CSS_SELECTOR, header + " .column-header--sort")
         if b.get_attribute("aria-label")), None))
    assert button.get_attribute("role") == "button" and button.get_attribute("tabindex") == "0"
    assert button.get_attribute("aria-label") == "Trier par Pays"
    assert driver.find_element(By.CSS_SELECTOR, header).get_attribute("aria-sort") == "none"
    box = driver.find_element(
        By.CSS_SELECTOR, "#data-table th.dash-filter[data-dash-column='country'] input[type=text]")
    assert box.get_attribute("aria-label") == "Filtrer Pays"
    toggle = driver.find_element(
        By.CSS_SELECTOR, "#data-table th.dash-filter[data-dash-column='country'] "
                         "input.dash-filter--case")
    assert toggle.get_attribute("aria-label") == "Respecter la casse"
    assert toggle.get_attribute("aria-pressed") == "false"
    button.send_keys(Keys.ENTER)
    _wait(driver, lambda d: "sort=country:asc" in d.current_url)
    _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, header).get_attribute("aria-sort")
          == "ascending")
    assert severe_console_entries(driver) == []


PAGER_BUTTONS = ("data-pager-first", "data-pager-previous", "data-pager-next", "data-pager-last")
ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def pager_status(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "data-pager-status").text


def first_row(driver) -> str:
    """The text of the table's first row of data."""
    from selenium.webdriver.common.by import By

    cell = driver.find_element(By.CSS_SELECTOR, TABLE_CELLS)
    return cell.find_element(By.XPATH, "./ancestor::tr[1]").text


def enabled_buttons(driver) -> list[bool]:
    from selenium.webdriver.common.by import By

    return [driver.find_element(By.ID, b).is_enabled() for b in PAGER_BUTTONS]


def focused_id(driver) -> str:
    return driver.execute_script("return document.activeElement.id")


def press(driver, *keys) -> None:
    """Press ``keys`` on whatever has focus (Shift held for ``Keys.SHIFT, Keys.TAB``)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    chain = ActionChains(driver)
    if keys[0] == Keys.SHIFT:
        chain.key_down(Keys.SHIFT).send_keys(*keys[1:]).key_up(Keys.SHIFT)
    else:
        chain.send_keys(*keys)
    chain.perform()


def test_our_pager_turns_the_pages_and_the_tables_own_is_hidden(driver, base_url):
    """Under the table, our pager (the table's own hidden): Next shows page 2 (its status and
    other rows), Last the last page, First the first again; its buttons are named, disabled at
    the ends and reached with Tab; the URL does not hold the page."""
    import re

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    # lang=en: the module's other tests leave a French preference behind.
    open_page(driver, base_url + "/data?v=1&indicator=itu_gci.overall&lang=en", TABLE_CELLS)
    driver.get_log("browser")
    builtin = driver.find_elements(By.CSS_SELECTOR, "#data-table .previous-next-container")
    assert builtin and not any(b.is_displayed() for b in builtin)
    nav = driver.find_element(By.ID, "data-pager")
    assert nav.is_displayed() and nav.get_attribute("aria-label") == "Table pages"
    assert [driver.find_element(By.ID, b).accessible_name for b in PAGER_BUTTONS] == [
        "First page", "Previous page", "Next page", "Last page"]
    status = driver.find_element(By.ID, "data-pager-status")
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == (
        "status", "polite")
    pages = int(re.fullmatch(r"Page 1 of (\d+)", pager_status(driver)).group(1))
    assert pages > 2
    assert enabled_buttons(driver) == [False, False, True, True]
    page_one = first_row(driver)

    driver.find_element(By.ID, "data-pager-next").click()
    _wait(driver, lambda d: pager_status(d) == f"Page 2 of {pages}")
    _wait(driver, lambda d: first_row(d) != page_one)
    assert enabled_buttons(driver) == [True, True, True, True]
    assert "page" not in driver.current_url

    # Keyboard: back from the footer's link, then forward, through the four buttons.
    driver.execute_script("document.querySelector('.ci-footer a').focus()")
    backwards = []
    for _ in PAGER_BUTTONS:
        press(driver, Keys.SHIFT, Keys.TAB)
        backwards.append(focused_id(driver))
    assert backwards == list(reversed(PAGER_BUTTONS))
    forwards = []
    for _ in PAGER_BUTTONS[1:]:
        press(driver, Keys.TAB)
        forwards.append(focused_id(driver))
    assert forwards == list(PAGER_BUTTONS[1:])
    press(driver, Keys.ENTER)  # on Last
    _wait(driver, lambda d: pager_status(d) == f"Page {pages} of {pages}")
    _wait(driver, lambda d: enabled_buttons(d) == [True, True, False, False])

    driver.find_element(By.ID, "data-pager-first").click()
    _wait(driver, lambda d: pager_status(d) == f"Page 1 of {pages}")
    _wait(driver, lambda d: first_row(d) == page_one)
    assert enabled_buttons(driver) == [False, False, True, True]
    assert severe_console_entries(driver) == []


def test_pager_reads_right_to_left_in_arabic_digits(driver, base_url):
    """In Arabic with Arabic-Indic digits: the status is written in them, First and Previous
    are at the right with arrows pointing right, and the buttons have Arabic names."""
    from selenium.webdriver.common.by import By

    from dashboard.i18n import t

    open_page(driver, base_url + "/data?v=1&indicator=itu_gci.overall&lang=ar&digits=arab",
              TABLE_CELLS)
    said = pager_status(driver)
    assert "١" in said and not any(c in "0123456789" for c in said)
    buttons = [driver.find_element(By.ID, b) for b in PAGER_BUTTONS]
    assert [b.accessible_name for b in buttons] == [
        t(name, "ar") for name in ("First page", "Previous page", "Next page", "Last page")]
    assert [b.text for b in buttons] == ["⇥", "→", "←", "⇤"]
    left_edges = [b.rect["x"] for b in buttons]
    assert left_edges == sorted(left_edges, reverse=True)  # first at the right
    buttons[2].click()
    _wait(driver, lambda d: pager_status(d).translate(ARABIC_INDIC)
          == said.translate(ARABIC_INDIC).replace("1", "2", 1))


def test_pager_is_hidden_with_one_page(driver, base_url):
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/data?v=1&country=MAR&indicator=itu_gci.overall"
              "&edition=2024", TABLE_CELLS)
    assert not driver.find_element(By.ID, "data-pager").is_displayed()
    assert not any(b.is_displayed() for b in driver.find_elements(
        By.CSS_SELECTOR, "#data-table .previous-next-container"))


def test_editions_are_a_compact_searchable_dropdown_on_a_phone(driver, base_url):
    """On a 390 px phone the editions are one dropdown, not 51 checkboxes: the table starts
    within the first screens (it was ~1550 px down). Its options run newest first, in the
    reader's digits (٢٠٢٥ first in Arabic-Indic), typing 2024 in Western digits finds ٢٠٢٤, each
    option is one line, and picking it filters the table and goes into the URL."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    try:
        open_page(driver, base_url + "/data?v=1&indicator=itu_gci.overall&lang=ar&digits=arab",
                  TABLE_CELLS)
        driver.get_log("browser")
        assert driver.execute_script("return innerWidth") == 390
        top = driver.execute_script(
            "return document.getElementById('data-table').getBoundingClientRect().top"
            " + scrollY")
        # (below the notes this view needs: what a 2014 rank is, and which 2024 values have
        # no tier, El Salvador's and Palau's held-out placeholders)
        assert top < 1250, top
        control = driver.find_element(By.ID, "data-editions")
        assert control.size["height"] < 60
        assert not driver.find_elements(By.CSS_SELECTOR, "#data-controls input[type=checkbox]")
        before = driver.find_element(By.ID, "data-count").text

        control.click()
        first = _wait(driver, lambda d: [o.text for o in d.find_elements(
            By.CSS_SELECTOR, OPTIONS)][:3] or None)
        assert first == ["٢٠٢٥", "٢٠٢٤", "٢٠٢٢"]
        option = driver.find_element(By.CSS_SELECTOR, OPTIONS)
        box = option.find_element(By.CSS_SELECTOR, "input[type=checkbox]")
        assert abs(box.rect["y"] + box.rect["height"] / 2
                   - (option.rect["y"] + option.rect["height"] / 2)) < 8  # one line
        search = driver.find_element(By.CSS_SELECTOR, "input.dash-dropdown-search")
        search.send_keys("2024")
        _wait(driver, lambda d: [o.text for o in d.find_elements(By.CSS_SELECTOR, OPTIONS)]
              == ["٢٠٢٤"])
        driver.find_element(By.CSS_SELECTOR, OPTIONS).click()
        search.send_keys(Keys.ESCAPE)
        _wait(driver, lambda d: "edition=2024" in d.current_url)
        _wait(driver, lambda d: d.find_element(By.ID, "data-count").text != before)
        assert view_of(driver)["editions"] == ["٢٠٢٤"]
        # textContent: on a phone the column is scrolled out of sight (.text is then "").
        editions = {c.get_attribute("textContent").strip() for c in driver.find_elements(
            By.CSS_SELECTOR, "#data-table td.dash-cell[data-dash-column='edition']")}
        assert editions == {"٢٠٢٤"}
        assert severe_console_entries(driver) == []
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_worded_cells_and_their_filter_in_french(driver, base_url, download_dir):
    """The Verification column says "source unique" (not single_source) and the time as the
    page writes one; typing "unique" in its filter keeps those rows, and the CSV holds the same
    rows with the stored code."""
    import re

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url + "/data?v=1&indicator=itu_gci.overall&edition=2024&lang=fr",
              TABLE_CELLS)
    driver.get_log("browser")

    def column(d, name):
        """The cells of a column (textContent: most columns are scrolled out of sight)."""
        return [c.get_attribute("textContent").strip() for c in d.find_elements(
            By.CSS_SELECTOR, f"#data-table td.dash-cell[data-dash-column='{name}']")]

    assert "source unique" in column(driver, "verification")
    assert not set(column(driver, "verification")) & {"single_source", "verified_2_sources"}
    times = column(driver, "retrieved_at")
    # "29 nov. 2026" (a bundled file's copy day) or "29 nov. 2026, 18:34 UTC", not ISO
    assert times and all(re.fullmatch(r"\d{1,2} \w+\.? \d{4}(, \d\d:\d\d UTC)?", when)
                         for when in times), times[:1]
    cell = driver.find_element(
        By.CSS_SELECTOR, "#data-table th.dash-filter[data-dash-column='verification'] input")
    cell.send_keys("unique" + Keys.ENTER)
    _wait(driver, lambda d: "where=" in d.current_url)
    _wait(driver, lambda d: set(column(d, "verification")) == {"source unique"})
    count = int(driver.find_element(By.ID, "data-count").text.split()[0].replace("\u202f", ""))
    for earlier in download_dir.glob("*.csv"):
        earlier.unlink()
    driver.find_element(By.ID, "data-download-csv").click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert len(frame) == count and set(frame["verification"]) == {"single_source"}
    assert severe_console_entries(driver) == []
