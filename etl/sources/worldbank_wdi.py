"""World Bank World Development Indicators, live JSON API (v2).

Indicators: `IT.NET.USER.ZS` (individuals using the Internet, % of population) and
`IT.NET.SECR.P6` (secure Internet servers per million people), for every country
(`country/all`), years in ``settings.worldbank_date_range``. Base URL in
``settings.worldbank_api_url``; runs with `etl run --all` only when listed in
``CYBERINDEX_LIVE_SOURCES`` (it needs the network).

How the API's answers are read (see SOURCES.md):
- a success is ``[paging, observations]``; paging numbers may be strings; every page is followed
  to ``pages``, and each page's bytes are kept (one multipart snapshot, :mod:`etl.sources.live`);
- an error is a one-element array ``[{"message": [{"id", "key", "value"}]}]``, often with status
  200: it fails the run with ``World Bank API error <id> <key>: <value>``;
- ``value: null`` (a year without data) is fetched and counted, but makes no observation row:
  "missing" is the absence of a row, never a stored zero or an interpolation;
- aggregates (regions, income groups: ``countryiso3code`` empty or not an ISO 3166 country of the
  reference) come mixed with countries: they are parsed and counted, never loaded as countries;
  a row with an empty ``countryiso3code`` but a country's ISO2 ``country.id`` is no aggregate:
  it is quarantined (its published values stay), never taken for one. The run's note says how
  many aggregate and missing-value rows were left out.
Edition = data year. Conditional requests: page 1 of each indicator carries the last ETag /
Last-Modified; when every indicator answers 304 the run is "unchanged" (no new snapshot).
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import pycountry
import requests

from etl import http, schemas
from etl.settings import Settings
from etl.sources import live
from etl.sources.base import (
    JSON_SHAPE_ERROR,
    Fetched,
    Indicator,
    SourceFileError,
    SourceInfo,
    Validator,
    json_document,
    json_object,
    json_scalar,
)

INFO = SourceInfo(
    id="worldbank_wdi",
    publisher="World Bank",
    title="World Development Indicators (API v2)",
    url="https://api.worldbank.org/v2",
    licence="CC BY 4.0",
    cadence="continuous; indicators updated several times a year",
    kind="live",
)

SCHEMA = schemas.WorldBankObservations
CODES = schemas.WDI_LIVE_CODES
PER_PAGE = 1000
SCALES = {"IT.NET.USER.ZS": "% of population", "IT.NET.SECR.P6": "per 1 million people"}
INDICATORS = [
    Indicator("wb.IT.NET.USER.ZS", "Individuals using the Internet (% of population)",
              "% of population", "0-100", True,
              "World Bank WDI (ITU estimates). Replaces the old IT.NET.USER.P2 (internet users "
              "per 100 people, see wb2017.IT.NET.USER.P2)."),
    Indicator("wb.IT.NET.SECR.P6", "Secure Internet servers (per 1 million people)",
              "servers per 1 million people", "per 1 million people", True,
              "World Bank WDI, Netcraft-based series; re-based since the 2017 vintage "
              "(wb2017.IT.NET.SECR.P6), so the two must not be joined into one line."),
]
BREAKS = [
    {"indicator_id": "wb.IT.NET.SECR.P6", "edition": 2017,
     "note": "Re-based on Netcraft data after the 2017 vintage: values differ from the old "
             "series (wb2017.IT.NET.SECR.P6) for the same years.",
     "source_url": "https://data.worldbank.org/indicator/IT.NET.SECR.P6"},
]


def configured(settings: Settings) -> str | None:
    """None when the source can run; otherwise why not."""
    if not settings.worldbank_api_url:
        return "not configured: CYBERINDEX_WORLDBANK_API_URL is empty"
    return None


def page_url(settings: Settings, code: str, page: int) -> str:
    query = urlencode({"format": "json", "per_page": PER_PAGE, "page": page,
                       "date": settings.worldbank_date_range})
    return f"{settings.worldbank_api_url}/country/all/indicator/{code}?{query}"


def api_error(payload: object) -> str | None:
    """The World Bank error envelope's message, or None when the payload is not one."""
    if not (isinstance(payload, list) and len(payload) == 1 and isinstance(payload[0], dict)):
        return None
    messages = payload[0].get("message")
    if not isinstance(messages, list) or not messages:
        return None
    text = "; ".join(
        f"{m.get('id', '?')} {m.get('key', '')}: {m.get('value', '')}".strip()
        for m in messages if isinstance(m, dict)
    )
    return f"World Bank API error {text}"


def read_page(body: bytes, url: str) -> tuple[dict, list]:
    """(paging, observations) of one page; raises SourceFileError on errors or odd shapes."""
    try:
        payload = json_document(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFileError(f"{url}: not JSON: {exc}") from exc
    error = api_error(payload)
    if error:
        raise SourceFileError(f"{url}: {error}")
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict)):
        raise SourceFileError(f"{url}: unexpected JSON shape (expected [paging, observations])")
    rows = payload[1] if payload[1] is not None else []
    if not isinstance(rows, list):
        raise SourceFileError(f"{url}: observations are not a list")
    return payload[0], rows


def page_count(paging: dict, url: str) -> int:
    """``pages`` as an int (the API sometimes sends numbers as strings)."""
    try:
        return max(int(str(paging.get("pages", 1)).strip() or 1), 1)
    except ValueError as exc:
        raise SourceFileError(f"{url}: paging 'pages' is not a number: {paging.get('pages')!r}") \
            from exc


def _page_of(url: str) -> int:
    return int(parse_qs(urlsplit(url).query).get("page", ["1"])[0])


def _indicator_of(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


def fetch(settings: Settings, state: live.LiveState | None = None, *,
          session: requests.Session | None = None) -> Fetched:
    """Every page of both indicators, through :func:`etl.http.fetch`; conditional on page 1."""
    state = state or live.LiveState()
    allowed = [settings.worldbank_api_url + "/"]
    policy = live.policy(settings)
    parts: list[tuple[str, bytes]] = []
    validators: list[Validator] = []
    changed = False

    def get(url: str, conditional: bool) -> http.FetchResult:
        etag, modified = state.conditional(url) if conditional else (None, None)
        result = http.fetch(url, expect="json", allowed_urls=allowed, policy=policy, etag=etag,
                            last_modified=modified, session=session,
                            sleep=lambda s: live.sleep(s))
        if not result.not_modified:
            try:
                read_page(result.body, url)
            except SourceFileError as exc:
                raise http.SourceError(str(exc), url=url, kind="api_error",
                                       status=result.status, attempts=result.attempts,
                                       body=result.body) from exc
        return result

    for code in CODES:
        first_url = page_url(settings, code, 1)
        first = get(first_url, conditional=True)
        if first.not_modified:
            kept = sorted((u for u in state.previous if _indicator_of(u) == code), key=_page_of)
            parts += [(u, state.previous[u]) for u in kept]
            validators += [state.validators[u] for u in kept]
            continue
        changed = True
        parts.append((first_url, first.body))
        validators.append(Validator(first_url, first.etag, first.last_modified))
        paging, _ = read_page(first.body, first_url)
        for page in range(2, page_count(paging, first_url) + 1):
            url = page_url(settings, code, page)
            result = get(url, conditional=False)
            parts.append((url, result.body))
            validators.append(Validator(url, result.etag, result.last_modified))
    origin = f"{settings.worldbank_api_url}/country/all/indicator/{{{','.join(CODES)}}}"
    if not changed:
        return Fetched(b"", origin, not_modified=True, validators=tuple(validators))
    return Fetched(live.pack(parts), origin, validators=tuple(validators))


# The ISO 3166-1 alpha-2 codes of the countries ``schemas.KNOWN_ISO3`` holds (the API's
# ``country.id``; no World Bank aggregate has one: theirs are "1W", "ZG", "EU"...).
KNOWN_ISO2 = frozenset(c.alpha_2 for c in pycountry.countries
                       if c.alpha_3 in schemas.KNOWN_ISO3)


def parse(raw: bytes) -> pd.DataFrame:
    """Observations of every page as received (text), countries and aggregates alike; a row
    with an empty ``countryiso3code`` whose ``country.id`` is a country's ISO2 code is that
    country's, without its code (the schema quarantines it, so it removes nothing)."""
    rows = []
    for url, body in live.unpack(raw):
        paging, observations = read_page(body, url)
        for obs in observations:
            if not isinstance(obs, dict):
                raise SourceFileError(JSON_SHAPE_ERROR.format(where=url, what="an observation",
                                                              kind="an object"))
            country = json_object(obs.get("country"), "an observation's country", url)
            indicator = json_object(obs.get("indicator"), "an observation's indicator", url)
            code3 = (_text(obs.get("countryiso3code"), "countryiso3code", url) or "").strip()
            country_id = _text(country.get("id"), "country id", url)
            indicator_id = _text(indicator.get("id"), "indicator id", url)
            year = _text(obs.get("date"), "date", url)
            # A known country's ISO2 id with an empty ISO3 code is that country, not an
            # aggregate: kept as a country row without its code, quarantined by the schema.
            is_country = code3 in schemas.KNOWN_ISO3 or (
                not code3 and (country_id or "").strip() in KNOWN_ISO2)
            value = _text(obs.get("value"), "value", url)
            rows.append({
                "indicator_code": indicator_id,
                "entity_id": code3 or country_id,
                "entity_name": _text(country.get("value"), "country name", url),
                "entity_kind": "country" if is_country else "aggregate",
                "iso3": code3 if code3 in schemas.KNOWN_ISO3 else None,
                "year": year,
                "value": value,
                "unit": _text(obs.get("unit"), "unit", url) or None,
                "obs_status": _text(obs.get("obs_status"), "obs_status", url) or None,
                "last_updated": _text(paging.get("lastupdated"), "paging lastupdated", url),
                # A stable, citable URL for this one value (the page URL depends on paging).
                "source_url": f"{url.split('/country/', 1)[0]}/country/{code3 or country_id}"
                              f"/indicator/{indicator_id}?format=json&date={year}",
            })
    columns = ["indicator_code", "entity_id", "entity_name", "entity_kind", "iso3", "year",
               "value", "unit", "obs_status", "last_updated", "source_url"]
    return pd.DataFrame(rows, columns=columns)


def _text(value: object, what: str, url: str) -> str | None:
    """A single value as the text the schema reads (null: None); an object or a list is no
    value (:func:`etl.sources.base.json_scalar`)."""
    value = json_scalar(value, what, url)
    return None if value is None else str(value)


def loadable(valid: pd.DataFrame) -> pd.Series:
    """Rows that become observations: countries with a value."""
    return (valid["entity_kind"] == "country") & valid["value"].notna()


def run_note(valid: pd.DataFrame) -> str | None:
    """What was fetched but not loaded, and why (aggregates, missing years)."""
    aggregates = int((valid["entity_kind"] == "aggregate").sum())
    missing = int(((valid["entity_kind"] == "country") & valid["value"].isna()).sum())
    if not (aggregates or missing):
        return None
    names = valid.loc[valid["entity_kind"] == "aggregate", "entity_id"].nunique()
    return (f"not loaded: {aggregates} aggregate rows ({names} regions/income groups, never "
            f"loaded as countries); {missing} country-years without a value (no row)")


def to_observations(valid: pd.DataFrame) -> pd.DataFrame:
    """Country rows with a value to tidy observations; aggregates and nulls stay out."""
    part = valid[loadable(valid)]
    return pd.DataFrame({
        "indicator_id": "wb." + part["indicator_code"],
        "iso3": part["iso3"],
        "edition": part["year"].astype(int),
        "value": part["value"].astype(float),
        "scale": part["indicator_code"].map(SCALES),
        "rank": pd.NA,
        "rank_text": None,
        "tier": pd.NA,
        "tier_label": None,
        "source_document": "World Bank WDI API v2 (last updated "
                           + part["last_updated"].fillna("unknown").astype(str) + ")",
        "source_url": part["source_url"],
        "channel": "World Bank API v2",
        "verification": "single_source",
        "source_note": part["obs_status"].map(lambda s: f"obs_status {s}" if s else None),
    }).reset_index(drop=True)
