"""The News page's volume chart follows the page's filters: with ``?language=ar&claim=yes`` it
counts the Arabic articles with a checked claim the list shows (not every English article of
other weeks), and its title and table view say what it counts."""

from __future__ import annotations

import pytest
from dash import html

from tests.dashboard.tree_support import texts, walk

NO_FILTER = dict(countries=["MAR", "OMN"], freq="week", measure="count", languages=[],
                 outlets=[], start=None, end=None, has_claim="any", verdicts=[],
                 samples=["samples"], lang="en")


def call(page, **changes):
    return page.update_news(*{**NO_FILTER, **changes}.values())


def listed_per_country(articles) -> dict[str, int]:
    """How many of the listed articles name each of the chart's countries."""
    named = [line.split("Countries: ")[1].split(" · ")[0]
             for item in walk(articles) if isinstance(item, html.Li)
             for line in texts(item).split("\n") if "Countries: " in line]
    return {name: sum(name in countries for countries in named)
            for name in ("Morocco", "Oman")}


@pytest.mark.parametrize("changes", [
    pytest.param({"languages": ["ar"], "has_claim": "yes"}, id="arabic-with-claims"),
    pytest.param({"languages": ["fr"]}, id="french"),
    pytest.param({"verdicts": ["contradicted"]}, id="contradicted"),
    pytest.param({"has_claim": "no"}, id="without-claims"),
])
def test_the_chart_counts_what_the_list_lists(pages, app_context, changes):
    """Each country's line adds up to the listed articles naming it."""
    figure, _twin, _note, _hidden, count, articles, _claims = call(pages["news"], **changes)
    drawn = {trace["name"].split(" — ")[0]: sum(y for y in trace["y"] if y is not None)
             for trace in figure["data"]}
    listed = listed_per_country(articles)
    assert drawn == {name: n for name, n in listed.items() if n}
    if changes == {"languages": ["ar"], "has_claim": "yes"}:
        assert count.startswith("3 of 3") and sum(drawn.values()) == 4


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "(in Arabic · with a checked claim · synthetic samples included)"),
    ("fr", "(en arabe · avec une affirmation vérifiée · échantillons synthétiques inclus)"),
    ("ar", "(باللغة العربية · مع ادعاء مُتحقق منه · مع العينات الاصطناعية)"),
])
def test_the_title_and_table_view_say_the_filters(pages, app_context, lang, said):
    figure, twin, *_ = call(pages["news"], languages=["ar"], has_claim="yes", lang=lang)
    title = figure["layout"]["title"]["text"].replace("<br>", " ")
    title = "".join(c for c in title if c not in "\u2066\u2067\u2068\u2069")
    assert said in title
    [caption] = [n for n in walk(twin) if isinstance(n, html.Caption)]
    assert said in texts(caption)
    unfiltered, *_ = call(pages["news"], samples=[], lang=lang)
    assert "(" not in unfiltered["layout"]["title"]["text"]  # a filter keeping all: no words


def test_the_share_under_a_filter_says_why_it_is_empty(pages, app_context):
    """GDELT's share cannot follow a language filter: the message says so. Ticking the
    samples box narrows nothing GDELT cannot follow: there the message stays that no source
    gives the share."""
    _figure, _twin, note, hidden, *_ = call(pages["news"], languages=["ar"], measure="share")
    assert hidden and "cannot be narrowed by language" in texts(note[0])
    _figure, _twin, note, hidden, *_ = call(pages["news"], measure="share")
    assert hidden and "No source gives the share" in texts(note[0])
