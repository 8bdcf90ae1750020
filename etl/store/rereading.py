"""Reading stored articles again (:mod:`etl.news.reread`): the articles read by other rules,
what is stored of them (mentions, indices, claims), and their findings replaced, the daily
counts of ``mention_daily`` moved with their countries. Portable SQL, as everywhere here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from etl.store.news import FindingRows, _add_daily_counts, _utc, forms_json
from etl.store.schema import article_indices, article_mentions, articles, claims, mention_daily
from etl.store.writers import _chunks, _clean

# What a claim row holds besides its ids (what is compared, and written again).
CLAIM_FIELDS = ("sentence", "iso3", "index_id", "metric", "value", "edition", "verdict",
                "official_value", "official_text", "official_source", "official_source_url",
                "explanation", "explanation_en", "explanations")


def _read_otherwise(rules: str, everything: bool) -> sa.ColumnElement[bool]:
    if everything:
        return sa.true()
    # Two ranges and NULL rather than "!=": each an index range (ix_articles_read_with), empty
    # when every article is read by ``rules``, where "!=" scans every row.
    read_with = articles.c.read_with
    return sa.or_(read_with.is_(None), read_with < rules, read_with > rules)


def count_read_otherwise(conn: Connection, rules: str) -> int:
    """How many stored articles were read by rules other than ``rules`` (or by unknown ones)."""
    query = sa.select(sa.func.count()).select_from(articles).where(_read_otherwise(rules, False))
    return int(conn.execute(query).scalar() or 0)


def articles_read_otherwise(conn: Connection, rules: str, *, after_id: int = 0,
                            limit: int = 500, everything: bool = False) -> list[dict[str, Any]]:
    """The next ``limit`` articles (by id, after ``after_id``) read by rules other than
    ``rules`` (every article when ``everything``): what reading them needs."""
    query = (sa.select(articles.c.article_id, articles.c.title, articles.c.text,
                       articles.c.language, articles.c.published_at, articles.c.is_sample)
             .where(articles.c.article_id > after_id)
             .where(_read_otherwise(rules, everything))
             .order_by(articles.c.article_id).limit(limit))
    return [dict(row._mapping) for row in conn.execute(query)]


def stored_findings(conn: Connection, article_ids: Sequence[int]) -> dict[int, tuple]:
    """Per article: its mentions {iso3: (count, forms)}, indices {index_id: count} and claims
    (a sorted list of :data:`CLAIM_FIELDS` tuples), as stored."""
    found: dict[int, tuple] = {int(i): ({}, {}, []) for i in article_ids}
    for chunk in _chunks(list(found)):
        for r in conn.execute(sa.select(article_mentions.c.article_id, article_mentions.c.iso3,
                                        article_mentions.c.count, article_mentions.c.forms)
                              .where(article_mentions.c.article_id.in_(chunk))):
            # (r.count would be typed as the tuple's count method: the column by its name)
            found[r.article_id][0][r.iso3] = (int(r._mapping["count"]), str(r.forms))
        for r in conn.execute(sa.select(article_indices).where(
                article_indices.c.article_id.in_(chunk))):
            found[r.article_id][1][r.index_id] = int(r._mapping["count"])
        columns = [claims.c[f] for f in CLAIM_FIELDS]
        for r in conn.execute(sa.select(claims.c.article_id, *columns)
                              .where(claims.c.article_id.in_(chunk))):
            found[r.article_id][2].append(tuple(_comparable(v) for v in r[1:]))
    for _, _, claim_rows in found.values():
        claim_rows.sort(key=repr)
    return found


def findings_as_stored(mentions: Sequence[dict], indices: Sequence[dict],
                       checked: Sequence[dict]) -> tuple:
    """Findings as :func:`stored_findings` gives them back once written: to compare."""
    return (
        {m["iso3"]: (int(m["count"]), forms_json(m)) for m in mentions},
        {i["id"]: int(i["count"]) for i in indices},
        sorted((tuple(_comparable(_clean(c.get(f))) for f in CLAIM_FIELDS) for c in checked),
               key=repr),
    )


def _comparable(value: Any) -> Any:
    """Numbers as floats (an edition read back as 2020 or 2020.0, a value as 50 or 50.0)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return float(value)
    return value


Reread = tuple[dict[str, Any], Sequence[dict], Sequence[dict], Sequence[dict], set[str]]


def replace_findings(conn: Connection, changed: Sequence[Reread]) -> None:
    """Replace what is stored of these articles by what was read again: each given as (its
    row: article_id, published_at, language, is_sample; its mentions, indices and checked
    claims as :func:`etl.store.insert_articles` takes them; the countries stored for it
    before). Its claim count follows, and ``mention_daily`` loses a day's article for each
    country it no longer names and gains one for each it names now."""
    if not changed:
        return
    ids = [int(row["article_id"]) for row, *_ in changed]
    for table in (article_mentions, article_indices, claims):
        for chunk in _chunks(ids):
            conn.execute(table.delete().where(table.c.article_id.in_(chunk)))
    findings = FindingRows()
    counts = []
    daily: Counter[tuple[str, Any, bool]] = Counter()
    for row, mentions, indices, checked, before in changed:
        article_id, published = int(row["article_id"]), _utc(row["published_at"])
        findings.add(article_id, {**row, "published_at": published}, mentions, indices, checked)
        counts.append({"k_id": article_id, "n": len(checked)})
        now, key = {m["iso3"] for m in mentions}, (published.date(), bool(row["is_sample"]))
        daily.update((iso3, *key) for iso3 in now - before)
        daily.subtract((iso3, *key) for iso3 in before - now)
    findings.insert(conn)
    conn.execute(articles.update().where(articles.c.article_id == sa.bindparam("k_id"))
                 .values(n_claims=sa.bindparam("n")), counts)
    _add_daily_counts(conn, Counter({k: n for k, n in daily.items() if n > 0}))
    _remove_daily_counts(conn, Counter({k: -n for k, n in daily.items() if n < 0}))


def _remove_daily_counts(conn: Connection, removed: Counter[tuple[str, Any, bool]]) -> None:
    """Take articles off ``mention_daily``; a count that reaches nought is deleted (as a store
    loaded afresh would not have it)."""
    if not removed:
        return
    md = mention_daily
    key = ((md.c.iso3 == sa.bindparam("k_iso3")) & (md.c.day == sa.bindparam("k_day"))
           & (md.c.is_sample == sa.bindparam("k_sample")))
    rows = [{"k_iso3": iso3, "k_day": day, "k_sample": sample, "n": n}
            for (iso3, day, sample), n in sorted(removed.items())]
    conn.execute(md.update().where(key).values(articles=md.c.articles - sa.bindparam("n")), rows)
    conn.execute(md.delete().where(md.c.articles <= 0))


def mark_read_with(conn: Connection, article_ids: Sequence[int], rules: str) -> None:
    """Record that ``rules`` read these articles."""
    for chunk in _chunks([int(i) for i in article_ids]):
        conn.execute(articles.update().where(articles.c.article_id.in_(chunk))
                     .values(read_with=rules))

