"""The thin command line: each command parses arguments, builds settings, calls one function.

User mistakes, and a database that cannot be used (read-only, locked, unreachable), end in one
clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from etl import (
    export,
    locks,
    maintenance,
    owed_work,
    pipeline,
    reference,
    releases,
    run_safety,
    skipped_runs,
    store,
    viewquery,
)
from etl.settings import Settings, SettingsError
from etl.store import database_label


def _engine(settings: Settings):
    """The engine of the store, made when there is none: for the commands that create one
    (`etl run`, `users add`; `db upgrade` too, by its own path). Every other command opens an
    existing store only (:func:`_store_engine`)."""
    engine = store.make_engine(settings.database_url)
    store.init_schema(engine)
    return engine


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _existing_store(settings: Settings):
    """The engine of an existing store (:func:`etl.store.existing_engine`), its schema as
    found; no store is one line and EXIT_DATABASE, nothing written; a database that cannot be
    reached (PostgreSQL: no such database) is the one line of :class:`Commands`."""
    try:
        return store.existing_engine(settings.database_url)
    except store.NoStore as exc:
        _fail(str(exc), EXIT_DATABASE)


def _store_engine(settings: Settings):
    """The engine of an existing store (:func:`_existing_store`), for the commands that read it
    (or change only what it holds); a store of an older version is brought up to date, as by
    every command."""
    engine = _existing_store(settings)
    store.init_schema(engine)
    return engine


# Where a CLI user finds the values a filter accepts, when they are too many to list.
_KNOWN_AT = {"country": "the ISO3 codes listed by GET /api/v1/countries",
             "indicator": "the ids listed by GET /api/v1/indicators",
             "group": "the ids listed by GET /api/v1/groups"}
_MAX_LISTED = 40


def _year_runs(years: list[str]) -> str:
    """Years as runs: ``1960, 1965, 1975-2018, 2020`` (51 editions in one short line)."""
    runs: list[list[int]] = []
    for year in sorted(int(y) for y in years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def _unknown_message(parameter: str, said: str, known: list[str] | None) -> str:
    """``--country: unknown country: XXX (known: ...)``: the bad values, and the good ones (or
    where to find them when there are many)."""
    if known is None:  # a parameter without a list of its own
        return f"--{parameter}: {said}"
    if known and parameter == "edition":
        where = f"known: {_year_runs(known)}"
    elif known and len(known) <= _MAX_LISTED:
        where = f"known: {', '.join(map(str, known))}"
    elif known:
        where = f"{len(known)} known: {_KNOWN_AT[parameter]}"
    else:
        where = "the store holds none yet"
    return f"--{parameter}: {said} ({where})"


def _known_values(engine, parameter: str) -> list[str] | None:
    frames = {"indicator": lambda: store.indicators_frame(engine)["indicator_id"],
              "country": lambda: store.countries_frame(engine)["iso3"],
              "group": lambda: store.groups_frame(engine)["group_id"],
              "edition": lambda: store.editions_available(engine)}
    if parameter not in frames:
        return None
    return sorted(str(v) for v in frames[parameter]())


def _check_ids(engine, wanted: export.ExportFilter) -> None:
    """The API's check of a filter's ids (:func:`etl.export.check_filter`): an unknown one is
    exit 2 naming it and the known ones, not an empty answer."""
    try:
        export.check_filter(engine, wanted)
    except export.UnknownValueError as exc:
        _fail(_unknown_message(exc.parameter, str(exc), _known_values(engine, exc.parameter)), 2)


def _query(**options):
    """Options as the API's query parameters, under the same names: a repeated option
    repeated, one not given absent (a werkzeug ``MultiDict``, as a request's ``args``)."""
    from werkzeug.datastructures import MultiDict

    return MultiDict([(name, value) for name, values in options.items()
                      for value in ([values] if isinstance(values, str) else values or ())])


def _listed(**options) -> dict[str, tuple[str, ...]]:
    """Each option's values as the API reads its parameter (:func:`dashboard.api.list_values`,
    the same code): repeated, comma separated or both (``--country MAR,OMN``), blanks dropped,
    each once; ``where`` and ``outlet`` whole (their values may hold commas). One given with
    nothing in it (``--where ""``: a shell variable left unset) is exit 2 naming it, as the
    API's 400 is (:func:`dashboard.api.refuse_unknown_parameters`): never the whole table."""
    from dashboard.api import UNSPLIT, ApiError, list_values, refuse_unknown_parameters

    args = _query(**options)
    try:
        refuse_unknown_parameters(options, args=args)
    except ApiError as exc:
        _fail(f"--{exc.parameter}: {exc.message}", 2)
    return {name: tuple(list_values(name, args, split=name not in UNSPLIT)) for name in options}


def _news_filter(engine, kind: str, **options) -> store.ArticleFilter:
    """The News filter of `news list`'s options, parsed and checked by the API's own parser
    (:func:`dashboard.api.news_filter`: the options are its query parameters), so a value the
    API refuses is refused here in its words (exit 2, naming the option)."""
    from dashboard.api import ApiError, news_filter

    args = _query(**options)
    try:
        return news_filter(args, engine, kind)
    except ApiError as exc:
        parameter = exc.parameter or ""
        _fail(_unknown_message(parameter, exc.message, _known_values(engine, parameter)
                               if exc.message.startswith("unknown ") else None), 2)


def _write_atomically(output: str, data: bytes) -> None:
    """``data`` to ``output`` through a temporary file in its folder, then a rename: a failure
    leaves the old file (or none), never half a file."""
    target = Path(output)
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".part", delete=False)
    try:
        with handle:
            handle.write(data)
        mask = os.umask(0)
        os.umask(mask)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~mask
        os.chmod(handle.name, mode)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


EXIT_LOCKED = 3  # another refresh holds the lock
EXIT_HELD = 4  # a release was held by the publish gate (and nothing failed)
EXIT_DATABASE = 5  # the database cannot be used (read-only, locked, unreachable, bad URL)

# Hints for the causes SQLite gives in words an operator may not act on unaided.
_DATABASE_HINTS = (
    ("readonly database", "check the permissions of the file and of its folder"),
    ("database is locked", "another process kept it busy for longer than the wait; try again"),
    ("unable to open database file", "check that the folder exists and is writable"),
)


def database_cause(exc: BaseException) -> SQLAlchemyError | None:
    """The database error ``exc`` is or was raised from (a wrapper such as "busy, gave up after
    N attempts" keeps its cause), or None."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, SQLAlchemyError):
            return seen
        seen = seen.__cause__
    return None


def database_error(exc: BaseException, database_url: str) -> str:
    """One line: which database, and why it cannot be used (the driver's words, and a hint)."""
    orig = getattr(exc, "orig", None)
    lines = str(orig if orig is not None else exc).strip().splitlines()
    cause = lines[0].strip() if lines else type(exc).__name__
    hint = next((h for words, h in _DATABASE_HINTS if words in cause), None)
    return f"database {database_label(database_url)}: {cause}" + (f" ({hint})" if hint else "")


class Commands(click.Group):
    """The top-level group: a database error in any command is one line and EXIT_DATABASE."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SettingsError as exc:  # a CYBERINDEX_* variable that does not read
            _fail(str(exc), 2)
        except reference.ReferenceDataError as exc:  # a bad reference file: one line names it
            _fail(str(exc), 1)
        except Exception as exc:
            if database_cause(exc) is None:
                raise
            _fail(database_error(exc, Settings.from_env().database_url), EXIT_DATABASE)


@click.group(cls=Commands)
def main() -> None:
    """cyberindex: national cybersecurity indices, validated, with their sources.

    \b
    Exit codes: 0 done; 1 a source failed (or another error); 2 usage error;
    3 another refresh is running; 4 a release was held by the publish gate;
    5 the database cannot be used (read-only, locked, unreachable): one line names it.
    """


@main.group()
def etl() -> None:
    """Gather, validate and load sources."""


@etl.command("run")
@click.argument("sources", nargs=-1)
@click.option("--all", "run_all", is_flag=True, help="Run every source (the default).")
def etl_run(sources: tuple[str, ...], run_all: bool) -> None:
    """Run SOURCES (all when none is given)."""
    if run_all and sources:  # `--all itu_gci` ran everything and said nothing of the name
        _fail("give source names or --all, not both", 2)
    settings = Settings.from_env()
    names = () if run_all else sources
    engine = _engine(settings)
    try:
        results = pipeline.run_sources(names, settings, engine)
    except (pipeline.UnknownSourceError, locks.LockConfigError) as exc:
        _fail(str(exc), 2)
    except locks.LockBusy as exc:
        # A refused refresh is a run that did not happen: recorded "skipped" per source, as
        # the scheduler does, so `etl status` and the Status page show it (exit 3 still).
        skipped_runs.record_skipped(pipeline.sources_to_run(names, settings),
                                    skipped_runs.SKIPPED_BUSY, engine)
        _fail(str(exc), EXIT_LOCKED)
    _report(results)


def _report(results: list[run_safety.RunResult]) -> None:
    """One line per source; exit 1 if any failed, 4 if any was held."""
    for r in results:
        counts = " ".join(f"{k}={v}" for k, v in r.counts.items())
        line = f"{r.source_id}: {r.status}" + (f" {counts}" if counts else "")
        line += f" release={r.release_id}" if r.release_id else ""
        click.echo(line + (f" reason: {r.reason}" if r.reason else ""))
    if any(r.status == "failed" for r in results):
        sys.exit(1)
    if any(r.status == "held" for r in results):
        sys.exit(EXIT_HELD)


@etl.command("publish")
@click.argument("source")
@click.option("--force", is_flag=True, help="Publish the held release despite the gate.")
def etl_publish(source: str, force: bool) -> None:
    """Publish SOURCE's held release from its kept raw snapshot (needs --force)."""
    if not force:
        _fail("a held release is published only with --force (see `cyberindex etl status`)", 2)
    settings = Settings.from_env()
    engine = _store_engine(settings)  # a held release is in an existing store, or nowhere
    try:
        result = maintenance.publish_held(source, settings, engine)
    except (pipeline.UnknownSourceError, maintenance.NothingHeldError,
            locks.LockConfigError) as exc:
        _fail(str(exc), 2)
    except locks.LockBusy as exc:
        _fail(str(exc), EXIT_LOCKED)
    _report([result])


@etl.command("prune")
@click.option("--keep", type=click.IntRange(min=1), required=True,
              help="Snapshots to keep per source (newest first).")
def etl_prune(keep: int) -> None:
    """Remove old raw snapshots, never one that published data or a held run needs."""
    settings = Settings.from_env()
    engine = _store_engine(settings)  # a mistyped URL must not prune an empty store, "0 removed"
    try:
        removed = maintenance.prune_snapshots(engine, settings, keep)
    except locks.LockConfigError as exc:
        _fail(str(exc), 2)
    except locks.LockBusy as exc:
        _fail(str(exc), EXIT_LOCKED)
    for row in removed:
        click.echo(f"removed {row['source_id']} {row['sha256'][:12]} {row['path']}")
    click.echo(f"{len(removed)} snapshot(s) removed")


def _text(value: object) -> str:
    """A stored text for a table cell: "" for none (pandas reads a NULL as NaN or None)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value)


def _age(finished: object) -> str:
    if finished is None or pd.isna(finished):
        return "-"
    when = pd.Timestamp(finished)
    when = when.tz_localize(UTC) if when.tzinfo is None else when
    seconds = int((datetime.now(UTC) - when).total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@etl.command("status")
def etl_status() -> None:
    """Per source: last run, outcome, rows, quarantined, removed, kept, age."""
    settings = Settings.from_env()
    engine = _store_engine(settings)
    runs = store.last_runs_frame(engine)
    if runs.empty:
        click.echo("no runs yet: try `cyberindex etl run`")
        return
    release = releases.current_release(engine)
    if release:
        click.echo(f"data release {release['release_id']} ({release['source_id']} run "
                   f"{release['run_id']}, published {_age(release['published_at'])} ago)")
    # removed: published rows the run deleted (the source no longer gives them); kept:
    # published rows left as they were because their incoming row was quarantined.
    click.echo(f"{'source':<22}{'run':>5}  {'status':<10}{'rows':>6}{'quar.':>6}"
               f"{'removed':>8}{'kept':>6}  {'age':>5}  reason")
    for r in runs.itertuples():
        rows = r.inserted + r.updated + r.unchanged
        click.echo(f"{r.source_id:<22}{r.run_id:>5}  {r.status:<10}{rows:>6}{r.quarantined:>6}"
                   f"{r.removed:>8}{r.kept_quarantined:>6}  {_age(r.finished_at):>5}  "
                   f"{_text(r.reason)}")
    _echo_pending_holds(engine, dict(zip(runs["source_id"], runs["run_id"], strict=True)))
    _echo_owed_work(engine)


def _echo_pending_holds(engine, latest: dict[str, int]) -> None:
    """The held releases still awaiting review that later runs (skipped, failed...) hide from
    the table above: what `etl publish SOURCE --force` would publish."""
    with engine.connect() as conn:
        holds = [h for h in store.pending_held_runs(conn) if latest.get(h["source_id"]) != h["run_id"]]
    for h in holds:
        click.echo(f"held: {h['source_id']} run {h['run_id']} still awaits review (publish it "
                   f"with `cyberindex etl publish {h['source_id']} --force`): {_text(h['reason'])}")


def _echo_owed_work(engine) -> None:
    """Work committed releases still owe (a claims re-check, alerts): the next refresh does it."""
    with engine.connect() as conn:
        owed = store.pending_work_rows(conn)
    for w in owed:
        tried = (f"; {w['attempts']} failed attempt(s), last: {_text(w['last_error'])}"
                 if w["attempts"] else "")
        given_up = (w["kind"] == store.DELIVER_ALERTS
                    and w["attempts"] >= owed_work.OWED_ALERT_MAX_ATTEMPTS)
        when = ("no longer tried: fix the channel, then `cyberindex etl retry-owed`" if given_up
                else "the next refresh does it")
        click.echo(f"owed: {w['kind']} for {w['source_id']} release {w['release_id']}, since "
                   f"{_age(w['created_at'])} ago ({when}{tried})")
    from etl.news import reread

    with engine.connect() as conn:
        older = reread.articles_read_otherwise(conn)
    if older:
        click.echo(f"owed: {older} stored article(s) read by older rules (the next refresh, or "
                   f"`cyberindex news reread`, reads them again)")


@etl.command("retry-owed")
def etl_retry_owed() -> None:
    """Have the next refresh try again the owed alerts it gave up on (after repeated failures
    of a channel, e.g. a webhook down): run it once the channel works again."""
    engine = _store_engine(Settings.from_env())
    with engine.begin() as conn:
        count = store.reset_pending_attempts(conn, [store.DELIVER_ALERTS],
                                             owed_work.OWED_ALERT_MAX_ATTEMPTS)
    click.echo(f"{count} owed alert row(s) will be tried again by the next refresh")


@etl.command("quarantine")
@click.option("--source", default=None, help="Only this source.")
def etl_quarantine(source: str | None) -> None:
    """Rows held back by validation in each source's latest run, with their reasons."""
    settings = Settings.from_env()
    if source is not None:
        try:
            pipeline.resolve_sources([source])
        except pipeline.UnknownSourceError as exc:
            _fail(f"--source: {exc}", 2)
    rows = store.quarantine_frame(_store_engine(settings), source)
    if rows.empty:
        click.echo("no quarantined rows")
        return
    for r in rows.itertuples():
        click.echo(f"{r.source_id} run {r.run_id} line {r.row_number}: {r.reason}\n    {r.row_json}")


@main.command("export")
@click.option("--indicator", "indicators", multiple=True, help="Indicator id, e.g. itu_gci.overall")
@click.option("--country", "countries", multiple=True, help="ISO3 code, e.g. MAR or MAR,OMN")
@click.option("--group", "groups", multiple=True, help="Peer group id, e.g. gcc")
@click.option("--edition", "editions", multiple=True, help="Edition year, e.g. 2020 or 2020,2024")
@click.option("--format", "fmt", type=click.Choice(list(export.FORMATS)), default="csv",
              help="csv or json (stdout or --output); xlsx, parquet, zip (need --output)")
@click.option("--output", type=click.Path(dir_okay=False), default=None, help="File (default stdout)")
@click.option("--lang", type=click.Choice(["en", "fr", "ar"]), default="en",
              help="Language of the country and indicator names and of the words around the "
                   "data")
@click.option("--where", default=None,
              help="Row filter as the Data page's table writes it, e.g. '{value} >= 50 && "
                   "{country} contains Ma' (see docs/api.md)")
@click.option("--sort", default=None, help="Row order, e.g. value:desc,country:asc")
@click.option("--dataset", type=click.Choice(list(export.DATASETS)), default="observations",
              help="observations (default); statements: cited statements (INTERPOL findings, "
                   "NCSI snapshots kept as statements; --country, --group, --source, "
                   "--edition); crossindex: the Cross-index page's table (--country, --group)")
@click.option("--source", "sources", multiple=True,
              help="Source id of statements, e.g. interpol_act or ncsi (--dataset statements)")
def export_command(indicators, countries, groups, editions, fmt, output, lang, where,
                   sort, dataset, sources) -> None:
    """Tidy rows of the filtered observations (or statements, or the Cross-index table), with
    their sources.

    As in the API, a list option is repeated or comma separated (--country MAR,OMN), and one
    given empty (--where "", an unset shell variable) is refused, never the whole table."""
    settings = Settings.from_env()
    if output is not None and not output.strip():  # --output "$UNSET": not stdout by surprise
        _fail("--output is empty: give a file, or leave --output out to write to stdout", 2)
    if export.FORMATS[fmt].binary and not output:
        _fail(f"--format {fmt} writes a binary file: give --output FILE", 2)
    listed = _listed(indicator=indicators, country=countries, group=groups, edition=editions,
                     source=sources, where=where)
    # What the dataset does not filter by is refused first (a --where on statements read as an
    # observations' filter would name the observations' columns).
    given = {**listed, "sort": (sort or "").strip()}
    unused = [n for n, v in given.items() if v and n not in export.DATASETS[dataset]]
    if unused:
        _fail(f"--{', --'.join(unused)} cannot filter --dataset {dataset} (it takes "
              f"--{', --'.join(export.DATASETS[dataset])})", 2)
    try:
        years = tuple(dict.fromkeys(int(e) for e in listed["edition"]))
    except ValueError:
        _fail("--edition must be a year such as 2020, not: "
              f"{', '.join(e for e in listed['edition'] if not e.isdigit())}", 2)
    try:
        wanted = export.ExportFilter.with_view(
            " && ".join(listed["where"]), sort, indicators=listed["indicator"],
            countries=tuple(dict.fromkeys(c.upper() for c in listed["country"])),
            groups=listed["group"], editions=years, sources=listed["source"])
    except viewquery.ViewQueryError as exc:
        _fail(f"--{exc.parameter}: {exc}", 2)
    engine = _store_engine(settings)
    try:
        bundle = export.prepare_export(engine, wanted, lang=lang, dataset=dataset)
    except export.UnknownValueError as exc:
        if dataset != "observations" and exc.parameter in ("source", "edition"):
            _fail(str(exc), 2)  # known statement sources and editions: see the API's answer
        _fail(_unknown_message(exc.parameter, str(exc), _known_values(engine, exc.parameter)), 2)
    data = bundle.render(fmt)
    if output and fmt == "csv":  # a file for a spreadsheet: the BOM of the CSV downloads
        data = export.CSV_BOM.encode("utf-8") + data
    if output:
        try:
            _write_atomically(output, data)
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
        click.echo(f"{len(bundle.frame)} rows written to {output}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@main.command("changes")
@click.option("--since", default=None, help="Only changes published on or after this date.")
@click.option("--country", "countries", multiple=True, help="ISO3 code, e.g. MAR or MAR,OMN")
@click.option("--indicator", "indicators", multiple=True, help="Indicator id, e.g. itu_gci.overall")
@click.option("--kind", "kinds", multiple=True,
              help="added, changed, provenance or removed (provenance: the same figures, another "
                   "source URL, channel or verification)")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              help="table (default), or the rows of the page's downloads as CSV or JSON")
@click.option("--lang", type=click.Choice(["en", "fr", "ar"]), default="en",
              help="Language of the country names (csv, json)")
def changes_command(since, countries, indicators, kinds, fmt, lang) -> None:
    """What published refreshes changed: old and new value, rank and tier (and source URL,
    channel or verification where they changed), then the cited statements and per-source
    values (latest first).

    As in the API, a list option is repeated or comma separated (--kind added,changed), and one
    given empty (--country "", an unset shell variable) is refused, never every change."""
    from etl import changelog_export
    from etl.changes import PROVENANCE_FIELDS

    settings = Settings.from_env()
    listed = _listed(country=countries, indicator=indicators, kind=kinds)
    unknown = [k for k in listed["kind"] if k not in changelog_export.KINDS]
    if unknown:
        _fail(_unknown_message("kind", f"unknown kind: {', '.join(unknown)}",
                               list(changelog_export.KINDS)), 2)
    if since is not None:
        # The API's rule (a day or a time in ISO 8601): "" or "now" would be no date at all.
        try:
            if not since.strip()[:4].isdigit() or pd.isna(pd.Timestamp(since)):
                raise ValueError(since)
        except ValueError:
            _fail(f"--since: not a date: {since!r} (use YYYY-MM-DD)", 2)
    engine = _store_engine(settings)
    countries = tuple(dict.fromkeys(c.upper() for c in listed["country"]))
    indicators, kinds = listed["indicator"], listed["kind"]
    _check_ids(engine, export.ExportFilter(indicators=indicators, countries=countries))
    if fmt != "table":
        rows = changelog_export.changes_rows(
            engine, since=since, iso3s=[c.upper() for c in countries], indicator_ids=indicators,
            kinds=kinds, lang=lang)
        click.echo(changelog_export.render(rows, fmt), nl=False)
        return
    # Both tables up to one release: a publication landing meanwhile is not listed half.
    _release, frame, content = store.changelog_frames(engine, since=since,
                                                      iso3s=countries or None,
                                                      indicator_ids=indicators or None)
    if kinds:
        frame = frame[frame["kind"].isin(kinds)]
        content = content[content["kind"].isin(kinds)]
    if frame.empty and content.empty:
        click.echo("no changes")
        return

    def pair(a, b):
        if pd.isna(a) and pd.isna(b):
            return ""
        return f"{'-' if pd.isna(a) else a}->{'-' if pd.isna(b) else b}"

    def when(moment) -> str:
        return pd.Timestamp(moment).strftime("%Y-%m-%d %H:%M")

    def moved(r) -> str:
        """Where the value was read, where that changed: "verification a->b; channel ..."."""
        sides = [(f, _text(getattr(r, f"old_{f}")), _text(getattr(r, f"new_{f}")))
                 for f in PROVENANCE_FIELDS]
        return "; ".join(f"{f} {old or '-'}->{new or '-'}" for f, old, new in sides
                         if old != new and r.kind in ("changed", "provenance"))

    if not frame.empty:
        click.echo(f"{'release':>7}  {'when':<16} {'indicator':<28}{'iso3':<5}{'ed.':>5}  "
                   f"{'kind':<11}{'value':>17}{'rank':>11}{'tier':>7}  source")
    for r in frame.itertuples():
        click.echo((f"{r.release_id:>7}  {when(r.changed_at):<16} {r.indicator_id:<28}"
                    f"{r.iso3:<5}{r.edition:>5}  {r.kind:<11}"
                    f"{pair(r.old_value, r.new_value):>17}{pair(r.old_rank, r.new_rank):>11}"
                    f"{pair(r.old_tier, r.new_tier):>7}  {moved(r)}").rstrip())
    if content.empty:
        return
    # Cited statements and per-source values (table content_changes): what changed in words.
    click.echo(("\n" if not frame.empty else "")
               + "cited statements and per-source values:")
    click.echo(f"{'release':>7}  {'when':<16} {'source':<20}{'iso3':<5}{'ed.':>5}  "
               f"{'kind':<8}{'printed':<22}text")
    for r in content.itertuples():
        edition = "" if pd.isna(r.edition) else int(r.edition)
        printed = pair(r.old_value_text, r.new_value_text) or pair(r.old_value, r.new_value)
        text = r.new_text if isinstance(r.new_text, str) else r.old_text
        click.echo(f"{r.release_id:>7}  {when(r.changed_at):<16} "
                   f"{(_text(r.printed_by) or r.source_id):<20}{_text(r.iso3):<5}{edition:>5}  "
                   f"{r.kind:<8}{printed:<22}{_text(text)}")


@main.command("schedule")
@click.option("--list", "list_only", is_flag=True, help="Print the jobs and next run times, then exit.")
def schedule_command(list_only: bool) -> None:
    """Run refreshes on their cron schedules (long-lived; see docs/operations.md)."""
    from etl import scheduler

    settings = Settings.from_env()
    try:
        sched = scheduler.build_scheduler(settings)
    except ValueError as exc:
        _fail(str(exc), 2)
    if list_only:
        for line in scheduler.describe(sched):
            click.echo(line)
        return
    scheduler.run_forever(sched)


@main.group()
def news() -> None:
    """News: mentions of countries and indices, and figure claims checked (docs/news.md)."""


@news.command("extract")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json")
def news_extract(files: tuple[Path, ...], fmt: str) -> None:
    """Countries, indices and claims of article FILES, checked against the store's data."""
    from etl.news import report

    settings = Settings.from_env()
    engine = _store_engine(settings)
    try:
        results = report.extract_files(files, export.export_frame(engine, export.ExportFilter()))
    except report.NoOfficialData as exc:
        _fail(str(exc))
    except (ValueError, OSError) as exc:
        _fail(str(exc), 2)
    click.echo(report.to_json(results) if fmt == "json" else report.format_table(results))


@news.command("recheck")
def news_recheck() -> None:
    """Check every stored claim again against the published data, as a release does for its
    index (e.g. after an upgrade that changed how claims are checked); this completes the
    re-checks releases still owe."""
    settings = Settings.from_env()
    engine = _store_engine(settings)
    try:
        articles = owed_work.recheck_every_claim(settings, engine)
    except locks.LockBusy as exc:
        _fail(f"not checked again: {exc}", EXIT_LOCKED)
    click.echo(f"claims of {articles} article(s) checked again")


@news.command("reread")
@click.option("--all", "everything", is_flag=True,
              help="Every stored article, not only those older reading rules read.")
def news_reread(everything: bool) -> None:
    """Read the stored articles again by the current rules (their countries, indices and
    claims, checked against the published data), as each refresh does for articles older
    rules read; under the refresh lock, a committed batch at a time."""
    settings = Settings.from_env()
    engine = _store_engine(settings)
    try:
        read, changed = owed_work.reread_stored_articles(settings, engine, everything=everything)
    except locks.LockBusy as exc:
        _fail(f"not read again: {exc}", EXIT_LOCKED)
    click.echo(f"{read} article(s) read again; the findings of {changed} changed")


@news.command("list")
@click.option("--country", "countries", multiple=True, help="ISO3 code, e.g. MAR")
@click.option("--language", "languages", multiple=True, help="ar, fr, en...")
@click.option("--outlet", "outlets", multiple=True,
              help="Outlet name as stored, e.g. Hespress (repeat it: names may hold commas)")
@click.option("--since", default=None, help="First day, YYYY-MM-DD.")
@click.option("--until", default=None, help="Last day (whole), YYYY-MM-DD.")
@click.option("--claim", default=None,
              help="yes: articles with claims; no: without; any (default). Not with --claims.")
@click.option("--verdict", "verdicts", multiple=True,
              help=f"Articles (claims) with this verdict: {', '.join(store.VERDICTS)}")
@click.option("--samples", is_flag=True, help="Include the synthetic sample articles.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="The newest N only (text: 50 unless given; csv, json: every row, as the "
                   "API's downloads)")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              help="text (default), or the rows of the News page's downloads as CSV or JSON")
@click.option("--claims", "of_claims", is_flag=True,
              help="The checked claims of these articles' filter instead of the articles.")
@click.option("--lang", type=click.Choice(["en", "fr", "ar"]), default="en",
              help="Language of the claims' country names and explanations")
def news_list(countries, languages, outlets, since, until, claim, verdicts, samples, limit, fmt,
              of_claims, lang) -> None:
    """Stored articles (or --claims), newest first (synthetic samples only with --samples):
    the filter of the News page and of its downloads (/api/v1/downloads/articles.csv and
    claims.csv), under the same names and checked by the same code."""
    from etl import news_export
    from etl.news import report

    settings = Settings.from_env()
    engine = _store_engine(settings)
    kind = "claims" if of_claims else "articles"
    wanted = _news_filter(engine, kind, country=countries, language=languages, outlet=outlets,
                          since=since, until=until, claim=claim, verdict=verdicts,
                          samples="1" if samples else None)
    if fmt == "text" and not of_claims:
        frame = store.articles_frame(engine, **dataclasses.asdict(wanted), limit=limit or 50)
        click.echo(report.format_articles(frame))
        return
    if fmt == "text":
        limit = limit or 50
    try:
        rows = news_export.rows_of(kind, engine, wanted, lang=lang, limit=limit)
    except news_export.TooManyRows as exc:
        _fail(f"{exc} (or give --limit)", 2)
    click.echo(news_export.render(rows, "csv" if fmt == "text" else fmt), nl=False)


@main.command("serve")
@click.option("--host", default=None, help="Bind address (default from settings).")
@click.option("--port", type=int, default=None, help="Port (default 8050).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Gunicorn worker processes (default CYBERINDEX_WORKERS, 2).")
@click.option("--dev", is_flag=True,
              help="Dash's development server with debug and dev tools (never in production).")
def serve(host: str | None, port: int | None, workers: int | None, dev: bool) -> None:
    """Serve the dashboard on an existing store (gunicorn; --dev for the Dash debug server)."""
    from dashboard import serving
    from dashboard.auth import AuthConfigError

    settings = Settings.from_env()
    # An existing store only, checked before gunicorn starts: on a mistyped URL the app would
    # make an empty one and serve pages with no data. serving.serve brings an older store's
    # schema up to date, once, before the workers fork.
    _existing_store(settings).dispose()
    try:
        serving.serve(settings, host=host, port=port, workers=workers, dev=dev)
    except AuthConfigError as exc:
        _fail(str(exc), 2)


@main.group()
def users() -> None:
    """Dashboard users for CYBERINDEX_AUTH=password (roles: viewer, analyst, admin)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "admin"]), default="viewer",
              show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def users_add(name: str, role: str, password_stdin: bool) -> None:
    """Create user NAME, or set its password and role."""
    from dashboard import auth

    settings = Settings.from_env()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        created = auth.add_user(_engine(settings), name, password, role)
    except auth.UserError as exc:
        _fail(str(exc), 2)
    click.echo(f"{'added' if created else 'updated'} {name} ({role})")


@users.command("list")
def users_list() -> None:
    """Users and their roles (never their passwords)."""
    from dashboard import auth

    rows = auth.list_users(_store_engine(Settings.from_env()))
    if not rows:
        click.echo("no users: try `cyberindex users add NAME --role analyst`")
    for row in rows:
        click.echo(f"{row['name']:<30}{row['role']:<10}{row['created_at']:%Y-%m-%d}")


@users.command("remove")
@click.argument("name")
def users_remove(name: str) -> None:
    """Remove user NAME (its sessions end at their next request)."""
    from dashboard import auth

    if not auth.remove_user(_store_engine(Settings.from_env()), name):
        _fail(f"no such user: {name}", 2)
    click.echo(f"removed {name}")


@main.group()
def db() -> None:
    """The database schema (Alembic migrations in etl/migrations)."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def db_upgrade(revision: str) -> None:
    """Bring the database to REVISION (an empty one is created, an old one adopted)."""
    from etl import migrations

    engine = store.make_engine(Settings.from_env().database_url)
    if revision == "head":
        outcome = migrations.ensure_schema(engine)
    else:
        migrations.upgrade(engine, revision)
        outcome = "upgraded"
    click.echo(f"{outcome}: at revision {migrations.current_revision(engine)}")


@db.command("current")
def db_current() -> None:
    """The database's revision, and the code's head."""
    from etl import migrations

    database_url = Settings.from_env().database_url
    url = sa.engine.make_url(database_url)
    if url.get_backend_name() == "sqlite" and not (store.sqlite_file(url) or Path()).is_file():
        # Not made here: a mistyped path must not leave an empty database behind.
        click.echo(f"database: none (no file {database_label(database_url)})  "
                   f"head: {migrations.head_revision()}")
        return
    engine = store.make_engine(database_url)
    click.echo(f"database: {migrations.current_revision(engine) or 'none'}  "
               f"head: {migrations.head_revision()}")


@db.command("backup")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def db_backup(folder: Path) -> None:
    """Copy the store and every raw snapshot into FOLDER (new or empty), with a manifest.

    SQLite: a consistent copy taken while the dashboard serves and a refresh runs; PostgreSQL:
    the snapshots only (back the database up with pg_dump). The store is not upgraded first:
    back up, then upgrade. Exit 1 when a snapshot's file is missing or damaged (listed)."""
    from etl import backup

    settings = Settings.from_env()
    url = sa.engine.make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not (store.sqlite_file(url) or Path()).is_file():
        _fail(f"database {database_label(settings.database_url)}: no such store", EXIT_DATABASE)
    engine = store.make_engine(settings.database_url)
    try:
        report = backup.back_up(engine, settings, folder)
    except backup.BackupError as exc:
        _fail(str(exc), 2)
    finally:
        engine.dispose()
    if report.database is None:
        click.echo("database: PostgreSQL, not copied: back it up with pg_dump "
                   "(docs/operations.md)")
    else:
        click.echo(f"database: {report.database} (revision {report.revision}, release "
                   f"{report.release_id}, {report.tables.get('observations', 0)} observations)")
    click.echo(f"snapshots: {report.snapshots} copied ({report.snapshot_bytes} bytes)")
    for sha256 in report.missing:
        click.echo(f"missing: snapshot {sha256}: no file, not copied", err=True)
    for sha256 in report.damaged:
        click.echo(f"damaged: snapshot {sha256}: its file does not hash to its name, not copied",
                   err=True)
    click.echo(f"backup written to {folder} (check it with `cyberindex db check-backup "
               f"{folder}`)")
    if not report.complete:
        sys.exit(1)


@db.command("check-backup")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def db_check_backup(folder: Path) -> None:
    """Check a backup against its manifest: the store file and every snapshot's hash."""
    from etl import backup

    try:
        problems = backup.check_backup(folder)
    except backup.BackupError as exc:
        _fail(str(exc), 2)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        _fail(f"{len(problems)} problem(s) in the backup {folder}")
    click.echo(f"backup {folder}: every file is the one copied")


@db.command("revision")
@click.option("-m", "--message", required=True, help="What the schema change is.")
def db_revision(message: str) -> None:
    """Write a new migration for what etl/store/schema.py adds (developers; review the file)."""
    import tempfile

    from etl import migrations

    with tempfile.TemporaryDirectory() as scratch:
        path = migrations.write_revision(message, f"sqlite:///{scratch}/scratch.db")
    click.echo(f"wrote {path}" if path else "no change")


if __name__ == "__main__":
    main()
