"""API input: a number out of range says the range; a repeated ``lang`` says so; a news
``language`` no article has is a 400 listing the known ones (it was an empty file); a country
name typed with the keyboard's apostrophe finds the names stored with ’; a request line gunicorn
refuses is the API's JSON error, not an HTML page."""

from __future__ import annotations

import json
import socket

import pytest
from gunicorn.http.errors import LimitRequestLine

from dashboard import serving
from dashboard.api import create_api_app


@pytest.fixture(scope="module")
def client(loaded_settings, loaded_engine):
    app = create_api_app(loaded_settings, loaded_engine)
    app.config["TESTING"] = True
    return app.test_client()


def _error(response, status: int = 400) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()["error"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "per_page must be between 1 and 1000, not: -1"),
        ("0", "per_page must be between 1 and 1000, not: 0"),
        ("5000", "per_page must be between 1 and 1000, not: 5000"),
        ("abc", "per_page must be a whole number between 1 and 1000, not: abc"),
        ("--1", "per_page must be a whole number between 1 and 1000, not: --1"),
    ],
)
def test_per_page_says_its_range(client, value, message):
    error = _error(client.get("/api/v1/observations", query_string={"per_page": value}))
    assert error == {"status": 400, "parameter": "per_page", "message": message}


def test_a_repeated_lang_says_so(client):
    error = _error(client.get("/api/v1/observations?lang=fr&lang=ar"))
    assert error["message"] == "lang given more than once"
    error = _error(client.get("/api/v1/observations?lang=de"))
    assert error["message"] == "lang must be one of en, fr, ar, not: de"


@pytest.mark.parametrize("kind", ["articles", "claims"])
def test_an_unknown_news_language_is_a_400_listing_the_known(client, kind):
    error = _error(client.get(f"/api/v1/downloads/{kind}.csv?language=de&samples=1"))
    assert error["parameter"] == "language"
    assert error["message"] == "language must be one of ar, en, fr, not: de"
    assert client.get(f"/api/v1/downloads/{kind}.csv?language=en&samples=1").status_code == 200


@pytest.mark.parametrize(
    "where",
    [
        "{country} contains d'Ivoire",
        '{country} contains "d\'Ivoire"',
        "{country} contains d\u2019Ivoire",
        '{country} = "C\u00f4te d\'Ivoire"',
    ],
)
def test_a_keyboard_apostrophe_finds_the_typographic_one(client, where):
    response = client.get("/api/v1/observations", query_string={"where": where, "per_page": 1000})
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = response.get_json()["data"]
    assert rows and {r["iso3"] for r in rows} == {"CIV"}
    assert rows[0]["country"] == "C\u00f4te d\u2019Ivoire"  # the name as published


def test_gunicorn_reads_long_request_lines_and_answers_its_refusal_in_json(loaded_settings):
    built = serving.gunicorn_options(loaded_settings, "127.0.0.1", 8050, 1)
    assert built["limit_request_line"] == serving.LIMIT_REQUEST_LINE == 8190
    assert built["worker_class"] == "dashboard.serving.JsonErrorWorker"


def test_the_worker_answers_a_too_long_request_line_with_json():
    worker = serving.JsonErrorWorker.__new__(serving.JsonErrorWorker)
    worker.log = type("Log", (), {"warning": lambda *a: None, "debug": lambda *a: None})()
    server_side, client_side = socket.socketpair()
    try:
        worker.handle_error(None, server_side, ("127.0.0.1", 5000), LimitRequestLine(9000, 8190))
        server_side.close()
        raw = b""
        while chunk := client_side.recv(65536):
            raw += chunk
    finally:
        client_side.close()
    head, body = raw.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 414 ")
    assert b"Content-Type: application/json" in head
    assert json.loads(body) == {
        "error": {
            "status": 414,
            "message": (
                "the URL is longer than 8190 characters: shorten the filter (where) or the view link, "
                "or ask for fewer values at a time"
            ),
        }
    }


@pytest.mark.parametrize("value", ["no", "yes", "any"])
def test_the_claims_download_refuses_claim_it_does_not_apply(client, value):
    """``claim`` selects articles by whether they have claims: the claims download answered
    the same rows with ``claim=no`` as without it; it is a 400 naming it, as an unknown
    parameter is."""
    error = _error(client.get(f"/api/v1/downloads/claims.csv?claim={value}&samples=1"))
    assert error["parameter"] == "claim"
    assert error["message"].startswith("claim does not apply to claims")
    assert client.get(f"/api/v1/downloads/articles.csv?claim={value}&samples=1").status_code \
        == 200


@pytest.mark.parametrize("kind", ["articles", "claims", "changes"])
def test_a_list_download_documents_exactly_the_parameters_it_takes(kind):
    """The OpenAPI document lists for each news (and changes) download what the route takes
    (it listed claim for the claims download, which never applied it)."""
    from dashboard.api import CHANGE_PARAMS, news_params
    from dashboard.openapi import openapi_document

    operation = openapi_document()["paths"][f"/api/v1/downloads/{kind}.{{format}}"]["get"]
    documented = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert documented == set(CHANGE_PARAMS if kind == "changes" else news_params(kind))
    assert ("claim" in documented) == (kind == "articles")


def test_an_outlet_is_never_split_at_its_commas(loaded_engine):
    """Outlets are repeated, not comma separated (their names may hold commas, as the docs
    say): ``outlet=Le Matin, Maroc`` is one outlet."""
    from werkzeug.datastructures import MultiDict

    from dashboard.api import news_filter

    wanted = news_filter(MultiDict([("outlet", "Le Matin, Maroc"), ("outlet", "Hespress")]),
                         loaded_engine)
    assert wanted.outlets == ("Le Matin, Maroc", "Hespress")


def _routes_taking(name: str) -> list[str]:
    """A URL of every documented route taking the query parameter ``name`` (csv downloads)."""
    from dashboard.openapi import openapi_document

    document = openapi_document()
    refs = document["components"]["parameters"]
    urls = []
    for path, item in document["paths"].items():
        names = {(refs[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p)["name"]
                 for p in item["get"].get("parameters", [])}
        if name in names:
            urls.append(path.replace("{format}", "csv"))
    return urls


EMPTY_FILTERS = [(name, url) for name in ("indicator", "country", "group", "edition", "source",
                                          "where", "kind", "language", "outlet", "verdict")
                 for url in _routes_taking(name)]


@pytest.mark.parametrize("name, url", [pytest.param(n, u, id=f"{n}-{u.rsplit('/', 1)[-1]}")
                                       for n, u in EMPTY_FILTERS])
def test_an_empty_filter_is_a_400_not_every_row(client, name, url):
    """``country=`` (a shell variable left unset: ``?country=$C``) is a 400 naming the
    parameter on every route taking it, as is ``country=,`` or a blank: it was the whole
    table. A filter with a value and a stray comma still answers."""
    message = (f"{name} is empty: give at least one value, or leave {name} out for no filter "
               "on it")
    values = ["", " "] + ([","] if name not in ("where", "outlet") else [])
    for value in values:
        error = _error(client.get(url, query_string={name: value}))
        assert error == {"status": 400, "parameter": name, "message": message}, value
    if name == "country":
        assert client.get(url, query_string={name: "MAR,"}).status_code == 200


def test_the_dashboards_download_links_never_send_an_empty_filter(pages, client):
    """What the pages link to with nothing chosen carries no empty parameter, and answers
    (the refusal of ``country=`` breaks no link of the dashboard); the same link with an
    empty ``country=`` added is the 400."""
    from dashboard.downloads import download_url, list_download_url
    from etl.export import ExportFilter

    news, changes = pages["news"], pages["changes"]
    links = [download_url(ExportFilter(), "csv", dataset=d)
             for d in ("observations", "statements", "crossindex")]
    links += [list_download_url(kind, news.download_query(news.NewsState(countries=())), "csv")
              for kind in ("articles", "claims")]
    links.append(list_download_url("changes", changes.download_query([], None, [], None), "csv"))
    for link in links:
        assert "=&" not in link + "&" and client.get(link).status_code == 200, link
        emptied = link + ("&" if "?" in link else "?") + "country="
        assert _error(client.get(emptied))["parameter"] == "country", link
