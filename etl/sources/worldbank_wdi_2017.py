"""World Bank WDI, 2017 vintage (old; since re-based): bundled history, labelled as such.

`datasets/worldbank_wdi_2017_vintage.csv` holds the WDI bulk CSVs last updated 2017-02-01 for
`IT.NET.USER.P2` (internet users per 100 people, 1990-2015) and `IT.NET.SECR.P6` (secure internet
servers per million people, 2001-2015). The World Bank later renamed `IT.NET.USER.P2` to
`IT.NET.USER.ZS` and re-based `IT.NET.SECR.P6` on Netcraft data, so these values differ from
today's API (source `worldbank_wdi`). They are kept as their own source with `wb2017.` ids and
the vintage in every name, never merged into the live series. Edition = data year.
"""

from __future__ import annotations

import pandas as pd

from etl import schemas
from etl.settings import Settings
from etl.sources.base import Fetched, Indicator, SourceInfo, read_bundled, read_csv_text

INFO = SourceInfo(
    id="worldbank_wdi_2017",
    publisher="World Bank",
    title="World Bank WDI, 2017 vintage (old; since re-based)",
    url="https://data.worldbank.org/indicator/IT.NET.SECR.P6",
    licence="CC BY 4.0",
    cadence="frozen vintage (bulk CSV last updated 2017-02-01)",
    kind="bundled",
)

FILE_NAME = "worldbank_wdi_2017_vintage.csv"
SCHEMA = schemas.Wdi2017Vintage
VINTAGE = "WDI bulk CSV, last updated 2017-02-01 (old vintage)"

INDICATOR_IDS = {"IT.NET.USER.P2": "wb2017.IT.NET.USER.P2",
                 "IT.NET.SECR.P6": "wb2017.IT.NET.SECR.P6"}
SCALES = {"IT.NET.USER.P2": "per 100 people", "IT.NET.SECR.P6": "per 1 million people"}
INDICATORS = [
    Indicator("wb2017.IT.NET.USER.P2",
              "Internet users per 100 people (WDI 2017 vintage, old; since renamed)",
              "users per 100 people", "per 100 people", True,
              "Old vintage (2017-02-01). The World Bank renamed this series IT.NET.USER.ZS "
              "(individuals using the Internet, % of population); live values differ."),
    Indicator("wb2017.IT.NET.SECR.P6",
              "Secure Internet servers per million people (WDI 2017 vintage, old; since re-based)",
              "servers per 1 million people", "per 1 million people", True,
              "Old vintage (2017-02-01). The World Bank later re-based this series on Netcraft "
              "data: do not join it to the live IT.NET.SECR.P6 line."),
]
BREAKS: list[dict] = []

REQUIRED_COLUMNS = ("iso3", "indicator_code", "year", "value", "source_url", "source_note")


def fetch(settings: Settings) -> Fetched:
    """The curated bundled file, as bytes."""
    return read_bundled(settings.datasets_dir / FILE_NAME)


def parse(raw: bytes) -> pd.DataFrame:
    """Rows as read (text), one per country, indicator and year."""
    return read_csv_text(raw, REQUIRED_COLUMNS)


def to_observations(valid: pd.DataFrame) -> pd.DataFrame:
    """Validated rows to observations under the vintage-labelled `wb2017.` ids."""
    return pd.DataFrame({
        "indicator_id": valid["indicator_code"].map(INDICATOR_IDS),
        "iso3": valid["iso3"],
        "edition": valid["year"].astype(int),
        "value": valid["value"].astype(float),
        "scale": valid["indicator_code"].map(SCALES),
        "rank": pd.NA,
        "rank_text": None,
        "tier": pd.NA,
        "tier_label": None,
        "source_document": VINTAGE,
        "source_url": valid["source_url"],
        "channel": "WDI bulk CSV (2017 vintage, mirror)",
        "verification": "single_source",
        "source_note": valid["source_note"],
    }).reset_index(drop=True)
