"""The cross-index page: GCI, NCSI and EGDI as percentiles within a group, INTERPOL as text."""

from __future__ import annotations

import dash
import pandas as pd
import pytest
from dash import html

from dashboard import i18n
from dashboard.figures import OKABE_ITO, PDI, RLI
from dashboard.figures_crossindex import LABEL_WIDTH, percentile_dots_figure
from tests.dashboard.tree_support import find, serialises, texts, walk

LANGS = [pytest.param("en", id="en"), pytest.param("fr", id="fr"), pytest.param("ar", id="ar")]


@pytest.mark.parametrize("lang", LANGS)
def test_layout_renders_in_every_language(pages, app_context, lang):
    """The page builds and serialises with lang/dir, chart, twin, table, breaks, statements."""
    page = pages["crossindex"]
    root = page.layout(lang=lang)
    assert serialises(root)
    assert root.lang == lang and root.dir == ("rtl" if lang == "ar" else "ltr")
    for component_id in (page.ID_CHART, page.ID_TWIN, page.ID_TABLE, page.ID_BREAKS,
                         page.ID_STATEMENTS):
        assert find(root, component_id) is not None, component_id


def test_default_is_morocco_oman_and_the_gcc(pages, app_context):
    """Without a query: the watched countries plus the GCC members, the GCC preset chosen."""
    page = pages["crossindex"]
    root = page.layout(lang="en")
    picker = find(root, page.ID_COUNTRIES)
    assert picker.value[:2] == ["MAR", "OMN"]
    assert {"SAU", "ARE", "QAT", "KWT", "BHR"} <= set(picker.value)
    assert find(root, page.ID_GROUP).value == "gcc"


def row_cells(table) -> list[list[str]]:
    """Each row of a table as its cells' texts (a percentile and its basis, on two lines in
    the page, read as one)."""
    return [["".join(texts(cell).splitlines()) for cell in r.children]
            for r in walk(table) if isinstance(r, html.Tr)]


@pytest.mark.parametrize(("lang", "mar_gci", "basis_rank", "egdi"), [
    pytest.param("en", "100 (by tier, 2 countries)", "100 (by rank, 2 countries)",
                 "0 (by score, 2 countries)", id="en"),
    pytest.param("fr", "100 (selon le niveau, 2 pays)", "100 (selon le rang, 2 pays)",
                 "0 (selon le score, 2 pays)", id="fr"),
    pytest.param("ar", "100 (حسب المستوى، بلدان اثنان)", "100 (حسب المرتبة، بلدان اثنان)",
                 "0 (حسب الدرجة، بلدان اثنان)", id="ar"),
])
def test_callback_gives_percentiles_within_the_selection(pages, app_context, lang, mar_gci,
                                                         basis_rank, egdi):
    """MAR and OMN: GCI 2024 on the tier (both Tier 1: both read 100; ITU does not order a
    tier), NCSI 2025 on the rank, EGDI on the score, each percentile stated; of two
    different, the better reads 100 and the other 0."""
    page = pages["crossindex"]
    figure, twin, basis, table, breaks, statements = page.update_view(["MAR", "OMN"], lang)
    rows = {cells[0]: cells for cells in row_cells(twin)}
    morocco = next(v for k, v in rows.items() if k in ("Morocco", "Maroc", "المغرب"))
    assert morocco[1:] == [mar_gci, basis_rank, egdi]
    if lang == "en":
        assert "GCI (ITU) 2024: percentile on the tier (ITU publishes tiers, not ranks), among "\
            "2 of the selected countries." in texts(basis)
        assert "NCSI (e-Governance Academy) 2025: percentile on the rank (no score published)" \
            in texts(basis)
    assert {tr.meta["iso3"] for tr in figure.data} == {"MAR", "OMN"}


def test_gcc_tied_at_full_score_read_100_as_the_label_says(pages, app_context):
    """The audit's case: Saudi Arabia, the UAE and Qatar at 100/100 on the GCI read 100 in the
    chart, its table twin and the side-by-side table (not 79); Kuwait, below all the others,
    reads 0; the lede and the chart's axis say what the number is."""
    page = pages["crossindex"]
    group = ["MAR", "OMN", "SAU", "ARE", "QAT", "KWT", "BHR"]
    figure, twin, _basis, table, _breaks, _statements = page.update_view(group, "en")
    for part in (twin, table):
        rows = {cells[0]: cells for cells in row_cells(part)}
        for country in ("Saudi Arabia", "United Arab Emirates", "Qatar", "Oman", "Bahrain"):
            assert "100 (by tier, 7 countries)" in rows[country], (country, rows[country])
        assert "0 (by tier, 7 countries)" in rows["Kuwait"]
    gci = {tr.name: x for tr in figure.data for x, y in zip(tr.x, tr.y, strict=True)
           if y.replace("<br>", " ") == "GCI (ITU)"}
    assert gci["Saudi Arabia"] == gci["Qatar"] == gci["United Arab Emirates"] == 100.0
    assert gci["Kuwait"] == 0.0 and max(gci.values()) == 100.0
    assert figure.layout.xaxis.title.text.replace("<br>", " ") == (
        "Percentile: share of the other selected countries it scores at or above "
        "(100 = best, 0 = below all)")
    lede = texts(page.layout(lang="en", country="MAR,OMN"))
    assert ("a percentile within the countries selected here: the share of the other selected "
            "countries it scores at or above (100 = best of the group, ties included; 0 = below "
            "all the others; a country alone in its edition reads 100)") in lede
    assert "(100 = best of the group)." not in lede


def test_values_as_published_keep_scale_edition_tier_and_flags(pages, app_context):
    """The side-by-side table shows each value with its scale, edition and tier or rank, and
    Oman's GCI 2024 ledger flag."""
    page = pages["crossindex"]
    _, _, _, table, _, _ = page.update_view(["MAR", "OMN"], "en")
    text = texts(table)
    assert "edition 2024 · Tier 1: Role-modelling" in text
    assert "edition 2025 · Rank 25" in text and "no score published" in text
    # as published (0.68411), not rounded to 0.684: the downloads hold 0.68411
    assert "0.68411" in text and " out of 1" in text
    assert "Flagged" in text and "Sources differ by 0.01" in text


def test_interpol_findings_are_statements_not_scores(pages, app_context):
    """Morocco's INTERPOL findings are quoted text with citation and source kind; none of them
    is in the chart or in a percentile."""
    page = pages["crossindex"]
    figure, _, _, table, _, statements = page.update_view(["MAR", "OMN"], "en")
    text = texts(statements)
    assert "18,827" in text or "18827" in text
    assert "INTERPOL African Cyberthreat Assessment Report 2023" in text
    assert "Source kind:" in text and "press (3 outlets)" in text
    quotes = [n for n in walk(statements) if isinstance(n, html.Blockquote)]
    assert len(quotes) >= 9 and all(q.lang == "en" for q in quotes)
    labels = {y.replace("<br>", " ") for tr in figure.data for y in tr.y}
    assert labels <= {"GCI (ITU)", "NCSI (e-Governance Academy)", "EGDI (UN DESA)"}
    assert "INTERPOL statements (count, not a score)" in texts(table)


def test_methodology_breaks_are_noted(pages, app_context):
    """The GCI 2024 tiers break and the NCSI 2025 relaunch are listed with their sources."""
    page = pages["crossindex"]
    _, _, _, _, breaks, _ = page.update_view(["MAR"], "en")
    text = texts(breaks)
    assert "GCI (ITU), 2024:" in text and "NCSI (e-Governance Academy), 2025:" in text
    assert "NCSI relaunched with a new methodology in 2025" in text


def test_methodology_breaks_read_in_arabic(pages, app_context):
    """The breaks' notes read in the page's language, not marked as English."""
    _, _, _, _, breaks, _ = pages["crossindex"].update_view(["MAR"], "ar")
    assert "أُعيد إطلاق المؤشر الوطني للأمن السيبراني بمنهجية جديدة في 2025" in texts(breaks)
    assert not [n for n in walk(breaks) if getattr(n, "lang", None) == "en"]


def test_group_preset_fills_the_picker(pages, app_context):
    """Choosing the GCC fills the picker with its six members and Morocco (the watched
    countries first, then by name)."""
    members = pages["crossindex"].countries_for_group("gcc")
    assert members == ["MAR", "OMN", "BHR", "KWT", "QAT", "SAU", "ARE"]


def test_unknown_codes_are_left_out_with_a_notice(pages, app_context):
    """A link with an unknown code keeps the known ones and says what it left out."""
    page = pages["crossindex"]
    root = page.layout(lang="en", countries="MAR,XXX")
    assert find(root, page.ID_COUNTRIES).value == ["MAR"]
    assert "Unknown country codes, left out: XXX." in texts(find(root, page.ID_NOTICES))


def test_dot_figure_is_colour_blind_safe_and_empty_safe():
    """One trace per country in Okabe-Ito colours with distinct symbols; no data, no dots."""
    frame = pd.DataFrame({
        "iso3": ["MAR", "OMN"], "country": ["Morocco", "Oman"],
        **{f"{k}_percentile": [75.0, 25.0] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_edition": [2024, 2024] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_group_n": [2, 2] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_basis": ["score", "score"] for k in ("gci", "ncsi", "egdi")},
    })
    labels = {"gci": "GCI", "ncsi": "NCSI", "egdi": "EGDI"}
    fig = percentile_dots_figure(frame, labels, "en")
    assert [tr.marker.color for tr in fig.data] == list(OKABE_ITO[:2])
    assert len({tr.marker.symbol for tr in fig.data}) == 2
    assert list(fig.data[0].x) == [75.0, 75.0, 75.0]
    empty = percentile_dots_figure(frame.iloc[:0], labels, "en")
    assert empty.data == () and "No data" in empty.layout.annotations[0].text


def test_dot_figure_writes_the_arabic_readers_digits():
    """With Arabic-Indic digits chosen, the percentile axis, its title and the hover's edition
    and counts are written in them (plotly alone draws ticks in 0-9)."""
    from dashboard import i18n

    frame = pd.DataFrame({
        "iso3": ["MAR", "OMN"], "country": ["المغرب", "عُمان"],
        **{f"{k}_percentile": [100.0, 0.0] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_edition": [2024, 2024] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_group_n": [2, 2] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_basis": ["score", "score"] for k in ("gci", "ncsi", "egdi")},
    })
    labels = {"gci": "GCI", "ncsi": "NCSI", "egdi": "EGDI"}
    with i18n.use_digits("arab"):
        fig = percentile_dots_figure(frame, labels, "ar")
    assert list(fig.layout.xaxis.ticktext) == ["٠", "٢٠", "٤٠", "٦٠", "٨٠", "١٠٠"]
    assert "١٠٠" in fig.layout.xaxis.title.text and "100" not in fig.layout.xaxis.title.text
    hover = " ".join(str(tr.text) for tr in fig.data)
    assert "٢٠٢٤" in hover and "2024" not in hover
    western = percentile_dots_figure(frame, labels, "ar")
    assert western.layout.xaxis.ticktext is None and "100" in western.layout.xaxis.title.text


def test_dot_figure_writes_index_names_over_their_rows_on_their_side():
    """Index names start at the right of the chart in Arabic, the left in English, written
    over their rows in lines that fit a phone (the full Arabic names were cut at the chart's
    edge; then, in a margin beside the plot, they took 45 % of a phone's chart)."""
    frame = pd.DataFrame({
        "iso3": ["MAR"], "country": ["المغرب"],
        **{f"{k}_percentile": [50.0] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_edition": [2024] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_group_n": [1] for k in ("gci", "ncsi", "egdi")},
        **{f"{k}_basis": ["score"] for k in ("gci", "ncsi", "egdi")},
    })
    long = "مؤشر تطوير الحكومة الإلكترونية (إدارة الشؤون الاقتصادية والاجتماعية بالأمم المتحدة)"
    arabic = percentile_dots_figure(frame, {"gci": "GCI", "ncsi": "NCSI", "egdi": long}, "ar")
    names = [a for a in arabic.layout.annotations if a.name == "row-name"]
    assert [(a.x, a.xanchor) for a in names] == [(1.0, "right")] * 3
    # The long name in lines of a phone-width plot, each a right-to-left isolate; no margin.
    [name] = [a.text for a in names if "<br>" in a.text]
    lines = [line.removeprefix(RLI).removesuffix(PDI) for line in name.split("<br>")]
    assert " ".join(lines) == long and max(map(len, lines)) <= LABEL_WIDTH
    assert arabic.layout.margin.r <= 20 and arabic.layout.margin.l <= 20
    english = percentile_dots_figure(frame, {"gci": "GCI (ITU)", "ncsi": "NCSI", "egdi": "EGDI"},
                                     "en")
    assert [(a.x, a.xanchor, a.text) for a in english.layout.annotations
            if a.name == "row-name"] == [(0.0, "left", "GCI (ITU)"), (0.0, "left", "NCSI"),
                                         (0.0, "left", "EGDI")]
    assert english.layout.yaxis.showticklabels is False and english.layout.margin.l <= 20


# ---------------------------------------------------------------- the view in the URL


def _query(search: str) -> dict:
    from urllib.parse import parse_qs

    return {k: v[-1] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=True).items()}


def _reopen(page, search: str):
    query = _query(search)
    return page.layout(lang=query.pop("lang", "en"), **query)


@pytest.mark.parametrize(("group", "countries", "lang", "shown"), [
    # Not what the GCC preset selects: a selection of the reader's own, no preset.
    pytest.param("gcc", ["MAR", "OMN"], "en", None, id="two-countries"),
    pytest.param("gcc", ["ARE", "BHR", "KWT", "OMN", "QAT", "SAU"], "fr", None,
                 id="gcc-members-alone"),
    pytest.param("maghreb", ["MAR", "OMN", "DZA", "LBY", "MRT", "TUN"], "fr", "maghreb",
                 id="maghreb-preset"),
    pytest.param(None, ["SAU"], "ar", None, id="no-preset"),
])
def test_url_round_trip(pages, app_context, group, countries, lang, shown):
    """The URL callback's query, opened as a link, gives the same picker, preset and language;
    a preset only over what it selects (its members and the watched countries)."""
    page = pages["crossindex"]
    search = page.update_url(group, countries, lang, "")
    assert _query(search)["v"] == "1"
    root = _reopen(page, search)
    assert sorted(find(root, page.ID_COUNTRIES).value) == sorted(countries)
    assert find(root, page.ID_GROUP).value == shown
    assert root.lang == lang
    assert texts(find(root, page.ID_NOTICES)) == ""


def test_url_holds_only_what_differs(pages, app_context):
    """The default view is a bare URL; the GCC members alone under another preset are just
    that preset; the Arabic digits are kept; the copy-link control holds the link."""
    page = pages["crossindex"]
    default = page.layout(lang="en")
    picker = find(default, page.ID_COUNTRIES)
    assert page.update_url("gcc", picker.value, "en", "") == ""
    assert page.update_url("gcc", ["MAR"], "ar", "?lang=ar&digits=arab") == \
        "?v=1&country=MAR&lang=ar&digits=arab"
    assert find(default, "crossindex-permalink").value == "/cross-index"
    assert find(default, page.ID_URL) is not None


def test_old_links_still_open(pages, app_context):
    """``countries=MAR,OMN`` (links written before v=1) still picks those countries."""
    page = pages["crossindex"]
    root = page.layout(lang="en", countries="MAR,OMN")
    assert find(root, page.ID_COUNTRIES).value == ["MAR", "OMN"]
    assert texts(find(root, page.ID_NOTICES)) == ""


@pytest.mark.parametrize(("query", "warning"), [
    pytest.param({"country": "MAR,ZZZ"}, "Unknown country codes, left out: ZZZ.", id="country"),
    pytest.param({"group": "nope"}, "Unknown peer group “nope”: ignored.", id="group"),
    pytest.param({"v": "9", "country": "MAR"}, "different version (v=9)", id="version"),
    pytest.param({"colour": "red"}, "“colour” setting is not known here", id="key"),
    pytest.param({"edition": "2020"}, "No data for edition 2020", id="edition"),
    pytest.param({"lang": "xx"}, "Unknown language “xx”", id="lang"),
])
def test_bad_link_params_degrade_with_notices(pages, app_context, query, warning):
    """A bad value is left out with a notice; the page still renders."""
    page = pages["crossindex"]
    query = dict(query)
    root = page.layout(lang=query.pop("lang", "en"), **query)
    assert serialises(root)
    assert warning in texts(find(root, page.ID_NOTICES))


@pytest.mark.parametrize("controls", [
    (None, None, None, None), ("zzz", ["XXX", 5], "xx", "?%%%"), ("gcc", "MAR", "fr", None),
])
def test_url_callback_never_raises(pages, app_context, controls):
    """Garbage from the controls gives a URL (or no update), never an exception."""
    result = pages["crossindex"].update_url(*controls)
    assert isinstance(result, str) or result is not None


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_clearing_the_picker_asks_for_countries(pages, app_context, lang):
    """Every country removed from the picker: the callback answers (it raised a KeyError on
    the basis lines), and says to choose countries."""
    figure, twin, basis, table, breaks, statements = pages["crossindex"].update_view([], lang)
    assert texts(basis) == i18n.t("Choose one or more countries above to compare them.", lang)
    assert figure.data == ()


def test_emptying_the_picker_clears_the_preset(pages, app_context):
    """Every country removed, or any other edit of the picker: the preset shows nothing (it
    stayed on the GCC); choosing a preset still fills the picker, and a picker holding what
    the preset selects (in any order) keeps it."""
    page = pages["crossindex"]
    gcc = ["MAR", "OMN", "BHR", "KWT", "QAT", "SAU", "ARE"]
    countries = page.ID_COUNTRIES
    assert page.sync_controls("gcc", [], trigger=countries) == (None, dash.no_update)
    assert page.sync_controls("gcc", None, trigger=countries) == (None, dash.no_update)
    assert page.sync_controls("gcc", ["MAR"], trigger=countries) == (None, dash.no_update)
    assert page.sync_controls("gcc", gcc[::-1], trigger=countries) == (dash.no_update,
                                                                        dash.no_update)
    assert page.sync_controls(None, [], trigger=countries) == (dash.no_update, dash.no_update)
    preset, picker = page.sync_controls("gcc", ["MAR"], "en", page.ID_GROUP)
    assert preset is dash.no_update and picker == gcc


def test_one_callback_sets_both_controls(dash_app):
    """The preset and the picker set each other in one callback (two would be a circular
    dependency Dash refuses), whose outputs are both controls."""
    page = "crossindex"
    keys = [key for key in dash_app.callback_map
            if f"{page}-group.value" in key and f"{page}-countries.value" in key]
    assert keys == [f"..{page}-group.value...{page}-countries.value.."]
    inputs = [f"{i['id']}.{i['property']}" for i in dash_app.callback_map[keys[0]]["inputs"]]
    assert inputs == [f"{page}-group.value", f"{page}-countries.value"]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_an_empty_selection_reopens_empty(pages, app_context, lang):
    """The URL of an emptied picker (its preset cleared with it) reopens on no country and no
    preset, saying to choose countries; it reopened on the GCC."""
    page = pages["crossindex"]
    search = page.update_url(None, [], lang, "")
    assert _query(search)["country"] == "" and _query(search)["group"] == ""
    root = _reopen(page, search)
    assert find(root, page.ID_COUNTRIES).value == []
    assert find(root, page.ID_GROUP).value is None
    assert texts(find(root, page.ID_BASIS)) == i18n.t(
        "Choose one or more countries above to compare them.", lang)
    assert texts(find(root, page.ID_NOTICES)) == ""
    assert find(root, "crossindex-permalink").value == "/cross-index" + search


@pytest.mark.parametrize(("query", "group"), [
    pytest.param({"v": "1", "country": ""}, None, id="links-written-before-the-fix"),
    pytest.param({"v": "1", "countries": ","}, None, id="older-key"),
    pytest.param({"v": "1", "country": "", "group": "maghreb"}, None, id="preset-named"),
])
def test_an_empty_country_key_is_an_empty_picker(pages, app_context, query, group):
    """``country=`` is an empty picker, as on Compare (not the default countries), with no
    preset whatever the link names (a preset shows only over what it selects)."""
    page = pages["crossindex"]
    root = page.layout(lang="en", **query)
    assert find(root, page.ID_COUNTRIES).value == []
    assert find(root, page.ID_GROUP).value == group
    assert texts(find(root, page.ID_NOTICES)) == ""
