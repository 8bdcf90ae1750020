"""Pages render in every language, keep the language in links, and callbacks glue data to figures."""

from __future__ import annotations

import gzip
import json

import dash
import plotly.utils
import pytest
from dash import dash_table, dcc, html

from dashboard.i18n import as_typed
from tests.dashboard.tree_support import find, texts, walk

PAGES = [
    pytest.param("overview", {}, id="overview"),
    pytest.param("compare", {}, id="compare"),
    pytest.param("country", {"iso3": "MAR"}, id="country"),
    pytest.param("country", {"iso3": "ZZZ"}, id="country-unknown"),
    pytest.param("status", {}, id="status"),
    pytest.param("not_found_404", {}, id="not-found"),
]


def links(component) -> list[str]:
    return [n.href for n in walk(component) if isinstance(n, html.A | dcc.Link) and n.href]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize(("page", "kwargs"), PAGES)
def test_layouts_render_in_every_language(pages, app_context, page, kwargs, lang):
    """Each layout builds, serialises, and carries lang and dir on its container."""
    root = pages[page].layout(lang=lang, **kwargs)
    json.dumps(root, cls=plotly.utils.PlotlyJSONEncoder)
    assert root.lang == lang
    assert root.dir == ("rtl" if lang == "ar" else "ltr")


def test_every_page_is_registered(dash_app):
    """Overview, compare, country (templated), status and a not-found page."""
    paths = {p["path"] for p in dash.page_registry.values()}
    assert {"/", "/compare", "/status", "/404"} <= paths
    assert any(p["path_template"] == "/country/<iso3>" for p in dash.page_registry.values())


@pytest.mark.parametrize(("lang", "shown"), [("en", "97.5"), ("fr", "97,5"), ("ar", "97.5")])
def test_overview_shows_morocco_97_5(pages, app_context, lang, shown):
    """Morocco's 2024 score is the locale-formatted text of its score element."""
    root = pages["overview"].layout(lang=lang)
    assert find(root, pages["overview"].score_id("MAR", 2024)).children == shown


def test_overview_says_how_changes_are_computed(pages, app_context):
    """Changes across the 0-1/0-100 step say so; 2024 gives no rank change."""
    text = as_typed(texts(pages["overview"].layout(lang="en")))  # ranges kept whole
    assert "+39.51 points since 2018, on the rescaled 0-100 basis" in text
    assert "No rank change: GCI 2024 publishes tiers, not ranks" in text
    assert "Tier 1: Role-modelling" in text
    assert "Rank 93 in 2018, now 50: up 43 places." in text


def test_overview_is_translated(pages, app_context):
    """French and Arabic pages use the catalogs and CLDR country names."""
    fr = texts(pages["overview"].layout(lang="fr"))
    assert "Niveau 1\u00a0: Exemplaire" in fr and "Maroc" in fr
    ar = texts(pages["overview"].layout(lang="ar"))
    assert "المغرب" in ar and "نموذج يُحتذى به" in ar


def test_overview_has_sources_and_table_twins(pages, app_context):
    """Each card has a pillar chart with a table twin and its sources with links."""
    root = pages["overview"].layout(lang="en")
    card = find(root, pages["overview"].card_id("MAR"))
    assert any(isinstance(n, html.Details) for n in walk(card))
    assert "ITU Global Cybersecurity Index 2024 (5th edition)" in texts(card)
    assert any("dgssi.gov.ma" in u for u in links(card))
    # The twin's table scrolls in its own named box: a wide one made a phone's page scroll.
    [twin] = [n for n in walk(card) if isinstance(n, html.Details)]
    [box] = [n for n in walk(twin) if isinstance(n, html.Div)
             and "ci-table-scroll" in str(getattr(n, "className", ""))]
    assert box.role == "region" and box.tabIndex == "0"
    assert getattr(box, "aria-label") == "Table view of this chart"


@pytest.mark.parametrize(("moved", "lang", "said"), [
    (1, "en", "up 1 place."), (-3, "en", "down 3 places."), (1, "fr", "gain de 1 place."),
    (-5, "ar", "تراجع 5 مراتب."), (2, "ar", "تقدّم مرتبتين."), (-12, "ar", "تراجع 12 مرتبة."),
])
def test_rank_moves_agree_with_their_number(pages, moved, lang, said):
    """"Up 1 place", never "up 1 places"; Arabic's dual and its forms for 3-10 and 11-99."""
    import pandas as pd

    row = pd.Series({"prev_edition": 2018, "change_100": 1.0, "prev_scale": "0-100",
                     "edition": 2020, "rank_change": moved, "prev_rank": 20, "rank": 20 - moved,
                     "tier": None, "across_break": False})
    lines = pages["overview"].change_lines(row, lang)
    assert any(line.endswith(said) for line in lines), lines


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_navigation_keeps_the_language(pages, app_context, lang):
    """Every internal link of a page keeps ?lang=; the language switch offers the others."""
    root = pages["compare"].layout(lang=lang, country="MAR,TUN")
    anchors = [n for n in walk(root) if isinstance(n, html.A | dcc.Link) and n.href]
    # The language switch: links to this page in another language (the API's reference
    # page, in English, says its language too, but is no switch).
    switch = [n.href for n in anchors if getattr(n, "hrefLang", None)
              and not n.href.startswith("/api/")]
    # Downloads (/api/...) are files, the same in every language.
    internal = [n.href for n in anchors if n.href.startswith("/") and n.href not in switch
                and not n.href.startswith("/api/")]
    assert internal and all(f"lang={lang}" in u for u in internal), internal
    assert len(switch) == 2 and all(u.startswith("/compare") for u in switch)
    assert all("country=MAR,TUN" in u for u in switch)  # the switch keeps the view too


def test_group_preset_fills_the_picker_with_gcc(pages, app_context):
    """Choosing the GCC preset returns its members and the watched countries, the watched
    first, then by name."""
    assert pages["compare"].countries_for_group("gcc") == ["MAR", "OMN", "BHR", "KWT", "QAT",
                                                           "SAU", "ARE"]
    assert pages["compare"].countries_for_group(None) is dash.no_update


def test_compare_callback_outputs(pages, app_context):
    """The view callback returns figures, twins, columns and rows, note and sources (the URL
    and downloads: tests/dashboard/test_compare_state.py)."""
    compare = pages["compare"]
    (trend, trend_twin, pillars, pillars_twin, columns, rows, note,
     sources) = compare.update_view(["MAR", "OMN"], 2020, "fr")
    assert {tr.legendgroup for tr in trend.data} == {"MAR", "OMN"}
    assert isinstance(trend_twin, html.Details) and isinstance(pillars_twin, html.Details)
    assert [tr.name for tr in pillars.data] == ["Maroc", "Oman"]
    assert "rank" in [c["id"] for c in columns] and "tier" not in [c["id"] for c in columns]
    morocco = next(r for r in rows if r["iso3"] == "MAR")
    assert morocco["rank"] == 50 and morocco["rank_change"] == 43
    assert morocco["change"] == pytest.approx(39.51)


def test_compare_2024_has_tiers_and_no_rank_change(pages, app_context):
    """In 2024 the table shows tiers, and no rank or rank-change column."""
    *_, columns, rows, note, _sources = pages["compare"].update_view(["MAR"], 2024, "en")
    ids = [c["id"] for c in columns]
    assert "tier" in ids and "rank" not in ids and "rank_change" not in ids
    assert rows[0]["tier"] == "1 – Role-modelling"
    assert "no rank" in note


def test_compare_layout_reads_the_url(pages, app_context):
    """countries/edition from the link are used; bad codes and editions give notices."""
    root = pages["compare"].layout(lang="en", countries="MAR,XXX", edition="2019")
    assert find(root, pages["compare"].ID_COUNTRIES).value == ["MAR"]
    assert find(root, pages["compare"].ID_EDITION).value == 2024
    notices = texts(find(root, pages["compare"].ID_NOTICES))
    assert "XXX" in notices and "2019" in notices


def test_compare_defaults_and_group_from_url(pages, app_context):
    """Default picker is Morocco, Oman and peers; ?group=maghreb fills it with the Maghreb
    and the watched countries (dashboard.peer_selection)."""
    compare = pages["compare"]
    default = find(compare.layout(lang="en"), compare.ID_COUNTRIES).value
    assert default[:2] == ["MAR", "OMN"] and len(default) > 2
    maghreb = find(compare.layout(lang="en", group="maghreb"), compare.ID_COUNTRIES).value
    assert set(maghreb) == {"DZA", "LBY", "MAR", "MRT", "TUN", "OMN"}


def test_compare_table_is_sortable_with_labelled_controls(pages, app_context):
    """The ranking table sorts (by the server); each dropdown has a <label for>."""
    compare = pages["compare"]
    root = compare.layout(lang="en")
    table = find(root, compare.ID_RANKING)
    assert isinstance(table, dash_table.DataTable) and table.sort_action == "custom"
    label_for = {n.htmlFor for n in walk(root) if isinstance(n, html.Label)}
    assert {compare.ID_GROUP, compare.ID_COUNTRIES} <= label_for


def test_compare_ranking_sorts_names_as_the_language_does(pages, app_context):
    """Sorted by country in French, the Gulf and North African peers sit among their letters
    (Égypte, Émirats arabes unis before Koweït), not after Qatar as code points put them; a
    number column sorts by value, missing last; the link keeps the sort."""
    compare = pages["compare"]
    root = compare.layout(lang="fr", country="QAT,EGY,ARE,KWT,OMN,MAR",
                          edition="2020", sort="country:asc")
    rows = find(root, compare.ID_RANKING).data
    names = [r["country"].split("](")[0].lstrip("[") for r in rows]
    assert names == ["Égypte", "Émirats arabes unis", "Koweït", "Maroc", "Oman", "Qatar"]
    down = compare.sorted_ranking([{"column_id": "country", "direction": "desc"}], rows)
    assert [r["iso3"] for r in down] == [r["iso3"] for r in reversed(rows)]
    by_rank = compare.sorted_ranking([{"column_id": "rank", "direction": "asc"}], rows)
    ranks = [r["rank"] for r in by_rank if r["rank"] is not None]
    assert ranks == sorted(ranks) and by_rank[:len(ranks)] == [r for r in by_rank
                                                              if r["rank"] is not None]
    assert compare.sorted_ranking([{"column_id": "nope", "direction": "asc"}], rows) == rows
    assert compare.sorted_ranking(None, rows) == rows


def test_country_page_lists_every_figure_with_each_link(pages, app_context):
    """Morocco: every edition and pillar, each source URL of a cell as its own link."""
    country = pages["country"]
    root = country.layout(iso3="mar", lang="en")
    table = find(root, country.ID_FIGURES)
    body = table.children[2].children
    assert len(body) == 15  # 5 overall editions + 5 pillars x 2 editions
    hrefs = links(table)
    assert "https://dgssi.gov.ma/en/actualites/morocco-has-improved-its-position-global-cybersecurity-index-recently-published" in hrefs
    assert not [u for u in hrefs if " | " in u]
    assert "83.65" in texts(table)  # the Malta misquote note is shown


def test_unknown_country_gives_a_notice(pages, app_context):
    """An unknown ISO3 shows a clear notice, not a crash."""
    country = pages["country"]
    root = country.layout(iso3="ZZZ", lang="en")
    notice = find(root, country.ID_NOTICE)
    assert "“ZZZ”" in texts(notice)
    assert "«\u00a0ZZZ\u00a0»" in texts(country.layout(iso3="zzz", lang="fr"))


def test_status_page_shows_runs_and_quarantine(pages, app_context):
    """The last run per source with counts, and the quarantine section (the bundled data
    holds nothing back; test_status_page lists held rows with their reasons)."""
    status = pages["status"]
    root = status.layout(lang="en")
    runs = texts(find(root, status.ID_RUNS))
    assert "itu_gci" in runs and "succeeded" in runs
    assert find(root, status.ID_QUARANTINE) is None
    assert "No rows were quarantined in the latest runs." in texts(root)


def test_no_map_anywhere(pages, app_context):
    """No page draws a map: no geo or choropleth trace in any figure."""
    graphs = []
    for name, kwargs in (("overview", {}), ("compare", {}), ("country", {"iso3": "MAR"})):
        graphs += [n for n in walk(pages[name].layout(lang="en", **kwargs))
                   if isinstance(n, dcc.Graph)]
    assert graphs
    kinds = {trace.type for graph in graphs for trace in graph.figure.data}
    assert kinds <= {"scatter", "bar"}
    assert not any(graph.figure.layout.geo.to_plotly_json() for graph in graphs)


def test_index_html_has_lang_and_dir(dash_app):
    """The served page's <html> carries the lang and dir of ?lang=."""
    client = dash_app.server.test_client()
    assert '<html lang="ar" dir="rtl">' in client.get("/?lang=ar").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in client.get("/compare?lang=xx").get_data(as_text=True)


def test_assets_are_local_and_compressed(dash_app):
    """No CDN script or stylesheet; responses are gzipped when the browser asks."""
    client = dash_app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "cdn." not in page and "unpkg" not in page
    script = next(part.split('"')[0] for part in page.split('src="')[1:]
                  if "dash_renderer" in part or "dash-renderer" in part)
    response = client.get(script, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(response.get_data())


def test_settings_and_engine_live_on_the_server(dash_app, loaded_settings):
    """The app keeps its settings in the Flask config and one engine per app."""
    from dashboard.data import EXTENSION_KEY

    assert dash_app.server.config["CYBERINDEX_SETTINGS"] is loaded_settings
    assert dash_app.server.extensions[EXTENSION_KEY]["engine"] is not None
    assert dash_app.title == "cyberindex"


def test_compare_colours_follow_the_picker_order(pages, app_context):
    """The legend lists the countries in the order they were picked, each in the colour its
    place in the picker gives it (Morocco and Oman are drawn last, on top, but keep both)."""
    from dashboard import figures

    picked = ["SAU", "OMN", "ARE", "MAR"]
    trend, *_ = pages["compare"].update_view(picked, 2024, "en")
    ranked = sorted((tr for tr in trend.data if tr.showlegend is not False),
                    key=lambda tr: tr.legendrank)
    assert list(dict.fromkeys(tr.legendgroup for tr in ranked)) == picked
    styles = figures.country_styles(picked, ("MAR", "OMN"))  # theirs alone: Morocco blue
    for trace in trend.data:
        if trace.legendgroup in styles and trace.mode and "markers" in trace.mode:
            assert trace.marker.color == styles[trace.legendgroup].colour, trace.legendgroup
    assert [tr.legendgroup for tr in trend.data if tr.legendgroup in picked][-1] in ("MAR", "OMN")


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
@pytest.mark.parametrize("page", ["compare", "data", "news", "crossindex", "changes"])
def test_every_dropdown_speaks_the_page_language(pages, app_context, page, lang):
    """A dropdown's own texts ("3 selected", select all, search...) are in the page's language,
    and the count keeps the {num_selected} field the component fills in."""
    from dashboard.i18n import t

    dropdowns = [n for n in walk(pages[page].layout(lang=lang)) if isinstance(n, dcc.Dropdown)]
    assert dropdowns
    for dropdown in dropdowns:
        labels = getattr(dropdown, "labels", None)
        assert labels and "{num_selected}" in labels["selected_count"], dropdown.id
        assert labels["select_all"] == t("Select all", lang)
        if lang != "en":
            assert labels["select_all"] != "Select all"
            assert labels["selected_count"] != "{num_selected} selected"


@pytest.mark.parametrize(("lang", "zoom", "october"), [
    ("fr", "Zoom avant", "octobre"), ("ar", "تكبير", "أكتوبر")])
def test_plotly_speaks_the_page_language(pages, app_context, lang, zoom, october):
    """The charts' own words (mode bar tooltips, legend hints) and month names come in the
    page's language, as a plotly locale given with each chart; English keeps plotly's."""
    from dashboard.layout import PLOTLY_WORDS, graph_config

    root = pages["compare"].layout(lang=lang, country="MAR,OMN")
    config = next(n.config for n in walk(root) if isinstance(n, dcc.Graph))
    assert config["locale"] == lang
    words = config["locales"][lang]["dictionary"]
    assert set(words) == set(PLOTLY_WORDS) and words["Zoom in"] == zoom
    assert october in config["locales"][lang]["format"]["months"]
    assert "locale" not in graph_config("en")
    # And no button sending the chart's data to Plotly's cloud, in any language.
    for code in ("en", lang):
        assert {"sendChartToCloud", "sendDataToCloud"} <= set(
            graph_config(code)["modeBarButtonsToRemove"])
