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


# The undated figures of one sentence about one country in one index: one edition for all.

NCSI_ROWS = pd.DataFrame(
    [
        # The 2022 country page gives a rank and a score; the 2025 relaunch ranks only.
        {"indicator": "ncsi.score", "iso3": "MAR", "edition": 2022, "value": 70.13, "rank": 32,
         "source": "NCSI snapshot: country-page version 2022-02-23"},
        {"indicator": "ncsi.score", "iso3": "MAR", "edition": 2025, "value": None, "rank": 25,
         "source": "NCSI snapshot: 2025 relaunch, 61 countries listed"},
        {"indicator": "ncsi.score", "iso3": "OMN", "edition": 2025, "value": None, "rank": 30,
         "source": "NCSI snapshot: 2025 relaunch, 61 countries listed"},
    ]
)


def _checked(text, official, as_of=None):
    claims = extract_claims(text, "en")
    assert {c.edition for c in claims} == {None}
    return check_claims(claims, official, as_of=as_of)


def test_one_sentence_is_held_against_the_latest_edition_giving_all_its_figures():
    """en35: "ranked 32nd ... with a score of 70.13" is the 2022 page: both figures against
    2022 (the latest edition with a rank and a score), not the rank against the 2025 relaunch
    and the score against 2022; the explanation says which edition and why."""
    checked = _checked(
        "Morocco ranked 32nd in the National Cyber Security Index with a score of 70.13.",
        NCSI_ROWS)
    assert [(c.claim.metric, c.verdict, c.official["edition"]) for c in checked] == [
        ("rank", "consistent", 2022), ("score", "consistent", 2022)]
    for c in checked:
        assert c.explanations["en"].endswith(
            "Edition not stated: checked against the latest edition with all the figures of the "
            "sentence (2022).")
        assert "tous les chiffres de la phrase (2022)" in c.explanations["fr"]
        assert "كل أرقام الجملة (2022)" in c.explanations["ar"]


def test_one_sentence_one_edition_up_to_the_articles_year(official):
    """GCI: a score and a rank are both given up to 2020 (2024 gives no ranks): 2020, not the
    score against 2024; a 2019 article's sentence against 2018, said with the article's year."""
    text = "Morocco scored 82.41 and ranked 50th in the Global Cybersecurity Index."
    assert [(c.verdict, c.official["edition"]) for c in _checked(text, official)] == [
        ("consistent", 2020), ("consistent", 2020)]
    dated = _checked(text, official, as_of=2019)
    assert [c.official["edition"] for c in dated] == [2018, 2018]
    assert dated[0].explanations["en"].endswith(
        "all the figures of the sentence up to the article's year, 2019 (2018).")


def test_figures_no_edition_gives_together_keep_their_own_latest(official):
    """A rank (up to 2020) and a tier (2024 on): no edition gives both, so each is held
    against the latest edition giving it, said as for a lone figure."""
    checked = _checked("Morocco ranked 50th and is in tier 2 of the Global Cybersecurity Index.",
                       official)
    assert [(c.claim.metric, c.official["edition"]) for c in checked] == [
        ("rank", 2020), ("tier", 2024)]
    assert all(c.explanations["en"].endswith(f"with this figure ({c.official['edition']}).")
               for c in checked)


def test_other_countries_figures_keep_their_own_edition(official):
    """One edition per country: Oman's undated score is not tied to Morocco's rank."""
    checked = _checked(
        "Morocco ranked 50th and Oman scored 97.02 in the Global Cybersecurity Index.", official)
    assert [(c.claim.iso3, c.verdict, c.official["edition"]) for c in checked] == [
        ("MAR", "consistent", 2020), ("OMN", "consistent", 2024)]


def test_a_rank_in_a_region_no_data_ranks_does_not_choose_the_edition(official):
    """ "21st globally and first in the Middle East": the regional rank gives no edition
    anything (unverifiable): the world rank alone is held against its latest edition."""
    world, region = _checked(
        "Oman ranked 21st globally and first in the Middle East in the Global Cybersecurity "
        "Index.", official)
    assert (world.verdict, world.official["edition"]) == ("consistent", 2020)
    assert world.explanations["en"].endswith("with this figure (2020).")
    assert (region.claim.scope, region.verdict) == ("middle_east", "unverifiable")
