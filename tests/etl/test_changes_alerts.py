"""The changelog of each published run, and alerts for watched countries delivered with retries."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest
from click.testing import CliRunner

from etl import alerts, changes, cli, pipeline, store
from tests.etl.refresh_support import (
    edit_gci,
    morocco_drops_to_tier_2,
    published_copy,
    refresh_settings,
    subprocess_env,
)


class Webhook:
    """A webhook receiver on 127.0.0.1 answering every POST with ``status``."""

    def __init__(self, status: int = 204) -> None:
        self.status = status
        self.bodies: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length", 0))
                owner.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(owner.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook():
    hook = Webhook()
    yield hook
    hook.close()


def _refresh(tmp_path, **overrides):
    settings = published_copy(tmp_path)
    settings = refresh_settings(tmp_path, **overrides)
    engine = store.make_engine(settings.database_url)
    edit_gci(settings, morocco_drops_to_tier_2)
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    return settings, engine, result


def test_morocco_tier_change_gives_one_diff_row_and_one_alert(tmp_path, webhook):
    """A changed Morocco tier: one changelog row, one alert in the log and at the webhook."""
    settings, engine, result = _refresh(tmp_path, alert_webhook_url=webhook.url)

    assert result.status == "succeeded" and result.release_id == 2
    diff = store.changes_frame(engine, iso3s=["MAR"], indicator_ids=["itu_gci.overall"])
    diff = diff[diff["release_id"] == 2]
    assert diff[["kind", "edition", "old_tier", "new_tier", "old_value", "new_value"]]\
        .values.tolist() == [["changed", 2024, 1, 2, 97.5, 90.0]]
    assert diff["snapshot_sha256"].tolist() == [result.snapshot_sha256]

    logged = [json.loads(line) for line in settings.alerts_log.read_text().splitlines()]
    assert len(logged) == 1 and len(webhook.bodies) == 1
    alert = webhook.bodies[0]
    assert (alert["iso3"], alert["edition"], alert["release_id"]) == ("MAR", 2024, 2)
    assert "tier" in alert["events"] and "MAR" in alert["text"]
    assert logged[0]["text"] == alert["text"]
    engine.dispose()


def test_failing_webhook_is_retried_and_logged(tmp_path, caplog):
    """A webhook answering 500 is retried a bounded number of times; the refresh succeeds."""
    hook = Webhook(status=500)
    try:
        settings, engine, result = _refresh(tmp_path, alert_webhook_url=hook.url,
                                            alert_max_attempts=3)
    finally:
        hook.close()
    assert result.status == "succeeded"
    assert len(hook.bodies) == 3
    assert "alert webhook given up after 3 attempts" in caplog.text
    assert len(settings.alerts_log.read_text().splitlines()) == 1
    engine.dispose()


def test_alerts_mailed_when_smtp_configured(tmp_path, monkeypatch):
    """With an SMTP host and recipients, alerts go out in one message."""
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append({"host": host, "port": port})

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def send_message(self, message):
            sent[-1]["message"] = message

    monkeypatch.setattr(alerts.smtplib, "SMTP", FakeSMTP)
    _, engine, result = _refresh(tmp_path, smtp_host="mail.test", smtp_port=2525,
                                 smtp_to=("desk@example.org",))
    assert result.status == "succeeded"
    assert len(sent) == 1 and sent[0]["port"] == 2525
    assert "MAR itu_gci 2024" in sent[0]["message"].get_content()
    engine.dispose()


def test_first_publication_raises_no_alerts(tmp_path):
    """The first publication of a source is its baseline: changelog rows, no alerts."""
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    assert not settings.alerts_log.exists()
    assert (store.changes_frame(engine)["kind"] == "added").all()
    engine.dispose()


def test_changes_cli_filters_and_json(tmp_path, monkeypatch):
    """`cyberindex changes --country MAR --indicator ID --format json` lists that change."""
    settings, engine, _ = _refresh(tmp_path)
    for key, value in subprocess_env(settings).items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)
    runner = CliRunner()
    out = runner.invoke(cli.main, ["changes", "--country", "mar", "--indicator",
                                   "itu_gci.legal", "--since", "2000-01-01", "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = [r for r in json.loads(out.output) if r["release_id"] == 2]
    assert [(r["kind"], r["old_value"], r["new_value"]) for r in rows] == [("changed", 20.0, 12.5)]
    table = runner.invoke(cli.main, ["changes", "--country", "MAR"])
    assert "itu_gci.overall" in table.output and "97.5->90.0" in table.output
    bad = runner.invoke(cli.main, ["changes", "--since", "yesterday-ish"])
    assert bad.exit_code == 2
    engine.dispose()


def _obs(**row):
    base = {"indicator_id": "i", "iso3": "MAR", "edition": 2024, "value": 1.0, "rank": None,
            "tier": None}
    return {**base, **row}


@pytest.mark.parametrize(
    ("old", "new", "kinds"),
    [
        pytest.param([], [_obs()], ["added"], id="added"),
        pytest.param([_obs()], [], ["removed"], id="removed"),
        pytest.param([_obs()], [_obs(value=2.0)], ["changed"], id="value-changed"),
        pytest.param([_obs(tier=1)], [_obs(tier=2)], ["changed"], id="tier-changed"),
        pytest.param([_obs(rank=3)], [_obs(rank=3)], [], id="unchanged"),
        pytest.param([_obs()], [_obs(value=1.0 + 1e-13)], [], id="float-noise"),
    ],
)
def test_diff_observations(old, new, kinds):
    """The diff names added, changed and removed observations only."""
    before = {(o["indicator_id"], o["iso3"], o["edition"]): o for o in old}
    diff = changes.diff_observations(before, pd.DataFrame(new))
    assert [d["kind"] for d in diff] == kinds


def test_first_publication_changelog_is_the_diff_against_nothing(tmp_path):
    """A source's first publication writes, for each observation it published, the row
    diff_observations({}, observations) gives: "added", its value, rank and tier (missing:
    None), nothing else and nothing twice; in key order, with the release's columns."""
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    logged = store.changes_frame(engine)
    published = store.observations_frame(engine)
    engine.dispose()
    assert len(logged) == len(published) > 1_000
    key = ["indicator_id", "iso3", "edition"]
    expected = changes.diff_observations({}, published.sort_values(key))
    fields = list(expected[0])
    ordered = logged.sort_values(key)[fields].astype(object)
    assert ordered.where(ordered.notna(), None).to_dict("records") == expected
    for _, release in logged.sort_values("change_id").groupby("release_id"):
        assert release[key].apply(tuple, axis=1).is_monotonic_increasing
        assert release["run_id"].nunique() == release["changed_at"].nunique() == 1
        assert release["snapshot_sha256"].str.len().eq(64).all()
