"""The staged pipeline every source goes through: fetch, keep raw, parse, validate, load.

A source's load is one transaction (observations, quarantine, snapshot row and the run's
outcome commit together), so what the dashboard reads changes only when a load commits; a
failing source leaves its earlier data as it was, and the other sources still run.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType

import pandas as pd
from pandera.errors import SchemaErrors
from sqlalchemy.engine import Engine

from etl import reference, schemas, store
from etl.settings import Settings
from etl.snapshots import keep_raw
from etl.sources import SOURCES
from etl.sources.base import SourceFileError

log = logging.getLogger(__name__)


class UnknownSourceError(ValueError):
    """A source name that is not in the registry."""


@dataclass
class RunResult:
    """What one run of one source did."""

    source_id: str
    run_id: int
    status: str
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    snapshot_sha256: str | None = None


def prepare_store(engine: Engine, settings: Settings) -> None:
    """Create tables and load the country and group reference (idempotent)."""
    store.init_schema(engine)
    with engine.begin() as conn:
        reference.load_reference(conn, settings)
        for module in SOURCES.values():
            register_source(conn, module)


def register_source(conn, module: ModuleType) -> None:
    """Record a source and its indicators' metadata."""
    info = module.INFO
    store.upsert_by_key(conn, store.sources, "source_id", {
        "source_id": info.id, "publisher": info.publisher, "title": info.title,
        "url": info.url, "licence": info.licence, "cadence": info.cadence, "kind": info.kind,
    })
    for ind in module.INDICATORS:
        store.upsert_by_key(conn, store.indicators, "indicator_id", {
            "indicator_id": ind.id, "source_id": info.id, "name": ind.name, "unit": ind.unit,
            "scale": ind.scale, "higher_is_better": ind.higher_is_better,
            "methodology_note": ind.methodology_note,
        })


def resolve_sources(names: Iterable[str]) -> list[ModuleType]:
    """Source modules by id; all of them when no name is given."""
    names = list(names)
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise UnknownSourceError(
            f"unknown source {', '.join(unknown)!s}; known: {', '.join(sorted(SOURCES))}"
        )
    return [SOURCES[n] for n in names] if names else list(SOURCES.values())


def run_source(module: ModuleType, settings: Settings, engine: Engine) -> RunResult:
    """One run of one source; never raises for a source's own failure."""
    source_id = module.INFO.id
    run_id = store.start_run(engine, source_id)
    try:
        fetched = module.fetch(settings)
        snapshot = keep_raw(fetched.body, settings.raw_dir)
        raw = module.parse(fetched.body)
        checked = schemas.split_valid(raw, module.SCHEMA)
        obs = module.to_observations(checked.valid) if len(checked.valid) else pd.DataFrame()
        if not obs.empty:
            obs["snapshot_sha256"] = snapshot.sha256
        with engine.begin() as conn:
            store.record_snapshot(
                conn, sha256=snapshot.sha256, source_id=source_id, origin=fetched.origin,
                size=snapshot.size, fetched_at=store.utcnow(), path=str(snapshot.path),
            )
            quarantined = store.write_quarantine(conn, run_id, source_id, checked.quarantined)
            loaded = store.load_observations(conn, obs, run_id)
            counts = {
                "fetched": len(raw), "valid": len(checked.valid), "quarantined": quarantined,
                "inserted": loaded.inserted, "updated": loaded.updated,
                "unchanged": loaded.unchanged,
            }
            store.finish_run(conn, run_id, "succeeded", None,
                             snapshot_sha256=snapshot.sha256, **counts)
        return RunResult(source_id, run_id, "succeeded", None, counts, snapshot.sha256)
    except Exception as exc:  # noqa: BLE001 - a source's failure is recorded, not raised
        reason = _reason(exc)
        log.warning("source %s failed: %s", source_id, reason)
        with engine.begin() as conn:
            store.finish_run(conn, run_id, "failed", reason)
        return RunResult(source_id, run_id, "failed", reason)


def _reason(exc: Exception) -> str:
    if isinstance(exc, SchemaErrors):
        return "schema: " + "; ".join(
            sorted({f"{c.column}: {c.check}" for c in exc.failure_cases.itertuples()})
        )
    if isinstance(exc, SourceFileError | OSError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def run_sources(names: Iterable[str], settings: Settings, engine: Engine) -> list[RunResult]:
    """Run the named sources (all when none), each in its own transaction."""
    modules = resolve_sources(names)
    prepare_store(engine, settings)
    return [run_source(module, settings, engine) for module in modules]
