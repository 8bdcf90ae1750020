"""What a person runs beside the refreshes: a held release published by force, old snapshots
pruned.

``cyberindex etl publish SOURCE --force`` (:func:`publish_held`) publishes a source's held run
(:mod:`etl.gate`) from its kept raw snapshot, checked against its SHA-256, bypassing the gate;
``cyberindex etl prune --keep N`` (:func:`prune_snapshots`) removes kept snapshots beyond the N
newest per source, never one that published data cites or a held run needs. Both run under
the refresh lock, as a refresh does (:mod:`etl.pipeline`).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from sqlalchemy.engine import Engine

from etl import store, targets
from etl.pipeline import prepare_locked, resolve_sources, run_source
from etl.run_safety import RunResult, refresh_lock
from etl.settings import Settings
from etl.sources.base import Fetched

log = logging.getLogger(__name__)


class NothingHeldError(ValueError):
    """``publish --force`` asked for a source with no unresolved held run."""


def publish_held(name: str, settings: Settings, engine: Engine) -> RunResult:
    """Publish a source's unresolved held run (:func:`etl.store.pending_held_run`: later
    skipped, failed, abandoned or unchanged runs leave it pending) from its kept raw snapshot,
    bypassing the gate."""
    module = resolve_sources([name])[0]
    store.init_schema(engine)
    with refresh_lock(engine, settings) as lock:
        prepare_locked(engine, settings)
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
    with refresh_lock(engine, settings):
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
