"""Data page: the table's own pager, named and in the reader's digits."""

from __future__ import annotations

from contextvars import copy_context

import pytest
from dash import html

from dashboard import i18n
from tests.dashboard.tree_support import find

BUTTONS = ("data-pager-first", "data-pager-previous", "data-pager-next", "data-pager-last")


@pytest.mark.parametrize(("lang", "digits", "said"), [
    ("en", "latn", "Page 2 of 566"),
    ("fr", "latn", "Page 2 sur 566"),
    ("ar", "latn", "الصفحة 2 من 566"),
    ("ar", "arab", "الصفحة ٢ من ٥٦٦"),
    ("en", "arab", "Page 2 of 566"),  # Arabic-Indic digits are for Arabic pages only
])
def test_status_says_the_page_in_the_language_and_digits(pages, lang, digits,
                                                         said):
    """The text between the arrows counts pages from 1 (the table counts from 0), in the
    page's language and the digits the reader chose."""
    with i18n.use_digits(digits):
        assert pages["data"].pager_state(1, 566, lang).status == said


def test_status_groups_a_long_page_count_as_the_row_count_does(pages):
    page = pages["data"]
    assert page.pager_state(1233, 1234, "en").status == "Page 1,234 of 1,234"
    with i18n.use_digits("arab"):
        assert page.pager_state(0, 1234, "ar").status == "الصفحة ١ من ١٬٢٣٤"


@pytest.mark.parametrize(("page", "count", "at_first", "at_last"), [
    (0, 3, True, False), (1, 3, False, False), (2, 3, False, True),
    (7, 3, False, True),  # past the end: the last page, as the table shows it
])
def test_end_buttons_are_disabled_at_the_ends(pages, page, count, at_first, at_last):
    """First and Previous are disabled on the first page, Next and Last on the last."""
    state = pages["data"].pager_state(page, count, "en")
    assert (state.at_first, state.at_last, state.hidden) == (at_first, at_last, False)
    assert state.disabled() == {"data-pager-first": at_first, "data-pager-previous": at_first,
                                "data-pager-next": at_last, "data-pager-last": at_last}


@pytest.mark.parametrize("count", [1, 0, None])
def test_one_page_or_none_hides_the_pager(pages, count):
    state = pages["data"].pager_state(0, count, "en")
    assert state.hidden and state.at_first and state.at_last


@pytest.mark.parametrize(("button", "page", "expected"), [
    ("data-pager-first", 3, 0), ("data-pager-previous", 3, 2), ("data-pager-next", 3, 4),
    ("data-pager-last", 3, 9), ("data-pager-previous", 0, 0), ("data-pager-next", 9, 9),
    ("data-pager-next", None, 1), ("data-table", 3, 3),
])
def test_a_click_turns_to_the_page_it_says_never_past_an_end(pages, button, page, expected):
    assert pages["data"].page_after(button, page, 10) == expected


def _clicked(button_id: str, callback, *args):
    """``callback(*args)`` run as Dash runs it after a click on ``button_id``."""
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    def run():
        context_value.set(AttributeDict(triggered_inputs=[
            {"prop_id": f"{button_id}.n_clicks", "value": 1}]))
        return callback(*args)

    return copy_context().run(run)


def test_turn_page_sets_the_tables_page_and_nothing_when_it_stays(pages):
    from dash import no_update

    page = pages["data"]
    assert _clicked("data-pager-next", page.turn_page, 1, None, None, None, 0, 5) == 1
    assert _clicked("data-pager-last", page.turn_page, None, None, None, 1, 2, 5) == 4
    assert _clicked("data-pager-first", page.turn_page, 2, None, None, None, 0, 5) is no_update


def _pager(root):
    return find(root, "data-pager")


@pytest.mark.parametrize(("lang", "arrows"), [
    ("en", ["⇤", "←", "→", "⇥"]), ("fr", ["⇤", "←", "→", "⇥"]), ("ar", ["⇥", "→", "←", "⇤"]),
])
def test_layout_has_a_named_pager_with_arrows_in_the_reading_direction(pages, app_context, lang,
                                                                       arrows):
    """Under the table: a navigation region named "Table pages", four buttons named in the
    page's language (their arrow hidden from screen readers) pointing the reading direction
    (in Arabic "previous" points right), and the status announced when it changes."""
    page = pages["data"]
    root = page.layout(lang=lang, indicator="itu_gci.overall")
    content = root.children[1].children  # page_shell: header, main, footer
    table_at = next(i for i, c in enumerate(content) if getattr(c, "id", None) == page.ID_TABLE)
    nav = content[table_at + 1]  # right under the table
    assert isinstance(nav, html.Nav) and nav is _pager(root)
    assert nav.to_plotly_json()["props"]["aria-label"] == i18n.t("Table pages", lang)
    assert not nav.hidden
    buttons = [find(nav, b) for b in BUTTONS]
    names = ["First page", "Previous page", "Next page", "Last page"]
    for button, name, arrow in zip(buttons, names, arrows, strict=True):
        props = button.to_plotly_json()["props"]
        assert props["aria-label"] == props["title"] == i18n.t(name, lang)
        assert props["type"] == "button"
        assert button.children.children == arrow
        assert button.children.to_plotly_json()["props"]["aria-hidden"] == "true"
    assert [b.disabled for b in buttons] == [True, True, False, False]
    status = find(nav, "data-pager-status")
    props = status.to_plotly_json()["props"]
    assert (props["role"], props["aria-live"]) == ("status", "polite")
    table = find(root, page.ID_TABLE)
    assert status.children == page.pager_state(0, table.page_count, lang).status


def test_layout_with_arabic_digits_writes_the_status_in_them(pages, app_context):
    page = pages["data"]
    with i18n.use_digits("arab"):
        root = page.layout(lang="ar", indicator="itu_gci.overall")
    said = find(root, "data-pager-status").children
    assert said.startswith("الصفحة ١ من ") and not any(c in "0123456789" for c in said)


def test_layout_hides_the_pager_with_one_page(pages, app_context):
    page = pages["data"]
    root = page.layout(lang="en", country="MAR", indicator="itu_gci.overall", edition="2024")
    assert find(root, page.ID_TABLE).page_count == 1
    assert _pager(root).hidden


def _view_and_pager(page, dash_app, *args):
    """The callback's outputs as a dict by "id.property"."""
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        values = page.update_view_and_pager(*args)
    names = ["search", "rows", "count", "downloads", "page_count", "page_current", "notices", "table_notes",
             *(f"{id_}.{prop}" for id_, prop in page.PAGER_OUTPUTS), "tooltip_data"]
    assert len(values) == len(names)
    return dict(zip(names, values, strict=True))


def test_callback_renders_the_pager_of_the_page_it_shows(pages, dash_app):
    """The view's callback renders the pager with the rows: a new filter shows the first page
    (First and Previous disabled), in the page's language."""
    page = pages["data"]
    out = _view_and_pager(page, dash_app, ["itu_gci.overall"], [], [], [], [], "", 3, "fr")
    assert out["page_current"] == 0 and out["page_count"] > 1
    assert out["data-pager-status.children"] == f"Page 1 sur {out['page_count']}"
    assert out["data-pager.hidden"] is False
    assert [out[f"{b}.disabled"] for b in BUTTONS] == [True, True, False, False]


def test_callback_renders_the_pager_of_a_turned_page(pages, dash_app, monkeypatch):
    """Only the page changed (a click on the pager): the page asked for, its rows and status;
    past the end, the last page, its Next and Last disabled."""
    page = pages["data"]
    monkeypatch.setattr(page, "_paged_only", lambda: True)
    args = (["itu_gci.overall"], [], [], [], [], "")
    first = _view_and_pager(page, dash_app, *args, 0, "en")
    second = _view_and_pager(page, dash_app, *args, 1, "en")
    count = second["page_count"]
    assert second["page_current"] == 1 and second["rows"] != first["rows"]
    assert second["data-pager-status.children"] == f"Page 2 of {count}"
    assert [second[f"{b}.disabled"] for b in BUTTONS] == [False] * 4
    with i18n.use_digits("arab"):
        past = _view_and_pager(page, dash_app, *args, 10_000, "ar")
    assert past["page_current"] == count - 1
    expected = i18n.format_number(count, "ar", 0, digits="arab")
    assert past["data-pager-status.children"] == f"الصفحة {expected} من {expected}"
    assert [past[f"{b}.disabled"] for b in BUTTONS] == [False, False, True, True]


def test_callback_hides_the_pager_when_the_filter_leaves_one_page(pages, dash_app):
    page = pages["data"]
    out = _view_and_pager(page, dash_app, ["itu_gci.overall"], ["MAR"], [], [2024], [], "", 0,
                          "en")
    assert out["page_count"] == 1 and out["data-pager.hidden"] is True
    assert len(out["rows"]) == 1


def test_update_view_keeps_its_own_outputs(pages, dash_app):
    """update_view's answer is its own (its callers read eight values: the table's notes
    last); the callback adds the pager's after them."""
    page = pages["data"]
    args = (["itu_gci.overall"], ["MAR"], [], [], [], "", 0, "en")
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        view = page.update_view(*args)
        both = page.update_view_and_pager(*args)
    assert len(view) == 8 and _as_json(both[:8]) == _as_json(view)


def _as_json(values) -> str:
    """``values`` as Dash sends them (components have no ``==``)."""
    import json

    import plotly.utils

    return json.dumps(list(values), cls=plotly.utils.PlotlyJSONEncoder)


def test_pager_is_wired_to_the_table(pages, dash_app):
    """The buttons turn the table's page (a second writer of page_current), and the view's
    callback renders every part of the pager."""
    callbacks = dash_app.callback_map
    turning = [c for key, c in callbacks.items() if key.startswith("data-table.page_current@")]
    assert len(turning) == 1
    assert {i["id"] for i in turning[0]["inputs"]} == set(BUTTONS)
    [view_key] = [key for key in callbacks if "data-pager-status.children" in key]
    for id_, prop in pages["data"].PAGER_OUTPUTS:
        assert f"{id_}.{prop}" in view_key
