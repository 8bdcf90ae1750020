"""Live sources reuse a kept body on a 304 only from a snapshot that still matches its SHA-256."""

from __future__ import annotations

import hashlib

import pytest

from etl import pipeline, store
from etl.sources import live, worldbank_wdi
from tests.etl.sources.live_support import observation_rows, payload
from tests.fixtures.http_server import Resp

pytest_plugins = ["tests.fixtures.http_server"]

USERS = "/v2/country/all/indicator/IT.NET.USER.ZS"
SERVERS = "/v2/country/all/indicator/IT.NET.SECR.P6"
USERS_ONE_PAGE = payload("worldbank_wdi", "users_page1.json").replace(b'"pages": "2"',
                                                                       b'"pages": "1"')
SERVERS_BODY = payload("worldbank_wdi", "servers_page1.json")


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(live, "sleep", lambda _s: None)




def script(server, users: bytes, users_etag: str) -> None:
    server.script(USERS, Resp(200, body=users, content_type="application/json",
                              headers={"ETag": users_etag}))
    server.script(SERVERS, Resp(200, body=SERVERS_BODY, content_type="application/json",
                                headers={"ETag": '"s1"'}))


def kept_snapshot(engine, settings):
    [sha] = {row["snapshot_sha256"] for row in store.source_state_rows(engine, "worldbank_wdi")}
    return settings.raw_dir / sha[:2] / sha


def mar_servers(engine) -> list:
    return [row[3] for row in observation_rows(engine, "wb.IT.NET.SECR.P6") if row[1] == "MAR"]


@pytest.mark.parametrize("damage", ["edited", "deleted"])
def test_a_damaged_kept_snapshot_is_fetched_again_not_reused(wb, fault_server, caplog, damage):
    """The servers indicator answers 304, but its kept body was edited in place (same size) or
    removed: it is asked for again without validators and the server's value is published."""
    settings, engine = wb
    script(fault_server, USERS_ONE_PAGE, '"u1"')
    assert pipeline.run_source(worldbank_wdi, settings, engine).status == "succeeded"
    assert mar_servers(engine) == [154.0]
    path = kept_snapshot(engine, settings)
    raw = path.read_bytes()
    if damage == "edited":
        assert raw.count(b'"value": 154.0') == 1
        path.write_bytes(raw.replace(b'"value": 154.0', b'"value": 451.0'))
    else:
        path.unlink()

    fault_server.reset()  # the users indicator changed; the servers indicator did not
    script(fault_server, USERS_ONE_PAGE.replace(b'"value": 90.7', b'"value": 91.7'), '"u2"')
    result = pipeline.run_source(worldbank_wdi, settings, engine)

    assert result.status == "succeeded", result.reason
    [servers] = fault_server.requests_to(SERVERS)
    assert servers.headers.get("If-None-Match") is None  # nothing the server could answer 304
    assert mar_servers(engine) == [154.0]
    kept = (settings.raw_dir / result.snapshot_sha256[:2] / result.snapshot_sha256).read_bytes()
    assert SERVERS_BODY in [body for _url, body in live.unpack(kept)]  # the server's bytes
    assert "fetched unconditionally" in caplog.text


def test_load_state_trusts_only_matching_snapshots(tmp_path):
    """``load_state`` gives bodies and validators of a kept snapshot only while its bytes hash
    to its name; a damaged one is listed as distrusted."""
    container = live.pack([("http://h/a", b'{"x": 1}')])
    sha = hashlib.sha256(container).hexdigest()
    (tmp_path / sha[:2]).mkdir()
    (tmp_path / sha[:2] / sha).write_bytes(container)
    rows = [{"url": "http://h/a", "snapshot_sha256": sha, "etag": '"e"', "last_modified": None}]

    good = live.load_state(rows, tmp_path)
    assert good.previous == {"http://h/a": b'{"x": 1}'}
    assert good.conditional("http://h/a") == ('"e"', None)

    (tmp_path / sha[:2] / sha).write_bytes(container.replace(b"1", b"2"))
    bad = live.load_state(rows, tmp_path)
    assert bad.previous == {} and bad.conditional("http://h/a") == (None, None)
    assert bad.distrusted and bad.distrusted[0].startswith(sha)
