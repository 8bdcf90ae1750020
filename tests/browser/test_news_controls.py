"""The News page in a real Chromium: the "Published between" date picker reads in the page's
language (weekday names, dates in digits in the language's order, right to left in Arabic, its
month buttons going the way their arrows point) and still drives the view; a chart with
nothing to draw is a message, and comes back with its buttons when there are lines.

Uses the shared browser fixtures of ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.browser.conftest import open_page, severe_console_entries, wait_for

pytestmark = pytest.mark.browser

PICKER = "#news-dates-wrapper"
# Dates of the bundled samples: the calendar opens on September 2024.
RANGE = "/news?v=1&since=2024-09-03&until=2024-09-20&samples=1"

CALENDAR_STATE = """
const box = document.querySelector('.dash-datepicker-content');
if (!box) { return null; }
const weekdays = [...box.querySelectorAll('.dash-datepicker-calendar')][0]
  .querySelectorAll('thead tr:last-child th');
const shown = th => getComputedStyle(th, '::after').content.replace(/^"|"$/g, '');
const x = e => e.getBoundingClientRect().x;
return JSON.stringify({
  weekdays: [...weekdays].map(shown),
  weekdayX: [...weekdays].map(x),
  englishHidden: [...weekdays].every(th => th.querySelector('span').offsetParent === null),
  headers: [...box.querySelectorAll('.dash-datepicker-calendar-month-header')]
    .map(h => [h.textContent, x(h)]),
  months: [...box.querySelectorAll('.dash-datepicker-month-sizer')].map(e => e.textContent),
  navs: [...box.querySelectorAll('.dash-datepicker-month-nav')]
    .map(b => ({x: x(b), disabled: b.disabled})),
  inputs: [...document.querySelectorAll('#news-dates-wrapper input')].map(i => i.value),
});
"""


def open_calendar(driver, url: str) -> dict:
    """Load ``url``, open the date picker, and read what its calendar shows."""
    from selenium.webdriver.common.by import By

    open_page(driver, url, PICKER)
    wrapper = driver.find_element(By.CSS_SELECTOR, PICKER)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", wrapper)
    wrapper.click()
    return wait_for(lambda: calendar(driver))


def calendar(driver) -> dict | None:
    state = driver.execute_script(CALENDAR_STATE)
    return json.loads(state) if state else None


def click_nav(driver, side: str) -> None:
    """Click the month button on the ``side`` ("left" or "right") of the calendar."""
    from selenium.webdriver.common.by import By

    buttons = sorted(driver.find_elements(By.CSS_SELECTOR, ".dash-datepicker-month-nav"),
                     key=lambda b: b.rect["x"])
    (buttons[0] if side == "left" else buttons[-1]).click()
    time.sleep(0.3)


def headers_by_x(state: dict) -> list[str]:
    """The months' headers from the left of the screen to the right."""
    return [text for text, _x in sorted(state["headers"], key=lambda h: h[1])]


@pytest.mark.parametrize(("lang", "weekdays", "inputs", "headers"), [
    pytest.param("en", ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
                 ["Sep 3, 2024", "Sep 20, 2024"], ["September 2024", "October 2024"], id="en"),
    pytest.param("fr", ["lu", "ma", "me", "je", "ve", "sa", "di"],
                 ["03/09/2024", "20/09/2024"], ["septembre 2024", "octobre 2024"], id="fr"),
])
def test_calendar_reads_in_the_page_language(driver, base_url, lang, weekdays, inputs,
                                             headers):
    """Weekdays in the language from Monday (CLDR), Dash's English ones hidden; the dates in
    the language's order; no English month name outside English."""
    state = open_calendar(driver, f"{base_url}{RANGE}&lang={lang}")
    assert state["weekdays"] == weekdays and state["englishHidden"]
    assert state["inputs"] == inputs
    assert headers_by_x(state) == headers
    if lang != "en":  # the month menu names the months in the page's language
        assert state["months"][8] == "septembre" and "September" not in state["months"]


def test_arabic_calendar_runs_right_to_left(driver, base_url):
    """Arabic: Monday's "ن" in the rightmost column, the earlier month on the right, dates
    day/month/year; the right-hand button (→) goes back a month, the left-hand (←) forward,
    both enabled (Dash's is_RTL bounds check would disable "back" on the latest month)."""
    state = open_calendar(driver, f"{base_url}{RANGE}&lang=ar&digits=arab")
    assert state["weekdays"] == ["ن", "ث", "ر", "خ", "ج", "س", "ح"]
    assert state["weekdayX"] == sorted(state["weekdayX"], reverse=True)  # Monday rightmost
    assert state["inputs"] == ["3/9/2024", "20/9/2024"]
    assert headers_by_x(state) == ["أكتوبر ٢٠٢٤", "سبتمبر ٢٠٢٤"]
    assert not any(nav["disabled"] for nav in state["navs"])
    click_nav(driver, "right")
    assert headers_by_x(calendar(driver)) == ["سبتمبر ٢٠٢٤", "أغسطس ٢٠٢٤"]
    click_nav(driver, "left")
    click_nav(driver, "left")
    assert headers_by_x(calendar(driver)) == ["نوفمبر ٢٠٢٤", "أكتوبر ٢٠٢٤"]
    # The latest month (today's) does not stop "back" either.
    state = open_calendar(driver, f"{base_url}/news?lang=ar")
    assert not any(nav["disabled"] for nav in state["navs"])
    before = headers_by_x(state)
    click_nav(driver, "right")
    assert headers_by_x(calendar(driver)) != before


def test_picking_days_in_arabic_filters_the_view(driver, base_url):
    """Two days picked in the right-to-left calendar reach the URL as ISO dates and the
    article count follows (the callbacks read start_date and end_date as before)."""
    from selenium.webdriver.common.by import By

    open_calendar(driver, f"{base_url}{RANGE}&lang=ar&digits=latn")  # the cookie may hold arab
    september = driver.find_elements(By.CSS_SELECTOR, ".dash-datepicker-calendar")[0]

    def day(number: str):
        return next(cell for cell in september.find_elements(
            By.CSS_SELECTOR, "td.dash-datepicker-calendar-date-inside")
            if cell.text.strip() == number)

    day("1").click()
    day("30").click()
    wait_for(lambda: "until=2024-09-30" in driver.current_url)
    assert "since=2024-09-01" in driver.current_url
    assert driver.find_element(By.CSS_SELECTOR, "#news-dates-wrapper input").get_attribute(
        "value") == "1/9/2024"
    assert severe_console_entries(driver) == []


def test_empty_chart_is_a_message_then_a_chart(driver, base_url):
    """No real article: a message instead of the chart, no export buttons or table view.
    Ticking the samples brings the chart at the page's width, with its buttons and table."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/news?lang=fr", "#news-volume-empty .ci-notice")
    find = driver.find_element
    assert "collecté" in find(By.ID, "news-volume-empty").text
    assert not find(By.ID, "news-volume-block").is_displayed()
    assert not find(By.CSS_SELECTOR, ".ci-chart-export").is_displayed()
    assert not find(By.CSS_SELECTOR, ".ci-twin").is_displayed()
    # No empty frame either: the hidden block takes no room in the page.
    assert driver.execute_script(
        "return document.getElementById('news-volume-block').getBoundingClientRect().height"
    ) == 0
    find(By.CSS_SELECTOR, "#news-samples input").click()
    wait_for(lambda: find(By.ID, "news-volume-block").is_displayed())
    wait_for(lambda: driver.find_elements(
        By.CSS_SELECTOR, "#news-volume .scatterlayer .trace"))
    assert find(By.ID, "news-volume-empty").text == ""
    assert find(By.CSS_SELECTOR, ".ci-chart-export").is_displayed()
    assert find(By.CSS_SELECTOR, ".ci-twin").is_displayed()
    # Drawn while hidden, the chart takes the width it has once shown.
    width = driver.execute_script(
        "return [document.querySelector('#news-volume .main-svg').clientWidth,"
        " document.getElementById('news-volume-block').clientWidth]")
    assert width[0] > 0.9 * width[1] > 300


@pytest.mark.parametrize(("lang", "ahead", "back"), [
    ("en", "Next month", "Previous month"), ("ar", "الشهر التالي", "الشهر السابق")])
def test_month_buttons_are_named_by_what_they_do(driver, base_url, lang, ahead, back):
    """The date picker's month buttons are named in the page's language by what they do, on
    the side the months run to: right to left, Dash's own English names were on the wrong
    buttons. (English pages stop at this month: "back" is the one to try there.)"""
    from selenium.webdriver.common.by import By

    open_page(driver, f"{base_url}/news?lang={lang}", "#news-dates")
    driver.find_element(By.CSS_SELECTOR, "#news-dates").click()
    shown = ("return Array.from(document.querySelectorAll("
             "'.dash-datepicker-calendar-month-header')).map(e => e.innerText)")
    before = driver.execute_script(shown)
    buttons = {b.get_attribute("aria-label"): b for b in
               driver.find_elements(By.CSS_SELECTOR, "button.dash-datepicker-month-nav")}
    assert set(buttons) == {ahead, back}, list(buttons)
    forward_left = buttons[ahead].rect["x"] < buttons[back].rect["x"]
    assert forward_left == (lang == "ar")
    buttons[ahead if lang == "ar" else back].click()
    time.sleep(0.3)
    after = driver.execute_script(shown)
    if lang == "ar":
        assert after[0] == before[1], (before, after)  # a month forward
    else:
        assert after[1] == before[0], (before, after)  # a month back
