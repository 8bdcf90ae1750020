"""A peer-group preset means one thing on Compare and Cross-index (dashboard.peer_selection):
its members plus the watched countries, the watched first, then by name in the page's
language; the page names the selection in words; a picker edited to anything else shows no
preset. Before, the bare Cross-index said "GCC" over the GCC and Morocco (7) while
``group=gcc`` held the 6 members (Oman's NCSI percentile 40 against 50), and Compare's preset
left Morocco and Oman out."""

from __future__ import annotations

import dash
import pytest
from dash import html

from dashboard import peer_selection
from tests.dashboard.tree_support import find, texts, walk

GCC_EN = ["MAR", "OMN", "BHR", "KWT", "QAT", "SAU", "ARE"]
PAGES = [pytest.param("compare", id="compare"), pytest.param("crossindex", id="crossindex")]


def row_texts(table) -> dict[str, list[str]]:
    """The side-by-side table's rows by their country's name: each cell's text."""
    rows = {}
    for tr in walk(table):
        if isinstance(tr, html.Tr):
            cells = [texts(c) for c in tr.children if isinstance(c, html.Td | html.Th)]
            if cells:
                rows[cells[0]] = cells
    return rows


def test_the_bare_cross_index_and_its_gcc_link_are_one_selection(pages, app_context):
    """``/cross-index`` and ``/cross-index?group=gcc``: the same preset over the same seven
    countries, said in words, and the same percentiles for Oman (an official quoting
    "Oman's percentile within the GCC" got 40 on one and 50 on the other)."""
    page = pages["crossindex"]
    bare, gcc = page.layout(lang="en"), page.layout(lang="en", group="gcc")
    for root in (bare, gcc):
        assert find(root, page.ID_GROUP).value == "gcc"
        assert find(root, page.ID_COUNTRIES).value == GCC_EN
        assert texts(find(root, page.ID_SELECTION)) == \
            "Selection: Gulf Cooperation Council (GCC) + Morocco — 7 countries"
    assert row_texts(find(bare, page.ID_TABLE))["Oman"] == \
        row_texts(find(gcc, page.ID_TABLE))["Oman"]
    header = texts(find(gcc, page.ID_TABLE))
    assert "NCSI (e-Governance Academy): percentile among the selected countries" in header
    assert "percentile in group" not in header
    assert "among 7 of the selected countries" in texts(find(gcc, page.ID_BASIS))


@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize(("group", "members"), [
    pytest.param("gcc", {"ARE", "BHR", "KWT", "OMN", "QAT", "SAU"}, id="gcc"),
    pytest.param("global_leaders", {"ESP", "EST", "FRA", "GBR", "KOR", "SGP", "USA"},
                 id="global-leaders"),
])
def test_a_preset_selects_its_members_and_the_watched_countries(pages, app_context, page_name,
                                                                group, members):
    """On both pages, a preset's link and choosing the preset give its members plus Morocco
    and Oman, the watched first (Compare showed the global leaders without them)."""
    page = pages[page_name]
    root = page.layout(lang="fr", group=group, edition="2020")
    picked = find(root, page.ID_COUNTRIES).value
    assert find(root, page.ID_GROUP).value == group
    assert picked[:2] == ["MAR", "OMN"] and set(picked) == members | {"MAR", "OMN"}
    _, filled = page.sync_controls(group, [], "fr", page.ID_GROUP)
    assert filled == picked


@pytest.mark.parametrize("page_name", PAGES)
def test_the_selection_line_names_the_preset_and_what_it_adds(pages, app_context, page_name):
    """The line under the picker: the preset and the watched countries it adds, and how
    many countries the page compares; a picker of the reader's own says so."""
    page = pages[page_name]
    root = page.layout(lang="en", group="global_leaders")
    assert texts(find(root, page.ID_SELECTION)) == \
        "Selection: Global leaders (preset) + Morocco and Oman — 9 countries"
    assert page.update_selection("global_leaders", ["MAR", "FRA"], "en") == \
        "Selection: your own choice of countries, no peer group — 2 countries"
    assert page.update_selection("gcc", GCC_EN[::-1], "en") == \
        "Selection: Gulf Cooperation Council (GCC) + Morocco — 7 countries"


@pytest.mark.parametrize("page_name", PAGES)
def test_editing_the_picker_clears_the_preset(pages, app_context, page_name):
    """A picker that is no longer the preset (a country removed or added) shows no preset,
    as an emptied one did; the same countries in another order keep it."""
    page = pages[page_name]
    ids = page.ID_COUNTRIES
    assert page.sync_controls("gcc", GCC_EN[:-1], trigger=ids) == (None, dash.no_update)
    assert page.sync_controls("gcc", [*GCC_EN, "TUN"], trigger=ids) == (None, dash.no_update)
    assert page.sync_controls("gcc", GCC_EN[::-1], trigger=ids) == (dash.no_update,
                                                                     dash.no_update)


@pytest.mark.parametrize("page_name", PAGES)
def test_a_link_naming_a_preset_over_other_countries_shows_no_preset(pages, app_context,
                                                                     page_name):
    """``country=MAR&group=gcc`` opens Morocco alone, under no preset (the label said GCC);
    ``country=MAR`` on the Cross-index no longer shows its default GCC preset either."""
    page = pages[page_name]
    for query in ({"country": "MAR", "group": "gcc"}, {"country": "MAR"}):
        root = page.layout(lang="en", **query)
        assert find(root, page.ID_COUNTRIES).value == ["MAR"]
        assert find(root, page.ID_GROUP).value is None
        assert texts(find(root, page.ID_SELECTION)) == \
            "Selection: your own choice of countries, no peer group — 1 country"


@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_preset_link_is_just_the_preset_in_every_language(pages, app_context, page_name,
                                                            lang):
    """The picker's order is the language's, yet the view's link names the preset alone."""
    page = pages[page_name]
    picked = page.countries_for_group("maghreb", lang)
    if page_name == "compare":
        search = page.update_url("maghreb", picked, 2024, [], lang, "")[0]
    else:
        search = page.update_url("maghreb", picked, lang, "")
    assert search.startswith("?v=1&group=maghreb") and "country" not in search


@pytest.mark.parametrize(("page_name", "group", "lang", "expected"), [
    pytest.param("compare", "global_leaders", "fr",
                 ["MAR", "OMN", "KOR", "ESP", "EST", "USA", "FRA", "GBR", "SGP"],
                 id="compare-fr"),
    pytest.param("crossindex", "gcc", "ar", ["MAR", "OMN", "ARE", "BHR", "KWT", "SAU", "QAT"],
                 id="crossindex-ar"),
    pytest.param("crossindex", "gcc", "fr", ["MAR", "OMN", "SAU", "BHR", "ARE", "KWT", "QAT"],
                 id="crossindex-fr"),
])
def test_picker_chips_are_in_the_order_of_their_names(pages, app_context, page_name, group,
                                                      lang, expected):
    """The watched countries first, then the others by their name in the language (Corée du
    Sud before Espagne, États-Unis among the E's), not by ISO code (ESP, EST, FRA…)."""
    page = pages[page_name]
    root = page.layout(lang=lang, group=group, edition="2020")
    assert find(root, page.ID_COUNTRIES).value == expected


@pytest.mark.parametrize(("lang", "expected"), [
    pytest.param("fr", "Pays\u00a0: Maroc, Oman, Corée du Sud, Espagne, Estonie, États-Unis, France, "
                 "Royaume-Uni et Singapour", id="fr"),
    pytest.param("ar", "البلدان: المغرب وعُمان وإسبانيا وإستونيا والمملكة المتحدة والولايات "
                 "المتحدة وسنغافورة وفرنسا وكوريا الجنوبية", id="ar"),
])
def test_the_sources_name_their_countries_in_the_order_of_their_names(pages, app_context, lang,
                                                                     expected):
    """The "Countries:" line of Compare's sources: the watched first, then by name, not by
    ISO code ("Espagne, Estonie, France, Royaume-Uni, Corée du Sud, Singapour, États-Unis")."""
    page = pages["compare"]
    sources = find(page.layout(lang=lang, group="global_leaders", edition="2020"),
                   page.ID_SOURCES)
    lines = [texts(s).strip(" ·\n") for s in walk(sources) if isinstance(s, html.Span)]
    assert expected in [line.replace("\n", "") for line in lines]


def test_ordered_puts_the_first_ones_first_then_collates_names():
    """The shared order: ``first`` in its order, then by collated name (É among the E's)."""
    names = {"USA": "États-Unis", "FRA": "France", "ESP": "Espagne", "MAR": "Maroc",
             "OMN": "Oman", "KOR": "Corée du Sud"}
    assert peer_selection.ordered(["USA", "FRA", "ESP", "OMN", "KOR", "MAR", "FRA"], names,
                                  ("MAR", "OMN")) == ["MAR", "OMN", "KOR", "ESP", "USA", "FRA"]
