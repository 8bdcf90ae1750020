"""Rows come in the same order from SQLite and from PostgreSQL, whatever the database's collation
(etl.store.ordering): text ids in code point order, NULLs where SQLite puts them. The PostgreSQL
test database uses a language-aware collation (ICU en-US, tests/conftest.py), as production's
en_US.utf8 does: a query ordered by the database's own rules gives another order there."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from etl import store
from etl.store.schema import articles, indicators, raw_snapshots, runs, sources

# Ordered differently by a language-aware collation and by code point ('_' against '.',
# capitals, accents, a hyphen).
OUTLETS = ["Le Matin", "Zeta", "al-Watan", "apex news", "hespress", "Élan Maroc"]


def _none_first(value: object) -> tuple[int, object]:
    return (0, "") if value is None else (1, value)


def test_statements_put_undated_and_regional_rows_first_in_code_point_order(loaded_engine):
    frame = store.statements_frame(loaded_engine)
    assert frame["edition"].isna().any() and frame["iso3"].isna().any()
    rows = [(None if pd.isna(e) else int(e), None if pd.isna(i) else i, m, u)
            for e, i, m, u in frame[["edition", "iso3", "metric", "source_url"]]
            .itertuples(index=False)]
    expected = sorted(rows, key=lambda r: (_none_first(r[0]), _none_first(r[1]), r[2], r[3]))
    assert rows == expected


def _add_source(conn) -> None:
    conn.execute(sa.insert(sources).values(
        source_id="order_test", publisher="test", title="order test", url="https://example.invalid/",
        licence="test", cadence="never", kind="bundled"))


def _add_articles(engine, outlets: list[str]) -> None:
    now = datetime(2026, 1, 2, tzinfo=UTC)
    with engine.begin() as conn:
        _add_source(conn)
        conn.execute(sa.insert(raw_snapshots).values(
            sha256="0" * 64, source_id="order_test", origin="https://example.invalid/",
            path="x", size=1, fetched_at=now))
        run_id = conn.execute(sa.insert(runs).values(
            source_id="order_test", status="succeeded", started_at=now)
            .returning(runs.c.run_id)).scalar_one()
        conn.execute(sa.insert(articles), [{
            "canonical_url": f"https://example.invalid/{i}", "url": f"https://example.invalid/{i}",
            "title": name, "outlet": name, "language": "en", "published_at": now,
            "text": name, "text_kind": "full", "content_sha256": f"{i:064d}",
            "source_id": "order_test", "is_sample": False, "snapshot_sha256": "0" * 64,
            "run_id": run_id, "ingested_at": now} for i, name in enumerate(outlets)])


def test_news_outlets_come_in_code_point_order(engine):
    _add_articles(engine, list(reversed(OUTLETS)))
    assert store.news_facets(engine)["outlets"] == sorted(OUTLETS)


def test_indicators_come_in_code_point_order(engine):
    ids = ["un_egdi.egdi", "un_egdi_live.egdi", "wb.IT.NET", "wb2017.IT.NET"]
    with engine.begin() as conn:
        _add_source(conn)
        conn.execute(sa.insert(indicators), [
            {"indicator_id": i, "source_id": "order_test", "name": i, "unit": "score",
             "scale": "0-1", "higher_is_better": True, "methodology_note": ""}
            for i in reversed(ids)])
    assert store.indicators_frame(engine)["indicator_id"].tolist() == sorted(ids)
