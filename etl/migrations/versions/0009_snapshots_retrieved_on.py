"""raw_snapshots.retrieved_on: the day a bundled file's data was retrieved from its publisher
(its provenance sidecar's ``copied_on``), beside ``fetched_at``, when this store took the bytes.

What users see as a figure's retrieval (exports, the API, the pages' source blocks) is
``retrieved_on`` where there is one, else ``fetched_at``: a live source's retrieval is its fetch,
so its snapshots leave the column empty. Snapshots kept before this revision get none (which
sidecar their bytes were read with was never kept); the next refresh that reads the same bytes
gives their row the day (:func:`etl.store.record_snapshot`).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("raw_snapshots")}
    if "retrieved_on" not in present:
        with op.batch_alter_table("raw_snapshots", schema=None) as batch_op:
            batch_op.add_column(sa.Column("retrieved_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("raw_snapshots", schema=None) as batch_op:
        batch_op.drop_column("retrieved_on")
