"""The benchmark (``make bench``) at toy sizes: it runs end to end and reports every budget.

Figures at these sizes mean nothing and are not asserted (no timed assertions in the suite);
what is pinned is that every budget is measured, with its limit and a verdict.
"""

from __future__ import annotations

import json
import os

import pytest

from bench import run, synthetic

BUDGETS = {
    "1_news_callback_vs_bare",
    "2_news_growth",
    "3_compare_callback_vs_bare",
    "3_country_callback_vs_bare",
    "4_first_load_kb",
    "4_repeat_visit_kb",
    "5_export_csv",
    "6_etl_refresh",
    "7_extraction_claim_heavy",
    "7_extraction_claim_free",
    "7_extraction_scaling",
    "8_worker_memory",
    "9_throughput",
}

# The benchmark builds and serves SQLite stores of its own whatever the suite's engine: run it
# on the SQLite pass only (CI runs the suite on SQLite, then on PostgreSQL).
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CYBERINDEX_TEST_DATABASE", "sqlite").strip().lower() == "postgres",
        reason="the benchmark runs on its own SQLite stores: SQLite pass only",
    ),
]


def test_smoke_run_reports_every_budget(tmp_path):
    """A smoke run writes results JSON with every budget key, its limit and a verdict."""
    try:
        import psutil  # noqa: F401  (the bench extra's; the smoke run measures with it)
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the benchmark smoke run needs psutil (the bench extra)")
        pytest.skip("psutil not installed (the bench extra)")
    out = tmp_path / "results.json"
    run.main(["--smoke", "--bench-dir", str(tmp_path), "--out", str(out), "--no-docs"])
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results["budgets"]) == BUDGETS
    for budget in results["budgets"].values():
        assert {"value", "limit", "kind", "pass"} <= set(budget)
    assert {"cpus", "python", "dash", "plotly", "pandas", "sqlalchemy", "sqlite"} <= set(
        results["machine"]
    )
    assert results["cases"]["large"]["news_callback"]["n"] > 0


def test_synthetic_store_is_marked(tmp_path, monkeypatch):
    """Generated stores say they are synthetic and hold mentions for every article."""
    import sqlite3

    monkeypatch.setattr(synthetic, "BENCH_DIR", tmp_path)
    path = synthetic.build_store(50, log=lambda *_: None)
    with sqlite3.connect(path) as db:
        meta = dict(db.execute("SELECT key, value FROM bench_synthetic"))
        sources = {s for (s,) in db.execute("SELECT DISTINCT source_id FROM articles")}
        unnamed = db.execute(
            "SELECT count(*) FROM articles WHERE article_id NOT IN "
            "(SELECT article_id FROM article_mentions)"
        ).fetchone()[0]
    assert meta["synthetic"] == "1" and meta["articles"] == "50"
    assert sources == {synthetic.SOURCE_ID}
    assert unnamed == 0
