"""Mangled links (truncated, re-encoded, translated, typed over) open every page with its chrome
and notices, never a 500, a traceback or an empty answer: through the HTTP path the browser
asks first, through Dash's page-routing callback that draws the page from the URL, and through
each page's ``layout`` with the query as Dash parses it. The brief's routes answer a page or a
clear 404, whatever the query. Derandomised and bounded: the same examples every run."""

from __future__ import annotations

import json
import sys
from urllib.parse import quote

import dash
import plotly.utils
import pytest
from dash._pages import _parse_query_string, _path_to_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import url_state
from tests.dashboard.tree_support import walk

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# Drawing a whole page takes a few tenths of a second: fewer examples where each draws one.
SLOW_FUZZ = settings(FUZZ, max_examples=30)

PAGE_PATHS = ["/", "/compare", "/map", "/country/MAR", "/country/omn", "/country/ZZZ",
              "/country/..", "/country/%00", "/cross-index", "/data", "/news", "/changes",
              "/status", "/no-such-page"]
# Every key a page reads (url_state.KEYS, the News, Compare and What-changed pages' own, the
# preferences' digits), Dash's own layout arguments (iso3, lang), and keys no page knows.
KEYS = ["v", "lang", "country", "countries", "indicator", "indicators", "group", "groups",
        "edition", "editions", "tab", "sort", "where", "digits", "join", "kind", "since",
        "until", "language", "languages", "outlet", "outlets", "claim", "verdict", "verdicts",
        "samples", "freq", "measure", "iso3", "_", "", "x", "LANG", "lang ", "pathname_"]
HOSTILE = ["", " ", ",", ",,,", "MAR", "mar", "MAR,OMN", "MAR;OMN", "MAR OMN", "MAR|OMN",
           "MAR/OMN", "ZZZ", "..", "../..", "\x00", "\x01\x1f\x7f", "\ud800", "\udfff",
           "\u202e", "٢٠٢٤", "۲۰۲۴", "2024", "-1", "-2024", "1.5", "1e309", "NaN",
           "99999999999999999999", "0", "2024-02-30", "0001-01-01", "9999-12-31",
           "10000-01-01", "en", "fr", "ar", "xx", "AR", " fr ", "999", "1", "score:desc",
           "value:sideways", ":", ":desc", "{value} > 50", "{value} >", "{nope} = 1", "((",
           "'\"<script>alert(1)</script>", "gcc", "GCC", "maghreb", "true", "null", "[]", "{}",
           "month", "week", "share", "count", "yes", "no", "samples", "itu_gci.overall",
           "x" * 3000, "a," * 400, "%", "%zz", "+", "&", "=", "#", "?"]

# Mostly the hostile values and the keys pages read, some free text and unknown keys.
hostile = st.sampled_from(HOSTILE)
values = st.one_of(hostile, hostile, st.builds(lambda a, b: a + b, hostile, hostile),
                   st.text(max_size=30))
known_keys = st.sampled_from(KEYS)
pairs = st.lists(st.tuples(st.one_of(known_keys, known_keys, known_keys, st.text(max_size=12)),
                           values), max_size=6)


# Left raw in a "raw" query: separators and marks a hand or a mail client leaves unencoded
# (a browser still percent-encodes control characters, spaces and non-ASCII text).
RAW_SAFE = "&=,;:|/?%+'\"<>()[]{}!*$@~."


def query_string(items: list[tuple[str, str]], raw: bool) -> str:
    """The query a mangled link carries: percent-encoded as a browser sends it, or with the
    separators and characters left raw (as a mail client or a hand may leave them)."""
    safe = RAW_SAFE if raw else ""
    return "&".join(f"{quote(k, safe=safe, errors='surrogatepass')}="
                    f"{quote(v, safe=safe, errors='surrogatepass')}" for k, v in items)


queries = st.builds(query_string, pairs, st.booleans()).map(lambda q: "?" + q if q else q)


@pytest.fixture(scope="module")
def client(dash_app):
    """A client without cookies: a ``lang`` in one example must not redirect the next."""
    client = dash_app.server.test_client(use_cookies=False)
    client.get("/")  # Dash registers its page-routing callback on the first request
    return client


def routing_payload(pathname: str, search: str) -> dict:
    """The request the renderer sends to draw the page at ``pathname`` + ``search``."""
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "state": [], "changedPropIds": ["_pages_location.pathname"]}


def route(client, pathname: str, search: str):
    return client.post("/_dash-update-component", data=json.dumps(routing_payload(pathname,
                                                                                  search)),
                       content_type="application/json")


def assert_page_drawn(response, where: str) -> dict:
    """A 200 whose content is a page shell (its ``main``), not an error nor nothing."""
    assert response.status_code == 200, (where, response.status_code, response.data[:300])
    body = response.get_json()
    content = body["response"]["_pages_content"]["children"]
    assert '"id": "main"' in json.dumps(content), where
    return content


@FUZZ
@given(path=st.sampled_from(PAGE_PATHS), search=queries)
def test_page_documents_answer_any_query(client, path, search):
    """The document of a page: 200 (404 for a path naming nothing), HTML, no traceback."""
    response = client.get(path + search)
    assert response.status_code in (200, 404, 414), (path + search, response.status_code)
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "<html" in text


# A ``search`` with raw control characters and lone surrogates: no browser sends that (it
# percent-encodes), a forged request can.
raw_searches = st.builds(lambda items: "?" + "&".join(f"{k}={v}" for k, v in items), pairs)


@SLOW_FUZZ
@given(path=st.sampled_from(PAGE_PATHS), search=st.one_of(queries, raw_searches))
def test_routing_callback_draws_every_page_for_any_query(client, path, search):
    """The page-routing callback draws the page (or the not-found page) in its chrome."""
    assert_page_drawn(route(client, path, search), repr(path + search))


@SLOW_FUZZ
@given(path=st.sampled_from(PAGE_PATHS), search=queries)
def test_layouts_build_from_any_parsed_query(dash_app, path, search):
    """Each page's ``layout`` called as Dash's router calls it (path variables, then the
    query parsed by Dash: a repeated key is a list) builds a tree that serialises."""
    page, variables = _path_to_page(path.strip("/"))
    if not page:
        page = next(p for p in dash.page_registry.values()
                    if p["module"].endswith("not_found_404"))
    module = sys.modules[page["module"]]
    with dash_app.server.test_request_context(path + search):
        root = module.layout(**{**(variables or {}), **_parse_query_string(search)})
    json.dumps(root, cls=plotly.utils.PlotlyJSONEncoder)
    assert any(getattr(node, "id", None) == "main" for node in walk(root))


BRIEF_CODES = ["MAR", "omn", "ZZZ", "..", "MAR.PDF.pdf", "ZZZ.pdf", "mar.txt", "\u0645\u0631",
               "A" * 300]


@SLOW_FUZZ
@given(code=st.sampled_from(BRIEF_CODES), search=queries)
def test_brief_answers_a_page_or_a_404_for_any_query(client, code, search):
    """``/brief/<code>``: the brief (200) or a page saying no country has that code (404).
    (The PDF of a known country prints with Chromium: not fuzzed here.)"""
    response = client.get(f"/brief/{quote(code)}{search}")
    assert response.status_code in (200, 404, 414), (code, search, response.status_code)
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "<html" in text.lower()


@FUZZ
@given(query=st.one_of(queries, st.dictionaries(st.sampled_from(KEYS),
                                                st.one_of(values, st.lists(values, max_size=3),
                                                          st.none(), st.integers()),
                                                max_size=5)))
def test_decode_state_never_raises(query):
    """The shared decoder gives a state and notices for any query string or Dash mapping."""
    state, notices = url_state.decode_state(query)
    assert isinstance(state, url_state.ViewState)
    for notice in notices:
        assert notice.text("fr")


def test_every_key_with_every_hostile_value_decodes(pages):
    """Each key a page reads, alone and repeated, with each hostile value: the shared decoder
    and the News page's give a state and notices (a sweep: the fuzzing above draws few of
    these pairs)."""
    news = pages["news"]
    for key in KEYS:
        for value in HOSTILE:
            for query in ({key: value}, {key: [value, "MAR"]},
                          "?" + query_string([(key, value)], raw=True)):
                state, notices = url_state.decode_state(query)
                assert isinstance(state, url_state.ViewState), (key, value)
                assert all(n.text("ar") for n in notices)
                news_state, _ = news.decode_news(query)
                assert news_state.lang in ("en", "fr", "ar"), (key, value)
