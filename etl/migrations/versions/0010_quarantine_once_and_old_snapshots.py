"""quarantine.snapshot_sha256 and quarantine.last_run_id: the snapshot a quarantined row was
read from, and the latest run that read it there, so a run reading the same snapshot again
marks its rows seen instead of storing them again (``run_id`` stays the run that first
quarantined them). changes.old_snapshot_sha256 and content_changes.old_snapshot_sha256: the
raw snapshot the old side of a changelog row was published from, beside the new side's
``snapshot_sha256``, so both sources can be opened.

Quarantined rows kept before this revision get their run's snapshot (a run's quarantine and
its snapshot commit in one transaction: exact) and their own run as the latest that read them.
Copies earlier runs stored of the same rows stay as they were: nothing is deleted.

Changelog rows written before it get the old side's snapshot only where it is known exactly:
the row before it about the same observation (or statement, or per-source value) published
the old side from snapshot S, and every run of the source that succeeded between the two read
S too (a run reading another snapshot may have rewritten the row without a changelog row: a
new source note alone does). Otherwise, and for an added row, it stays empty: never guessed.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 17:30:00
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

SHA = sa.String(length=64)
# The changelog tables, with the columns that name the row a changelog row is about.
CHANGELOGS = {"changes": ("indicator_id", "iso3", "edition"),
              "content_changes": ("target", "row_key")}
# Kinds whose new side is what is published afterwards, and those with an old side.
PUBLISHES = ("added", "changed", "provenance")
HAS_OLD = ("changed", "provenance", "removed")


def _columns(table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}


def _indexes(table: str) -> set[str | None]:
    return {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table)}


def upgrade() -> None:
    present = _columns("quarantine")
    if "snapshot_sha256" not in present or "last_run_id" not in present:
        with op.batch_alter_table("quarantine", schema=None) as batch_op:
            if "snapshot_sha256" not in present:
                batch_op.add_column(sa.Column("snapshot_sha256", SHA, nullable=True))
            if "last_run_id" not in present:
                batch_op.add_column(sa.Column("last_run_id", sa.Integer(), nullable=True))
    if "ix_quarantine_last_run_id" not in _indexes("quarantine"):
        op.create_index("ix_quarantine_last_run_id", "quarantine", ["last_run_id"])
    for table in CHANGELOGS:
        if "old_snapshot_sha256" not in _columns(table):
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.add_column(sa.Column("old_snapshot_sha256", SHA, nullable=True))
    _fill_quarantine()
    for table, key in CHANGELOGS.items():
        _fill_old_snapshots(table, key)


def _fill_quarantine() -> None:
    """Each quarantined row's snapshot is its run's; the latest run that read it, its own."""
    quarantine, runs = sa.table("quarantine", sa.column("run_id"), sa.column("last_run_id"),
                                sa.column("snapshot_sha256")), sa.table(
        "runs", sa.column("run_id"), sa.column("snapshot_sha256"))
    of_run = (sa.select(runs.c.snapshot_sha256).where(runs.c.run_id == quarantine.c.run_id)
              .scalar_subquery())
    op.get_bind().execute(quarantine.update().where(quarantine.c.snapshot_sha256.is_(None))
                          .values(snapshot_sha256=of_run))
    op.get_bind().execute(quarantine.update().where(quarantine.c.last_run_id.is_(None))
                          .values(last_run_id=quarantine.c.run_id))


def _fill_old_snapshots(name: str, key: tuple[str, ...]) -> None:
    """The old side's snapshot of each changelog row of ``name`` where it is known exactly
    (see the module's docstring)."""
    conn = op.get_bind()
    table = sa.table(name, sa.column("change_id"), sa.column("run_id"), sa.column("source_id"),
                     sa.column("kind"), sa.column("snapshot_sha256"),
                     sa.column("old_snapshot_sha256"), *(sa.column(k) for k in key))
    runs = sa.table("runs", sa.column("run_id"), sa.column("source_id"),
                    sa.column("status"), sa.column("snapshot_sha256"))
    # Each source's succeeded runs (the only ones that write published rows), in order.
    succeeded: dict[str, tuple[list[int], list[str | None]]] = defaultdict(lambda: ([], []))
    for run_id, source_id, sha in conn.execute(
            sa.select(runs.c.run_id, runs.c.source_id, runs.c.snapshot_sha256)
            .where(runs.c.status == "succeeded").order_by(runs.c.run_id)):
        succeeded[source_id][0].append(run_id)
        succeeded[source_id][1].append(sha)

    def only_read(source_id: str, after: int, before: int, sha: str) -> bool:
        """Whether every succeeded run of the source between two runs read ``sha``."""
        ids, shas = succeeded.get(source_id, ([], []))
        return all(s == sha for s in shas[bisect_right(ids, after):bisect_left(ids, before)])

    published: dict[tuple, tuple[int, str | None]] = {}  # row: (run, snapshot) of its last
    found: list[dict] = []
    rows = conn.execute(sa.select(table.c.change_id, table.c.run_id, table.c.source_id,
                                  table.c.kind, table.c.snapshot_sha256,
                                  table.c.old_snapshot_sha256, *(table.c[k] for k in key))
                        .order_by(table.c.change_id))
    for change_id, run_id, source_id, kind, sha, old_sha, *about in rows:
        which = (source_id, *about)
        before = published.pop(which, None)
        if (kind in HAS_OLD and old_sha is None and before is not None
                and before[1] is not None and before[0] < run_id
                and only_read(source_id, before[0], run_id, before[1])):
            found.append({"id": change_id, "old": before[1]})
        if kind in PUBLISHES:
            published[which] = (run_id, sha)
    if found:
        conn.execute(table.update().where(table.c.change_id == sa.bindparam("id"))
                     .values(old_snapshot_sha256=sa.bindparam("old")), found)


def downgrade() -> None:
    for table in reversed(list(CHANGELOGS)):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("old_snapshot_sha256")
    op.drop_index("ix_quarantine_last_run_id", table_name="quarantine")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_column("last_run_id")
        batch_op.drop_column("snapshot_sha256")
