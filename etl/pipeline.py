"""The staged pipeline every source goes through: fetch, keep raw, parse, validate, load.

A source's load is one transaction (observations, quarantine, snapshot row, changelog,
release and the run's outcome commit together), so what the dashboard reads changes only when
a load commits; a failing or killed source leaves its earlier data as it was, and the other
sources still run. A published run makes the source's observations (and its statements and
per-source values) equal its new valid rows, except that a published row whose incoming row was
quarantined keeps its value (only a key absent from a valid input is removed), unless the
publish gate (:mod:`etl.gate`: too few rows, too many quarantined, a country, an indicator or
an edition of one dropped, an indicator's values moved by a unit-like factor) holds the release
for ``cyberindex etl publish SOURCE --force`` (:mod:`etl.maintenance`), which stays possible
until a later run of the source publishes or is held again.
A database busy with another writer is waited for and tried again, then fails that source
alone. One refresh runs at a time (:mod:`etl.locks`), and a load commits only while its
refresh still holds the lock; runs a killed refresh left "running" are marked "abandoned".
What a release owes after its commit (the re-check of news claims, its alerts) is recorded in
its load transaction and done after the commit, or by the next refresh (``pending_work``,
:mod:`etl.owed_work`); a refresh refused the lock records "skipped" runs
(:mod:`etl.skipped_runs`).

Here: the run itself (:func:`run_sources`, :func:`run_source` and its load transaction,
:func:`publish`) and the fault-test pauses. What every part of a refresh shares (a run's result,
the busy-database retry, the refresh lock's busy-proof release, the fence before a commit, a
failed run's reason) is :mod:`etl.run_safety`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from etl import (
    alerts,
    changes,
    gate,
    locks,
    owed_work,
    reference,
    schemas,
    skipped_runs,
    store,
    targets,
)
from etl.run_safety import (
    DatabaseBusy,
    RunResult,
    SnapshotError,
    failure_reason,
    fence,
    refresh_lock,
    retry_when_busy,
)
from etl.settings import Settings
from etl.snapshots import Snapshot, keep_raw
from etl.sources import SOURCES
from etl.sources.base import Fetched

log = logging.getLogger(__name__)


class UnknownSourceError(ValueError):
    """A source name that is not in the registry."""


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
               note: str | None = None, lock: locks.Lock | None = None) -> RunResult:
    """One run of one source; never raises for a source's own failure.

    ``fetched`` replaces the fetch (a kept snapshot, to publish a held run); ``force`` bypasses
    the publish gate. Call with the refresh lock held (see :func:`run_sources`); given
    ``lock``, the load commits only if the lock is still this process's (else the run fails
    with :data:`etl.locks.LOCK_LOST` and nothing of it is published).
    """

    source_id = module.INFO.id
    try:
        run_id = retry_when_busy(lambda: store.start_run(engine, source_id), "starting the run")
    except DatabaseBusy as exc:
        log.error("source %s not run: %s", source_id, exc)
        return RunResult(source_id, None, "failed", str(exc))
    snapshot = None  # the raw bytes, once kept: a run failing after that names them
    try:
        if fetched is None:
            fetched = targets.fetch(module, settings, engine, run_id)
            if fetched.not_modified:  # live source, every URL answered 304: nothing to keep
                _record_outcome(engine, run_id, "unchanged", targets.NOT_MODIFIED)
                return RunResult(source_id, run_id, "unchanged", targets.NOT_MODIFIED)
        _test_pause("fetch")
        snapshot = _keep_raw(fetched.body, settings)
        raw = targets.parse(module, fetched.body, settings)
        _test_pause("parse")
        checked = schemas.split_valid(raw, module.SCHEMA)
        _test_pause("validate")
        obs, corrected = targets.observations(module, checked.valid, settings)
        if not obs.empty:
            obs["snapshot_sha256"] = snapshot.sha256
        prepared = Prepared(module, run_id, fetched, snapshot, len(raw), checked, obs, corrected,
                            targets.held_back_keys(module, checked.quarantined))
        loaded = retry_when_busy(
            lambda: _load(engine, prepared, settings, force=force or not getattr(
                module, "PUBLISH_GATE", True), note=note, lock=lock), "the load")
    except targets.SourceNotConfigured as exc:  # a live source without its settings
        _record_outcome(engine, run_id, "skipped", str(exc))
        return RunResult(source_id, run_id, "skipped", str(exc))
    except Exception as exc:  # noqa: BLE001 - a source's failure is recorded, not raised
        reason = failure_reason(exc)
        log.warning("source %s failed: %s", source_id, reason)
        kept = None if snapshot is None or fetched is None else {
            "sha256": snapshot.sha256, "source_id": source_id, "origin": fetched.origin,
            "size": snapshot.size, "path": str(snapshot.path),
            "retrieved_on": fetched.retrieved_on}
        _record_outcome(engine, run_id, "failed", reason, kept=kept)
        return RunResult(source_id, run_id, "failed", reason,
                         snapshot_sha256=None if kept is None else kept["sha256"])
    published = loaded.published
    if published.held_reason:
        log.warning("source %s held: %s", source_id, published.held_reason)
        return RunResult(source_id, run_id, "held", published.held_reason, loaded.counts,
                         snapshot.sha256)
    _test_pause("committed")
    if published.release_id is not None:  # its owed work was recorded in the load: do it now
        owed_work.complete_owed_work(engine, settings, release_id=published.release_id)
    return RunResult(source_id, run_id, "succeeded", loaded.note, loaded.counts,
                     snapshot.sha256, published.release_id)


@dataclass(frozen=True)
class Prepared:
    """A run's input, checked and shaped, ready for its load transaction (which may be tried
    again when the database is busy: nothing here changes on the way)."""

    module: ModuleType
    run_id: int
    fetched: Fetched
    snapshot: Snapshot
    fetched_rows: int
    checked: schemas.Validated
    observations: pd.DataFrame
    corrected: list[dict]
    held_back: dict[str, frozenset | None]


@dataclass(frozen=True)
class Loaded:
    """What a run's load transaction committed: the publication (or why it was held), the
    run's counts and its note."""

    published: Published
    counts: dict[str, int]
    note: str | None


# The counts the ``runs`` table keeps: a run's removed and kept rows among them, so a
# refresh that deleted published rows says so on the Status page (its note says it in words).
RUN_COUNT_COLUMNS = ("fetched", "valid", "quarantined", "inserted", "updated", "unchanged",
                     "removed", "kept_quarantined")


def _load(engine: Engine, prepared: Prepared, settings: Settings, *, force: bool,
          note: str | None, lock: locks.Lock | None = None) -> Loaded:
    """The load transaction: snapshot row, quarantine, publication (or hold), side records and
    the run's outcome commit together, or not at all: not at all when ``lock`` was taken over
    meanwhile (checked last, so a stalled run never commits over a newer holder's release)."""

    module, run_id, snapshot = prepared.module, prepared.run_id, prepared.snapshot
    source_id, checked = module.INFO.id, prepared.checked
    with engine.begin() as conn:
        store.record_snapshot(
            conn, sha256=snapshot.sha256, source_id=source_id, origin=prepared.fetched.origin,
            size=snapshot.size, fetched_at=store.utcnow(), path=str(snapshot.path),
            retrieved_on=prepared.fetched.retrieved_on,
        )
        quarantined = store.write_quarantine(conn, run_id, source_id, checked.quarantined,
                                             snapshot.sha256)
        counts = {"fetched": prepared.fetched_rows, "valid": len(checked.valid),
                  "quarantined": quarantined.count}
        again = _quarantined_again_note(quarantined, snapshot.sha256)
        content = targets.plan_content(conn, module, checked.valid, snapshot.sha256,
                                       prepared.held_back)
        obs, attribution = targets.attributed(conn, module, prepared.observations)
        published = publish(conn, source_id, obs, run_id, snapshot.sha256,
                            counts, settings, force=force,
                            held_back=prepared.held_back.get("observations", frozenset()),
                            content=content)
        _test_pause("load")
        if published.held_reason:
            if again:  # the reason stays the gate's (read back part by part): logged here
                log.info("source %s: %s", source_id, again)
            store.finish_run(conn, run_id, "held", published.held_reason,
                             snapshot_sha256=snapshot.sha256, **counts)
            fence(conn, lock)
            return Loaded(published, counts, None)
        extra = targets.load_extra(conn, module, checked.valid, run_id, snapshot.sha256,
                                   prepared.fetched, prepared.corrected)
        done = published.counts + extra.counts
        counts.update(inserted=done.inserted, updated=done.updated, unchanged=done.unchanged,
                      removed=done.removed, kept_quarantined=done.kept)
        # Why some were kept: a quarantined row whose key could not be read stands for every
        # published row it could be (etl.targets.held_back_keys).
        unread = targets.unread_key_note(module, checked.quarantined) if done.kept else None
        note = "; ".join(n for n in (note, attribution, extra.note, _kept_note(done), unread,
                                     again) if n) or None
        store.finish_run(conn, run_id, "succeeded", note, snapshot_sha256=snapshot.sha256,
                         **{k: counts[k] for k in RUN_COUNT_COLUMNS})
        owed_work.record_owed_work(conn, source_id, published)
        fence(conn, lock)
    return Loaded(published, counts, note)


def _kept_note(counts: store.LoadCounts) -> str | None:
    """What a published run removed and kept, in words for the run's note (the runs table
    counts them too: ``removed``, ``kept_quarantined``; migration 0004 reads this text back
    for runs recorded before those columns: keep its wording)."""
    parts = []
    if counts.removed:
        parts.append(f"removed {counts.removed} published row(s) the source no longer gives")
    if counts.kept:
        parts.append(f"kept {counts.kept} published row(s) as they were: their incoming rows "
                     f"were quarantined")
    return "; ".join(parts) or None


# A run's note when rows it read were quarantined from the same snapshot by an earlier run:
# not stored again, still quarantined (the Status page lists them under the run that read them).
QUARANTINED_AGAIN_NOTE = ("{count} row(s) still quarantined from snapshot {snapshot}, first "
                          "quarantined by run {run} (stored once)")


def _quarantined_again_note(quarantined: store.Quarantined, sha256: str) -> str | None:
    """:data:`QUARANTINED_AGAIN_NOTE` per run that first quarantined rows read again, or None."""
    return "; ".join(QUARANTINED_AGAIN_NOTE.format(count=rows, snapshot=sha256, run=first)
                     for first, rows in quarantined.again) or None


def _record_outcome(engine: Engine, run_id: int, status: str, reason: str, *,
                    kept: dict | None = None) -> None:
    """Close a run outside a load (failed, skipped, unchanged), waiting out a busy database;
    if it cannot be written even so, the reason is logged (the run stays "running" until a
    later run marks it abandoned) and the refresh goes on with the other sources.

    ``kept``: the raw snapshot the run kept before failing (:func:`store.record_snapshot`'s
    fields), listed and named by the run, so the bytes that failed are found from the run, kept
    by backups and pruned as any snapshot (an unlisted file was neither)."""
    def finish() -> None:
        with engine.begin() as conn:
            if kept is not None:
                store.record_snapshot(conn, fetched_at=store.utcnow(), **kept)
            store.finish_run(conn, run_id, status, reason,
                             **({} if kept is None else {"snapshot_sha256": kept["sha256"]}))

    try:
        retry_when_busy(finish, f"recording the run as {status}")
    except Exception as exc:  # noqa: BLE001 - the other sources still run
        if kept is not None:  # the outcome matters more than listing the bytes (on disk)
            log.error("run %s: its snapshot %s could not be listed: %s", run_id,
                      kept["sha256"], failure_reason(exc))
            _record_outcome(engine, run_id, status, reason)
            return
        log.error("run %s could not be recorded as %s (%s): %s", run_id, status, reason,
                  failure_reason(exc))


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
    """What publishing a run's data did (or why it was held): counts of observations and keyed
    rows together, removed and kept included."""

    held_reason: str | None = None
    counts: store.LoadCounts = field(default_factory=store.LoadCounts)
    release_id: int | None = None
    alerts: list[dict] = field(default_factory=list)


def kept_keys(old: dict[tuple, dict], new: pd.DataFrame,
              held_back: frozenset | None) -> set[tuple]:
    """Published keys the new rows lack because their incoming row was quarantined
    (``held_back``; None: not known which, so every key the new rows lack): they keep their
    published value, unchanged, rather than being removed."""
    if not old:
        return set()
    given = set() if new.empty else set(zip(
        new["indicator_id"].tolist(), new["iso3"].tolist(),
        (int(e) for e in new["edition"].tolist()), strict=True))
    missing = old.keys() - given
    return missing if held_back is None else missing & held_back


def publish(conn, source_id: str, obs: pd.DataFrame, run_id: int, snapshot_sha256: str,
            counts: dict[str, int], settings: Settings, *, force: bool = False,
            held_back: frozenset | None = frozenset(),
            content: Sequence[store.KeyedPlan] = ()) -> Published:
    """Make the source's observations equal ``obs`` and its keyed rows their ``content`` plans
    (gate permitting), with diff and release.

    A published observation ``obs`` lacks because its incoming row was quarantined
    (``held_back``) keeps its value: only a key absent from a valid input is removed. Runs
    inside the caller's transaction: data, changelog (observations' and keyed rows') and
    release commit together; a change to the keyed rows alone still makes a release, so caches
    keyed on it see the new rows.
    """
    indicator_ids = store.source_indicator_ids(conn, source_id)
    old = store.published_observations(conn, indicator_ids)
    kept = kept_keys(old, obs, held_back)
    replaced = {k: v for k, v in old.items() if k not in kept} if kept else old
    if not force:
        reason = gate.publish_gate_reason(replaced, obs, counts["fetched"],
                                          counts["quarantined"], settings, content)
        if reason:
            return Published(held_reason=reason)
    # A first publication adds every row: its changelog is copied from the rows loaded (below).
    diff = changes.diff_observations(replaced, obs) if old else []
    # The rows just read are what the load compares against, unless the frame names an
    # indicator that is not the source's (then the load reads its own).
    ours = obs.empty or set(obs["indicator_id"].unique()) <= set(indicator_ids)
    loaded = store.load_observations(conn, obs, run_id, existing=old if ours else None)
    removed = store.delete_observations(conn, changes.removed_keys(diff))
    total = loaded + store.LoadCounts(removed=removed, kept=len(kept))
    for plan in content:
        total = total + store.apply_keyed_plan(conn, plan, run_id)
    observed = bool(loaded.inserted or loaded.updated or removed)
    if not (observed or any(plan.changes for plan in content)):
        return Published(counts=total)
    release_id = store.add_release(conn, run_id, source_id)
    now = store.utcnow()
    common: dict[str, Any] = {"run_id": run_id, "release_id": release_id, "source_id": source_id,
                              "snapshot_sha256": snapshot_sha256, "changed_at": now}
    for plan in content:
        write_content_changelog(conn, plan, **common)
    if not observed:  # statements or per-source values only
        return Published(counts=total, release_id=release_id)
    if old:
        store.write_changes(conn, diff, **common)
    else:
        store.write_added_changes(conn, sorted(set(obs["indicator_id"])), **common)
    # The first publication of a source is its baseline, not news: no alerts for it.
    raised = alerts.alerts_for(
        diff, set(old), settings.watched_countries, source_id=source_id, run_id=run_id,
        release_id=release_id, at=now.isoformat(),
    ) if old else []
    return Published(counts=total, release_id=release_id, alerts=raised)


def write_content_changelog(conn, plan: store.KeyedPlan, *, run_id: int, **common) -> int:
    """The changelog rows of a published keyed target (statements, per-source values), in
    the publishing transaction: on its first publication an "added" row per row loaded,
    copied by the database (as for observations: no diff, no row through Python); later, what
    :func:`etl.changes.diff_content` finds between the rows replaced and those given (none
    when nothing it compares changed)."""
    target = plan.table.name
    if plan.first_load:
        if not plan.rows_after:
            return 0
        return store.write_added_content_changes(
            conn, plan.table, plan.scope, changes.added_content_columns(target),
            run_id=run_id, target=target, **common)
    if not plan.changes:
        return 0
    diff = changes.diff_content(target, plan.replaced, plan.data)
    return store.write_content_changes(conn, diff, run_id=run_id, target=target, **common)


# ------------------------------------------------------------------------ test hook

PAUSE_AT_ENV = "CYBERINDEX_TEST_PAUSE_AT"
PAUSE_MARKER_ENV = "CYBERINDEX_TEST_PAUSE_MARKER"


def _test_pause(stage: str) -> None:
    """Fault-test hook, inert unless ``CYBERINDEX_TEST_PAUSE_AT`` names this stage.

    Stages: fetch, parse, validate, load (inside the load transaction, before commit),
    committed (after a published load's commit, before the work it owes). The run
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


ABANDONED = "abandoned: interrupted (killed or crashed) before it finished; found by a later run"


def run_sources(names: Iterable[str], settings: Settings, engine: Engine) -> list[RunResult]:
    """Run the named sources (all when none), each in its own transaction, under the lock.

    Raises :class:`etl.locks.LockBusy` at once when another refresh holds the lock.
    """

    names = list(names)
    modules = resolve_sources(names)
    if not names:  # "all": bundled sources, and live ones only when enabled in settings
        modules = [m for m in modules if settings.runs_unnamed(m.INFO.id, m.INFO.kind)]
    store.init_schema(engine)
    with refresh_lock(engine, settings) as lock:
        prepare_locked(engine, settings)
        owed_work.complete_owed_work(engine, settings)  # what earlier refreshes left owed, first
        results: list[RunResult] = []
        pending: list[tuple[ModuleType, str | None]] = [(module, None) for module in modules]
        while pending:  # a release of evidence has the sources attributed from it run next
            if lock.lost:  # another refresh has the lock now: it runs the sources
                log.error("refresh stopped, the lock was taken over; not run: %s",
                          ", ".join(m.INFO.id for m, _ in pending))
                break
            module, note = pending.pop(0)
            results.append(result := run_source(module, settings, engine, note=note,
                                                lock=lock))
            pending[:0] = targets.runs_after(engine, result.source_id, result.release_id,
                                             [m for m, _ in pending])
        owed_work.reread_older_articles(engine, lock)  # after the sources: read by the newest data
        return results


def sources_to_run(names: Iterable[str], settings: Settings) -> list[str]:
    """The ids of the sources :func:`run_sources` runs for ``names`` (all enabled when none)."""
    names = list(names)
    return [m.INFO.id for m in resolve_sources(names)
            if names or settings.runs_unnamed(m.INFO.id, m.INFO.kind)]


def prepare_locked(engine: Engine, settings: Settings) -> None:
    """:func:`prepare_store` and the abandoned runs in one transaction (the caller has brought
    the schema up to date before taking the lock), waiting out a busy database; then the
    skipped runs kept while it was busy (:func:`etl.skipped_runs.record_kept_skips`)."""

    def prepare() -> list[int]:
        with engine.begin() as conn:
            _prepare(conn, settings)
            return store.abandon_running_runs(conn, ABANDONED)

    abandoned = retry_when_busy(prepare, "preparing the store")
    if abandoned:
        log.warning("marked interrupted run(s) %s as abandoned", abandoned)
    try:
        kept = skipped_runs.record_kept_skips(engine)
    except Exception as exc:  # noqa: BLE001 - they stay kept for the next refresh
        log.error("the skipped runs kept while the database was busy are not recorded yet: %s",
                  failure_reason(exc))
    else:
        if kept:
            log.info("recorded %d skipped run(s) kept while the database was busy", kept)
