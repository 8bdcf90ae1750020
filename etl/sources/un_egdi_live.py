"""UN E-Government Survey data files (`EGOV_DATA_<year>.csv`), live from configured URLs.

The UN Data Center serves one CSV per survey year and no API. URLs are configured per year in
``CYBERINDEX_EGDI_URLS`` (``year=url,year=url``); empty by default, when the run ends "skipped:
not configured" instead of failing. Runs with `etl run --all` only when listed in
``CYBERINDEX_LIVE_SOURCES``.

Two header variants are read (compared ignoring case, spaces and punctuation):
- the UN's own: `Survey Year, Country Name, E-Government Rank, E-Government Index,
  E-Participation Index, Online Service Index, Human Capital Index,
  Telecommunication Infrastructure Index`;
- the renamed one of the 2024 mirror: `Survey Year, Country, Rank, E_Index, E_Participation,
  Online_Service, Human_Capital, Tele_Infra, Region` (the extra `Region` is ignored).
A header with neither name for a column fails the run, naming the column.

The files have no ISO codes: names (with the files' trailing spaces trimmed) are matched to
ISO3 exactly by :mod:`etl.countrynames` (pycountry and CLDR names plus
`country_name_aliases.csv` of the configured datasets folder, ``settings.datasets_dir``: the
pipeline gives it to :func:`parse`, see :data:`PARSE_READS_DATASETS`). A name matching nothing is quarantined with the name in
the reason, never guessed. Indicator ids are `un_egdi_live.*`, apart from the bundled
`un_egdi.*`, so a difference between the live file and the curated data shows as two series
rather than one silently replacing the other.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import requests

from etl import http, schemas
from etl.countrynames import iso3_for_name, name_index
from etl.settings import Settings
from etl.sources import live
from etl.sources.base import (
    Fetched,
    Indicator,
    SourceFileError,
    SourceInfo,
    Validator,
    csv_frame,
)
from etl.sources.un_egdi import SUB_INDICES, egdi_observations

INFO = SourceInfo(
    id="un_egdi_live",
    publisher="United Nations Department of Economic and Social Affairs (UN DESA)",
    title="E-Government Survey data files (EGOV_DATA_<year>.csv, live)",
    url="https://publicadministration.un.org/egovkb/en-us/Data-Center",
    licence="United Nations terms of use; figures quoted with attribution",
    cadence="every two years",
    kind="live",
)

SCHEMA = schemas.EgdiDataFile
INDICATORS = [
    Indicator("un_egdi_live.egdi", "UN EGDI (UN Data Center file)", "index", "0-1", True,
              "As published in the UN EGOV_DATA_<year>.csv file; edition = survey year."),
    *[Indicator(f"un_egdi_live.{key}", f"UN EGDI (UN Data Center file): {name}", "index", "0-1",
                True, "As published in the UN EGOV_DATA_<year>.csv file; edition = survey year.")
      for key, name in SUB_INDICES.items()],
]
BREAKS: list[dict] = []

# Folded header name -> our column; both the UN header and the 2024 mirror's renamed one.
HEADER_NAMES = {
    "surveyyear": "year",
    "countryname": "country_name", "country": "country_name",
    "egovernmentrank": "egdi_rank", "rank": "egdi_rank",
    "egovernmentindex": "egdi", "eindex": "egdi",
    "eparticipationindex": "epi", "eparticipation": "epi",
    "onlineserviceindex": "osi", "onlineservice": "osi",
    "humancapitalindex": "hci", "humancapital": "hci",
    "telecommunicationinfrastructureindex": "tii", "teleinfra": "tii",
}
UN_HEADER = {
    "year": "Survey Year", "country_name": "Country Name", "egdi_rank": "E-Government Rank",
    "egdi": "E-Government Index", "epi": "E-Participation Index",
    "osi": "Online Service Index", "hci": "Human Capital Index",
    "tii": "Telecommunication Infrastructure Index",
}
COLUMNS = tuple(UN_HEADER)


def fold_header(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def configured(settings: Settings) -> str | None:
    """None when the source can run; otherwise why not."""
    if not settings.egdi_urls:
        return "not configured: set CYBERINDEX_EGDI_URLS (year=url,...) to fetch EGOV_DATA files"
    return None


def fetch(settings: Settings, state: live.LiveState | None = None, *,
          session: requests.Session | None = None) -> Fetched:
    """Each configured year's file through :func:`etl.http.fetch`, conditionally."""
    state = state or live.LiveState()
    urls = [url for _, url in settings.egdi_urls]
    policy = live.policy(settings)
    parts, validators, changed = [], [], False
    for url in urls:
        etag, modified = state.conditional(url)
        result = http.fetch(url, expect="csv", allowed_urls=urls, policy=policy, etag=etag,
                            last_modified=modified, session=session,
                            expected_columns=("Survey Year",), csv_min_columns=len(COLUMNS),
                            sleep=lambda s: live.sleep(s))
        if result.not_modified:
            parts.append((url, state.previous[url]))
            validators.append(state.validators[url])
            continue
        changed = True
        parts.append((url, result.body))
        validators.append(Validator(url, result.etag, result.last_modified))
    origin = " | ".join(urls)
    if not changed:
        return Fetched(b"", origin, not_modified=True, validators=tuple(validators))
    return Fetched(live.pack(parts), origin, validators=tuple(validators))


def read_file(body: bytes, url: str) -> pd.DataFrame:
    """One EGOV_DATA file to our columns (text); raises SourceFileError on a bad header."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = body.decode("cp1252")  # older UN files are Windows-1252
        except UnicodeDecodeError as exc:  # five bytes (0x81, 0x8D...) are not Windows-1252
            raise SourceFileError(f"{url}: not UTF-8 text: nor Windows-1252 ({exc.reason}: "
                                  f"byte {exc.object[exc.start]:#04x} at {exc.start})") from exc
    if not text.strip():
        raise SourceFileError(f"{url}: empty file")
    try:
        # The header first: one that lacks a column is named so, even when the rows under it
        # have the cells it lacks (they are then longer than the header as well).
        header = list(csv_frame(text, nrows=0).columns)
        mapped = {col: HEADER_NAMES.get(fold_header(col)) for col in header}
        missing = [UN_HEADER[c] for c in COLUMNS if c not in mapped.values()]
        twice = [c for c in COLUMNS if list(mapped.values()).count(c) > 1]
        if twice:  # "Country" and "Country Name": which one the figures are of is unknown
            raise SourceFileError(
                f"{url}: EGDI file header gives {', '.join(UN_HEADER[c] for c in twice)} "
                f"twice (header: {', '.join(header)})")
        if missing:
            raise SourceFileError(
                f"{url}: EGDI file header lacks {', '.join(missing)} (header: "
                f"{', '.join(header)}); known variants: UN EGOV_DATA and the 2024 mirror's"
            )
        frame = csv_frame(text)
    except (pd.errors.ParserError, ValueError) as exc:
        raise SourceFileError(f"{url}: unreadable CSV: {exc}") from exc
    frame = frame.rename(columns={k: v for k, v in mapped.items() if v})[list(COLUMNS)]
    frame["country_name"] = frame["country_name"].str.strip()
    frame["source_url"] = url
    return frame.replace("", None)


# parse() reads a bundled side file (the country-name aliases): etl.targets.parse gives it the
# configured datasets folder, as every bundled file is read from.
PARSE_READS_DATASETS = True


def parse(raw: bytes, datasets_dir: Path) -> pd.DataFrame:
    """Rows of every fetched file, names matched to ISO3 exactly (None when no match) with the
    aliases of ``datasets_dir`` (``settings.datasets_dir``)."""
    index = name_index(datasets_dir)
    frames = [read_file(body, url) for url, body in live.unpack(raw)]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=[*COLUMNS, "source_url"])
    frame["iso3"] = frame["country_name"].map(lambda n: iso3_for_name(n, index))
    frame["unmatched_name"] = frame["country_name"].where(frame["iso3"].isna(), None)
    return frame


def to_observations(valid: pd.DataFrame) -> pd.DataFrame:
    """Validated rows to tidy observations under the `un_egdi_live.` ids."""
    obs = egdi_observations(
        valid.assign(verification="single_source",
                     source_note="row name '" + valid["country_name"] + "' in the UN file"),
        " (UN EGOV_DATA file)", pd.Series("UN Data Center file", index=valid.index),
    )
    obs["indicator_id"] = obs["indicator_id"].str.replace("un_egdi.", "un_egdi_live.",
                                                          regex=False)
    return obs
