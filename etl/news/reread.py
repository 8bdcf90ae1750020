"""Stored articles read again when the reading rules change.

An article is read once, at ingestion, by the rules of that day (:mod:`etl.news.reading`), and
keeps their fingerprint (``articles.read_with``). When a later release of the code reads texts
otherwise (:data:`etl.news.rules.READING_RULES` changed), an article stored before would keep
what the old rules found: a claim they missed would never be checked, a figure they gave to the
wrong country would stay. :func:`reread_batch` reads such articles again, in id order, checks
their claims against the official rows as they are now, and replaces what is stored of an
article where it changed (its mentions, indices and claims, its claim count, the daily counts of
the countries it names), in the caller's transaction. Each refresh reads the articles of older
rules after its sources (:func:`etl.owed_work.reread_older_articles`), one committed batch at a
time, so an interrupted re-read loses nothing and the next refresh goes on from there;
``cyberindex news reread`` does it by hand (``--all``: every article, whatever read it).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine

from etl import store
from etl.news.reading import OfficialRows, article_body, checked, read_article
from etl.news.rules import READING_RULES

BATCH_ARTICLES = 500  # articles read and written per transaction


@dataclass(frozen=True)
class Reread:
    """One batch: the articles read again, those whose findings changed, the last id read
    (the next batch starts after it; 0 when none was left)."""

    read: int
    changed: int
    last_id: int


def reread_batch(conn: Connection, *, after_id: int = 0, limit: int = BATCH_ARTICLES,
                 everything: bool = False, rules: str = READING_RULES,
                 official: OfficialRows | None = None) -> Reread:
    """Read again the next ``limit`` articles after ``after_id`` read by other rules than
    ``rules`` (every article when ``everything``), replace the findings that changed, and
    record that ``rules`` read them. ``official``: the official rows of a whole re-read (one
    read of each indicator for all its batches; the data does not change under the refresh
    lock), else read for this batch."""
    rows = store.articles_read_otherwise(conn, rules, after_id=after_id, limit=limit,
                                         everything=everything)
    if not rows:
        return Reread(0, 0, 0)
    reads = [(row, read_article(article_body(row), row["language"])) for row in rows]
    found = [claim for _, read in reads for claim in read.claims]
    lists = (official or OfficialRows(conn.engine)).lists_for(found) if found else None
    stored = store.stored_findings(conn, [row["article_id"] for row in rows])
    changed = []
    for row, read in reads:
        result = checked(read, lists, row["published_at"])
        before = stored[int(row["article_id"])]
        if store.findings_as_stored(result.mentions, result.indices, result.claims) != before:
            changed.append((row, result.mentions, result.indices, result.claims,
                            set(before[0])))
    store.replace_findings(conn, changed)
    store.mark_read_with(conn, [row["article_id"] for row in rows], rules)
    return Reread(len(rows), len(changed), int(rows[-1]["article_id"]))


def official_rows(engine: Engine) -> OfficialRows:
    """The official rows a whole re-read checks its claims against (read as claims name them)."""
    return OfficialRows(engine)


def articles_read_otherwise(conn: Connection, rules: str = READING_RULES) -> int:
    """How many stored articles the current rules have not read."""
    return store.count_read_otherwise(conn, rules)
