"""Where a source's validated rows go, and what live sources need around a run.

:mod:`etl.pipeline` calls these few functions so its own flow stays the same for every source:

- :func:`fetch` runs a source's fetch; for live sources it first checks the source is configured
  (else :class:`SourceNotConfigured`: the run is "skipped") and passes the conditional-request
  state of earlier runs;
- :func:`observations` builds the observations (empty for sources without ``to_observations``)
  and applies the corrections ledger;
- :func:`load_extra`, inside the run's transaction, loads the other targets a module declares in
  ``TARGETS`` (``statements`` via ``to_statements``, ``source_values`` via
  ``to_source_values``; ``articles`` and ``news_volume`` via :mod:`etl.news.ingest`), logs
  the corrections applied, replaces the source's methodology
  breaks (``BREAKS``) and stores the live validators.

A source module without ``TARGETS`` loads observations only, as before.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from types import ModuleType

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from etl import corrections, store
from etl.frames import python_columns
from etl.settings import Settings
from etl.sources import live
from etl.sources.base import Fetched

SourceNotConfigured = live.SourceNotConfigured
NOT_MODIFIED = "unchanged: every conditional request answered 304 Not Modified; no new snapshot"


def targets_of(module: ModuleType) -> tuple[str, ...]:
    return tuple(getattr(module, "TARGETS", ("observations",)))


def is_live(module: ModuleType) -> bool:
    return module.INFO.kind == "live"


def fetch(module: ModuleType, settings: Settings, engine: Engine) -> Fetched:
    """The source's raw payload; live sources get their earlier validators."""
    if not is_live(module):
        return module.fetch(settings)
    why = module.configured(settings)
    if why:
        raise SourceNotConfigured(why)
    state = live.load_state(store.source_state_rows(engine, module.INFO.id), settings.raw_dir)
    return module.fetch(settings, state)


def observations(module: ModuleType, valid: pd.DataFrame,
                 settings: Settings) -> tuple[pd.DataFrame, list[dict]]:
    """(observations with the corrections ledger applied, ledger entries applied)."""
    if "observations" not in targets_of(module) or valid.empty:
        return pd.DataFrame(), []
    obs = module.to_observations(valid)
    return corrections.apply_ledger(obs, corrections.read_ledger(settings.datasets_dir))


@dataclass(frozen=True)
class Extra:
    """What the non-observation targets loaded, and a note for the run."""

    counts: store.LoadCounts
    note: str | None = None


# A key hashes the JSON text json.dumps(parts, ensure_ascii=False) gives for its list of parts
# (text or null): "[" + the parts joined by ", " + "]", each text as this function writes it
# (the one that encoder uses), so each cell is written once, not an encoder built per row.
_json_text = json.encoder.encode_basestring


def _key_texts(values: list) -> list[str]:
    """Each value as the JSON of its key part: text as is, missing null, anything else str()."""
    return [_json_text(p if type(p) is str else str(p)) if p is not None and (
        type(p) is str or not pd.isna(p)) else "null" for p in values]


def _keys(columns: dict[str, list], required: tuple[str, ...],
          optional: frozenset[str] = frozenset()) -> list[str]:
    """Per row, the SHA-256 of the JSON list of its key parts (the columns named, in order; an
    ``optional`` one the frame lacks is null in every row, a missing required one a
    KeyError)."""
    count = len(next(iter(columns.values()))) if columns else 0
    parts = [_key_texts(columns[name]) if name in columns or name not in optional
             else ["null"] * count for name in required]
    sha256 = hashlib.sha256
    return [sha256(f"[{', '.join(row)}]".encode()).hexdigest()
            for row in zip(*parts, strict=True)]


def statement_rows(frame: pd.DataFrame) -> dict[str, list]:
    """The statements' columns (one list each, a row per position) with their
    ``statement_key``."""
    columns = python_columns(frame)
    columns["statement_key"] = _keys(
        columns, ("source_id", "edition", "iso3", "metric", "source_url"),
        frozenset({"edition", "iso3"}))
    return columns


def source_value_rows(frame: pd.DataFrame, loaded_by: str) -> dict[str, list]:
    """The source values' columns (one list each, a row per position) with ``loaded_by`` and
    their ``value_key``."""
    columns = python_columns(frame)
    columns["loaded_by"] = [loaded_by] * len(frame)
    columns["value_key"] = _keys(
        columns, ("indicator_id", "iso3", "edition", "field", "source_id", "source_url",
                  "source_note"), frozenset({"source_note"}))
    return columns


def _add(a: store.LoadCounts, b: store.LoadCounts) -> store.LoadCounts:
    return store.LoadCounts(a.inserted + b.inserted, a.updated + b.updated,
                            a.unchanged + b.unchanged)


def load_extra(conn: Connection, module: ModuleType, valid: pd.DataFrame, run_id: int,
               snapshot_sha256: str, fetched: Fetched, applied: list[dict]) -> Extra:
    """Load the non-observation targets and the run's side records (in the caller's
    transaction)."""
    source_id = module.INFO.id
    counts = store.LoadCounts()
    wanted = targets_of(module)
    if "statements" in wanted:
        frame = module.to_statements(valid) if not valid.empty else pd.DataFrame()
        rows = statement_rows(frame.assign(snapshot_sha256=snapshot_sha256)) if len(frame) else {}
        counts = _add(counts, store.load_keyed_rows(conn, store.statements,
                                                    {"source_id": source_id}, rows, run_id))
    if "source_values" in wanted:
        frame = module.to_source_values(valid) if not valid.empty else pd.DataFrame()
        rows = (source_value_rows(frame.assign(snapshot_sha256=snapshot_sha256), source_id)
                if len(frame) else {})
        counts = _add(counts, store.load_keyed_rows(conn, store.source_values,
                                                    {"loaded_by": source_id}, rows, run_id))
    if "articles" in wanted or "news_volume" in wanted:  # news sources (etl/news/ingest.py)
        from etl.news import ingest

        counts = _add(counts, ingest.load_targets(conn, module, valid, run_id, snapshot_sha256))
    store.write_corrections_log(conn, run_id, source_id, applied)
    store.replace_methodology_breaks(conn, source_id, list(getattr(module, "BREAKS", ())))
    if is_live(module) and fetched.validators:
        store.save_source_state(conn, source_id, [
            {"url": v.url, "etag": v.etag, "last_modified": v.last_modified,
             "snapshot_sha256": snapshot_sha256}
            for v in fetched.validators
        ])
    note_of = getattr(module, "run_note", None)
    return Extra(counts, note_of(valid) if note_of and not valid.empty else None)
