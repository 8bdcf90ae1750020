"""The mention volume counts what the article list lists: the same filter (languages, outlets,
claims, verdicts, samples, dates), per country named and UTC day, on SQLite and PostgreSQL;
GDELT's timeline, which such a filter cannot narrow, is left out under it."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from etl import store
from etl.news import ingest
from tests.etl.news_support import store_with_official

COUNTRIES = ["MAR", "OMN"]
FILTERS = [
    pytest.param({"languages": ["ar"]}, id="arabic"),
    pytest.param({"languages": ["ar"], "has_claim": True}, id="arabic-with-claims"),
    pytest.param({"languages": ["fr", "en"]}, id="two-languages"),
    pytest.param({"has_claim": False}, id="without-claims"),
    pytest.param({"verdicts": ["contradicted"]}, id="contradicted"),
    pytest.param({"verdicts": ["consistent", "unverifiable"], "languages": ["en"]},
                 id="verdicts-and-language"),
    pytest.param({"outlets": ["cyberindex samples"], "has_claim": True}, id="outlet-claims"),
    pytest.param({"outlets": ["nobody"]}, id="unknown-outlet"),
    pytest.param({"languages": ["ar"], "since": "2024-01-01", "until": "2025-12-31"},
                 id="arabic-dates"),
]


def listed_per_day(engine, filters: dict) -> Counter:
    """(iso3, UTC day) -> the listed articles naming that country that day."""
    frame = store.articles_frame(engine, iso3s=COUNTRIES, include_samples=True, limit=None,
                                 **filters)
    counts: Counter = Counter()
    for published, named in zip(frame["published_at"], frame["countries"], strict=True):
        day = pd.Timestamp(published).tz_convert("UTC").normalize().tz_localize(None)
        counts.update((iso3, day) for iso3 in named if iso3 in COUNTRIES)
    return counts


def charted_per_day(engine, filters: dict) -> Counter:
    volume = store.mention_volume_frame(engine, COUNTRIES, "day", include_samples=True,
                                        **filters)
    volume = volume[volume["source_id"] == "articles"]
    return Counter({(r.iso3, pd.Timestamp(r.period)): r.count for r in volume.itertuples()})


@pytest.mark.parametrize("filters", FILTERS)
def test_the_volume_counts_the_listed_articles(loaded_engine, filters):
    """Per country and day, the chart counts the articles the list shows for the filter."""
    listed = listed_per_day(loaded_engine, filters)
    assert charted_per_day(loaded_engine, filters) == listed
    if filters.get("languages") == ["ar"] and filters.get("has_claim"):
        assert sum(listed.values()) == 4  # the 3 Arabic articles with claims, one names both


@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_every_language_counts_as_the_daily_counts(loaded_engine, freq):
    """Counting in the mentions (every language asked for) gives the daily counts kept at
    load, period by period: the same days, in UTC."""
    languages = store.news_facets(loaded_engine, include_samples=True)["languages"]
    kept = store.mention_volume_frame(loaded_engine, COUNTRIES, freq, include_samples=True)
    counted = store.mention_volume_frame(loaded_engine, COUNTRIES, freq, include_samples=True,
                                         languages=languages)
    assert len(kept) > 3
    pd.testing.assert_frame_equal(counted, kept)


@pytest.fixture
def store_copy(tmp_path, loaded_settings):
    """A writable copy of the loaded store, its engine's sessions in a time zone far from UTC
    on PostgreSQL (a day must still be the UTC day, as the daily counts have it)."""
    settings = store_with_official(tmp_path, loaded_settings)
    url = sa.engine.make_url(settings.database_url)
    if url.get_backend_name() == "postgresql":  # the store's schema kept on the search path
        options = f"{url.query.get('options', '')} -ctimezone=Pacific/Pago_Pago".strip()
        url = url.update_query_dict({"options": options})
    engine = store.make_engine(url.render_as_string(hide_password=False))
    yield engine
    engine.dispose()


def test_a_day_is_the_utc_day(store_copy):
    """An article published at 23:30 on 31 March in UTC-2 (1 April, 01:30 UTC) counts on
    1 April under a language filter, as in the daily counts."""
    frame = ingest.article_frame(pd.DataFrame([{
        "url": "https://example.org/late", "title": "Le Maroc et la cybersécurité",
        "date": "2024-03-31T23:30:00-02:00", "outlet": "example", "language": "fr",
        "text": "Le Maroc renforce sa stratégie nationale.", "text_kind": "full",
        "is_sample": False}]))
    with store_copy.begin() as conn:
        ingest.load_articles(conn, frame, source_id="test", run_id=0, snapshot_sha256="0" * 64)
    kept = store.mention_volume_frame(store_copy, ["MAR"], "day")
    counted = store.mention_volume_frame(store_copy, ["MAR"], "day", languages=["fr"])
    assert kept["period"].tolist() == counted["period"].tolist() == [pd.Timestamp("2024-04-01")]


def test_gdelt_is_left_out_of_a_narrowed_volume(store_copy):
    """GDELT's counts stay beside the stored articles' unless the filter narrows the articles
    by language, outlet, claims or verdict (which GDELT's timeline cannot follow)."""
    with store_copy.begin() as conn:
        store.load_news_volume(conn, "gdelt_doc", [{
            "iso3": "MAR", "date": date(2024, 9, 9), "count": 5, "monitored": 1000,
            "query": "Morocco", "snapshot_sha256": "0" * 64}], run_id=0)
    plain = store.mention_volume_frame(store_copy, ["MAR"], "week", include_samples=True)
    assert set(plain["source_id"]) == {"articles", "gdelt_doc"}
    for narrowed in ({"languages": ["fr"]}, {"outlets": ["cyberindex samples"]},
                     {"has_claim": True}, {"verdicts": ["consistent"]}):
        volume = store.mention_volume_frame(store_copy, ["MAR"], "week", include_samples=True,
                                            **narrowed)
        assert set(volume["source_id"]) == {"articles"}, narrowed
    dated = store.mention_volume_frame(store_copy, ["MAR"], "week", include_samples=True,
                                       since="2024-09-01", until="2024-09-30")
    assert "gdelt_doc" in set(dated["source_id"])
