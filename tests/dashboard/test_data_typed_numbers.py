"""Data page: a number typed in a numeric column's filter as a French page writes it ("19,5",
"1 000,5") filters as that number, and the URL and downloads carry it in the neutral notation
("19.5") that a reopened French link shows back with a comma; an English page still refuses
"19,5"; a refused filter is said with the column's header, not the filter's syntax."""

from __future__ import annotations

import pytest

from dashboard import typed_filter
from tests.dashboard.test_data_cells import filtered, where_of
from tests.dashboard.tree_support import find, texts

SECURE_SERVERS = {"indicators": ["wb2017.IT.NET.SECR.P6"]}  # per million people: up to 12 940


def search_where(search: str) -> str:
    """The ``where`` the pushed URL search holds."""
    from urllib.parse import parse_qs

    return parse_qs(search.lstrip("?"))["where"][0]


def test_a_french_decimal_comma_filters_as_the_number(pages, dash_app):
    """``>= 19,5`` typed on a French page gives the rows ``>= 19.5`` gives, with no notice; the
    URL and the download links say 19.5."""
    page = pages["data"]
    comma = filtered(page, dash_app, "{value} i>= 19,5", "fr", editions=[2024])
    point = filtered(page, dash_app, "{value} i>= 19.5", "fr", editions=[2024])
    search, rows, count, hrefs, notices = comma
    assert not notices, notices
    assert rows == point[1] and count == point[2] and rows and "lignes" in count
    assert all(r["value"] >= 19.5 for r in rows)
    assert search_where(search) == "{value} >= 19.5"
    assert where_of(hrefs["csv"]) == "{value} >= 19.5" == where_of(point[3]["csv"])


@pytest.mark.parametrize("space", [
    pytest.param(" ", id="space"),
    pytest.param("\u00a0", id="no-break-space"),
    pytest.param("\u202f", id="narrow-no-break-space"),
])
def test_french_thousands_separators_read_as_the_number(pages, dash_app, space):
    """``>= "1 000,5"`` (the table quotes a value with a space) on a French page: the rows of
    ``>= 1000.5`` (some, not all), whichever space separates the thousands."""
    page = pages["data"]
    typed = filtered(page, dash_app, f'{{value}} i>= "1{space}000,5"', "fr", **SECURE_SERVERS)
    neutral = filtered(page, dash_app, "{value} >= 1000.5", "fr", **SECURE_SERVERS)
    everything = filtered(page, dash_app, "", "fr", **SECURE_SERVERS)
    assert not typed[4], typed[4]
    assert typed[2] == neutral[2] != everything[2] and typed[1] == neutral[1]
    assert where_of(typed[3]["csv"]) == "{value} >= 1000.5"


def test_an_english_page_still_refuses_a_decimal_comma(pages, dash_app):
    """"19,5" is not a number on an English page (nor "1,000" 1.0): refused, every row."""
    page = pages["data"]
    search, rows, _count, hrefs, notices = filtered(page, dash_app, "{value} i>= 19,5", "en",
                                                    editions=[2024])
    assert "Value holds numbers: cannot compare it with '19,5'" in notices
    assert rows and "where" not in search and "where" not in hrefs["csv"]


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "Impossible de filtrer les lignes par «\u00a0Valeur >= abc\u00a0» (Valeur contient des "
           "nombres\u00a0: impossible de le comparer à «\u00a0abc\u00a0» (écrivez un nombre comme "
           "82.5))\u202f; affichage de "
           "toutes les lignes."),
    ("en", "Cannot filter the rows by “Value >= abc” (Value holds numbers: cannot compare it "
           "with 'abc' (write a number such as 82.5)); all rows."),
])
def test_a_refused_filter_is_said_with_the_header_and_the_typed_operator(pages, dash_app, lang,
                                                                          said):
    """No ``{value}``, no ``i>=``, no column id: the column's header and ``>=``."""
    page = pages["data"]
    notices = filtered(page, dash_app, "{value} i>= abc && {country} icontains maroc", lang)[4]
    assert notices == said
    assert "{" not in notices and "i>=" not in notices


def test_a_refused_french_number_is_quoted_as_typed(pages, dash_app):
    """``= 2020,7`` in the Edition filter of a French page: refused (years are whole), quoted
    with its comma, under the header "Édition"."""
    page = pages["data"]
    notices = filtered(page, dash_app, "{edition} i= 2020,7", "fr")[4]
    assert "«\u00a0Édition = 2020,7\u00a0»" in notices
    assert ("Édition contient des nombres entiers\u00a0: impossible de le comparer à "
            "«\u00a02020,7\u00a0»") in notices


@pytest.mark.parametrize(("lang", "cell"), [
    ("fr", "{value} >= 19,5"),
    ("en", "{value} >= 19.5"),
    ("ar", "{value} >= 19.5"),
])
def test_a_reopened_link_shows_the_number_in_the_pages_notation(pages, app_context, lang, cell):
    """The link holds 19.5; a French page's filter cell shows 19,5 (as its reader types it),
    and filters the same rows."""
    page = pages["data"]
    root = page.layout(lang=lang, indicator="itu_gci.overall", edition="2024",
                       where="{value} >= 19.5")
    table = find(root, page.ID_TABLE)
    assert table.filter_query == cell
    assert table.data and all(r["value"] >= 19.5 for r in table.data)
    assert not texts(find(root, page.ID_NOTICES))


@pytest.mark.parametrize(("typed", "lang", "neutral"), [
    pytest.param("19,5", "fr", "19.5", id="fr-comma"),
    pytest.param("-3,25", "fr", "-3.25", id="fr-negative"),
    pytest.param("1 000", "fr", "1000", id="fr-thousands"),
    pytest.param("1\u202f234\u202f567,8", "fr", "1234567.8", id="fr-millions"),
    pytest.param("19.5", "fr", "19.5", id="fr-point-kept"),
    pytest.param("12 34,5", "fr", "12 34,5", id="fr-bad-grouping-kept"),
    pytest.param("19,5", "en", "19,5", id="en-comma-kept"),
    pytest.param("1,000", "en", "1,000", id="en-thousands-kept"),
    pytest.param("19,5", "ar", "19,5", id="ar-comma-kept"),
    pytest.param("٥", "ar", "5", id="arabic-indic"),
    pytest.param("۵", "ar", "5", id="eastern-arabic-indic"),
    pytest.param("٩٥٫٥", "ar", "95.5", id="arabic-decimal-separator"),
    pytest.param("٩٥.٥", "ar", "95.5", id="arabic-digits-point"),
    pytest.param("-٣٫٢٥", "ar", "-3.25", id="arabic-negative"),
    pytest.param("١٬٢٣٤٬٥٦٧٫٨", "ar", "1234567.8", id="arabic-thousands-separator"),
    pytest.param("٩٥٫٥", "en", "95.5", id="arabic-digits-on-an-english-page"),
    pytest.param("٩٥,٥", "fr", "95.5", id="arabic-digits-french-comma"),
    pytest.param("١٬٠", "ar", "١٬٠", id="arabic-bad-grouping-kept"),
    pytest.param("٩٥,٥", "ar", "٩٥,٥", id="arabic-digits-comma-kept"),
    pytest.param("٥abc", "ar", "٥abc", id="arabic-digits-word-kept"),
])
def test_neutral_number(typed, lang, neutral):
    assert typed_filter.neutral_number(typed, lang) == neutral


def test_arabic_indic_digits_filter_as_the_number(pages, dash_app):
    """``< ٥`` typed in the Rank filter of an Arabic page (Arabic-Indic digits, as its cells
    show them) gives the rows of ``< 5``, and the URL and the download links say 5, the
    neutral notation (they said ٥)."""
    page = pages["data"]
    typed = filtered(page, dash_app, "{rank} i< ٥", "ar", editions=[2020])
    western = filtered(page, dash_app, "{rank} < 5", "ar", editions=[2020])
    search, rows, count, hrefs, notices = typed
    assert not notices, notices
    assert rows and rows == western[1] and count == western[2]
    assert search_where(search) == "{rank} < 5"
    assert where_of(hrefs["csv"]) == "{rank} < 5" == where_of(western[3]["csv"])
    decimal = filtered(page, dash_app, "{value} i>= ٩٥٫٥ && {rank} i<= \"١٬٠٠٠\"", "ar",
                       editions=[2020])
    assert where_of(decimal[3]["csv"]) == "{value} >= 95.5 && {rank} <= 1000"
    assert decimal[1] == filtered(page, dash_app, "{value} >= 95.5", "ar", editions=[2020])[1]


def test_only_numbers_compared_with_numeric_columns_are_read():
    """A comma in a text column's filter, or in ``contains`` (the number's text), is kept."""
    text = "{country} icontains 19,5 && {value} icontains 19,5 && {source_note} i= 1,5"
    assert typed_filter.neutral_where(text, "fr") == text
    assert typed_filter.neutral_where("{rank} i< \"1 000\"", "fr") == "{rank} < 1000"


def test_the_api_keeps_the_neutral_notation(loaded_settings, loaded_engine):
    """The where grammar is the page's business only: ``19,5`` is a 400 naming ``where`` and
    the column id from the API, in French too (a guard: the conversion must not move there)."""
    from dashboard.api import create_api_app

    app = create_api_app(loaded_settings, loaded_engine)
    app.config["TESTING"] = True
    response = app.test_client().get("/api/v1/observations", query_string={
        "where": "{value} >= 19,5", "lang": "fr", "country": "MAR"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == "where"
    assert error["message"].startswith("value holds numbers: cannot compare it with '19,5'")
