"""Revision 0011 on SQLite and PostgreSQL: a store that reached 0008 by its first version
(commit 72ac8a7: the column articles.read_with without its index) gets the index, so it ends
with the schema of a store built by today's code."""

from __future__ import annotations

import sqlalchemy as sa

from etl import migrations, store
from tests.etl.test_migrations import schema_of

INDEX = "ix_articles_read_with"


def _indexes(engine) -> set[str]:
    return {i["name"] for i in sa.inspect(engine).get_indexes("articles")}


def test_a_store_at_0008_without_the_index_gets_it(empty_url):
    engine = store.make_engine(empty_url)
    migrations.upgrade(engine, "0008")
    with engine.begin() as conn:  # 0008 as 72ac8a7 shipped it: the column alone
        conn.execute(sa.text(f"DROP INDEX {INDEX}"))
    assert INDEX not in _indexes(engine)
    migrations.upgrade(engine)
    assert migrations.current_revision(engine) == migrations.head_revision()
    assert INDEX in _indexes(engine)
    assert migrations.autogenerate_diff(engine) == []  # what store.metadata says
    engine.dispose()


def test_0011_leaves_a_store_that_has_the_index_as_it_is(empty_url):
    engine = store.make_engine(empty_url)
    migrations.upgrade(engine, "0010")
    before = schema_of(engine)
    migrations.upgrade(engine)
    assert schema_of(engine) == before
    assert INDEX in _indexes(engine)
    engine.dispose()
