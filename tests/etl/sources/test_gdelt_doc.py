"""gdelt_doc: FIPS codes from the countries table, 5-second spacing, and GDELT's odd replies."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import store
from etl.http import SourceError
from etl.sources import gdelt_doc, live
from tests.etl.news_support import run, store_with_official
from tests.fixtures.http_server import FaultServer, Resp

pytest_plugins = ["tests.fixtures.http_server"]

FIXTURES = Path(__file__).parents[2] / "fixtures" / "gdelt_doc"
PATH = "/api/v2/doc/doc"


def payload(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class FakeClock:
    """A monotonic clock that only moves when the code sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self.calls: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake() -> FakeClock:
    return FakeClock()


@pytest.fixture
def limiter(fake: FakeClock) -> gdelt_doc.RateLimiter:
    return gdelt_doc.RateLimiter(5.0, clock=fake.clock, sleep=fake.sleep)


def by_mode(artlist: Resp, timeline: Resp):
    def answer(request):
        return artlist if request.param("mode") == "artlist" else timeline
    return answer


def gdelt_settings(tmp_path, loaded, server: FaultServer, countries=("MAR",), **extra):
    return store_with_official(tmp_path, loaded, gdelt_api_url=server.url(PATH),
                               gdelt_countries=countries, http_max_attempts=2, **extra)


def test_rate_limiter_spaces_calls_by_five_seconds(fake, limiter):
    """Consecutive calls are at least 5 s apart on the (fake) clock; the first waits not."""
    stamps = []
    for _ in range(4):
        limiter.wait()
        stamps.append(fake.now)
    assert fake.sleeps[0] == 5.0 and len(fake.sleeps) == 3
    assert all(b - a >= 5.0 for a, b in zip(stamps, stamps[1:], strict=False))


def test_rate_limiter_honours_a_longer_retry_delay(fake, limiter):
    """A retry asking for more than the interval waits that long."""
    limiter.wait()
    limiter.wait(at_least=12.0)
    assert fake.sleeps == [12.0]


def test_request_uses_fips_codes_not_iso(fault_server, tmp_path, loaded_settings, limiter, fake):
    """Morocco is asked as sourcecountry:MO and Oman as sourcecountry:MU, never MA or OM."""
    fault_server.script(PATH, by_mode(Resp.json({}), Resp.json({})))
    settings = gdelt_settings(tmp_path, loaded_settings, fault_server, ("MAR", "OMN"))
    gdelt_doc.fetch(settings, limiter=limiter)
    queries = [(r.param("mode"), r.param("query")) for r in fault_server.requests_to(PATH)]
    assert [m for m, _ in queries] == ["artlist", "timelinevolraw"] * 2
    assert all(q.endswith("sourcecountry:MO") for _, q in queries[:2])
    assert all(q.endswith("sourcecountry:MU") for _, q in queries[2:])
    assert not any("sourcecountry:MA" in q or "sourcecountry:OM" in q for _, q in queries)
    assert sum(fake.sleeps) >= 15.0  # four requests, three gaps of 5 s


def test_artlist_and_timeline_load(fault_server, tmp_path, loaded_settings, limiter,
                                   monkeypatch):
    """Articles (title as text) and volume points with GDELT's norm load; re-runs add nothing."""
    monkeypatch.setattr(gdelt_doc, "limiter_for", lambda settings: limiter)
    fault_server.script(PATH, by_mode(Resp(200, body=payload("artlist_MO.json"),
                                           content_type="application/json"),
                                      Resp(200, body=payload("timelinevolraw_MO.json"),
                                           content_type="application/json")))
    settings = gdelt_settings(tmp_path, loaded_settings, fault_server)
    first = run("gdelt_doc", settings)
    assert first.status == "succeeded", first.reason
    assert first.counts["inserted"] == 2 + 3
    assert run("gdelt_doc", settings).counts["inserted"] == 0
    engine = store.make_engine(settings.database_url)
    articles = store.articles_frame(engine, outlets=["example.ma"])
    assert sorted(articles["language"]) == ["en", "fr"]
    assert articles["canonical_url"].str.contains("utm_").sum() == 0
    volume = store.mention_volume_frame(engine, ["MAR"], "week")
    gdelt = volume[volume["source_id"] == "gdelt_doc"]
    # 2025-09-14 is a Sunday: weeks start on Monday.
    assert [str(p.date()) for p in gdelt["period"]] == ["2025-09-08", "2025-09-15", "2025-09-22"]
    assert gdelt["count"].tolist() == [3, 5, 2]
    assert gdelt["share"].round(6).tolist() == [0.003, 0.004, 0.0025]
    monthly = store.mention_volume_frame(engine, ["MAR"], "month")
    monthly = monthly[monthly["source_id"] == "gdelt_doc"]
    assert monthly["count"].tolist() == [10] and monthly["monitored"].tolist() == [3050]
    engine.dispose()


def test_empty_object_means_no_articles(fault_server, tmp_path, loaded_settings, limiter):
    """``{}`` is an empty result, not an error."""
    fault_server.script(PATH, by_mode(Resp(200, body=payload("empty.json"),
                                           content_type="application/json"), Resp.json({})))
    settings = gdelt_settings(tmp_path, loaded_settings, fault_server)
    frame = gdelt_doc.parse(gdelt_doc.fetch(settings, limiter=limiter).body)
    assert frame.empty


@pytest.mark.parametrize(("reply", "kind"), [
    pytest.param(Resp(200, body=payload("error_page.html"), content_type="text/html"), "html",
                 id="html-with-200"),
    pytest.param(Resp(200, body=payload("rate_limit.txt"), content_type="text/plain"),
                 "rate_limited", id="rate-limit-text-with-200"),
    pytest.param(Resp(429, body=b"Too Many Requests", content_type="text/plain"),
                 "rate_limited", id="429"),
])
def test_error_replies_fail(fault_server, tmp_path, loaded_settings, limiter, fake, reply, kind):
    """An HTML page or the rate-limit text with status 200, or a 429, is an error, not data."""
    fault_server.script(PATH, reply)
    settings = gdelt_settings(tmp_path, loaded_settings, fault_server)
    with pytest.raises(SourceError) as caught:
        gdelt_doc.fetch(settings, limiter=limiter)
    assert caught.value.kind == kind
    if kind == "rate_limited":  # retried, and the retry waited the 5 s too
        assert len(fault_server.requests_to(PATH)) == 2 and max(fake.sleeps) >= 5.0


def test_country_without_fips_fails(fault_server, tmp_path, loaded_settings, limiter):
    """A country the countries table gives no FIPS code fails before any request."""
    settings = gdelt_settings(tmp_path, loaded_settings, fault_server, ("XKX",))
    with pytest.raises(Exception, match="FIPS"):
        gdelt_doc.fetch(settings, limiter=limiter)
    assert not fault_server.requests


def test_not_run_by_all_unless_listed(tmp_path, loaded_settings):
    """Offline `etl run --all` skips the live news sources unless CYBERINDEX_LIVE_SOURCES names them."""
    from etl import pipeline

    settings = store_with_official(tmp_path, loaded_settings)
    modules = pipeline.resolve_sources([])
    ran = [m.INFO.id for m in modules if m.INFO.kind != "live" or m.INFO.id in settings.live_sources]
    assert "news_files" in ran and "gdelt_doc" not in ran and "news_rss" not in ran
    assert live.sleep is not None
