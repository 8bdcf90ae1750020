"""The thin command line: each command parses arguments, builds settings, calls one function.

User mistakes, and a database that cannot be used (read-only, locked, unreachable), end in one
clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import NoReturn

import click
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from etl import (
    cli_options,
    cli_text,
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
)
from etl.cli_options import OptionError
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
        except (SettingsError, OptionError) as exc:  # a setting or an option that does not read
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
        click.echo(cli_text.result_line(r))
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


@etl.command("status")
def etl_status() -> None:
    """Per source: last run, outcome, rows, quarantined, removed, kept, age."""
    from etl.news import reread

    engine = _store_engine(Settings.from_env())
    runs = store.last_runs_frame(engine)
    if runs.empty:
        click.echo("no runs yet: try `cyberindex etl run`")
        return
    latest = dict(zip(runs["source_id"], runs["run_id"], strict=True))
    with engine.connect() as conn:
        # Held releases later runs (skipped, failed...) hide from the table.
        holds = [h for h in store.pending_held_runs(conn) if latest.get(h["source_id"]) != h["run_id"]]
        owed, older = store.pending_work_rows(conn), reread.articles_read_otherwise(conn)
    for line in [*cli_text.status_lines(runs, releases.current_release(engine)),
                 *cli_text.held_lines(holds), *cli_text.owed_lines(owed, older)]:
        click.echo(line)


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
    for line in cli_text.quarantine_lines(store.quarantine_frame(_store_engine(settings), source)):
        click.echo(line)


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
    wanted = cli_options.export_filter(dataset, sort, indicator=indicators, country=countries,
                                       group=groups, edition=editions, source=sources,
                                       where=where)
    engine = _store_engine(settings)
    try:
        bundle = export.prepare_export(engine, wanted, lang=lang, dataset=dataset)
    except export.UnknownValueError as exc:
        if dataset != "observations" and exc.parameter in ("source", "edition"):
            _fail(str(exc), 2)  # known statement sources and editions: see the API's answer
        raise cli_options.unknown_value(engine, exc) from None
    data = bundle.render(fmt)
    if output and fmt == "csv":  # a file for a spreadsheet: the BOM of the CSV downloads
        data = export.CSV_BOM.encode("utf-8") + data
    if output:
        try:
            cli_options.write_atomically(output, data)
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

    settings = Settings.from_env()
    listed = cli_options.listed(country=countries, indicator=indicators, kind=kinds)
    unknown = [k for k in listed["kind"] if k not in changelog_export.KINDS]
    if unknown:
        _fail(cli_options.unknown_message("kind", f"unknown kind: {', '.join(unknown)}",
                                          list(changelog_export.KINDS)), 2)
    since = cli_options.since_day(since)
    engine = _store_engine(settings)
    countries = tuple(dict.fromkeys(c.upper() for c in listed["country"]))
    indicators, kinds = listed["indicator"], listed["kind"]
    cli_options.check_ids(engine, export.ExportFilter(indicators=indicators, countries=countries))
    if fmt != "table":
        rows = changelog_export.changes_rows(engine, since=since, iso3s=list(countries),
                                             indicator_ids=indicators, kinds=kinds, lang=lang)
        click.echo(changelog_export.render(rows, fmt), nl=False)
        return
    # Both tables up to one release: a publication landing meanwhile is not listed half.
    _release, frame, content = store.changelog_frames(engine, since=since,
                                                      iso3s=countries or None,
                                                      indicator_ids=indicators or None)
    if kinds:
        frame = frame[frame["kind"].isin(kinds)]
        content = content[content["kind"].isin(kinds)]
    for line in cli_text.changes_lines(frame, content):
        click.echo(line)


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
    wanted = cli_options.news_filter(engine, kind, country=countries, language=languages,
                                     outlet=outlets, since=since, until=until, claim=claim,
                                     verdict=verdicts, samples="1" if samples else None)
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
