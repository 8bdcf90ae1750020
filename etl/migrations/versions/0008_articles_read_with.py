"""articles.read_with: which rules read a stored article (the fingerprint
:data:`etl.news.rules.READING_RULES` of the code that finds its mentions, figures and claims and
checks them), so articles read by older rules are read again (:mod:`etl.news.reread`).

Articles stored before this revision get none: which rules read them was never kept, so every
one of them is read again once, by the first refresh after the upgrade (or ``cyberindex news
reread``). An index on it finds the few articles of older rules without reading a million.

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
    inspector = sa.inspect(op.get_bind())
    present = {c["name"] for c in inspector.get_columns("articles")}
    indexed = {i["name"] for i in inspector.get_indexes("articles")}
    if "read_with" not in present:
        with op.batch_alter_table("articles", schema=None) as batch_op:
            batch_op.add_column(sa.Column("read_with", sa.String(length=16), nullable=True))
    if "ix_articles_read_with" not in indexed:
        op.create_index("ix_articles_read_with", "articles", ["read_with"])


def downgrade() -> None:
    op.drop_index("ix_articles_read_with", table_name="articles")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("read_with")
