"""Work a published load owes after its commit (re-checking news claims, delivering alerts) is
recorded in the load's transaction (``pending_work``): a refresh killed after the commit, or a
step that fails, leaves it for the next refresh, which completes it first (audit finding 6)."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from etl import alerts, owed_work, pipeline, store
from etl.cli import main
from etl.news import ingest
from etl.store.schema import claims
from tests.etl.refresh_support import edit_gci, refresh_settings, set_cells, start_refresh, wait_for

MOROCCO_2024 = (claims.c.iso3 == "MAR") & (claims.c.edition == 2024) & (claims.c.metric == "score")


def morocco_97_6(frame: pd.DataFrame) -> pd.DataFrame:
    """MAR 2024: 97.5 -> 97.6 (technical pillar 18.12 -> 18.22, so the pillars still add up)."""
    return set_cells(frame, "MAR", "2024", overall_score="97.6", technical="18.22")


@pytest.fixture
def with_claims(tmp_path):
    """A store with the GCI and the news samples (claims "Morocco 97.5" consistent), then the
    GCI file edited to 97.6 for the next run; (settings, engine)."""
    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    results = pipeline.run_sources(["itu_gci", "news_files"], settings, engine)
    assert [r.status for r in results] == ["succeeded", "succeeded"], results
    assert morocco_claims(engine) == {("consistent", 97.5)}
    edit_gci(settings, morocco_97_6)
    yield settings, engine
    engine.dispose()


def morocco_claims(engine) -> set[tuple[str, float]]:
    """(verdict, official value) of the stored claims of Morocco's 2024 GCI score."""
    with engine.connect() as conn:
        return {
            tuple(r)
            for r in conn.execute(
                sa.select(claims.c.verdict, claims.c.official_value).where(MOROCCO_2024)
            )
        }


def owed(engine) -> list[dict]:
    with engine.connect() as conn:
        return store.pending_work_rows(conn)


def logged_alerts(settings) -> list[dict]:
    path = settings.alerts_log
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_refresh_killed_after_its_commit_leaves_the_work_to_the_next_refresh(with_claims, tmp_path):
    """SIGKILL right after the load's commit: the release stands with its work recorded (the
    claims still read the old figure, no alert yet); the next refresh, of another source,
    re-checks the claims (97.5 is now contradicted by 97.6) and delivers the alert, once."""
    settings, engine = with_claims
    marker = tmp_path / "committed"
    proc = start_refresh(
        settings,
        "itu_gci",
        CYBERINDEX_TEST_PAUSE_AT="committed",
        CYBERINDEX_TEST_PAUSE_MARKER=str(marker),
    )
    try:
        wait_for(lambda: marker.exists() or proc.poll() is not None, "the load's commit")
        assert proc.poll() is None, proc.communicate()
    finally:
        proc.kill()
        proc.wait()
    release = store.current_release(engine)["release_id"]
    assert {(w["kind"], w["source_id"], w["release_id"]) for w in owed(engine)} == {
        ("recheck_claims", "itu_gci", release),
        ("deliver_alerts", "itu_gci", release),
    }
    assert morocco_claims(engine) == {("consistent", 97.5)}
    assert logged_alerts(settings) == []

    [result] = pipeline.run_sources(["news_files"], settings, engine)

    assert result.status in {"succeeded", "unchanged"}, result
    assert owed(engine) == []
    assert morocco_claims(engine) == {("contradicted", 97.6)}
    [alert] = logged_alerts(settings)
    assert (alert["iso3"], alert["edition"], alert["release_id"]) == ("MAR", 2024, release)
    assert alert["alert_id"] == f"itu_gci/{release}/MAR/2024"


def test_a_failed_recheck_is_kept_with_its_error_and_done_by_the_next_refresh(
    with_claims, monkeypatch
):
    """A re-check that fails never fails the run: its row keeps the error and the attempt, the
    status (CLI and page) lists it, and the next refresh completes it."""
    settings, engine = with_claims
    real = ingest.recheck_claims

    def broken(conn, index_ids):
        raise RuntimeError("claims store unavailable")

    monkeypatch.setattr(ingest, "recheck_claims", broken)
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded" and result.release_id is not None, result
    [work] = owed(engine)
    assert (work["kind"], work["attempts"], work["release_id"]) == (
        "recheck_claims",
        1,
        result.release_id,
    )
    assert "claims store unavailable" in work["last_error"]
    assert morocco_claims(engine) == {("consistent", 97.5)}

    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    status = CliRunner().invoke(main, ["etl", "status"])
    assert status.exit_code == 0, status.output
    assert f"owed: recheck_claims for itu_gci release {result.release_id}" in status.output
    assert "claims store unavailable" in status.output

    monkeypatch.setattr(ingest, "recheck_claims", real)
    pipeline.run_sources(["news_files"], settings, engine)
    assert owed(engine) == []
    assert morocco_claims(engine) == {("contradicted", 97.6)}
    assert "owed:" not in CliRunner().invoke(main, ["etl", "status"]).output


def test_alerts_are_retried_only_on_the_channel_that_failed(with_claims, monkeypatch):
    """The webhook fails: the log has the alert, the row keeps "log" as delivered and the
    error; the next refresh posts it and does not log it again."""
    settings, engine = with_claims
    settings = replace(settings, alert_webhook_url="http://127.0.0.1:9/hook", alert_max_attempts=1)
    posted = []

    def down(alert, _settings):
        raise ConnectionError("webhook down")

    monkeypatch.setattr(alerts, "post_webhook", down)
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded", result
    [work] = owed(engine)
    assert work["kind"] == "deliver_alerts" and work["payload"]["delivered"] == ["log"]
    assert work["attempts"] == 1 and "webhook" in work["last_error"]
    assert len(logged_alerts(settings)) == 1

    monkeypatch.setattr(alerts, "post_webhook", lambda alert, _s: posted.append(alert))
    pipeline.run_sources(["news_files"], settings, engine)
    assert owed(engine) == []
    assert [a["alert_id"] for a in posted] == [f"itu_gci/{result.release_id}/MAR/2024"]
    assert len(logged_alerts(settings)) == 1


def test_news_recheck_completes_the_rechecks_owed(with_claims, monkeypatch):
    """`cyberindex news recheck` re-checks every claim and forgets the re-checks owed."""
    settings, engine = with_claims
    monkeypatch.setattr(ingest, "recheck_claims", lambda conn, ids: 1 / 0)
    pipeline.run_sources(["itu_gci"], settings, engine)
    assert [w["kind"] for w in owed(engine)] == ["recheck_claims"]
    monkeypatch.undo()
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(settings.raw_dir))
    result = CliRunner().invoke(main, ["news", "recheck"])
    assert result.exit_code == 0, result.output
    assert owed(engine) == []
    assert morocco_claims(engine) == {("contradicted", 97.6)}


def test_alerts_that_keep_failing_are_no_longer_tried(with_claims, monkeypatch):
    """A webhook down for good: after OWED_ALERT_MAX_ATTEMPTS failures the row stays owed (and
    listed) but later refreshes no longer spend their retries on it."""
    settings, engine = with_claims
    settings = replace(settings, alert_webhook_url="http://127.0.0.1:9/hook", alert_max_attempts=1)
    calls = []

    def down(alert, _settings):
        calls.append(alert)
        raise ConnectionError("webhook down")

    monkeypatch.setattr(alerts, "post_webhook", down)
    pipeline.run_sources(["itu_gci"], settings, engine)
    for _ in range(owed_work.OWED_ALERT_MAX_ATTEMPTS + 2):
        pipeline.run_sources(["news_files"], settings, engine)
    [work] = owed(engine)
    assert work["attempts"] == owed_work.OWED_ALERT_MAX_ATTEMPTS
    assert len(calls) == owed_work.OWED_ALERT_MAX_ATTEMPTS


def test_retry_owed_has_the_next_refresh_deliver_what_was_given_up(with_claims, monkeypatch,
                                                                   tmp_path):
    """`etl status` says a given-up alert is no longer tried and how to retry; once the webhook
    works, `cyberindex etl retry-owed` has the next refresh deliver it."""
    settings, engine = with_claims
    settings = replace(settings, alert_webhook_url="http://127.0.0.1:9/hook", alert_max_attempts=1)
    monkeypatch.setattr(alerts, "post_webhook", lambda a, s: (_ for _ in ()).throw(
        ConnectionError("webhook down")))
    pipeline.run_sources(["itu_gci"], settings, engine)
    for _ in range(owed_work.OWED_ALERT_MAX_ATTEMPTS):
        pipeline.run_sources(["news_files"], settings, engine)
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    status = CliRunner().invoke(main, ["etl", "status"])
    assert "no longer tried: fix the channel, then `cyberindex etl retry-owed`" in status.output

    posted = []
    monkeypatch.setattr(alerts, "post_webhook", lambda alert, _s: posted.append(alert))
    pipeline.run_sources(["news_files"], settings, engine)
    assert posted == []  # given up: not tried
    retried = CliRunner().invoke(main, ["etl", "retry-owed"])
    assert retried.exit_code == 0 and retried.output.startswith("1 owed alert row(s)")
    pipeline.run_sources(["news_files"], settings, engine)
    assert len(posted) == 1 and owed(engine) == []
