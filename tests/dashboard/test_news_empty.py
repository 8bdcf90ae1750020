"""Why the News article list is empty, in words: nothing collected yet (or in these dates),
filters that match nothing, synthetic samples the unticked box hides; an empty volume chart
shows its message alone, without axes."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc, html

from dashboard import data, figures_news, i18n, news_components
from etl import store
from etl.news import ingest
from tests.dashboard.tree_support import find, texts, walk

NO_FILTER = dict(countries=["MAR", "OMN"], freq="week", measure="count", languages=[],
                 outlets=[], start=None, end=None, has_claim="any", verdicts=[], samples=[],
                 lang="en")
NOTHING_COLLECTED = "No news articles have been collected yet."
NO_REAL = "No real news article has been collected yet."
NO_MATCH = "No articles match these filters."
HIDDEN = "Synthetic sample articles hidden: {count}. Tick “Include synthetic samples” to see them."


def call(page, **changes):
    return page.update_news(*{**NO_FILTER, **changes}.values())


def filters(**changes) -> dict:
    """The News page's store filter with these changes (default: Morocco and Oman)."""
    base = {"iso3s": ["MAR", "OMN"], "languages": [], "outlets": [], "since": None,
            "until": None, "has_claim": None, "verdicts": [], "include_samples": False}
    return {**base, **changes}


@pytest.fixture
def real_engine(engine):
    """An empty store with one real (not sample) article naming Morocco, from 2025."""
    frame = ingest.article_frame(pd.DataFrame([{
        "url": "https://news.example.org/morocco-cyber", "date": "2025-03-04",
        "title": "Morocco opens a cybersecurity centre", "outlet": "example",
        "language": "en", "text": "Morocco opened a national cybersecurity centre in Rabat.",
        "text_kind": "full", "is_sample": False}]))
    with engine.begin() as conn:
        ingest.load_articles(conn, frame, source_id="test", run_id=0, snapshot_sha256="0" * 64)
    assert store.articles_count(engine) == 1
    return engine


@pytest.fixture
def news(pages):
    return pages["news"]


# ---------------------------------------------------------------- the reasons, on a store


def test_nothing_collected_says_so(engine):
    """An empty store: no article was collected, whatever the filters; no sample to offer."""
    for changes in ({}, {"languages": ["fr"], "outlets": ["nobody"]}):
        assert news_components.no_articles_texts(engine, filters(**changes), "en") == [
            NOTHING_COLLECTED]


def test_nothing_in_the_dates_says_so(real_engine):
    """Articles exist, but none was published in the chosen dates."""
    assert news_components.no_articles_texts(
        real_engine, filters(since="2020-01-01", until="2020-12-31"), "en") == [
        "No news articles have been collected for these dates."]


@pytest.mark.parametrize("changes", [
    pytest.param({"outlets": ["nobody"]}, id="outlet"),
    pytest.param({"iso3s": ["JOR"]}, id="country"),
    pytest.param({"has_claim": True}, id="with-claim"),
    pytest.param({"since": "2025-01-01", "languages": ["ar"]}, id="dates-and-language"),
])
def test_filters_that_exclude_articles_say_so(real_engine, changes):
    """A real article exists (in the dates): the filters are why the list is empty."""
    assert store.articles_count(real_engine, **filters(**changes)) == 0
    assert news_components.no_articles_texts(real_engine, filters(**changes), "en") == [
        NO_MATCH]


def test_only_hidden_samples_say_how_many(loaded_engine):
    """The bundled store holds synthetic samples only: no *real* article collected (not "no
    article": 11 samples are stored), and the count the box would show (11 name Morocco or
    Oman, 2 Jordan; none in French from "nobody")."""
    assert news_components.no_articles_texts(loaded_engine, filters(), "en") == [
        NO_REAL, HIDDEN.format(count=11)]
    assert news_components.no_articles_texts(loaded_engine, filters(iso3s=["JOR"]), "en") == [
        NO_REAL, HIDDEN.format(count=2)]
    assert news_components.no_articles_texts(
        loaded_engine, filters(outlets=["nobody"]), "en") == [NO_REAL]
    assert news_components.no_articles_texts(
        loaded_engine, filters(since="2001-01-01", until="2001-12-31"), "en") == [
        "No news articles have been collected for these dates."]


def test_samples_ticked_but_filtered_out(loaded_engine):
    """With the box ticked, samples count as articles: filters that exclude them say so."""
    assert news_components.no_articles_texts(
        loaded_engine, filters(include_samples=True, outlets=["nobody"]), "en") == [NO_MATCH]
    assert news_components.no_articles_texts(
        loaded_engine, filters(include_samples=True, since="2001-01-01", until="2001-12-31"),
        "en") == ["No news articles have been collected for these dates."]


@pytest.mark.parametrize(("lang", "expected"), [
    pytest.param("fr", "Aucun article", id="fr"),
    pytest.param("ar", "لم", id="ar"),
])
def test_reasons_are_translated(loaded_engine, lang, expected):
    """The reasons read in the page's language (once the catalogs hold them)."""
    lines = news_components.no_articles_texts(loaded_engine, filters(), lang)
    assert len(lines) == 2
    assert lines[0] == i18n.t(news_components.MSG_NO_REAL, lang)
    if news_components.t(news_components.MSG_NO_REAL, lang) != NO_REAL:
        assert lines[0].startswith(expected)


# ---------------------------------------------------------------- the page


def test_default_page_with_only_samples_does_not_blame_filters(news, app_context):
    """The default view of a store of samples only: no "match these filters" although none is
    set, but "no real article collected yet" and how many samples the box hides."""
    figure, _twin, note, _hidden, count, articles, claims = call(news)
    # Said once, for the whole page, in the chart's place; not again under the list.
    assert texts(html.Div(note)).split("\n") == [NO_REAL, HIDDEN.format(count=11)]
    assert texts(articles) == "" and count.startswith("0 of 0")
    assert NO_MATCH not in texts(claims) and texts(claims) == "No checked claims."
    assert not go.Figure(figure).data
    # The empty chart says what the list says, not that no article names the countries.
    assert [a.text for a in go.Figure(figure).layout.annotations] == [NO_REAL]


def test_empty_chart_of_a_store_with_articles_says_none_names_them(news, app_context):
    """With articles collected (samples ticked) but none naming the chosen country, the chart
    keeps its own reason, which the list's "collected" wording would get wrong."""
    figure, *_ = call(news, samples=[news.SAMPLES_ON], countries=["ISL"])
    [note] = go.Figure(figure).layout.annotations
    assert note.text == "No articles name these countries in this period."


def test_empty_chart_in_dates_without_articles_says_so(news, app_context):
    figure, *_ = call(news, samples=[news.SAMPLES_ON], start="1990-01-01", end="1990-12-31",
                      lang="fr")
    [note] = go.Figure(figure).layout.annotations
    assert note.text == i18n.t(news_components.MSG_NONE_IN_DATES, "fr")


def test_page_filters_excluding_samples_say_so(news, app_context):
    """Samples ticked, an outlet nobody has: the filters are why the list is empty."""
    _f, _t, _n, _h, count, articles, _c = call(news, samples=[news.SAMPLES_ON], outlets=["nobody"])
    assert texts(articles) == NO_MATCH and count.startswith("0 of 0")


def test_layout_shows_the_reason(news, app_context):
    """The page as first opened says the same as the callback."""
    root = news.layout(lang="en")
    assert texts(root).count(NO_REAL) == 1 and NO_MATCH not in texts(root)
    assert NOTHING_COLLECTED not in texts(root)
    assert "match these filters" not in texts(root)


def test_notice_is_a_list_of_paragraphs(loaded_engine):
    """One paragraph per reason, in a notice announced as a status."""
    box = news_components.no_articles_notice(loaded_engine, filters(), "en")
    assert box.role == "status"
    assert [texts(p) for p in walk(box) if isinstance(p, html.P)] == [
        NO_REAL, HIDDEN.format(count=11)]


def test_country_page_says_nothing_collected_not_filters(pages, app_context):
    """The country page has no filters: its empty list says no real article was collected
    (samples are stored, hidden), how many samples name the country and where to see them;
    its link to the News page keeps its count."""
    root = pages["country"].layout(iso3="MAR", lang="en")
    shown = texts(root)
    assert NO_MATCH not in shown and NOTHING_COLLECTED not in shown
    assert NO_REAL in shown
    assert "Synthetic sample articles naming Morocco hidden: 9." in shown
    assert "All news about Morocco (0 articles)" in shown
    # Nor does its empty claims table blame filters it does not have.
    assert "No checked claims match these filters." not in shown
    assert ("No index figure quoted in the articles collected here about Morocco has been "
            "checked yet.") in shown


def test_country_page_links_to_the_hidden_samples(pages, app_context):
    """The samples naming the country are one link away: the News page for the country with
    the samples shown (``samples=1``), which lists them."""
    section = html.Div(news_components.country_news_section(
        data.current_engine(), "OMN", {"OMN": "Oman"}, "fr"))
    [link] = [n for n in walk(section) if isinstance(n, dcc.Link)]
    assert link.href == "/news?lang=fr&country=OMN&samples=1"
    assert texts(link) == i18n.t(news_components.MSG_SHOW_SAMPLES, "fr")
    query = dict(pair.split("=") for pair in link.href.split("?")[1].split("&"))
    shown = pages["news"].layout(**query)
    hidden = news_components.hidden_samples(data.current_engine(), iso3s=["OMN"])
    assert hidden and texts(find(shown, pages["news"].ID_COUNT)) == pages["news"].count_text(
        hidden, hidden, "fr")


def test_empty_store_keeps_nothing_collected(engine):
    """No article at all, real or sample: the country page says nothing was collected, with
    no sample line or link."""
    section = html.Div(news_components.country_news_section(engine, "MAR",
                                                            {"MAR": "Morocco"}, "en"))
    assert NOTHING_COLLECTED in texts(section) and NO_REAL not in texts(section)
    assert "Synthetic sample" not in texts(section)
    assert not [n for n in walk(section) if isinstance(n, dcc.Link)]


def test_country_page_names_the_country_when_others_have_news(real_engine):
    """Articles exist, none naming this country: the notice says so."""
    section = html.Div(news_components.country_news_section(real_engine, "OMN",
                                                            {"OMN": "Oman"}, "en"))
    assert "No collected news article names Oman." in texts(section)
    assert NO_MATCH not in texts(section)
    mentioned = html.Div(news_components.country_news_section(real_engine, "MAR",
                                                              {"MAR": "Morocco"}, "en"))
    assert "Morocco opens a cybersecurity centre" in texts(mentioned)


# ---------------------------------------------------------------- the chart


@pytest.mark.parametrize("measure", ["count", "share"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_empty_volume_chart_has_no_axes(measure, lang):
    """No series: no axis, tick or axis title (no "-1 to 6" under "Period starting", no "0.5
    articles"), only the centred message, as figures.empty_figure."""
    empty = pd.DataFrame(
        columns=["iso3", "period", "source_id", "count", "monitored", "share"])
    figure = go.Figure(figures_news.mention_volume_figure(empty, {}, lang, measure))
    assert not figure.data
    assert figure.layout.xaxis.visible is False and figure.layout.yaxis.visible is False
    [note] = figure.layout.annotations
    assert (note.x, note.y, note.xref, note.yref) == (0.5, 0.5, "paper", "paper")
    assert note.text


def test_volume_chart_with_data_keeps_its_axes():
    """A chart with a series keeps its axes and their titles."""
    volume = pd.DataFrame({"iso3": ["MAR"], "period": [pd.Timestamp("2025-01-06")],
                           "source_id": ["articles"], "count": [3], "monitored": [None],
                           "share": [None]})
    figure = go.Figure(figures_news.mention_volume_figure(volume, {"MAR": "Morocco"}, "en"))
    assert figure.layout.xaxis.visible is not False
    assert figure.layout.xaxis.title.text == "Period starting"
    assert not figure.layout.annotations


# ---------------------------------------------------------------- the chart's place, empty


def block_and_note(news, root):
    """(the chart's block: graph, export buttons, table view; the message in its place)."""
    from tests.dashboard.tree_support import find

    return find(root, news.ID_VOLUME_BLOCK), find(root, news.ID_VOLUME_EMPTY)


def test_empty_chart_is_a_message_not_a_frame(news, app_context):
    """The default view of a store without real articles: the chart, its PNG/SVG buttons and
    its table view are hidden (kept, for the callback to draw into), and a plain message
    says what is empty and why."""
    root = news.layout(lang="en")
    block, note = block_and_note(news, root)
    assert block.hidden is True
    ids = {getattr(n, "id", None) for n in walk(block)}
    assert {news.ID_VOLUME, f"{news.ID_VOLUME_BLOCK}-twin"} <= ids  # the callback's targets
    assert any("ci-chart-export" in str(getattr(n, "className", "")) for n in walk(block))
    # No real article, 11 synthetic samples hidden: both said, with how to show them, for
    # the whole page (not under the chart's name: the list and claims are empty for it too).
    assert texts(note).split("\n") == [NO_REAL, HIDDEN.format(count=11)]
    assert not any(isinstance(n, html.Figure) for n in walk(note))


def test_chart_with_lines_shows_chart_exports_and_table(news, app_context):
    """With lines to draw (samples ticked) the block shows, and no message stands beside."""
    root = news.layout(lang="en", v="1", samples="1")
    block, note = block_and_note(news, root)
    assert not block.hidden and texts(note) == ""
    figure, _twin, message, hidden, *_ = call(news, samples=[news.SAMPLES_ON])
    assert go.Figure(figure).data and message == [] and hidden is False


@pytest.mark.parametrize(("changes", "expected", "page_wide"), [
    pytest.param({}, NO_REAL, True, id="no-real-article"),
    pytest.param({"samples": ["samples"], "countries": ["ISL"]},
                 "No articles name these countries in this period.", False,
                 id="none-about-them"),
    pytest.param({"samples": ["samples"], "measure": "share"}, "GDELT", False, id="no-share"),
    pytest.param({"samples": ["samples"], "start": "1990-01-01", "end": "1990-12-31"},
                 "No news articles have been collected for these dates.", True, id="no-dates"),
])
def test_callback_hides_the_empty_chart_and_says_why(news, app_context, changes, expected,
                                                     page_wide):
    """Whatever empties the chart (nothing collected, no article naming the countries, no
    share without GDELT), the callback hides it and its message says the chart's reason;
    nothing collected (at all or in the dates) is the whole page's reason: said there once,
    without the chart's name, and the list below says it no more."""
    figure, _twin, message, hidden, _count, articles, _claims = call(news, **changes)
    assert hidden is True and not go.Figure(figure).data
    lines = texts(html.Div(message)).split("\n")
    if page_wide:
        assert expected in lines[0] and texts(articles) == ""
    else:
        assert lines[0] == "Mention volume" and expected in lines[1]
        assert expected not in texts(articles)


def test_empty_chart_message_in_french(news, app_context):
    _f, _t, message, hidden, *_ = call(news, lang="fr")
    assert hidden is True
    assert texts(html.Div(message)).split("\n") == [
        i18n.t(news_components.MSG_NO_REAL, "fr"),
        i18n.t(news_components.MSG_SAMPLES_HIDDEN, "fr", count="11")]


def test_callback_outputs_the_message_and_the_blocks_visibility(news, dash_app):
    """The News callback writes the message and hides or shows the block (ids kept)."""
    [outputs] = [key for key in dash_app.callback_map if f"{news.ID_VOLUME}.figure" in key]
    assert f"{news.ID_VOLUME_EMPTY}.children" in outputs
    assert f"{news.ID_VOLUME_BLOCK}.hidden" in outputs
    assert f"{news.ID_VOLUME_BLOCK}-twin.children" in outputs
