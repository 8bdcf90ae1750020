"""``store.current_release`` gives the newest release, or a source's newest given its id (the
one query for both: the copy ``latest_release`` is gone)."""

from __future__ import annotations

from etl import store
from tests.conftest import make_settings


def test_current_release_of_a_source_is_its_newest_not_the_stores(tmp_path):
    """Given a source, its newest release and the run that published it, though a newer
    release of another source exists; None for a source that never published."""
    engine = store.make_engine(make_settings(tmp_path).database_url)
    store.init_schema(engine)
    with engine.begin() as conn:
        for run_id, source_id in ((7, "ncsi"), (8, "itu_gci"), (9, "ncsi")):
            store.add_release(conn, run_id, source_id)
    found = store.current_release(engine, "itu_gci")
    assert (found["release_id"], found["run_id"], found["source_id"]) == (2, 8, "itu_gci")
    assert store.current_release(engine, "ncsi")["release_id"] == 3
    assert store.current_release(engine)["release_id"] == 3
    assert store.current_release(engine, "un_egdi") is None
    assert not hasattr(store, "latest_release")
    engine.dispose()
