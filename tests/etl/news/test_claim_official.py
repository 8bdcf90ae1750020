"""The official figure stored beside a checked claim is the one the claim was held against (a
regional rank among its region, a world rank, a tier, a score), never another figure of the
same official row; the row's own numbers are kept as published."""

from __future__ import annotations

import json

import pytest

from etl import news_export, store
from etl.news import check_claims, extract_claims, reading
from etl.news.explain import explanation_in
from etl.news.report import official_text
from etl.news.verify import official_figure, official_parts

# (sentence, language, metric, official_value, official_text): the figures of
# tests/etl/news/official_gci.csv (GCI 2018, 2020, 2024).
CASES = [
    pytest.param("Le même indice mondial de cybersécurité 2020 ferait du Maroc le premier en "
                 "Afrique.", "fr", "rank_in_africa", 7.0, "rank 7 of 54 in Africa",
                 id="regional-rank"),
    pytest.param("Oman is among the top five Arab states in the Global Cybersecurity Index "
                 "2020.", "en", "top_n_in_arab", 3.0, "rank 3 of 22 among Arab states",
                 id="regional-top-n"),
    pytest.param("Oman leads the GCC in the Global Cybersecurity Index 2020.", "en",
                 "rank_in_gcc", 3.0, "rank 3 of 6 in the GCC", id="gcc-rank"),
    pytest.param("Morocco ranked 50th in the Global Cybersecurity Index 2020.", "en", "rank",
                 50.0, "rank 50", id="world-rank"),
    pytest.param("Morocco is among the top 60 in the Global Cybersecurity Index 2020.", "en",
                 "top_n", 50.0, "rank 50", id="world-top-n"),
    pytest.param("Egypt is a tier 1 country in the Global Cybersecurity Index 2024.", "en",
                 "tier", 1.0, "tier 1", id="tier"),
    pytest.param("Morocco scored 83.65 in the Global Cybersecurity Index 2020.", "en", "score",
                 82.41, None, id="score"),
    pytest.param("Oman scored 86.8% in the Global Cybersecurity Index 2018.", "en", "score",
                 0.868, None, id="score-0-1-as-published"),
    pytest.param("Morocco scored 18.4 on the legal pillar of the Global Cybersecurity Index "
                 "2020.", "en", "legal", 18.4, None, id="pillar"),
]


@pytest.mark.parametrize(("text", "language", "metric", "value", "text_value"), CASES)
def test_stored_official_figure_is_the_one_held_against(official, text, language, metric,
                                                        value, text_value):
    """The claim row's official_value and official_text are the figure its verdict compared:
    the rank of a rank claim (not the row's score), a regional rank with its region's size,
    the published score of a score claim; the explanation states that same figure."""
    [claim] = reading.analyse(text, language, official).claims
    assert claim["metric"] == metric
    assert (claim["official_value"], claim["official_text"]) == (value, text_value)
    number = f"{value:g}"
    explained = json.loads(claim["explanations"])
    assert f" {number}" in explained["en"], explained["en"]
    if text_value and " of " in text_value:
        assert f"{number} of {text_value.split(' of ')[1].split()[0]}" in explained["en"]


def test_the_official_row_keeps_its_published_numbers(official):
    """Picking the regional rank changes none of the official row's numbers: the verdict's
    record still holds the published score and world rank, and says which figure it held."""
    [checked] = check_claims(extract_claims(
        "Le même indice mondial de cybersécurité 2020 ferait du Maroc le premier en Afrique.",
        "fr"), official)
    record = checked.official
    assert (record["value"], record["rank"]) == (82.41, 50)
    assert (record["held_against"], record["regional_rank"], record["of"]) == (
        "regional_rank", 7, 54)
    assert official_figure(record) == (7.0, "rank 7 of 54 in Africa")
    assert official_text(record) == "rank 7 of 54 in Africa"  # `cyberindex news extract`


@pytest.mark.parametrize(("text", "parts"), [
    pytest.param("rank 7 of 54 in Africa", ("rank", 7, 54), id="regional"),
    pytest.param("rank 50", ("rank", 50, None), id="world"),
    pytest.param("tier 1", ("tier", 1, None), id="tier"),
    pytest.param("82.41", None, id="not-a-rank"),
    pytest.param(None, None, id="none"),
])
def test_official_parts_read_back_what_is_written(text, parts):
    assert official_parts(text) == parts


def test_the_store_and_the_download_hold_the_regional_rank(loaded_engine):
    """The French sample's "premier en Afrique" is stored and downloaded with Morocco's rank in
    Africa (7 of 54), not its GCI 2020 score (82.41) and world rank (50)."""
    claims = store.claims_frame(loaded_engine, include_samples=True, limit=None)
    [row] = claims[claims["metric"] == "rank_in_africa"].to_dict("records")
    assert (row["official_value"], row["official_text"]) == (7.0, "rank 7 of 54 in Africa")
    for lang in ("en", "fr", "ar"):
        rows = news_export.claims_rows(loaded_engine, store.ArticleFilter(
            iso3s=("MAR",), include_samples=True), lang=lang)
        [exported] = rows[rows["metric"] == "rank_in_africa"].to_dict("records")
        assert (exported["official_value"], exported["official_text"]) == (
            7.0, "rank 7 of 54 in Africa")
    ranks = claims[claims["official_text"].fillna("").str.match(r"(rank|tier) ")]
    assert len(ranks) > 5
    for row in ranks.to_dict("records"):  # every rank and tier row: its own number
        assert row["official_value"] == official_parts(row["official_text"])[1]


def test_explanations_name_the_source_in_the_language_read(loaded_engine):
    """In French and Arabic the source document is named as the catalogs translate it (the
    Country page's name), not by its English title; French leads with the country, which
    CLDR names without the article French gives it."""
    claims = store.claims_frame(loaded_engine, include_samples=True, limit=None)
    row = claims[claims["metric"] == "rank_in_africa"].to_dict("records")[0]
    english = "ITU Global Cybersecurity Index 2020 (4th edition)"
    assert row["official_source"] == english
    fr, said_in = explanation_in(row, "fr")
    assert said_in == "fr" and english not in fr
    assert "(source\u00a0: Indice mondial de cybersécurité 2020 de l'UIT (4e édition))" in fr
    assert fr.startswith("Contredit\u00a0: Maroc — rang 7 sur 54 (Afrique)") and "Maroc est" not in fr
    ar, _ = explanation_in(row, "ar")
    assert english not in ar and "المؤشر العالمي للأمن السيبراني 2020" in ar
    en, _ = explanation_in(row, "en")
    assert english in en
