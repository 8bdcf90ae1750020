"""News page: layout in every language, callbacks as functions, samples opt-in, text never HTML."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.utils
import pytest
from dash import dcc, html

from dashboard import figures, figures_news, news_components
from tests.dashboard.tree_support import texts, walk

NO_FILTER = dict(countries=["MAR", "OMN"], freq="week", measure="count", languages=[],
                 outlets=[], start=None, end=None, has_claim="any", verdicts=[], samples=[],
                 lang="en")


def call(page, **changes):
    args = {**NO_FILTER, **changes}
    return page.update_news(*args.values())


@pytest.fixture
def news(pages):
    return pages["news"]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_layout_renders(news, app_context, lang):
    """The page builds and serialises in each language, with lang and dir set."""
    root = news.layout(lang=lang)
    json.dumps(root, cls=plotly.utils.PlotlyJSONEncoder)
    assert root.lang == lang and root.dir == ("rtl" if lang == "ar" else "ltr")


def test_samples_excluded_by_default(news, app_context):
    """Without the checkbox no sample article, claim or volume point is shown; the empty list
    says no real article was collected and how many samples the box hides (not "No articles match
    these filters.": none is set)."""
    figure, _twin, note, _hidden, count, articles, claims = call(news)
    assert count.startswith("0 of 0")
    assert "No real news article has been collected yet." in texts(html.Div(note))
    assert "Synthetic sample articles hidden: 11." in texts(html.Div(note))
    assert texts(articles) == "" and texts(claims) == "No checked claims."
    assert not go.Figure(figure).data  # go.Figure refuses what plotly does not know


def test_samples_included_and_labelled(news, app_context):
    """With the checkbox, samples appear, each labelled "synthetic sample"."""
    figure, _twin, _note, _hidden, count, articles, claims = call(
        news, samples=[news.SAMPLES_ON])
    items = [n for n in walk(articles) if isinstance(n, html.Li)]
    assert len(items) == 11 and count.startswith("11 of 11")
    assert all("synthetic sample" in texts(item) for item in items)
    assert "synthetic sample" in texts(claims)
    assert len(go.Figure(figure).data) == 2  # Morocco and Oman, stored articles


@pytest.mark.parametrize(("changes", "expected"), [
    pytest.param({"languages": ["fr"]}, 3, id="language"),
    pytest.param({"verdicts": ["contradicted"]}, 3, id="verdict"),
    pytest.param({"has_claim": "no"}, 2, id="without-claims"),
    pytest.param({"start": "2024-01-01", "end": "2024-12-31"}, 3, id="dates"),
    pytest.param({"countries": ["JOR"]}, 2, id="country"),
    pytest.param({"outlets": ["nobody"]}, 0, id="outlet"),
])
def test_filters(news, app_context, changes, expected):
    """Each filter narrows the article list."""
    _f, _t, _n, _h, count, _articles, _claims = call(news, samples=[news.SAMPLES_ON], **changes)
    assert count.startswith(f"{expected} of {expected}")


def test_links_open_safely_and_text_is_not_html(news, app_context):
    """Article links open in a new tab without opener; a title with markup stays text."""
    _f, _t, _n, _h, _c, articles, claims = call(news, samples=[news.SAMPLES_ON])
    anchors = [n for n in walk(articles) if isinstance(n, html.A)]
    anchors += [n for n in walk(claims) if isinstance(n, html.A)]
    assert anchors and all(a.target == "_blank" and a.rel == "noopener noreferrer"
                           for a in anchors)
    assert not any(isinstance(n, dcc.Markdown) for n in walk(articles))
    import pandas as pd

    row = pd.Series({"title": "<img src=x onerror=alert(1)>", "url": "https://x.example/a",
                     "published_at": pd.Timestamp("2025-01-01", tz="UTC"), "outlet": "o",
                     "language": "en", "countries": ["MAR"], "n_claims": 0, "is_sample": False,
                     "text": "<script>alert(1)</script> body"})
    item = news_components.article_item(row, {"MAR": "Morocco"}, "en")
    assert "<img src=x onerror=alert(1)>" in texts(item)  # a string child: escaped by React
    assert not any(type(n).__name__ in ("Img", "Script", "Markdown") for n in walk(item))


def test_verdict_badges_carry_words(news, app_context):
    """Verdicts are words with a symbol, not colour alone; the official value sits beside."""
    _f, _t, _n, _h, _c, _a, claims = call(news, samples=[news.SAMPLES_ON], lang="fr")
    badges = [n for n in walk(claims) if isinstance(n, html.Span)
              and "ci-verdict" in str(getattr(n, "className", ""))]
    words = {texts(b).split("\n")[-1].strip() for b in badges}
    assert {"conforme", "contredit", "invérifiable"} <= words
    assert "82,41" in texts(claims)  # the official Morocco 2020 score, French notation


@pytest.mark.parametrize(("lang", "index", "explained"), [
    ("fr", "GCI (UIT)", ("Conforme", "Contredit", "Invérifiable")),
    ("ar", "المؤشر العالمي للأمن السيبراني", ("متوافق", "مناقض", "غير قابل للتحقق")),
])
def test_claims_read_in_the_page_language(news, app_context, lang, index, explained):
    """Every claim of the samples (English, French and Arabic articles) is explained, named
    and measured in the page's language: no explanation left in English, metric words and
    index names instead of ids."""
    _f, _t, _n, _h, _c, _a, claims = call(news, samples=[news.SAMPLES_ON], lang=lang)
    rows = [n for n in walk(claims) if isinstance(n, html.Tr)][1:]  # after the header
    assert len(rows) > 10
    ids = {"rank", "tier", "rank_in_africa", "itu_gci", "ncsi"} | (
        {"score"} if lang == "ar" else set())  # "score" is French too
    for row in rows:
        cells = [texts(cell) for cell in row.children]
        assert not ids & set(cells[2].split() + [cells[3]]), cells[2:4]
        [said] = [n for n in walk(row.children[7]) if getattr(n, "lang", None)]
        assert said.lang == lang and texts(said).startswith(explained), texts(said)
    assert index in texts(claims)


def test_claims_checked_before_every_language_keep_their_two():
    """A claim stored before the explanations in every language: the article's language when
    the page speaks it, else English, each marked with its language."""
    row = {"explanations": None, "language": "ar", "explanation": "مناقض: ...",
           "explanation_en": "Contradicted: ..."}
    assert news_components.explanation_in(row, "ar") == ("مناقض: ...", "ar")
    assert news_components.explanation_in(row, "fr") == ("Contradicted: ...", "en")
    row["explanations"] = '{"ar": "مناقض: ...", "en": "Contradicted: ...", "fr": "Contredit : ..."}'
    assert news_components.explanation_in(row, "fr") == ("Contredit : ...", "fr")


def test_share_without_gdelt_says_so():
    """The share view without a denominator shows a message, not an empty chart."""
    import pandas as pd

    volume = pd.DataFrame({"iso3": ["MAR"], "period": [pd.Timestamp("2025-01-06")],
                           "source_id": ["articles"], "count": [3], "monitored": [None],
                           "share": [None]})
    figure = go.Figure(figures_news.mention_volume_figure(volume, {"MAR": "Morocco"}, "en",
                                                          "share"))
    assert not figure.data and "GDELT" in figure.layout.annotations[0].text


@pytest.mark.parametrize(("lang", "x", "anchor"), [("en", 0, "left"), ("ar", 1, "right")])
def test_volume_chart_title_and_legend_start_where_the_page_reads(lang, x, anchor):
    """In Arabic the volume chart's title and legend start on the right, as every other chart's
    (the toolbar is on the left there); in English on the left."""
    import pandas as pd

    volume = pd.DataFrame({"iso3": ["MAR"], "period": [pd.Timestamp("2025-01-06")],
                           "source_id": ["articles"], "count": [3], "monitored": [None],
                           "share": [None]})
    figure = go.Figure(figures_news.mention_volume_figure(volume, {"MAR": "Morocco"}, lang,
                                                          "count"))
    assert (figure.layout.title.x, figure.layout.title.xanchor) == (x, anchor)
    assert figure.layout.legend.x == x
    assert figure.layout.separators == go.Figure(figures.empty_figure(lang)).layout.separators


def test_country_page_has_news_section(pages, app_context):
    """The country page shows its news section (samples excluded, so a pointer to /news)."""
    root = pages["country"].layout(iso3="MAR", lang="en")
    assert "Recent articles and the claims about Morocco" in texts(root)


@pytest.mark.parametrize("measure", ["count", "share"])
def test_volume_figure_is_what_plotly_would_send(measure):
    """The plain figure dict reads to plotly.js as the go.Figure built from it: same traces in
    country and source order, periods in order, same layout."""
    import json

    import pandas as pd
    from dash._utils import to_json

    periods = pd.to_datetime(["2025-01-13", "2025-01-06", "2025-01-20"])
    volume = pd.DataFrame({
        "iso3": ["OMN", "MAR", "MAR", "MAR", "OMN", "MAR"],
        "period": [periods[0], periods[1], periods[0], periods[2], periods[1], periods[1]],
        "source_id": ["articles", "articles", "articles", "articles", "articles", "gdelt_doc"],
        "count": [4, 3, 5, 2, 1, 40],
        "monitored": [None, None, None, None, None, 1000.0],
        "share": [None, None, None, None, None, 0.04],
    })
    figure = figures_news.mention_volume_figure(volume, {"MAR": "Morocco", "OMN": "Oman"}, "en",
                                                measure)
    built = go.Figure(figure)
    sent, expected = json.loads(to_json(figure)), json.loads(built.to_json())
    assert [t["name"] for t in sent["data"]] == [t["name"] for t in expected["data"]] == (
        ["Morocco — stored articles", "Morocco — GDELT", "Oman — stored articles"]
        if measure == "count" else ["Morocco — GDELT"])
    for ours, json_x, theirs in zip(sent["data"], expected["data"], built.data, strict=True):
        assert list(pd.to_datetime(ours["x"])) == list(pd.to_datetime(json_x["x"]))
        assert ours["y"] == list(theirs.y)
    assert sent["data"][0]["x"] == sorted(sent["data"][0]["x"])
    assert sent["layout"] == expected["layout"]


def test_records_are_what_to_dict_gives():
    """frames.python_records: the same dicts, values and types as to_dict("records")."""
    import pandas as pd

    frame = pd.DataFrame({
        "id": [1, 2], "title": ["a", None], "score": [97.5, float("nan")],
        "at": pd.to_datetime(["2024-01-01", None], utc=True), "flag": [True, False],
        "countries": [["MAR"], []], "n": pd.array([1, None], dtype="Int64"),
        "s": pd.array(["x", None], dtype="string[pyarrow]"),
    })
    from etl.frames import python_records

    ours, theirs = python_records(frame), frame.to_dict("records")
    assert len(ours) == 2 and ours[0] == theirs[0]
    assert [[type(v) for v in row.values()] for row in ours] == \
        [[type(v) for v in row.values()] for row in theirs]
    assert pd.isna(ours[1]["title"]) and pd.isna(ours[1]["score"]) and pd.isna(ours[1]["at"])
    assert ours[1]["n"] is None and theirs[1]["n"] is None


@pytest.mark.parametrize(("lang", "start"), [("en", "Start date"), ("fr", "Date de début"),
                                             ("ar", "تاريخ البداية")])
def test_date_picker_speaks_the_page_language(news, app_context, lang, start):
    picker = next(n for n in walk(news.layout(lang=lang)) if isinstance(n, dcc.DatePickerRange))
    assert picker.start_date_placeholder_text == start
    assert picker.end_date_placeholder_text not in (None, "", "End Date")


@pytest.mark.parametrize(("freq", "periods", "gap"), [
    pytest.param("week", ["2021-01-04", "2021-01-11", "2024-01-01"], "2021-01-18", id="week"),
    pytest.param("month", ["2021-01-01", "2021-02-01", "2021-04-01"], "2021-03-01", id="month"),
    pytest.param("day", ["2021-01-01", "2021-01-03"], "2021-01-02", id="day"),
])
def test_volume_line_stops_where_no_period_was_stored(freq, periods, gap):
    """No line is drawn across periods with no row (that would show values nobody counted):
    an empty point at the first missing period breaks it; consecutive periods stay joined."""
    import pandas as pd

    n = len(periods)
    volume = pd.DataFrame({"iso3": ["MAR"] * n, "period": pd.to_datetime(periods),
                           "source_id": ["articles"] * n, "count": list(range(1, n + 1)),
                           "monitored": [None] * n, "share": [None] * n})
    figure = go.Figure(figures_news.mention_volume_figure(volume, {"MAR": "Morocco"}, "en",
                                                          "count", freq))
    [trace] = figure.data
    assert list(trace.y) == [*range(1, n), None, n]
    assert pd.Timestamp(trace.x[-2]) == pd.Timestamp(gap)
    assert trace.connectgaps in (None, False)


def test_outlets_menu_is_in_collation_order(news, app_context):
    """The Outlets menu sorts names as a reader does (case and accents aside), not in the
    store's code point order (capitals first, accented names last) nor a database's."""
    facets = {"languages": ["en"],
              "outlets": ["Le Matin", "Zeta", "al-Watan", "apex news", "hespress", "Élan Maroc"]}
    from dashboard import data

    tree = news.controls(data.current_engine(), news.NewsState(), {"MAR": "Morocco"}, facets,
                         "en")
    [menu] = [n for n in walk(tree) if isinstance(n, dcc.Dropdown) and n.id == news.ID_OUTLETS]
    assert [o["value"] for o in menu.options] == [
        "al-Watan", "apex news", "Élan Maroc", "hespress", "Le Matin", "Zeta"]
