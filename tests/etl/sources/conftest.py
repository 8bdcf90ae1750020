"""Fixtures shared by the sources' tests."""

from __future__ import annotations

import pytest

from tests.etl.sources.live_support import fast_settings, prepared_engine


@pytest.fixture
def wb(tmp_path, fault_server):
    """(settings, engine) pointing the World Bank source at the local server."""
    settings = fast_settings(tmp_path, worldbank_api_url=fault_server.url("/v2"))
    engine = prepared_engine(settings)
    yield settings, engine
    engine.dispose()
