"""runs.removed and runs.kept_quarantined: what a published run deleted (rows the source no
longer gives) and what it kept as published (rows whose replacement was quarantined), beside
its other counts, so the Status page and ``cyberindex etl status`` can show them.

Runs recorded before this revision did not have these columns. Since refreshes began keeping
quarantined rows' published values, a succeeded run's note says both counts in words
("removed N published row(s) the source no longer gives", "kept N published row(s) as they
were: ..."); the upgrade copies those numbers into the columns, so no run shows 0 beside a note
saying otherwise. Older runs recorded them nowhere and read 0; observations they removed are
still listed in the changelog (``changes``, kind ``removed``). The columns stay NOT NULL
rather than NULL for "not recorded": the Status page's main table shows each source's latest
run, which the next refresh records in full, and an old run's note is shown beside it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 10:00:00
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The note parts etl.pipeline._kept_note wrote (joined to the rest of the note by "; "); only a
# whole part is read, so a run's own words cannot be mistaken for one.
NOTE_COUNTS = {
    "removed": re.compile(
        r"(?:^|; )removed (\d+) published row\(s\) the source no longer gives(?=; |$)"),
    "kept_quarantined": re.compile(
        r"(?:^|; )kept (\d+) published row\(s\) as they were: their incoming rows were "
        r"quarantined(?=; |$)"),
}


def counts_from_note(note: str | None) -> dict[str, int]:
    """The counts a run's note states (an empty dict when it states none)."""
    found: dict[str, int] = {}
    for column, pattern in NOTE_COUNTS.items():
        match = pattern.search(note or "")
        if match:
            found[column] = int(match[1])
    return found


def upgrade() -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("runs")}
    with op.batch_alter_table("runs", schema=None) as batch_op:
        for name in ("removed", "kept_quarantined"):
            if name not in present:
                batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False,
                                              server_default=sa.text("0")))
    # Frozen here (not etl.store.runs): the table as this revision knows it.
    runs = sa.table("runs", sa.column("run_id", sa.Integer), sa.column("status", sa.String),
                    sa.column("reason", sa.Text), sa.column("removed", sa.Integer),
                    sa.column("kept_quarantined", sa.Integer))
    conn = op.get_bind()
    noted = conn.execute(
        sa.select(runs.c.run_id, runs.c.reason)
        .where(runs.c.status == "succeeded", runs.c.reason.like("%published row(s)%"))
    ).all()
    for run_id, reason in noted:
        counts = counts_from_note(reason)
        if counts:
            conn.execute(runs.update().where(runs.c.run_id == run_id).values(**counts))


def downgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_column("kept_quarantined")
        batch_op.drop_column("removed")
