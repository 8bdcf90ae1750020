"""content_changes: the public changelog of the cited statements and per-source values (what
each release added, changed or removed in ``statements`` and ``source_values``, old and new
text and value), beside ``changes`` (observations).

Releases published before this revision recorded no such rows, and none is made up here: a
statement's ``run_id`` says which run last wrote it, not which release first published it or
what it said before, so the store cannot tell its history. Their changelog begins with the
first release after the upgrade (a source's statements already published are its baseline, and
only what later releases change in them is listed).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    if "content_changes" not in inspector.get_table_names():
        op.create_table(
            "content_changes",
            sa.Column("change_id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=False),
            sa.Column("release_id", sa.Integer(), nullable=False),
            sa.Column("source_id", sa.String(length=60), nullable=False),
            sa.Column("target", sa.String(length=20), nullable=False),
            sa.Column("row_key", sa.String(length=64), nullable=False),
            sa.Column("indicator_id", sa.String(length=80), nullable=True),
            sa.Column("iso3", sa.String(length=3), nullable=True),
            sa.Column("edition", sa.Integer(), nullable=True),
            sa.Column("metric", sa.String(length=120), nullable=True),
            sa.Column("printed_by", sa.String(length=60), nullable=True),
            sa.Column("source_url", sa.Text(), nullable=False),
            sa.Column("kind", sa.String(length=10), nullable=False),
            sa.Column("old_value", sa.Float(), nullable=True),
            sa.Column("new_value", sa.Float(), nullable=True),
            sa.Column("old_value_text", sa.Text(), nullable=True),
            sa.Column("new_value_text", sa.Text(), nullable=True),
            sa.Column("old_text", sa.Text(), nullable=True),
            sa.Column("new_text", sa.Text(), nullable=True),
            sa.Column("snapshot_sha256", sa.String(length=64), nullable=True),
            sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
            sa.PrimaryKeyConstraint("change_id"),
        )
    present = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("content_changes")}
    with op.batch_alter_table("content_changes", schema=None) as batch_op:
        for column in ("changed_at", "iso3", "release_id"):
            name = f"ix_content_changes_{column}"
            if name not in present:
                batch_op.create_index(batch_op.f(name), [column], unique=False)


def downgrade() -> None:
    op.drop_table("content_changes")
