"""Fixtures of the news tests: official GCI rows and the sample articles."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

HERE = Path(__file__).parent
SAMPLES = HERE.parents[2] / "datasets" / "news_samples"


@pytest.fixture(scope="session")
def official() -> pd.DataFrame:
    """Official ITU GCI rows (2018, 2020, 2024) copied from shared data/gci_scores.csv."""
    return pd.read_csv(HERE / "official_gci.csv", comment="#")


@pytest.fixture(scope="session")
def store_official(loaded_engine):
    """The official rows claims are checked against, as ingestion reads them from a store
    loaded with the bundled data (every index, every edition)."""
    from etl.news import reading

    return reading.official_rows_of(loaded_engine)


@pytest.fixture(scope="session")
def load_sample():
    """A loader of the sample articles of datasets/news_samples, by file name without .json."""

    def load(name: str) -> dict:
        return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))

    return load
