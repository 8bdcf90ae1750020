"""The staged pipeline every source goes through: fetch, keep raw, parse, validate, load.

A source's load is one transaction (observations, quarantine, snapshot row, changelog,
release and the run's outcome commit together), so what the dashboard reads changes only when
a load commits; a failing or killed source leaves its earlier data as it was, and the other
sources still run. A published run makes the source's observations equal its new valid rows,
unless the publish gate holds the release (too few rows, too many quarantined, a country
dropped) for ``cyberindex etl publish SOURCE --force``. One refresh runs at a time
(:mod:`etl.locks`); runs a killed refresh left "running" are marked "abandoned".
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pandas as pd
from pandera.errors import SchemaErrors
from sqlalchemy.engine import Engine

from etl import alerts, changes, locks, reference, schemas, store, targets
from etl.settings import Settings
from etl.snapshots import keep_raw
from etl.sources import SOURCES
from etl.sources.base import Fetched, SourceFileError

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
    release_id: int | None = None


def prepare_store(engine: Engine, settings: Settings) -> None:
    """Create tables and load the country and group reference (idempotent; the reference is
    skipped when its files' SHA-256 is the one already loaded)."""
    store.init_schema(engine)
    with engine.begin() as conn:
        _prepare(conn, settings)


def _prepare(conn, settings: Settings) -> None:
    reference.ensure_reference(conn, settings)
    register_sources(conn, SOURCES.values())


def register_sources(conn, modules: Iterable[ModuleType]) -> None:
    """Record sources and their indicators' metadata (two bulk upserts)."""
    modules = list(modules)
    store.upsert_rows(conn, store.sources, "source_id", [
        {"source_id": m.INFO.id, "publisher": m.INFO.publisher, "title": m.INFO.title,
         "url": m.INFO.url, "licence": m.INFO.licence, "cadence": m.INFO.cadence,
         "kind": m.INFO.kind}
        for m in modules
    ])
    store.upsert_rows(conn, store.indicators, "indicator_id", [
        {"indicator_id": ind.id, "source_id": m.INFO.id, "name": ind.name, "unit": ind.unit,
         "scale": ind.scale, "higher_is_better": ind.higher_is_better,
         "methodology_note": ind.methodology_note}
        for m in modules for ind in m.INDICATORS
    ])


def resolve_sources(names: Iterable[str]) -> list[ModuleType]:
    """Source modules by id; all of them when no name is given."""
    names = list(names)
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise UnknownSourceError(
            f"unknown source {', '.join(unknown)!s}; known: {', '.join(sorted(SOURCES))}"
        )
    return [SOURCES[n] for n in names] if names else list(SOURCES.values())


def run_source(module: ModuleType, settings: Settings, engine: Engine, *,
               fetched: Fetched | None = None, force: bool = False,
               note: str | None = None) -> RunResult:
    """One run of one source; never raises for a source's own failure.

    ``fetched`` replaces the fetch (a kept snapshot, to publish a held run); ``force`` bypasses
    the publish gate. Call with the refresh lock held (see :func:`run_sources`).
    """
    source_id = module.INFO.id
    run_id = store.start_run(engine, source_id)
    try:
        if fetched is None:
            fetched = targets.fetch(module, settings, engine)
            if fetched.not_modified:  # live source, every URL answered 304: nothing to keep
                with engine.begin() as conn:
                    store.finish_run(conn, run_id, "unchanged", targets.NOT_MODIFIED)
                return RunResult(source_id, run_id, "unchanged", targets.NOT_MODIFIED)
        _test_pause("fetch")
        snapshot = _keep_raw(fetched.body, settings)
        raw = module.parse(fetched.body)
        _test_pause("parse")
        checked = schemas.split_valid(raw, module.SCHEMA)
        _test_pause("validate")
        obs, corrected = targets.observations(module, checked.valid, settings)
        if not obs.empty:
            obs["snapshot_sha256"] = snapshot.sha256
        with engine.begin() as conn:
            store.record_snapshot(
                conn, sha256=snapshot.sha256, source_id=source_id, origin=fetched.origin,
                size=snapshot.size, fetched_at=store.utcnow(), path=str(snapshot.path),
            )
            quarantined = store.write_quarantine(conn, run_id, source_id, checked.quarantined)
            counts = {"fetched": len(raw), "valid": len(checked.valid), "quarantined": quarantined}
            published = publish(conn, source_id, obs, run_id, snapshot.sha256, counts, settings,
                                force=force or not getattr(module, "PUBLISH_GATE", True))
            _test_pause("load")
            if published.held_reason:
                store.finish_run(conn, run_id, "held", published.held_reason,
                                 snapshot_sha256=snapshot.sha256, **counts)
            else:
                extra = targets.load_extra(conn, module, checked.valid, run_id, snapshot.sha256,
                                           fetched, corrected)
                note = "; ".join(n for n in (note, extra.note) if n) or None
                counts.update(inserted=published.counts.inserted + extra.counts.inserted,
                              updated=published.counts.updated + extra.counts.updated,
                              unchanged=published.counts.unchanged + extra.counts.unchanged)
                store.finish_run(conn, run_id, "succeeded", note,
                                 snapshot_sha256=snapshot.sha256, **counts)
        if published.held_reason:
            log.warning("source %s held: %s", source_id, published.held_reason)
            return RunResult(source_id, run_id, "held", published.held_reason, counts,
                             snapshot.sha256)
        _deliver_alerts(published.alerts, settings)
        _recheck_claims(source_id, published.release_id, engine)
        return RunResult(source_id, run_id, "succeeded", note, counts, snapshot.sha256,
                         published.release_id)
    except targets.SourceNotConfigured as exc:  # a live source without its settings
        with engine.begin() as conn:
            store.finish_run(conn, run_id, "skipped", str(exc))
        return RunResult(source_id, run_id, "skipped", str(exc))
    except Exception as exc:  # noqa: BLE001 - a source's failure is recorded, not raised
        reason = _reason(exc)
        log.warning("source %s failed: %s", source_id, reason)
        with engine.begin() as conn:
            store.finish_run(conn, run_id, "failed", reason)
        return RunResult(source_id, run_id, "failed", reason)


class SnapshotError(RuntimeError):
    """The raw payload could not be kept (disk full, read-only folder): nothing is loaded."""


def _keep_raw(body: bytes, settings: Settings):
    try:
        return keep_raw(body, settings.raw_dir)
    except OSError as exc:
        raise SnapshotError(
            f"cannot keep the raw snapshot under {settings.raw_dir}: {exc.strerror or exc}"
        ) from exc


# ------------------------------------------------------------------------ publication


@dataclass
class Published:
    """What publishing a run's observations did (or why it was held)."""

    held_reason: str | None = None
    counts: store.LoadCounts = field(default_factory=store.LoadCounts)
    removed: int = 0
    release_id: int | None = None
    alerts: list[dict] = field(default_factory=list)


# The publish gate's reason: GATE_PREFIX, then the parts below joined by "; " (the Status page
# reads the parts back and says them in its language; the templates are its catalog's texts).
GATE_PREFIX = "publish gate: "
GATE_QUARANTINED = "{quarantined} of {fetched} rows quarantined ({share} > {limit})"
GATE_SHRANK = "{rows} rows against {published} published ({share} < {limit})"
GATE_DROPS = "drops {count} country(ies) of the previous release: {countries}"
GATE_PARTS = (GATE_QUARANTINED, GATE_SHRANK, GATE_DROPS)


def publish_gate_reason(old: dict[tuple, dict], new: pd.DataFrame, fetched: int,
                        quarantined: int, settings: Settings) -> str | None:
    """Why a release must be held for a person to look at it, or None (pure)."""
    reasons = []
    if fetched and quarantined / fetched > settings.publish_max_quarantine_ratio:
        reasons.append(GATE_QUARANTINED.format(
            quarantined=quarantined, fetched=fetched, share=f"{quarantined / fetched:.0%}",
            limit=f"{settings.publish_max_quarantine_ratio:.0%}"))
    if old:
        if len(new) < settings.publish_min_row_ratio * len(old):
            reasons.append(GATE_SHRANK.format(
                rows=len(new), published=len(old), share=f"{len(new) / len(old):.0%}",
                limit=f"{settings.publish_min_row_ratio:.0%}"))
        kept = set(new["iso3"].unique()) if not new.empty else set()
        dropped = sorted({key[1] for key in old} - kept)
        if dropped:
            shown = ", ".join(dropped[:10]) + (" ..." if len(dropped) > 10 else "")
            reasons.append(GATE_DROPS.format(count=len(dropped), countries=shown))
    return (GATE_PREFIX + "; ".join(reasons)) if reasons else None


def publish(conn, source_id: str, obs: pd.DataFrame, run_id: int, snapshot_sha256: str,
            counts: dict[str, int], settings: Settings, *, force: bool = False) -> Published:
    """Make the source's observations equal ``obs`` (gate permitting), with diff and release.

    Runs inside the caller's transaction: data, changelog and release commit together.
    """
    indicator_ids = store.source_indicator_ids(conn, source_id)
    old = store.published_observations(conn, indicator_ids)
    if not force:
        reason = publish_gate_reason(old, obs, counts["fetched"], counts["quarantined"],
                                     settings)
        if reason:
            return Published(held_reason=reason)
    # A first publication adds every row: its changelog is copied from the rows loaded (below).
    diff = changes.diff_observations(old, obs) if old else []
    # The rows just read are what the load compares against, unless the frame names an
    # indicator that is not the source's (then the load reads its own).
    ours = obs.empty or set(obs["indicator_id"].unique()) <= set(indicator_ids)
    loaded = store.load_observations(conn, obs, run_id, existing=old if ours else None)
    removed = store.delete_observations(conn, changes.removed_keys(diff))
    if not (loaded.inserted or loaded.updated or removed):
        return Published(counts=loaded)
    release_id = store.add_release(conn, run_id, source_id)
    now = store.utcnow()
    common = {"run_id": run_id, "release_id": release_id, "source_id": source_id,
              "snapshot_sha256": snapshot_sha256, "changed_at": now}
    if old:
        store.write_changes(conn, diff, **common)
    else:
        store.write_added_changes(conn, sorted(set(obs["indicator_id"])), **common)
    # The first publication of a source is its baseline, not news: no alerts for it.
    raised = alerts.alerts_for(
        diff, set(old), settings.watched_countries, source_id=source_id, run_id=run_id,
        release_id=release_id, at=now.isoformat(),
    ) if old else []
    return Published(counts=loaded, removed=removed, release_id=release_id, alerts=raised)


def _recheck_claims(source_id: str, release_id: int | None, engine: Engine) -> None:
    """After a release of an index's data, the news claims about that index are checked again
    against it, in their own transaction once the data is committed (claims are derived from
    it: a failure here is logged and leaves them as they were, never fails the run)."""
    from etl.news import ingest
    from etl.news.verify import SCORE_INDICATORS

    if release_id is None or source_id not in SCORE_INDICATORS:
        return
    try:
        with engine.begin() as conn:
            articles = ingest.recheck_claims(conn, [source_id])
        if articles:
            log.info("claims of %d article(s) about %s checked again", articles, source_id)
    except Exception as exc:  # noqa: BLE001 - derived data; the release stands
        log.error("claims about %s not checked again: %s", source_id, exc)


def _deliver_alerts(raised: list[dict], settings: Settings) -> None:
    if not raised:
        return
    try:
        report = alerts.deliver(raised, settings)
        log.info("alerts: %s", report)
    except Exception as exc:  # noqa: BLE001 - alerting never fails a refresh
        log.error("alert delivery failed: %s", exc)


# ------------------------------------------------------------------------ test hook

PAUSE_AT_ENV = "CYBERINDEX_TEST_PAUSE_AT"
PAUSE_MARKER_ENV = "CYBERINDEX_TEST_PAUSE_MARKER"


def _test_pause(stage: str) -> None:
    """Fault-test hook, inert unless ``CYBERINDEX_TEST_PAUSE_AT`` names this stage.

    Stages: fetch, parse, validate, load (inside the load transaction, before commit). The run
    creates the file named by ``CYBERINDEX_TEST_PAUSE_MARKER`` and waits until it is removed
    (at most two minutes), so a test can kill it at a known point or let it go on.
    """
    if os.environ.get(PAUSE_AT_ENV) != stage or not os.environ.get(PAUSE_MARKER_ENV):
        return
    marker = Path(os.environ[PAUSE_MARKER_ENV])
    marker.touch()
    deadline = time.monotonic() + 120
    while marker.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def _reason(exc: Exception) -> str:
    if isinstance(exc, SchemaErrors):
        return "schema: " + "; ".join(
            sorted({f"{c.column}: {c.check}" for c in exc.failure_cases.itertuples()})
        )
    if isinstance(exc, SourceFileError | SnapshotError | OSError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


ABANDONED = "abandoned: interrupted (killed or crashed) before it finished; found by a later run"


def run_sources(names: Iterable[str], settings: Settings, engine: Engine) -> list[RunResult]:
    """Run the named sources (all when none), each in its own transaction, under the lock.

    Raises :class:`etl.locks.LockBusy` at once when another refresh holds the lock.
    """
    names = list(names)
    modules = resolve_sources(names)
    if not names:  # "all": bundled sources, and live ones only when enabled in settings
        modules = [m for m in modules
                   if m.INFO.kind != "live" or m.INFO.id in settings.live_sources]
    store.init_schema(engine)
    with locks.refresh_lock(engine, settings):
        _prepare_locked(engine, settings)
        return [run_source(module, settings, engine) for module in modules]


def _prepare_locked(engine: Engine, settings: Settings) -> None:
    """:func:`prepare_store` and the abandoned runs in one transaction (the caller has brought
    the schema up to date before taking the lock)."""
    with engine.begin() as conn:
        _prepare(conn, settings)
        abandoned = store.abandon_running_runs(conn, ABANDONED)
    if abandoned:
        log.warning("marked interrupted run(s) %s as abandoned", abandoned)


class NothingHeldError(ValueError):
    """``publish --force`` asked for a source whose latest run is not held."""


def publish_held(name: str, settings: Settings, engine: Engine) -> RunResult:
    """Publish a source's held run from its kept raw snapshot, bypassing the gate."""
    module = resolve_sources([name])[0]
    store.init_schema(engine)
    with locks.refresh_lock(engine, settings):
        _prepare_locked(engine, settings)
        with engine.connect() as conn:
            run = store.latest_run(conn, module.INFO.id)
            if run is None or run["status"] != "held":
                status = run["status"] if run else "none"
                raise NothingHeldError(f"{name}: no held release to publish (latest run: {status})")
            snap = store.snapshot_row(conn, run["snapshot_sha256"] or "")
        if snap is None:
            raise NothingHeldError(f"{name}: held run {run['run_id']} has no kept snapshot")
        try:
            body = Path(snap["path"]).read_bytes()
        except OSError as exc:
            raise NothingHeldError(f"{name}: cannot read snapshot {snap['path']}: {exc}") from exc
        if hashlib.sha256(body).hexdigest() != snap["sha256"]:
            raise NothingHeldError(f"{name}: snapshot {snap['path']} does not match its SHA-256")
        return run_source(module, settings, engine, fetched=Fetched(body, snap["origin"]),
                          force=True, note=f"forced publication of held run {run['run_id']}")


def prune_snapshots(engine: Engine, settings: Settings, keep: int) -> list[dict]:
    """Remove kept snapshots beyond the ``keep`` newest per source (files and rows).

    A snapshot that published observations cite, or that a source's latest held run needs
    for ``publish --force``, is never removed. Returns the removed snapshot rows.
    """
    store.init_schema(engine)
    with locks.refresh_lock(engine, settings):
        with engine.begin() as conn:
            protected = store.referenced_snapshots(conn)
            seen: dict[str, int] = {}
            doomed = []
            for row in store.snapshot_rows(conn):
                seen[row["source_id"]] = seen.get(row["source_id"], 0) + 1
                if seen[row["source_id"]] > keep and row["sha256"] not in protected:
                    doomed.append(row)
            for row in doomed:
                store.delete_snapshot_row(conn, row["sha256"])
        # Files go after the rows commit: a failure here leaves an unlisted file, never a
        # listed snapshot without its bytes.
        for row in doomed:
            try:
                Path(row["path"]).unlink(missing_ok=True)
            except OSError as exc:
                log.warning("cannot remove snapshot file %s: %s", row["path"], exc)
    return doomed
