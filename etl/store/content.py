"""Statements, evidence, live state, corrections and methodology breaks (issue 4): cited
statements and per-source values (with the disagreements between sources), live sources'
per-URL state, the reference hash, the corrections log and declared methodology breaks.
Writers take a Connection and readers an Engine; the tables are in :mod:`etl.store.schema`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from etl.store.ordering import ascending, text_ascending
from etl.store.readers import _frame, countries_frame, read_frame, retrieval_times
from etl.store.schema import (
    LoadCounts,
    articles,
    corrections_log,
    countries,
    methodology_breaks,
    news_volume,
    raw_snapshots,
    reference_state,
    runs,
    source_state,
    source_values,
    statements,
    utcnow,
)
from etl.store.writers import (
    _chunks,
    _clean,
    _plain_values,
    _row_dicts,
    _same,
    insert_columns,
    insert_rows,
    upsert_by_key,
)

_CONTENT_TABLE_KEYS = {"statements": "statement_key", "source_values": "value_key"}
# Like observations: a new snapshot repeating a row is not a change.
_NOT_COMPARED = ("id", "run_id", "snapshot_sha256")


@dataclass(frozen=True)
class KeyedPlan:
    """What loading a keyed target (statements, source values) would do to the rows of its
    scope, worked out before anything is written, so the publish gate can judge it (rows left,
    countries gone) before a row is deleted; :func:`apply_keyed_plan` writes it."""

    table: sa.Table
    data: dict[str, list]  # the rows given, column by column (a first load inserts them as is)
    inserts: list[dict[str, Any]]
    updates: list[dict[str, Any]]
    unchanged: int
    removed: list[Any]  # keys of the scope no longer given: deleted when published
    kept: list[Any]  # keys no longer given because their incoming row was held back: kept
    published: int  # rows of the scope before the load
    published_countries: frozenset[str]
    countries: frozenset[str]  # countries of the scope after the load (given or kept)
    # The published rows of the scope the rows given replace, by key (those kept because
    # their incoming row was held back left out): what the changelog compares them with.
    replaced: Mapping[Any, dict[str, Any]] = dataclass_field(default_factory=dict)
    scope: Mapping[str, Any] = dataclass_field(default_factory=dict)  # e.g. one source's rows

    @property
    def first_load(self) -> bool:
        return not self.published

    @property
    def rows_after(self) -> int:
        given = len(next(iter(self.data.values()))) if self.data else 0
        return given if self.first_load else self.published - len(self.removed) + len(
            self.inserts)

    @property
    def changes(self) -> bool:
        """Whether publishing it changes what readers see (so it needs a release)."""
        return bool(self.rows_after if self.first_load else (
            self.inserts or self.updates or self.removed))


def plan_keyed_rows(conn: Connection, table: sa.Table, scope: dict[str, Any],
                    columns: Mapping[str, Sequence[Any]],
                    held_back: frozenset | None = frozenset()) -> KeyedPlan:
    """What making the rows of ``table`` within ``scope`` (e.g. one source) hold exactly the
    rows given column by column would do (``columns``: equal-length lists, a row per position;
    a table column not given is None in every row, a given one the table lacks is ignored).

    Rows are matched on the table's natural key column: new ones would be inserted, changed
    ones updated, identical ones left alone, and rows of the scope no longer given removed
    (the curated file no longer holds them), except those whose key is in ``held_back``: their
    incoming row was quarantined, so the published row is kept (``None``: which keys is not
    known, so every row no longer given is kept). Reads only.
    """
    key = _CONTENT_TABLE_KEYS[table.name]
    where = [table.c[k] == v for k, v in scope.items()]
    existing = {r[key]: r for r in _row_dicts(conn, sa.select(table).where(*where))}
    fields = [c.name for c in table.columns if c.name not in _NOT_COMPARED]
    names = [*fields, "snapshot_sha256"]
    count = len(next(iter(columns.values()))) if columns else 0
    data = {k: _plain_values(list(columns[k]) if k in columns else [None] * count)
            for k in names}
    given_countries = frozenset(c for c in data["iso3"] if c)
    if not existing:  # the scope's first load: nothing to compare or remove
        return KeyedPlan(table, data, [], [], 0, [], [], 0, frozenset(), given_countries,
                         {}, dict(scope))
    inserts, updates, unchanged, seen = [], [], 0, set()
    for values in zip(*data.values(), strict=True):
        row = dict(zip(names, values, strict=True))
        seen.add(row[key])
        old = existing.get(row[key])
        if old is None:
            inserts.append(row)
        elif all(_same(old[f], row[f]) for f in fields):
            unchanged += 1
        else:
            updates.append(row)
    missing = [k for k in existing if k not in seen]
    kept = missing if held_back is None else [k for k in missing if k in held_back]
    removed = [k for k in missing if k not in set(kept)] if kept else missing
    kept_keys = set(kept)
    return KeyedPlan(
        table, data, inserts, updates, unchanged, removed, kept, len(existing),
        frozenset(r["iso3"] for r in existing.values() if r["iso3"]),
        given_countries | {existing[k]["iso3"] for k in kept if existing[k]["iso3"]},
        {k: r for k, r in existing.items() if k not in kept_keys} if kept else existing,
        dict(scope),
    )


def apply_keyed_plan(conn: Connection, plan: KeyedPlan, run_id: int) -> LoadCounts:
    """Write a :func:`plan_keyed_rows` plan (in the caller's transaction)."""
    table = plan.table
    if plan.first_load:
        return LoadCounts(inserted=insert_columns(conn, table, plan.data,
                                                  same={"run_id": run_id}))
    key = _CONTENT_TABLE_KEYS[table.name]
    insert_rows(conn, table, [{**row, "run_id": run_id} for row in plan.inserts])
    if plan.updates:
        names = [c for c in plan.updates[0] if c != key]
        stmt = (table.update().where(table.c[key] == sa.bindparam("k_key"))
                .values({c: sa.bindparam(c) for c in [*names, "run_id"]}))
        conn.execute(stmt, [{**{c: u[c] for c in names}, "run_id": run_id, "k_key": u[key]}
                            for u in plan.updates])
    for chunk in _chunks(plan.removed):
        conn.execute(table.delete().where(table.c[key].in_(chunk)))
    return LoadCounts(inserted=len(plan.inserts), updated=len(plan.updates),
                      unchanged=plan.unchanged, removed=len(plan.removed), kept=len(plan.kept))


def load_keyed_rows(conn: Connection, table: sa.Table, scope: dict[str, Any],
                    columns: Mapping[str, Sequence[Any]], run_id: int) -> LoadCounts:
    """Make the rows of ``table`` within ``scope`` hold exactly the rows given (see
    :func:`plan_keyed_rows`), with no gate: the pipeline plans, gates, then applies."""
    return apply_keyed_plan(conn, plan_keyed_rows(conn, table, scope, columns), run_id)


def source_state_rows(engine: Engine, source_id: str) -> list[dict[str, Any]]:
    """The validators (ETag, Last-Modified) and last snapshot kept per URL of a live source."""
    query = sa.select(source_state).where(source_state.c.source_id == source_id)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def save_source_state(conn: Connection, source_id: str, rows: Sequence[dict[str, Any]]) -> None:
    """Replace a live source's per-URL state (only after a load committed with it)."""
    conn.execute(source_state.delete().where(source_state.c.source_id == source_id))
    if rows:
        now = utcnow()
        conn.execute(source_state.insert(),
                     [{**r, "source_id": source_id, "updated_at": now} for r in rows])


def reference_sha256(conn: Connection, name: str = "reference") -> str | None:
    """The hash recorded when the reference was last loaded (None if never, or if the
    countries table is empty, so an emptied table is loaded again)."""
    if conn.execute(sa.select(countries.c.iso3).limit(1)).first() is None:
        return None
    return conn.execute(
        sa.select(reference_state.c.sha256).where(reference_state.c.name == name)
    ).scalar()


def save_reference_sha256(conn: Connection, sha256: str, name: str = "reference") -> None:
    """Record the hash of the reference just loaded (in the loading transaction)."""
    upsert_by_key(conn, reference_state, "name",
                  {"name": name, "sha256": sha256, "updated_at": utcnow()})


def write_corrections_log(conn: Connection, run_id: int, source_id: str,
                          rows: Iterable[dict[str, Any]]) -> int:
    """Record which ledger entries a run applied (drops included: the row is gone, not lost)."""
    now = utcnow()
    payload = [{**{k: _clean(v) for k, v in r.items()}, "run_id": run_id,
                "source_id": source_id, "created_at": now} for r in rows]
    if payload:
        conn.execute(corrections_log.insert(), payload)
    return len(payload)


def replace_methodology_breaks(conn: Connection, source_id: str,
                               rows: Sequence[dict[str, Any]]) -> None:
    """A source's declared methodology breaks, replaced as a whole."""
    conn.execute(methodology_breaks.delete().where(methodology_breaks.c.source_id == source_id))
    if rows:
        conn.execute(methodology_breaks.insert(),
                     [{**r, "source_id": source_id} for r in rows])


def content_snapshots(conn: Connection) -> set[str]:
    """Snapshots cited by statements, source values, live-source state and news (keep them)."""
    cited: set[str] = set()
    for table in (statements, source_values, source_state, articles, news_volume):
        cited |= {s for (s,) in conn.execute(sa.select(table.c.snapshot_sha256).distinct())}
    return cited


def statements_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                     source_id: str | None = None, include_region: bool = True) -> pd.DataFrame:
    """Cited statements (never scores), with country name, citation and source kind.

    With ``iso3s``, rows about those countries, plus region-level rows (empty ``iso3``) unless
    ``include_region`` is False.
    """
    st, c = statements, countries
    query = (
        sa.select(
            st.c.source_id, st.c.edition, st.c.iso3, c.c.name_en.label("country"), st.c.metric,
            st.c.value_text, st.c.unit, st.c.statement, st.c.report_title,
            st.c.publication_date, st.c.data_period, st.c.source_url, st.c.source_kind,
            st.c.source_note, st.c.snapshot_sha256,
        )
        .select_from(st.outerjoin(c, c.c.iso3 == st.c.iso3))
        .order_by(ascending(st.c.edition, nullable=True), ascending(st.c.iso3, text=True, nullable=True),
                  *text_ascending(st.c.metric, st.c.source_url))
    )
    if source_id:
        query = query.where(st.c.source_id == source_id)
    if iso3s:
        wanted = st.c.iso3.in_(list(iso3s))
        query = query.where(sa.or_(wanted, st.c.iso3.is_(None)) if include_region else wanted)
    frame = read_frame(engine, query)
    frame["edition"] = frame["edition"].astype("Int64")
    return frame


def snapshot_times(engine: Engine, shas: Iterable[str]) -> dict[str, Any]:
    """When the data of each of these raw snapshots was retrieved (:func:`retrieval_times`:
    a bundled file's day of retrieval from its publisher, else the store's fetch time);
    unknown ones left out."""
    wanted = sorted({str(s) for s in shas})
    if not wanted:
        return {}
    r = raw_snapshots
    frame = read_frame(engine, sa.select(r.c.sha256, r.c.fetched_at, r.c.retrieved_on)
                       .where(r.c.sha256.in_(wanted)))
    return retrieval_times(frame).to_dict()


def source_values_frame(engine: Engine, iso3s: Sequence[str] | None = None,
                        indicator_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Every value as each source gave it (before consolidation)."""
    sv = source_values
    query = sa.select(sv).order_by(*text_ascending(sv.c.indicator_id, sv.c.iso3), sv.c.edition,
                                   *text_ascending(sv.c.field, sv.c.source_id, sv.c.source_url))
    if iso3s:
        query = query.where(sv.c.iso3.in_(list(iso3s)))
    if indicator_ids:
        query = query.where(sv.c.indicator_id.in_(list(indicator_ids)))
    return read_frame(engine, query)


def published_source_values(conn: Connection, loaded_by: str) -> pd.DataFrame:
    """The per-source values an ETL source has published, in the order they were loaded, read
    in the caller's transaction (itu_gci attributes its pillars from them)."""
    sv = source_values
    return _frame(conn, sa.select(sv).where(sv.c.loaded_by == loaded_by).order_by(sv.c.id))


def _decimals(text: str | None) -> int:
    text = (text or "").strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def agrees_within_rounding(a: float, a_places: int, b: float, b_places: int) -> bool:
    """Two printed values agree if the more precise rounds to the less precise one (each
    printed to ``places`` decimals)."""
    places = min(a_places, b_places)
    return abs(a - b) <= 0.5 * 10 ** (-places) + 1e-9


DOCUMENT_KEYS = ["source_url", "indicator_id", "edition", "field"]


def printed_places(values: pd.DataFrame) -> pd.Series:
    """The decimals each value was printed to: the most any value of its document (URL) has
    for the same indicator, edition and field. A table printing 97.49 prints India's 97.50 as
    "97.5" (a number column drops the trailing zero), while a press article quoting "82.4"
    rounded it: the document's other values tell the two apart."""
    own = values["value_text"].map(_decimals)
    return own.groupby([values[k] for k in DOCUMENT_KEYS]).transform("max")


def disagreements_frame(engine: Engine, iso3s: Sequence[str] | None = None) -> pd.DataFrame:
    """Per indicator, country, edition and field: the distinct values by source, where sources
    differ beyond rounding (an article's 82.4 and a table's 82.41 agree; 82.41 and 83.65 do
    not, nor 97.5 and 97.49 from two tables that print two decimals, see
    :func:`printed_places`).

    One row per distinct value printed, with which sources gave it and their URLs, and the
    decimals it was printed to (``places``: the fewest of its documents', so a reader can tell
    a rounding of another value from a disagreement with it: :func:`agrees_within_rounding`).
    """
    columns = ["indicator_id", "iso3", "country", "edition", "field", "value", "value_text",
               "places", "sources", "source_urls", "source_notes", "n_citations"]
    values = source_values_frame(engine)  # every country: a document's precision is all of it
    values = values[values["value"].notna()]
    values = values.assign(places=printed_places(values))
    if iso3s:
        values = values[values["iso3"].isin(list(iso3s))]
    if values.empty:
        return pd.DataFrame(columns=columns)
    names = countries_frame(engine).set_index("iso3")["name_en"]
    out = []
    for (ind, iso3, edition, field), group in values.groupby(
        ["indicator_id", "iso3", "edition", "field"], sort=True
    ):
        printed = group.drop_duplicates(["value", "places"])[["value", "places"]]
        pairs = list(printed.itertuples(index=False))
        differ = any(
            not agrees_within_rounding(a.value, a.places, b.value, b.places)
            for i, a in enumerate(pairs) for b in pairs[i + 1:]
        )
        if not differ:
            continue
        for (value, text), rows in group.groupby(["value", "value_text"], sort=True):
            out.append({
                "indicator_id": ind, "iso3": iso3, "country": names.get(iso3, iso3),
                "edition": int(edition), "field": field, "value": float(value),
                "value_text": text, "places": int(rows["places"].min()),
                "sources": ", ".join(sorted(set(rows["source_id"]))),
                "source_urls": " | ".join(rows["source_url"]),
                "source_notes": " | ".join(n for n in rows["source_note"] if n),
                "n_citations": len(rows),
            })
    return pd.DataFrame(out, columns=columns)


def methodology_breaks_frame(engine: Engine,
                             indicator_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Declared methodology breaks: do not draw a continuous line across these editions."""
    mb = methodology_breaks
    query = sa.select(mb).order_by(*text_ascending(mb.c.indicator_id), mb.c.edition)
    if indicator_ids:
        query = query.where(mb.c.indicator_id.in_(list(indicator_ids)))
    return read_frame(engine, query)


def corrections_log_frame(engine: Engine, source_id: str | None = None,
                          latest_only: bool = True) -> pd.DataFrame:
    """Ledger entries applied by runs (by default, each source's latest run)."""
    query = sa.select(corrections_log).order_by(corrections_log.c.log_id)
    if source_id:
        query = query.where(corrections_log.c.source_id == source_id)
    if latest_only:
        latest = sa.select(sa.func.max(runs.c.run_id)).group_by(runs.c.source_id)
        query = query.where(corrections_log.c.run_id.in_(latest))
    return read_frame(engine, query)
