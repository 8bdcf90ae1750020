"""changes: old and new provenance of each changelog row (``old_source_url``,
``new_source_url``, ``old_channel``, ``new_channel``, ``old_verification``,
``new_verification``), and the kind ``provenance``: a published value whose figures stayed the
same but that is now read from another document, through another channel, or verified
otherwise ("single source" to "verified in two or more sources").

Rows written before this revision get neither side, and none is made up here: the store never
kept what an observation's provenance was before a release changed it, and its provenance now
may not be what it was when an older row was written. Provenance changes published before it
were counted in their run's note only; the changelog lists them from the first release after
the upgrade.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The columns, typed as the observations' columns they copy (source_url, channel,
# verification).
COLUMNS = (
    ("old_source_url", sa.Text()),
    ("new_source_url", sa.Text()),
    ("old_channel", sa.String(length=120)),
    ("new_channel", sa.String(length=120)),
    ("old_verification", sa.String(length=40)),
    ("new_verification", sa.String(length=40)),
)


def upgrade() -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("changes")}
    missing = [(name, kind) for name, kind in COLUMNS if name not in present]
    if not missing:
        return
    with op.batch_alter_table("changes", schema=None) as batch_op:
        for name, kind in missing:
            batch_op.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
