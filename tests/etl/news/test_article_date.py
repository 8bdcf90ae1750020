"""A claim that names no edition is held against the edition current when its article was
published: a 2021 article quoting Oman's 96.04 quotes GCI 2020, not the 2024 edition published
three years later (audit finding A9). Without a date, the latest edition giving the figure."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import store
from etl.news import ingest
from etl.news.claims import extract_claims
from etl.news.verify import check_claims
from tests.etl.news_support import store_with_official

UNDATED = "Oman scored 96.04 in the Global Cybersecurity Index of the ITU."


def _one(official, as_of):
    claims = extract_claims(UNDATED, "en")
    assert [(c.iso3, c.metric, c.value, c.edition) for c in claims] == [
        ("OMN", "score", 96.04, None)]
    return check_claims(claims, official, as_of=as_of)[0]


def test_an_undated_claim_is_held_against_the_edition_of_its_articles_year(official):
    checked = _one(official, 2021)
    assert checked.verdict == "consistent"
    assert checked.official["edition"] == 2020
    assert checked.explanations["en"].endswith(
        "Edition not stated: checked against the latest edition with this figure up to the "
        "article's year, 2021 (2020).")
    assert "jusqu'à l'année de l'article, 2021 (2020)" in checked.explanations["fr"]
    assert "حتى سنة نشر المقال 2021 (2020)" in checked.explanations["ar"]


@pytest.mark.parametrize("as_of", [None, 2024, 2026, 2005])
def test_without_a_date_or_after_the_latest_edition_the_latest_is_used(official, as_of):
    """No date, an article of the latest edition's year or later, or one older than every
    edition: the latest edition giving the figure (2024, 97.02), said as before."""
    checked = _one(official, as_of)
    assert checked.verdict == "contradicted"
    assert checked.official["edition"] == 2024
    assert checked.explanations["en"].endswith(
        "Edition not stated: checked against the latest edition with this figure (2024).")


def test_a_stated_edition_is_kept_whatever_the_articles_date(official):
    claims = extract_claims("Oman scored 96.04 in the Global Cybersecurity Index 2020.", "en")
    assert check_claims(claims, official, as_of=2025)[0].official["edition"] == 2020


def test_loading_and_rechecking_use_the_articles_date(tmp_path, loaded_settings):
    """A stored 2021 article's undated claim is consistent with GCI 2020 when loaded, and stays
    so when the claims are checked again (the recheck reads the article's date)."""
    settings = store_with_official(tmp_path, loaded_settings)
    engine = store.make_engine(settings.database_url)
    frame = ingest.article_frame(pd.DataFrame([{
        "url": "https://news.example.org/oman-2021", "title": "Oman and the GCI",
        "date": "2021-07-01", "outlet": "example", "language": "en", "text": UNDATED,
        "text_kind": "full", "is_sample": False}]))

    def stored():
        claims = store.claims_frame(engine, include_samples=True, limit=None)
        return claims[claims["sentence"] == UNDATED][["verdict", "official_value"]].values.tolist()

    with engine.begin() as conn:
        ingest.load_articles(conn, frame, source_id="test", run_id=0, snapshot_sha256="0" * 64)
    assert stored() == [["consistent", 96.04]]
    with engine.begin() as conn:
        assert ingest.recheck_claims(conn, ["itu_gci"]) >= 1
    assert stored() == [["consistent", 96.04]]
    engine.dispose()
