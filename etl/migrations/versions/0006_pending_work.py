"""pending_work: what a published load still owes once it has committed (the re-check of the
news claims about its index, the delivery of its alerts), written in the load's transaction and
deleted once done, so a refresh killed (or failing) after its commit leaves it for the next run.

Work owed by loads committed before this revision was not recorded anywhere, and none is made
up here: ``cyberindex news recheck`` checks every stored claim again by hand.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 03:48:29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "pending_work" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "pending_work",
        sa.Column("work_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.String(length=60), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("work_id"),
    )


def downgrade() -> None:
    op.drop_table("pending_work")
