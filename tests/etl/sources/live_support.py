"""Helpers shared by the live-source tests: fast settings, store rows, payload files."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from etl import store
from tests.conftest import clone_store, make_settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def payload(source: str, name: str) -> bytes:
    """A recorded payload under tests/fixtures/<source>/."""
    return (FIXTURES / source / name).read_bytes()


def fast_settings(tmp: Path, **overrides):
    """Settings on a temporary store with small time-outs and two attempts."""
    values = {"http_connect_timeout": 0.5, "http_read_timeout": 0.5, "http_max_attempts": 2}
    values.update(overrides)
    return make_settings(tmp, **values)


def observation_rows(engine, prefix: str) -> list[tuple]:
    """Every observation of indicators starting with ``prefix``, as comparable tuples."""
    o = store.observations
    query = (sa.select(o.c.indicator_id, o.c.iso3, o.c.edition, o.c.value, o.c.rank,
                       o.c.source_url, o.c.snapshot_sha256)
             .where(o.c.indicator_id.like(f"{prefix}%"))
             .order_by(o.c.indicator_id, o.c.iso3, o.c.edition))
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


def snapshot_count(engine, source_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(store.raw_snapshots)
                            .where(store.raw_snapshots.c.source_id == source_id)).scalar()


_TEMPLATE: dict[str, str] = {}  # the template store's database URL


def prepared_engine(settings):
    """An engine on ``settings``' store, copied from a once-prepared template store
    (reference and sources registered), so each test starts fresh without reloading them."""
    import tempfile

    from etl import pipeline

    if "db" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="cyberindex-template-"))
        template = make_settings(folder)
        engine = store.make_engine(template.database_url)
        pipeline.prepare_store(engine, template)
        engine.dispose()
        _TEMPLATE["db"] = template.database_url
    clone_store(_TEMPLATE["db"], settings.database_url)  # a file copy on SQLite, a schema on PG
    return store.make_engine(settings.database_url)
