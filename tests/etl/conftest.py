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


@pytest.fixture(params=[
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
])
def empty_url(request, tmp_path) -> str:
    """A URL to an empty database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrations.db'}"
    return request.getfixturevalue("postgres_url")
