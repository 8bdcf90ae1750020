"""A hostile feed cannot make the loader read a page inside the network: with page fetching on,
an item's link to a private, loopback or link-local host (or a redirect there) is refused and
the item keeps its summary; the feeds' own host stays allowed (a feed served inside)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import http
from etl.sources import live, news_rss
from tests.etl.news_support import store_with_official
from tests.fixtures.http_server import FaultServer, Resp

pytest_plugins = ["tests.fixtures.http_server"]

FIXTURES = Path(__file__).parents[2] / "fixtures" / "news_rss"
LINK = "https://news.example.com/2024/10/oman-cert"
SECRET = ("<html lang='en'><body><article><h1>Internal</h1>"
          + "<p>INTERNAL-SECRET: the Sultanate of Oman unit's admin token is abc123, reachable "
          "only inside the network, officials said in Muscat this week.</p>" * 3
          + "</article></body></html>")


@pytest.fixture(autouse=True)
def instant_retries(monkeypatch):
    monkeypatch.setattr(live, "sleep", lambda seconds: None)


@pytest.fixture
def inside():
    """A second server: a host of the network the feed must not reach."""
    with FaultServer() as server:
        server.script("/admin", Resp.html(SECRET))
        yield server


def _articles(fault_server, tmp_path, loaded_settings, link: str):
    feed = (FIXTURES / "rss2.xml").read_text().replace(LINK, link)
    fault_server.script("/rss", Resp(200, body=feed, content_type="application/rss+xml"))
    raw = news_rss.fetch(store_with_official(
        tmp_path, loaded_settings, news_feeds=(fault_server.url("/rss"),), news_fetch_pages=True))
    frame = news_rss.parse(raw.body)
    return frame[frame["url"] == link].iloc[0]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_item_link_to_an_inside_host_is_not_fetched(fault_server, inside, tmp_path,
                                                    loaded_settings, host):
    """The item's page on another loopback host is refused: its summary stays, nothing of the
    page is read, and the inside server saw no request."""
    link = f"http://{host}:{inside.port}/admin"
    article = _articles(fault_server, tmp_path, loaded_settings, link)
    assert article["text_kind"] == "summary" and "INTERNAL-SECRET" not in article["text"]
    assert inside.requests_to("/admin") == []


def test_redirect_from_the_feed_host_to_an_inside_host_is_refused(fault_server, inside,
                                                                  tmp_path, loaded_settings):
    """A page on the feed's own host may be read, but not where it redirects inside."""
    fault_server.script("/moved", Resp(302, headers={"Location": inside.url("/admin")}))
    article = _articles(fault_server, tmp_path, loaded_settings, fault_server.url("/moved"))
    assert article["text_kind"] == "summary" and inside.requests_to("/admin") == []


@pytest.mark.parametrize(("url", "refused"), [
    pytest.param("http://169.254.169.254/latest/meta-data/", True, id="cloud-metadata"),
    pytest.param("http://10.1.2.3/", True, id="private-10"),
    pytest.param("http://[::1]:8080/", True, id="ipv6-loopback"),
    pytest.param("http://[::ffff:127.0.0.1]/", True, id="ipv4-mapped-loopback"),
    pytest.param("http://0.0.0.0:5432/", True, id="unspecified"),
    pytest.param("http://93.184.216.34/", False, id="public"),
])
def test_public_only_refuses_private_addresses_before_connecting(url, refused):
    """Refused with kind ``refused`` before any connection (a public address is let through,
    to fail here on the closed session)."""

    class NoNetwork:
        def get(self, *args, **kwargs):
            raise AssertionError("connected")

    if refused:
        with pytest.raises(http.SourceError) as caught:
            http.fetch(url, expect="html", public_only=True, session=NoNetwork())
        assert caught.value.kind == "refused" and "not a public address" in caught.value.reason
    else:
        with pytest.raises(AssertionError, match="connected"):
            http.fetch(url, expect="html", public_only=True, session=NoNetwork())
