"""The News page's claims: the official figure shown is the one the claim was held against (a
regional rank with its region and size, a world rank, a tier, a score) in every language, as
the claims download says; explanations name their source as the catalogs translate it."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from dash import html

from dashboard import news_components
from tests.dashboard.tree_support import texts, walk

NO_FILTER = dict(countries=["MAR", "OMN"], freq="week", measure="count", languages=[],
                 outlets=[], start=None, end=None, has_claim="any", verdicts=[],
                 samples=["samples"], lang="en")
REGIONAL = {"en": "rank 7 of 54 in Africa", "fr": "rang 7 sur 54 en Afrique",
            "ar": "المرتبة 7 من 54 في أفريقيا"}


def claim_rows(page, lang: str) -> list[list[str]]:
    """The claims table's rows (after its header) as the texts of their cells."""
    *_, claims = page.update_news(*{**NO_FILTER, "lang": lang}.values())
    return [[texts(cell) for cell in row.children]
            for row in [n for n in walk(claims) if isinstance(n, html.Tr)][1:]]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_regional_claim_shows_the_regional_rank(pages, app_context, lang):
    """"ferait du Maroc le premier en Afrique" is shown against Morocco's rank in Africa
    (7 of 54, computed from the GCI 2020 scores), as its explanation says: not its world rank
    (50) nor its score (82.41)."""
    rows = claim_rows(pages["news"], lang)
    [regional] = [row for row in rows if "7" in row[5] and "54" in row[5]]
    assert regional[5] == REGIONAL[lang]
    assert "7" in regional[7] and "54" in regional[7]
    assert "50" not in regional[5] and "82" not in regional[5]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_every_official_figure_is_in_its_explanation(pages, app_context, lang):
    """Each checked claim's official figure (a rank's, a tier's or a score's number) is the
    one its explanation states, in every language."""
    rows = claim_rows(pages["news"], lang)
    shown = 0
    for row in rows:
        official, explanation = row[5], row[7]
        if official == "–":
            continue
        figures = [w for w in official.split() if any(c.isdigit() for c in w)]
        assert figures and all(f in explanation for f in figures), (official, explanation)
        shown += 1
    assert shown >= 15


def test_the_claims_download_holds_what_the_page_shows(dash_app):
    """claims.csv carries the regional rank (7, "rank 7 of 54 in Africa") in every language."""
    client = dash_app.server.test_client()
    for lang in ("en", "fr", "ar"):
        response = client.get("/api/v1/downloads/claims.csv",
                              query_string={"lang": lang, "samples": "1", "country": "MAR"})
        frame = pd.read_csv(io.BytesIO(response.get_data()))
        [row] = frame[frame["metric"] == "rank_in_africa"].to_dict("records")
        assert (row["official_value"], row["official_text"]) == (7.0, "rank 7 of 54 in Africa")
        english = "ITU Global Cybersecurity Index 2020 (4th edition)"
        assert (english in row["explanation"]) == (lang == "en")


def test_an_untranslated_source_title_is_marked_english():
    """A source title no catalog translates stays in English in a French explanation, marked
    as English inside it (as the Country page marks such titles)."""
    source = "UN E-Government Survey 2022"
    said = news_components.explanation_element(
        f"Conforme : Maroc — l'EGDI de l'ONU 2022 donne … (source : {source}).", "fr", source)
    [inner] = [n for n in walk(said) if isinstance(n, html.Span) and n.lang == "en"]
    assert texts(inner) == source and inner.dir == "ltr"
    assert walk(said).__next__().lang == "fr"


OFFICIAL_TEXTS = [
    ({"official_text": "rank 7 of 54 in Africa", "official_value": 7.0,
      "metric": "rank_in_africa"}, "fr", "rang 7 sur 54 en Afrique"),
    ({"official_text": "rank 3 of 22 among Arab states", "official_value": 3.0,
      "metric": "top_n_in_arab"}, "ar", "المرتبة 3 من 22 بين الدول العربية"),
    ({"official_text": "rank 50", "official_value": 50.0, "metric": "rank"}, "ar", "المرتبة 50"),
    ({"official_text": "tier 1", "official_value": 1.0, "metric": "tier"}, "fr", "niveau 1"),
    ({"official_text": None, "official_value": 82.41, "metric": "score"}, "fr", "82,41"),
]


def test_official_text_in_the_page_language():
    """A regional rank reads with its region and size, a world rank or a tier with its word,
    a score as a number, each in the page's language."""
    assert [news_components.official_text(row, lang) for row, lang, _ in OFFICIAL_TEXTS] == [
        shown for _, _, shown in OFFICIAL_TEXTS]


def test_every_scope_a_claim_can_have_is_named():
    """A claim's metric is "rank" with any scope the reader gives it (the regions the data
    ranks, and those it does not: "first in the Middle East"): each has words on the page,
    never the raw id "rank_in_middle_east"."""
    from dashboard.news_components import SCOPE_LABELS, metric_text
    from etl.news.lexicon import UNRANKED_REGIONS_BY_SCOPE
    from etl.news.regions import DEFAULT_REGIONS

    scopes = set(UNRANKED_REGIONS_BY_SCOPE) | set(DEFAULT_REGIONS)
    assert scopes <= set(SCOPE_LABELS)
    for scope in scopes:
        for lang in ("en", "fr", "ar"):
            assert "_" not in metric_text(f"rank_in_{scope}", lang), (scope, lang)
