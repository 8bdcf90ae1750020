"""``/country/XXX`` (a code no country has): the page says so, lists every country's page, and
is served with HTTP 404 (as ``/brief/XXX.pdf``); a path naming no page is a 404 too."""

from __future__ import annotations

import pytest

from tests.dashboard.tree_support import find, texts


def test_the_page_says_the_country_is_unknown_and_lists_the_countries(pages, app_context):
    country = pages["country"]
    root = country.layout(iso3="MOR", lang="fr")
    assert "«\u00a0MOR\u00a0»" in texts(find(root, country.ID_NOTICE))
    listing = find(root, country.ID_LIST)
    assert "La page de chaque pays" in texts(listing)
    links = [(c.children, c.href) for c in _links(listing)]
    assert ("Maroc", "/country/MAR?lang=fr") in links and ("Oman", "/country/OMN?lang=fr") in links
    names = [name for name, _ in links]
    assert names.index("Égypte") < names.index("Maroc")  # French collation, not code order


def test_a_known_country_has_no_list(pages, app_context):
    country = pages["country"]
    assert find(country.layout(iso3="MAR", lang="en"), country.ID_LIST) is None


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/country/XXX?lang=en", 404),
        ("/country/XXX?lang=ar", 404),
        ("/country/MAR?lang=en", 200),
        ("/country/omn?lang=fr", 200),
        ("/no-such-page?lang=en", 404),
        ("/404?lang=en", 404),
        ("/?lang=en", 200),
        ("/data?lang=en", 200),
    ],
)
def test_http_status_of_the_served_document(dash_app, path, status):
    response = dash_app.server.test_client().get(path)
    assert response.status_code == status
    assert "_dash-app-content" in response.get_data(
        as_text=True
    ) or "react-entry-point" in response.get_data(
        as_text=True
    )  # the page itself, drawn as any other


def _links(node) -> list:
    from dash import dcc

    found = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dcc.Link):
            found.append(item)
        children = getattr(item, "children", None)
        if isinstance(children, list | tuple):
            stack.extend(reversed(children))
        elif children is not None and not isinstance(children, str):
            stack.append(children)
    return found
