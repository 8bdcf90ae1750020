"""The News page in the reader's language beyond its messages: the "Published between" date
picker (:mod:`dashboard.date_pickers`, in the page's language) and the article languages named
in words, the codes kept as values."""

from __future__ import annotations

import pytest
from dash import dcc, html

from dashboard import i18n
from dashboard.date_pickers import picker_formats, picker_month_format
from dashboard.news_components import language_name
from tests.dashboard.tree_support import find, texts, walk

# ---------------------------------------------------------------- the News page's date picker
# (the pickers themselves: tests/dashboard/test_date_pickers.py)


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
    assert next(n for n in walk(wrapper) if isinstance(n, dcc.DatePickerRange)) is picker


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_news_page_picker_names_its_months(pages, app_context, lang):
    """The page's picker names the months in its headers and month menu in every language
    ("MMMM YYYY": French and Arabic had "09/2024" and "9/2024"); the typed dates stay in
    digits."""
    news = pages["news"]
    picker = find(news.layout(lang=lang, v="1", since="2024-09-03"), news.ID_DATES)
    assert picker.month_format == picker_month_format(lang) == "MMMM YYYY"
    assert picker.display_format == picker_formats(lang)[0]


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
