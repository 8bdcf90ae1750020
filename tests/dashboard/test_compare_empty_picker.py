"""Compare: emptying the country picker clears the peer-group preset, the URL says so (no
preset in it), and that link reopens on an empty picker with no preset and the page's "choose
countries" message; it kept the preset, which refilled the picker or came back with the link."""

from __future__ import annotations

from urllib.parse import parse_qs

import dash
import pytest

from dashboard import i18n
from tests.dashboard.tree_support import find, texts


@pytest.fixture
def compare(pages, app_context):
    return pages["compare"]


def query_of(search: str) -> dict:
    return {k: v[-1] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=True).items()}


def reopen(compare, search: str):
    query = query_of(search)
    lang = query.pop("lang", "en")
    return compare.layout(lang=lang, **query)


def test_emptying_the_picker_clears_the_preset(compare):
    """Every country removed: the preset is cleared; a picker still holding what the preset
    selects (in any order) keeps it, any other clears it; choosing a preset fills the picker
    with its members and the watched countries that have a score."""
    gcc = ["MAR", "OMN", "BHR", "KWT", "QAT", "SAU", "ARE"]
    assert compare.sync_controls("gcc", [], trigger=compare.ID_COUNTRIES) == (None,
                                                                              dash.no_update)
    assert compare.sync_controls("gcc", None, trigger=compare.ID_COUNTRIES) == (
        None, dash.no_update)
    assert compare.sync_controls("gcc", ["OMN"], trigger=compare.ID_COUNTRIES) == (
        None, dash.no_update)
    assert compare.sync_controls("gcc", gcc[::-1], trigger=compare.ID_COUNTRIES) == (
        dash.no_update, dash.no_update)
    assert compare.sync_controls(None, [], trigger=compare.ID_COUNTRIES) == (dash.no_update,
                                                                             dash.no_update)
    preset, picker = compare.sync_controls("gcc", ["OMN"], "en", compare.ID_GROUP)
    assert preset is dash.no_update
    assert picker == gcc
    assert compare.sync_controls(None, ["OMN"], trigger=compare.ID_GROUP) == (dash.no_update,
                                                                              dash.no_update)


def test_one_callback_sets_both_controls(dash_app):
    """The preset and the picker set each other in one callback (two would be a circular
    dependency Dash refuses); the view callback is still the one the picker comes first in."""
    keys = [key for key in dash_app.callback_map
            if "compare-group.value" in key and "compare-countries.value" in key]
    assert keys == ["..compare-group.value...compare-countries.value.."]
    inputs = [f"{i['id']}.{i['property']}" for i in dash_app.callback_map[keys[0]]["inputs"]]
    assert inputs == ["compare-group.value", "compare-countries.value"]
    firsts = [spec["inputs"][0]["id"] for spec in dash_app.callback_map.values()
              if spec["inputs"] and spec["inputs"][0]["id"].startswith("compare-")]
    assert firsts.count("compare-countries") == 1


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("group", [None, "gcc"])
def test_an_emptied_picker_reopens_empty(compare, lang, group):
    """The URL of an emptied picker names no country and no preset, even when the preset's
    value reaches the URL callback before it is cleared; it reopens on no country and no
    preset, saying to choose countries."""
    search, *_ = compare.update_url(group, [], 2024, [], lang, "")
    query = query_of(search)
    assert query["country"] == "" and "group" not in query
    root = reopen(compare, search)
    assert find(root, compare.ID_COUNTRIES).value == []
    assert find(root, compare.ID_GROUP).value is None
    assert texts(find(root, compare.ID_RANKING_NOTE)) == i18n.t(
        "Choose one or more countries above to compare them.", lang)
    assert find(root, compare.ID_RANKING).data == []


def test_a_link_with_a_preset_and_no_country_opens_empty(compare):
    """``country=&group=gcc``, as the page wrote an emptied picker before: an empty picker and
    no preset (the preset shown over nothing reopened the GCC)."""
    state, notices = compare.read_state(compare.data.current_engine(),
                                        {"v": "1", "country": "", "group": "gcc"})
    assert state.countries == () and state.groups == () and notices == []
    root = compare.layout(lang="en", v="1", country="", group="gcc")
    assert find(root, compare.ID_COUNTRIES).value == []
    assert find(root, compare.ID_GROUP).value is None
    # A preset alone still fills the picker with its members.
    state, _ = compare.read_state(compare.data.current_engine(), {"v": "1", "group": "gcc"})
    assert state.groups == ("gcc",) and "OMN" in state.countries
