"""Bulk writers of the store: insert_columns stores what a Core executemany stores (types,
defaults, shared columns) and upsert_rows inserts, updates and leaves rows as one upsert per row
would; on the engine under test (SQLite or PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from etl import store

WHEN = datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=UTC)


def _volume(source_id: str) -> list[dict]:
    return [
        {"source_id": source_id, "iso3": "MAR", "date": date(2024, 5, 1), "count": 3,
         "monitored": None, "query": "q é", "snapshot_sha256": "a" * 64, "run_id": 1},
        {"source_id": source_id, "iso3": "TUN", "date": date(2024, 5, 2), "count": 0,
         "monitored": 1200, "query": "q", "snapshot_sha256": "b" * 64, "run_id": 1},
    ]


def _read(engine, table: sa.Table, where) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(table).where(where)
                                               .order_by(*table.primary_key.columns))]


@pytest.mark.parametrize(
    "table, rows_of, key",
    [
        pytest.param(store.news_volume, _volume, "source_id", id="dates-and-nulls"),
        pytest.param(store.mention_daily, lambda k: [
            {"iso3": k, "day": date(2024, 5, 1), "is_sample": True, "articles": 2},
            {"iso3": k, "day": date(2024, 5, 3), "is_sample": False, "articles": 1},
        ], "iso3", id="booleans"),
        pytest.param(store.locks, lambda k: [
            {"name": k, "owner": "o", "pid": 1, "host": "h", "acquired_at": WHEN,
             "heartbeat_at": WHEN},
        ], "name", id="aware-datetimes"),
    ],
)
def test_insert_columns_stores_what_core_executemany_stores(engine, table, rows_of, key):
    """Column lists through the driver give the same stored rows as conn.execute(insert, dicts)."""
    fast, core = rows_of("FST"), rows_of("COR")
    with engine.begin() as conn:
        inserted = store.insert_columns(conn, table, {k: [r[k] for r in fast] for k in fast[0]})
        assert inserted == len(fast)
        conn.execute(table.insert(), core)
    got = _read(engine, table, table.c[key] == "FST")
    want = _read(engine, table, table.c[key] == "COR")
    position = list(table.columns.keys()).index(key)
    strip = [tuple(v for i, v in enumerate(row) if i != position) for row in got + want]
    assert strip[: len(got)] == strip[len(got):]
    assert len(got) == len(fast)


def test_insert_columns_shares_columns_and_fills_python_defaults(engine):
    """`same` columns are given once; a column left out gets its Python default (runs.fetched)."""
    with engine.begin() as conn:
        store.insert_columns(conn, store.runs, {"source_id": ["a", "b"], "status": ["x", "y"]},
                             same={"started_at": WHEN})
    with engine.connect() as conn:
        rows = conn.execute(sa.select(store.runs.c.source_id, store.runs.c.fetched,
                                      store.runs.c.started_at)
                            .order_by(store.runs.c.source_id)).all()
    assert [(r.source_id, r.fetched) for r in rows] == [("a", 0), ("b", 0)]
    assert all(r.started_at.replace(tzinfo=UTC) == WHEN for r in rows)


def test_upsert_rows_inserts_updates_and_keeps(engine):
    """New keys are inserted, changed rows updated, the last row of a repeated key wins."""
    base = {"publisher": "p", "title": "t", "url": "u", "licence": "l", "cadence": "c",
            "kind": "bundled"}
    with engine.begin() as conn:
        store.upsert_rows(conn, store.sources, "source_id",
                          [{"source_id": "one", **base}, {"source_id": "two", **base}])
    with engine.begin() as conn:
        store.upsert_rows(conn, store.sources, "source_id", [
            {"source_id": "one", **base},  # unchanged
            {"source_id": "two", **base, "title": "first"},
            {"source_id": "two", **base, "title": "renamed"},  # last one wins
            {"source_id": "three", **base},
        ])
    with engine.connect() as conn:
        titles = dict(conn.execute(sa.select(store.sources.c.source_id, store.sources.c.title))
                      .tuples().all())
    assert titles == {"one": "t", "two": "renamed", "three": "t"}


def _values(rows: list[tuple]) -> dict[str, list]:
    """Source-value columns (no ``source_note``: a column not given is null) plus one the
    table lacks (ignored)."""
    names = ("value_key", "indicator_id", "iso3", "edition", "field", "value", "value_text")
    columns = {name: [r[i] for r in rows] for i, name in enumerate(names)}
    count = len(rows)
    return {**columns, "source_id": ["s"] * count, "source_url": ["u"] * count,
            "loaded_by": ["KEYED"] * count, "snapshot_sha256": ["a" * 64] * count,
            "not_a_column": [object()] * count}


def test_load_keyed_rows_takes_columns_inserts_updates_keeps_and_deletes(engine):
    """Rows given column by column: the first load inserts them all; the next inserts the new
    key, updates the changed row, keeps the same one and deletes the one no longer given."""
    sv = store.source_values
    scope = {"loaded_by": "KEYED"}
    first = [("k1", "i", "MAR", 2020, "f", 1.5, "1.5"), ("k2", "i", "TUN", 2020, "f", None, None),
             ("k3", "i", "DZA", 2020, "f", 2.0, "2")]
    with engine.begin() as conn:
        counts = store.load_keyed_rows(conn, sv, scope, _values(first), run_id=1)
    assert (counts.inserted, counts.updated, counts.unchanged) == (3, 0, 0)
    second = [("k1", "i", "MAR", 2020, "f", 1.5, "1.5"), ("k2", "i", "TUN", 2020, "f", 3.0, "3"),
              ("k4", "i", "EGY", 2021, "f", 4.0, "4")]
    with engine.begin() as conn:
        counts = store.load_keyed_rows(conn, sv, scope, _values(second), run_id=2)
    assert (counts.inserted, counts.updated, counts.unchanged) == (1, 1, 1)
    got = _read(engine, sv, sv.c.loaded_by == "KEYED")
    stored = sorted((r[1], r[3], r[6], r[10], r[-1]) for r in got)  # key, iso3, value, note, run
    assert stored == [("k1", "MAR", 1.5, None, 1), ("k2", "TUN", 3.0, None, 2),
                      ("k4", "EGY", 4.0, None, 2)]
    with engine.begin() as conn:
        counts = store.load_keyed_rows(conn, sv, scope, {}, run_id=3)
    assert _read(engine, sv, sv.c.loaded_by == "KEYED") == []


def _article(n: int, day: int, sample: bool = False) -> dict:
    return {"canonical_url": f"https://example.org/{n}", "url": f"https://example.org/{n}",
            "title": f"Story {n}", "outlet": "example", "language": "fr",
            "published_at": datetime(2024, 5, day, 8, tzinfo=UTC), "text": f"text {n}",
            "text_kind": "full", "content_sha256": f"{n:064d}", "source_id": "test",
            "is_sample": sample, "snapshot_sha256": "c" * 64, "run_id": 1, "ingested_at": WHEN}


def test_insert_articles_stores_each_with_its_findings_and_adds_daily_counts(engine):
    """A batch stores every article (ids in order) with its own mentions, indices and claims;
    the daily counts add one per article and country, to what an earlier batch counted."""
    def mention(iso3: str) -> dict:
        return {"iso3": iso3, "count": 2, "forms": ["Maroc", "المغرب"]}

    claim = {"sentence": "Le Maroc a obtenu 97,5.", "iso3": "MAR", "index_id": "itu_gci",
             "metric": "score", "value": 97.5, "verdict": "consistent"}
    with engine.begin() as conn:
        [first] = store.insert_articles(conn, [(_article(1, 1), [mention("MAR")], [], [])])
        ids = store.insert_articles(conn, [
            (_article(2, 1), [mention("MAR"), mention("OMN")],
             [{"id": "itu_gci", "count": 1}], [claim]),
            (_article(3, 1), [mention("MAR")], [], []),
            (_article(4, 2, sample=True), [mention("MAR")], [], []),
            (_article(5, 2), [], [], []),
        ])
    assert ids == sorted(ids) and first < ids[0] and len(set(ids)) == 4
    with engine.connect() as conn:
        stored = {r.canonical_url: (r.article_id, r.n_claims) for r in conn.execute(
            sa.select(store.articles.c.canonical_url, store.articles.c.article_id,
                      store.articles.c.n_claims))}
        mentions = sorted((r.article_id, r.iso3) for r in conn.execute(
            sa.select(store.article_mentions.c.article_id, store.article_mentions.c.iso3)))
        indexed = [tuple(r) for r in conn.execute(
            sa.select(store.article_indices.c.article_id, store.article_indices.c.index_id))]
        claimed = [tuple(r) for r in conn.execute(
            sa.select(store.claims.c.article_id, store.claims.c.value))]
    assert [stored[f"https://example.org/{n}"] for n in range(1, 6)] == [
        (first, 0), (ids[0], 1), (ids[1], 0), (ids[2], 0), (ids[3], 0)]
    assert mentions == sorted([(first, "MAR"), (ids[0], "MAR"), (ids[0], "OMN"),
                               (ids[1], "MAR"), (ids[2], "MAR")])
    assert indexed == [(ids[0], "itu_gci")] and claimed == [(ids[0], 97.5)]
    assert _read(engine, store.mention_daily, sa.true()) == [
        ("MAR", date(2024, 5, 1), False, 3), ("MAR", date(2024, 5, 2), True, 1),
        ("OMN", date(2024, 5, 1), False, 1)]
