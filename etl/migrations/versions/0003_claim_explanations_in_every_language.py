"""claims.explanations: a checked claim's explanation in every language the dashboard
speaks (JSON text ``{"ar": ..., "en": ..., "fr": ...}``), beside the article's language and
English; claims checked before it have none (the page falls back to those two).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 09:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("claims")}
    if "explanations" not in present:
        with op.batch_alter_table("claims", schema=None) as batch_op:
            batch_op.add_column(sa.Column("explanations", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("explanations")
