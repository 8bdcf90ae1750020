"""What changed's "Published on or after" in a real Chromium: a date picker reading in the
page's language (the browser's ``<input type=date>`` drew mm/dd/yyyy and English months on an
Arabic page in an English browser): the typed date in the language's order, the months and
weekdays in its words, right to left in Arabic; a picked day still filters the page and
reaches the URL as an ISO date, a cleared one leaves it, and opening the page pushes nothing.

Uses the shared browser fixtures of ``tests/browser/conftest.py`` (an English Chromium). The
module's Chromium keeps cookies (the remembered language and digits): every URL names both.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.browser.conftest import open_page, severe_console_entries, wait_for

pytestmark = pytest.mark.browser

FIELD = "#changes-since-wrapper"
SINCE = "/changes?v=1&since=2024-09-03"

STATE = """
const input = document.getElementById('changes-since');
const label = document.querySelector('label[for="changes-since"]');
const box = document.querySelector('.dash-datepicker-content');
const out = {input: input.value, name: input.getAttribute('aria-label'),
             label: label.textContent, locales: Object.keys((window.dateFns || {}).locale || {}),
             browser: navigator.language};
if (box) {
  const weekdays = box.querySelectorAll('.dash-datepicker-calendar thead tr:last-child th');
  const shown = th => getComputedStyle(th, '::after').content.replace(/^"|"$/g, '');
  Object.assign(out, {
    weekdays: [...weekdays].map(shown),
    weekdayX: [...weekdays].map(th => th.getBoundingClientRect().x),
    englishHidden: [...weekdays].every(th => th.querySelector('span').offsetParent === null),
    months: [...box.querySelectorAll('.dash-datepicker-month-sizer')].map(e => e.textContent),
    month: box.querySelector('.dash-datepicker-controls .dash-dropdown-value').textContent,
    third: box.querySelectorAll('td.dash-datepicker-calendar-date-inside')[2].textContent.trim(),
  });
}
return JSON.stringify(out);
"""


def state(driver) -> dict:
    return json.loads(driver.execute_script(STATE))


def open_calendar(driver, url: str) -> dict:
    """Load ``url``, open the field's calendar, and read what the field and calendar show."""
    from selenium.webdriver.common.by import By

    open_page(driver, url, FIELD)
    field = driver.find_element(By.CSS_SELECTOR, FIELD)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", field)
    field.click()
    return wait_for(lambda: (shown := state(driver)).get("months") and shown)


def field_value(driver) -> str | None:
    """The field's text, read in one script call: the page re-renders the field as the URL
    changes, and an element found first and read after may be gone by then (stale)."""
    return driver.execute_script(
        "var box = document.getElementById('changes-since'); return box && box.value;")


def summary_text(driver) -> str | None:
    """The count line's text, read in one script call (as :func:`field_value`)."""
    return driver.execute_script(
        "var line = document.getElementById('changes-summary'); return line && line.textContent;")


def day(driver, number: str):
    """The calendar's cell of day ``number`` of the month shown."""
    from selenium.webdriver.common.by import By

    return next(cell for cell in driver.find_elements(
        By.CSS_SELECTOR, "td.dash-datepicker-calendar-date-inside") if cell.text.strip() == number)


@pytest.mark.parametrize(("query", "typed", "september", "weekdays", "third"), [
    pytest.param("lang=en", "Sep 3, 2024", "September",
                 ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], "3", id="en"),
    pytest.param("lang=fr", "03/09/2024", "septembre",
                 ["lu", "ma", "me", "je", "ve", "sa", "di"], "3", id="fr"),
    pytest.param("lang=ar&digits=latn", "3/9/2024", "سبتمبر",
                 ["ن", "ث", "ر", "خ", "ج", "س", "ح"], "3", id="ar-western-digits"),
    pytest.param("lang=ar&digits=arab", "3/9/2024", "سبتمبر",
                 ["ن", "ث", "ر", "خ", "ج", "س", "ح"], "٣", id="ar-arabic-indic-digits"),
])
def test_field_reads_in_the_page_language(driver, base_url, query, typed, september,
                                          weekdays, third):
    """The date in the page language's order and digits the picker reads back (French
    day/month, not the browser's mm/dd/yyyy); the month menu and weekdays in the page's
    words from Monday, Dash's English weekdays hidden; right to left in Arabic, its days in
    the reader's digits; the box named by the field's label."""
    shown = open_calendar(driver, f"{base_url}{SINCE}&{query}")
    lang = query.split("&")[0].removeprefix("lang=")
    assert shown["browser"].startswith("en")
    assert shown["locales"] == ([] if lang == "en" else [lang])
    assert shown["input"] == typed
    assert shown["name"] == shown["label"]
    assert shown["month"] == september == shown["months"][8] and len(shown["months"]) == 12
    assert "September" not in shown["months"] or lang == "en"
    assert shown["weekdays"] == weekdays and shown["englishHidden"]
    assert shown["weekdayX"] == sorted(shown["weekdayX"], reverse=lang == "ar")
    assert shown["third"] == third
    assert severe_console_entries(driver) == []


@pytest.mark.parametrize(("lang", "first", "typed"), [
    pytest.param("fr", "1", "01/09/2024", id="fr"),
    pytest.param("ar&digits=latn", "1", "1/9/2024", id="ar"),
])
def test_a_picked_day_filters_and_reaches_the_url(driver, base_url, lang, first, typed):
    """A day picked in the calendar is the URL's ``since`` as an ISO date and the field shows
    it in the language's order; Back returns to the earlier date."""

    open_calendar(driver, f"{base_url}{SINCE}&lang={lang}")
    day(driver, first).click()
    wait_for(lambda: "since=2024-09-01" in driver.current_url)
    wait_for(lambda: field_value(driver) == typed)
    driver.back()
    wait_for(lambda: "since=2024-09-03" in driver.current_url)
    wait_for(lambda: field_value(driver) in ("03/09/2024", "3/9/2024"))
    assert severe_console_entries(driver) == []


def test_clearing_the_field_shows_every_date(driver, base_url):
    """The field's clear button takes ``since`` out of the URL: every date again (a date
    ahead of every change matched none)."""
    from selenium.webdriver.common.by import By

    open_page(driver, f"{base_url}/changes?v=1&since=2999-01-01&lang=fr", FIELD)
    summary = summary_text(driver)
    driver.find_element(By.CSS_SELECTOR, f"{FIELD} .dash-datepicker-clear").click()
    wait_for(lambda: "since=" not in driver.current_url)
    assert wait_for(lambda: field_value(driver) == "")
    wait_for(lambda: summary_text(driver) != summary)
    assert severe_console_entries(driver) == []


@pytest.mark.parametrize("query", ["lang=fr", "lang=ar&digits=latn"])
def test_opening_the_page_pushes_nothing(driver, base_url, query):
    """Dash's picker reports its empty date as it mounts: the page neither rewrites its URL
    (it became ``?v=1&lang=fr``) nor adds a history entry, so Back leaves the page."""
    before = driver.execute_script("return history.length")
    open_page(driver, f"{base_url}/changes?{query}", FIELD)
    time.sleep(2)  # the mount's callback has answered
    assert driver.current_url == f"{base_url}/changes?{query}"
    assert driver.execute_script("return history.length") == before + 1


def test_arabic_month_buttons_are_named_by_what_they_do(driver, base_url):
    """Right to left, the left-hand button goes a month forward: it is named "next month"
    in Arabic, the right-hand one "previous month", as on the News page."""
    from selenium.webdriver.common.by import By

    shown = open_calendar(driver, f"{base_url}{SINCE}&lang=ar&digits=latn")
    assert shown["month"] == "سبتمبر"
    left, right = sorted(driver.find_elements(By.CSS_SELECTOR, "button.dash-datepicker-month-nav"),
                         key=lambda b: b.rect["x"])
    left.click()
    wait_for(lambda: state(driver)["month"] == "أكتوبر")
    assert (left.get_attribute("aria-label"), right.get_attribute("aria-label")) == (
        "الشهر التالي", "الشهر السابق")
