"""What a hostile upstream can send the HTTP layer: a body nested too deep for the JSON parser
is refused as bad JSON (a SourceError naming the URL), not a RecursionError."""

from __future__ import annotations

import pytest

from etl import http
from tests.fixtures.http_server import FaultServer, Resp

pytest_plugins = ["tests.fixtures.http_server"]


def test_deeply_nested_json_is_bad_json(fault_server: FaultServer):
    """200,000 nested arrays: SourceError kind bad_json, not retried."""
    body = b"[" * 200_000 + b"]" * 200_000
    fault_server.script("/deep", Resp(200, body=body, content_type="application/json"))
    with pytest.raises(http.SourceError) as caught:
        http.fetch(fault_server.url("/deep"), expect="json",
                   policy=http.HttpPolicy(max_attempts=2, backoff_base=0))
    assert caught.value.kind == "bad_json" and "nested deeper" in caught.value.reason
    assert caught.value.attempts == 1
    assert len(fault_server.requests_to("/deep")) == 1


def test_failure_reason_hides_the_url_credentials(fault_server: FaultServer):
    """A run's reason (public on the Status page and /api/v1/runs) names the URL without its
    password or key: ``***`` in their place, the rest kept for the operator."""
    fault_server.script("/rss", Resp.text("gone", status=404))
    url = fault_server.url("/rss", api_key="S3CRET-KEY", page=2).replace(
        "http://", "http://reader:S3CRET-PASSWORD@")
    with pytest.raises(http.SourceError) as caught:
        http.fetch(url, expect="xml", policy=http.HttpPolicy(max_attempts=1))
    reason = caught.value.reason
    assert "S3CRET" not in reason and "S3CRET" not in str(caught.value)
    assert "://***@127.0.0.1" in reason and "api_key=***&page=2" in reason and "404" in reason


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("https://x/?access_token=a&keyword=cyber", "https://x/?access_token=***&keyword=cyber",
                 id="token-not-keyword"),
    pytest.param("https://x/a?X-Amz-Signature=b#f", "https://x/a?X-Amz-Signature=***#f",
                 id="signature"),
    pytest.param("https://api.worldbank.org/v2/x?format=json&page=2",
                 "https://api.worldbank.org/v2/x?format=json&page=2", id="nothing-secret"),
])
def test_without_credentials(text, expected):
    assert http.without_credentials(text) == expected
