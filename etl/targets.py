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
from pandas.api.extensions import ExtensionDtype
from pandas.core.dtypes.cast import maybe_box_native
from sqlalchemy.engine import Connection, Engine

from etl import corrections, store
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


# json.dumps(..., ensure_ascii=False) builds this encoder anew at every call.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def _key(*parts: object) -> str:
    text = _to_json([p if type(p) is str
                     else None if p is None or pd.isna(p) else str(p) for p in parts])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")`` (the same Python values), built from one list per column:
    to_dict boxes cell by cell, several times slower at a few thousand rows."""
    names = list(frame.columns)
    columns = []
    for name in names:
        values = frame[name].tolist()
        if frame[name].dtype == object or isinstance(frame[name].dtype, ExtensionDtype):
            values = list(map(maybe_box_native, values))  # as to_dict does: pd.NA to None...
        columns.append(values)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def statement_rows(frame: pd.DataFrame) -> list[dict]:
    rows = []
    for r in _records(frame):
        rows.append({**r, "statement_key": _key(r["source_id"], r.get("edition"), r.get("iso3"),
                                                r["metric"], r["source_url"])})
    return rows


def source_value_rows(frame: pd.DataFrame, loaded_by: str) -> list[dict]:
    rows = []
    for r in _records(frame):
        rows.append({**r, "loaded_by": loaded_by,
                     "value_key": _key(r["indicator_id"], r["iso3"], r["edition"], r["field"],
                                       r["source_id"], r["source_url"], r.get("source_note"))})
    return rows


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
        rows = statement_rows(frame.assign(snapshot_sha256=snapshot_sha256)) if len(frame) else []
        counts = _add(counts, store.load_keyed_rows(conn, store.statements,
                                                    {"source_id": source_id}, rows, run_id))
    if "source_values" in wanted:
        frame = module.to_source_values(valid) if not valid.empty else pd.DataFrame()
        rows = (source_value_rows(frame.assign(snapshot_sha256=snapshot_sha256), source_id)
                if len(frame) else [])
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
