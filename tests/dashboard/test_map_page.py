"""The Map page: a tile map of Africa and the Arab world by GCI edition, in English, French
and Arabic: title, navigation link, the note that it draws no border, the table twin (one row
per square with a value), downloads of exactly that (the three groups, the indicator, the
edition), the edition in the URL, a bad edition degrading to the latest with a notice, and a
forged edition refused by the callback guard."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from dash import html

from dashboard.figures_tile_map import MAX_CELL, tile_map_style
from dashboard.tile_layout import COLUMNS, TILES
from tests.dashboard.test_security_callback_values import _payloads, _post
from tests.dashboard.tree_support import find, serialises, texts, walk

LANGS = [pytest.param("en", id="en"), pytest.param("fr", id="fr"), pytest.param("ar", id="ar")]
HEADING = {"en": "Map of the Global Cybersecurity Index",
           "fr": "Carte de l'Indice mondial de cybersécurité",
           "ar": "خريطة المؤشر العالمي للأمن السيبراني"}
NAV = {"en": "Map", "fr": "Carte", "ar": "خريطة"}
NOTE = {"en": "Each square is a country, placed roughly where it lies; the map draws no "
              "border.",
        "fr": "Chaque carré est un pays",
        "ar": "كل مربع"}


def twin_rows(root) -> list[html.Tr]:
    twin = find(root, "map-twin")
    return [tr for tr in walk(twin) if isinstance(tr, html.Tr)
            and not any(isinstance(c, html.Th) for c in tr.children)]


def download_hrefs(root) -> dict[str, str]:
    return {a.id: a.href for a in walk(find(root, "map-downloads"))
            if isinstance(a, html.A) and getattr(a, "id", None)}


@pytest.mark.parametrize("lang", LANGS)
def test_page_in_every_language(pages, app_context, lang):
    """Heading, navigation link, the no-border note, a twin row per square with a value."""
    page = pages["map"]
    root = page.layout(lang=lang)
    serialises(root)  # raises if Dash cannot send it
    assert root.lang == lang and root.dir == ("rtl" if lang == "ar" else "ltr")
    shown = texts(root)
    assert HEADING[lang] in shown
    assert NOTE[lang] in texts(find(root, page.ID_NOTE))
    nav = [a for a in walk(root) if getattr(a, "className", "") and "ci-nav-link" in
           a.className]
    assert NAV[lang] in [a.children for a in nav]
    figure = find(root, page.ID_MAP).figure
    squares = [c for tr in figure.data if tr.marker.symbol == "square" for c in tr.text]
    assert sorted(squares) == sorted(TILES)
    assert len(twin_rows(root)) == len(TILES)  # every mapped country has a 2024 value


def test_default_edition_is_the_latest_and_tiered(pages, app_context):
    root = pages["map"].layout(lang="en")
    assert find(root, "map-edition").value == "2024"
    assert "GCI 2024 places countries in five tiers and publishes no ranks" in texts(root)
    assert "Tier 1: Role-modelling" in texts(find(root, "map-twin"))


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_carry_the_groups_indicator_and_edition(pages, app_context, lang):
    root = pages["map"].layout(lang=lang, edition="2020")
    hrefs = download_hrefs(root)
    assert {h.split("?")[0].rsplit(".", 1)[-1] for h in hrefs.values()} == {
        "csv", "xlsx", "parquet", "json", "zip"}
    query = parse_qs(urlsplit(hrefs["map-download-csv"]).query)
    assert query["group"] == ["african_union,arab_league,mena"]
    assert query["indicator"] == ["itu_gci.overall"]
    assert query["edition"] == ["2020"]
    assert "edition=2020" in query["view"][0]


def test_edition_from_the_link_is_shown(pages, app_context):
    """?edition=2018: the scores on 0-1, ranks, no notice."""
    page = pages["map"]
    root = page.layout(lang="en", edition="2018")
    assert find(root, page.ID_EDITION).value == "2018"
    assert not texts(find(root, page.ID_NOTICES))
    twin = texts(find(root, page.ID_TWIN))
    assert "out of 1" in twin and "Rank 93" in twin and "Tier" not in twin


@pytest.mark.parametrize("bad", ["1999", "abc", "2025"])
def test_bad_edition_degrades_to_the_latest_with_a_notice(pages, app_context, bad):
    page = pages["map"]
    root = page.layout(lang="fr", edition=bad)
    assert find(root, page.ID_EDITION).value == "2024"
    said = texts(find(root, page.ID_NOTICES))
    assert bad in said and "2024" in said


def test_callback_follows_the_edition_and_writes_the_url(pages, app_context):
    """Picking 2020: its map and twin, downloads of 2020, the URL says so (digits kept)."""
    page = pages["map"]
    figure, style, twin, method, downloads, search = page.update_view("2020", "ar",
                                                                      "?digits=arab")
    assert search == "?v=1&edition=2020&lang=ar&digits=arab"
    trace = next(tr for tr in figure.data if tr.marker.symbol == "square")
    assert trace.marker.cmax == 100
    assert style == tile_map_style(figure)
    assert "edition=2020" in next(a.href for a in walk(downloads) if isinstance(a, html.A))
    assert "المغرب" in texts(twin)


def test_map_height_follows_its_width(pages, app_context):
    """The Graph is responsive, sized by tile_map_style (up to MAX_CELL px a cell), its block
    the query container its ``cqw`` measure; the callback resizes it with the edition (a
    legend of tiers, 2024, takes more room under the grid than a colour bar)."""
    page = pages["map"]
    root = page.layout(lang="en")
    graph = find(root, page.ID_MAP)
    assert graph.responsive is True
    assert graph.style == tile_map_style(graph.figure)
    assert "100cqw" in graph.style["height"]
    assert graph.style["maxWidth"] == f"{COLUMNS * MAX_CELL + 8}px"
    block = next(b for b in walk(root) if isinstance(b, html.Figure)
                 and any(getattr(c, "id", None) == page.ID_MAP for c in b.children))
    assert block.style == {"containerType": "inline-size"}
    scored = page.update_view("2020", "en")[1]
    assert scored["height"] != graph.style["height"]


def test_omans_disputed_value_is_marked_in_the_twin(pages, app_context):
    root = pages["map"].layout(lang="en")
    oman = next(tr for tr in twin_rows(root) if "Oman" in texts(tr))
    assert "sources disagree (see note)" in texts(oman)


def test_forged_edition_is_refused(dash_app):
    """An edition of another index (1999: World Bank) or a list is a 400; a GCI one is not."""
    client = dash_app.server.test_client()
    for payload in _payloads(dash_app, "map-edition.value", "1999"):
        assert _post(client, payload).status_code == 400
    for payload in _payloads(dash_app, "map-edition.value", ["2020", "2024"]):
        assert _post(client, payload).status_code == 400
    for payload in _payloads(dash_app, "map-edition.value", "2020"):
        assert _post(client, payload).status_code == 200


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("edition", ["2024", "2018"])
def test_the_map_names_its_sources_and_no_rank_line(pages, app_context, lang, edition):
    """Under the map, as under the other pages' charts: each document the squares' values
    come from, with its channel, verification and links; and no note about rank lines (the
    line charts' break note), which a map has not."""
    page = pages["map"]
    method = find(page.layout(lang=lang, edition=edition), page.ID_METHOD)
    said = texts(method)
    links = [a.href for a in walk(method) if isinstance(a, html.A)]
    assert any("ci-sources" == getattr(n, "className", None) for n in walk(method))
    assert links and all(h.startswith("http") for h in links)
    assert ("Global Cybersecurity" in said) is (lang == "en")  # the document, by its title
    assert "rank line" not in said and "into 2024" not in said
