"""Overview and Country: a copy-link field and download links for the rows their charts show."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard import url_state
from tests.dashboard.test_pages import find, links

GCI = {"itu_gci.overall", "itu_gci.legal", "itu_gci.technical", "itu_gci.organizational",
       "itu_gci.capacity_development", "itu_gci.cooperation"}


def csv_query(component) -> dict[str, list[str]]:
    href = next(u for u in links(component) if "observations.csv" in u)
    return parse_qs(urlsplit(href).query)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_overview_downloads_the_watched_countries_gci_rows(pages, app_context, lang):
    """Overview: every GCI row of Morocco and Oman, with a link back to the page."""
    overview = pages["overview"]
    root = overview.layout(lang=lang)
    query = csv_query(find(root, overview.ID_DOWNLOADS))
    assert query["country"] == ["MAR,OMN"] and "edition" not in query
    assert set(query["indicator"][0].split(",")) == GCI
    assert query["view"] == ["/" + ("?v=1&lang=fr" if lang == "fr" else "")]
    field = find(root, url_state.permalink_ids(overview.PREFIX)[0])
    assert field.value == query["view"][0] and field.readOnly


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_country_downloads_its_gci_rows(pages, app_context, lang):
    """Country: that country's GCI rows, with a link back to the page."""
    country = pages["country"]
    root = country.layout(iso3="omn", lang=lang)
    query = csv_query(find(root, country.ID_DOWNLOADS))
    assert query["country"] == ["OMN"] and set(query["indicator"][0].split(",")) == GCI
    assert query["view"][0].startswith("/country/OMN")
    assert find(root, url_state.permalink_ids(country.PREFIX)[0]) is not None


def test_unknown_country_offers_no_download(pages, app_context):
    """No country, nothing to download nor to link to."""
    country = pages["country"]
    root = country.layout(iso3="ZZZ", lang="en")
    assert find(root, country.ID_DOWNLOADS) is None
    assert find(root, url_state.permalink_ids(country.PREFIX)[0]) is None


def test_downloaded_rows_are_the_pages_rows(pages, dash_app):
    """The country link's CSV holds exactly that country's GCI rows (via the real route)."""
    import io

    import pandas as pd

    with dash_app.server.test_request_context("/country/MAR"):
        root = pages["country"].layout(iso3="MAR", lang="en")
    href = next(u for u in links(find(root, pages["country"].ID_DOWNLOADS))
                if "observations.csv" in u)
    path = urlsplit(href)
    response = dash_app.server.test_client().get(f"{path.path}?{path.query}")
    assert response.status_code == 200
    frame = pd.read_csv(io.BytesIO(response.get_data()))
    assert set(frame["iso3"]) == {"MAR"} and set(frame["indicator"]) <= GCI
    assert len(frame) == 15  # 5 overall editions + 5 pillars x 2 editions
