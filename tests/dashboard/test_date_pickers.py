"""The date pickers in the page's language (``dashboard.date_pickers``): CLDR's date order in
digits, month headers named, first day of the week, weekday names, right to left; the range
(News) and the single date (What changed) built alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel import Locale
from dash import dcc, html

from dashboard import date_pickers, i18n
from dashboard.date_pickers import (
    cldr_picker_format,
    css_string,
    date_range_picker,
    picker_first_day,
    picker_formats,
    picker_month_format,
    picker_weekdays,
    single_date_picker,
)
from tests.dashboard.tree_support import walk

# ---------------------------------------------------------------- formats, as functions


@pytest.mark.parametrize(("pattern", "names", "expected"), [
    pytest.param("dd/MM/y", False, "DD/MM/YYYY", id="french-short"),
    pytest.param("M/d/yy", False, "M/D/YYYY", id="two-digit-year-widened"),
    pytest.param("d\u200f/M\u200f/y", False, "D/M/YYYY", id="arabic-bidi-marks-dropped"),
    pytest.param("MMM d, y", True, "MMM D, YYYY", id="english-medium-with-names"),
    pytest.param("MMM d, y", False, None, id="month-name-refused"),
    pytest.param("EEE d/M/y", True, None, id="weekday-refused"),
    pytest.param("d 'de' MMM y", True, None, id="quoted-text-refused"),
    pytest.param("y-MM-dd", False, "YYYY-MM-DD", id="iso"),
])
def test_cldr_patterns_become_picker_tokens(pattern, names, expected):
    """A CLDR pattern in the picker's moment-style tokens: four-digit year, bidi marks gone
    (a typed date would not match them); None for what the picker would write in English."""
    assert cldr_picker_format(pattern, names) == expected


@pytest.mark.parametrize(("lang", "display", "month"), [
    pytest.param("en", "MMM D, YYYY", "MMMM YYYY", id="en"),
    pytest.param("fr", "DD/MM/YYYY", "MM/YYYY", id="fr"),
    pytest.param("ar", "D/M/YYYY", "M/YYYY", id="ar"),
])
def test_picker_formats_follow_the_language(lang, display, month):
    """English as the rest of the English site writes a day ("Mar 4, 2025"); French and
    Arabic in the order CLDR gives, in digits: date-fns alone has English month names only."""
    assert picker_formats(lang) == (display, month)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_english_month_name_outside_english(lang):
    """"MMM"/"MMMM" would draw "Sep"/"September" in a French or Arabic page."""
    assert not any("MMM" in fmt for fmt in picker_formats(lang))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_month_headers_are_named_in_cldr_order(lang):
    """The month headers name the month (widgets-locale.js gives date-fns the page's names),
    in CLDR's month-and-year order; French and Arabic had "09/2024" and "9/2024"."""
    skeleton = Locale.parse(lang).datetime_skeletons["yMMMM"].pattern
    assert picker_month_format(lang) == cldr_picker_format(skeleton, names=True) == "MMMM YYYY"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_first_day_is_the_languages_counted_from_sunday(lang):
    """CLDR's first day of the week (Babel counts from Monday = 0) on the picker's count
    (Sunday = 0): Monday, 1, for the three languages of the page."""
    babel_day = Locale.parse(lang).first_week_day
    assert picker_first_day(lang) == (babel_day + 1) % 7 == 1


@pytest.mark.parametrize(("lang", "expected"), [
    pytest.param("en", ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], id="en"),
    pytest.param("fr", ["lu", "ma", "me", "je", "ve", "sa", "di"], id="fr"),
    # CLDR's short Arabic names ("ثلاثاء") are wider than a day's column: the narrow ones.
    pytest.param("ar", ["ن", "ث", "ر", "خ", "ج", "س", "ح"], id="ar"),
])
def test_weekday_headers_in_the_language_from_its_first_day(lang, expected):
    assert picker_weekdays(lang) == expected


def test_css_string_quotes_and_escapes():
    assert css_string('lu') == '"lu"'
    assert css_string('a"b\\c') == '"a\\"b\\\\c"'


# ---------------------------------------------------------------- the pickers, as built


def picker_of(wrapper: html.Div):
    return next(n for n in walk(wrapper)
                if isinstance(n, dcc.DatePickerRange | dcc.DatePickerSingle))


def build_range(lang: str, **props):
    return date_range_picker("d", "2024-09-03", None, lang, **props)


def build_single(lang: str, **props):
    return single_date_picker("d", "2024-09-03", lang, **props)


BUILDERS = [
    pytest.param(build_range, dcc.DatePickerRange, "ci-date-range", id="range"),
    pytest.param(build_single, dcc.DatePickerSingle, "ci-date-single", id="single"),
]


@pytest.mark.parametrize(("build", "component", "kind"), BUILDERS)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_picker_carries_the_languages_settings(build, component, kind, lang):
    """Formats, first day, direction on the picker; the weekday names on its wrapper, in the
    picker's column order, for news.css to draw in place of date-fns' English ones: the same
    for the range and the single date."""
    wrapper = build(lang, max_date_allowed="2025-01-01", clearable=True)
    picker = picker_of(wrapper)
    assert isinstance(picker, component)
    assert picker.display_format == picker_formats(lang)[0]
    assert picker.month_format == picker_month_format(lang)
    assert picker.first_day_of_week == picker_first_day(lang)
    assert picker.is_RTL is (lang == "ar")
    assert (picker.id, picker.clearable) == ("d", True)
    classes = wrapper.className.split()
    assert {"ci-date-picker", kind} <= set(classes)
    assert ("is-rtl" in classes) is (lang == "ar")
    assert wrapper.style == {f"--ci-weekday-{k}": css_string(name)
                             for k, name in enumerate(picker_weekdays(lang), start=1)}


def test_range_and_single_date_props():
    """The range's ISO dates are its start and end; the single picker's is its ``date`` (the
    prop its callbacks read), unset when None."""
    picker = picker_of(date_range_picker("d", "2024-09-03", "2024-10-15", "fr"))
    assert (picker.start_date, picker.end_date) == ("2024-09-03", "2024-10-15")
    assert picker_of(single_date_picker("d", "2024-09-03", "fr")).date == "2024-09-03"
    assert getattr(picker_of(single_date_picker("d", None, "fr")), "date", None) is None


@pytest.mark.parametrize(("build", "component", "kind"), BUILDERS)
def test_right_to_left_picker_has_no_bounds(build, component, kind):
    """Dash 4.4.1's is_RTL checks the bounds for the month buttons the wrong way round (with
    this month as the latest, "back" was disabled): right to left, no bound; left to right
    the latest day stays today."""
    today = date.today().isoformat()
    for lang in ("en", "fr"):
        assert picker_of(build(lang, max_date_allowed=today)).max_date_allowed == today
    rtl = picker_of(build("ar", max_date_allowed=today, min_date_allowed="2000-01-01"))
    assert getattr(rtl, "max_date_allowed", None) is None
    assert getattr(rtl, "min_date_allowed", None) is None


def test_css_draws_the_seven_weekday_names_for_every_picker():
    """news.css (loaded on every page) puts each --ci-weekday-k in the k-th header of the
    weekday row of any picker the module wraps, not only the range's."""
    css = (Path(date_pickers.__file__).parent / "assets" / "news.css").read_text()
    for k in range(1, 8):
        assert (f".ci-date-picker .dash-datepicker-calendar thead tr:last-child "
                f"th:nth-child({k})::after {{ content: var(--ci-weekday-{k}); }}") in css
    assert ".ci-date-picker.is-rtl .dash-datepicker-month-nav:first-child" in css
