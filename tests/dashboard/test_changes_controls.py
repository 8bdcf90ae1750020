"""The What changed page's filters: "Published on or after" is a date picker reading in the
page's language (not the browser's ``<input type=date>``), its ISO date the callback's input
and the URL's ``since``; the kinds of change are the changelog's own, each with its words."""

from __future__ import annotations

import pytest
from dash import dcc, html

from dashboard import i18n
from dashboard.date_pickers import picker_first_day, picker_formats, picker_month_format
from etl import changelog_export
from tests.dashboard.tree_support import find, texts, walk

LANGS = [pytest.param("en", id="en"), pytest.param("fr", id="fr"), pytest.param("ar", id="ar")]


@pytest.mark.parametrize("lang", LANGS)
def test_since_field_reads_in_the_page_language(pages, app_context, lang):
    """The field is a single-date picker with the page language's date order, named months,
    first day and direction; its date is the URL's, its box named by the label's words (Dash
    names the box by its placeholder)."""
    page = pages["changes"]
    root = page.layout(lang=lang, v="1", since="2025-01-01")
    picker = find(root, page.ID_SINCE)
    assert isinstance(picker, dcc.DatePickerSingle)
    assert picker.date == "2025-01-01"
    assert picker.display_format == picker_formats(lang)[0]
    assert picker.month_format == picker_month_format(lang) == "MMMM YYYY"
    assert picker.first_day_of_week == picker_first_day(lang)
    assert picker.is_RTL is (lang == "ar")
    assert picker.clearable is True
    assert picker.placeholder == i18n.t("Published on or after", lang)
    [wrapper] = [n for n in walk(root) if isinstance(n, html.Div)
                 and "ci-date-picker" in str(getattr(n, "className", "")).split()]
    assert next(n for n in walk(wrapper) if isinstance(n, dcc.DatePickerSingle)) is picker
    assert set(wrapper.style) == {f"--ci-weekday-{k}" for k in range(1, 8)}
    labels = [n for n in walk(root) if isinstance(n, html.Label)
              and getattr(n, "htmlFor", None) == page.ID_SINCE]
    assert len(labels) == 1


@pytest.mark.parametrize(("query", "expected"), [
    pytest.param({}, None, id="every-date"),
    pytest.param({"since": "2025-01-01T10:30:00"}, "2025-01-01", id="time-cut-to-its-day"),
    pytest.param({"since": "yesterday"}, None, id="not-a-date"),
])
def test_since_field_holds_the_urls_day(pages, app_context, query, expected):
    """The picker holds the URL's day as an ISO date, nothing for every date or a value that
    is not a date (the page says so in a notice)."""
    page = pages["changes"]
    assert find(page.layout(lang="fr", v="1", **query), page.ID_SINCE).date == expected


def test_callback_reads_the_pickers_date(dash_app):
    """The page's callback takes the picker's ``date`` (a DatePickerSingle has no
    ``value``): a picked day reaches the table and the URL."""
    inputs = [f"{i['id']}.{i['property']}" for spec in dash_app.callback_map.values()
              for i in spec["inputs"] if i["id"] == "changes-since"]
    assert inputs == ["changes-since.date"]


def test_a_picked_day_is_the_urls_since(pages, app_context):
    """The ISO date the picker gives filters the rows and is written back as ``since``."""
    page = pages["changes"]
    table, _, search = page.update_changes(["MAR"], None, None, "2999-01-01", "ar", "")
    assert search == "?v=1&country=MAR&lang=ar&since=2999-01-01"
    assert i18n.t("No change matches these filters.", "ar") in texts(table)
    assert find(page.layout(lang="ar", v="1", country="MAR", since="2999-01-01"),
                page.ID_SINCE).date == "2999-01-01"


def test_every_kind_of_change_has_its_words(pages):
    """The page lists, counts and filters by the changelog's kinds (the API's and the
    downloads'), in their order, each with its own words: a kind added to the changelog
    without words on the page fails here, not silently as a bare id."""
    page = pages["changes"]
    assert set(page.KIND_LABELS) == set(changelog_export.KINDS)
    assert page.CHANGE_KINDS == {kind: page.KIND_LABELS[kind]
                                 for kind in changelog_export.KINDS}
    assert list(page.CHANGE_KINDS) == list(changelog_export.KINDS)


@pytest.mark.parametrize(("since", "search", "same"), [
    pytest.param(None, "?lang=fr", True, id="empty-mount-no-date-in-url"),
    pytest.param(None, "?v=1&since=yesterday", True, id="url-date-unreadable"),
    pytest.param(None, "?v=1&since=2025-01-01", False, id="cleared"),
    pytest.param("2025-01-01", "?v=1&since=2025-01-01&lang=ar", True, id="same-day"),
    pytest.param("2025-02-01", "?v=1&since=2025-01-01", False, id="other-day"),
])
def test_since_as_in_url(pages, since, search, same):
    """The picker's empty date as it mounts is no change when the URL shows every date too
    (the callback then neither rebuilds the page nor pushes a second history entry); a
    cleared or other date is one."""
    assert pages["changes"].since_as_in_url(since, search) is same
