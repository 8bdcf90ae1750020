"""World Bank WDI live connector: parsing of recorded payloads, and runs against a local server."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from etl import pipeline, run_safety, schemas, store
from etl.sources import live, worldbank_wdi
from etl.sources.base import SourceFileError
from tests.etl.sources.live_support import (
    fast_settings,
    observation_rows,
    payload,
    snapshot_count,
)
from tests.fixtures.http_server import FaultServer, Resp

pytest_plugins = ["tests.fixtures.http_server"]

USERS = "/v2/country/all/indicator/IT.NET.USER.ZS"
SERVERS = "/v2/country/all/indicator/IT.NET.SECR.P6"


def users_pages(request) -> Resp:
    """Answer the users indicator by its ``page`` parameter (two recorded pages)."""
    page = request.param("page") or "1"
    return Resp(200, body=payload("worldbank_wdi", f"users_page{page}.json"),
                content_type="application/json;charset=utf-8")


def script_success(server: FaultServer) -> None:
    server.script(USERS, users_pages)
    server.script(SERVERS, Resp(200, body=payload("worldbank_wdi", "servers_page1.json"),
                                content_type="application/json"))


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    """Retries and Retry-After waits are recorded, not slept."""
    slept: list[float] = []
    monkeypatch.setattr(live, "sleep", slept.append)
    return slept




def run(settings, engine):
    return pipeline.run_source(worldbank_wdi, settings, engine)


def recorded_container() -> bytes:
    return live.pack([
        ("http://h/v2/country/all/indicator/IT.NET.USER.ZS?page=1", payload("worldbank_wdi", "users_page1.json")),
        ("http://h/v2/country/all/indicator/IT.NET.USER.ZS?page=2", payload("worldbank_wdi", "users_page2.json")),
        ("http://h/v2/country/all/indicator/IT.NET.SECR.P6?page=1", payload("worldbank_wdi", "servers_page1.json")),
    ])


def test_parse_keeps_aggregates_and_nulls_apart():
    """Every observation is parsed; aggregates are marked, nulls stay null."""
    frame = worldbank_wdi.parse(recorded_container())
    assert len(frame) == 10
    aggregates = frame[frame["entity_kind"] == "aggregate"]
    assert sorted(aggregates["entity_id"]) == ["ARB", "WLD", "XD"]
    assert aggregates["iso3"].isna().all()
    nulls = frame[frame["value"].isna()]
    assert sorted(zip(nulls["iso3"], nulls["year"], strict=True)) == [("MAR", "2021"), ("OMN", "2022")]


def test_observations_are_countries_with_values():
    """Only country rows with a value become observations, with wb. ids."""
    checked = schemas.split_valid(worldbank_wdi.parse(recorded_container()), worldbank_wdi.SCHEMA)
    assert checked.quarantined == []
    obs = worldbank_wdi.to_observations(checked.valid)
    assert sorted(zip(obs["indicator_id"], obs["iso3"], obs["edition"], strict=True)) == [
        ("wb.IT.NET.SECR.P6", "MAR", 2022), ("wb.IT.NET.USER.ZS", "MAR", 2022),
        ("wb.IT.NET.USER.ZS", "OMN", 2021), ("wb.IT.NET.USER.ZS", "OMN", 2022),
        ("wb.IT.NET.USER.ZS", "TUN", 2022),
    ]
    assert "3 aggregate rows" in worldbank_wdi.run_note(checked.valid)


@pytest.mark.parametrize(
    "name, message",
    [
        pytest.param("error_envelope.json", "World Bank API error 120 Invalid value", id="error-envelope"),
        pytest.param(None, "not JSON", id="not-json"),
    ],
)
def test_parse_refuses_errors(name, message):
    """The one-element error envelope and non-JSON bodies fail with a clear reason."""
    body = payload("worldbank_wdi", name) if name else b"<html>oops</html>"
    with pytest.raises(SourceFileError, match=message):
        worldbank_wdi.parse(live.pack([("http://h/v2/x?page=1", body)]))


def test_no_data_page_parses_empty():
    """``[paging, null]`` (no observations) parses to no rows, not an error."""
    frame = worldbank_wdi.parse(live.pack([("http://h/v2/x?page=1", payload("worldbank_wdi", "no_data.json"))]))
    assert frame.empty


def test_paging_followed_and_loaded(wb, fault_server):
    """Both pages are fetched (pages given as strings) and every page's bytes are kept."""
    settings, engine = wb
    script_success(fault_server)
    result = run(settings, engine)
    assert result.status == "succeeded", result.reason
    assert [r.param("page") for r in fault_server.requests_to(USERS)] == ["1", "2"]
    assert result.counts["fetched"] == 10 and result.counts["inserted"] == 5
    kept = (settings.raw_dir / result.snapshot_sha256[:2] / result.snapshot_sha256).read_bytes()
    bodies = [body for _, body in live.unpack(kept)]
    assert bodies == [payload("worldbank_wdi", n) for n in
                      ("users_page1.json", "users_page2.json", "servers_page1.json")]
    assert "aggregate" in result.reason  # the run's note reports what was not loaded


def test_aggregates_never_loaded_as_countries(wb, fault_server):
    """Regions and income groups (ARB, WLD, empty code) never appear as observations."""
    settings, engine = wb
    script_success(fault_server)
    run(settings, engine)
    iso3s = {row[1] for row in observation_rows(engine, "wb.")}
    assert iso3s == {"MAR", "OMN", "TUN"}


def test_rerun_is_idempotent(wb, fault_server):
    """A second run of the same answers inserts and updates nothing."""
    settings, engine = wb
    script_success(fault_server)
    run(settings, engine)
    again = run(settings, engine)
    assert (again.counts["inserted"], again.counts["updated"]) == (0, 0)


def test_429_with_retry_after_then_success(wb, fault_server, no_sleep):
    """A 429 with Retry-After is waited out (via the injected sleep) and the run succeeds."""
    settings, engine = wb
    fault_server.script(USERS, [Resp(429, headers={"Retry-After": "3"}), users_pages])
    fault_server.script(SERVERS, Resp(200, body=payload("worldbank_wdi", "servers_page1.json"),
                                      content_type="application/json"))
    result = run(settings, engine)
    assert result.status == "succeeded", result.reason
    assert 3 in no_sleep


def load_then(wb, fault_server, *faults: Resp):
    """Load good data, then run again with the users indicator answering ``faults``."""
    settings, engine = wb
    script_success(fault_server)
    assert run(settings, engine).status == "succeeded"
    before = observation_rows(engine, "wb.")
    fault_server.script(USERS, list(faults))
    return run(settings, engine), before, observation_rows(engine, "wb.")


@pytest.mark.parametrize(
    "faults, reason",
    [
        pytest.param([Resp(500)], "HTTP 500", id="500-until-attempts-run-out"),
        pytest.param([Resp(200, body=payload("worldbank_wdi", "users_page1.json"),
                           content_type="application/json", drop_after=40)],
                     "gave up after 2 attempts", id="dropped-mid-body"),
        pytest.param([Resp(200, body=payload("worldbank_wdi", "users_page1.json"),
                           content_type="application/json", content_length=99999)],
                     "truncated", id="truncated-body"),
        pytest.param([Resp.html("<html><head><title>Service</title></head><body>x</body></html>")],
                     "HTML", id="html-with-200"),
        pytest.param([Resp(200, body=payload("worldbank_wdi", "error_envelope.json"),
                           content_type="application/json")],
                     "World Bank API error 120 Invalid value", id="error-envelope-200"),
        pytest.param([Resp(200, body=payload("worldbank_wdi", "users_page1.json"),
                           content_type="application/json", delay=1.0)],
                     "timed out", id="time-out"),
    ],
)
def test_faults_fail_the_run_and_keep_earlier_data(wb, fault_server, faults, reason):
    """Each fault ends the run failed with its reason; the observations stay as they were."""
    result, before, after = load_then(wb, fault_server, *faults)
    assert result.status == "failed"
    assert reason.lower() in result.reason.lower()
    assert after == before and before


HTML_PAGE = b"<!DOCTYPE html><html><head><title>Maintenance</title></head><body>down</body></html>"


@pytest.mark.parametrize("body, content_type", [
    pytest.param(HTML_PAGE, "text/html", id="html-with-200"),
    pytest.param(b'{"data": [1, 2, 3]}', "application/json", id="wrong-shape-json"),
    pytest.param(payload("worldbank_wdi", "error_envelope.json"), "application/json",
                 id="error-envelope-200"),
    pytest.param(b"Please limit requests to one every 5 seconds", "application/json",
                 id="rate-limit-notice-200"),
])
def test_a_refused_answer_is_kept_as_a_snapshot_of_the_failed_run(wb, fault_server, body,
                                                                  content_type):
    """A 200 the checks refuse fails the run and publishes nothing, but its bytes are kept:
    a raw snapshot recorded as refused (with the URL), named by the failed run."""
    settings, engine = wb
    script_success(fault_server)
    assert run(settings, engine).status == "succeeded"
    before = observation_rows(engine, "wb.")
    release = store.current_release(engine)["release_id"]
    fault_server.script(USERS, Resp(200, body=body, content_type=content_type))

    result = run(settings, engine)

    assert result.status == "failed", result
    assert observation_rows(engine, "wb.") == before
    assert store.current_release(engine)["release_id"] == release
    with engine.connect() as conn:
        row = store.run_row(conn, result.run_id)
        kept = store.snapshot_row(conn, row["snapshot_sha256"] or "")
    assert kept is not None and kept["source_id"] == "worldbank_wdi"
    assert kept["origin"].startswith("refused by the checks: " + fault_server.url(USERS))
    [(url, received)] = live.unpack(open(kept["path"], "rb").read())
    assert received == body and url == kept["origin"].removeprefix("refused by the checks: ")


def test_etag_unchanged_costs_one_request_and_no_snapshot(wb, fault_server):
    """With ETags, an unchanged source answers 304: run "unchanged", no new snapshot."""
    settings, engine = wb
    fault_server.script(USERS, Resp(200, body=payload("worldbank_wdi", "users_page1.json")
                                    .replace(b'"pages": "2"', b'"pages": "1"'),
                                    content_type="application/json", headers={"ETag": '"u1"'}))
    fault_server.script(SERVERS, Resp(200, body=payload("worldbank_wdi", "servers_page1.json"),
                                      content_type="application/json", headers={"ETag": '"s1"'}))
    assert run(settings, engine).status == "succeeded"
    snapshots = snapshot_count(engine, "worldbank_wdi")
    fault_server.reset()
    fault_server.script(USERS, Resp(200, body=b"{}", headers={"ETag": '"u1"'}))
    fault_server.script(SERVERS, Resp(200, body=b"{}", headers={"ETag": '"s1"'}))
    result = run(settings, engine)
    assert result.status == "unchanged"
    assert [r.headers.get("If-None-Match") for r in fault_server.requests] == ['"u1"', '"s1"']
    assert snapshot_count(engine, "worldbank_wdi") == snapshots


def test_one_failing_source_does_not_stop_the_others(tmp_path, fault_server):
    """A failing live source is recorded failed while a bundled source in the same run loads."""
    settings = fast_settings(tmp_path, worldbank_api_url=fault_server.url("/v2"))
    fault_server.script(USERS, Resp(500))
    engine = store.make_engine(settings.database_url)
    results = {r.source_id: r for r in
               pipeline.run_sources(["worldbank_wdi", "interpol_act"], settings, engine)}
    assert results["worldbank_wdi"].status == "failed"
    assert results["interpol_act"].status == "succeeded"


def test_all_skips_live_sources_unless_enabled(tmp_path, monkeypatch):
    """``run --all`` (no names) leaves out live sources not listed in live_sources."""
    ran: list[str] = []
    monkeypatch.setattr(pipeline, "run_source", lambda module, settings, engine, **_: (
        ran.append(module.INFO.id) or run_safety.RunResult(module.INFO.id, None, "succeeded")))
    settings = fast_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    pipeline.run_sources([], settings, engine)
    assert "worldbank_wdi" not in ran and "un_egdi_live" not in ran and "ncsi" in ran
    ran.clear()
    pipeline.run_sources([], fast_settings(tmp_path, live_sources=("worldbank_wdi",)), engine)
    assert "worldbank_wdi" in ran


def test_error_envelope_message_is_readable():
    """The envelope's id, key and value appear in one line."""
    text = worldbank_wdi.api_error(json.loads(payload("worldbank_wdi", "error_envelope.json")))
    assert text == ("World Bank API error 120 Invalid value: "
                    "The provided parameter value is not valid")


def mar_without_iso3(page: bytes) -> bytes:
    """A recorded users page with Morocco's 2022 row's ``countryiso3code`` emptied (its
    ``country.id`` still "MA")."""
    paging, rows = json.loads(page)
    for row in rows:
        if row["countryiso3code"] == "MAR" and row["date"] == "2022":
            row["countryiso3code"] = ""
    return json.dumps([paging, rows]).encode()


def test_a_country_without_its_iso3_code_is_quarantined_not_an_aggregate():
    """An empty ``countryiso3code`` with a country's ISO2 ``country.id``: a country's row
    without its code, quarantined with its reason; XD (high income, ISO2-like id of no
    country) stays an aggregate."""
    container = live.pack([
        ("http://h/v2/country/all/indicator/IT.NET.USER.ZS?page=1",
         mar_without_iso3(payload("worldbank_wdi", "users_page1.json"))),
        ("http://h/v2/country/all/indicator/IT.NET.USER.ZS?page=2",
         payload("worldbank_wdi", "users_page2.json")),
    ])
    frame = worldbank_wdi.parse(container)
    morocco = frame[frame["entity_id"] == "MA"]
    assert morocco[["entity_kind", "year"]].values.tolist() == [["country", "2022"]]
    assert morocco["iso3"].isna().all()
    assert set(frame.loc[frame["entity_id"].isin(["ARB", "WLD", "XD"]), "entity_kind"]) == {
        "aggregate"}
    checked = schemas.split_valid(frame, worldbank_wdi.SCHEMA)
    [row] = checked.quarantined
    assert row["row"]["entity_id"] == "MA"
    assert row["reason"].startswith("a country's row without its ISO 3166 alpha-3 code")


def test_a_country_without_its_iso3_code_keeps_its_published_value(wb, fault_server):
    """Morocco's 2022 value answered without its ISO3 code: the run succeeds with that row
    quarantined; the published value stays (kept, never removed as an aggregate's). (One row
    of these ten is 10 %: the gate's quarantine ratio is raised so the run publishes.)"""
    settings, engine = wb
    wb = (replace(settings, publish_max_quarantine_ratio=0.5), engine)

    def blanked(request) -> Resp:
        page = request.param("page") or "1"
        body = payload("worldbank_wdi", f"users_page{page}.json")
        return Resp(200, body=mar_without_iso3(body) if page == "1" else body,
                    content_type="application/json")

    result, before, after = load_then(wb, fault_server, blanked, blanked)
    assert result.status == "succeeded", result.reason
    assert result.counts["quarantined"] == 1
    assert (result.counts["removed"], result.counts["kept_quarantined"]) == (0, 1)
    assert ("wb.IT.NET.USER.ZS", "MAR", 2022) in {row[:3] for row in after}
    assert after == before
