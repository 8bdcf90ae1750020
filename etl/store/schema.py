"""The database schema: ``metadata`` and every table, the observation key and compared fields,
``LoadCounts``, ``utcnow``, ``make_engine`` and ``init_schema``.

A table, column or index added here needs a migration (``cyberindex db revision -m "..."``).
Part of :mod:`etl.store` (the one package that talks to the database): use ``store.<name>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

countries = sa.Table(
    "countries",
    metadata,
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("iso2", sa.String(2), nullable=False),
    sa.Column("name_en", sa.String(120), nullable=False),
    sa.Column("name_fr", sa.String(120), nullable=False),
    sa.Column("name_ar", sa.String(120), nullable=False),
    sa.Column("gdelt_fips", sa.String(2)),
    sa.Column("focus_group", sa.String(40)),
)

groups = sa.Table(
    "groups",
    metadata,
    sa.Column("group_id", sa.String(40), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("source_note", sa.Text),
)

group_members = sa.Table(
    "group_members",
    metadata,
    sa.Column("group_id", sa.String(40), sa.ForeignKey("groups.group_id"), primary_key=True),
    sa.Column("iso3", sa.String(3), sa.ForeignKey("countries.iso3"), primary_key=True),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("source_id", sa.String(60), primary_key=True),
    sa.Column("publisher", sa.String(200), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("licence", sa.Text, nullable=False),
    sa.Column("cadence", sa.String(100), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
)

indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("indicator_id", sa.String(80), primary_key=True),
    sa.Column("source_id", sa.String(60), sa.ForeignKey("sources.source_id"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("unit", sa.String(80), nullable=False),
    sa.Column("scale", sa.String(80), nullable=False),
    sa.Column("higher_is_better", sa.Boolean, nullable=False),
    sa.Column("methodology_note", sa.Text, nullable=False),
)

raw_snapshots = sa.Table(
    "raw_snapshots",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("path", sa.Text, nullable=False),
    # The day a bundled file's data was retrieved from its publisher (its sidecar's copied_on);
    # None for a live source, whose retrieval is its fetch (fetched_at).
    sa.Column("retrieved_on", sa.Date),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source_id", sa.String(60), nullable=False, index=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("snapshot_sha256", sa.String(64)),
    sa.Column("fetched", sa.Integer, nullable=False, default=0),
    sa.Column("valid", sa.Integer, nullable=False, default=0),
    sa.Column("quarantined", sa.Integer, nullable=False, default=0),
    sa.Column("inserted", sa.Integer, nullable=False, default=0),
    sa.Column("updated", sa.Integer, nullable=False, default=0),
    sa.Column("unchanged", sa.Integer, nullable=False, default=0),
    # Published rows (observations, statements, per-source values) the run deleted because the
    # source no longer gives them, and those it kept as they were because the row that would
    # replace them was quarantined. Revision 0004 added them: older runs read 0 unless their
    # note said the counts (see that revision). The server default lets the revision fill
    # existing rows and keeps a fresh store's DDL equal to a migrated one's.
    sa.Column("removed", sa.Integer, nullable=False, default=0, server_default=sa.text("0")),
    sa.Column("kept_quarantined", sa.Integer, nullable=False, default=0,
              server_default=sa.text("0")),
)

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("indicator_id", sa.String(80), sa.ForeignKey("indicators.indicator_id"), primary_key=True),
    sa.Column("iso3", sa.String(3), sa.ForeignKey("countries.iso3"), primary_key=True),
    sa.Column("edition", sa.Integer, primary_key=True),
    sa.Column("value", sa.Float),
    sa.Column("scale", sa.String(40), nullable=False),
    sa.Column("rank", sa.Integer),
    sa.Column("rank_text", sa.String(40)),
    sa.Column("tier", sa.Integer),
    sa.Column("tier_label", sa.String(40)),
    sa.Column("source_document", sa.Text, nullable=False),
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("channel", sa.String(120)),
    sa.Column("verification", sa.String(40)),
    sa.Column("source_note", sa.Text),
    # Set from datasets/corrections.csv (flag, override or open report); NULL when none applies.
    sa.Column("correction", sa.Text),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("quarantine_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False, index=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("row_number", sa.Integer),
    sa.Column("check_name", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("row_json", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # The raw snapshot the row was read from, and the latest run that read it there: a run
    # reading the same snapshot again finds its rows quarantined already and marks them seen
    # (``last_run_id``) rather than storing them again (``run_id`` stays the first run). Revision
    # 0010 added them, filling both from each row's run.
    sa.Column("snapshot_sha256", sa.String(64)),
    sa.Column("last_run_id", sa.Integer, index=True),
)

# Refresh coordination and publication (see etl/locks.py, etl/releases.py, etl/changes.py).
# One row per named lock; the primary key makes a second INSERT fail on every engine.
locks = sa.Table(
    "locks",
    metadata,
    sa.Column("name", sa.String(60), primary_key=True),
    sa.Column("owner", sa.String(64), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    sa.Column("host", sa.String(255), nullable=False),
    sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
)

# A release is one committed publication of one source; ids only grow.
releases = sa.Table(
    "releases",
    metadata,
    sa.Column("release_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
)

# What each release changed in the observations (the public changelog).
changes = sa.Table(
    "changes",
    metadata,
    sa.Column("change_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False),
    sa.Column("release_id", sa.Integer, nullable=False, index=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("indicator_id", sa.String(80), nullable=False),
    sa.Column("iso3", sa.String(3), nullable=False, index=True),
    sa.Column("edition", sa.Integer, nullable=False),
    # added | changed | provenance (same figures, another source URL, channel or verification)
    # | removed
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("old_value", sa.Float),
    sa.Column("new_value", sa.Float),
    sa.Column("old_rank", sa.Integer),
    sa.Column("new_rank", sa.Integer),
    sa.Column("old_tier", sa.Integer),
    sa.Column("new_tier", sa.Integer),
    sa.Column("snapshot_sha256", sa.String(64)),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, index=True),
    # Where the value was read, before and after (the types of the observations' columns); an
    # added row has the new side, a removed row the old one. Revision 0007 added them: rows
    # written before it have neither side (the store never kept an observation's earlier
    # provenance, so none is made up).
    sa.Column("old_source_url", sa.Text),
    sa.Column("new_source_url", sa.Text),
    sa.Column("old_channel", sa.String(120)),
    sa.Column("new_channel", sa.String(120)),
    sa.Column("old_verification", sa.String(40)),
    sa.Column("new_verification", sa.String(40)),
    # The raw snapshot the old value was published from (``snapshot_sha256``: the new one's);
    # empty for an added row. Revision 0010 added it, filled for earlier rows only where the
    # changelog and the runs tell it exactly.
    sa.Column("old_snapshot_sha256", sa.String(64)),
)

# What each release changed in the cited statements and per-source values (the changelog's
# other half, beside ``changes``; see etl/changes.py ``diff_content``): one row per
# ``statement_key`` or ``value_key`` added, changed or removed, ``target`` naming its table.
# Where a row has no country or edition (a region-level INTERPOL finding, an undated NCSI
# snapshot) they stay empty. A statement fills ``metric`` and the texts; a per-source value
# its indicator, ``metric`` (its field), who printed it and the values.
content_changes = sa.Table(
    "content_changes",
    metadata,
    sa.Column("change_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False),
    sa.Column("release_id", sa.Integer, nullable=False, index=True),
    sa.Column("source_id", sa.String(60), nullable=False),  # the source that published it
    sa.Column("target", sa.String(20), nullable=False),  # statements | source_values
    sa.Column("row_key", sa.String(64), nullable=False),
    sa.Column("indicator_id", sa.String(80)),
    sa.Column("iso3", sa.String(3), index=True),
    sa.Column("edition", sa.Integer),
    sa.Column("metric", sa.String(120)),
    sa.Column("printed_by", sa.String(60)),  # a per-source value's source: bipa, sspi, ...
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # added | changed | removed
    sa.Column("old_value", sa.Float),
    sa.Column("new_value", sa.Float),
    sa.Column("old_value_text", sa.Text),
    sa.Column("new_value_text", sa.Text),
    sa.Column("old_text", sa.Text),
    sa.Column("new_text", sa.Text),
    sa.Column("snapshot_sha256", sa.String(64)),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, index=True),
    # As in ``changes``: the raw snapshot the old row was published from (revision 0010).
    sa.Column("old_snapshot_sha256", sa.String(64)),
)

# Work a published load still owes once it has committed (the re-check of news claims, the
# delivery of alerts), written in the load's transaction so a kill or a failure after the
# commit cannot lose it: done then deleted; a failure is kept on the row and tried again.
pending_work = sa.Table(
    "pending_work",
    metadata,
    sa.Column("work_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(20), nullable=False),  # recheck_claims | deliver_alerts
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("release_id", sa.Integer),
    sa.Column("payload", sa.Text, nullable=False),  # JSON
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0, server_default=sa.text("0")),
    sa.Column("last_error", sa.Text),
)

# Dashboard users (CYBERINDEX_AUTH=password): a password hash (werkzeug: scrypt), never the
# password; the role decides what they may reach (viewer < analyst < admin).
users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


# ---------------------------------------------------------------- statements, evidence, live state,
# corrections and methodology breaks (issue 4); their writers and readers are in
# ``etl/store/content.py``.

statements = sa.Table(
    "statements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # A stable natural key (source, edition, country, metric, cited URL) hashed to one column,
    # so a re-run finds the row again and counts it unchanged.
    sa.Column("statement_key", sa.String(64), nullable=False, unique=True),
    sa.Column("source_id", sa.String(60), sa.ForeignKey("sources.source_id"), nullable=False),
    sa.Column("edition", sa.Integer),
    sa.Column("iso3", sa.String(3)),  # empty for region-level facts
    sa.Column("metric", sa.String(120), nullable=False),
    sa.Column("value_text", sa.Text),
    sa.Column("unit", sa.String(80)),
    sa.Column("statement", sa.Text, nullable=False),
    sa.Column("report_title", sa.Text),
    sa.Column("publication_date", sa.String(80)),
    sa.Column("data_period", sa.String(80)),
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("source_kind", sa.String(120)),
    sa.Column("source_note", sa.Text),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

source_values = sa.Table(
    "source_values",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("value_key", sa.String(64), nullable=False, unique=True),
    sa.Column("indicator_id", sa.String(80), nullable=False, index=True),
    sa.Column("iso3", sa.String(3), nullable=False),
    sa.Column("edition", sa.Integer, nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("value_text", sa.String(80)),
    sa.Column("source_id", sa.String(60), nullable=False),  # who gave the value: sspi, bipa, ...
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("source_note", sa.Text),
    sa.Column("loaded_by", sa.String(60), nullable=False),  # the ETL source that loaded it
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

source_state = sa.Table(
    "source_state",
    metadata,
    sa.Column("source_id", sa.String(60), primary_key=True),
    sa.Column("url", sa.String(1000), primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.String(80)),
    # The kept raw snapshot holding this URL's last body (reused when the server answers 304).
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# The SHA-256 of the reference files (countries, groups, memberships, and the CLDR/ISO
# libraries' versions) last loaded, so a refresh skips reloading an unchanged reference.
reference_state = sa.Table(
    "reference_state",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

corrections_log = sa.Table(
    "corrections_log",
    metadata,
    sa.Column("log_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, nullable=False, index=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("indicator_id", sa.String(80), nullable=False),
    sa.Column("iso3", sa.String(3), nullable=False),
    sa.Column("edition", sa.Integer, nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("original_value", sa.Float),
    sa.Column("corrected_value", sa.Float),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("reported_date", sa.String(20)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

methodology_breaks = sa.Table(
    "methodology_breaks",
    metadata,
    sa.Column("indicator_id", sa.String(80), primary_key=True),
    sa.Column("edition", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("source_url", sa.Text),
)


# ---------------------------------------------------------------- news (issue 5): articles, their
# mentions, indices and checked claims, and GDELT mention volume. Designed for a million articles:
# the country filter reads ``article_mentions`` alone through (iso3, is_sample, published_at),
# published_at and language being copied there from the article (an article's own columns never
# change once stored; what is read of it may, when the reading rules change: etl/news/reread.py),
# and the volume chart reads ``mention_daily``, counts kept per country and day at load.
# Writers and readers: ``etl/store/news.py``.

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("article_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("canonical_url", sa.String(2048), nullable=False, unique=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("outlet", sa.String(200), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("text_kind", sa.String(10), nullable=False),  # full | summary | title
    sa.Column("content_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("source_id", sa.String(60), nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, default=False),
    sa.Column("n_claims", sa.Integer, nullable=False, default=0),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    # The rules that read it (etl.news.rules.READING_RULES); older ones: read again (0008).
    sa.Column("read_with", sa.String(16)),
    sa.Index("ix_articles_sample_published", "is_sample", "published_at"),
    sa.Index("ix_articles_language_published", "language", "published_at"),
    sa.Index("ix_articles_outlet_published", "outlet", "published_at"),
    sa.Index("ix_articles_claims_published", "n_claims", "published_at"),
    # The articles older reading rules read (few or none): found without a scan of a million.
    sa.Index("ix_articles_read_with", "read_with"),
)

article_mentions = sa.Table(
    "article_mentions",
    metadata,
    sa.Column("article_id", sa.Integer, primary_key=True),
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("forms", sa.Text, nullable=False),  # JSON list of the surface forms used
    # Copied from the article so that the country filter is an index-only range scan.
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_article_mentions_country", "iso3", "is_sample", "published_at", "article_id"),
    # Country and language (the News page's usual filter): page and count read this index alone.
    sa.Index("ix_article_mentions_country_language", "iso3", "is_sample", "language",
             "published_at", "article_id"),
)

article_indices = sa.Table(
    "article_indices",
    metadata,
    sa.Column("article_id", sa.Integer, primary_key=True),
    sa.Column("index_id", sa.String(40), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("claim_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Integer, nullable=False, index=True),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("iso3", sa.String(3)),
    sa.Column("index_id", sa.String(40)),
    sa.Column("metric", sa.String(60), nullable=False),
    sa.Column("value", sa.Float),
    sa.Column("edition", sa.Integer),
    sa.Column("verdict", sa.String(20)),  # consistent | contradicted | unverifiable
    sa.Column("official_value", sa.Float),
    sa.Column("official_text", sa.String(80)),  # rank / tier as published, when not a score
    sa.Column("official_source", sa.Text),
    sa.Column("official_source_url", sa.Text),
    sa.Column("explanation", sa.Text),
    sa.Column("explanation_en", sa.Text),
    sa.Column("explanations", sa.Text),  # JSON: the explanation in en, fr and ar
    sa.Index("ix_claims_verdict_article", "verdict", "article_id"),
    sa.Index("ix_claims_country_verdict", "iso3", "verdict"),
)

mention_daily = sa.Table(
    "mention_daily",
    metadata,
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("is_sample", sa.Boolean, primary_key=True),
    sa.Column("articles", sa.Integer, nullable=False),
)

news_volume = sa.Table(
    "news_volume",
    metadata,
    sa.Column("source_id", sa.String(60), primary_key=True),
    sa.Column("iso3", sa.String(3), primary_key=True),
    sa.Column("date", sa.Date, primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("monitored", sa.Integer),  # GDELT "norm": articles monitored that day
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("snapshot_sha256", sa.String(64), nullable=False),
    sa.Column("run_id", sa.Integer, nullable=False),
)

# The columns an observation carries besides its key; compared to decide "updated". A new
# snapshot that repeats a value is not a change: the row keeps pointing at the snapshot it
# first came from, which holds the same value.
OBSERVATION_KEY = ("indicator_id", "iso3", "edition")
OBSERVATION_FIELDS = tuple(
    c.name for c in observations.columns
    if c.name not in OBSERVATION_KEY + ("run_id", "snapshot_sha256")
)


@dataclass(frozen=True)
class LoadCounts:
    """What one load did to a table: rows inserted, updated, left unchanged, removed (the
    source no longer gives them) and kept (no longer given because the incoming row was
    quarantined: the published row stays as it was)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: int = 0

    def __add__(self, other: LoadCounts) -> LoadCounts:
        return LoadCounts(self.inserted + other.inserted, self.updated + other.updated,
                          self.unchanged + other.unchanged, self.removed + other.removed,
                          self.kept + other.kept)


def utcnow() -> datetime:
    return datetime.now(UTC)


def inserted_id(result: sa.CursorResult[Any]) -> int:
    """The id a one-row insert gave its row (in a table keyed by an autoincrement id)."""
    key = result.inserted_primary_key
    if key is None:  # SQLAlchemy's answer when the insert gave no key: not for these tables
        raise RuntimeError("the insert gave its row no id")
    return int(key[0])


# How long a SQLite connection waits for another writer before "database is locked"
# (pysqlite's default is 5 s: a dashboard or a backup holding the file a little longer would
# fail a refresh). A ``timeout`` given in the URL's query wins.
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0


def make_engine(database_url: str | sa.engine.URL,
                busy_seconds: float = SQLITE_BUSY_TIMEOUT_SECONDS) -> Engine:
    """An engine for the URL; SQLite files get their folder created and wait ``busy_seconds``
    (by default :data:`SQLITE_BUSY_TIMEOUT_SECONDS`) for another writer."""
    url = sa.engine.make_url(database_url)
    connect_args: dict[str, object] = {}
    if url.get_backend_name() == "sqlite":
        if url.database not in (None, "", ":memory:"):
            from pathlib import Path

            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        if "timeout" not in url.query:
            connect_args["timeout"] = busy_seconds
    return sa.create_engine(url, future=True, connect_args=connect_args)


# PostgreSQL's SQLSTATEs for "another transaction is in the way": lock_not_available (a
# lock_timeout ran out), deadlock_detected, serialization_failure. Each rolls back only the
# transaction that met it, which may be tried again.
_PG_BUSY_STATES = frozenset({"55P03", "40P01", "40001"})
_SQLITE_BUSY_TEXTS = ("database is locked", "database table is locked", "database is busy")


def is_busy(exc: BaseException) -> bool:
    """Whether a database error means "busy: another writer holds it" (worth trying again
    after a wait), not a fault of the statement or the data."""
    if not isinstance(exc, sa.exc.DBAPIError):
        return False
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state in _PG_BUSY_STATES:
        return True
    return any(text in str(orig).lower() for text in _SQLITE_BUSY_TEXTS)


def init_schema(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent; one small query when current).

    An empty database is created from ``metadata`` and stamped; a migrated one is upgraded; one
    made by ``create_all`` before migrations existed is adopted (see ``etl/migrations``). A table,
    column or index added here needs a revision: ``cyberindex db revision -m "..."``.
    """
    from etl import migrations  # it reads this module's metadata

    migrations.ensure_schema(engine)
