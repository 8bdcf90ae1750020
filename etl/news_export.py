"""The News page's lists as files: the articles and the checked claims a filter selects.

One path behind the API's ``/downloads/articles.{csv,json}`` and ``/downloads/claims.{csv,json}``,
the News page's download links and ``cyberindex news list --format csv|json``, so the same
filter gives the same rows. The filter is the page's (:class:`etl.store.ArticleFilter`:
countries, languages, outlets, dates, claims, verdicts, samples). Rows are newest first, as the
page lists them. Synthetic sample articles are left out unless asked for, and every row says
whether it is one (``is_sample``): a sample is never passed off as news.

A file holds every matching row or, past :data:`MAX_ROWS`, nothing: :class:`TooManyRows` says
how many match, so a reader narrows the filter instead of getting a silently cut list. Article
texts are not in the files (only title, link and what was found in them); text cells that a
spreadsheet would run as formulas are neutralised as in every export (:mod:`etl.export`).
"""

from __future__ import annotations

import dataclasses

import pandas as pd
from sqlalchemy.engine import Engine

from etl import export, store
from etl.export_texts import normalize_lang
from etl.news.explain import explanation_in

ARTICLE_COLUMNS = (
    "published_at", "title", "url", "outlet", "language", "countries", "n_claims",
    "is_sample", "source_id", "snapshot_sha256",
)
CLAIM_COLUMNS = (
    "published_at", "verdict", "iso3", "country", "index_id", "edition", "metric", "value",
    "official_value", "official_text", "official_source", "official_source_url",
    "explanation", "explanation_language", "sentence", "title", "url", "outlet", "language",
    "is_sample",
)
KINDS = ("articles", "claims")
FORMATS = export.LIST_FORMATS
MAX_ROWS = 100_000


class TooManyRows(ValueError):
    """More rows match than a file holds; says how many."""

    def __init__(self, kind: str, count: int):
        self.count = count
        super().__init__(f"{count} {kind} match this filter; a download holds at most "
                         f"{MAX_ROWS}: narrow it (countries, dates, language)")


def filter_query(wanted: store.ArticleFilter) -> list[tuple[str, str]]:
    """The filter as the download routes' query parameters (a list repeated rather than comma
    separated: outlet names may hold commas), for the file's ``X-Export-Filter``."""
    pairs = [("country", c) for c in wanted.iso3s]
    pairs += [("language", v) for v in wanted.languages] + [("outlet", v) for v in wanted.outlets]
    pairs += [(k, str(v)) for k, v in (("since", wanted.since), ("until", wanted.until))
              if v is not None]
    if wanted.has_claim is not None:
        pairs.append(("claim", "yes" if wanted.has_claim else "no"))
    pairs += [("verdict", v) for v in wanted.verdicts]
    if wanted.include_samples:
        pairs.append(("samples", "1"))
    return pairs


def _fields(wanted: store.ArticleFilter) -> dict:
    return dataclasses.asdict(wanted)


def articles_rows(engine: Engine, wanted: store.ArticleFilter,
                  limit: int | None = None) -> pd.DataFrame:
    """The articles of the filter, newest first, as the files hold them (``limit``: the
    newest only; none: all, at most :data:`MAX_ROWS`)."""
    if limit is None:
        count = store.articles_count(engine, **_fields(wanted))
        if count > MAX_ROWS:
            raise TooManyRows("articles", count)
    frame = store.articles_frame(engine, **_fields(wanted), limit=limit)
    if frame.empty:
        return pd.DataFrame(columns=list(ARTICLE_COLUMNS))
    out = frame.assign(
        published_at=export.utc_text(frame["published_at"]),
        countries=[" ".join(c) for c in frame["countries"]],
    )
    return out.loc[:, list(ARTICLE_COLUMNS)].reset_index(drop=True)


def claims_rows(engine: Engine, wanted: store.ArticleFilter, lang: str = "en",
                limit: int | None = None) -> pd.DataFrame:
    """The checked claims of the filter (its countries, languages, outlets, dates, verdicts and
    samples; whether an article has claims does not apply), newest first; the country named
    and the claim explained in ``lang`` (en, fr, ar) where it was explained in it."""
    lang = normalize_lang(lang)
    fields = {k: v for k, v in _fields(wanted).items() if k != "has_claim"}
    if limit is None:
        frame = store.claims_frame(engine, **fields, limit=MAX_ROWS + 1)
        if len(frame) > MAX_ROWS:
            raise TooManyRows("claims", len(frame))
    else:
        frame = store.claims_frame(engine, **fields, limit=limit)
    if frame.empty:
        return pd.DataFrame(columns=list(CLAIM_COLUMNS))
    names = store.countries_frame(engine).set_index("iso3")[f"name_{lang}"]
    said = [explanation_in(row, lang) for row in frame.to_dict("records")]
    out = frame.assign(
        published_at=export.utc_text(frame["published_at"]),
        country=frame["iso3"].map(names),
        explanation=[text for text, _ in said],
        explanation_language=[language for _, language in said],
    )
    # A claimed rank or tier and its official one are whole numbers (21, not 21.0).
    out = export.whole_metric_values(out, ("value", "official_value"))
    return out.loc[:, list(CLAIM_COLUMNS)].reset_index(drop=True)


def rows_of(kind: str, engine: Engine, wanted: store.ArticleFilter, lang: str = "en",
            limit: int | None = None) -> pd.DataFrame:
    """:func:`articles_rows` or :func:`claims_rows` by ``kind`` (one of :data:`KINDS`)."""
    if kind == "articles":
        return articles_rows(engine, wanted, limit)
    if kind == "claims":
        return claims_rows(engine, wanted, lang, limit)
    raise ValueError(f"unknown list: {kind}; known: {', '.join(KINDS)}")


render = export.render_rows
