"""News ingestion shared by the news sources: one article shape, de-duplication, and the load.

Each news source (:mod:`etl.sources.news_files`, :mod:`etl.sources.news_rss`,
:mod:`etl.sources.gdelt_doc`) parses its raw payload into rows of :data:`ARTICLE_COLUMNS`
(values still text, date as given). :func:`article_frame` normalises them: canonical URL, UTC
date, language (detected when not given), content hash. At load (:func:`load_articles`, in the
run's transaction) each new article is read (:mod:`etl.news.reading`) against the official rows of
the store and stored with its mentions, indices and checked claims. An article whose canonical
URL or content hash is already stored is skipped, so re-ingesting adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from types import ModuleType
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd
from sqlalchemy.engine import Connection

from etl import store
from etl.news.reading import Official, OfficialRows, article_body, checked, read_article
from etl.news.rules import READING_RULES
from etl.news.text import Article, detect_language
from etl.news.verify import indicators_of, official_lists

# What every news source's parse() gives per article (text values; ``date`` as published).
ARTICLE_COLUMNS = ("url", "title", "date", "outlet", "language", "text", "text_kind", "is_sample")

LANGUAGE_NAMES = {
    "english": "en", "french": "fr", "arabic": "ar", "spanish": "es", "german": "de",
    "italian": "it", "portuguese": "pt", "russian": "ru", "chinese": "zh", "turkish": "tr",
}
_TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def canonical_url(url: str) -> str:
    """The URL articles are told apart by: lower-case scheme and host, no default port, no
    ``utm_*`` (or click-id) parameters, no fragment, no trailing slash."""
    parts = urlsplit(str(url).strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, query, ""))


def content_sha256(title: str, text: str) -> str:
    """Hash of the article's words (case and spacing ignored): the same story under two URLs."""
    words = _SPACES.sub(" ", f"{title}\n{text}").strip().casefold()
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def to_utc(value: object) -> pd.Timestamp | None:
    """A published date (ISO 8601, RFC 822, GDELT ``20251127T120000Z``) in UTC; naive is UTC."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{8}T\d{6}Z", text):
        return pd.Timestamp(pd.to_datetime(text, format="%Y%m%dT%H%M%SZ", utc=True))
    # ISO 8601 only when it reads as one: pandas alone would take "1,234" for the year 234 and
    # "٣٥" for 2035, dates no one wrote.
    if _ISO_DATE.fullmatch(text):
        try:
            stamp = pd.Timestamp(text)
        except (ValueError, TypeError, OverflowError):
            return None
    else:
        import email.utils

        try:
            stamp = pd.Timestamp(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


# A date, a time to the second or its fraction, an offset: 2021-07-01T09:00:00+04:00.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
                       r"(?:Z|[+-]\d{2}(?::?\d{2})?)?", re.ASCII)


def language_code(value: object, text: str = "") -> str:
    """``en``/``fr``/``ar``... from a code or a name (GDELT gives "English"); detected from
    the text when missing."""
    code = str(value or "").strip().lower()
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    if re.fullmatch(r"[a-z]{2}([-_][a-z]{2,4})?", code):
        return code[:2]
    return detect_language(Article(text).text) if text.strip() else "und"


def plain_text(html: str) -> str:
    """Markup to text (a feed summary may carry HTML): tags dropped, entities decoded."""
    import html as html_lib

    return _SPACES.sub(" ", html_lib.unescape(_TAGS.sub(" ", html or ""))).strip()


def page_text(html: str, url: str | None = None) -> str | None:
    """The main text of an article page (trafilatura), or None when nothing is found."""
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, include_tables=False)


def article_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Normalise parsed article rows: canonical URL, UTC date (``published_at``), language
    code, content hash. Rows keep any extra columns (``file``, ``parse_error``...)."""
    out = rows.copy()
    for column in ARTICLE_COLUMNS:
        if column not in out.columns:
            out[column] = None
    out["title"] = out["title"].fillna("").astype(str).str.strip()
    out["text"] = out["text"].fillna("").astype(str).str.strip()
    out["canonical_url"] = [canonical_url(u) if isinstance(u, str) and u.strip() else None
                            for u in out["url"]]
    out["published_at"] = [to_utc(d) for d in out["date"]]
    out["language"] = [language_code(lang, f"{title}. {text}") for lang, title, text
                       in zip(out["language"], out["title"], out["text"], strict=True)]
    out["content_sha256"] = [content_sha256(ti, te) for ti, te
                             in zip(out["title"], out["text"], strict=True)]
    out["is_sample"] = out["is_sample"].map(lambda v: str(v).strip().lower() in ("true", "1"))
    out["outlet"] = [o if isinstance(o, str) and o.strip() else (urlsplit(u).hostname or "")
                     if isinstance(u, str) else "" for o, u in zip(out["outlet"], out["url"],
                                                                  strict=True)]
    return out


# ---------------------------------------------------------------- load


def load_articles(conn: Connection, frame: pd.DataFrame, *, source_id: str, run_id: int,
                  snapshot_sha256: str, official: pd.DataFrame | None = None) -> store.LoadCounts:
    """Store the articles not seen before (by canonical URL or content hash), analysed."""
    if frame.empty:
        return store.LoadCounts()
    frame = frame[frame["canonical_url"].notna() & frame["published_at"].notna()]
    known_urls, known_hashes = store.known_article_keys(
        conn, frame["canonical_url"].tolist(), frame["content_sha256"].tolist())
    if official is None:
        official = OfficialRows(conn.engine)
    elif official.empty:
        official = None
    now = store.utcnow()
    unchanged = 0
    new = []  # (row, what it says): claims first, so the official rows are read once
    for row in frame.to_dict("records"):
        if row["canonical_url"] in known_urls or row["content_sha256"] in known_hashes:
            unchanged += 1
            continue
        known_urls.add(row["canonical_url"])
        known_hashes.add(row["content_sha256"])
        new.append((row, read_article(article_body(row), row["language"])))
    claims = [claim for _, read in new for claim in read.claims]
    checked_against: Official | None = None  # no claim: nothing to read
    if claims and isinstance(official, OfficialRows):
        checked_against = official.lists_for(claims)
    elif claims and official is not None:
        checked_against = official_lists(official, indicators_of(claims))
    found = []
    for row, read in new:
        result = checked(read, checked_against, row["published_at"])
        found.append(({
            "canonical_url": row["canonical_url"], "url": row["url"], "title": row["title"],
            "outlet": row["outlet"], "language": row["language"],
            "published_at": pd.Timestamp(row["published_at"]).to_pydatetime(),
            "text": row["text"], "text_kind": row.get("text_kind") or "full",
            "content_sha256": row["content_sha256"], "source_id": source_id,
            "is_sample": bool(row["is_sample"]), "snapshot_sha256": snapshot_sha256,
            "run_id": run_id, "ingested_at": now, "read_with": READING_RULES,
        }, result.mentions, result.indices, result.claims))
    store.insert_articles(conn, found)
    return store.LoadCounts(inserted=len(found), unchanged=unchanged)


def recheck_claims(conn: Connection, index_ids: Sequence[str]) -> int:
    """Check again, against the official rows as they are now, the claims of every stored
    article that states a figure of one of ``index_ids`` (a release changed that data): each
    such article is read again and its claims replaced. The number of articles re-checked.

    Verdicts are kept true to the data the dashboard shows: a claim found consistent with a
    score that a later release corrects reads as contradicted, with the new official figure."""
    stored = store.claimed_articles(conn, index_ids)
    if not stored:
        return 0
    reads = [(row, read_article(article_body(row), row["language"])) for row in stored]
    found = [claim for _, read in reads for claim in read.claims]
    official = OfficialRows(conn.engine).lists_for(found) if found else None
    for row, read in reads:
        store.replace_claims(conn, row["article_id"],
                             checked(read, official, row["published_at"]).claims)
    return len(reads)


def load_targets(conn: Connection, module: ModuleType, valid: pd.DataFrame, run_id: int,
                 snapshot_sha256: str) -> store.LoadCounts:
    """The news targets of a source module (``TARGETS``): ``articles`` via ``to_articles``,
    ``news_volume`` via ``to_news_volume``. Called by :func:`etl.targets.load_extra`."""
    wanted = tuple(getattr(module, "TARGETS", ()))
    counts = store.LoadCounts()
    if "articles" in wanted and not valid.empty:
        loaded = load_articles(conn, module.to_articles(valid), source_id=module.INFO.id,
                               run_id=run_id, snapshot_sha256=snapshot_sha256)
        counts = store.LoadCounts(counts.inserted + loaded.inserted,
                                  counts.updated + loaded.updated,
                                  counts.unchanged + loaded.unchanged)
    if "news_volume" in wanted and not valid.empty:
        points = module.to_news_volume(valid)
        rows = points.assign(snapshot_sha256=snapshot_sha256).to_dict("records")
        loaded = store.load_news_volume(conn, module.INFO.id, rows, run_id)
        counts = store.LoadCounts(counts.inserted + loaded.inserted,
                                  counts.updated + loaded.updated,
                                  counts.unchanged + loaded.unchanged)
    return counts


def forms_list(forms_json: object) -> list[str]:
    """The surface forms stored as JSON in ``article_mentions.forms``."""
    try:
        value = json.loads(str(forms_json))
    except (TypeError, ValueError):
        return []
    return [str(v) for v in value] if isinstance(value, list) else []
