"""What the CLI prints of the store: a line per run, the status table, the changelog's tables,
quarantined rows (frames and rows in, lines out; the commands echo them)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime

import pandas as pd

from etl import owed_work, store
from etl.changes import PROVENANCE_FIELDS
from etl.run_safety import RunResult


def text(value: object) -> str:
    """A stored text for a table cell: "" for none (pandas reads a NULL as NaN or None)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value)


def age(finished: object, now: datetime | None = None) -> str:
    """How long ago ``finished`` was, in its largest unit: ``3d``, ``5h``, ``12m``, ``40s``."""
    if finished is None or pd.isna(finished):
        return "-"
    when = pd.Timestamp(finished)
    when = when.tz_localize(UTC) if when.tzinfo is None else when
    seconds = int(((now or datetime.now(UTC)) - when).total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def result_line(r: RunResult) -> str:
    """``itu_gci: succeeded fetched=... release=7 reason: ...``: one run's outcome."""
    counts = " ".join(f"{k}={v}" for k, v in r.counts.items())
    line = f"{r.source_id}: {r.status}" + (f" {counts}" if counts else "")
    line += f" release={r.release_id}" if r.release_id else ""
    return line + (f" reason: {r.reason}" if r.reason else "")


def status_lines(runs: pd.DataFrame, release: Mapping | None) -> Iterator[str]:
    """`etl status`: the release served, then per source its last run, outcome, rows,
    quarantined, removed (published rows the run deleted: the source no longer gives them),
    kept (published rows left as they were: their incoming row was quarantined) and age."""
    if release:
        yield (f"data release {release['release_id']} ({release['source_id']} run "
               f"{release['run_id']}, published {age(release['published_at'])} ago)")
    yield (f"{'source':<22}{'run':>5}  {'status':<10}{'rows':>6}{'quar.':>6}"
           f"{'removed':>8}{'kept':>6}  {'age':>5}  reason")
    for r in runs.itertuples():
        rows = r.inserted + r.updated + r.unchanged
        yield (f"{r.source_id:<22}{r.run_id:>5}  {r.status:<10}{rows:>6}{r.quarantined:>6}"
               f"{r.removed:>8}{r.kept_quarantined:>6}  {age(r.finished_at):>5}  "
               f"{text(r.reason)}")


def held_lines(holds: Iterable[Mapping]) -> Iterator[str]:
    """The held releases still awaiting review that later runs hide from the status table:
    what `etl publish SOURCE --force` would publish."""
    for h in holds:
        yield (f"held: {h['source_id']} run {h['run_id']} still awaits review (publish it "
               f"with `cyberindex etl publish {h['source_id']} --force`): {text(h['reason'])}")


def owed_lines(owed: Iterable[Mapping], articles_read_otherwise: int) -> Iterator[str]:
    """Work committed releases still owe (a claims re-check, alerts), and the articles older
    reading rules read: the next refresh does them."""
    for w in owed:
        tried = (f"; {w['attempts']} failed attempt(s), last: {text(w['last_error'])}"
                 if w["attempts"] else "")
        given_up = (w["kind"] == store.DELIVER_ALERTS
                    and w["attempts"] >= owed_work.OWED_ALERT_MAX_ATTEMPTS)
        when = ("no longer tried: fix the channel, then `cyberindex etl retry-owed`" if given_up
                else "the next refresh does it")
        yield (f"owed: {w['kind']} for {w['source_id']} release {w['release_id']}, since "
               f"{age(w['created_at'])} ago ({when}{tried})")
    if articles_read_otherwise:
        yield (f"owed: {articles_read_otherwise} stored article(s) read by older rules (the next "
               f"refresh, or `cyberindex news reread`, reads them again)")


def _pair(a: object, b: object) -> str:
    if pd.isna(a) and pd.isna(b):
        return ""
    return f"{'-' if pd.isna(a) else a}->{'-' if pd.isna(b) else b}"


def _when(moment: object) -> str:
    return pd.Timestamp(moment).strftime("%Y-%m-%d %H:%M")


def _moved(r) -> str:
    """Where the value was read, where that changed: "verification a->b; channel ..."."""
    sides = [(f, text(getattr(r, f"old_{f}")), text(getattr(r, f"new_{f}")))
             for f in PROVENANCE_FIELDS]
    return "; ".join(f"{f} {old or '-'}->{new or '-'}" for f, old, new in sides
                     if old != new and r.kind in ("changed", "provenance"))


def changes_lines(frame: pd.DataFrame, content: pd.DataFrame) -> Iterator[str]:
    """`changes` as tables: the changelog of observations (old and new value, rank and tier,
    and where the value was read where that changed), then the cited statements and
    per-source values (table ``content_changes``), latest first as given."""
    if frame.empty and content.empty:
        yield "no changes"
        return
    if not frame.empty:
        yield (f"{'release':>7}  {'when':<16} {'indicator':<28}{'iso3':<5}{'ed.':>5}  "
               f"{'kind':<11}{'value':>17}{'rank':>11}{'tier':>7}  source")
    for r in frame.itertuples():
        yield (f"{r.release_id:>7}  {_when(r.changed_at):<16} {r.indicator_id:<28}"
               f"{r.iso3:<5}{r.edition:>5}  {r.kind:<11}"
               f"{_pair(r.old_value, r.new_value):>17}{_pair(r.old_rank, r.new_rank):>11}"
               f"{_pair(r.old_tier, r.new_tier):>7}  {_moved(r)}").rstrip()
    if content.empty:
        return
    yield ("\n" if not frame.empty else "") + "cited statements and per-source values:"
    yield (f"{'release':>7}  {'when':<16} {'source':<20}{'iso3':<5}{'ed.':>5}  "
           f"{'kind':<8}{'printed':<22}text")
    for r in content.itertuples():
        edition = "" if pd.isna(r.edition) else int(r.edition)
        printed = _pair(r.old_value_text, r.new_value_text) or _pair(r.old_value, r.new_value)
        said = r.new_text if isinstance(r.new_text, str) else r.old_text
        yield (f"{r.release_id:>7}  {_when(r.changed_at):<16} "
               f"{(text(r.printed_by) or r.source_id):<20}{text(r.iso3):<5}{edition:>5}  "
               f"{r.kind:<8}{printed:<22}{text(said)}")


def quarantine_lines(rows: pd.DataFrame) -> Iterator[str]:
    """`etl quarantine`: each row held back, its reason, and the row as read."""
    if rows.empty:
        yield "no quarantined rows"
    for r in rows.itertuples():
        yield f"{r.source_id} run {r.run_id} line {r.row_number}: {r.reason}\n    {r.row_json}"
