"""The News page in the reader's language beyond its messages: the "Published between" date
picker (date order, first day of the week, weekday names, right to left) and the article
languages named in words, the codes kept as values."""

from __future__ import annotations

from datetime import date

import pytest
from babel import Locale
from dash import dcc, html

from dashboard import i18n, news_components
from dashboard.news_components import (
    cldr_picker_format,
    css_string,
    date_range_picker,
    language_name,
    picker_first_day,
    picker_formats,
    picker_weekdays,
)
from tests.dashboard.tree_support import find, texts, walk

# ---------------------------------------------------------------- the date picker, as functions


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
    Arabic in the order CLDR gives, in digits: the picker has English month names only."""
    assert picker_formats(lang) == (display, month)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_english_month_name_outside_english(lang):
    """"MMM"/"MMMM" would draw "Sep"/"September" in a French or Arabic page."""
    assert not any("MMM" in fmt for fmt in picker_formats(lang))


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


# ---------------------------------------------------------------- the date picker, as built


def picker_of(wrapper: html.Div) -> dcc.DatePickerRange:
    return next(n for n in walk(wrapper) if isinstance(n, dcc.DatePickerRange))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_picker_carries_the_languages_settings(lang):
    """Formats, first day, direction on the picker; the weekday names on its wrapper, in the
    picker's column order, for news.css to draw in place of date-fns' English ones."""
    wrapper = date_range_picker("d", "2024-09-03", None, lang,
                                max_date_allowed="2025-01-01", clearable=True)
    picker = picker_of(wrapper)
    assert (picker.display_format, picker.month_format) == picker_formats(lang)
    assert picker.first_day_of_week == picker_first_day(lang)
    assert picker.is_RTL is (lang == "ar")
    assert (picker.id, picker.start_date, picker.end_date, picker.clearable) == (
        "d", "2024-09-03", None, True)
    assert "ci-date-range" in wrapper.className.split()
    assert ("is-rtl" in wrapper.className.split()) is (lang == "ar")
    assert wrapper.style == {f"--ci-weekday-{k}": css_string(name)
                             for k, name in enumerate(picker_weekdays(lang), start=1)}


def test_right_to_left_picker_has_no_bounds():
    """Dash 4.4.1's is_RTL checks the bounds for the month buttons the wrong way round (with
    this month as the latest, "back" was disabled): right to left, no bound; left to right
    the latest day stays today."""
    today = date.today().isoformat()
    for lang in ("en", "fr"):
        assert picker_of(date_range_picker("d", None, None, lang,
                                           max_date_allowed=today)).max_date_allowed == today
    rtl = picker_of(date_range_picker("d", None, None, "ar", max_date_allowed=today))
    assert getattr(rtl, "max_date_allowed", None) is None
    assert getattr(rtl, "min_date_allowed", None) is None


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_news_page_picker_reads_in_the_page_language(pages, app_context, lang):
    """The page's "Published between" is that picker, its dates from the URL, its id and
    placeholders kept (the label's ``for`` and the callbacks read it)."""
    news = pages["news"]
    root = news.layout(lang=lang, v="1", since="2024-09-03", until="2024-10-15")
    picker = find(root, news.ID_DATES)
    assert isinstance(picker, dcc.DatePickerRange)
    assert (picker.start_date, picker.end_date) == ("2024-09-03", "2024-10-15")
    assert picker.display_format == picker_formats(lang)[0] != "YYYY-MM-DD"
    assert picker.first_day_of_week == 1 and picker.is_RTL is (lang == "ar")
    assert picker.start_date_placeholder_text == i18n.t("Start date", lang)
    assert (getattr(picker, "max_date_allowed", None) is None) is (lang == "ar")
    [wrapper] = [n for n in walk(root) if isinstance(n, html.Div)
                 and "ci-date-range" in str(getattr(n, "className", "")).split()]
    assert picker_of(wrapper) is picker


@pytest.mark.parametrize(("lang", "month_format"), [
    pytest.param("en", "MMMM YYYY", id="en"),
    pytest.param("fr", "MMMM YYYY", id="fr"),
    pytest.param("ar", "MMMM YYYY", id="ar"),
])
def test_news_page_picker_names_its_months(pages, app_context, lang, month_format):
    """The page's picker names the months in its headers and month menu in every language
    (assets/widgets-locale.js gives Dash's date-fns the page's month names), in CLDR's
    month-and-year order; French and Arabic had "09/2024" and "9/2024". The typed dates stay
    in digits."""
    news = pages["news"]
    picker = find(news.layout(lang=lang, v="1", since="2024-09-03"), news.ID_DATES)
    assert picker.month_format == news.picker_month_format(lang) == month_format
    assert picker.display_format == picker_formats(lang)[0]
    skeleton = Locale.parse(lang).datetime_skeletons["yMMMM"].pattern
    assert cldr_picker_format(skeleton, names=True) == month_format


def test_news_css_draws_the_seven_weekday_names():
    """news.css puts each --ci-weekday-k in the k-th header of the picker's weekday row."""
    from pathlib import Path

    css = (Path(news_components.__file__).parent / "assets" / "news.css").read_text()
    for k in range(1, 8):
        assert (f"thead tr:last-child th:nth-child({k})::after "
                f"{{ content: var(--ci-weekday-{k}); }}") in css


# ---------------------------------------------------------------- article languages in words


@pytest.mark.parametrize(("code", "lang", "menu", "expected"), [
    ("en", "fr", False, "anglais"),
    ("ar", "fr", True, "Arabe"),
    ("fr", "en", False, "French"),
    ("en", "ar", False, "الإنجليزية"),
    ("fr", "ar", True, "الفرنسية"),
    ("pt-BR", "fr", False, "portugais brésilien"),
    ("es-419", "en", False, "Latin American Spanish"),
    ("xx", "fr", True, "xx"),
])
def test_language_named_in_the_page_language(code, lang, menu, expected):
    """CLDR's name in the page's language; capitalised as a menu item starts; an unknown code
    as it is."""
    assert language_name(code, lang, menu) == expected


@pytest.mark.parametrize(("lang", "labels"), [
    pytest.param("en", ["Arabic", "English", "French"], id="en"),
    pytest.param("fr", ["Anglais", "Arabe", "Français"], id="fr"),
    pytest.param("ar", ["الإنجليزية", "العربية", "الفرنسية"], id="ar"),
])
def test_language_filter_shows_names_keeps_codes(pages, app_context, lang, labels):
    """The Languages filter lists names in the page's language, in its alphabetical order;
    the values stay the codes the URL and the downloads use."""
    news = pages["news"]
    dropdown = find(news.layout(lang=lang), news.ID_LANGUAGES)
    assert [o["label"] for o in dropdown.options] == labels
    by_label = {o["label"]: o["value"] for o in dropdown.options}
    assert sorted(by_label.values()) == ["ar", "en", "fr"]
    assert all(o["label"] != o["value"] for o in dropdown.options)


def test_language_filter_value_from_the_url_is_a_code(pages, app_context):
    """``?language=fr`` selects the option whose value is "fr", named "Français"."""
    news = pages["news"]
    dropdown = find(news.layout(lang="fr", v="1", language="fr"), news.ID_LANGUAGES)
    assert dropdown.value == ["fr"]
    assert [o["label"] for o in dropdown.options if o["value"] == "fr"] == ["Français"]
    assert news.encode_news(news.news_state_of(
        ["MAR", "OMN"], "week", "count", ["fr"], [], None, None, "any", [], [], "fr")
    ) == "?v=1&language=fr&lang=fr"


@pytest.mark.parametrize(("lang", "named", "code"), [
    ("fr", "anglais", "en"), ("ar", "الفرنسية", "fr"), ("en", "Arabic", "ar"),
])
def test_article_meta_names_its_language(pages, app_context, lang, named, code):
    """Each article's line says its language in words, not "· en ·"; the title and snippet
    keep the code as their ``lang``."""
    news = pages["news"]
    *_, articles, _claims = news.update_news(
        ["MAR", "OMN"], "week", "count", [code], [], None, None, "any", [], ["samples"], lang)
    metas = [n for n in walk(articles) if isinstance(n, html.Div)
             and n.className == "ci-article-meta"]
    assert metas
    for meta in metas:
        parts = [p.strip() for p in texts(meta).replace("\n", " ").split("·")]
        assert named in parts and code not in parts
    titles = [n for n in walk(articles) if isinstance(n, html.H3)]
    assert titles and all(title.lang == code for title in titles)
