"""What Dash 4's own widgets write, in a real Chromium: the date picker's months in the page's
language (assets/widgets-locale.js gives date-fns the page's locale), the numbers Dash writes
itself (dropdown count, calendar days) in the Arabic reader's digits, the cross-index preset
cleared with the picker (and its link reopening that empty view), and an unchanged rank on
Compare written "0", not "+0".

Uses the shared browser fixtures of ``tests/browser/conftest.py``. The module's Chromium keeps
cookies (the remembered language and digits): every URL names both.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import open_page, severe_console_entries, wait_for

pytestmark = pytest.mark.browser

# Dates of the bundled samples: the calendar opens on September 2024.
NEWS = "/news?v=1&since=2024-09-03&until=2024-09-20&samples=1"

CALENDAR = """
const box = document.querySelector('.dash-datepicker-content');
if (!box) { return null; }
return JSON.stringify({
  months: [...box.querySelectorAll('.dash-datepicker-month-sizer')].map(e => e.textContent),
  headers: [...box.querySelectorAll('.dash-datepicker-calendar-month-header')]
    .map(e => e.textContent),
  days: [...box.querySelectorAll('.dash-datepicker-calendar')][0]
    .querySelectorAll('td.dash-datepicker-calendar-date-inside')[2].textContent.trim(),
  inputs: [...document.querySelectorAll('#news-dates-wrapper input')].map(i => i.value),
});
"""


def open_calendar(driver, url: str) -> dict:
    from selenium.webdriver.common.by import By

    open_page(driver, url, "#news-dates-wrapper")
    wrapper = driver.find_element(By.CSS_SELECTOR, "#news-dates-wrapper")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", wrapper)
    wrapper.click()
    return json.loads(wait_for(lambda: driver.execute_script(CALENDAR)))


@pytest.mark.parametrize(("query", "september", "headers", "third", "inputs"), [
    pytest.param("lang=en", "September", ["September 2024", "October 2024"], "3",
                 ["Sep 3, 2024", "Sep 20, 2024"], id="en"),
    pytest.param("lang=fr", "septembre", ["septembre 2024", "octobre 2024"], "3",
                 ["03/09/2024", "20/09/2024"], id="fr"),
    pytest.param("lang=ar&digits=latn", "سبتمبر", ["سبتمبر 2024", "أكتوبر 2024"], "3",
                 ["3/9/2024", "20/9/2024"], id="ar-western-digits"),
    pytest.param("lang=ar&digits=arab", "سبتمبر", ["سبتمبر ٢٠٢٤", "أكتوبر ٢٠٢٤"], "٣",
                 ["3/9/2024", "20/9/2024"], id="ar-arabic-indic-digits"),
])
def test_date_picker_names_months_in_the_page_language(driver, base_url, query, september,
                                                       headers, third, inputs):
    """The month menu and headers name the months in the page's language (French and Arabic
    read "09/2024" and "9/2024"), the days and years in the reader's digits; the typed dates
    stay in digits the picker reads back."""
    state = open_calendar(driver, f"{base_url}{NEWS}&{query}")
    assert state["months"][8] == september and len(state["months"]) == 12
    assert sorted(state["headers"]) == sorted(headers)
    assert state["days"] == third
    assert state["inputs"] == inputs
    assert severe_console_entries(driver) == []


def test_french_page_keeps_french_months_whatever_the_browser_language(driver, base_url):
    """Dash matches the registered locales against the browser's languages (English here),
    falling back to the first: the page registers its own language only."""
    open_calendar(driver, f"{base_url}{NEWS}&lang=fr")
    registered = driver.execute_script(
        "return [navigator.language, Object.keys((window.dateFns || {}).locale || {})]")
    assert registered[0].startswith("en") and registered[1] == ["fr"]


def test_arabic_indic_days_can_still_be_picked(driver, base_url):
    """Days written ٠-٩ are the same cells: two clicks give the ISO dates in the URL."""
    from selenium.webdriver.common.by import By

    open_calendar(driver, f"{base_url}{NEWS}&lang=ar&digits=arab")
    september = driver.find_elements(By.CSS_SELECTOR, ".dash-datepicker-calendar")[0]

    def day(number: str):
        return next(cell for cell in september.find_elements(
            By.CSS_SELECTOR, "td.dash-datepicker-calendar-date-inside")
            if cell.text.strip() == number)

    day("١").click()
    day("٣٠").click()
    wait_for(lambda: "until=2024-09-30" in driver.current_url)
    assert "since=2024-09-01" in driver.current_url
    assert severe_console_entries(driver) == []


@pytest.mark.parametrize(("lang", "comma"), [("ar", "، "), ("fr", ", ")])
def test_chosen_items_are_listed_with_the_languages_comma(driver, base_url, lang, comma):
    """The News picker lists Morocco and Oman with the Arabic comma on the Arabic page ("المغرب
    (MAR)، عُمان (OMN)"), as Arabic writes a list; Dash's own CSS put a Latin one."""
    from selenium.webdriver.common.by import By

    open_page(driver, f"{base_url}/news?lang={lang}", ".dash-dropdown-value-item")
    second = driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-value-item")[1]
    before = driver.execute_script(
        "return getComputedStyle(arguments[0], '::before').content", second)
    assert before == json.dumps(comma, ensure_ascii=False)


@pytest.mark.parametrize(("query", "count"), [
    pytest.param("lang=en", "7 selected", id="en"),
    pytest.param("lang=fr", "7 sélectionné(s)", id="fr"),
    pytest.param("lang=ar&digits=latn", "المحدد: 7", id="ar-western-digits"),
    pytest.param("lang=ar&digits=arab", "المحدد: ٧", id="ar-arabic-indic-digits"),
])
def test_dropdown_count_in_the_readers_words_and_digits(driver, base_url, query, count):
    """The multi-select's "N selected" (drawn by Dash from its labels) is translated, and
    its number in Arabic-Indic digits where the reader chose them."""
    from selenium.webdriver.common.by import By

    open_page(driver, f"{base_url}/cross-index?{query}", "#crossindex-countries-value-count")
    shown = driver.find_element(By.ID, "crossindex-countries-value-count")
    assert wait_for(lambda: shown.text == count and shown.text), shown.text


def test_emptied_picker_clears_the_preset_and_its_link_reopens_empty(driver, base_url):
    """Every country removed: the preset shows nothing, the URL says so, and opening it
    shows the same empty view (it opened on the GCC); a preset then fills the picker again."""
    from selenium.webdriver.common.by import By

    open_page(driver, f"{base_url}/cross-index?lang=fr", "#crossindex-chart .main-svg")
    choose = "Choisir un groupe pour remplir la sélection"
    assert driver.find_element(By.ID, "crossindex-group").text != choose
    driver.find_element(By.CSS_SELECTOR, "#crossindex-countries .dash-dropdown-clear").click()
    wait_for(lambda: driver.current_url.endswith("/cross-index?v=1&country=&group=&lang=fr"))
    assert driver.find_element(By.ID, "crossindex-group").text == choose
    wait_for(lambda: driver.find_element(By.ID, "crossindex-permalink").get_attribute("value")
             == driver.current_url)
    link = driver.current_url
    driver.get(link)
    wait_for(lambda: driver.find_elements(By.ID, "crossindex-basis"))
    assert driver.find_element(By.ID, "crossindex-group").text == choose
    assert not driver.find_elements(By.CSS_SELECTOR,
                                    "#crossindex-countries .dash-dropdown-value-item")
    assert "Choisissez un ou plusieurs pays" in driver.find_element(By.ID,
                                                                    "crossindex-basis").text
    driver.find_element(By.ID, "crossindex-group").click()
    wait_for(lambda: next((o for o in driver.find_elements(
        By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option")
        if "Maghreb" in o.text), None)).click()
    wait_for(lambda: driver.current_url.endswith("?v=1&group=maghreb&lang=fr"))
    assert driver.find_elements(By.CSS_SELECTOR, "#crossindex-countries .dash-dropdown-value-item")
    assert severe_console_entries(driver) == []


@pytest.mark.parametrize(("lang", "unchanged", "gained", "lost"), [
    pytest.param("fr", "0", "43", "−5", id="fr"),
    pytest.param("ar&digits=arab", "٠", "٤٣", "−٥", id="ar"),
])
def test_an_unchanged_rank_reads_0_not_plus_0(driver, base_url, lang, unchanged, gained, lost):
    """GCI 2020: Egypt kept its 2018 rank (23rd): "0" places gained, as the Overview says
    "same rank", not "+0"; Morocco's 43 places and Oman's 5 lost are the same numbers."""
    from selenium.webdriver.common.by import By

    open_page(driver, f"{base_url}/compare?v=1&country=MAR,EGY,OMN&edition=2020&lang={lang}",
              "#compare-ranking td[data-dash-column='rank_change']")

    def cells():
        rows = driver.find_elements(By.CSS_SELECTOR, "#compare-ranking tbody tr")
        out = {}
        for row in rows:
            rank = row.find_elements(By.CSS_SELECTOR, "td[data-dash-column='rank']")
            moved = row.find_elements(By.CSS_SELECTOR, "td[data-dash-column='rank_change']")
            if rank and moved:
                out[rank[0].text.strip()] = moved[0].text.strip()
        return len(out) == 3 and out

    shown = wait_for(cells)
    assert sorted(shown.values()) == sorted([unchanged, gained, lost])
    assert not any(text.startswith("+") for text in shown.values())
