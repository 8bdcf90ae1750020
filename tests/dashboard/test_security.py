"""Security headers, request caps, rate limits, the callback input guard and error pages."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import sqlalchemy as sa

from dashboard import security
from dashboard.app import create_app
from dashboard.data import EXTENSION_KEY
from etl.settings import SettingsError

SQL = "MAR'); DROP TABLE observations; --"
LONG = "A" * 20_000
MANY = [f"C{i:04d}" for i in range(10_000)]



@pytest.fixture(scope="module")
def client(dash_app):
    return dash_app.server.test_client()


@pytest.fixture
def statements(dash_app):
    """Every SQL statement and its parameters run on the app's engine during the test."""
    engine = dash_app.server.extensions[EXTENSION_KEY]["engine"]
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(f"{statement} {parameters!r}")

    sa.event.listen(engine, "before_cursor_execute", record)
    yield seen
    sa.event.remove(engine, "before_cursor_execute", record)


def _output(dash_app, first_input: str) -> str:
    """The callback_map key of the callback whose first input is ``first_input``."""
    for key, spec in dash_app.callback_map.items():
        if spec["inputs"] and f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}" \
                == first_input:
            return key
    raise AssertionError(f"no callback with input {first_input}")


def _outputs(key: str) -> list[dict] | dict:
    """The ``outputs`` Dash's renderer sends for a callback_map key."""
    names = key[2:-2].split("...") if key.startswith("..") else [key]
    specs = [dict(zip(("id", "property"), n.rsplit(".", 1), strict=True)) for n in names]
    return specs if key.startswith("..") else specs[0]


def compare_payload(dash_app, countries, edition=2024, lang="en") -> dict:
    output = _output(dash_app, "compare-countries.value")
    return {
        "output": output,
        "outputs": _outputs(output),
        "inputs": [{"id": "compare-countries", "property": "value", "value": countries},
                   {"id": "compare-edition", "property": "value", "value": edition},
                   {"id": "compare-join", "property": "value", "value": []}],
        "state": [{"id": "compare-lang", "property": "data", "value": lang},
                  {"id": "compare-ranking", "property": "sort_by", "value": []}],
        "changedPropIds": ["compare-countries.value"],
    }


def data_payload(dash_app, **values) -> dict:
    table = {"filter_query": values.pop("filter_query", ""),
             "page_current": values.pop("page_current", 0)}
    inputs = {"indicators": None, "countries": None, "groups": None, "editions": None}
    inputs.update(values)
    output = _output(dash_app, "data-indicators.value")
    return {
        "output": output,
        "outputs": _outputs(output),
        "inputs": [{"id": f"data-{k}", "property": "value", "value": v} for k, v in inputs.items()]
        + [{"id": "data-table", "property": "sort_by", "value": []},
           {"id": "data-table", "property": "filter_query", "value": table["filter_query"]},
           {"id": "data-table", "property": "page_current", "value": table["page_current"]}],
        "state": [{"id": "data-lang", "property": "data", "value": "en"},
                  {"id": "data-url", "property": "search", "value": ""}],
        "changedPropIds": ["data-countries.value"],
    }


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize("path", [
    "/", "/compare", "/country/MAR", "/_dash-layout", "/api/v1/countries", "/healthz",
    "/no-such-page", "/api/v1/no-such-thing",
])
def test_security_headers_on_every_response(client, path):
    """CSP, nosniff, DENY framing and a referrer policy on pages, API, errors; no HSTS on HTTP."""
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp.split(";")[1]
    for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'",
                      "img-src 'self' data:", "style-src 'self' 'unsafe-inline'"):
        assert directive in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_csp_allows_dash_inline_renderer_by_hash(client, dash_app):
    """Every inline script of the page is covered by one of the policy's hashes."""
    csp = client.get("/compare").headers["Content-Security-Policy"]
    for digest in dash_app.csp_hashes():
        assert digest in csp
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    sources = script_src.split()[1:]
    assert len(sources) == len(set(sources)), "a hash given twice"


def test_hsts_only_over_https(client):
    """HSTS is sent for an HTTPS request and not for plain HTTP."""
    assert "Strict-Transport-Security" in client.get(
        "/healthz", base_url="https://localhost").headers
    assert "Strict-Transport-Security" not in client.get("/healthz").headers


@pytest.mark.parametrize(("trust", "expected"), [
    pytest.param(True, True, id="trusted-proxy"),
    pytest.param(False, False, id="untrusted-proxy"),
])
def test_forwarded_proto_counts_only_from_a_trusted_proxy(loaded_settings, trust, expected):
    """X-Forwarded-Proto: https makes the request secure only with CYBERINDEX_TRUST_PROXY=1."""
    app = create_app(replace(loaded_settings, trust_proxy=trust))
    response = app.server.test_client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
    assert ("Strict-Transport-Security" in response.headers) is expected


@pytest.fixture(scope="module")
def host_bound_client(loaded_settings):
    app = create_app(replace(loaded_settings, allowed_hosts=("cyberindex.example.gov",
                                                             ".ministry.example")))
    return app.server.test_client()


@pytest.mark.parametrize("path", ["/", "/api/v1/", "/api/v1/observations?country=MAR",
                                  "/_dash-layout", "/healthz"])
def test_a_host_the_site_does_not_answer_to_gets_400(host_bound_client, path):
    """With CYBERINDEX_ALLOWED_HOSTS, a forged Host is refused before any view runs: no answer
    holds a link to it (a cache in front would keep such links for everyone)."""
    response = host_bound_client.get(path, base_url="http://evil.example")
    assert response.status_code == 400
    assert "evil.example" not in response.get_data(as_text=True)


@pytest.mark.parametrize("host", ["cyberindex.example.gov", "cyberindex.example.gov:8443",
                                  "stats.ministry.example", "127.0.0.1:8050", "localhost"])
def test_the_site_own_names_and_loopback_are_answered(host_bound_client, host):
    """The configured names (a leading dot: any subdomain), any port, and the loopback names
    the health checks ask."""
    response = host_bound_client.get("/api/v1/observations?country=MAR&per_page=1",
                                     base_url=f"http://{host}")
    assert response.status_code == 200
    assert response.get_json()["links"]["next"].startswith(f"http://{host}/api/v1/")


def test_forwarded_host_is_held_to_the_allowed_names(loaded_settings):
    """Behind a trusted proxy X-Forwarded-Host is the host: it is checked the same way."""
    app = create_app(replace(loaded_settings, trust_proxy=True,
                             allowed_hosts=("cyberindex.example.gov",)))
    client = app.server.test_client()
    assert client.get("/healthz", headers={"X-Forwarded-Host": "evil.example"}).status_code == 400
    assert client.get("/healthz", headers={
        "X-Forwarded-Host": "cyberindex.example.gov"}).status_code == 200


def test_without_allowed_hosts_any_host_is_answered(client):
    assert client.get("/healthz", base_url="http://anything.example").status_code == 200


def test_healthz_reports_database_and_release(client):
    """200 with the database ok and the served release id."""
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert isinstance(body["release_id"], int) and body["release_id"] >= 1


def test_healthz_503_without_database_and_no_details(loaded_settings, tmp_path):
    """An unreachable database gives 503 without the URL or the error text."""
    app = create_app(loaded_settings)
    bad = sa.create_engine(f"sqlite:///{tmp_path}/missing/dir/none.db")
    app.server.extensions[EXTENSION_KEY]["engine"] = bad
    response = app.server.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}
    assert "missing" not in response.get_data(as_text=True)


# ---------------------------------------------------------------- the callback guard


def test_a_genuine_callback_still_runs(client, dash_app):
    """A payload the page itself would send gets its figures (200)."""
    response = client.post("/_dash-update-component",
                           json=compare_payload(dash_app, ["MAR", "OMN"]))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    response = client.post("/_dash-update-component",
                           json=data_payload(dash_app, countries=["MAR"], editions=[2024]))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


FORGED = [
    pytest.param("compare", {"countries": ["MAR", "XYZ"]}, "unknown country", id="unknown-country"),
    pytest.param("compare", {"countries": MANY}, "too many", id="10000-countries"),
    pytest.param("compare", {"countries": [SQL]}, "unknown country", id="sql-country"),
    pytest.param("compare", {"countries": [LONG]}, "unknown country", id="long-country"),
    pytest.param("compare", {"countries": [{"$ne": 1}]}, "unknown country", id="object-country"),
    pytest.param("compare", {"edition": "2024 OR 1=1"}, "unknown edition", id="sql-edition"),
    pytest.param("compare", {"edition": 1899}, "unknown edition", id="unknown-edition"),
    pytest.param("compare", {"lang": LONG}, "compare-lang.data", id="long-lang"),
    pytest.param("data", {"groups": ["gcc", SQL]}, "unknown group", id="sql-group"),
    pytest.param("data", {"indicators": ["itu_gci.nope"]}, "unknown indicator",
                 id="unknown-indicator"),
    pytest.param("data", {"editions": list(range(10_000))}, "too many", id="10000-editions"),
    pytest.param("data", {"filter_query": "{value} > 1 && " * 400}, "at most 2000",
                 id="long-filter-query"),
    pytest.param("data", {"page_current": -1}, "page number", id="negative-page"),
]


@pytest.mark.parametrize(("page", "values", "message"), FORGED)
def test_forged_callback_values_get_400_and_no_query(client, dash_app, statements, page,
                                                     values, message):
    """Unknown ids, huge lists, SQL and long strings: 400 naming the fault, raw value never in SQL."""
    payload = (compare_payload(dash_app, values.get("countries", ["MAR"]),
                               values.get("edition", 2024), values.get("lang", "en"))
               if page == "compare" else data_payload(dash_app, **values))
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 400
    assert message in response.get_json()["error"]["message"]
    assert not any("DROP TABLE" in s or "XYZ" in s or "AAAAAAAAAA" in s for s in statements)


@pytest.mark.parametrize("body", [
    pytest.param(b"not json", id="not-json"),
    pytest.param(b"[1, 2, 3]", id="a-list"),
    pytest.param(json.dumps({"output": "nope.children", "inputs": []}).encode(),
                 id="unknown-output"),
    pytest.param(json.dumps({"output": "compare-countries.value",
                             "inputs": [{"value": 1}]}).encode(), id="input-without-id"),
    pytest.param(json.dumps({"output": "compare-countries.value", "inputs": "x"}).encode(),
                 id="inputs-not-a-list"),
    pytest.param(json.dumps({"output": "compare-countries.value", "inputs": [
        {"id": "compare-group", "property": "value", "value": [[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]}
    ]}).encode(), id="deep-nesting"),
    pytest.param(json.dumps({"output": "compare-countries.value", "inputs": [
        {"id": "any-thing", "property": "children", "value": "gcc"}
    ]}).encode(), id="input-under-another-id"),
    pytest.param(json.dumps({"output": "compare-countries.value", "inputs": [
        {"id": "compare-group", "property": "value", "value": "gcc"},
        {"id": "compare-group", "property": "value", "value": "gcc"}]}).encode(),
        id="extra-input"),
    pytest.param(json.dumps({"output": "compare-countries.value",
                             "outputs": [{"id": "a", "property": "b"}] * 3,
                             "inputs": [{"id": "compare-group", "property": "value",
                                         "value": "gcc"}]}).encode(), id="wrong-outputs"),
])
def test_malformed_callback_requests_get_400(client, body):
    """Garbage in /_dash-update-component is a 400, never a 500."""
    response = client.post("/_dash-update-component", data=body,
                           content_type="application/json")
    assert response.status_code == 400


def test_request_body_cap(loaded_settings):
    """A body over CYBERINDEX_MAX_REQUEST_BYTES gets 413."""
    app = create_app(replace(loaded_settings, max_request_bytes=2000))
    response = app.server.test_client().post(
        "/_dash-update-component", data=b"{" + b" " * 5000 + b"}",
        content_type="application/json")
    assert response.status_code == 413


def test_a_page_can_register_its_own_rule(client, dash_app):
    """register_input_rule: the rule registered last for an id wins."""
    def only_morocco(value, known):
        if value not in (None, [], ["MAR"]):
            raise security.InputRejected("only MAR here")

    security.register_input_rule("compare-countries.value", only_morocco)
    try:
        response = client.post("/_dash-update-component",
                               json=compare_payload(dash_app, ["OMN"]))
        assert response.status_code == 400 and "only MAR" in response.get_json()["error"]["message"]
    finally:
        security._RULES.pop()


# ---------------------------------------------------------------- API parameters


@pytest.mark.parametrize("query", [
    pytest.param("country=XYZ", id="unknown-country"),
    pytest.param("country=" + ",".join(MANY), id="10000-countries"),
    pytest.param("country=" + SQL, id="sql-country"),
    pytest.param("indicator=" + LONG, id="long-indicator"),
    pytest.param("edition=2024%20OR%201%3D1", id="sql-edition"),
    pytest.param("group=" + "x" * 3000, id="long-group"),
    pytest.param("per_page=99999999999999999999", id="huge-number"),
    pytest.param("page=-1", id="negative-page"),
    pytest.param("nonsense=1", id="unknown-parameter"),
])
@pytest.mark.parametrize("path", ["/api/v1/observations", "/api/v1/downloads/observations.csv"])
def test_bad_api_parameters_get_4xx_never_500(client, path, query):
    """Forged API parameters are answered with a 400-class error."""
    response = client.get(f"{path}?{query}")
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)[:200]


# ---------------------------------------------------------------- errors and limits


def test_500_shows_no_traceback_nor_settings(loaded_settings):
    """An unexpected error is a plain page (JSON under /api) without traceback or settings."""
    secret = "s3cret-value-never-shown"
    app = create_app(replace(loaded_settings, secret_key=secret))

    def boom():
        raise RuntimeError(f"exploded with {secret} and {loaded_settings.database_url}")

    app.server.add_url_rule("/boom", "boom", boom)
    app.server.add_url_rule("/api/boom", "api_boom", boom)
    client = app.server.test_client()
    for path in ("/boom", "/api/boom"):
        response = client.get(path)
        text = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "Traceback" not in text and secret not in text
        assert loaded_settings.database_url not in text and "exploded" not in text
    assert client.get("/api/boom").get_json()["error"]["status"] == 500
    assert secret not in repr(replace(loaded_settings, secret_key=secret))
    with_password = replace(loaded_settings, database_url=f"postgresql://u:{secret}@h/db")
    assert secret not in repr(with_password)


def test_rate_limit_answers_429_with_retry_after(loaded_settings):
    """Past CYBERINDEX_RATE_LIMIT the API answers 429 with Retry-After; pages are not limited."""
    app = create_app(replace(loaded_settings, rate_limit="3/minute"))
    client = app.server.test_client()
    codes = [client.get("/api/v1/countries").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/api/v1/downloads/observations.csv")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert client.get("/healthz").status_code == 200
    other = client.get("/api/v1/countries", environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert other.status_code == 200  # per client


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("120/minute", (120, 60.0), id="per-minute"),
    pytest.param("5/second", (5, 1.0), id="per-second"),
    pytest.param("1000/day", (1000, 86400.0), id="per-day"),
    pytest.param("10/5minutes", (10, 300.0), id="per-5-minutes"),
    pytest.param("", None, id="off"),
])
def test_parse_rate(text, expected):
    assert security.parse_rate(text) == expected


@pytest.mark.parametrize("text", ["fast", "0/minute", "10/0minutes"])
def test_parse_rate_rejects_nonsense(text):
    """A limit that cannot be applied (10/0minutes was a ZeroDivisionError at the first API
    request): the settings error naming the variable, as when the settings are read."""
    with pytest.raises(SettingsError, match=r"^CYBERINDEX_RATE_LIMIT="):
        security.parse_rate(text)


def test_token_bucket_refills():
    """Capacity requests pass at once; the next waits 1/rate seconds; time refills."""
    bucket = security.TokenBucket(2, 10.0)
    assert [bucket.take("a", now=0.0) for _ in range(2)] == [0.0, 0.0]
    assert bucket.take("a", now=0.0) == pytest.approx(5.0)
    assert bucket.take("b", now=0.0) == 0.0
    assert bucket.take("a", now=5.0) == 0.0


def test_a_clientside_callback_posted_to_the_server_gets_400(client, dash_app):
    """The browser runs a clientside callback; the server has no function for it, and Dash
    answered a request naming one (only curl sends it) with a 500. Each gets a 400 now."""
    clientside = {output: spec for output, spec in dash_app.callback_map.items()
                  if "callback" not in spec}
    assert clientside  # the pages have some (the language sync, the history links...)
    for output, spec in clientside.items():
        payload = {"output": output, "changedPropIds": [],
                   **{section: [{"id": item["id"], "property": item["property"], "value": None}
                                for item in spec.get(section, [])]
                      for section in ("inputs", "state")}}
        response = client.post("/_dash-update-component", json=payload)
        assert response.status_code == 400, (output, response.status_code)
        assert "unknown callback output" in response.get_json()["error"]["message"], output
