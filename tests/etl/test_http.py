"""The shared HTTP layer against a local fault-injecting server: retries, time-outs and body checks."""

from __future__ import annotations

import email.utils
import gzip
import logging
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from etl.http import FetchResult, HttpPolicy, SourceError, fetch
from tests.fixtures.http_server import FaultServer, Resp

# Registers the `fault_server` fixture (importing it by name would shadow test arguments).
pytest_plugins = ["tests.fixtures.http_server"]

FAST = HttpPolicy(connect_timeout=1.0, read_timeout=1.0, max_attempts=3, backoff_base=0.5)

WB_JSON = (
    b'[{"page":1,"pages":1,"per_page":50,"total":1},'
    b'[{"countryiso3code":"MAR","date":"2020","value":84.1}]]'
)
EGDI_HEADER = (
    "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,"
    "Online Service Index,Human Capital Index,Telecommunication Infrastructure Index"
)
EGDI_CSV = EGDI_HEADER + "\n2024,Morocco,90,0.6841,0.5342,0.6137,0.6613,0.7771\n"
EGDI_COLUMNS = EGDI_HEADER.split(",")
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
HTML_PAGE = b"<!DOCTYPE html><html><head><title>Error 500</title></head><body>oops</body></html>"
GDELT_LIMIT = "Please limit requests to one every 5 seconds or contact kalev.leetaru5@gmail.com."


class FakeSleep:
    """Records the delays `fetch` asks for instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleep() -> FakeSleep:
    return FakeSleep()


def get(server: FaultServer, path: str, sleep: FakeSleep, **kwargs: object) -> FetchResult:
    kwargs.setdefault("policy", FAST)
    kwargs.setdefault("expect", "json")
    return fetch(server.url(path), sleep=sleep, **kwargs)  # type: ignore[arg-type]


def failure(server: FaultServer, path: str, sleep: FakeSleep, **kwargs: object) -> SourceError:
    with pytest.raises(SourceError) as info:
        get(server, path, sleep, **kwargs)
    error = info.value
    assert str(error) == error.reason and "\n" not in error.reason
    assert server.url(path) in error.reason
    return error


# --- success ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expect", "resp", "kwargs"),
    [
        pytest.param(
            "json", Resp(body=WB_JSON, content_type="application/json;charset=utf-8"), {}, id="json"
        ),
        pytest.param(
            "json",
            Resp(body=WB_JSON, content_type="application/vnd.api+json"),
            {},
            id="json-suffix",
        ),
        pytest.param("json", Resp(body=WB_JSON), {}, id="json-no-content-type"),
        pytest.param("csv", Resp.csv(EGDI_CSV), {"expected_columns": EGDI_COLUMNS}, id="csv"),
        pytest.param(
            "csv",
            Resp(body=EGDI_CSV, content_type="application/octet-stream"),
            {"csv_min_columns": 8},
            id="csv-octet-stream",
        ),
        pytest.param(
            "csv",
            Resp.csv("\ufeff" + EGDI_CSV.rstrip("\n"), content_length=None),
            {"expected_columns": ["survey  YEAR", "country name"]},
            id="csv-bom-no-length-case-insensitive",
        ),
        pytest.param(
            "csv",
            Resp.csv(EGDI_CSV.replace(",", ";")),
            {"csv_delimiter": ";", "csv_min_columns": 8},
            id="csv-semicolon-declared",
        ),
        pytest.param("xml", Resp(body=RSS, content_type="application/rss+xml"), {}, id="rss"),
        pytest.param("html", Resp.html("<html><body>ok</body></html>"), {}, id="html"),
        pytest.param(
            "any", Resp(body=b"\x00\x01binary", content_type="application/pdf"), {}, id="any"
        ),
    ],
)
def test_success_returns_body_and_metadata(
    fault_server: FaultServer, sleep: FakeSleep, expect: str, resp: Resp, kwargs: dict
) -> None:
    """A good answer comes back byte for byte with its metadata after one attempt."""
    fault_server.script("/data", resp)
    before = datetime.now(UTC)
    result = get(fault_server, "/data", sleep, expect=expect, **kwargs)
    assert result.body == resp.body_bytes
    assert (result.status, result.attempts, result.not_modified) == (200, 1, False)
    assert result.content_type == resp.content_type
    assert result.url == fault_server.url("/data")
    assert before <= result.fetched_at <= datetime.now(UTC)
    assert sleep.delays == []
    (request,) = fault_server.requests
    assert request.headers["User-Agent"] == HttpPolicy().user_agent
    assert "If-None-Match" not in request.headers


def test_query_string_and_redirect_within_allowed_source(
    fault_server: FaultServer, sleep: FakeSleep
) -> None:
    """Query parameters reach the server and a redirect inside the allowed source is followed."""
    fault_server.script("/v2/old", Resp(301, headers={"Location": "/v2/new?page=2"}))
    fault_server.script("/v2/new", Resp.json([1]))
    url = fault_server.url("/v2/old", format="json", page=1)
    result = fetch(url, expect="json", allowed_urls=[fault_server.url("/v2")], sleep=sleep)
    assert result.url == fault_server.url("/v2/new", page=2)
    assert fault_server.requests[0].query == {"format": ["json"], "page": ["1"]}
    assert fault_server.requests[1].param("page") == "2"


# --- retries ----------------------------------------------------------------------------------


def _http_date(delta: timedelta) -> str:
    return email.utils.format_datetime(datetime.now(UTC) + delta, usegmt=True)


@pytest.mark.parametrize(
    ("retry_after", "low", "high"),
    [
        pytest.param("1", 1.0, 1.0, id="seconds"),
        pytest.param(timedelta(seconds=30), 25.0, 30.0, id="http-date"),
        pytest.param(timedelta(seconds=-30), 0.0, 0.0, id="date-in-the-past"),
    ],
)
def test_429_honours_retry_after_then_succeeds(
    fault_server: FaultServer, sleep: FakeSleep, retry_after: str | timedelta, low: float,
    high: float,
) -> None:
    """A 429 waits as long as Retry-After says (capped), then the next attempt succeeds."""
    if isinstance(retry_after, timedelta):  # an HTTP date, made now rather than at collection
        retry_after = _http_date(retry_after)
    fault_server.script(
        "/wb", [Resp(429, headers={"Retry-After": retry_after}), Resp.json([{"page": 1}, []])]
    )
    result = get(fault_server, "/wb", sleep)
    assert result.attempts == 2
    (delay,) = sleep.delays
    assert low <= delay <= high
    assert len(fault_server.requests) == 2


def test_a_retry_after_past_the_longest_wait_is_not_retried(
    fault_server: FaultServer, sleep: FakeSleep
) -> None:
    """A server asking for longer than a refresh waits (Retry-After 3600 or 100000, the
    limit 60 s) is not asked again sooner, which it refused: the run fails at once, its
    words in the reason (three attempts 60 s apart had spent three minutes for nothing)."""
    fault_server.script("/slow", Resp(429, headers={"Retry-After": "100000"}))
    error = failure(fault_server, "/slow", sleep)
    assert "Retry-After 100000" in error.reason and "gave up after 1 attempt" in error.reason
    assert error.attempts == 1 and sleep.delays == [] and len(fault_server.requests) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_until_attempts_run_out(
    fault_server: FaultServer, sleep: FakeSleep, status: int
) -> None:
    """Server errors are retried with jittered exponential backoff, then fail naming cause and count."""
    fault_server.script("/down", Resp.text("busy", status=status))
    policy = HttpPolicy(max_attempts=4, backoff_base=0.5, backoff_max=1.5)
    error = failure(fault_server, "/down", sleep, policy=policy)
    assert f"HTTP {status}" in error.reason
    assert "gave up after 4 attempts" in error.reason
    assert (error.status, error.attempts, error.kind) == (status, 4, "http_status")
    assert len(fault_server.requests) == 4
    ceilings = [0.5, 1.0, 1.5]  # base * 2**n, capped at backoff_max
    assert len(sleep.delays) == 3
    assert all(0 <= d <= c for d, c in zip(sleep.delays, ceilings, strict=True))


def test_retries_are_logged(
    fault_server: FaultServer, sleep: FakeSleep, caplog: pytest.LogCaptureFixture
) -> None:
    """Each retry logs the URL, the attempt, the delay and the cause."""
    fault_server.script("/flaky", [Resp(503, headers={"Retry-After": "2"}), Resp.json({})])
    with caplog.at_level(logging.WARNING, logger="etl.http"):
        get(fault_server, "/flaky", sleep)
    (record,) = caplog.records
    message = record.getMessage()
    assert fault_server.url("/flaky") in message
    assert "attempt 1 of 3" in message and "2.00s" in message and "HTTP 503" in message


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Resp.json({"k": "v" * 500}, drop_after=100), id="content-length"),
        pytest.param(Resp.json({"k": "v" * 500}, drop_after=100, chunked=True), id="chunked"),
        pytest.param(
            Resp.json({"k": "v" * 500}, drop_after=100, content_length=None), id="no-length"
        ),
    ],
)
def test_connection_dropped_mid_body_is_retried(
    fault_server: FaultServer, sleep: FakeSleep, fault: Resp
) -> None:
    """A body cut off by a dropped connection is retried, and the next full body is returned."""
    fault_server.script("/drop", [fault, Resp.json({"k": "ok"})])
    result = get(fault_server, "/drop", sleep)
    assert (result.body, result.attempts) == (b'{"k": "ok"}', 2)


@pytest.mark.parametrize(
    ("fault", "expect", "words"),
    [
        pytest.param(
            Resp.json([1, 2, 3], content_length=500),
            "json",
            "closed after 9 of 500 bytes",
            id="content-length-larger",
        ),
        pytest.param(
            Resp.json({"k": "v" * 500}, drop_after=100),
            "json",
            "after 100 of 509 bytes",
            id="dropped-after-100",
        ),
        pytest.param(
            Resp.json({"k": "v" * 500}, drop_after=100, chunked=True),
            "json",
            "connection dropped mid-body",
            id="chunked-dropped",
        ),
        pytest.param(
            Resp.csv(EGDI_CSV + "2024,Oman,41,0.8", content_length=None),
            "csv",
            "last row has 4 of 8 fields",
            id="csv-cut-mid-row",
        ),
        pytest.param(
            Resp.csv(EGDI_CSV + '2024,"Oman', content_length=None),
            "csv",
            "inside a quoted field",
            id="csv-open-quote",
        ),
    ],
)
def test_truncated_body_fails_after_retries(
    fault_server: FaultServer, sleep: FakeSleep, fault: Resp, expect: str, words: str
) -> None:
    """A body that stays shorter than announced (or ends mid-row) fails as truncated."""
    fault_server.script("/cut", fault)
    error = failure(fault_server, "/cut", sleep, expect=expect)
    assert error.kind == "truncated" and words in error.reason
    assert "gave up after 3 attempts" in error.reason
    assert len(fault_server.requests) == 3


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        pytest.param(Resp.json({}, delay=0.5), "waiting for headers", id="before-headers"),
        pytest.param(Resp.json({}, body_delay=0.5), "mid-body", id="mid-body"),
    ],
)
def test_read_timeout_is_retried_then_fails(
    fault_server: FaultServer, sleep: FakeSleep, fault: Resp, words: str
) -> None:
    """A server slower than read_timeout is retried, then fails as a time-out."""
    fault_server.script("/slow", fault)
    policy = HttpPolicy(read_timeout=0.05, max_attempts=2)
    error = failure(fault_server, "/slow", sleep, policy=policy)
    assert error.kind == "timeout"
    assert "read timed out after 0.05s" in error.reason and words in error.reason
    assert "gave up after 2 attempts" in error.reason
    assert len(fault_server.requests) == 2 and len(sleep.delays) == 1


def test_malformed_host_fails_without_retry(sleep: FakeSleep) -> None:
    """A URL requests cannot even send (bad host) fails at once instead of leaking its exception."""
    with pytest.raises(SourceError) as info:
        fetch("http://exa mple.org/x", expect="any", sleep=sleep)
    assert info.value.kind == "refused" and "InvalidURL" in info.value.reason
    assert sleep.delays == []


def test_connection_refused_is_retried_then_fails(sleep: FakeSleep) -> None:
    """A port nobody listens on is a connection error, retried up to max_attempts."""
    with FaultServer() as server:
        url = server.url("/gone")
    with pytest.raises(SourceError) as info:
        fetch(url, expect="json", policy=FAST, sleep=sleep)
    assert info.value.kind == "connection" and "gave up after 3 attempts" in info.value.reason
    assert "connection failed" in info.value.reason and len(sleep.delays) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_other_4xx_not_retried(fault_server: FaultServer, sleep: FakeSleep, status: int) -> None:
    """A client error other than 429 fails at once, quoting the body."""
    fault_server.script("/nope", Resp.text("Invalid format", status=status))
    error = failure(fault_server, "/nope", sleep)
    assert f"HTTP {status}" in error.reason and "Invalid format" in error.reason
    assert "not retried" in error.reason
    assert (error.attempts, error.status) == (1, status)
    assert len(fault_server.requests) == 1 and sleep.delays == []


# --- 200 that is not data ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expect", "resp"),
    [
        pytest.param("json", Resp(body=HTML_PAGE, content_type="text/html"), id="json-got-html"),
        pytest.param(
            "json",
            Resp(body=HTML_PAGE, content_type="application/json"),
            id="json-got-html-labelled-json",
        ),
        pytest.param(
            "csv",
            Resp(body=b"\xef\xbb\xbf\n  <html><body>login</body></html>", content_type="text/csv"),
            id="csv-got-html-bom",
        ),
        pytest.param(
            "xml",
            Resp(
                body=b'<?xml version="1.0"?>\n<!DOCTYPE html><html></html>', content_type="text/xml"
            ),
            id="xml-got-xhtml",
        ),
        pytest.param(
            "json",
            Resp(body=b"<HEAD><TITLE>Bad query</TITLE></HEAD>"),
            id="json-got-head-no-content-type",
        ),
    ],
)
def test_html_page_with_status_200_is_an_error(
    fault_server: FaultServer, sleep: FakeSleep, expect: str, resp: Resp
) -> None:
    """An HTML page answered with 200 where data was expected fails without retry."""
    fault_server.script("/page", resp)
    error = failure(fault_server, "/page", sleep, expect=expect)
    assert error.kind == "html" and "HTML page" in error.reason
    assert f"where {expect.upper()} was expected" in error.reason
    assert len(fault_server.requests) == 1


def test_html_error_names_page_title(fault_server: FaultServer, sleep: FakeSleep) -> None:
    """The error quotes the HTML page's title so a person can tell what the publisher said."""
    fault_server.script("/page", Resp(body=HTML_PAGE, content_type="text/html"))
    assert "'Error 500'" in failure(fault_server, "/page", sleep).reason


def test_rate_limit_text_with_status_200_is_retried(
    fault_server: FaultServer, sleep: FakeSleep
) -> None:
    """GDELT's plain-text rate-limit notice with 200 waits the 5 s it asks for, then retries."""
    fault_server.script("/api/v2/doc/doc", [Resp.text(GDELT_LIMIT), Resp.json({"articles": []})])
    result = get(fault_server, "/api/v2/doc/doc", sleep)
    assert result.attempts == 2 and sleep.delays == [5.0]


def test_rate_limit_text_fails_when_it_persists(
    fault_server: FaultServer, sleep: FakeSleep
) -> None:
    """A rate-limit notice on every attempt fails as rate_limited, not as bad JSON."""
    fault_server.script("/api/v2/doc/doc", Resp.text(GDELT_LIMIT))
    error = failure(fault_server, "/api/v2/doc/doc", sleep)
    assert error.kind == "rate_limited" and "Please limit requests" in error.reason
    assert "gave up after 3 attempts" in error.reason


@pytest.mark.parametrize(
    ("resp", "kind", "words"),
    [
        pytest.param(Resp(body=b""), "empty", "empty body", id="empty"),
        pytest.param(
            Resp(body=b"", content_type="application/json"), "empty", "empty body", id="empty-json"
        ),
        pytest.param(
            Resp(body=b'{"a": 1,, }', content_type="application/json"),
            "bad_json",
            "not valid JSON",
            id="broken-json",
        ),
        pytest.param(
            Resp.text('{"a": 1}'),
            "content_type",
            "content type text/plain",
            id="json-as-text-plain",
        ),
        pytest.param(
            Resp(body=b"\xff\xfe\x00garbage", content_type="application/json"),
            "bad_json",
            "not valid JSON",
            id="undecodable",
        ),
    ],
)
def test_unusable_json_body(
    fault_server: FaultServer, sleep: FakeSleep, resp: Resp, kind: str, words: str
) -> None:
    """Empty, malformed or mislabelled JSON fails without retry."""
    fault_server.script("/j", resp)
    error = failure(fault_server, "/j", sleep)
    assert error.kind == kind and words in error.reason
    assert len(fault_server.requests) == 1


def test_xml_expected_but_text_returned(fault_server: FaultServer, sleep: FakeSleep) -> None:
    """A feed URL answering plain text is refused."""
    fault_server.script("/feed", Resp.text("maintenance"))
    assert failure(fault_server, "/feed", sleep, expect="xml").kind == "bad_xml"


# --- CSV header checks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kwargs", "words"),
    [
        pytest.param(
            EGDI_CSV.replace(",", ";"),
            {"csv_min_columns": 8},
            "1 column with delimiter ',', expected at least 8; the header contains ';'",
            id="semicolon-not-comma",
        ),
        pytest.param(
            EGDI_CSV.replace(",", ";"),
            {"expected_columns": EGDI_COLUMNS},
            "expected at least 8",
            id="semicolon-with-expected-columns",
        ),
        pytest.param(
            EGDI_CSV.replace("E-Government Index", "EGDI"),
            {"expected_columns": EGDI_COLUMNS},
            "lacks column 'E-Government Index'",
            id="renamed-column",
        ),
        pytest.param(
            EGDI_CSV.replace(",Human Capital Index", ",X").replace(",Online Service Index", ",Y"),
            {"expected_columns": EGDI_COLUMNS},
            "lacks columns 'Online Service Index', 'Human Capital Index'",
            id="two-missing",
        ),
        pytest.param("\n\n", {"csv_min_columns": 2}, "no header", id="blank-lines"),
    ],
)
def test_csv_with_wrong_shape_is_an_error(
    fault_server: FaultServer, sleep: FakeSleep, body: str, kwargs: dict, words: str
) -> None:
    """A CSV whose header is not the expected one fails, naming what is wrong."""
    fault_server.script("/egov.csv", Resp.csv(body))
    error = failure(fault_server, "/egov.csv", sleep, expect="csv", **kwargs)
    assert error.kind == "bad_csv" and words in error.reason
    assert len(fault_server.requests) == 1


@pytest.mark.parametrize(
    "framing",
    [pytest.param({}, id="content-length"), pytest.param({"chunked": True}, id="chunked")],
)
def test_csv_short_last_row_in_complete_body_is_data(
    fault_server: FaultServer, sleep: FakeSleep, framing: dict
) -> None:
    """A body known complete (length or chunked framing) with a short last row is the parser's business."""
    fault_server.script("/egov.csv", Resp.csv(EGDI_CSV + "2024,Oman", **framing))
    result = get(fault_server, "/egov.csv", sleep, expect="csv", csv_min_columns=8)
    assert result.body.endswith(b"2024,Oman")


# --- what may be fetched ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("file:///etc/passwd", id="file"),
        pytest.param("ftp://ftp.example.org/data.csv", id="ftp"),
        pytest.param("javascript:alert(1)", id="javascript"),
        pytest.param("api.worldbank.org/v2/country", id="no-scheme"),
        pytest.param("http:///path-only", id="no-host"),
    ],
)
def test_non_http_url_refused(sleep: FakeSleep, url: str) -> None:
    """Only http and https URLs with a host are fetched."""
    with pytest.raises(SourceError) as info:
        fetch(url, expect="any", sleep=sleep)
    assert info.value.kind == "refused" and info.value.reason.startswith(f"refused {url}")
    assert info.value.attempts == 0


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        pytest.param("/v2/countryside", ["{base}/v2/country"], id="prefix-not-at-segment"),
        pytest.param("/v3/country", ["{base}/v2/"], id="other-path"),
        pytest.param("/v2/../admin", ["{base}/v2/"], id="dot-segments"),
        pytest.param("/v2/x", ["https://127.0.0.1:{port}/v2/"], id="other-scheme"),
        pytest.param("/v2/x", ["http://localhost:{port}/v2/"], id="other-host"),
        pytest.param("/v2/x", ["http://127.0.0.1:1/v2/"], id="other-port"),
        pytest.param("/v2/x", [], id="empty-allow-list"),
    ],
)
def test_url_outside_allowed_urls_refused_without_request(
    fault_server: FaultServer, sleep: FakeSleep, path: str, allowed: list[str]
) -> None:
    """A URL that is not under a configured source is refused before any request."""
    fault_server.script(path, Resp.json({}))
    bases = [a.format(base=fault_server.base_url, port=fault_server.port) for a in allowed]
    error = failure(fault_server, path, sleep, allowed_urls=bases)
    assert error.kind == "refused" and "not under any configured source URL" in error.reason
    assert fault_server.requests == []


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        pytest.param("/v2/country/MAR/indicator/IT.NET.USER.ZS", "{base}/v2/country", id="below"),
        pytest.param("/v2/country", "{base}/v2/country?format=json", id="exact-query-ignored"),
        pytest.param("/anything", "{base}", id="host-only"),
    ],
)
def test_url_under_allowed_urls_fetched(
    fault_server: FaultServer, sleep: FakeSleep, path: str, allowed: str
) -> None:
    """A URL at or below a configured base URL is fetched."""
    fault_server.script(path, Resp.json({}))
    get(
        fault_server,
        path,
        sleep,
        allowed_urls=["http://other.example/", allowed.format(base=fault_server.base_url)],
    )
    assert len(fault_server.requests) == 1


def test_redirect_outside_allowed_urls_refused(fault_server: FaultServer, sleep: FakeSleep) -> None:
    """A redirect to a host that is not a configured source is not followed."""
    fault_server.script("/v2/x", Resp(302, headers={"Location": "http://evil.example/steal"}))
    error = failure(fault_server, "/v2/x", sleep, allowed_urls=[fault_server.url("/v2")])
    assert error.kind == "redirect" and "http://evil.example/steal" in error.reason
    assert len(fault_server.requests) == 1


# --- conditional requests and size ------------------------------------------------------------


@pytest.mark.parametrize(
    ("validator", "kwarg", "request_header"),
    [
        pytest.param({"ETag": '"wdi-2025-07"'}, "etag", "If-None-Match", id="etag"),
        pytest.param(
            {"Last-Modified": "Tue, 01 Jul 2025 00:00:00 GMT"},
            "last_modified",
            "If-Modified-Since",
            id="last-modified",
        ),
    ],
)
def test_conditional_round_trip_returns_not_modified(
    fault_server: FaultServer, sleep: FakeSleep, validator: dict, kwarg: str, request_header: str
) -> None:
    """The validator of a first fetch, sent back, yields a 304 as not_modified with no body."""
    fault_server.script("/wb", Resp.json([{"page": 1}, []], headers=validator))
    first = get(fault_server, "/wb", sleep)
    (value,) = validator.values()
    assert getattr(first, kwarg) == value and not first.not_modified

    second = get(fault_server, "/wb", sleep, **{kwarg: value})
    assert second.not_modified and second.body == b"" and second.status == 304
    assert getattr(second, kwarg) == value
    assert fault_server.requests[1].headers[request_header] == value


def test_304_without_conditional_request_is_an_error(
    fault_server: FaultServer, sleep: FakeSleep
) -> None:
    """A 304 the client did not ask for is not mistaken for 'nothing changed'."""
    fault_server.script("/wb", Resp(304))
    assert failure(fault_server, "/wb", sleep).kind == "http_status"


@pytest.mark.parametrize(
    "resp",
    [
        pytest.param(
            Resp(body=b"x" * 2000, content_type="text/plain"), id="content-length-over-cap"
        ),
        pytest.param(
            Resp(body=b"x" * 2000, content_type="text/plain", chunked=True), id="streamed-over-cap"
        ),
        pytest.param(
            Resp(body=b"x" * 2000, content_type="text/plain", content_length=None),
            id="no-length-over-cap",
        ),
        pytest.param(
            Resp(body=gzip.compress(b"0" * 100_000), headers={"Content-Encoding": "gzip"}),
            id="gzip-bomb-decoded-over-cap",
        ),
    ],
)
def test_size_cap_exceeded(fault_server: FaultServer, sleep: FakeSleep, resp: Resp) -> None:
    """A body larger than max_bytes fails without retry, declared or not."""
    fault_server.script("/big", resp)
    policy = HttpPolicy(max_bytes=1000)
    error = failure(fault_server, "/big", sleep, expect="any", policy=policy)
    assert error.kind == "too_large" and "cap of 1000 bytes" in error.reason
    assert len(fault_server.requests) == 1


# --- the fixture itself -----------------------------------------------------------------------


def test_fault_server_scripts_by_query_and_callable(fault_server: FaultServer) -> None:
    """Scripts keyed by path and query, callables and exhausted queues behave as documented."""
    import requests

    fault_server.script("/doc?mode=artlist", Resp.text("list"))
    fault_server.script("/doc", lambda req: Resp.text(f"page {req.param('page')}"))
    fault_server.script("/once", [Resp.text("only")], repeat_last=False)
    assert requests.get(fault_server.url("/doc", mode="artlist")).text == "list"
    assert requests.get(fault_server.url("/doc", page=3)).text == "page 3"
    assert requests.get(fault_server.url("/once")).text == "only"
    exhausted = requests.get(fault_server.url("/once"))
    assert exhausted.status_code == 404 and "script exhausted" in exhausted.text
    assert requests.get(fault_server.url("/nothing")).status_code == 404
    assert [r.path for r in fault_server.requests_to("/doc")] == ["/doc", "/doc"]


def test_gzip_body_is_decoded(fault_server: FaultServer, sleep: FakeSleep) -> None:
    """A gzip-encoded body is returned decoded and its compressed Content-Length is honoured."""
    fault_server.script(
        "/wb",
        Resp(
            body=gzip.compress(WB_JSON),
            content_type="application/json",
            headers={"Content-Encoding": "gzip"},
        ),
    )
    assert get(fault_server, "/wb", sleep).body == WB_JSON


def test_policy_from_settings_reads_http_fields() -> None:
    """HttpPolicy.from_settings takes the http_* attributes it knows and defaults the rest."""
    settings = SimpleNamespace(http_connect_timeout=2.0, http_max_attempts=6, database_url="x")
    policy = HttpPolicy.from_settings(settings)
    assert (policy.connect_timeout, policy.max_attempts) == (2.0, 6)
    assert policy.read_timeout == HttpPolicy().read_timeout


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"max_attempts": 0}, id="no-attempts"),
        pytest.param({"read_timeout": 0}, id="zero-timeout"),
        pytest.param({"backoff_base": -1}, id="negative-backoff"),
    ],
)
def test_policy_rejects_nonsense(values: dict) -> None:
    """A policy that could never fetch anything is refused when built."""
    with pytest.raises(ValueError):
        HttpPolicy(**values)
