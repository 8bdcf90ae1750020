"""The index on articles.read_with, for stores that reached revision 0008 without it.

Revision 0008 first shipped (commit 72ac8a7) adding the column alone; its index was added to
0008 afterwards (3dc3708). A store stamped at 0008 by the first version never runs 0008 again,
so it kept no index: each refresh's check for articles of older rules read every article (on
the 1M benchmark store 0.2-0.6 s instead of 2 ms). This revision creates the index where it is
missing and does nothing elsewhere.

Downgrade leaves the index: it belongs to revision 0008 (whose downgrade drops it).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 20:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEX = "ix_articles_read_with"


def upgrade() -> None:
    if INDEX not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes("articles")}:
        op.create_index(INDEX, "articles", ["read_with"])


def downgrade() -> None:
    pass
