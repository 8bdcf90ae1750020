"""UN E-Government Development Index (EGDI) and its sub-indices, survey years 2014-2024.

Bundled (`datasets/egdi_scores.csv`): 2014-2018 from the UNU-EGOV mirror of UN DESA data, 2022
and 2024 from mirrors of the UN `EGOV_DATA_<year>.csv` files, 2020 only for Oman (scores from
press) and Morocco (rank only). Edition = survey year. The index and sub-indices run 0-1
(higher is better); the rank is the UN's among 193 member states. A missing value stays
missing: Morocco 2020 is a rank with no score.
"""

from __future__ import annotations

import pandas as pd

from etl import schemas
from etl.settings import Settings
from etl.sources.base import Fetched, Indicator, SourceInfo, read_bundled, read_csv_text

INFO = SourceInfo(
    id="un_egdi",
    publisher="United Nations Department of Economic and Social Affairs (UN DESA)",
    title="E-Government Development Index (UN E-Government Survey)",
    url="https://publicadministration.un.org/egovkb/en-us/Data-Center",
    licence="United Nations terms of use; figures quoted with attribution",
    cadence="every two years (2014, 2016, ..., 2024)",
    kind="bundled",
)

FILE_NAME = "egdi_scores.csv"
SCHEMA = schemas.EgdiScores

_NOTE = (
    "UN E-Government Survey, biennial; 0-1, higher is better. Edition = survey year. "
    "The EGDI is the mean of OSI, HCI and TII; EPI is reported beside it. Ranks are among "
    "193 UN member states."
)
SUB_INDICES = {
    "osi": "Online Service Index",
    "hci": "Human Capital Index",
    "tii": "Telecommunication Infrastructure Index",
    "epi": "E-Participation Index",
}
INDICATORS = [
    Indicator("un_egdi.egdi", "UN E-Government Development Index (EGDI)", "index", "0-1", True,
              _NOTE),
    *[Indicator(f"un_egdi.{key}", f"UN EGDI: {name}", "index", "0-1", True, _NOTE)
      for key, name in SUB_INDICES.items()],
]
BREAKS: list[dict] = []  # no declared methodology break across 2014-2024
# The document an observation comes from (``source_document``): the survey of its year. A
# catalog entry of the dashboard (dashboard.i18n.ETL_CONSTANT_MESSAGES), so a checked claim's
# explanation names it in the reader's language (etl.news.explain.document_name).
DOCUMENT_TITLE = "UN E-Government Survey {year}"

REQUIRED_COLUMNS = ("iso3", "year", "egdi", "egdi_rank", *SUB_INDICES, "verification",
                    "source_url", "source_note")


def fetch(settings: Settings) -> Fetched:
    """The curated bundled file, as bytes."""
    return read_bundled(settings.datasets_dir / FILE_NAME)


def parse(raw: bytes) -> pd.DataFrame:
    """Rows as read (text), one per country and survey year."""
    return read_csv_text(raw, REQUIRED_COLUMNS)


def channel_of(urls: str | None) -> str:
    """Which copy of the UN data a row was read from."""
    text = urls or ""
    names = []
    if "UNU-EGOV" in text:
        names.append("UNU-EGOV mirror")
    if "EGOV_DATA_" in text:
        names.append("UN EGOV_DATA file (mirror)")
    if any(u.strip() and "github.com" not in u for u in text.split("|")):
        names.append("press or official release")
    return " + ".join(names) or "unknown"


def egdi_observations(valid: pd.DataFrame, document: str, channel: pd.Series) -> pd.DataFrame:
    """Wide EGDI rows (iso3, year, egdi, egdi_rank, osi..epi) to tidy observations.

    Shared with the live connector. A sub-index row exists only where the value does; the
    EGDI row exists where the score or the rank does (rank without score: value NULL).
    """
    frames = []
    for field in ("egdi", *SUB_INDICES):
        is_egdi = field == "egdi"
        part = valid[valid[field].notna() | (valid["egdi_rank"].notna() if is_egdi else False)]
        frames.append(pd.DataFrame({
            "indicator_id": f"un_egdi.{field}",
            "iso3": part["iso3"],
            "edition": part["year"].astype(int),
            "value": part[field].astype(float),
            "scale": "0-1",
            "rank": part["egdi_rank"] if is_egdi else pd.NA,
            "rank_text": None,
            "tier": pd.NA,
            "tier_label": None,
            "source_document": part["year"].map(
                lambda y: DOCUMENT_TITLE.format(year=int(y)) + document),
            "source_url": part["source_url"],
            "channel": channel.loc[part.index],
            "verification": part["verification"] if "verification" in part else None,
            "source_note": part["source_note"] if "source_note" in part else None,
        }))
    return pd.concat(frames, ignore_index=True)


def to_observations(valid: pd.DataFrame) -> pd.DataFrame:
    """Validated wide rows to tidy observations: EGDI (with rank) and each sub-index."""
    return egdi_observations(valid, "", valid["source_url"].map(channel_of))
