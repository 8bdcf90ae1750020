"""News keeps its filters in the URL: controls to query and back, old and bad links degrade
with a notice (callbacks and layout called as functions)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import plotly.utils
import pytest
from dash import dcc

from dashboard import url_state
from dashboard.i18n import as_typed
from tests.dashboard.tree_support import find, texts

NO_FILTER = dict(countries=["MAR", "OMN"], freq="week", measure="count", languages=[],
                 outlets=[], start=None, end=None, has_claim="any", verdicts=[], samples=[],
                 lang="en")


@pytest.fixture
def news(pages, app_context):
    return pages["news"]


def push(news, search=None, **changes):
    """The URL callback as the browser runs it."""
    return news.update_url(*{**NO_FILTER, **changes}.values(), search)


def reopen(news, search: str):
    """The page a link opens (Dash passes the query, lang apart, to the layout)."""
    query = {k: v[-1] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=True).items()}
    lang = query.pop("lang", "en")
    return news.layout(lang=lang, **query)


def view_of(news, root) -> dict:
    dates = find(root, news.ID_DATES)
    return {"countries": find(root, news.ID_COUNTRIES).value,
            "freq": find(root, news.ID_FREQ).value,
            "measure": find(root, news.ID_MEASURE).value,
            "languages": find(root, news.ID_LANGUAGES).value,
            "outlets": find(root, news.ID_OUTLETS).value,
            "start": dates.start_date, "end": dates.end_date,
            "has_claim": find(root, news.ID_HAS_CLAIM).value,
            "verdicts": find(root, news.ID_VERDICTS).value,
            "samples": find(root, news.ID_SAMPLES).value,
            "notices": texts(find(root, news.ID_NOTICES)),
            "count": texts(find(root, news.ID_COUNT))}


ROUND_TRIPS = [
    pytest.param(dict(countries=["JOR"]), id="country"),
    pytest.param(dict(languages=["fr"], samples=["samples"]), id="language-samples"),
    pytest.param(dict(start="2024-01-01", end="2024-12-31", samples=["samples"]), id="dates"),
    pytest.param(dict(has_claim="yes", verdicts=["contradicted"], samples=["samples"]),
                 id="claims-verdict"),
    pytest.param(dict(freq="month", measure="share"), id="volume"),
    pytest.param(dict(countries=[], lang="fr"), id="no-country-french"),
    pytest.param(dict(lang="ar", has_claim="no", samples=["samples"]), id="arabic"),
]


@pytest.mark.parametrize("changes", ROUND_TRIPS)
def test_url_round_trip(news, changes):
    """The URL the controls push reopens the same controls, rows and count, no notice."""
    search = push(news, **changes)
    assert search.startswith("?v=1&")
    root = reopen(news, search)
    controls = {**NO_FILTER, **changes}
    shown = view_of(news, root)
    assert shown["notices"] == ""
    for name in ("countries", "freq", "measure", "languages", "outlets", "start", "end",
                 "has_claim", "verdicts", "samples"):
        assert shown[name] == controls[name], name
    _figure, _twin, _note, _hidden, count, _articles, _claims = news.update_news(*controls.values())
    assert shown["count"] == count
    assert root.lang == controls["lang"]
    field = find(root, url_state.permalink_ids(news.PREFIX)[0])
    assert field.value.endswith("/news" + search)
    json.dumps(root, cls=plotly.utils.PlotlyJSONEncoder)


def test_defaults_write_nothing_and_only_differences(news):
    assert push(news) == ""
    assert push(news, freq="month") == "?v=1&freq=month"
    assert push(news, lang="fr", samples=["samples"]) == "?v=1&samples=1&lang=fr"
    # The Arabic digits already in the URL are kept, unowned.
    assert push(news, "?v=1&lang=ar&digits=arab", lang="ar") == "?v=1&lang=ar&digits=arab"


def test_old_links_still_read(news):
    """``?countries=MAR,OMN`` (earlier links) preselects as before."""
    shown = view_of(news, news.layout(lang="en", countries="JOR,MAR"))
    assert shown["countries"] == ["JOR", "MAR"] and shown["notices"] == ""


@pytest.mark.parametrize(("query", "words"), [
    pytest.param({"country": "MAR,XXX"}, ["XXX"], id="unknown-country"),
    pytest.param({"language": "tlh"}, ["tlh"], id="unknown-language"),
    pytest.param({"outlet": "Daily Planet"}, ["Daily Planet"], id="unknown-outlet"),
    pytest.param({"verdict": "maybe"}, ["maybe"], id="unknown-verdict"),
    pytest.param({"since": "yesterday"}, ["yesterday"], id="bad-date"),
    pytest.param({"since": "2025-01-01", "until": "2024-01-01"}, ["2024-01-01", "2025-01-01"],
                 id="dates-reversed"),
    pytest.param({"claim": "perhaps"}, ["perhaps", "claim"], id="bad-claim"),
    pytest.param({"freq": "hourly"}, ["hourly"], id="bad-freq"),
    pytest.param({"samples": "lots"}, ["lots"], id="bad-samples"),
    pytest.param({"zoom": "3"}, ["zoom"], id="unknown-key"),
    pytest.param({"v": "9"}, ["v=9"], id="future-version"),
])
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_bad_params_degrade_with_a_notice(news, query, words, lang):
    """A bad value is left out with a visible notice in the page's language; no exception."""
    root = news.layout(lang=lang, **query)
    shown = view_of(news, root)
    # (a date quoted is kept whole: as_typed reads it as typed)
    assert shown["notices"] and all(w in as_typed(shown["notices"]) for w in words)
    assert shown["freq"] in news.FREQ_LABELS and shown["has_claim"] in news.HAS_CLAIM_LABELS
    if lang != "en":  # translated
        english = texts(find(news.layout(lang="en", **query), news.ID_NOTICES))
        assert shown["notices"] != english
    json.dumps(root, cls=plotly.utils.PlotlyJSONEncoder)


@pytest.mark.parametrize("search", ["%%%&&&==;\x00", "?country=" + ",".join(["ZZZ"] * 500),
                                    "?since=2024-13-45&until=&lang=xx", None, ""])
def test_garbage_never_raises(news, search):
    state, notices = news.decode_news(search)
    assert isinstance(state, news.NewsState)
    assert all(isinstance(n.text("ar"), str) for n in notices)


def test_reversed_dates_keep_the_start_and_leave_out_the_end(news):
    state, notices = news.decode_news("?since=2025-01-01&until=2024-01-01")
    assert (state.since, state.until) == ("2025-01-01", None) and len(notices) == 1
    state, notices = news.decode_news("?since=2024-01-01&until=2024-01-01")
    assert (state.since, state.until) == ("2024-01-01", "2024-01-01") and not notices


def test_digits_is_not_an_unknown_setting(news):
    shown = view_of(news, news.layout(lang="ar", digits="arab", country="MAR"))
    assert shown["notices"] == "" and shown["countries"] == ["MAR"]


def test_page_has_a_location_and_copy_link(news):
    root = news.layout(lang="en")
    location = find(root, news.ID_URL)
    assert isinstance(location, dcc.Location) and location.refresh is False
    assert find(root, url_state.permalink_ids(news.PREFIX)[1]) is not None
