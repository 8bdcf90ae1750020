"""news_rss: RSS 2.0 and Atom feeds served by the local fault server; a malformed feed fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import store
from etl.sources import live, news_rss
from tests.etl.news_support import run, store_with_official
from tests.fixtures.http_server import FaultServer, Resp

pytest_plugins = ["tests.fixtures.http_server"]

FIXTURES = Path(__file__).parents[2] / "fixtures" / "news_rss"


def xml(name: str) -> Resp:
    return Resp(200, body=(FIXTURES / name).read_bytes(),
                content_type="application/rss+xml; charset=utf-8")


@pytest.fixture(autouse=True)
def instant_retries(monkeypatch):
    monkeypatch.setattr(live, "sleep", lambda seconds: None)


@pytest.mark.parametrize(("name", "titles", "language", "outlet"), [
    pytest.param("rss2.xml", 2, "en", "Maghreb Tech Daily", id="rss2"),
    pytest.param("atom.xml", 1, "fr", "Actu Cyber Maroc", id="atom"),
])
def test_parse_feeds(name, titles, language, outlet):
    """Items become articles with canonical URL, UTC date, feed language and summary text."""
    frame = news_rss.parse(live.pack([("https://feeds.example/x", (FIXTURES / name).read_bytes())]))
    assert len(frame) == titles
    first = frame.iloc[0]
    assert first["language"] == language and first["outlet"] == outlet
    assert "utm_" not in first["canonical_url"] and "#" not in first["canonical_url"]
    assert first["text_kind"] == "summary" and "<p>" not in first["text"]
    assert first["published_at"].tzname() == "UTC"


def test_rss_date_normalised_to_utc():
    """An RFC 822 date with +0200 is stored in UTC."""
    frame = news_rss.parse(live.pack([("https://f/x", (FIXTURES / "rss2.xml").read_bytes())]))
    assert str(frame.iloc[0]["published_at"]) == "2024-09-13 08:30:00+00:00"


def test_feeds_load_and_reingest_adds_nothing(fault_server: FaultServer, tmp_path,
                                              loaded_settings):
    """Both feeds load through the pipeline; a second run adds no article."""
    fault_server.script("/rss", xml("rss2.xml"))
    fault_server.script("/atom", xml("atom.xml"))
    settings = store_with_official(
        tmp_path, loaded_settings,
        news_feeds=(fault_server.url("/rss"), fault_server.url("/atom")))
    first = run("news_rss", settings)
    assert first.status == "succeeded", first.reason
    assert first.counts["inserted"] == 3
    again = run("news_rss", settings)
    assert again.counts["inserted"] == 0 and again.counts["unchanged"] == 3
    engine = store.make_engine(settings.database_url)
    claims = store.claims_frame(engine)
    assert "consistent" in set(claims["verdict"])  # Morocco 97.5, GCI 2024
    engine.dispose()


def test_malformed_feed_fails_clearly(fault_server: FaultServer, tmp_path, loaded_settings):
    """A broken feed fails the run with its URL and the parser's reason; nothing loads."""
    fault_server.script("/bad", xml("malformed.xml"))
    settings = store_with_official(tmp_path, loaded_settings,
                                   news_feeds=(fault_server.url("/bad"),))
    result = run("news_rss", settings)
    assert result.status == "failed"
    assert fault_server.url("/bad") in result.reason
    assert "malformed feed" in result.reason or "XML" in result.reason


def test_html_page_instead_of_feed_fails(fault_server: FaultServer, tmp_path, loaded_settings):
    """An HTML page with status 200 is not taken for a feed."""
    fault_server.script("/feed", Resp.html("<!DOCTYPE html><html><body>Login</body></html>"))
    settings = store_with_official(tmp_path, loaded_settings,
                                   news_feeds=(fault_server.url("/feed"),))
    assert run("news_rss", settings).status == "failed"


def test_without_feeds_is_skipped(tmp_path, loaded_settings):
    """No CYBERINDEX_NEWS_FEEDS: the run is skipped, not failed."""
    settings = store_with_official(tmp_path, loaded_settings, news_feeds=())
    result = run("news_rss", settings)
    assert result.status == "skipped" and "CYBERINDEX_NEWS_FEEDS" in result.reason


def test_page_fetching_keeps_full_text(fault_server: FaultServer, tmp_path, loaded_settings):
    """With page fetching on, the item's page text (trafilatura) replaces the summary."""
    page = ("<html lang='en'><head><title>x</title></head><body><article><h1>Oman CERT</h1>"
            + "<p>The Sultanate of Oman opened a national CERT in Muscat this week, officials "
            "said, adding that training programmes for engineers start next month.</p>" * 3
            + "</article></body></html>")
    feed = (FIXTURES / "rss2.xml").read_text().replace(
        "https://news.example.com/2024/10/oman-cert", fault_server.url("/oman-cert"))
    fault_server.script("/rss", Resp(200, body=feed, content_type="application/rss+xml"))
    fault_server.script("/oman-cert", Resp.html(page))
    raw = news_rss.fetch(store_with_official(
        tmp_path, loaded_settings, news_feeds=(fault_server.url("/rss"),), news_fetch_pages=True))
    frame = news_rss.parse(raw.body)
    oman = frame[frame["url"] == fault_server.url("/oman-cert")].iloc[0]
    assert oman["text_kind"] == "full" and "training programmes" in oman["text"]
