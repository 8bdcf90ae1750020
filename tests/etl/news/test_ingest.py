"""News ingestion: canonical URLs, UTC dates, de-duplication, and sample claims checked via the store."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from etl import store
from etl.news import ingest, reading
from tests.etl.news_support import run, store_with_official


@pytest.mark.parametrize(("url", "expected"), [
    pytest.param("HTTPS://News.Example.COM/a/b/?utm_source=x&id=3#top",
                 "https://news.example.com/a/b?id=3", id="host-utm-fragment-slash"),
    pytest.param("https://example.org:443/x?utm_medium=rss&utm_campaign=y",
                 "https://example.org/x", id="default-port-only-utm"),
    pytest.param("http://example.org:8080/x/", "http://example.org:8080/x", id="other-port"),
])
def test_canonical_url(url, expected):
    """Tracking parameters, fragments, trailing slashes and host case do not make a new article."""
    assert ingest.canonical_url(url) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    pytest.param("2021-07-01T09:00:00+04:00", "2021-07-01 05:00:00+00:00", id="iso-offset"),
    pytest.param("Fri, 13 Sep 2024 10:30:00 +0200", "2024-09-13 08:30:00+00:00", id="rfc822"),
    pytest.param("20251127T120000Z", "2025-11-27 12:00:00+00:00", id="gdelt"),
    pytest.param("2021-07-02", "2021-07-02 00:00:00+00:00", id="date-only-is-utc"),
    pytest.param("not a date", "None", id="unreadable"),
    pytest.param("2021-07-01 09:00:00.5Z", "2021-07-01 09:00:00.500000+00:00", id="iso-fraction"),
    # What pandas alone read as dates no one wrote: the year 234, 2035, today at 10:00.
    pytest.param("1,234", "None", id="a-number-is-no-year"),
    pytest.param("\u0663\u0665", "None", id="arabic-indic-35"),
    pytest.param("10am", "None", id="a-time-alone"),
    pytest.param("2021-13-45", "None", id="no-such-day"),
])
def test_dates_normalised_to_utc(raw, expected):
    """Every published date is stored in UTC."""
    assert str(ingest.to_utc(raw)) == expected


def test_language_detected_when_missing():
    """A missing language is detected from the text (Arabic, French, English)."""
    assert ingest.language_code(None, "حصل المغرب على 97.5 نقطة في المؤشر") == "ar"
    assert ingest.language_code("", "Le Maroc est dans le groupe des pays les plus avancés") == "fr"
    assert ingest.language_code("English") == "en"


def test_content_hash_ignores_case_and_spacing():
    """The same story re-published with other spacing has the same content hash."""
    assert ingest.content_sha256("Title", "A  b\nc") == ingest.content_sha256("title", "a b c")


def test_reingesting_adds_nothing(tmp_path, loaded_settings):
    """A second run of the same folder inserts no article, mention or claim."""
    settings = store_with_official(tmp_path, loaded_settings)
    engine = store.make_engine(settings.database_url)
    before = len(store.claims_frame(engine, include_samples=True, limit=None))
    result = run("news_files", settings)
    assert result.status == "succeeded" and result.counts["inserted"] == 0
    assert result.counts["unchanged"] == 11
    assert len(store.claims_frame(engine, include_samples=True, limit=None)) == before
    engine.dispose()


def test_same_story_under_another_url_is_skipped(tmp_path, loaded_settings):
    """An article whose content hash is stored is not stored again under a new URL."""
    settings = store_with_official(tmp_path, loaded_settings)
    engine = store.make_engine(settings.database_url)
    stored = store.articles_frame(engine, include_samples=True, limit=1).iloc[0]
    frame = ingest.article_frame(pd.DataFrame([{
        "url": "https://mirror.example.net/copy", "title": stored["title"], "date": "2025-01-01",
        "outlet": "mirror", "language": stored["language"], "text": stored["text"],
        "text_kind": "full", "is_sample": False}]))
    with engine.begin() as conn:
        counts = ingest.load_articles(conn, frame, source_id="test", run_id=0,
                                      snapshot_sha256="0" * 64)
    assert counts.inserted == 0 and counts.unchanged == 1
    engine.dispose()


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_sample_claims_get_each_verdict(loaded_engine, language):
    """The samples loaded by `etl run --all` hold a consistent, a contradicted and an
    unverifiable claim in each language, checked against the store's official data."""
    claims = store.claims_frame(loaded_engine, languages=[language], include_samples=True,
                                limit=None)
    assert {"consistent", "contradicted", "unverifiable"} <= set(claims["verdict"])
    contradicted = claims[(claims["verdict"] == "contradicted") & (claims["metric"] == "score")]
    assert 82.41 in contradicted["official_value"].tolist()  # Morocco 2020, not Malta's 83.65
    assert contradicted["official_source_url"].str.startswith("http").all()
    assert claims["explanation_en"].notna().all()
    for row in claims.itertuples():  # stored in every language, the article's one included
        said = json.loads(row.explanations)
        assert set(said) == {"en", "fr", "ar"}
        assert said[language] == row.explanation and said["en"] == row.explanation_en


def test_samples_excluded_from_news_statistics(loaded_engine):
    """Synthetic samples are left out of articles, claims and volume unless asked for."""
    assert store.articles_count(loaded_engine) == 0
    assert store.articles_count(loaded_engine, include_samples=True) == 11
    assert store.claims_frame(loaded_engine).empty
    assert store.mention_volume_frame(loaded_engine, ["MAR"]).empty
    assert store.mention_volume_frame(loaded_engine, ["MAR"], include_samples=True)["count"].sum()


@pytest.mark.parametrize(("filters", "expected"), [
    pytest.param({"iso3s": ["JOR"]}, 2, id="country-jordan-amman"),
    pytest.param({"languages": ["fr"]}, 3, id="language"),
    pytest.param({"verdicts": ["contradicted"]}, 3, id="verdict"),
    pytest.param({"has_claim": False}, 2, id="without-claims"),
    pytest.param({"since": "2024-01-01", "until": "2024-12-31"}, 3, id="date-range"),
    pytest.param({"iso3s": ["OMN"], "languages": ["ar"]}, 2, id="country-and-language"),
])
def test_article_filters(loaded_engine, filters, expected):
    """The News page's filters select the expected sample articles."""
    assert store.articles_count(loaded_engine, include_samples=True, **filters) == expected
    frame = store.articles_frame(loaded_engine, include_samples=True, **filters)
    assert len(frame) == expected
    assert frame["published_at"].is_monotonic_decreasing


def test_official_rows_read_per_indicator_give_the_full_read_verdicts(loaded_engine):
    """Every sample article analysed against the rows of its claims' indicators only
    (:class:`reading.OfficialRows`) gets the claims and verdicts of the full official read."""
    full = reading.official_rows_of(loaded_engine)
    lazy = reading.OfficialRows(loaded_engine)
    articles = store.articles_frame(loaded_engine, include_samples=True, limit=None)
    checked = 0
    for row in articles.to_dict("records"):
        body = f"{row['title']}\n\n{row['text']}" if row["text"] else row["title"]
        expected = reading.analyse(body, row["language"], full)
        assert reading.analyse(body, row["language"], lazy) == expected
        checked += sum(c["verdict"] is not None for c in expected.claims)
    assert checked == 24  # the samples' claims, all checked
    assert set(lazy._rows) < set(full["indicator"])  # not every indicator was read


def test_claims_unchecked_when_the_store_holds_no_official_rows(engine):
    """With no observation at all, claims are stored without a verdict (as before)."""
    store.init_schema(engine)
    text = "Morocco scored 97.5 in the ITU Global Cybersecurity Index 2020."
    analysis = reading.analyse(text, "en", reading.OfficialRows(engine))
    assert analysis.claims and all(c["verdict"] is None for c in analysis.claims)


CLAIM_TEXTS = [
    "Morocco scored 97.5 in the ITU Global Cybersecurity Index 2020.",
    "Oman ranked 4th in the National Cyber Security Index.",
    "Morocco scored 18.4 on the legal pillar of the Global Cybersecurity Index 2020.",
    "Morocco ranked 90th in the UN E-Government Development Index 2022.",
    "Tunisia scored 71.4 in the National Cyber Security Index.",
    "Morocco scored 82.41 in the Global Cybersecurity Index 2020.",
]


def test_a_load_reads_the_official_rows_once(tmp_path, loaded_settings, monkeypatch):
    """A load whose articles' claims name four indicators reads the official rows in one
    query, and stores each article with the analysis it gets against every official row."""
    from etl import export

    settings = store_with_official(tmp_path, loaded_settings)
    engine = store.make_engine(settings.database_url)
    frame = ingest.article_frame(pd.DataFrame([
        {"url": f"https://example.org/once/{i}", "title": f"Story {i}", "date": "2025-01-02",
         "outlet": "example", "language": "en", "text": text, "text_kind": "full",
         "is_sample": False} for i, text in enumerate(CLAIM_TEXTS)]))
    reads, stored = [], []
    read_rows, insert_articles = export.indicator_rows, store.insert_articles
    monkeypatch.setattr(export, "indicator_rows",
                        lambda eng, ids: reads.append(list(ids)) or read_rows(eng, ids))
    monkeypatch.setattr(store, "insert_articles",
                        lambda conn, found: stored.extend(f[1:] for f in found)
                        or insert_articles(conn, found))
    with engine.begin() as conn:
        counts = ingest.load_articles(conn, frame, source_id="test", run_id=0,
                                      snapshot_sha256="0" * 64)
    assert counts.inserted == len(CLAIM_TEXTS)
    assert len(reads) == 1 and len(reads[0]) == 4
    monkeypatch.undo()
    full = reading.official_rows_of(engine)
    for (mentions, indices, claims), row in zip(stored, frame.to_dict("records"), strict=True):
        expected = reading.analyse(f"{row['title']}\n\n{row['text']}", "en", full)
        assert (mentions, indices, claims) == (expected.mentions, expected.indices,
                                               expected.claims)
    verdicts = {c["verdict"] for _, _, claims in stored for c in claims}
    assert verdicts >= {"consistent", "contradicted"}
    engine.dispose()


def test_a_release_checks_the_claims_about_its_index_again(tmp_path):
    """Morocco's GCI 2024 score of 97.5, quoted by the samples, is consistent; a release that
    corrects it to 90 checks those claims again: contradicted, the official figure 90, in every
    language; claims about other indices and the articles themselves are untouched."""
    from etl import pipeline
    from tests.etl.refresh_support import edit_gci, morocco_drops_to_tier_2, published_copy

    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    try:
        [news] = pipeline.run_sources(["news_files"], settings, engine)
        assert news.status == "succeeded"

        def morocco_2024_scores():
            claims = store.claims_frame(engine, include_samples=True, limit=None)
            return claims[(claims["iso3"] == "MAR") & (claims["index_id"] == "itu_gci")
                          & (claims["edition"] == 2024) & (claims["metric"] == "score")
                          & (claims["value"] == 97.5)]

        before = morocco_2024_scores()
        assert len(before) >= 2 and set(before["verdict"]) == {"consistent"}
        others = store.claims_frame(engine, include_samples=True, limit=None)
        others = others[others["index_id"] != "itu_gci"].drop(columns="claim_id")
        articles = store.articles_frame(engine, include_samples=True, limit=None)

        edit_gci(settings, morocco_drops_to_tier_2)
        [gci] = pipeline.run_sources(["itu_gci"], settings, engine)
        assert gci.status == "succeeded" and gci.release_id == 2

        after = morocco_2024_scores()
        assert len(after) == len(before) and set(after["verdict"]) == {"contradicted"}
        assert set(after["official_value"]) == {90.0}
        for row in after.itertuples():
            said = json.loads(row.explanations)
            assert "90" in said["en"] and "90" in said["fr"] and "90" in said["ar"]
        kept = store.claims_frame(engine, include_samples=True, limit=None)
        kept = kept[kept["index_id"] != "itu_gci"].drop(columns="claim_id")
        assert kept.sort_values("sentence").reset_index(drop=True).equals(
            others.sort_values("sentence").reset_index(drop=True))
        assert store.articles_frame(engine, include_samples=True, limit=None).equals(articles)
    finally:
        engine.dispose()
