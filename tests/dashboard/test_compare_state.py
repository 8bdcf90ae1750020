"""Compare keeps its whole view in the URL: controls to query and back, old and bad links,
and the charts' download links carrying the selection (callbacks called as functions)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import plotly.utils
import pytest
from dash import dcc, html

from dashboard import url_state
from tests.dashboard.test_pages import find, links, texts, walk


@pytest.fixture
def compare(pages, app_context):
    return pages["compare"]


def query_of(search: str) -> dict:
    """``?v=1&country=MAR,OMN`` as ``{"v": "1", "country": "MAR,OMN"}`` (one value a key)."""
    return {k: v[-1] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=True).items()}


def push(compare, group=None, countries=None, edition=2024, sort=None, lang="en",
         search=""):
    """The URL callback as the browser runs it: (search, lang-switch query, downloads x2)."""
    return compare.update_url(group, countries, edition, sort or [], lang, search)


def reopen(compare, search: str):
    """The page a link opens (Dash passes the query, lang apart, to the layout)."""
    query = query_of(search)
    lang = query.pop("lang", "en")
    return compare.layout(lang=lang, **query)


def view_of(compare, root) -> dict:
    """What the controls and the table of a rendered page hold."""
    table = find(root, compare.ID_RANKING)
    return {"countries": find(root, compare.ID_COUNTRIES).value,
            "group": find(root, compare.ID_GROUP).value,
            "edition": find(root, compare.ID_EDITION).value,
            "sort": table.sort_by, "rows": [r["iso3"] for r in table.data],
            "notices": texts(find(root, compare.ID_NOTICES))}


ROUND_TRIPS = [
    pytest.param(dict(countries=["MAR", "OMN"], edition=2020), id="two-countries-2020"),
    # A preset selects its members and the watched countries, the watched first, then by name.
    pytest.param(dict(group="gcc", countries=["MAR", "OMN", "BHR", "KWT", "QAT", "SAU", "ARE"]),
                 id="gcc-preset"),
    # Narrowed, the picker is no longer the preset: the preset is none (its value may still
    # reach the URL callback), and the link reopens the two countries with no preset.
    pytest.param(dict(group="gcc", countries=["OMN", "SAU"], shown=None),
                 id="preset-then-narrowed"),
    pytest.param(dict(countries=["SAU", "MAR"], sort=[{"column_id": "score",
                                                       "direction": "desc"}]),
                 id="sorted-by-score"),
    pytest.param(dict(countries=["MAR"], edition=2020, lang="fr"), id="french"),
    pytest.param(dict(countries=[]), id="empty-picker"),
]


@pytest.mark.parametrize("controls", ROUND_TRIPS)
def test_state_url_state_round_trip(compare, controls):
    """The URL a selection pushes reopens the same selection, edition, sort and rows."""
    controls = dict(controls)
    group = controls.pop("shown", controls.get("group"))
    search, switch_query, *_ = push(compare, **controls)
    assert search.startswith("?v=1&") and switch_query == search
    root = reopen(compare, search)
    shown = view_of(compare, root)
    assert shown["countries"] == controls.get("countries")
    assert shown["group"] == group
    assert shown["edition"] == controls.get("edition", 2024)
    assert shown["sort"] == (controls.get("sort") or [])
    assert shown["notices"] == ""
    assert root.lang == controls.get("lang", "en")
    # The page's own link says the same.
    field = find(root, url_state.permalink_ids(compare.PREFIX)[0])
    assert field.value.endswith("/compare" + search)


def test_only_what_differs_is_written(compare):
    """Defaults give no query; a preset alone is just the preset; a different edition alone."""
    defaults = compare.page_defaults(compare.data.current_engine())
    assert push(compare, countries=list(defaults.countries))[0] == ""
    assert push(compare, group="maghreb",
                countries=list(compare.countries_for_group("maghreb")))[0] == "?v=1&group=maghreb"
    assert push(compare, countries=list(defaults.countries), edition=2020)[0] == \
        "?v=1&edition=2020"
    assert push(compare, countries=list(defaults.countries), lang="ar")[0] == "?v=1&lang=ar"


def test_arabic_digits_in_the_url_are_kept(compare):
    """The reader's digits (not the page's setting) survive a pushed URL."""
    search, *_ = push(compare, countries=["MAR"], lang="ar", search="?lang=ar&digits=arab")
    assert query_of(search) == {"v": "1", "country": "MAR", "lang": "ar", "digits": "arab"}
    assert view_of(compare, reopen(compare, search))["notices"] == ""


def test_old_links_keep_working(compare):
    """``countries=…&edition=…&group=…`` links from before v=1 open the same selection; the
    preset is shown only over what it selects (the GCC and the watched countries), so here
    none (the page said "GCC" over Morocco and Oman), and a notice says the group is not
    applied (it was dropped silently)."""
    shown = view_of(compare, compare.layout(lang="en", countries="MAR,OMN", edition="2020",
                                            group="gcc"))
    assert shown["countries"] == ["MAR", "OMN"] and shown["edition"] == 2020
    assert shown["group"] is None
    assert shown["notices"] == ("The link names the group “Gulf Cooperation Council (GCC)” "
                                "and a list of countries: the list is kept, the group is not "
                                "applied.")


BAD_LINKS = [
    pytest.param({"country": "MAR,XXX"}, ["MAR"], 2024, ["XXX"], id="unknown-country"),
    pytest.param({"country": "ZZZZ,'; DROP TABLE x"}, "defaults", 2024, ["ZZZZ"],
                 id="garbage-countries-give-defaults"),
    pytest.param({"country": "MAR", "edition": "2019"}, ["MAR"], 2024, ["2019"],
                 id="edition-without-pillars"),
    pytest.param({"country": "MAR", "edition": "twenty"}, ["MAR"], 2024, ["twenty"],
                 id="garbage-edition"),
    pytest.param({"group": "nowhere"}, "defaults", 2024, ["nowhere"], id="unknown-group"),
    pytest.param({"country": "MAR", "sort": "drop:table"}, ["MAR"], 2024, ["drop:table"],
                 id="bad-sort"),
    pytest.param({"country": "MAR", "tab": "x", "indicator": "itu_gci.overall"}, ["MAR"], 2024,
                 ["x", "itu_gci.overall"], id="keys-this-page-has-not"),
    pytest.param({"v": "7", "country": "MAR"}, ["MAR"], 2024, ["v=7"], id="other-version"),
    pytest.param({"country": ["MAR", "OMN"], "edition": ["2020", "2024"]}, ["MAR", "OMN"], 2020,
                 [], id="repeated-keys"),
    pytest.param({"lang": "xx", "country": "MAR"}, ["MAR"], 2024, ["xx"], id="unknown-lang"),
    pytest.param({"zz": "A" * 20_000}, "defaults", 2024, ["zz"], id="long-garbage"),
]


@pytest.mark.parametrize(("query", "countries", "edition", "named"), BAD_LINKS)
def test_bad_links_degrade_with_a_notice(compare, query, countries, edition, named):
    """A bad value is left out with a visible notice naming it; the rest of the view loads."""
    query = dict(query)
    lang = query.pop("lang", "en")
    root = compare.layout(lang=lang, **query)
    json.dumps(root, cls=plotly.utils.PlotlyJSONEncoder)
    shown = view_of(compare, root)
    if countries == "defaults":
        countries = list(compare.page_defaults(compare.data.current_engine()).countries)
    assert shown["countries"] == countries and shown["edition"] == edition
    assert shown["rows"]
    for value in named:
        assert value in shown["notices"]
    if not named:
        assert shown["notices"] == ""


def test_notices_are_translated(compare):
    """The notices speak the page's language."""
    notices = view_of(compare, compare.layout(lang="fr", country="MAR,XXX",
                                              edition="1999"))["notices"]
    assert "XXX" in notices and "1999" in notices
    assert "Unknown" not in notices and "No data" not in notices


def test_a_code_without_a_score_is_named_so(compare):
    """A real country with no GCI score is told apart from a code that names no country."""
    everyone = compare.data.known_iso3(compare.data.current_engine())
    scored = set(compare.with_score(compare.data.current_engine()))
    unscored = sorted(everyone - scored)
    assert unscored, "the bundled store should hold a country with no GCI score"
    notices = view_of(compare, compare.layout(lang="en", country=f"MAR,{unscored[0]}"))[
        "notices"]
    assert f"No GCI score for these codes, left out: {unscored[0]}" in notices


@pytest.mark.parametrize("controls", [
    pytest.param(("gcc", None, None, None, None, None), id="all-none"),
    pytest.param((None, "MAR", "x", "nope", "xx", 42), id="wrong-types"),
    pytest.param((None, ["MAR", "MAR"], "2020", [{"column_id": "score"}], "fr", None),
                 id="duplicates-and-half-a-sort"),
])
def test_url_callback_never_raises(compare, controls):
    """Odd control values still give a URL and download links."""
    search, _, trend, pillars = compare.update_url(*controls)
    assert isinstance(search, str) and isinstance(trend, html.Div)
    assert isinstance(pillars, html.Div)


def test_download_links_carry_the_selection(compare):
    """Under each chart: that chart's indicators, the picked countries, and a link back."""
    search, _, trend, pillars = push(compare, countries=["MAR", "OMN"], edition=2020,
                                     group=None)
    trend_csv = urlsplit(next(u for u in links(trend) if "observations.csv" in u))
    assert trend_csv.path == "/api/v1/downloads/observations.csv"
    query = parse_qs(trend_csv.query)
    assert query["indicator"] == ["itu_gci.overall"] and query["country"] == ["MAR,OMN"]
    assert "edition" not in query  # the trend shows every edition
    assert query["view"][0].endswith("/compare" + search)
    pillars_query = parse_qs(urlsplit(next(u for u in links(pillars)
                                           if "observations.csv" in u)).query)
    assert pillars_query["country"] == ["MAR,OMN"] and pillars_query["edition"] == ["2020"]
    assert set(pillars_query["indicator"][0].split(",")) == set(compare.data.GCI_PILLARS)
    assert {a.id for a in _anchors(trend)} >= {"compare-trend-download-csv"}
    assert {a.id for a in _anchors(pillars)} >= {"compare-pillars-download-zip"}


def test_an_empty_picker_downloads_nothing(compare):
    """No country picked: no link (an empty filter would mean every country)."""
    _, _, trend, pillars = push(compare, countries=[])
    assert not links(trend) and not links(pillars)
    assert "Choose countries" in texts(trend)


def test_an_empty_picker_says_what_to_do(compare, app_context):
    """No country picked: the table's note asks for countries and no empty "Sources" heading
    is left standing."""
    from dashboard import data

    view = compare.compare_view(data.current_engine(), [], 2024, "en")
    assert view["ranking_note"] == "Choose one or more countries above to compare them."
    assert view["ranking_rows"] == [] and not texts(view["sources"])


def test_layout_downloads_follow_the_link(compare):
    """The first render already offers the link's selection for download."""
    root = compare.layout(lang="en", country="TUN,EGY", edition="2020")
    for div_id in (compare.ID_TREND_DOWNLOADS, compare.ID_PILLARS_DOWNLOADS):
        href = next(u for u in links(find(root, div_id)) if "observations.csv" in u)
        assert parse_qs(urlsplit(href).query)["country"] == ["TUN,EGY"]


def test_language_switch_carries_the_view(compare):
    """The other languages' links keep the view (and the v=1 format), with their own lang."""
    root = compare.layout(lang="en", country="MAR,OMN", edition="2020")
    switch = [n.href for n in _anchors(root) if getattr(n, "hrefLang", None)]
    assert len(switch) == 2
    for href in switch:
        query = query_of(urlsplit(href).query)
        assert query["country"] == "MAR,OMN" and query["edition"] == "2020"
        assert query["v"] == "1" and query["lang"] in ("fr", "ar")


def _anchors(component) -> list:
    return [n for n in walk(component) if isinstance(n, html.A | dcc.Link)]


def _joined(figure) -> list:
    return [tr for tr in figure.data if (tr.meta or {}).get("segment") == "across_break"]


def test_join_across_the_break_is_kept_in_the_url(compare):
    """Ticking "join" pushes ``join=1`` (only then), reopening the link ticks it and draws the
    marked joining segments; unticking drops it from the URL."""
    search, *_ = compare.update_url(None, ["MAR", "OMN"], 2024, [], "en", "", [compare.JOIN_ON])
    assert query_of(search)["join"] == "1" and query_of(search)["v"] == "1"
    root = reopen(compare, search)
    assert find(root, compare.ID_JOIN).value == [compare.JOIN_ON]
    assert len(_joined(find(root, compare.ID_TREND).figure)) == 2
    off, *_ = compare.update_url(None, ["MAR", "OMN"], 2024, [], "en", search, [])
    assert "join" not in query_of(off)
    assert compare.with_join("", True) == "?v=1&join=1" and compare.with_join("", False) == ""
    root = reopen(compare, "")
    assert find(root, compare.ID_JOIN).value == []
    assert _joined(find(root, compare.ID_TREND).figure) == []


def test_join_checkbox_redraws_the_trend(compare):
    """The view callback, called as a function, joins the lines only when ticked."""
    trend, *_ = compare.update_view(["MAR", "OMN"], 2024, "en", [compare.JOIN_ON])
    assert len(_joined(trend)) == 2
    trend, *_ = compare.update_view(["MAR", "OMN"], 2024, "en", [])
    assert _joined(trend) == []


@pytest.mark.parametrize("value", ["maybe", "2", "<script>"])
def test_a_bad_join_value_is_a_notice(compare, value):
    """``join=maybe`` leaves the lines unjoined and says so; the rest of the view loads."""
    root = compare.layout(lang="en", country="MAR,OMN", join=value)
    assert find(root, compare.ID_JOIN).value == []
    assert "for joining the lines in the link" in texts(find(root, compare.ID_NOTICES))
    assert find(root, compare.ID_COUNTRIES).value == ["MAR", "OMN"]


def test_both_charts_share_one_colour_per_country_and_name_who_lacks_pillars(compare):
    """The trend and the pillars chart give a country the same colour (from the picker's
    order); a picked country with no pillar scores in the edition is named on the chart."""
    from dashboard import data, figures

    engine = data.current_engine()
    picked = compare.with_score(engine)
    with_pillars = set(data.gci_pillars(engine, picked, editions=[2024], lang="en")["iso3"])
    view = compare.compare_view(engine, picked, 2024, "en")
    focus = data.current_settings().watched_countries
    styles = figures.country_styles(picked, focus)
    trend = {tr.meta["iso3"]: tr.marker.color for tr in view["trend"].data
             if "iso3" in tr.meta}
    coloured = {tr.meta["iso3"]: tr.marker.color for tr in view["pillars"].data
                if "iso3" in (tr.meta or {})}
    grey = [code for tr in view["pillars"].data if "countries" in (tr.meta or {})
            for code in tr.meta["countries"]]

    def expected(codes):
        """Each country's colour; in a crowded chart (both charts here: more than ten
        countries with pillar scores too) only the watched countries in colour, the others
        grey, in the pillars as in the lines (the bars had given Ghana Morocco's blue)."""
        crowded = figures.is_crowded(codes)
        return {code: figures.OTHER_COLOUR if crowded and code not in focus
                else styles[code].colour for code in codes}

    drawn = {**coloured, **{code: figures.OTHER_COLOUR for code in grey}}
    assert trend == expected(trend) and drawn == expected(drawn)
    lit = [trend[code] for code in focus if code in trend]
    assert len(set(lit)) == len(lit) and figures.OTHER_COLOUR not in lit
    assert set(drawn) == with_pillars
    notes = [a.text for a in view["pillars"].layout.annotations if a.name == "missing-note"]
    lacking = [code for code in picked if code not in with_pillars]
    names = data.country_names(engine, "en")
    if lacking:
        note = notes[0].replace("<br>", " ")  # broken into lines to fit
        named = lacking if len(lacking) <= figures.MAX_NAMED else \
            lacking[:figures.MAX_NAMED - 1]
        assert len(notes) == 1 and all(names[code] in note for code in named)
        if len(lacking) > figures.MAX_NAMED:
            assert f"{len(lacking) - figures.MAX_NAMED + 1} others" in note
    else:
        assert not notes
    focus = data.current_settings().watched_countries
    drawn = list(dict.fromkeys(tr.meta["iso3"] for tr in view["trend"].data
                               if "iso3" in tr.meta))
    shown_focus = [code for code in drawn if code in focus]
    assert drawn[len(drawn) - len(shown_focus):] == shown_focus


def test_sources_name_the_countries_they_are_for(compare, app_context):
    """Several countries: each source entry names the countries it is the source of (the
    same report read through different channels looked like duplicates); every country of the
    selection is named under some entry; one country alone needs no names."""
    from dashboard import data

    view = compare.compare_view(data.current_engine(), ["MAR", "OMN", "TUN"], 2024, "en")
    entries = [texts(li) for li in walk(view["sources"]) if isinstance(li, html.Li)
               and not texts(li).startswith(compare.FLAG)]  # the ledger's marks are not sources
    assert entries and all("Countries: " in e for e in entries)
    named = " ".join(entries)
    assert all(name in named for name in ("Morocco", "Oman", "Tunisia"))
    alone = compare.compare_view(data.current_engine(), ["MAR"], 2024, "en")
    assert "Countries: " not in texts(alone["sources"])


def test_places_gained_write_an_unchanged_rank_without_a_sign(compare):
    """GCI 2020: Egypt kept its 2018 rank, 0 places gained. The column's d3 format had the
    "+" sign, which writes every value from 0 up with a plus ("+0"); a plain integer reads
    "0", "43" and "−5". The rows keep the numbers (sorting and downloads read them)."""
    *_, columns, rows, _note, _sources = compare.update_view(["MAR", "EGY", "OMN"], 2020, "fr")
    [column] = [c for c in columns if c["id"] == "rank_change"]
    assert column["type"] == "numeric"
    assert column["format"]["specifier"][:1] not in ("+", " ", "(")
    assert {r["iso3"]: r["rank_change"] for r in rows} == {"EGY": 0, "MAR": 43, "OMN": -5}


@pytest.mark.parametrize(("query", "empty"), [
    pytest.param({"country": ""}, True, id="blank"),
    pytest.param({"countries": " , "}, True, id="older-key-commas"),
    pytest.param({"country": ["", ""]}, True, id="repeated-blank"),
    pytest.param({"country": None}, True, id="none-value"),
    pytest.param("?v=1&country=&group=", True, id="query-string"),
    pytest.param({"country": "MAR"}, False, id="a-country"),
    pytest.param({"group": "gcc"}, False, id="key-left-out"),
    pytest.param({}, False, id="nothing"),
    pytest.param(object(), False, id="garbage"),
])
def test_an_emptied_picker_is_told_from_a_missing_key(query, empty):
    """``country=`` asks for no country; leaving the key out asks for the page's default
    (the rule Compare and the cross-index page share, url_state.asks_for_none)."""
    assert url_state.asks_for_none(query, "countries") is empty
