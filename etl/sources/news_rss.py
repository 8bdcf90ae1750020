"""News articles from RSS 2.0 and Atom feeds (live), listed in ``CYBERINDEX_NEWS_FEEDS``.

Each feed is fetched through :func:`etl.http.fetch` (XML expected: an HTML page or a rate-limit
notice with status 200 is an error, not a feed) and parsed with feedparser from the fetched
bytes, never from the URL. A feed feedparser cannot read (not RSS, Atom or RDF, or broken XML
with no entries) fails the run with the feed's URL and the parser's reason.

An item's text is its summary (markup removed); with ``CYBERINDEX_NEWS_FETCH_PAGES=1`` the item's
page is fetched too and its main text extracted with trafilatura (a page that cannot be fetched
keeps the summary). Feeds and pages are kept byte for byte in one raw container.
Runs with ``etl run --all`` only when listed in ``CYBERINDEX_LIVE_SOURCES``; without feeds it
ends "skipped: not configured".
"""

from __future__ import annotations

import calendar
import logging
import re
from datetime import UTC, datetime

import feedparser
import pandas as pd
import requests

from etl import http, schemas
from etl.news import ingest
from etl.settings import Settings
from etl.sources import live
from etl.sources.base import Fetched, SourceFileError, SourceInfo

log = logging.getLogger(__name__)

INFO = SourceInfo(
    id="news_rss",
    publisher="News outlets' RSS and Atom feeds (configured)",
    title="News articles from RSS/Atom feeds",
    url="https://www.rssboard.org/rss-specification",
    licence="per outlet; titles, summaries and links quoted with attribution",
    cadence="as often as scheduled",
    kind="live",
)

SCHEMA = schemas.NewsArticles
TARGETS = ("articles",)
INDICATORS: list = []
BREAKS: list[dict] = []
PUBLISH_GATE = False  # a bad item is quarantined; the other articles still load


def configured(settings: Settings) -> str | None:
    """None when the source can run; otherwise why not."""
    if not settings.news_feeds:
        return "not configured: set CYBERINDEX_NEWS_FEEDS (comma-separated feed URLs)"
    return None


# A feed declaring its own XML entities is refused before it is parsed: feedparser drops the
# declarations whose text holds a reference (a billion-laughs chain is never expanded, and the
# expat under it limits expansion too), but what is left of such a feed is not what was sent.
ENTITY_DECLARED = ("declares its own XML entities (<!ENTITY ...> in its DTD): refused, never "
                   "expanded")
# feedparser's loose parser raises on a character reference that names no character
# (&#xD800;, &#99999999;): the feed is malformed, not the run.
NO_CHARACTER = "a character reference names no Unicode character"


def read_feed(url: str, body: bytes) -> feedparser.FeedParserDict:
    """A feed parsed from its bytes; raises SourceFileError for anything but a readable feed."""
    where = http.without_credentials(url)
    if b"<!entity" in _prolog(body).lower():
        raise SourceFileError(f"{where}: malformed feed: {ENTITY_DECLARED}")
    try:
        parsed = feedparser.parse(body)
    except ValueError as exc:  # UnicodeEncodeError (a surrogate) or chr() out of range
        raise SourceFileError(f"{where}: malformed feed: {NO_CHARACTER}") from exc
    if not parsed.get("version") or (parsed.get("bozo") and not parsed.entries):
        why = parsed.get("bozo_exception") or "not an RSS, Atom or RDF feed"
        raise SourceFileError(f"{where}: malformed feed: {why}")
    return parsed


def _prolog(body: bytes) -> bytes:
    """What comes before a document's first element (XML declaration, comments, DTD)."""
    first = _FIRST_ELEMENT.search(body)
    return body[:first.start()] if first else body


_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")


def fetch(settings: Settings, state: live.LiveState | None = None, *,
          session: requests.Session | None = None) -> Fetched:
    """Every configured feed (and, when enabled, each item's page) in one container."""
    feeds = list(settings.news_feeds)
    policy = live.policy(settings)
    parts: list[tuple[str, bytes]] = []
    for url in feeds:
        result = http.fetch(url, expect="xml", allowed_urls=feeds, policy=policy,
                            session=session, sleep=lambda s: live.sleep(s))
        parsed = read_feed(url, result.body)
        parts.append((url, result.body))
        if not settings.news_fetch_pages:
            continue
        for entry in parsed.entries:
            link = entry.get("link")
            if not link or any(c.isspace() for c in link):
                continue
            try:
                # The link is the feed's word, not configured: never a host inside the network
                # (the page's text would be stored and shown), unless a feed's own.
                page = http.fetch(link, expect="html", policy=policy, session=session,
                                  sleep=lambda s: live.sleep(s), public_only=True,
                                  trusted_origins=feeds)
            except http.SourceError as exc:  # the summary stays: one page is not the feed
                log.warning("news page not fetched: %s", exc)
                continue
            parts.append((link, page.body))
    return Fetched(live.pack(parts), origin=" | ".join(feeds))


def _published(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:  # feedparser gives a UTC struct_time
            return datetime.fromtimestamp(calendar.timegm(value), UTC).isoformat()
    return entry.get("published") or entry.get("updated")


def feeds_and_pages(parts: list[tuple[str, bytes]]
                    ) -> tuple[list[tuple[str, feedparser.FeedParserDict]], dict[str, bytes]]:
    """The container's feeds, read, and the item pages kept after them (by URL).

    fetch() keeps each feed, then the pages of its items: a part whose URL is an item link of a
    feed before it is a page, any other part a feed, read or refused (never taken for a page
    by its first bytes: a feed with a DOCTYPE or in UTF-16 would be skipped unread)."""
    feeds: list[tuple[str, feedparser.FeedParserDict]] = []
    pages: dict[str, bytes] = {}
    links: set[str | None] = set()
    for url, body in parts:
        if url in links:
            pages[url] = body
            continue
        feed = read_feed(url, body)
        feeds.append((url, feed))
        links.update(entry.get("link") for entry in feed.entries)
    return feeds, pages


def parse(raw: bytes) -> pd.DataFrame:
    """One row per feed item: title, link, date (UTC), outlet (feed title), language, text."""
    feeds, pages = feeds_and_pages(live.unpack(raw))
    rows = []
    for url, feed in feeds:
        outlet = feed.feed.get("title") or None
        feed_language = feed.feed.get("language")
        for entry in feed.entries:
            link = entry.get("link")
            summary = ingest.plain_text(entry.get("summary") or entry.get("description") or "")
            text, kind = summary, "summary"
            if link in pages:
                full = ingest.page_text(pages[link].decode("utf-8", "replace"), link)
                if full:
                    text, kind = full, "full"
            if not text:
                text, kind = ingest.plain_text(entry.get("title") or ""), "title"
            rows.append({
                "url": link, "title": ingest.plain_text(entry.get("title") or ""),
                "date": _published(entry), "outlet": outlet,
                "language": entry.get("language") or feed_language, "text": text,
                "text_kind": kind, "is_sample": False, "feed": url, "parse_error": None,
            })
    columns = [*ingest.ARTICLE_COLUMNS, "feed", "parse_error"]
    frame = ingest.article_frame(pd.DataFrame(rows, columns=columns))
    frame["record_kind"] = "article"
    return frame.astype(object).where(frame.notna(), None)


def to_articles(valid: pd.DataFrame) -> pd.DataFrame:
    return valid.reset_index(drop=True)
