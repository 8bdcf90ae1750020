"""GDELT DOC 2.0 API (live): article lists and daily mention volume per country.

For each country of ``CYBERINDEX_GDELT_COUNTRIES`` (ISO3) two requests are made with the
configured cyber query restricted to ``sourcecountry:<FIPS>``: ``mode=artlist`` (articles, loaded
into ``articles``; text = title) and ``mode=timelinevolraw`` (per day the matching article count
and ``norm``, the number of articles GDELT monitored, loaded into ``news_volume``).

Traps handled here:
- GDELT uses FIPS 10-4 country codes, not ISO: Morocco is ``MO`` (ISO MO is Macao), Oman ``MU``
  (ISO MU is Mauritius). The code is read from the ``gdelt_fips`` column of the countries table,
  never derived from the ISO code.
- At most one request every ``CYBERINDEX_GDELT_MIN_INTERVAL`` seconds (GDELT asks for 5), retries
  included: :class:`RateLimiter` spaces them (clock and sleep injectable for tests).
- A rate-limit notice ("Please limit requests to one every 5 seconds") or an HTML page answered
  with status 200 is an error, not data (:func:`etl.http.fetch` checks body and type); ``{}`` is an
  empty result (no articles).

Runs with ``etl run --all`` only when listed in ``CYBERINDEX_LIVE_SOURCES``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import requests

from etl import http, schemas, store
from etl.news import ingest
from etl.settings import Settings
from etl.sources import live
from etl.sources.base import (
    Fetched,
    SourceFileError,
    SourceInfo,
    json_document,
    json_objects,
    json_scalar,
)

INFO = SourceInfo(
    id="gdelt_doc",
    publisher="The GDELT Project",
    title="GDELT DOC 2.0 API: article lists and mention volume",
    url="https://api.gdeltproject.org/api/v2/doc/doc",
    licence="GDELT terms: free use with attribution",
    cadence="continuous (15-minute updates); article lists cover about three months",
    kind="live",
)

SCHEMA = schemas.NewsArticles
TARGETS = ("articles", "news_volume")
INDICATORS: list = []
BREAKS: list[dict] = []
PUBLISH_GATE = False
MODES = ("artlist", "timelinevolraw")
MAX_RECORDS = 250


class RateLimiter:
    """At most one call every ``interval`` seconds (``clock`` and ``sleep`` injectable)."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] = time.sleep) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None

    def wait(self, at_least: float = 0.0) -> None:
        """Sleep until the next call is allowed (and at least ``at_least`` seconds); mark it."""
        now = self.clock()
        due = 0.0 if self._last is None else self._last + self.interval - now
        delay = max(due, at_least)
        if delay > 0:
            self.sleep(delay)
        self._last = self.clock()


def configured(settings: Settings) -> str | None:
    if not settings.gdelt_countries:
        return "not configured: set CYBERINDEX_GDELT_COUNTRIES (ISO3 codes)"
    return None


def fips_codes(settings: Settings, iso3s: tuple[str, ...]) -> dict[str, str]:
    """ISO3 to GDELT FIPS code, from the countries table; a country without one fails."""
    engine = store.make_engine(settings.database_url)
    try:
        frame = store.countries_frame(engine)
    finally:
        engine.dispose()
    fips = dict(zip(frame["iso3"], frame["gdelt_fips"], strict=True))
    missing = [i for i in iso3s if not fips.get(i)]
    if missing:
        raise SourceFileError(f"no GDELT FIPS code in the countries table for {', '.join(missing)}")
    return {i: fips[i] for i in iso3s}


def request_url(settings: Settings, fips: str, mode: str) -> str:
    """The DOC API URL of one country and mode (query restricted to ``sourcecountry:FIPS``)."""
    params = {"query": f"{settings.gdelt_query} sourcecountry:{fips}", "mode": mode,
              "format": "json", "timespan": settings.gdelt_timespan}
    if mode == "artlist":
        params.update(maxrecords=str(MAX_RECORDS), sort="datedesc")
    return f"{settings.gdelt_api_url}?{urlencode(params)}"


# Shared by every run of the process: GDELT counts requests per client, not per run.
_limiter: RateLimiter | None = None


def limiter_for(settings: Settings) -> RateLimiter:
    global _limiter
    if _limiter is None or _limiter.interval != settings.gdelt_min_interval:
        _limiter = RateLimiter(settings.gdelt_min_interval, sleep=lambda s: live.sleep(s))
    return _limiter


def fetch(settings: Settings, state: live.LiveState | None = None, *,
          session: requests.Session | None = None,
          limiter: RateLimiter | None = None) -> Fetched:
    """Both modes for every configured country, spaced by the rate limiter, in one container.

    Each part is labelled with the URL asked and ``#iso3=XXX`` (a fragment, never sent), so
    parse() knows the country without the countries table.
    """
    iso3s = tuple(c.upper() for c in settings.gdelt_countries)
    codes = fips_codes(settings, iso3s)
    limiter = limiter or limiter_for(settings)
    policy = live.policy(settings)
    parts = []
    for iso3 in iso3s:
        for mode in MODES:
            url = request_url(settings, codes[iso3], mode)
            limiter.wait()
            result = http.fetch(url, expect="json", allowed_urls=[settings.gdelt_api_url],
                                policy=policy, session=session,
                                sleep=lambda s: limiter.wait(at_least=s))
            parts.append((f"{url}#iso3={iso3}", result.body))
    return Fetched(live.pack(parts), origin=settings.gdelt_api_url)


def _label(label: str) -> tuple[str, str, str]:
    """(mode, iso3, query) of a container label."""
    parts = urlsplit(label)
    query = parse_qs(parts.query)
    iso3 = parts.fragment.removeprefix("iso3=")
    return query.get("mode", [""])[0], iso3, query.get("query", [""])[0]


def parse(raw: bytes) -> pd.DataFrame:
    """Article rows (``record_kind`` article) and volume points (``record_kind`` volume)."""
    articles, volume = [], []
    for label, body in live.unpack(raw):
        mode, iso3, query = _label(label)
        try:
            payload = json_document(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SourceFileError(f"{label}: not JSON: {exc}") from exc
        if not isinstance(payload, dict):
            raise SourceFileError(f"{label}: expected a JSON object")
        if mode == "artlist":
            for item in json_objects(payload.get("articles"), "articles", label):  # {}: none
                articles.append({
                    "url": json_scalar(item.get("url"), "an article's url", label),
                    "title": json_scalar(item.get("title"), "an article's title", label),
                    "date": json_scalar(item.get("seendate"), "an article's seendate", label),
                    "outlet": json_scalar(item.get("domain"), "an article's domain", label),
                    "language": json_scalar(item.get("language"), "an article's language", label),
                    "text": "", "text_kind": "title",
                    "is_sample": False, "queried_iso3": iso3, "parse_error": None,
                })
        elif mode == "timelinevolraw":
            for series in json_objects(payload.get("timeline"), "timeline", label):
                for point in json_objects(series.get("data"), "a timeline's data", label):
                    stamp = ingest.to_utc(json_scalar(point.get("date"), "a point's date", label))
                    volume.append({
                        "record_kind": "volume", "iso3": iso3, "volume_date": _day(stamp),
                        "count": json_scalar(point.get("value"), "a point's value", label),
                        "monitored": json_scalar(point.get("norm"), "a point's norm", label),
                        "query": query, "parse_error": None,
                    })
        else:
            raise SourceFileError(f"{label}: unknown GDELT mode {mode!r}")
    frame = ingest.article_frame(pd.DataFrame(
        articles, columns=[*ingest.ARTICLE_COLUMNS, "queried_iso3", "parse_error"]))
    frame["record_kind"] = "article"
    frame = pd.concat([frame, pd.DataFrame(volume)], ignore_index=True)
    for column in ("iso3", "volume_date", "count", "monitored", "query"):
        if column not in frame.columns:
            frame[column] = None
    return frame.astype(object).where(frame.notna(), None)


def _day(stamp: pd.Timestamp | None) -> date | None:
    """The UTC day of a point's date; None (the point is quarantined) for none, or a year
    outside 1-9999 that a lenient date reading can give ("-1")."""
    if stamp is None or pd.isna(stamp) or not 1 <= stamp.year <= 9999:
        return None
    return stamp.date()


def to_articles(valid: pd.DataFrame) -> pd.DataFrame:
    """Article rows; titles are the text (GDELT gives no body). GDELT articles with only a
    title often carry no claim: mentions still count."""
    out = valid[valid["record_kind"] == "article"].copy()
    out["text"] = ""
    return out.reset_index(drop=True)


def to_news_volume(valid: pd.DataFrame) -> pd.DataFrame:
    """Volume points: iso3, date, count, monitored (GDELT ``norm``), query."""
    points = valid[valid["record_kind"] == "volume"]
    return pd.DataFrame({
        "iso3": points["iso3"], "date": points["volume_date"],
        "count": pd.to_numeric(points["count"]).astype(int),
        "monitored": pd.to_numeric(points["monitored"], errors="coerce").astype("Int64"),
        "query": points["query"],
    }).reset_index(drop=True)
