"""ITU GCI evidence: every GCI value as each source gave it, before consolidation.

`datasets/gci_source_values.csv` holds one row per value and source (`sspi` transcription, `bipa`
ITU-PDF extraction, `press_or_official`), for the overall score, rank, tier and pillars. They
load into the `source_values` table (``TARGETS``), not into observations (the consolidated
values are source `itu_gci`), so :func:`etl.store.disagreements_frame` can show where sources
differ beyond rounding, e.g. Morocco 2020: 82.41 (bipa, sspi) against 83.65 in some press,
which is Malta's score.
"""

from __future__ import annotations

import pandas as pd

from etl import schemas
from etl.settings import Settings
from etl.sources.base import Fetched, SourceInfo, read_bundled, read_csv_text

INFO = SourceInfo(
    id="itu_gci_evidence",
    publisher="International Telecommunication Union (ITU)",
    title="Global Cybersecurity Index: values as each source gave them",
    url="https://www.itu.int/en/ITU-D/Cybersecurity/Pages/global-cybersecurity-index.aspx",
    licence="as the consolidated GCI data; figures quoted with attribution",
    cadence="with each GCI edition",
    kind="bundled",
)

FILE_NAME = "gci_source_values.csv"
SCHEMA = schemas.GciSourceValues
TARGETS = ("source_values",)
INDICATORS: list = []  # values belong to the itu_gci indicators
BREAKS: list[dict] = []

REQUIRED_COLUMNS = ("iso3", "edition", "field", "value", "source_id", "source_url",
                    "source_note")


def fetch(settings: Settings) -> Fetched:
    """The curated bundled file, as bytes."""
    return read_bundled(settings.datasets_dir / FILE_NAME)


def parse(raw: bytes) -> pd.DataFrame:
    """Rows as read (text); the value's printed form is kept beside the number."""
    frame = read_csv_text(raw, REQUIRED_COLUMNS)
    frame["value_text"] = frame["value"]
    return frame


def indicator_for(field: str) -> str:
    """The itu_gci indicator a field belongs to (rank and tier describe the overall score)."""
    return f"itu_gci.{field}" if field in schemas.GCI_PILLARS else "itu_gci.overall"


def own_field(indicator_id: str) -> str | None:
    """The field that gives an itu_gci indicator's own value (``overall_score``, or the
    pillar's name), the inverse of :func:`indicator_for` for it; None for another indicator
    (its other fields, the overall score's rank and tier, describe it)."""
    if indicator_id == "itu_gci.overall":
        return "overall_score"
    pillar = indicator_id.removeprefix("itu_gci.")
    return pillar if pillar != indicator_id and pillar in schemas.GCI_PILLARS else None


def to_source_values(valid: pd.DataFrame) -> pd.DataFrame:
    """Validated rows to the `source_values` table's columns."""
    return pd.DataFrame({
        "indicator_id": valid["field"].map(indicator_for),
        "iso3": valid["iso3"],
        "edition": valid["edition"].astype(int),
        "field": valid["field"],
        "value": valid["value"].astype(float),
        "value_text": valid["value_text"],
        "source_id": valid["source_id"],
        "source_url": valid["source_url"],
        "source_note": valid["source_note"],
    }).reset_index(drop=True)
