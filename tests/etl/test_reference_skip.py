"""The country and group reference is reloaded by a refresh only when its files changed."""

from __future__ import annotations

import pytest

from etl import pipeline, reference, store
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import refresh_settings


@pytest.fixture
def prepared(tmp_path, monkeypatch):
    """A prepared store on a private datasets/ copy, and a counter of reference loads."""
    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    pipeline.prepare_store(engine, settings)
    loads: list[int] = []
    real = reference.load_reference
    monkeypatch.setattr(reference, "load_reference",
                        lambda conn, s: (loads.append(1), real(conn, s))[1])
    yield settings, engine, loads
    engine.dispose()


def test_unchanged_reference_is_not_reloaded(prepared):
    """A second prepare_store with the same files loads nothing; the hash is kept."""
    settings, engine, loads = prepared
    pipeline.prepare_store(engine, settings)
    assert loads == []
    with engine.connect() as conn:
        assert store.reference_sha256(conn) == reference.reference_sha256(settings)


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in reference.REFERENCE_FILES])
def test_edited_reference_file_is_reloaded(prepared, name):
    """Editing any reference file (here, appending a blank line) reloads the reference once."""
    settings, engine, loads = prepared
    path = settings.datasets_dir / name
    path.write_bytes(path.read_bytes() + b"\n")
    reseal(path)
    pipeline.prepare_store(engine, settings)
    pipeline.prepare_store(engine, settings)
    assert loads == [1]


def test_emptied_countries_table_is_reloaded(prepared):
    """A recorded hash does not hide an empty countries table: it is loaded again."""
    settings, engine, loads = prepared
    with engine.begin() as conn:
        conn.execute(store.group_members.delete())
        conn.execute(store.countries.delete())
    pipeline.prepare_store(engine, settings)
    assert loads == [1]
    assert len(store.countries_frame(engine)) > 200
