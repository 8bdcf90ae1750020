"""Helpers for the refresh tests: a private copy of datasets/ to edit, and settings on it."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl import pipeline, store
from etl.settings import DATASETS_DIR, PROJECT_ROOT, Settings
from tests.conftest import clone_store, make_settings
from tests.etl.bundled_support import reseal

GCI = "gci_scores.csv"


def refresh_settings(tmp: Path, **overrides) -> Settings:
    """Settings on a temporary store with its own copy of datasets/ and alert log."""
    datasets = tmp / "datasets"
    if not datasets.exists():
        shutil.copytree(DATASETS_DIR, datasets)
    values = {"datasets_dir": datasets, "alerts_log": tmp / "alerts.jsonl",
              "alert_backoff_seconds": 0.01, "alert_webhook_url": "", "smtp_host": ""}
    values.update(overrides)
    return make_settings(tmp, **values)


def read_gci(settings: Settings) -> pd.DataFrame:
    return pd.read_csv(settings.datasets_dir / GCI, dtype=str, keep_default_na=False)


def edit_gci(settings: Settings, change: Callable[[pd.DataFrame], pd.DataFrame]) -> None:
    """Rewrite the copied GCI file through ``change`` (a frame of strings), its sidecar
    updated (a change made on purpose)."""
    frame = change(read_gci(settings))
    frame.to_csv(settings.datasets_dir / GCI, index=False)
    reseal(settings.datasets_dir / GCI)


def set_cells(frame: pd.DataFrame, iso3: str, edition: str, **cells: str) -> pd.DataFrame:
    mask = (frame["iso3"] == iso3) & (frame["edition"] == edition)
    assert mask.sum() == 1, (iso3, edition)
    for column, value in cells.items():
        frame.loc[mask, column] = value
    return frame


def morocco_drops_to_tier_2(frame: pd.DataFrame) -> pd.DataFrame:
    """MAR 2024: legal pillar 20 -> 12.5, so the score is 90.0 and the tier 2 (Advancing)."""
    return set_cells(frame, "MAR", "2024", overall_score="90", tier="2",
                     tier_label="Advancing", legal="12.5")


def published(engine) -> pd.DataFrame:
    """What the dashboard reads, in a stable order."""
    return store.observations_frame(engine).drop(columns=["retrieved_at"])


def subprocess_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CYBERINDEX_")}
    env.update({
        "CYBERINDEX_DATABASE_URL": settings.database_url,
        "CYBERINDEX_RAW_DIR": str(settings.raw_dir),
        "CYBERINDEX_DATASETS_DIR": str(settings.datasets_dir),
        "CYBERINDEX_ALERTS_LOG": str(settings.alerts_log),
        "PYTHONPATH": str(PROJECT_ROOT),
    })
    env.update(extra)
    return env


def start_refresh(settings: Settings, *args: str, **env: str) -> subprocess.Popen:
    """``python -m etl.cli etl run ARGS`` in a subprocess on the same store."""
    return subprocess.Popen(
        [sys.executable, "-m", "etl.cli", "etl", "run", *args],
        cwd=PROJECT_ROOT, env=subprocess_env(settings, **env),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for(condition: Callable[[], bool], what: str, limit: float = 60.0) -> None:
    """Poll until ``condition`` holds (a safety limit, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


_TEMPLATE: list[tuple[Path, str]] = []  # (folder, database URL) of the template store


def published_copy(tmp: Path) -> Settings:
    """Settings on a copy of a store with the bundled GCI published once (built once per session)."""
    if not _TEMPLATE:
        base = Path(tempfile.mkdtemp(prefix="cyberindex-published-"))
        atexit.register(shutil.rmtree, base, True)
        settings = refresh_settings(base)
        engine = store.make_engine(settings.database_url)
        [result] = pipeline.run_sources(["itu_gci"], settings, engine)
        engine.dispose()
        assert result.status == "succeeded" and result.release_id == 1, result
        _TEMPLATE.append((base, settings.database_url))
    shutil.copytree(_TEMPLATE[0][0], tmp, dirs_exist_ok=True)
    settings = refresh_settings(tmp)
    clone_store(_TEMPLATE[0][1], settings.database_url)  # a file copy on SQLite, a schema on PG
    return settings
