"""Helpers of the news tests: a writable store holding the official data, news sources run on it."""

from __future__ import annotations

from pathlib import Path

from etl import pipeline, run_safety, store
from etl.settings import Settings
from tests.conftest import clone_store, make_settings


def store_with_official(tmp: Path, loaded: Settings, **overrides) -> Settings:
    """Settings on a copy of the session's loaded store (official figures, no articles)."""
    made = make_settings(tmp, **overrides)
    clone_store(loaded.database_url, made.database_url)
    return made


def run(name: str, settings: Settings) -> run_safety.RunResult:
    """One run of one source on the settings' store."""
    engine = store.make_engine(settings.database_url)
    try:
        return pipeline.run_sources([name], settings, engine)[0]
    finally:
        engine.dispose()
