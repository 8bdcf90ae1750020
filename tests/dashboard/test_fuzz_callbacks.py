"""Every server callback of every page, posted as the renderer posts it to
``/_dash-update-component`` with its inputs and states replaced by unexpected values (None,
wrong types, huge lists, impossible dates, unknown ids), answers: the page's update, nothing
to update, or the callback guard's 400 naming the control; never a 500. Then the defects the
fuzzing found, each pinned by a plain example. Derandomised and bounded."""

from __future__ import annotations

import json
import re
import sys

import dash
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.dashboard.tree_support import walk

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

KEEP = object()  # a slot keeping the value the page's layout gives it


@pytest.fixture(scope="module")
def client(dash_app):
    client = dash_app.server.test_client(use_cookies=False)
    client.get("/")
    return client


@pytest.fixture(scope="module")
def initial(dash_app) -> dict:
    """Component id -> component, from every page's layout in English (the values a page
    opens with, so that a payload changes one or two of them and reaches the callback)."""
    found = {}
    for page in dash.page_registry.values():
        module = sys.modules[page["module"]]
        kwargs = {"iso3": "MAR"} if page["module"].endswith("country") else {}
        with dash_app.server.test_request_context(page["path"]):
            root = module.layout(lang="en", **kwargs)
        for node in walk(root):
            if isinstance(getattr(node, "id", None), str):
                found[node.id] = node
    return found


def first_output(output: str) -> str:
    """A callback's first output, ``id.property`` (Dash's name for a multi-output callback
    lists them all; ``allow_duplicate`` adds a hash)."""
    return re.sub(r"@[0-9a-f]+", "", output).strip(".").split("...")[0]


def server_callbacks(dash_app) -> dict[str, str]:
    """First output -> Dash's output name, for every callback run on the server (a clientside
    callback is never posted by the renderer; the page-routing one is test_fuzz_pages's)."""
    return {first_output(output): output for output, spec in dash_app.callback_map.items()
            if "callback" in spec and not output.startswith(".._pages")}


def payload(dash_app, initial: dict, output: str, values: list, changed: int) -> dict:
    """The request for ``output`` with ``values`` (one per input then state; KEEP keeps the
    layout's value) and input number ``changed`` as the one that fired."""
    spec = dash_app.callback_map[output]
    names = output[2:-2].split("...") if output.startswith("..") else [output]
    outs = [dict(zip(("id", "property"), n.split("@")[0].rsplit(".", 1), strict=True))
            for n in names]
    items = [("inputs", i) for i in spec["inputs"]] + [("state", s) for s in spec["state"]]
    body = {"output": output, "outputs": outs if output.startswith("..") else outs[0],
            "inputs": [], "state": [], "changedPropIds": []}
    for (section, item), value in zip(items, values, strict=False):
        if value is KEEP:
            value = getattr(initial.get(item["id"]), item["property"], None)
        body[section].append({"id": item["id"], "property": item["property"], "value": value})
    first = spec["inputs"][changed % len(spec["inputs"])]
    body["changedPropIds"] = [f"{first['id']}.{first['property']}"]
    return body


def post(client, body: dict):
    return client.post("/_dash-update-component", data=json.dumps(body),
                       content_type="application/json")


TEXTS = ["", " ", "MAR", "mar", "OMN", "ZZZ", "gcc", "maghreb", "nope", "itu_gci.overall",
         "ncsi.overall", "2024", "2018", "٢٠٢٤", "-1", "1.5", "1e309", "en", "fr", "ar", "xx",
         "month", "week", "share", "count", "yes", "no", "samples", "score:desc", "\x00",
         "\ud800", "..", "{value} > 50", "{value} > abc", "{nope} = 1", "((", "x" * 1999,
         "2024-02-30", "2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01",
         "2025-06-30T00:00:00", "2024-13-45", "?lang=xx&v=999&country=ZZZ", "?digits=arab"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10 ** 20), 10 ** 20),
                    st.sampled_from([2018, 2020, 2024, 0, -1, 999999]),
                    st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from(TEXTS), st.text(max_size=12))
sort_specs = st.lists(st.fixed_dictionaries(
    {"column_id": st.sampled_from(["value", "score", "country", "iso3", "nope", "rank", ""]),
     "direction": st.sampled_from(["asc", "desc", "up"])}), max_size=3)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=5),
    sort_specs,
    st.dictionaries(st.text(max_size=5), scalars, max_size=3),
    st.lists(st.dictionaries(st.sampled_from(["id", "name", "country", "value", "iso3"]),
                             scalars, max_size=4), max_size=4),
    st.sampled_from([["MAR"] * 999, list(range(1001)), [[["x"]]]]),
)
# Values the guard lets through (known ids, in the wrong shape too): they reach the callbacks.
plausible = st.sampled_from([
    None, [], "", "MAR", ["MAR"], ["MAR", "OMN"], ["mar"], "gcc", ["gcc"], "maghreb",
    "itu_gci.overall", ["itu_gci.overall"], 2024, "2024", [2024], ["2024"], [2018, 2024],
    "en", "fr", "ar", ["en"], "month", "share", "yes", ["samples"], [], 0, 3, 10 ** 6,
    "2024-02-29", "1970-01-01", "9999-12-31", "0001-01-01", "2025-06-30T00:00:00",
    [{"column_id": "score", "direction": "desc"}], [{"column_id": "value", "direction": "asc"}],
    [{"column_id": "country", "direction": "desc"}], "{value} > 50", "{value} > abc",
    "{country} contains x", "?v=999&country=ZZZ&lang=xx", "?digits=arab&lang=ar"])
# Each server callback by its first output (test_every_server_callback_is_fuzzed keeps the
# list whole).
CALLBACKS = ["compare-group.value", "compare-selection.children", "compare-trend.figure",
             "compare-ranking.data", "compare-ranking-downloads.children", "compare-url.search",
             "map-tiles.figure", "crossindex-group.value", "crossindex-selection.children",
             "crossindex-chart.figure", "crossindex-table-downloads.children",
             "crossindex-url.search", "data-url.search", "data-table.page_current",
             "news-volume.figure", "news-url.search", "news-article-downloads.children",
             "changes-table-box.children"]


def test_every_server_callback_is_fuzzed(dash_app, client):
    """A callback added to a page joins :data:`CALLBACKS`."""
    assert sorted(server_callbacks(dash_app)) == sorted(CALLBACKS)


@pytest.mark.parametrize("first", CALLBACKS)
@FUZZ
@given(data=st.data())
def test_callbacks_answer_any_value(dash_app, client, initial, first, data):
    """200, 204 (nothing to update) or the guard's 400; never a 500."""
    output = server_callbacks(dash_app)[first]
    spec = dash_app.callback_map[output]
    count = len(spec["inputs"]) + len(spec["state"])
    changed_values = dict(data.draw(st.lists(st.tuples(st.integers(0, count - 1),
                                                       st.one_of(plausible, values)),
                                             min_size=1, max_size=2), label="changed values"))
    drawn = [changed_values.get(i, KEEP) for i in range(count)]
    changed = data.draw(st.integers(0, len(spec["inputs"]) - 1), label="fired")
    body = payload(dash_app, initial, output, drawn, changed)
    response = post(client, body)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 204, 400), (output, body, response.data[:300])
    if response.status_code == 200:
        assert "response" in response.get_json()


# ---------------------------------------------------------------- what the fuzzing found


def post_callback(dash_app, client, initial, first: str, fired: str | None = None, **values):
    """Post the callback whose first output is ``first`` with ``values`` by
    ``"component-id.property"`` (the layout's values elsewhere); ``fired`` is the input that
    changed (the first by default)."""
    output = server_callbacks(dash_app)[first]
    spec = dash_app.callback_map[output]
    keys = [f"{i['id']}.{i['property']}" for i in spec["inputs"] + spec["state"]]
    assert set(values) <= set(keys), keys
    inputs = [f"{i['id']}.{i['property']}" for i in spec["inputs"]]
    body = payload(dash_app, initial, output, [values.get(k, KEEP) for k in keys],
                   inputs.index(fired) if fired else 0)
    return post(client, body)


def outputs_of(response) -> dict:
    assert response.status_code == 200, response.data[:300]
    return response.get_json()["response"]


@pytest.mark.parametrize("page", ["compare", "crossindex"])
def test_a_list_for_the_preset_menu_reads_as_no_preset(dash_app, client, initial, page):
    """The preset menu sends one group id; a list there (a hand-made request: the guard lets
    known ids through) was a 500 from the group members' query. It reads as no preset."""
    picked = {f"{page}-countries.value": ["MAR", "OMN"]}
    response = post_callback(dash_app, client, initial, f"{page}-group.value",
                             **{f"{page}-group.value": ["gcc"]}, **picked)
    assert response.status_code in (200, 204), response.data[:300]
    said = outputs_of(post_callback(dash_app, client, initial, f"{page}-selection.children",
                                    **{f"{page}-group.value": ["gcc"]}, **picked))
    assert said[f"{page}-selection"]["children"].startswith(
        "Selection: your own choice of countries, no peer group — 2 countries")


def test_a_lone_code_for_the_picker_is_one_country(dash_app, client, initial):
    """A picker sends a list; a lone code was read letter by letter ("3 countries")."""
    said = outputs_of(post_callback(dash_app, client, initial, "compare-selection.children",
                                    **{"compare-group.value": None,
                                       "compare-countries.value": "MAR"}))
    assert said["compare-selection"]["children"].endswith("— 1 country")


def test_picker_values_reads_the_shapes_a_request_may_send():
    """One group id or None; a list of codes (other items dropped)."""
    from dashboard.peer_selection import picker_values

    assert picker_values("gcc", ["MAR", "OMN"]) == ("gcc", ["MAR", "OMN"])
    assert picker_values(["gcc"], "MAR") == (None, ["MAR"])
    assert picker_values({"a": 1}, [1, None, "OMN"]) == (None, ["OMN"])
    assert picker_values("", None) == (None, [])


def test_ranking_download_takes_columns_that_are_not_a_list(dash_app, client, initial):
    """The table's columns as a number (only a hand-made request sends that) were a 500: the
    download is written with the country rows' own columns."""
    rows = [{"country": "[Morocco](/country/MAR)", "name": "Morocco", "iso3": "MAR",
             "edition": 2024, "score": 97.5}]
    response = post_callback(dash_app, client, initial, "compare-ranking-downloads.children",
                             **{"compare-ranking.data": rows, "compare-ranking.columns": 1e308})
    assert "compare-ranking-downloads" in outputs_of(response)


@pytest.mark.parametrize("editions", [2024, "2024", [2024]], ids=["number", "text", "list"])
def test_data_page_reads_a_lone_edition_as_one(dash_app, client, initial, editions):
    """The Data page's edition picker sends a list; a lone year was a 500 (a number) or read
    digit by digit ("Unknown edition: 0, 2, 4", a text). It is that one edition."""
    out = outputs_of(post_callback(dash_app, client, initial, "data-url.search",
                                   **{"data-editions.value": editions}))
    assert "edition=2024" in out["data-url"]["search"]
    assert "Unknown edition" not in json.dumps(out["data-count"])


def test_data_page_sort_by_an_unknown_column_says_so(dash_app, client, initial):
    """The table sorts by its columns; a ``sort_by`` naming another (a page older than the
    server's columns, or a hand-made request) was a 500. The rows come in the default order
    with a notice naming the column, and the URL keeps no sort."""
    out = outputs_of(post_callback(
        dash_app, client, initial, "data-url.search", fired="data-table.sort_by",
        **{"data-table.sort_by": [{"column_id": "score", "direction": "desc"}]}))
    assert "unknown column to sort by: score" in json.dumps(out["data-notices"])
    assert "sort=" not in out["data-url"]["search"]
    assert out["data-table"]["data"]


# ---------------------------------------------------------------- what an analyst types

FILTER_COLUMNS = ["value", "edition", "rank", "tier", "country", "iso3", "indicator",
                  "scale", "nope", ""]
FILTER_OPERATORS = ["=", "!=", "<", "<=", ">", ">=", "eq", "contains", "datestartswith",
                    "is blank", "", "=>", "≥"]
FILTER_VALUES = ["50", "19,5", "19.5", "٢٠٢٤", "-1", "1e309", "abc", "", "'x'", '"Maroc"',
                 "2024-02-30", "MAR", "0x10", "  ", "\u066b5", "1 000", "99999999999999999999"]
conditions = st.builds(lambda c, o, v: f"{{{c}}} {o} {v}", st.sampled_from(FILTER_COLUMNS),
                       st.sampled_from(FILTER_OPERATORS), st.sampled_from(FILTER_VALUES))
typed_filters = st.one_of(
    st.lists(conditions, min_size=1, max_size=3).map(" && ".join),
    st.lists(conditions, min_size=2, max_size=3).map(" || ".join),
    st.text(max_size=40))


@FUZZ
@given(typed=typed_filters, lang=st.sampled_from(["en", "fr", "ar"]))
def test_data_table_filter_row_answers_anything_typed(dash_app, client, initial, typed, lang):
    """What an analyst types in the Data table's filter row (in any page language): the rows
    or a notice saying why the filter is not applied; never a 500."""
    response = post_callback(dash_app, client, initial, "data-url.search",
                             fired="data-table.filter_query",
                             **{"data-table.filter_query": typed, "data-lang.data": lang})
    assert "data-table" in outputs_of(response), typed
