"""Where a source's validated rows go, and what live sources need around a run.

:mod:`etl.pipeline` calls these few functions so its own flow stays the same for every source:

- :func:`fetch` runs a source's fetch; for live sources it first checks the source is configured
  (else :class:`SourceNotConfigured`: the run is "skipped") and passes the conditional-request
  state of earlier runs;
- :func:`parse` reads the payload, with the configured datasets folder for a module whose
  parse needs a bundled side file;
- :func:`observations` builds the observations (empty for sources without ``to_observations``)
  and applies the corrections ledger;
- :func:`attributed`, inside the run's transaction, attributes them from the values another
  source has published when the module declares ``EVIDENCE_SOURCE`` (GCI pillars), and
  :func:`runs_after` names the sources to run again once such evidence is released;
- :func:`held_back_keys` works out which published keys the run's quarantined rows would have
  given, per target: those keys keep their published value instead of being removed;
- :func:`plan_content`, inside the run's transaction, plans the keyed targets a module declares
  in ``TARGETS`` (``statements`` via ``to_statements``, ``source_values`` via
  ``to_source_values``) so the publish gate judges them with the observations before anything
  is written (:func:`etl.pipeline.publish` applies the plans);
- :func:`load_extra`, inside the run's transaction once the release is published, loads
  ``articles`` and ``news_volume`` (:mod:`etl.news.ingest`), logs the corrections applied,
  replaces the source's methodology breaks (``BREAKS``) and stores the live validators.

A source module without ``TARGETS`` loads observations only, as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from etl import changes, corrections, http, schemas, store
from etl.frames import python_columns
from etl.settings import Settings
from etl.snapshots import keep_raw
from etl.sources import SOURCES, live
from etl.sources.base import Fetched

log = logging.getLogger(__name__)

SourceNotConfigured = live.SourceNotConfigured
NOT_MODIFIED = "unchanged: every conditional request answered 304 Not Modified; no new snapshot"


def targets_of(module: ModuleType) -> tuple[str, ...]:
    return tuple(getattr(module, "TARGETS", ("observations",)))


def is_live(module: ModuleType) -> bool:
    return module.INFO.kind == "live"


def fetch(module: ModuleType, settings: Settings, engine: Engine,
          run_id: int | None = None) -> Fetched:
    """The source's raw payload; live sources get their earlier validators. An answer a live
    source refused (:class:`etl.http.SourceError` with its ``body``) is kept as a snapshot of
    the run (:func:`keep_refused`) before the error goes on to fail the run."""
    if not is_live(module):
        return module.fetch(settings)
    why = module.configured(settings)
    if why:
        raise SourceNotConfigured(why)
    state = live.load_state(store.source_state_rows(engine, module.INFO.id), settings.raw_dir)
    try:
        return module.fetch(settings, state)
    except http.SourceError as exc:
        if exc.body is not None:
            keep_refused(engine, module.INFO.id, run_id, exc.url, exc.body, settings)
        raise


# The origin of a kept snapshot whose answer the checks refused (nothing was published from it).
REFUSED_ORIGIN = "refused by the checks: {url}"


def keep_refused(engine: Engine, source_id: str, run_id: int | None, url: str, body: bytes,
                 settings: Settings) -> None:
    """Keep a refused answer byte for byte (in the live container, with its URL) as a raw
    snapshot recorded as refused and named by the run; a failure to keep it is logged, the
    run still fails with the refusal's own reason."""
    try:
        snapshot = keep_raw(live.pack([(url, body)]), settings.raw_dir)
        with engine.begin() as conn:
            store.record_snapshot(conn, sha256=snapshot.sha256, source_id=source_id,
                                  origin=REFUSED_ORIGIN.format(url=url), size=snapshot.size,
                                  fetched_at=store.utcnow(), path=str(snapshot.path))
            if run_id is not None:
                store.record_run_snapshot(conn, run_id, snapshot.sha256)
    except Exception as exc:  # noqa: BLE001 - the refusal is the run's reason, not this
        log.error("%s: the refused answer of %s (%d bytes) could not be kept: %s", source_id,
                  url, len(body), exc)


def parse(module: ModuleType, body: bytes, settings: Settings) -> pd.DataFrame:
    """The module's rows as read; a module whose parse reads a bundled side file
    (``PARSE_READS_DATASETS``: un_egdi_live's country-name aliases) is given the configured
    datasets folder, never the repository's."""
    if getattr(module, "PARSE_READS_DATASETS", False):
        return module.parse(body, settings.datasets_dir)
    return module.parse(body)


def observations(module: ModuleType, valid: pd.DataFrame,
                 settings: Settings) -> tuple[pd.DataFrame, list[dict]]:
    """(observations with the corrections ledger applied, ledger entries applied); a module
    declaring ``EVIDENCE_SOURCE`` has them attributed later, in its load (:func:`attributed`)."""
    if "observations" not in targets_of(module) or valid.empty:
        return pd.DataFrame(), []
    obs = module.to_observations(valid)
    return corrections.apply_ledger(obs, corrections.read_ledger(settings.datasets_dir))


# The run notes of an attribution (Status page: dashboard.run_notes says them in fr/ar).
# A note's parts are joined by "; " (etl.pipeline): no part may hold one itself.
NO_EVIDENCE_NOTE = ("provenance not attributed: {source} has no published per-source values "
                    "yet, so each value keeps its row's sources and verification")
# Runs before the changelog listed provenance changes (revision 0007) wrote "... (the changelog
# lists changes of value, rank and tier only)" instead; dashboard.run_notes reads both.
PROVENANCE_NOTE = ("{count} published observation(s) change source URL, channel or "
                   "verification, attributed from the published values of {source} (the "
                   "changelog lists each)")
# What an attribution may change in a published observation: the changelog lists such a change
# (kind "provenance" when the figures stay the same).
PROVENANCE_FIELDS = changes.PROVENANCE_FIELDS


def attributed(conn: Connection, module: ModuleType,
               obs: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """(the observations attributed from the evidence as published, a note for the run).

    A module declaring ``EVIDENCE_SOURCE`` (itu_gci: the per-source values of
    itu_gci_evidence) has its observations passed through its pure
    ``attribute_evidence(obs, evidence)`` with the values that source has published, read in
    the caller's (the load's) transaction: an evidence file the publish gate held, or that
    failed, is never used. Nothing published yet: the observations are returned as built
    (each pillar with its row's provenance) and the note says so; else the note counts the
    published observations whose provenance the attribution changes (the changelog lists
    each)."""
    source = getattr(module, "EVIDENCE_SOURCE", None)
    if not source or obs.empty:
        return obs, None
    evidence = store.published_source_values(conn, source)
    if evidence.empty:
        return obs, NO_EVIDENCE_NOTE.format(source=source)
    out = module.attribute_evidence(obs, evidence)
    count = _provenance_changes(conn, module, out)
    return out, PROVENANCE_NOTE.format(count=count, source=source) if count else None


def _provenance_changes(conn: Connection, module: ModuleType, obs: pd.DataFrame) -> int:
    """How many published observations ``obs`` gives another source URL, channel or
    verification (same key, figures aside)."""
    old = store.published_observations(conn, store.source_indicator_ids(conn, module.INFO.id))
    if not old:
        return 0
    keys = zip(obs["indicator_id"].tolist(), obs["iso3"].tolist(),
               (int(e) for e in obs["edition"].tolist()), strict=True)
    new = zip(*(obs[f].tolist() for f in PROVENANCE_FIELDS), strict=True)
    return sum(1 for key, given in zip(keys, new, strict=True) if key in old and any(
        _text(old[key][f]) != _text(v) for f, v in zip(PROVENANCE_FIELDS, given, strict=True)))


def _text(value: object) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def runs_after(engine: Engine, source_id: str, release_id: int | None,
               pending: list[ModuleType]) -> list[tuple[ModuleType, str]]:
    """The sources to run right after a run of ``source_id`` (which published ``release_id``,
    or nothing), each with its run's note: those attributed from its values
    (``EVIDENCE_SOURCE``) that have published before and are not about to run anyway, so their
    published provenance follows the evidence just released (a source never published
    attributes on its first run). A run that published nothing still has a follower run when
    no run of the follower succeeded since the evidence's latest release: a refresh killed
    between the two (the evidence committed, its follower never run) is made good by the next
    run of the evidence, not left stale until a whole refresh."""
    followers = [m for m in SOURCES.values() if getattr(m, "EVIDENCE_SOURCE", None) == source_id
                 and m not in pending]
    if not followers:
        return []
    # Nothing published: the note names the source's latest release, and a follower runs
    # unless it ran since that release's run.
    since_run = None
    if release_id is None:
        latest = store.current_release(engine, source_id)
        if latest is None:
            return []
        release_id, since_run = latest["release_id"], latest["run_id"]
    published = store.first_release_ids(engine)
    note = RUN_AFTER_NOTE.format(source=source_id, release=release_id)
    return [(m, note) for m in followers if m.INFO.id in published
            and (since_run is None or not store.ran_since(engine, m.INFO.id, since_run))]


RUN_AFTER_NOTE = "run again after release {release} of {source}, to attribute from its values"


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


def _statement_columns(module: ModuleType, valid: pd.DataFrame,
                       snapshot_sha256: str | None) -> dict[str, list]:
    frame = module.to_statements(valid) if not valid.empty else pd.DataFrame()
    return statement_rows(frame.assign(snapshot_sha256=snapshot_sha256)) if len(frame) else {}


def _source_value_columns(module: ModuleType, valid: pd.DataFrame,
                          snapshot_sha256: str | None) -> dict[str, list]:
    frame = module.to_source_values(valid) if not valid.empty else pd.DataFrame()
    return (source_value_rows(frame.assign(snapshot_sha256=snapshot_sha256), module.INFO.id)
            if len(frame) else {})


# Keyed targets: their table, the column holding a source's scope, how a module's valid rows
# become the table's rows (column by column) and the key column.
_KEYED = {
    "statements": (lambda: store.statements, "source_id", _statement_columns, "statement_key"),
    "source_values": (lambda: store.source_values, "loaded_by", _source_value_columns,
                      "value_key"),
}


def plan_content(conn: Connection, module: ModuleType, valid: pd.DataFrame,
                 snapshot_sha256: str, held_back: dict[str, frozenset | None]
                 ) -> tuple[store.KeyedPlan, ...]:
    """Plans of the keyed targets the module declares (statements, source values), read in the
    caller's transaction and written by :func:`etl.pipeline.publish` once the gate passes; a
    key in ``held_back[target]`` (None: any key) is kept rather than removed."""
    plans = []
    for target in targets_of(module):
        if target not in _KEYED:
            continue
        table, scope_column, columns_of, _ = _KEYED[target]
        plans.append(store.plan_keyed_rows(
            conn, table(), {scope_column: module.INFO.id},
            columns_of(module, valid, snapshot_sha256), held_back.get(target, frozenset())))
    return tuple(plans)


# Stands in for a number a quarantined row lacks or could not give (empty, "1,234.5", "n/a"),
# only to learn which keys that row would have produced: a wide row gives an observation per
# value present (GCI: overall and pillars), so every value is made present. Never stored.
PROBE_NUMBER = 1


def _probe_frame(module: ModuleType, quarantined: list[dict]) -> pd.DataFrame:
    """The quarantined rows as read, numeric columns as numbers, each missing one filled."""
    frame = pd.DataFrame([q["row"] for q in quarantined],
                         index=[q.get("row_number") for q in quarantined])
    for name, column in module.SCHEMA.to_schema().columns.items():
        if name in frame.columns and schemas._is_numeric(column.dtype):
            frame[name] = pd.to_numeric(frame[name], errors="coerce").fillna(PROBE_NUMBER)
    return frame


def _observation_keys(module: ModuleType, rows: pd.DataFrame) -> set:
    obs = module.to_observations(rows)
    if obs.empty:
        return set()
    return set(zip(obs["indicator_id"].tolist(), obs["iso3"].tolist(),
                   (int(e) for e in obs["edition"].tolist()), strict=True))


def _keyed_keys(target: str) -> Callable[[ModuleType, pd.DataFrame], set]:
    _, _, columns_of, key = _KEYED[target]
    return lambda module, rows: set(columns_of(module, rows, None).get(key, []))


def _keys_given(keys_of: Callable[[ModuleType, pd.DataFrame], set], module: ModuleType,
                probe: pd.DataFrame) -> frozenset | None:
    """The keys the probe rows give, all at once or row by row; None when a row gives none
    that can be worked out (its target then keeps every published key it would remove)."""
    try:
        return frozenset(keys_of(module, probe))
    except Exception:  # noqa: BLE001 - a broken row may break the builder: try row by row
        pass
    found: set = set()
    for position in range(len(probe)):
        try:
            found |= keys_of(module, probe.iloc[[position]])
        except Exception as exc:  # noqa: BLE001 - unknown keys: nothing of the target removed
            log.warning("%s: cannot tell which keys the quarantined row of line %s would "
                        "give (%s); no published row is removed this run", module.INFO.id,
                        probe.index[position], exc)
            return None
    return frozenset(found)


def held_back_keys(module: ModuleType, quarantined: list[dict]) -> dict[str, frozenset | None]:
    """Per target, the keys the quarantined rows would have given (None: not known), so the
    published rows under those keys are kept as they are, not removed: only a key absent from
    a valid input is a removal. Duplicates are quarantined together, so each key involved is
    here; a GCI row gives its overall score's and its pillars' keys.

    A row whose key cannot be read (:func:`unread_key_columns`: ``" MAR"``, an edition 2025 or
    empty, no country) gives every key it could be: its observations' keys for each country or
    edition it could name (:func:`etl.schemas.key_candidates`: that country's rows of its
    indicators in every edition, or that edition's in every country); None when it names
    neither, or for a keyed target (statements, source values: their keys are texts), so
    nothing of that target is removed."""
    keyed = [t for t in targets_of(module) if t == "observations" or t in _KEYED]
    if not (quarantined and keyed):  # news targets are only ever added to: nothing to keep
        return {}
    probe = _probe_frame(module, quarantined)
    unread_of = unread_key_columns(module, [q["row"] for q in quarantined])
    held: dict[str, frozenset | None] = {}
    for target in keyed:
        keys_of = _observation_keys if target == "observations" else _keyed_keys(target)
        # A cited URL names statements and source values, never an observation.
        unread = [cols - {"source_url"} if target == "observations" else cols
                  for cols in unread_of]
        read = probe.iloc[[p for p, cols in enumerate(unread) if not cols]]
        given = _keys_given(keys_of, module, read) if len(read) else frozenset()
        could_be: list[pd.DataFrame] | None = []
        for position, cols in enumerate(unread):
            if not cols:
                continue
            rows = _could_be(module, probe.iloc[[position]], cols) \
                if target == "observations" else None
            line, named = probe.index[position], ", ".join(sorted(cols))
            if rows is None:
                log.warning("%s: the key of the quarantined row of line %s cannot be read "
                            "(%s); no published row of its %s is removed this run",
                            module.INFO.id, line, named, target)
                could_be = None
            else:
                log.warning("%s: the key of the quarantined row of line %s cannot be read "
                            "(%s); the published rows it could be are kept", module.INFO.id,
                            line, named)
                if could_be is not None:
                    could_be.append(rows)
        if could_be is None or given is None:
            held[target] = None
        elif could_be and sum(len(f) for f in could_be) > PROBE_ROWS_MAX:
            log.warning("%s: the quarantined rows whose key cannot be read could be too many "
                        "published rows to list; no published row of its %s is removed this "
                        "run", module.INFO.id, target)
            held[target] = None
        elif could_be:
            found = _keys_given(keys_of, module, pd.concat(could_be, ignore_index=True))
            held[target] = None if found is None else given | found
        else:
            held[target] = given
    return held


# The note of a run that kept published rows because a quarantined row's key could not be read
# (etl.pipeline adds it to the run's note when it kept any).
UNREAD_KEY_NOTE = ("{count} quarantined row(s) whose key could not be read: the published rows "
                   "they could be were kept")


def unread_key_columns(module: ModuleType, rows: list[dict]) -> list[frozenset[str]]:
    """Per quarantined row, the columns its keys cannot be read from
    (:func:`etl.schemas.unread_key_columns`), and its ``iso3`` when that is no known country
    code: an observation is always a country's."""
    unread = schemas.unread_key_columns(rows, module.SCHEMA)
    if "observations" not in targets_of(module) or "iso3" not in module.SCHEMA.to_schema(
            ).columns:
        return unread
    return [cols | {"iso3"} if row.get("iso3") not in schemas.KNOWN_ISO3 else cols
            for row, cols in zip(rows, unread, strict=True)]


def unread_key_note(module: ModuleType, quarantined: list[dict]) -> str | None:
    """:data:`UNREAD_KEY_NOTE` when some quarantined row's key could not be read, else None."""
    if not quarantined:
        return None
    count = sum(1 for cols in unread_key_columns(module, [q["row"] for q in quarantined])
                if cols)
    return UNREAD_KEY_NOTE.format(count=count) if count else None


# A row whose key cannot be read is tried under every key it could be, up to this many rows:
# past it (a country and an edition both unread, a live feed of such rows) nothing is removed.
PROBE_ROWS_MAX = 50_000


def _could_be(module: ModuleType, row: pd.DataFrame, unread: frozenset[str]
              ) -> pd.DataFrame | None:
    """The probe row under every value its unread key columns could hold, one row each; None
    when neither its country nor its edition can be read, or a column's values cannot be
    listed (a text)."""
    edition = schemas.EDITION_COLUMNS.get(module.SCHEMA.__name__)
    if "iso3" in unread and (edition in unread or edition is None):
        return None
    choices = [schemas.key_candidates(module.SCHEMA, name) for name in sorted(unread)]
    listed = [c for c in choices if c is not None]
    if len(listed) < len(choices) or math.prod(len(c) for c in listed) > PROBE_ROWS_MAX:
        return None
    combos = pd.MultiIndex.from_product(listed, names=sorted(unread)).to_frame(index=False)
    base = row.iloc[[0] * len(combos)].reset_index(drop=True)  # one label a row, as read
    for name in combos.columns:
        base[name] = combos[name].to_numpy()
    return base


def load_extra(conn: Connection, module: ModuleType, valid: pd.DataFrame, run_id: int,
               snapshot_sha256: str, fetched: Fetched, applied: list[dict]) -> Extra:
    """Load the news targets and the run's side records (in the caller's transaction, once
    the publication passed the gate; the keyed targets are :func:`plan_content`'s)."""
    source_id = module.INFO.id
    counts = store.LoadCounts()
    wanted = targets_of(module)
    if "articles" in wanted or "news_volume" in wanted:  # news sources (etl/news/ingest.py)
        from etl.news import ingest

        counts = counts + ingest.load_targets(conn, module, valid, run_id, snapshot_sha256)
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
