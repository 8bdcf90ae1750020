"""Each page's document title names the page in its language (every page was "cyberindex")."""

from __future__ import annotations

import re

import dash
import pytest

from dashboard import titles


def served_title(client, url: str) -> str:
    response = client.get(url)
    # A path naming no page is served the not-found page, with HTTP 404.
    assert response.status_code == (404 if url.startswith(("/no-such-page", "/404", "/country/XXX"))
                                    else 200)
    return re.search(r"<title>(.*?)</title>", response.get_data(as_text=True)).group(1)


@pytest.mark.parametrize(("url", "title"), [
    ("/", "Overview – cyberindex"),
    ("/compare?lang=fr", "Comparer – cyberindex"),
    ("/data?lang=ar", "البيانات – cyberindex"),
    ("/country/MAR?lang=fr", "Maroc – cyberindex"),
    ("/country/OMN?lang=ar", "عُمان – cyberindex"),
    ("/no-such-page?lang=fr", "Page introuvable – cyberindex"),
    ("/country/XXX", "Country not found – cyberindex"),
])
def test_served_page_is_titled_in_its_language(dash_app, url, title):
    assert served_title(dash_app.server.test_client(), url) == title


def test_titles_differ_from_page_to_page(dash_app):
    """Tabs and bookmarks tell pages apart: no two registered pages share a title."""
    client = dash_app.server.test_client()
    paths = [page["path"] for page in dash.page_registry.values()]
    served = [served_title(client, path + "?lang=en") for path in paths]
    assert len(set(served)) == len(served), served


def test_routing_callback_titles_the_page_in_the_callbacks_language(dash_app):
    """Dash's router writes document.title from the page's title, called inside the
    callback: the language is the page URL's, which the callback carries."""
    payload = {"inputs": [{"id": "_pages_location", "property": "pathname", "value": "/news"},
                          {"id": "_pages_location", "property": "search",
                           "value": "?lang=fr"}]}
    page = next(p for p in dash.page_registry.values() if p["path"] == "/news")
    with dash_app.server.test_request_context("/_dash-update-component", method="POST",
                                              json=payload):
        assert page["title"]() == "Actualités – cyberindex"
    with dash_app.server.test_request_context("/country/XYZ"):
        assert titles.page_title({"name": "Country"})(iso3="xyz") == "Country not found – cyberindex"
