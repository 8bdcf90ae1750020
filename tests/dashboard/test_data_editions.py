"""Data page: the editions are picked in a compact, searchable multi-select (51 checkboxes
pushed the table ~1550 px down a phone's screen), newest first, with the URL state kept."""

from __future__ import annotations

import pytest
from dash import dcc

from dashboard import i18n
from dashboard.layout import dropdown_labels
from etl import store
from tests.dashboard.tree_support import find, walk

# The French and Arabic the catalogs give these messages.
TRANSLATIONS = {
    "fr": {"Editions": "Éditions", "All editions": "Toutes les éditions"},
    "ar": {"Editions": "الإصدارات", "All editions": "جميع الإصدارات"},
}



def editions_control(page, **query) -> dcc.Dropdown:
    return find(page.layout(**query), page.ID_EDITIONS)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_editions_are_a_searchable_multi_select(pages, app_context, lang):
    """One dropdown, not a checkbox per year: several editions at once, searchable, its own
    texts (search, "3 selected"...) in the page's language as the page's other dropdowns."""
    page = pages["data"]
    root = page.layout(lang=lang)
    control = find(root, page.ID_EDITIONS)
    assert isinstance(control, dcc.Dropdown)
    assert control.multi is True and getattr(control, "searchable", True) is not False
    assert control.labels == dropdown_labels(lang)
    assert control.placeholder == TRANSLATIONS.get(lang, {}).get("All editions", "All editions")
    assert not [n for n in walk(root) if isinstance(n, dcc.Checklist)]
    [label] = [n for n in walk(root) if getattr(n, "htmlFor", None) == page.ID_EDITIONS]
    assert label.children == TRANSLATIONS.get(lang, {}).get("Editions", "Editions")


def test_editions_are_offered_newest_first(pages, app_context):
    """Every edition with data, the newest at the top (2025 before 1960); searched results keep
    that order."""
    page = pages["data"]
    control = editions_control(page, lang="en")
    values = [o["value"] for o in control.options]
    known = sorted(store.editions_available(page.data.current_engine()), reverse=True)
    assert values == known and len(values) > 40
    assert values[0] > values[-1]
    assert control.search_order == "original"


def test_arabic_indic_editions_are_found_by_western_digits(pages):
    """Labelled ٢٠٢٤ with Arabic-Indic digits chosen, an edition is still found by typing 2024
    (the option's search text); the value stays the year."""
    with i18n.use_digits("arab"):
        options = pages["data"].edition_options([2020, 2024], "ar")
    assert options == [{"label": "٢٠٢٤", "value": 2024, "search": "2024"},
                       {"label": "٢٠٢٠", "value": 2020, "search": "2020"}]


def test_editions_of_the_link_are_chosen(pages, app_context):
    """?edition=2020,2024 opens with those chosen (a stale one left out, as before)."""
    page = pages["data"]
    control = editions_control(page, lang="en", edition="2024,2020,1066")
    assert sorted(control.value) == [2020, 2024]
    assert editions_control(page, lang="en").value == []


def test_chosen_editions_filter_the_rows_and_go_into_the_url(pages, dash_app):
    """The dropdown's value (years, in the order picked) filters the table and is written to
    the URL in order, as the checkboxes' was."""
    page = pages["data"]
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        search, rows, *_ = page.update_view(["itu_gci.overall"], ["MAR"], [], [2024, 2020],
                                            [], "", 0, "en")
    assert "edition=2020,2024" in search
    assert sorted(r["edition"] for r in rows) == [2020, 2024]


def test_editions_drive_the_view_callback(pages, dash_app):
    """The dropdown's value is an input of the callback that reads the rows, as before."""
    page = pages["data"]
    [view] = [c for key, c in dash_app.callback_map.items() if "data-table.data" in key]
    assert {"id": page.ID_EDITIONS, "property": "value"} in view["inputs"]
