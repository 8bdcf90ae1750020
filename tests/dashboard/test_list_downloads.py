"""The news and changelog downloads say what they are as the observation downloads do: filter,
language, time and view link in headers, the release in the file name (one helper for all)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from dashboard.downloads import list_download_url


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


@pytest.mark.parametrize(("kind", "query", "expected_filter"), [
    pytest.param("articles", [("country", "mar"), ("samples", "1")], "country=MAR&samples=1",
                 id="articles"),
    pytest.param("claims", [("country", "MAR"), ("verdict", "consistent"), ("samples", "1")],
                 "country=MAR&verdict=consistent&samples=1", id="claims"),
    pytest.param("changes", [("country", "MAR,OMN"), ("kind", "added")],
                 "country=MAR&country=OMN&kind=added", id="changes"),
])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_list_downloads_say_what_they_are(client, kind, query, expected_filter, fmt):
    view = "http://localhost/news?v=1&country=MAR"
    answer = client.get(f"/api/v1/downloads/{kind}.{fmt}",
                        query_string=[*query, ("view", view), ("lang", "fr")])
    assert answer.status_code == 200, answer.get_data(as_text=True)
    release = answer.headers["X-Data-Release"]
    disposition = answer.headers["Content-Disposition"]
    assert f'filename="cyberindex-{kind}-r{release}-' in disposition
    assert disposition.endswith(f'.{fmt}"')
    assert answer.headers["X-Export-Dataset"] == kind
    assert answer.headers["X-Export-Filter"] == expected_filter
    assert answer.headers["X-Export-Language"] == "fr"
    assert answer.headers["X-Export-Generated-At"].endswith("Z")
    assert answer.headers["Link"] == f'<{view}>; rel="related"; type="text/html"'
    assert int(answer.headers["X-Total-Count"]) >= 0


def test_list_downloads_without_a_view_have_no_link(client):
    """As for the observations: no view given, no Link; the filter header empty."""
    answer = client.get("/api/v1/downloads/changes.csv")
    assert answer.status_code == 200
    assert "Link" not in answer.headers
    assert answer.headers["X-Export-Filter"] == ""
    assert answer.headers["X-Export-Language"] == "en"


def test_list_download_url_carries_the_view():
    """A page passing its view's link gets it on the list's download routes."""
    url = list_download_url("claims", [("country", "MAR")], "csv", "ar",
                            view="/news?v=1&country=MAR")
    assert urlsplit(url).path == "/api/v1/downloads/claims.csv"
    assert parse_qsl(urlsplit(url).query) == [("country", "MAR"),
                                              ("view", "/news?v=1&country=MAR"),
                                              ("lang", "ar")]
