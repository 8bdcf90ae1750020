"""Shared fixtures: settings on a temporary store, and a store loaded with the bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import pipeline, store
from etl.settings import Settings


def make_settings(tmp: Path, **overrides) -> Settings:
    """Settings pointing at a fresh SQLite file and raw folder under ``tmp``."""
    values = {"database_url": f"sqlite:///{tmp / 'cyberindex.db'}", "raw_dir": tmp / "raw"}
    values.update(overrides)
    return Settings.from_env(**values)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on an empty temporary store (function scope)."""
    return make_settings(tmp_path)


@pytest.fixture
def engine(settings: Settings):
    """An engine on the empty temporary store, schema created."""
    eng = store.make_engine(settings.database_url)
    store.init_schema(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def loaded_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on a store loaded once per session with every bundled source (read-only use)."""
    tmp = tmp_path_factory.mktemp("loaded")
    loaded = make_settings(tmp)
    eng = store.make_engine(loaded.database_url)
    results = pipeline.run_sources([], loaded, eng)
    eng.dispose()
    failed = [r for r in results if r.status != "succeeded"]
    assert not failed, f"bundled sources failed to load: {failed}"
    return loaded


@pytest.fixture(scope="session")
def loaded_engine(loaded_settings: Settings):
    """An engine on the session's loaded store. Tests must not write to it."""
    eng = store.make_engine(loaded_settings.database_url)
    yield eng
    eng.dispose()
