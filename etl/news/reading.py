"""What a news text says, read by the current rules: its language, the countries and indices
it names (:mod:`etl.news.mentions`), the figures it states about them (:mod:`etl.news.claims`),
and those claims checked against the official rows (:mod:`etl.news.verify`).

Ingestion (:mod:`etl.news.ingest`) reads each new article with :func:`read_article` and
:func:`checked`; :mod:`etl.news.reread` reads stored articles again when these rules change
(:data:`etl.news.rules.READING_RULES`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from etl import store
from etl.news.article import metric_label
from etl.news.claims import Claim, claims_of
from etl.news.mentions import find_hits, summarise
from etl.news.text import Article
from etl.news.verify import check_claims, indicators_of, official_figure, official_lists


@dataclass(frozen=True)
class Analysis:
    """What one article says: language, countries, indices and checked claims (rows)."""

    language: str
    mentions: list[dict]
    indices: list[dict]
    claims: list[dict]


@dataclass(frozen=True)
class Read:
    """What one article says before its claims are checked."""

    language: str
    mentions: list[dict]
    indices: list[dict]
    claims: list[Claim]


def read_article(text: str, language: str | None) -> Read:
    article = Article(text, language)
    hits = find_hits(article)
    summary = summarise(article.language, hits).to_dict()
    found = claims_of(article, hits) if hits else []
    return Read(article.language, summary["countries"], summary["indices"], found)


# What claims are checked against: rows, or the lists check_claims splits them into.
Official = pd.DataFrame | Mapping[str, Any]


def analyse(text: str, language: str | None,
            official: Official | OfficialRows | None) -> Analysis:
    """Mentions, indices and claims of one text; claims checked against ``official`` (rows,
    their :func:`etl.news.verify.official_lists`, or the store's rows read as the claims need
    them)."""
    read = read_article(text, language)
    if read.claims and isinstance(official, OfficialRows):
        official = official.lists_for(read.claims)
    return checked(read, official)


def checked(read: Read, official: Official | None, published: object = None) -> Analysis:
    """A read article's claims checked against ``official``; ``published`` (its date, when
    known) dates the claims that name no edition (:func:`etl.news.verify.check_claims`)."""
    found = read.claims
    as_of = year_of(published)
    checked = (check_claims(found, official, as_of=as_of)
               if found and official is not None else [])
    rows = []
    for i, claim in enumerate(found):
        verdict = checked[i] if checked else None
        official_row = (verdict.official or {}) if verdict else {}
        # The figure the claim was held against (a rank's, a tier's, a regional rank's own
        # number: not the row's score beside it).
        official_value, official_text = official_figure(official_row)
        rows.append({
            "sentence": claim.text, "iso3": claim.iso3, "index_id": claim.index,
            "metric": metric_label(claim), "value": claim.value, "edition": claim.edition,
            "verdict": verdict.verdict if verdict else None,
            "official_value": official_value,
            "official_text": official_text,
            "official_source": official_row.get("source"),
            "official_source_url": official_row.get("source_url"),
            "explanation": verdict.explanation if verdict else None,
            "explanation_en": verdict.explanation_en if verdict else None,
            "explanations": (json.dumps(verdict.explanations, ensure_ascii=False,
                                        sort_keys=True) if verdict else None),
        })
    return Analysis(read.language, read.mentions, read.indices, rows)


def official_rows(conn: Connection) -> pd.DataFrame:
    """The tidy official rows claims are checked against (what ``cyberindex export`` gives)."""
    return official_rows_of(conn.engine)


def official_rows_of(engine: Engine) -> pd.DataFrame:
    """:func:`official_rows` from an engine: every official row."""
    from etl.export import ExportFilter, export_frame

    return export_frame(engine, ExportFilter())


class OfficialRows:
    """The store's official rows, read per indicator as claims name them.

    A claim's verdict depends only on the rows of its indicator (:func:`indicators_of`), so
    checking against these gives the verdicts of the full :func:`official_rows`, without
    reading every observation for a few dozen claims. ``lists_for`` (the rows split for
    :func:`etl.news.verify.check_claims` once) is None when the store holds no observation at
    all (claims then stay unchecked, as with an empty full read). A load asks
    once, for all its articles' claims (:func:`load_articles`).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._exist: bool | None = None
        self._rows: dict[str, pd.DataFrame] = {}  # indicator -> its rows, read once
        self._lists: dict[str, Any] = {}  # indicator -> its rows as lists (those with rows)
        self._split: set[str] = set()  # indicators split into _lists already

    def _read_missing(self, claims: list[Claim]) -> bool:
        """Read the rows of the claims' indicators not read yet (one query); False when the
        store holds no observation."""
        from etl.export import indicator_rows

        if self._exist is None:
            self._exist = store.observations_exist(self._engine)
        if not self._exist:
            return False
        missing = sorted(i for i in indicators_of(claims) if i not in self._rows)
        if missing:
            read = indicator_rows(self._engine, missing)
            for indicator in missing:
                self._rows[indicator] = read[read["indicator"] == indicator]
        return True

    def lists_for(self, claims: list[Claim]) -> dict[str, Any] | None:
        """The rows of the claims' indicators as :func:`etl.news.verify.official_lists`: each
        indicator's rows read and split into lists once, for every later claim naming it."""
        if not self._read_missing(claims):
            return None
        for indicator in indicators_of(claims):
            if indicator not in self._split:
                self._split.add(indicator)
                self._lists.update(official_lists(self._rows[indicator]))
        return self._lists



def year_of(moment: object) -> int | None:
    """The year of a publication date (None when there is none)."""
    if moment is None:
        return None
    try:
        stamp = pd.Timestamp(moment)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else int(stamp.year)


def article_body(article: Mapping[str, Any]) -> str:
    """What is read of an article: its title, then its text."""
    return f"{article['title']}\n\n{article['text']}" if article["text"] else article["title"]
