"""News (issue 5): storing articles with their mentions, indices and checked claims, GDELT
mention volume, and the News page's readers (``ArticleFilter``, articles, counts, claims, facets,
volume per period). Why the queries read ``article_mentions`` and ``mention_daily``: see the
news tables in :mod:`etl.store.schema`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from etl.store.ordering import text_ascending
from etl.store.readers import read_frame
from etl.store.schema import (
    LoadCounts,
    article_indices,
    article_mentions,
    articles,
    claims,
    mention_daily,
    news_volume,
)
from etl.store.writers import _chunks, _clean, _row_dicts, _same, insert_rows

VERDICTS = ("consistent", "contradicted", "unverifiable")


def known_article_keys(conn: Connection, canonical_urls: Sequence[str],
                       content_hashes: Sequence[str]) -> tuple[set[str], set[str]]:
    """Which of these canonical URLs and content hashes are already stored."""
    urls: set[str] = set()
    hashes: set[str] = set()
    for chunk in _chunks(list(canonical_urls)):
        urls |= {u for (u,) in conn.execute(
            sa.select(articles.c.canonical_url).where(articles.c.canonical_url.in_(chunk)))}
    for chunk in _chunks(list(content_hashes)):
        hashes |= {h for (h,) in conn.execute(
            sa.select(articles.c.content_sha256).where(articles.c.content_sha256.in_(chunk)))}
    return urls, hashes


ArticleFindings = tuple[dict[str, Any], Sequence[dict[str, Any]], Sequence[dict[str, Any]],
                        Sequence[dict[str, Any]]]


def insert_articles(conn: Connection, found: Sequence[ArticleFindings]) -> list[int]:
    """Store new articles, each with its mentions, indices and checked claims (``found``: one
    (article, mentions, indices, claims) per article, the articles' rows sharing their keys),
    and add them to the daily counts. Their ids, in order.

    One INSERT per table for the whole batch, and one update or insert per (country, day)
    count, not a round trip per article and country. The caller has checked that no article's
    canonical URL or content hash is stored (and holds the refresh lock: counts are read, then
    written).
    """
    if not found:
        return []
    rows = [{**{k: _clean(v) for k, v in article.items()}, "n_claims": len(checked)}
            for article, _, _, checked in found]
    ids = [int(i) for i in conn.execute(
        articles.insert().returning(articles.c.article_id, sort_by_parameter_order=True),
        rows).scalars()]
    findings = FindingRows()
    daily: Counter[tuple[str, Any, bool]] = Counter()
    for article_id, row, (_, mentions, indices, checked) in zip(ids, rows, found, strict=True):
        findings.add(article_id, row, mentions, indices, checked)
        day = pd.Timestamp(row["published_at"]).date()
        daily.update((iso3, day, bool(row["is_sample"]))
                     for iso3 in {m["iso3"] for m in mentions})
    findings.insert(conn)
    _add_daily_counts(conn, daily)
    return ids


def forms_json(mention: dict[str, Any]) -> str:
    """A mention's surface forms as ``article_mentions.forms`` stores them (a JSON list)."""
    return json.dumps(list(mention.get("forms") or []), ensure_ascii=False)


class FindingRows:
    """The rows of ``article_mentions``, ``article_indices`` and ``claims`` for a batch of
    articles, inserted in one statement per table."""

    def __init__(self) -> None:
        self.mentions: list[dict[str, Any]] = []
        self.indices: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []

    def add(self, article_id: int, article: dict[str, Any], mentions: Sequence[dict],
            indices: Sequence[dict], checked: Sequence[dict]) -> None:
        """An article's findings; ``article`` gives the columns its mentions copy (published_at,
        language, is_sample)."""
        copied = {"published_at": article["published_at"], "language": article["language"],
                  "is_sample": bool(article["is_sample"])}
        self.mentions += [
            {"article_id": article_id, "iso3": m["iso3"], "count": int(m["count"]),
             "forms": forms_json(m), **copied}
            for m in mentions]
        self.indices += [{"article_id": article_id, "index_id": i["id"],
                          "count": int(i["count"])} for i in indices]
        self.claims += [{**{k: _clean(v) for k, v in c.items()}, "article_id": article_id}
                        for c in checked]

    def insert(self, conn: Connection) -> None:
        for table, rows in ((article_mentions, self.mentions), (article_indices, self.indices),
                            (claims, self.claims)):
            if rows:
                conn.execute(table.insert(), rows)


def _add_daily_counts(conn: Connection, added: Counter[tuple[str, Any, bool]]) -> None:
    """Add articles to ``mention_daily`` by (iso3, day, is_sample): the counts that exist are
    read in one query, then raised in one batch and the new ones inserted in another."""
    if not added:
        return
    md = mention_daily
    days = sorted({day for _, day, _ in added})
    existing: set[tuple[str, Any, bool]] = set()
    for chunk in _chunks(days):
        existing |= {(r.iso3, r.day, bool(r.is_sample)) for r in conn.execute(
            sa.select(md.c.iso3, md.c.day, md.c.is_sample).where(md.c.day.in_(chunk)))}
    raised = [{"k_iso3": iso3, "k_day": day, "k_sample": sample, "n": n}
              for (iso3, day, sample), n in sorted(added.items()) if (iso3, day, sample) in existing]
    if raised:
        conn.execute(
            md.update()
            .where(md.c.iso3 == sa.bindparam("k_iso3"))
            .where(md.c.day == sa.bindparam("k_day"))
            .where(md.c.is_sample == sa.bindparam("k_sample"))
            .values(articles=md.c.articles + sa.bindparam("n")),
            raised)
    new = [{"iso3": iso3, "day": day, "is_sample": sample, "articles": n}
           for (iso3, day, sample), n in sorted(added.items())
           if (iso3, day, sample) not in existing]
    if new:
        conn.execute(md.insert(), new)


def claimed_articles(conn: Connection, index_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The articles (id, title, text, language, publication date) holding a claim about one of
    the indices."""
    claimed = (sa.select(claims.c.article_id)
               .where(claims.c.index_id.in_(list(index_ids))).distinct())
    query = (sa.select(articles.c.article_id, articles.c.title, articles.c.text,
                       articles.c.language, articles.c.published_at)
             .where(articles.c.article_id.in_(claimed)).order_by(articles.c.article_id))
    return [dict(row._mapping) for row in conn.execute(query)]


def replace_claims(conn: Connection, article_id: int, checked: Sequence[dict[str, Any]]) -> None:
    """An article's claims checked again: its old rows replaced by these, its count updated."""
    conn.execute(claims.delete().where(claims.c.article_id == article_id))
    if checked:
        conn.execute(claims.insert(), [
            {**{k: _clean(v) for k, v in c.items()}, "article_id": article_id} for c in checked
        ])
    conn.execute(articles.update().where(articles.c.article_id == article_id)
                 .values(n_claims=len(checked)))


def load_news_volume(conn: Connection, source_id: str, rows: Sequence[dict[str, Any]],
                     run_id: int) -> LoadCounts:
    """Upsert mention-volume points by (source, country, day); identical points left alone."""
    if not rows:
        return LoadCounts()
    nv = news_volume
    iso3s = sorted({r["iso3"] for r in rows})
    existing = {(r["iso3"], r["date"]): r for r in _row_dicts(
        conn, sa.select(nv).where(nv.c.source_id == source_id).where(nv.c.iso3.in_(iso3s)))}
    inserts, updates, unchanged = [], [], 0
    for record in rows:
        row = {k: _clean(record.get(k)) for k in
               ("iso3", "date", "count", "monitored", "query", "snapshot_sha256")}
        old = existing.get((row["iso3"], row["date"]))
        if old is None:
            inserts.append({**row, "source_id": source_id, "run_id": run_id})
        elif all(_same(old[f], row[f]) for f in ("count", "monitored", "query")):
            unchanged += 1
        else:
            updates.append({**row, "run_id": run_id})
    insert_rows(conn, nv, inserts)
    if updates:
        stmt = (nv.update().where(nv.c.source_id == source_id)
                .where(nv.c.iso3 == sa.bindparam("k_iso3")).where(nv.c.date == sa.bindparam("k_date"))
                .values({c: sa.bindparam(c) for c in ("count", "monitored", "query",
                                                        "snapshot_sha256", "run_id")}))
        conn.execute(stmt, [{**{c: u[c] for c in ("count", "monitored", "query", "snapshot_sha256",
                                                  "run_id")},
                             "k_iso3": u["iso3"], "k_date": u["date"]} for u in updates])
    return LoadCounts(len(inserts), len(updates), unchanged)


def _utc(moment: object) -> datetime:
    when = pd.Timestamp(moment)
    return (when.tz_localize(UTC) if when.tzinfo is None else when.tz_convert(UTC)).to_pydatetime()


@dataclass(frozen=True)
class ArticleFilter:
    """What the News page and ``cyberindex news list`` ask for; empty means all."""

    iso3s: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    since: object = None
    until: object = None
    has_claim: bool | None = None
    verdicts: tuple[str, ...] = ()
    include_samples: bool = False


def _article_conditions(f: ArticleFilter) -> list:
    a = articles
    where: list = []
    if not f.include_samples:
        where.append(a.c.is_sample.is_(False))
    if f.since is not None:
        where.append(a.c.published_at >= _utc(f.since))
    if f.until is not None:
        until = pd.Timestamp(f.until)
        if until == until.normalize() and len(str(f.until)) <= 10:  # a date: the whole day
            until = until + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
        where.append(a.c.published_at <= _utc(until))
    if f.languages:
        where.append(a.c.language.in_(list(f.languages)))
    if f.outlets:
        where.append(a.c.outlet.in_(list(f.outlets)))
    if f.has_claim is True:
        where.append(a.c.n_claims > 0)
    elif f.has_claim is False:
        where.append(a.c.n_claims == 0)
    if f.iso3s:
        m = article_mentions
        sub = sa.select(m.c.article_id).where(m.c.iso3.in_([i.upper() for i in f.iso3s]))
        if not f.include_samples:
            sub = sub.where(m.c.is_sample.is_(False))
        if f.since is not None:
            sub = sub.where(m.c.published_at >= _utc(f.since))
        where.append(a.c.article_id.in_(sub))
    if f.verdicts:
        sub = sa.select(claims.c.article_id).where(claims.c.verdict.in_(list(f.verdicts)))
        if f.iso3s:
            sub = sub.where(claims.c.iso3.in_([i.upper() for i in f.iso3s]))
        where.append(a.c.article_id.in_(sub))
    return where


def _mentions_answer(f: ArticleFilter) -> bool:
    """Can ``article_mentions`` alone (its copied columns) select the articles of ``f``?"""
    return bool(f.iso3s) and not f.outlets and f.has_claim is None and not f.verdicts


def _mention_conditions(f: ArticleFilter) -> list:
    """The conditions of ``f`` that ``article_mentions`` answers from its copied columns
    (without countries, none on the country: every country's mentions)."""
    m = article_mentions
    where: list[sa.ColumnElement[bool]] = (
        [m.c.iso3.in_([i.upper() for i in f.iso3s])] if f.iso3s else [])
    if not f.include_samples:
        where.append(m.c.is_sample.is_(False))
    if f.languages:
        where.append(m.c.language.in_(list(f.languages)))
    if f.since is not None:
        where.append(m.c.published_at >= _utc(f.since))
    if f.until is not None:
        where.append(m.c.published_at <= _utc(_until_end(f.until)))
    return where


def _until_end(until: object) -> pd.Timestamp:
    """The last moment an ``until`` covers (a date alone: its whole day)."""
    end = pd.Timestamp(until)
    if end == end.normalize() and len(str(until)) <= 10:
        end = end + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    return end


def _is_day(moment: object) -> bool:
    return moment is None or (len(str(moment)) <= 10
                              and pd.Timestamp(moment) == pd.Timestamp(moment).normalize())


def articles_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                   languages: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                   since: object = None, until: object = None, has_claim: bool | None = None,
                   verdicts: Sequence[str] | None = None, include_samples: bool = False,
                   limit: int | None = 50, offset: int = 0) -> pd.DataFrame:
    """Articles matching the filter, newest first, with ``countries`` (ISO3s named, most
    mentioned first). Synthetic samples are left out unless ``include_samples``."""
    f = ArticleFilter(tuple(iso3s or ()), tuple(languages or ()), tuple(outlets or ()), since,
                      until, has_claim, tuple(verdicts or ()), include_samples)
    a, m = articles, article_mentions
    query = (sa.select(a.c.article_id, a.c.published_at, a.c.title, a.c.url, a.c.canonical_url,
                       a.c.outlet, a.c.language, a.c.text, a.c.text_kind, a.c.is_sample,
                       a.c.n_claims, a.c.source_id, a.c.snapshot_sha256)
             .order_by(a.c.published_at.desc(), a.c.article_id.desc()))
    if limit is not None and _mentions_answer(f):
        # The page is picked in the mentions index (newest first, stops after the page), then
        # its articles are read by key: no scan of every article naming the country.
        # published_at is selected too: PostgreSQL wants a DISTINCT query's ORDER BY columns
        # in its select list (it is copied from the article, so it does not split a row).
        page = (sa.select(m.c.article_id, m.c.published_at).where(*_mention_conditions(f))
                .order_by(m.c.published_at.desc(), m.c.article_id.desc())
                .limit(limit).offset(offset))
        if len(f.iso3s) > 1:  # an article naming two of them is listed once
            page = page.distinct()
        query = query.where(a.c.article_id.in_(sa.select(page.subquery().c.article_id)))
    else:
        query = query.where(*_article_conditions(f))
        if limit is not None:
            query = query.limit(limit).offset(offset)
    frame = read_frame(engine, query)
    if frame.empty:
        return frame.assign(countries=pd.Series(dtype=object))
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    frame["is_sample"] = frame["is_sample"].astype(bool)
    named = read_frame(engine, sa.select(article_mentions.c.article_id, article_mentions.c.iso3,
                                         article_mentions.c.count)
                       .where(article_mentions.c.article_id.in_(frame["article_id"].tolist())))
    by_article: dict[int, list[str]] = {}
    # One sort, then plain lists (a pandas sort per article cost ~3 ms each).
    for article_id, iso3 in named.sort_values(["article_id", "count", "iso3"],
                                              ascending=[True, False, True])[
            ["article_id", "iso3"]].itertuples(index=False):
        by_article.setdefault(article_id, []).append(iso3)
    frame["countries"] = [by_article.get(i, []) for i in frame["article_id"]]
    return frame


def articles_count(engine: Engine, iso3s: Sequence[str] | None = None,
                   languages: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                   since: object = None, until: object = None, has_claim: bool | None = None,
                   verdicts: Sequence[str] | None = None, include_samples: bool = False) -> int:
    """How many articles match the filter of :func:`articles_frame`."""
    f = ArticleFilter(tuple(iso3s or ()), tuple(languages or ()), tuple(outlets or ()), since,
                      until, has_claim, tuple(verdicts or ()), include_samples)
    if _mentions_answer(f) and len(f.iso3s) == 1 and not f.languages and _is_day(f.since) \
            and _is_day(f.until):
        # One country by whole days: the sum of the daily counts kept at load.
        md = mention_daily
        query = sa.select(sa.func.sum(md.c.articles)).where(md.c.iso3 == f.iso3s[0].upper())
        if not f.include_samples:
            query = query.where(md.c.is_sample.is_(False))
        if f.since is not None:
            query = query.where(md.c.day >= pd.Timestamp(f.since).date())
        if f.until is not None:
            query = query.where(md.c.day <= pd.Timestamp(f.until).date())
    elif _mentions_answer(f):
        # Counted in the mentions index alone (country, sample, language, time).
        m = article_mentions
        counted = sa.func.count(sa.distinct(m.c.article_id)) if len(f.iso3s) > 1 \
            else sa.func.count()
        query = sa.select(counted).select_from(m).where(*_mention_conditions(f))
    else:
        query = sa.select(sa.func.count()).select_from(articles).where(*_article_conditions(f))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def claims_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                 verdicts: Sequence[str] | None = None, languages: Sequence[str] | None = None,
                 outlets: Sequence[str] | None = None, since: object = None,
                 until: object = None, include_samples: bool = False,
                 article_ids: Sequence[int] | None = None,
                 limit: int | None = 200, offset: int = 0) -> pd.DataFrame:
    """Checked claims with their article (title, URL, outlet, date, sample flag), newest first."""
    c, a = claims, articles
    f = ArticleFilter((), tuple(languages or ()), tuple(outlets or ()), since, until, None, (),
                      include_samples)
    columns = (c, a.c.title, a.c.url, a.c.outlet, a.c.language, a.c.published_at, a.c.is_sample)
    if iso3s:
        # Driven by the mentions index (a claim's country is named by its article), newest
        # first: the first page stops early instead of sorting every claim about the country.
        m = article_mentions
        named = ArticleFilter(tuple(i.upper() for i in iso3s), f.languages, (), since, until,
                              None, (), include_samples)
        query = (sa.select(*columns)
                 # ``iso3 || ''``: the same value, but it keeps the planner from starting at
                 # every claim about the country (ix_claims_country_verdict) and sorting them.
                 .select_from(m.join(c, (c.c.article_id == m.c.article_id)
                                     & (c.c.iso3.concat("") == m.c.iso3))
                              .join(a, a.c.article_id == m.c.article_id))
                 .where(*_mention_conditions(named))
                 .order_by(m.c.published_at.desc(), c.c.claim_id))
        if f.outlets:
            query = query.where(a.c.outlet.in_(list(f.outlets)))
    else:
        query = (sa.select(*columns)
                 .select_from(c.join(a, a.c.article_id == c.c.article_id))
                 .where(*_article_conditions(f))
                 .order_by(a.c.published_at.desc(), c.c.claim_id))
    if verdicts:
        query = query.where(c.c.verdict.in_(list(verdicts)))
    if article_ids is not None:
        query = query.where(c.c.article_id.in_([int(i) for i in article_ids]))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    frame = read_frame(engine, query)
    frame["edition"] = frame["edition"].astype("Int64")
    frame["published_at"] = pd.to_datetime(frame["published_at"], utc=True)
    frame["is_sample"] = frame["is_sample"].astype(bool)
    return frame


def article_mentions_frame(engine: Engine, article_ids: Sequence[int]) -> pd.DataFrame:
    """Countries named by these articles, with counts and surface forms (JSON)."""
    m = article_mentions
    return read_frame(engine, sa.select(m.c.article_id, m.c.iso3, m.c.count, m.c.forms)
                      .where(m.c.article_id.in_([int(i) for i in article_ids]))
                      .order_by(m.c.article_id, m.c.count.desc(), *text_ascending(m.c.iso3)))


def news_facets(engine: Engine, include_samples: bool = False) -> dict[str, list[str]]:
    """Distinct languages and outlets of the stored articles (for filter options)."""
    a = articles
    where = [] if include_samples else [a.c.is_sample.is_(False)]
    with engine.connect() as conn:
        # Sorted here, in code point order: the database's collation would decide otherwise.
        languages = sorted(conn.execute(sa.select(a.c.language).where(*where).distinct())
                           .scalars())
        outlets = sorted(conn.execute(sa.select(a.c.outlet).where(*where).distinct()).scalars())
    return {"languages": languages, "outlets": outlets}


FREQUENCIES = {"day": "D", "week": "W-MON", "month": "MS"}


class _UtcDay(FunctionElement):
    """The UTC calendar day of a stored moment (the day ``mention_daily`` counts it under)."""

    type = sa.Date()
    name = "utc_day"
    inherit_cache = True


@compiles(_UtcDay)
def _utc_day(element: _UtcDay, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(_UtcDay, "sqlite")
def _utc_day_sqlite(element: _UtcDay, compiler: Any, **kw: Any) -> str:
    # SQLite keeps the moment as its UTC wall time in text ("2024-09-03 08:30:00.000000").
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(_UtcDay, "postgresql")
def _utc_day_postgresql(element: _UtcDay, compiler: Any, **kw: Any) -> str:
    # timestamptz to the wall time in UTC, whatever the session's time zone, then its day.
    return f"CAST(({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC') AS DATE)"


def _daily_counts_answer(f: ArticleFilter) -> bool:
    """Can ``mention_daily`` (counts per country, day and sample flag) count the articles of
    ``f``? Not when it narrows them by language, outlet, claims or verdict."""
    return not (f.languages or f.outlets or f.has_claim is not None or f.verdicts)


def _counted_mentions(f: ArticleFilter) -> sa.Select:
    """(iso3, day, count): the articles of ``f`` naming each of its countries per UTC day,
    counted in ``article_mentions`` (a row per article and country named)."""
    m, a = article_mentions, articles
    day = _UtcDay(m.c.published_at)
    query = sa.select(m.c.iso3, day.label("date"), sa.func.count().label("count"))
    if f.outlets or f.has_claim is not None:
        # The article's own columns, read by its key for each mention in range.
        query = query.select_from(m.join(a, a.c.article_id == m.c.article_id))
        if f.outlets:
            query = query.where(a.c.outlet.in_(list(f.outlets)))
        if f.has_claim is not None:
            query = query.where(a.c.n_claims > 0 if f.has_claim else a.c.n_claims == 0)
    if f.verdicts:
        # As the list: a claim with one of the verdicts (about one of the countries).
        c = claims
        claimed = (sa.exists().where(c.c.article_id == m.c.article_id)
                   .where(c.c.verdict.in_(list(f.verdicts))))
        if f.iso3s:
            claimed = claimed.where(c.c.iso3.in_(list(f.iso3s)))
        query = query.where(claimed)
    return query.where(*_mention_conditions(f)).group_by(m.c.iso3, day)


def mention_volume_frame(engine: Engine, iso3s: Sequence[str] | None = None, freq: str = "day",
                         include_samples: bool = False, since: object = None,
                         until: object = None, languages: Sequence[str] | None = None,
                         outlets: Sequence[str] | None = None, has_claim: bool | None = None,
                         verdicts: Sequence[str] | None = None) -> pd.DataFrame:
    """Articles naming each country per period (``day``, ``week`` from Monday, ``month``):
    the articles :func:`articles_frame` lists for the same filter, counted per country they
    name (an article naming two of the countries counts for each).

    Columns: iso3, period (date the period starts), source_id, count, monitored, share.
    Stored articles count under ``source_id`` "articles" (no denominator, so ``share`` is
    empty); GDELT's timeline adds its own rows with ``monitored`` (articles GDELT monitored) and
    ``share`` = count / monitored, unless the filter narrows the articles by language, outlet,
    claims or verdict: GDELT's counts cannot be narrowed so, and are left out then.

    What each path costs, read through an index:

    * countries, samples and days only: ``mention_daily``, the counts kept at load, one row
      per country and day in range (its primary key): cost independent of the articles'
      number;
    * with languages: ``article_mentions`` alone, a range of the (iso3, is_sample, language,
      published_at) index per country and language (index-only), a row per article named
      counted per UTC day in the database;
    * with outlets or claims (has one or not): the same range, each article's row read by its
      key to test its outlet or claim count (a lookup per mention in range);
    * with verdicts: the same range, each article's claims looked up by ``claims.article_id``.

    The last three grow with the mentions in range (the chart then counts what the list
    lists, which no kept count holds); a country and dates keep the range small (no country:
    every mention in the dates is read).
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {', '.join(FREQUENCIES)}, got {freq!r}")
    columns = ["iso3", "period", "source_id", "count", "monitored", "share"]
    wanted = [i.upper() for i in iso3s or ()]
    f = ArticleFilter(tuple(wanted), tuple(languages or ()), tuple(outlets or ()), since, until,
                      has_claim, tuple(verdicts or ()), include_samples)
    md, nv = mention_daily, news_volume
    q2 = sa.select(nv.c.iso3, nv.c.date, nv.c.source_id, nv.c.count, nv.c.monitored)
    if wanted:
        q2 = q2.where(nv.c.iso3.in_(wanted))
    if _daily_counts_answer(f):
        q1 = sa.select(md.c.iso3, md.c.day.label("date"),
                       sa.func.sum(md.c.articles).label("count"))
        if not include_samples:
            q1 = q1.where(md.c.is_sample.is_(False))
        if wanted:
            q1 = q1.where(md.c.iso3.in_(wanted))
        if since is not None:
            q1 = q1.where(md.c.day >= pd.Timestamp(since).date())
        if until is not None:
            q1 = q1.where(md.c.day <= pd.Timestamp(until).date())
        q1 = q1.group_by(md.c.iso3, md.c.day)
        gdelt: sa.Select | None = q2
    else:
        q1, gdelt = _counted_mentions(f), None
    if gdelt is not None:
        if since is not None:
            gdelt = gdelt.where(nv.c.date >= pd.Timestamp(since).date())
        if until is not None:
            gdelt = gdelt.where(nv.c.date <= pd.Timestamp(until).date())
    stored = read_frame(engine, q1).assign(source_id="articles", monitored=None)
    frames = [fr for fr in (stored, read_frame(engine, gdelt) if gdelt is not None else None)
              if fr is not None and not fr.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    points = pd.concat(frames, ignore_index=True)
    points["date"] = pd.to_datetime(points["date"])
    points["count"] = points["count"].astype(float)
    points["monitored"] = pd.to_numeric(points["monitored"], errors="coerce")
    by_period = points.groupby(["iso3", "source_id",
                                pd.Grouper(key="date", freq=FREQUENCIES[freq], label="left",
                                           closed="left")])
    # Built-in reductions (a Python lambda per group cost tens of milliseconds per request).
    grouped = (pd.DataFrame({"count": by_period["count"].sum(),
                             "monitored": by_period["monitored"].sum(min_count=1)})
               .reset_index().rename(columns={"date": "period"}))
    grouped = grouped[grouped["count"].notna()]
    grouped["count"] = grouped["count"].astype(int)
    grouped["share"] = grouped["count"] / grouped["monitored"]
    return grouped.loc[:, columns].sort_values(["iso3", "source_id", "period"]).reset_index(
        drop=True)
