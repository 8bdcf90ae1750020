"""Fixtures shared by the ETL tests."""

from __future__ import annotations

import pytest

from etl import store
from tests.etl.refresh_support import published_copy


@pytest.fixture
def baseline(tmp_path):
    """A store with the bundled GCI published once; returns (settings, engine)."""
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    yield settings, engine
    engine.dispose()
