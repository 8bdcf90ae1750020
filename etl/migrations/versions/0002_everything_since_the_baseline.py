"""Everything added since the baseline: refresh locks, releases and changes; statements,
source values and live-source state; corrections and methodology breaks; reference state;
news (articles, mentions, indices, claims, daily counts, GDELT volume); users; and
``observations.correction``.

Every step creates only what is missing, so a database that ``create_all`` built at any commit
before migrations existed converges here too (it is stamped at 0001 first).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 01:02:48.704381
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _inspector():
    return sa.inspect(op.get_bind())


def columns(table: str) -> set[str]:
    return {c["name"] for c in _inspector().get_columns(table)}


def indexes(table: str) -> set[str]:
    return {i["name"] for i in _inspector().get_indexes(table)}


def upgrade() -> None:
    tables = set(_inspector().get_table_names())
    if "article_indices" not in tables:
        op.create_table(
            "article_indices",
            sa.Column("article_id", sa.Integer(), nullable=False),
            sa.Column("index_id", sa.String(length=40), nullable=False),
            sa.Column("count", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("article_id", "index_id"),
        )
    if "article_mentions" not in tables:
        op.create_table(
            "article_mentions",
            sa.Column("article_id", sa.Integer(), nullable=False),
            sa.Column("iso3", sa.String(length=3), nullable=False),
            sa.Column("count", sa.Integer(), nullable=False),
            sa.Column("forms", sa.Text(), nullable=False),
            sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("language", sa.String(length=8), nullable=False),
            sa.Column("is_sample", sa.Boolean(), nullable=False),
            sa.PrimaryKeyConstraint("article_id", "iso3"),
        )
    with op.batch_alter_table("article_mentions", schema=None) as batch_op:
        if "ix_article_mentions_country" not in indexes("article_mentions"):
            batch_op.create_index(
                "ix_article_mentions_country",
                ["iso3", "is_sample", "published_at", "article_id"],
                unique=False,
            )
        if "ix_article_mentions_country_language" not in indexes("article_mentions"):
            batch_op.create_index(
                "ix_article_mentions_country_language",
                ["iso3", "is_sample", "language", "published_at", "article_id"],
                unique=False,
            )
    if "articles" not in tables:
        op.create_table(
            "articles",
            sa.Column("article_id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("canonical_url", sa.String(length=2048), nullable=False),
            sa.Column("url", sa.Text(), nullable=False),
            sa.Column("title", sa.Text(), nullable=False),
            sa.Column("outlet", sa.String(length=200), nullable=False),
            sa.Column("language", sa.String(length=8), nullable=False),
            sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("text_kind", sa.String(length=10), nullable=False),
            sa.Column("content_sha256", sa.String(length=64), nullable=False),
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("is_sample", sa.Boolean(), nullable=False),
            sa.Column("n_claims", sa.Integer(), nullable=False),
            sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("article_id"),
            sa.UniqueConstraint("canonical_url"),
            sa.UniqueConstraint("content_sha256"),
        )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        if "ix_articles_claims_published" not in indexes("articles"):
            batch_op.create_index(
                "ix_articles_claims_published", ["n_claims", "published_at"], unique=False
            )
        if "ix_articles_language_published" not in indexes("articles"):
            batch_op.create_index(
                "ix_articles_language_published", ["language", "published_at"], unique=False
            )
        if "ix_articles_outlet_published" not in indexes("articles"):
            batch_op.create_index(
                "ix_articles_outlet_published", ["outlet", "published_at"], unique=False
            )
        if "ix_articles_sample_published" not in indexes("articles"):
            batch_op.create_index(
                "ix_articles_sample_published", ["is_sample", "published_at"], unique=False
            )
    if "changes" not in tables:
        op.create_table(
            "changes",
            sa.Column("change_id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.Column("release_id", sa.Integer(), nullable=False),
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("indicator_id", sa.String(length=80), nullable=False),
            sa.Column("iso3", sa.String(length=3), nullable=False),
            sa.Column("edition", sa.Integer(), nullable=False),
            sa.Column("kind", sa.String(length=10), nullable=False),
            sa.Column("old_value", sa.Float(), nullable=True),
            sa.Column("new_value", sa.Float(), nullable=True),
            sa.Column("old_rank", sa.Integer(), nullable=True),
            sa.Column("new_rank", sa.Integer(), nullable=True),
            sa.Column("old_tier", sa.Integer(), nullable=True),
            sa.Column("new_tier", sa.Integer(), nullable=True),
            sa.Column("snapshot_sha256", sa.String(length=64), nullable=True),
            sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("change_id"),
        )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        if "ix_changes_changed_at" not in indexes("changes"):
            batch_op.create_index(batch_op.f("ix_changes_changed_at"), ["changed_at"], unique=False)
        if "ix_changes_iso3" not in indexes("changes"):
            batch_op.create_index(batch_op.f("ix_changes_iso3"), ["iso3"], unique=False)
        if "ix_changes_release_id" not in indexes("changes"):
            batch_op.create_index(batch_op.f("ix_changes_release_id"), ["release_id"], unique=False)
    if "claims" not in tables:
        op.create_table(
            "claims",
            sa.Column("claim_id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("article_id", sa.Integer(), nullable=False),
            sa.Column("sentence", sa.Text(), nullable=False),
            sa.Column("iso3", sa.String(length=3), nullable=True),
            sa.Column("index_id", sa.String(length=40), nullable=True),
            sa.Column("metric", sa.String(length=60), nullable=False),
            sa.Column("value", sa.Float(), nullable=True),
            sa.Column("edition", sa.Integer(), nullable=True),
            sa.Column("verdict", sa.String(length=20), nullable=True),
            sa.Column("official_value", sa.Float(), nullable=True),
            sa.Column("official_text", sa.String(length=80), nullable=True),
            sa.Column("official_source", sa.Text(), nullable=True),
            sa.Column("official_source_url", sa.Text(), nullable=True),
            sa.Column("explanation", sa.Text(), nullable=True),
            sa.Column("explanation_en", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("claim_id"),
        )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        if "ix_claims_article_id" not in indexes("claims"):
            batch_op.create_index(batch_op.f("ix_claims_article_id"), ["article_id"], unique=False)
        if "ix_claims_country_verdict" not in indexes("claims"):
            batch_op.create_index("ix_claims_country_verdict", ["iso3", "verdict"], unique=False)
        if "ix_claims_verdict_article" not in indexes("claims"):
            batch_op.create_index(
                "ix_claims_verdict_article", ["verdict", "article_id"], unique=False
            )
    if "corrections_log" not in tables:
        op.create_table(
            "corrections_log",
            sa.Column("log_id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("indicator_id", sa.String(length=80), nullable=False),
            sa.Column("iso3", sa.String(length=3), nullable=False),
            sa.Column("edition", sa.Integer(), nullable=False),
            sa.Column("action", sa.String(length=20), nullable=False),
            sa.Column("status", sa.String(length=20), nullable=False),
            sa.Column("original_value", sa.Float(), nullable=True),
            sa.Column("corrected_value", sa.Float(), nullable=True),
            sa.Column("reason", sa.Text(), nullable=False),
            sa.Column("reported_date", sa.String(length=20), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("log_id"),
        )
    with op.batch_alter_table("corrections_log", schema=None) as batch_op:
        if "ix_corrections_log_run_id" not in indexes("corrections_log"):
            batch_op.create_index(batch_op.f("ix_corrections_log_run_id"), ["run_id"], unique=False)
    if "locks" not in tables:
        op.create_table(
            "locks",
            sa.Column("name", sa.String(length=60), nullable=False),
            sa.Column("owner", sa.String(length=64), nullable=False),
            sa.Column("pid", sa.Integer(), nullable=False),
            sa.Column("host", sa.String(length=255), nullable=False),
            sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("name"),
        )
    if "mention_daily" not in tables:
        op.create_table(
            "mention_daily",
            sa.Column("iso3", sa.String(length=3), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("is_sample", sa.Boolean(), nullable=False),
            sa.Column("articles", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("iso3", "day", "is_sample"),
        )
    if "methodology_breaks" not in tables:
        op.create_table(
            "methodology_breaks",
            sa.Column("indicator_id", sa.String(length=80), nullable=False),
            sa.Column("edition", sa.Integer(), nullable=False),
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("note", sa.Text(), nullable=False),
            sa.Column("source_url", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("indicator_id", "edition"),
        )
    if "news_volume" not in tables:
        op.create_table(
            "news_volume",
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("iso3", sa.String(length=3), nullable=False),
            sa.Column("date", sa.Date(), nullable=False),
            sa.Column("count", sa.Integer(), nullable=False),
            sa.Column("monitored", sa.Integer(), nullable=True),
            sa.Column("query", sa.Text(), nullable=False),
            sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("source_id", "iso3", "date"),
        )
    if "reference_state" not in tables:
        op.create_table(
            "reference_state",
            sa.Column("name", sa.String(length=40), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("name"),
        )
    if "releases" not in tables:
        op.create_table(
            "releases",
            sa.Column("release_id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("release_id"),
        )
    if "source_state" not in tables:
        op.create_table(
            "source_state",
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("url", sa.String(length=1000), nullable=False),
            sa.Column("etag", sa.Text(), nullable=True),
            sa.Column("last_modified", sa.String(length=80), nullable=True),
            sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("source_id", "url"),
        )
    if "source_values" not in tables:
        op.create_table(
            "source_values",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("value_key", sa.String(length=64), nullable=False),
            sa.Column("indicator_id", sa.String(length=80), nullable=False),
            sa.Column("iso3", sa.String(length=3), nullable=False),
            sa.Column("edition", sa.Integer(), nullable=False),
            sa.Column("field", sa.String(length=40), nullable=False),
            sa.Column("value", sa.Float(), nullable=True),
            sa.Column("value_text", sa.String(length=80), nullable=True),
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("source_url", sa.Text(), nullable=False),
            sa.Column("source_note", sa.Text(), nullable=True),
            sa.Column("loaded_by", sa.String(length=60), nullable=False),
            sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("value_key"),
        )
    with op.batch_alter_table("source_values", schema=None) as batch_op:
        if "ix_source_values_indicator_id" not in indexes("source_values"):
            batch_op.create_index(
                batch_op.f("ix_source_values_indicator_id"), ["indicator_id"], unique=False
            )
    if "users" not in tables:
        op.create_table(
            "users",
            sa.Column("name", sa.String(length=80), nullable=False),
            sa.Column("password_hash", sa.String(length=255), nullable=False),
            sa.Column("role", sa.String(length=20), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("name"),
        )
    if "statements" not in tables:
        op.create_table(
            "statements",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("statement_key", sa.String(length=64), nullable=False),
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("edition", sa.Integer(), nullable=True),
            sa.Column("iso3", sa.String(length=3), nullable=True),
            sa.Column("metric", sa.String(length=120), nullable=False),
            sa.Column("value_text", sa.Text(), nullable=True),
            sa.Column("unit", sa.String(length=80), nullable=True),
            sa.Column("statement", sa.Text(), nullable=False),
            sa.Column("report_title", sa.Text(), nullable=True),
            sa.Column("publication_date", sa.String(length=80), nullable=True),
            sa.Column("data_period", sa.String(length=80), nullable=True),
            sa.Column("source_url", sa.Text(), nullable=False),
            sa.Column("source_kind", sa.String(length=120), nullable=True),
            sa.Column("source_note", sa.Text(), nullable=True),
            sa.Column("snapshot_sha256", sa.String(length=64), nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                ["source_id"],
                ["sources.source_id"],
            ),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("statement_key"),
        )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        if "correction" not in columns("observations"):
            batch_op.add_column(sa.Column("correction", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_column("correction")

    op.drop_table("statements")
    op.drop_table("users")
    with op.batch_alter_table("source_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_values_indicator_id"))

    op.drop_table("source_values")
    op.drop_table("source_state")
    op.drop_table("releases")
    op.drop_table("reference_state")
    op.drop_table("news_volume")
    op.drop_table("methodology_breaks")
    op.drop_table("mention_daily")
    op.drop_table("locks")
    with op.batch_alter_table("corrections_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrections_log_run_id"))

    op.drop_table("corrections_log")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_verdict_article")
        batch_op.drop_index("ix_claims_country_verdict")
        batch_op.drop_index(batch_op.f("ix_claims_article_id"))

    op.drop_table("claims")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_changes_release_id"))
        batch_op.drop_index(batch_op.f("ix_changes_iso3"))
        batch_op.drop_index(batch_op.f("ix_changes_changed_at"))

    op.drop_table("changes")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_sample_published")
        batch_op.drop_index("ix_articles_outlet_published")
        batch_op.drop_index("ix_articles_language_published")
        batch_op.drop_index("ix_articles_claims_published")

    op.drop_table("articles")
    with op.batch_alter_table("article_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_article_mentions_country_language")
        batch_op.drop_index("ix_article_mentions_country")

    op.drop_table("article_mentions")
    op.drop_table("article_indices")
