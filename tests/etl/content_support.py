"""Helpers for the tests of the statements' changelog: a store with the INTERPOL findings and
the GCI evidence published once (on the engine under test), and edits of their copied files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from etl import pipeline, run_safety, store
from etl.settings import Settings
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import refresh_settings

INTERPOL = "interpol_africa_cyberthreat_facts.csv"
EVIDENCE = "gci_source_values.csv"
CONTENT_SOURCES = ["interpol_act", "itu_gci_evidence"]

# The finding edited (words and figure) and the one dropped by :func:`interpol_refresh`.
EDITED_METRIC = "share_of_detected_cyber_extortion_in_africa"
EDITED_OLD = "Morocco accounted for 69% of cyber-extortion detected in Africa"
EDITED_NEW = "Morocco accounted for 71% of cyber-extortion detected in Africa"
DROPPED_METRIC = "extortion_spam_attempts_trend_micro"
# The press value edited by :func:`evidence_refresh`: DailyMorocco's GCI 2020 overall for
# Morocco, printed 83.65 (Malta's score), read as 82.41.
PRESS_URL = "https://dailymorocco.com/global-cybersecurity-index-morocco-50th-in-the-world/"


def content_store(tmp: Path) -> tuple[Settings, sa.Engine]:
    """Settings on a private copy of datasets/ and a store where the INTERPOL findings and the
    GCI evidence were published once (their first publication)."""
    settings = refresh_settings(tmp)
    engine = store.make_engine(settings.database_url)
    results = pipeline.run_sources(CONTENT_SOURCES, settings, engine)
    assert [r.status for r in results] == ["succeeded"] * 2, results
    return settings, engine


def edit_file(settings: Settings, name: str,
              change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """Rewrite a copied data file through ``change`` (a frame of strings), its sidecar
    updated (a change made on purpose)."""
    path = settings.datasets_dir / name
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False)
    reseal(path)


def _one(mask: pd.Series) -> pd.Series:
    assert mask.sum() == 1, int(mask.sum())
    return mask


def interpol_edit_and_drop(frame: pd.DataFrame) -> pd.DataFrame:
    """Morocco's 2023 cyber-extortion share reworded (69% to 71%, its value too) and the Trend
    Micro extortion-spam finding about Morocco dropped."""
    edited = _one((frame["iso3"] == "MAR") & (frame["metric"] == EDITED_METRIC))
    assert frame.loc[edited, "statement"].item() == EDITED_OLD
    frame.loc[edited, "statement"] = EDITED_NEW
    frame.loc[edited, "value"] = "71"
    dropped = _one((frame["iso3"] == "MAR") & (frame["metric"] == DROPPED_METRIC))
    return frame[~dropped]


def press_value_corrected(frame: pd.DataFrame) -> pd.DataFrame:
    """DailyMorocco's GCI 2020 overall for Morocco: 83.65 as printed, now 82.41."""
    press = _one((frame["iso3"] == "MAR") & (frame["edition"] == "2020")
                 & (frame["field"] == "overall_score") & (frame["source_url"] == PRESS_URL))
    assert frame.loc[press, "value"].item() == "83.65"
    frame.loc[press, "value"] = "82.41"
    return frame


def refresh_with_edits(settings: Settings, engine: sa.Engine) -> list[run_safety.RunResult]:
    """Edit both files and run both sources again (releases 3 and 4)."""
    edit_file(settings, INTERPOL, interpol_edit_and_drop)
    edit_file(settings, EVIDENCE, press_value_corrected)
    results = pipeline.run_sources(CONTENT_SOURCES, settings, engine)
    assert [r.status for r in results] == ["succeeded"] * 2, results
    return results
