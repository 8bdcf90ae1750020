"""The staged pipeline every source goes through: fetch, keep raw, parse, validate, load.

A source's load is one transaction (observations, quarantine, snapshot row, changelog,
release and the run's outcome commit together), so what the dashboard reads changes only when
a load commits; a failing or killed source leaves its earlier data as it was, and the other
sources still run. A published run makes the source's observations (and its statements and
per-source values) equal its new valid rows, except that a published row whose incoming row was
quarantined keeps its value (only a key absent from a valid input is removed), unless the
publish gate holds the release (too few rows, too many quarantined, a country, an indicator or
an edition of one dropped, an indicator's values moved by a unit-like factor) for ``cyberindex
etl publish SOURCE --force``, which stays possible until a later run of the source publishes or
is held again.
A database busy with another writer is waited for and tried again, then fails that source
alone. One refresh runs at a time (:mod:`etl.locks`), and a load commits only while its
refresh still holds the lock; runs a killed refresh left "running" are marked "abandoned".
What a release owes after its commit (the re-check of news claims, its alerts) is recorded in
its load transaction and done after the commit, or by the next refresh (``pending_work``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import math
import os
import statistics
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import pandas as pd
from pandera.errors import SchemaErrors
from sqlalchemy.engine import Engine

from etl import alerts, changes, locks, reference, schemas, store, targets
from etl.settings import Settings
from etl.snapshots import Snapshot, keep_raw
from etl.sources import SOURCES
from etl.sources.base import Fetched, SourceFileError

log = logging.getLogger(__name__)
T = TypeVar("T")


class UnknownSourceError(ValueError):
    """A source name that is not in the registry."""


@dataclass
class RunResult:
    """What one run of one source did."""

    source_id: str
    run_id: int | None  # None: the database was too busy to record the run at all
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
        reason = _reason(exc)
        log.warning("source %s failed: %s", source_id, reason)
        _record_outcome(engine, run_id, "failed", reason)
        return RunResult(source_id, run_id, "failed", reason)
    published = loaded.published
    if published.held_reason:
        log.warning("source %s held: %s", source_id, published.held_reason)
        return RunResult(source_id, run_id, "held", published.held_reason, loaded.counts,
                         snapshot.sha256)
    _test_pause("committed")
    if published.release_id is not None:  # its owed work was recorded in the load: do it now
        complete_owed_work(engine, settings, release_id=published.release_id)
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
            _fence(conn, lock)
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
        record_owed_work(conn, source_id, published)
        _fence(conn, lock)
    return Loaded(published, counts, note)


def _fence(conn, lock: locks.Lock | None) -> None:
    """Raise :class:`etl.locks.LockLost` (rolling the load back) unless ``lock`` is still
    ours: a run that stalled past its lease while another took the lock over must not commit
    its older input over that one's release."""
    if lock is not None:
        lock.ensure_held(conn)


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


def _record_outcome(engine: Engine, run_id: int, status: str, reason: str) -> None:
    """Close a run outside a load (failed, skipped, unchanged), waiting out a busy database;
    if it cannot be written even so, the reason is logged (the run stays "running" until a
    later run marks it abandoned) and the refresh goes on with the other sources."""
    def finish() -> None:
        with engine.begin() as conn:
            store.finish_run(conn, run_id, status, reason)

    try:
        retry_when_busy(finish, f"recording the run as {status}")
    except Exception as exc:  # noqa: BLE001 - the other sources still run
        log.error("run %s could not be recorded as %s (%s): %s", run_id, status, reason,
                  _reason(exc))


# ------------------------------------------------------------------------ a busy database

# A load that meets a database busy with another writer (past the driver's own wait: SQLite's
# busy timeout, a PostgreSQL lock_timeout) is tried again after a wait, this many times in all;
# then the source fails with the reason, and the refresh goes on with the next source.
BUSY_ATTEMPTS = 3
BUSY_WAIT_SECONDS = 10.0
_sleep = time.sleep  # the wait between attempts (tests replace it)


class DatabaseBusy(RuntimeError):
    """The database stayed busy with another writer through every attempt."""


def retry_when_busy(action: Callable[[], T], what: str) -> T:
    """``action()`` (a whole transaction: it rolled back when it failed), tried again after a
    growing wait while the database is busy; :class:`DatabaseBusy` says what gave up and why."""
    for attempt in range(1, BUSY_ATTEMPTS + 1):
        try:
            return action()
        except Exception as exc:
            if not store.is_busy(exc):
                raise
            detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            if attempt == BUSY_ATTEMPTS:
                raise DatabaseBusy(
                    f"database busy: {what} gave up after {BUSY_ATTEMPTS} attempts, another "
                    f"writer held the database ({detail})") from exc
            log.warning("database busy during %s (%s); trying again in %.0f s", what, detail,
                        BUSY_WAIT_SECONDS * attempt)
            _sleep(BUSY_WAIT_SECONDS * attempt)
    raise AssertionError("unreachable")


@contextmanager
def _refresh_lock(engine: Engine, settings: Settings) -> Iterator[locks.Lock]:
    """:func:`etl.locks.refresh_lock`, whose release is tried again when a busy database
    refused it, so the runs of the block are not lost to it and the lock is not left behind
    (releasing twice is harmless: a lock gives back only what it still holds)."""
    held: list = []
    done = False
    try:
        with locks.refresh_lock(engine, settings) as lock:
            held.append(lock)
            yield lock
            done = True
    except Exception as exc:
        if not (done and store.is_busy(exc)):
            raise
        try:
            retry_when_busy(held[0].release, "releasing the refresh lock")
        except DatabaseBusy as busy:
            log.error("the refresh lock was not released (%s); a later run recovers it", busy)


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
    """What publishing a run's data did (or why it was held): counts of observations and keyed
    rows together, removed and kept included."""

    held_reason: str | None = None
    counts: store.LoadCounts = field(default_factory=store.LoadCounts)
    release_id: int | None = None
    alerts: list[dict] = field(default_factory=list)


# The publish gate's reason: GATE_PREFIX, then the parts below joined by "; " (the Status page
# reads the parts back and says them in its language; the templates are its catalog's texts).
GATE_PREFIX = "publish gate: "
GATE_QUARANTINED = "{quarantined} of {fetched} rows quarantined ({share} > {limit})"
GATE_SHRANK = "{rows} rows against {published} published ({share} < {limit})"
GATE_DROPS = "drops {count} country(ies) of the previous release: {countries}"
# The same two tests on a source's statements and per-source values (keyed targets).
GATE_CONTENT_SHRANK = {
    "statements": "{rows} cited statements against {published} published ({share} < {limit})",
    "source_values": "{rows} per-source values against {published} published "
                     "({share} < {limit})",
}
GATE_CONTENT_DROPS = {
    "statements": "drops the cited statements of {count} country(ies) of the previous "
                  "release: {countries}",
    "source_values": "drops the per-source values of {count} country(ies) of the previous "
                     "release: {countries}",
}
GATE_SCALE = ("{indicator}: changed values moved by a median factor of {ratio} (new/old, "
              "{changed} values; allowed {low} to {high}): a unit or scale change?")
# A whole indicator (a GCI pillar, an EGDI sub-index) or a whole edition of one that the
# previous release had and the new rows lack: what a truncated file or an emptied column does,
# which neither the row ratio nor the dropped countries catch (each country keeps other rows).
GATE_INDICATORS = ("drops every value of {count} indicator(s) of the previous release: "
                   "{indicators}")
GATE_EDITIONS = ("drops every value of {count} edition(s) of an indicator of the previous "
                 "release: {editions}")
GATE_PARTS = (GATE_QUARANTINED, GATE_SHRANK, GATE_DROPS, *GATE_CONTENT_SHRANK.values(),
              *GATE_CONTENT_DROPS.values(), GATE_SCALE, GATE_INDICATORS, GATE_EDITIONS)

# The unit test of the gate: an indicator is held when at least SCALE_MIN_CHANGED of its
# published values change and the median of their new/old ratios lies outside SCALE_RATIO_RANGE.
# A publisher's revision moves values by a few percent (a median near 1), a unit or scale
# change moves them all by one factor (x100 or /100 for fractions and percents, x1000...).
# Fewer values than that is a correction to look at in the changelog, not a pattern.
SCALE_RATIO_RANGE = (0.2, 5.0)
SCALE_MIN_CHANGED = 5


def publish_gate_reason(old: dict[tuple, dict], new: pd.DataFrame, fetched: int,
                        quarantined: int, settings: Settings,
                        content: Sequence[store.KeyedPlan] = ()) -> str | None:
    """Why a release must be held for a person to look at it, or None (pure).

    ``old`` is what the new rows would replace (published keys kept because their incoming row
    was quarantined are left out: they do not change); ``content`` the plans of the source's
    keyed targets, judged by the same limits.
    """
    reasons = []
    if fetched and quarantined / fetched > settings.publish_max_quarantine_ratio:
        reasons.append(GATE_QUARANTINED.format(
            quarantined=quarantined, fetched=fetched, share=f"{quarantined / fetched:.0%}",
            limit=f"{settings.publish_max_quarantine_ratio:.0%}"))
    if old:
        reasons += _shrink_reasons(GATE_SHRANK, len(new), len(old), settings)
        kept = set(new["iso3"].unique()) if not new.empty else set()
        reasons += _drop_reasons(GATE_DROPS, {key[1] for key in old} - kept)
        reasons += vanished_gate_reasons(old, new)
        reasons += scale_gate_reasons(old, new)
    for plan in content:
        if plan.first_load:
            continue
        name = plan.table.name
        reasons += _shrink_reasons(GATE_CONTENT_SHRANK[name], plan.rows_after, plan.published,
                                   settings)
        reasons += _drop_reasons(GATE_CONTENT_DROPS[name],
                                 plan.published_countries - plan.countries)
    return (GATE_PREFIX + "; ".join(reasons)) if reasons else None


def _shrink_reasons(template: str, rows: int, published: int, settings: Settings) -> list[str]:
    if rows >= settings.publish_min_row_ratio * published:
        return []
    return [template.format(rows=rows, published=published, share=f"{rows / published:.0%}",
                            limit=f"{settings.publish_min_row_ratio:.0%}")]


def _drop_reasons(template: str, dropped: set | frozenset) -> list[str]:
    if not dropped:
        return []
    names = sorted(dropped)
    return [template.format(count=len(names), countries=_listed(names))]


def _listed(names: list[str]) -> str:
    """The first ten of ``names``, joined (a reason names what it is about, not all of it)."""
    return ", ".join(names[:10]) + (" ..." if len(names) > 10 else "")


def vanished_gate_reasons(old: dict[tuple, dict], new: pd.DataFrame) -> list[str]:
    """Gate parts for the indicators, and the (indicator, edition) pairs of indicators still
    given, that ``old`` has and ``new`` lacks entirely: a whole pillar or sub-index emptied, a
    whole edition cut from the file. A new frame without those columns (no key to compare) and
    a first publication give none."""
    if not old or not (new.empty or {"indicator_id", "edition"} <= set(new.columns)):
        return []
    pairs = set() if new.empty else set(zip(
        new["indicator_id"].tolist(), (int(e) for e in new["edition"].tolist()), strict=True))
    given = {indicator for indicator, _ in pairs}
    before = {(key[0], int(key[2])) for key in old}
    gone = sorted({indicator for indicator, _ in before} - given)
    cut = sorted(pair for pair in before - pairs if pair[0] in given)
    reasons = []
    if gone:
        reasons.append(GATE_INDICATORS.format(count=len(gone), indicators=_listed(gone)))
    if cut:
        reasons.append(GATE_EDITIONS.format(
            count=len(cut), editions=_listed([f"{ind} {edition}" for ind, edition in cut])))
    return reasons


def scale_gate_reasons(old: dict[tuple, dict], new: pd.DataFrame) -> list[str]:
    """A gate part per indicator whose changed values moved by a unit-like factor (see
    :data:`SCALE_RATIO_RANGE`): World Bank internet users sent as 0.587 instead of 58.7 would
    otherwise replace every published value silently, each passing its own range check."""
    if not old or new.empty or not {"indicator_id", "value"} <= set(new.columns):
        return []
    ratios: dict[str, list[float]] = {}
    keys = zip(new["indicator_id"].tolist(), new["iso3"].tolist(),
               (int(e) for e in new["edition"].tolist()), strict=True)
    for key, value in zip(keys, new["value"].tolist(), strict=True):
        before = old.get(key)
        prior = _number(before["value"]) if before is not None else None
        value = _number(value)
        if prior is None or value is None or prior <= 0 or math.isclose(
                value, prior, rel_tol=0, abs_tol=1e-9):
            continue
        ratios.setdefault(key[0], []).append(value / prior)
    low, high = SCALE_RATIO_RANGE
    reasons = []
    for indicator, found in sorted(ratios.items()):
        median = statistics.median(found)
        if len(found) >= SCALE_MIN_CHANGED and not low <= median <= high:
            reasons.append(GATE_SCALE.format(indicator=indicator, ratio=f"{median:.3g}",
                                             changed=len(found), low=f"{low:g}",
                                             high=f"{high:g}"))
    return reasons


def _number(value: object) -> float | None:
    """A stored or new value as a float, None when missing."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


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
        reason = publish_gate_reason(replaced, obs, counts["fetched"], counts["quarantined"],
                                     settings, content)
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
    common = {"run_id": run_id, "release_id": release_id, "source_id": source_id,
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


# ------------------------------------------------------------------------ work owed after a commit
#
# A published load owes two things once it has committed: the news claims about its index are
# checked again against the new data, and its alerts are delivered. Both are written as
# ``pending_work`` rows in the load's transaction, done right after the commit, and deleted once
# done; a refresh killed in between, or a step that fails, leaves the row, which every later
# refresh completes first (oldest first). A failure is kept on the row (attempts, last error)
# and never fails a refresh. Re-checking claims and deleting its row commit together; alerts
# leave the process, so they are delivered at least once: each alert carries an ``alert_id``
# (its release, country and edition) for receivers to drop a repeat, and the channels that went
# through are saved on the row at once, so a retry repeats only what failed or was cut short.


def record_owed_work(conn, source_id: str, published: Published) -> None:
    """The work a release owes after its commit, recorded in its load's transaction."""
    from etl.news.verify import SCORE_INDICATORS

    if published.release_id is None:
        return
    if source_id in SCORE_INDICATORS:
        store.add_pending_work(conn, store.RECHECK_CLAIMS, source_id, published.release_id, {})
    if published.alerts:
        raised = [{**alert, "alert_id": _alert_id(alert)} for alert in published.alerts]
        store.add_pending_work(conn, store.DELIVER_ALERTS, source_id, published.release_id,
                               {"alerts": raised, "delivered": []})


def _alert_id(alert: dict) -> str:
    """An alert's idempotency key: one alert per release, country and edition."""
    return f"{alert['source_id']}/{alert['release_id']}/{alert['iso3']}/{alert['edition']}"


# Alerts whose delivery failed this many times are no longer tried by each refresh (a webhook
# down for good would cost every refresh its retries and backoff, ~14 s an alert): the row stays,
# listed by `etl status` and the Status page, for a person to look at.
OWED_ALERT_MAX_ATTEMPTS = 5


def complete_owed_work(engine: Engine, settings: Settings, *,
                       release_id: int | None = None) -> int:
    """Do the work still owed (``release_id``'s only, when given), oldest first; the number of
    rows done. Never raises: a failure is recorded on its row for the next run. Alerts that
    failed :data:`OWED_ALERT_MAX_ATTEMPTS` times are left owed, not tried again."""
    try:
        with engine.connect() as conn:
            owed = store.pending_work_rows(conn, release_id=release_id)
    except Exception as exc:  # noqa: BLE001 - owed work never fails a refresh
        log.error("work owed after earlier loads not read: %s", _reason(exc))
        return 0
    done, rechecked = 0, set()
    for row in owed:
        if row["kind"] == store.DELIVER_ALERTS and row["attempts"] >= OWED_ALERT_MAX_ATTEMPTS:
            log.warning("alerts of release %s failed %d times: no longer tried (%s)",
                        row["release_id"], row["attempts"], row["last_error"])
            continue
        try:
            if row["kind"] == store.RECHECK_CLAIMS:
                _recheck_owed_claims(engine, row, rechecked)
            else:
                _deliver_owed_alerts(engine, row, settings)
            done += 1
        except Exception as exc:  # noqa: BLE001 - kept on the row, tried again next run
            _record_owed_failure(engine, row, _reason(exc))
    return done


def _recheck_owed_claims(engine: Engine, row: dict, rechecked: set[str]) -> None:
    """Check the claims about the row's index again against the data as it is now, and forget
    the row, in one transaction (a second row of the same index in one pass is only forgotten:
    the re-check already read the newest data)."""
    from etl.news import ingest

    source_id = row["source_id"]
    with engine.begin() as conn:
        articles = 0 if source_id in rechecked else ingest.recheck_claims(conn, [source_id])
        store.delete_pending_work(conn, [row["work_id"]])
    rechecked.add(source_id)
    if articles:
        log.info("claims of %d article(s) about %s checked again (release %s)", articles,
                 source_id, row["release_id"])


def recheck_every_claim(settings: Settings, engine: Engine) -> int:
    """Check every stored claim again (``cyberindex news recheck``), which completes the
    re-checks still owed: their rows (read first, so one a load commits meanwhile stays owed)
    are forgotten in the same transaction. Under the refresh lock (raises
    :class:`etl.locks.LockBusy` at once when a refresh holds it): two re-checks of one article
    at once could each delete the claims and insert their own. The number of articles
    re-checked."""
    from etl.news import ingest
    from etl.news.verify import SCORE_INDICATORS

    store.init_schema(engine)
    with _refresh_lock(engine, settings) as lock, engine.begin() as conn:
        owed = [r["work_id"] for r in store.pending_work_rows(conn, kinds=[store.RECHECK_CLAIMS])]
        articles = ingest.recheck_claims(conn, sorted(SCORE_INDICATORS))
        store.delete_pending_work(conn, owed)
        _fence(conn, lock)
    return articles


def reread_stored_articles(settings: Settings, engine: Engine, *,
                           everything: bool = False) -> tuple[int, int]:
    """``cyberindex news reread``: :func:`reread_articles` under the refresh lock (raises
    :class:`etl.locks.LockBusy` at once when a refresh holds it)."""
    store.init_schema(engine)
    with _refresh_lock(engine, settings) as lock:
        return reread_articles(engine, lock, everything=everything)


def reread_older_articles(engine: Engine, lock: locks.Lock | None = None) -> tuple[int, int]:
    """:func:`reread_articles` in a refresh: never raises (a failure is logged, and the next
    refresh goes on from the first article not committed)."""
    try:
        return reread_articles(engine, lock)
    except Exception as exc:  # noqa: BLE001 - the articles left are read by the next refresh
        log.error("stored articles not all read again: %s", _reason(exc))
        return 0, 0


def reread_articles(engine: Engine, lock: locks.Lock | None = None, *,
                    everything: bool = False) -> tuple[int, int]:
    """Read again the stored articles that older reading rules read (every article when
    ``everything``; :mod:`etl.news.reread`), a committed batch at a time, with the refresh
    lock held: a batch commits only while ``lock`` is still ours, and the re-read stops when
    it is not. (articles read, articles whose findings changed)."""
    from etl.news import reread

    read = changed = after = 0
    if not everything:  # the usual refresh: none (an index lookup, not a scan of the articles)
        with engine.connect() as conn:
            if not reread.articles_read_otherwise(conn):
                return read, changed
    official = reread.official_rows(engine)  # each indicator read once for all the batches
    while lock is None or not lock.lost:
        def batch(start: int = after) -> reread.Reread:
            with engine.begin() as conn:
                done = reread.reread_batch(conn, after_id=start, limit=reread.BATCH_ARTICLES,
                                           everything=everything, official=official)
                _fence(conn, lock)
                return done

        done = retry_when_busy(batch, "reading stored articles again")
        if not done.read:
            break
        read, changed, after = read + done.read, changed + done.changed, done.last_id
        log.info("%d stored article(s) read again by the current rules; %d changed", read,
                 changed)
    return read, changed


def alert_channels(settings: Settings) -> list[str]:
    """The alert channels configured now: the log always, the webhook and mail when set."""
    return ["log"] + (["webhook"] if settings.alert_webhook_url else []) + (
        ["mail"] if settings.smtp_host and settings.smtp_to else [])


def _deliver_owed_alerts(engine: Engine, row: dict, settings: Settings) -> None:
    """Deliver the row's alerts on each channel not yet delivered, saving each channel that went
    through at once; forget the row when all did, else raise saying which failed."""
    payload = row["payload"]
    raised, delivered = payload["alerts"], list(payload.get("delivered", []))
    failed = []
    for channel in (c for c in alert_channels(settings) if c not in delivered):
        report = alerts.deliver(raised, settings, channels=(channel,))
        if report[alerts.CHANNELS[channel]] < len(raised):
            failed.append(channel)
            continue
        delivered.append(channel)
        with engine.begin() as conn:
            store.save_pending_progress(conn, row["work_id"], {**payload, "delivered": delivered})
    if failed:
        raise RuntimeError(f"alerts of release {row['release_id']} not delivered by "
                           f"{', '.join(failed)} (see the log)")
    with engine.begin() as conn:
        store.delete_pending_work(conn, [row["work_id"]])
    log.info("alerts of release %s delivered: %s", row["release_id"], ", ".join(delivered))


def _record_owed_failure(engine: Engine, row: dict, error: str) -> None:
    log.error("%s of %s (release %s) failed, tried again by the next run: %s", row["kind"],
              row["source_id"], row["release_id"], error)

    def record() -> None:
        with engine.begin() as conn:
            store.record_pending_failure(conn, row["work_id"], error)

    try:
        retry_when_busy(record, "recording a failure of owed work")
    except Exception as exc:  # noqa: BLE001 - the row stays owed either way
        log.error("failure of owed work %s not recorded: %s", row["work_id"], _reason(exc))


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


def _reason(exc: Exception) -> str:
    if isinstance(exc, SchemaErrors):
        return "schema: " + "; ".join(
            sorted({f"{c.column}: {c.check}" for c in exc.failure_cases.itertuples()})
        )
    if isinstance(exc, SourceFileError | SnapshotError | DatabaseBusy | OSError
                  | locks.LockLost):
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
        modules = [m for m in modules if settings.runs_unnamed(m.INFO.id, m.INFO.kind)]
    store.init_schema(engine)
    with _refresh_lock(engine, settings) as lock:
        _prepare_locked(engine, settings)
        complete_owed_work(engine, settings)  # what earlier refreshes left owed, first
        results, pending = [], [(module, None) for module in modules]
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
        reread_older_articles(engine, lock)  # after the sources: read by the newest data
        return results


def sources_to_run(names: Iterable[str], settings: Settings) -> list[str]:
    """The ids of the sources :func:`run_sources` runs for ``names`` (all enabled when none)."""
    names = list(names)
    return [m.INFO.id for m in resolve_sources(names)
            if names or settings.runs_unnamed(m.INFO.id, m.INFO.kind)]


# The reason of the "skipped" run `etl run` records for each of its sources when another
# refresh holds the lock (it does not wait; the scheduler's own is etl.scheduler.SKIPPED_LOCKED),
# so a timer's refresh that did not happen shows on the Status page, not only in a log.
SKIPPED_BUSY = ("skipped: another refresh held the lock when this run started (`cyberindex etl "
                "run` does not wait for it); run it again once that refresh has finished")


def record_skipped(source_ids: Sequence[str], reason: str,
                   engine: Engine) -> list[RunResult]:
    """A finished "skipped" run per source, so the skip shows where runs are shown.

    Written without the refresh lock (someone else holds it): rows of their own, finished as
    soon as started, so the holder's runs are untouched and no later run calls them abandoned.
    A SQLite file busy with the holder's load (its whole-file write lock) is waited for
    :data:`SKIP_WAIT_SECONDS` only, not the busy time-out three times over per source (about
    two minutes each, then the record was lost): the runs are kept in a file beside the
    database (:func:`skip_spool`) and the next refresh records them, with their own times,
    before it runs anything. Another engine busy that long is waited out as before; a database
    too busy even so is logged (the caller's outcome stays what it was).
    """
    now = store.utcnow()
    rows = [{"source_id": s, "started_at": now, "finished_at": now, "status": "skipped",
             "reason": reason} for s in source_ids]
    if not rows:
        return []
    spool = skip_spool(engine)
    quick = store.make_engine(engine.url, SKIP_WAIT_SECONDS) if spool is not None else engine

    def add() -> list[int]:
        with quick.begin() as conn:
            return store.add_finished_runs(conn, rows)

    try:
        if spool is not None:
            try:
                ids: list[int | None] = list(add())
            except Exception as exc:
                if not store.is_busy(exc):
                    raise
                ids = [None] * len(rows)
                try:
                    _keep_skipped(spool, rows)
                except OSError as error:
                    log.error("skipped runs of %s not recorded: the database is busy and %s "
                              "cannot be written (%s)", ", ".join(source_ids), spool, error)
                else:
                    log.warning("database busy: the skipped run(s) of %s are kept in %s; the "
                                "next refresh records them", ", ".join(source_ids), spool)
        else:
            try:
                ids = list(retry_when_busy(add, "recording skipped runs"))
            except DatabaseBusy as exc:
                log.error("skipped runs of %s not recorded: %s", ", ".join(source_ids), exc)
                ids = [None] * len(rows)
    finally:
        if quick is not engine:
            quick.dispose()
    return [RunResult(row["source_id"], run_id, "skipped", reason)
            for row, run_id in zip(rows, ids, strict=True)]


# How long a refused refresh waits for a busy SQLite file to record its skipped runs before
# it keeps them in the spool file for the next refresh (it exits at once either way).
SKIP_WAIT_SECONDS = 2.0


def skip_spool(engine: Engine) -> Path | None:
    """The file beside a SQLite database where skipped runs wait while it is busy (None for
    another engine, whose writers do not lock the whole database)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    path = Path(url.database)
    return path.with_name(path.name + ".skipped-runs.jsonl")


def _keep_skipped(spool: Path, rows: list[dict]) -> None:
    """Append the runs to the spool, one JSON line each, under an exclusive lock of the file
    (the refresh recording them holds it while it reads and empties it)."""
    text = "".join(json.dumps({**row, "started_at": row["started_at"].isoformat(),
                               "finished_at": row["finished_at"].isoformat()}) + "\n"
                   for row in rows)
    with spool.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(text)


def record_kept_skips(engine: Engine) -> int:
    """Record the skipped runs the spool holds (:func:`record_skipped` kept them while the
    database was busy), each with its own times, and empty it; the number recorded. Called
    under the refresh lock. The file is emptied once the runs have committed (a crash in
    between records them twice, never loses them); a line that cannot be read is logged and
    dropped."""
    spool = skip_spool(engine)
    if spool is None or not spool.exists():
        return 0
    with spool.open("r+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        rows = []
        for line in handle.read().splitlines():
            try:
                row = json.loads(line)
                rows.append({"source_id": str(row["source_id"]),
                             "started_at": datetime.fromisoformat(row["started_at"]),
                             "finished_at": datetime.fromisoformat(row["finished_at"]),
                             "status": "skipped", "reason": row.get("reason")})
            except (ValueError, KeyError, TypeError):
                log.error("a skipped run kept in %s cannot be read, dropped: %r", spool, line)
        if rows:
            def add() -> None:
                with engine.begin() as conn:
                    store.add_finished_runs(conn, rows)

            retry_when_busy(add, "recording the skipped runs kept while the database was busy")
        handle.seek(0)
        handle.truncate()
    return len(rows)


def _prepare_locked(engine: Engine, settings: Settings) -> None:
    """:func:`prepare_store` and the abandoned runs in one transaction (the caller has brought
    the schema up to date before taking the lock), waiting out a busy database."""
    def prepare() -> list[int]:
        with engine.begin() as conn:
            _prepare(conn, settings)
            return store.abandon_running_runs(conn, ABANDONED)

    abandoned = retry_when_busy(prepare, "preparing the store")
    if abandoned:
        log.warning("marked interrupted run(s) %s as abandoned", abandoned)
    try:
        kept = record_kept_skips(engine)
    except Exception as exc:  # noqa: BLE001 - they stay kept for the next refresh
        log.error("the skipped runs kept while the database was busy are not recorded yet: %s",
                  _reason(exc))
    else:
        if kept:
            log.info("recorded %d skipped run(s) kept while the database was busy", kept)


class NothingHeldError(ValueError):
    """``publish --force`` asked for a source with no unresolved held run."""


def publish_held(name: str, settings: Settings, engine: Engine) -> RunResult:
    """Publish a source's unresolved held run (:func:`etl.store.pending_held_run`: later
    skipped, failed, abandoned or unchanged runs leave it pending) from its kept raw snapshot,
    bypassing the gate."""
    module = resolve_sources([name])[0]
    store.init_schema(engine)
    with _refresh_lock(engine, settings) as lock:
        _prepare_locked(engine, settings)
        with engine.connect() as conn:
            run = store.pending_held_run(conn, module.INFO.id)
            if run is None:
                latest = store.latest_run(conn, module.INFO.id)
                status = latest["status"] if latest else "none"
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
        result = run_source(module, settings, engine, fetched=Fetched(body, snap["origin"]),
                            force=True, note=f"forced publication of held run {run['run_id']}",
                            lock=lock)
        # As after any release: the sources attributed from it run next (itu_gci after a
        # forced release of its evidence), each its own run, gate and release.
        for follower, note in targets.runs_after(engine, result.source_id, result.release_id, []):
            after = run_source(follower, settings, engine, note=note, lock=lock)
            log.info("%s run after the forced release: %s", after.source_id, after.status)
        return result


def prune_snapshots(engine: Engine, settings: Settings, keep: int) -> list[dict]:
    """Remove kept snapshots beyond the ``keep`` newest per source (files and rows).

    A snapshot that published observations cite, or that a source's latest held run needs
    for ``publish --force``, is never removed. Returns the removed snapshot rows.
    """
    store.init_schema(engine)
    with _refresh_lock(engine, settings):
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
