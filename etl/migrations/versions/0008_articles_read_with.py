"""articles.read_with: which rules read a stored article (the fingerprint
:data:`etl.news.rules.READING_RULES` of the code that finds its mentions, figures and claims and
checks them), so articles read by older rules are read again (:mod:`etl.news.reread`).

Articles stored before this revision get none: which rules read them was never kept, so every
one of them is read again once, by the first refresh after the upgrade (or ``cyberindex news
reread``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("articles")}
    if "read_with" in present:
        return
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("read_with", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("read_with")
