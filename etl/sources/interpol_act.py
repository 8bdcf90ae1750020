"""INTERPOL African Cyberthreat Assessment Report: cited statements, never scores.

INTERPOL publishes no index and no country ranking. `datasets/interpol_africa_cyberthreat_facts.csv`
is a table of statements per edition (2021, 2023, 2024, 2025), country (empty for region-level
facts) and metric, each with its citation and `source_kind` (report text, INTERPOL release,
press). They load into the `statements` table (``TARGETS``), shown with their citation; a value
such as `1` in `position in list` is the position in a printed list, not a rank. Conflicting
versions (2025 ransomware detections of South Africa and Egypt swapped between outlets) are both
kept. The last row is a claim check ("Morocco leads Africa in fighting malware": not supported),
with no edition. Edition = the report's edition year.
"""

from __future__ import annotations

import pandas as pd

from etl import schemas
from etl.settings import Settings
from etl.sources.base import Fetched, SourceInfo, read_bundled, read_csv_text

INFO = SourceInfo(
    id="interpol_act",
    publisher="INTERPOL",
    title="African Cyberthreat Assessment Report (cited statements)",
    url="https://www.interpol.int/en/Crimes/Cybercrime",
    licence="statements quoted with attribution",
    cadence="yearly reports since 2021 (2021, 2023, 2024, 2025)",
    kind="bundled",
)

FILE_NAME = "interpol_africa_cyberthreat_facts.csv"
SCHEMA = schemas.InterpolFacts
TARGETS = ("statements",)
INDICATORS: list = []  # statements only: INTERPOL publishes no score or rank
BREAKS: list[dict] = []

REQUIRED_COLUMNS = ("report_title", "edition_year", "publication_date", "data_period", "iso3",
                    "country", "metric", "value", "unit", "statement", "source_url",
                    "source_kind", "source_note")


def fetch(settings: Settings) -> Fetched:
    """The curated bundled file, as bytes."""
    return read_bundled(settings.datasets_dir / FILE_NAME)


def parse(raw: bytes) -> pd.DataFrame:
    """Rows as read (text), one per statement and citation."""
    return read_csv_text(raw, REQUIRED_COLUMNS)


def to_statements(valid: pd.DataFrame) -> pd.DataFrame:
    """Validated rows to the `statements` table's columns (value kept as text, as printed)."""
    return pd.DataFrame({
        "source_id": INFO.id,
        "edition": valid["edition_year"].astype("Int64"),
        "iso3": valid["iso3"],
        "metric": valid["metric"],
        "value_text": valid["value"],
        "unit": valid["unit"],
        "statement": valid["statement"],
        "report_title": valid["report_title"],
        "publication_date": valid["publication_date"],
        "data_period": valid["data_period"],
        "source_url": valid["source_url"],
        "source_kind": valid["source_kind"],
        "source_note": valid["source_note"],
    }).reset_index(drop=True)
