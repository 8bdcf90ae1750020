"""Baseline: the vertical slice's schema (reference, sources, indicators, snapshots, runs,
observations, quarantine), as ``etl/store.py`` had it at commit 5105be9.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "countries",
        sa.Column("iso3", sa.String(3), primary_key=True),
        sa.Column("iso2", sa.String(2), nullable=False),
        sa.Column("name_en", sa.String(120), nullable=False),
        sa.Column("name_fr", sa.String(120), nullable=False),
        sa.Column("name_ar", sa.String(120), nullable=False),
        sa.Column("gdelt_fips", sa.String(2)),
        sa.Column("focus_group", sa.String(40)),
    )
    op.create_table(
        "groups",
        sa.Column("group_id", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source_url", sa.Text, nullable=False),
        sa.Column("source_note", sa.Text),
    )
    op.create_table(
        "group_members",
        sa.Column("group_id", sa.String(40), sa.ForeignKey("groups.group_id"), primary_key=True),
        sa.Column("iso3", sa.String(3), sa.ForeignKey("countries.iso3"), primary_key=True),
    )
    op.create_table(
        "sources",
        sa.Column("source_id", sa.String(60), primary_key=True),
        sa.Column("publisher", sa.String(200), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("licence", sa.Text, nullable=False),
        sa.Column("cadence", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
    )
    op.create_table(
        "indicators",
        sa.Column("indicator_id", sa.String(80), primary_key=True),
        sa.Column("source_id", sa.String(60), sa.ForeignKey("sources.source_id"),
                  nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("unit", sa.String(80), nullable=False),
        sa.Column("scale", sa.String(80), nullable=False),
        sa.Column("higher_is_better", sa.Boolean, nullable=False),
        sa.Column("methodology_note", sa.Text, nullable=False),
    )
    op.create_table(
        "raw_snapshots",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("source_id", sa.String(60), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
    )
    op.create_table(
        "runs",
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.String(60), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("snapshot_sha256", sa.String(64)),
        sa.Column("fetched", sa.Integer, nullable=False),
        sa.Column("valid", sa.Integer, nullable=False),
        sa.Column("quarantined", sa.Integer, nullable=False),
        sa.Column("inserted", sa.Integer, nullable=False),
        sa.Column("updated", sa.Integer, nullable=False),
        sa.Column("unchanged", sa.Integer, nullable=False),
    )
    op.create_index("ix_runs_source_id", "runs", ["source_id"])
    op.create_table(
        "observations",
        sa.Column("indicator_id", sa.String(80), sa.ForeignKey("indicators.indicator_id"),
                  primary_key=True),
        sa.Column("iso3", sa.String(3), sa.ForeignKey("countries.iso3"), primary_key=True),
        sa.Column("edition", sa.Integer, primary_key=True, autoincrement=False),
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
        sa.Column("snapshot_sha256", sa.String(64), nullable=False),
        sa.Column("run_id", sa.Integer, nullable=False),
    )
    op.create_table(
        "quarantine",
        sa.Column("quarantine_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("source_id", sa.String(60), nullable=False),
        sa.Column("row_number", sa.Integer),
        sa.Column("check_name", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("row_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_quarantine_run_id", "quarantine", ["run_id"])


def downgrade() -> None:
    for table in ("quarantine", "observations", "runs", "raw_snapshots", "indicators", "sources",
                  "group_members", "groups", "countries"):
        op.drop_table(table)
