"""Authentication: every route behind a login; viewers see pages, analysts also the API."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from click.testing import CliRunner

from dashboard import auth
from dashboard.app import create_app
from etl import cli, pipeline, store
from tests.conftest import make_settings

SECRET = "test-secret-key-0123456789"
PASSWORDS = {"vic": "viewer-pass-1", "alice": "analyst-pass-1", "ada": "admin-pass-1"}
ROLES = {"vic": "viewer", "alice": "analyst", "ada": "admin"}
PUBLIC = {"/login", "/logout", "/healthz"}


@pytest.fixture(scope="module")
def auth_settings(tmp_path_factory):
    """A store with the reference data, the GCI and three users (one per role)."""
    settings = make_settings(tmp_path_factory.mktemp("auth"), auth="password",
                             secret_key=SECRET, rate_limit="")
    engine = store.make_engine(settings.database_url)
    pipeline.run_sources(["itu_gci"], settings, engine)
    for name, password in PASSWORDS.items():
        auth.add_user(engine, name, password, ROLES[name])
    engine.dispose()
    return settings


@pytest.fixture(scope="module")
def app(auth_settings):
    return create_app(auth_settings)


@pytest.fixture
def client(app):
    return app.server.test_client()


def login(client, name: str, password: str | None = None, next_url: str = "/"):
    return client.post("/login", data={"username": name, "next": next_url,
                                       "password": password or PASSWORDS[name]})


def concrete_routes(app) -> list[tuple[str, str]]:
    """(method, path) for every rule of the server, with sample values for its arguments."""
    samples = {"filename": "x.css", "package_name": "dash", "fingerprinted_path": "x.js",
               "path": "compare", "indicator_id": "itu_gci.overall", "iso3": "MAR",
               "group_id": "gcc", "source_id": "itu_gci", "fmt": "csv", "anything": "x"}
    routes = []
    for rule in app.server.url_map.iter_rules():
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS"})[0]
        path = rule.rule
        for argument in rule.arguments:
            sample = samples.get(argument, "x")
            path = re.sub(rf"<(?:\w+:)?{argument}>", sample, path)
        routes.append((method, path))
    return sorted(set(routes))


def test_every_route_needs_a_login(app, client):
    """Without a login: pages redirect to /login, the API and Dash's requests get 401."""
    routes = concrete_routes(app)
    assert ("POST", "/_dash-update-component") in routes
    assert ("GET", "/api/v1/downloads/observations.csv") in routes
    for method, path in routes:
        response = client.open(path, method=method)
        if path in PUBLIC:
            assert response.status_code < 400, path
        elif response.status_code == 302:
            assert response.headers["Location"].startswith("/login?next="), path
            assert not path.startswith(("/api", "/_")) and not auth.is_download(path), path
        else:
            assert response.status_code == 401, (method, path, response.status_code)


def test_without_login_api_says_basic_and_pages_redirect(client):
    """401 with WWW-Authenticate for the API; a redirect that comes back for a page."""
    api = client.get("/api/v1/countries")
    assert api.status_code == 401 and api.headers["WWW-Authenticate"].startswith("Basic")
    page = client.get("/compare?lang=fr")
    assert page.status_code == 302
    assert page.headers["Location"] == "/login?next=/compare%3Flang%3Dfr"


@pytest.mark.parametrize(("name", "api_status"), [
    pytest.param("vic", 403, id="viewer"),
    pytest.param("alice", 200, id="analyst"),
    pytest.param("ada", 200, id="admin"),
])
def test_roles(client, name, api_status):
    """Everyone signed in sees the pages and Dash callbacks; only analysts+ the API/downloads."""
    assert login(client, name).status_code == 303
    assert client.get("/compare").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/api/v1/countries").status_code == api_status
    download = client.get("/api/v1/downloads/observations.csv?country=MAR")
    assert download.status_code == api_status
    if api_status == 200:
        assert "MAR" in download.get_data(as_text=True)


@pytest.mark.parametrize(("path", "download"), [
    pytest.param("/api/v1/countries", True, id="api"),
    pytest.param("/api/v1/downloads/observations.xlsx", True, id="api-download"),
    pytest.param("/brief/MAR.pdf", True, id="pdf"),
    pytest.param("/compare", False, id="page"),
    pytest.param("/assets/site.css", False, id="asset"),
    pytest.param("/_dash-component-suites/dash/x.js", False, id="component"),
])
def test_what_counts_as_a_download(path, download):
    assert auth.is_download(path) is download


def test_viewer_runs_dash_callbacks(client, app):
    """A viewer's chart callbacks run (the guard and the login both let them through)."""
    login(client, "vic")
    response = client.post("/_dash-update-component", json={
        "output": "..compare-group.value...compare-countries.value..",
        "outputs": [{"id": "compare-group", "property": "value"},
                    {"id": "compare-countries", "property": "value"}],
        "inputs": [{"id": "compare-group", "property": "value", "value": "gcc"},
                   {"id": "compare-countries", "property": "value", "value": []}],
        "state": [{"id": "compare-lang", "property": "data", "value": "en"}],
        "changedPropIds": ["compare-group.value"],
    })
    assert response.status_code == 200, response.get_data(as_text=True)[:200]


@pytest.mark.parametrize(("user", "password", "status"), [
    pytest.param("alice", PASSWORDS["alice"], 200, id="analyst"),
    pytest.param("vic", PASSWORDS["vic"], 403, id="viewer"),
    pytest.param("alice", "wrong-password", 401, id="wrong-password"),
    pytest.param("nobody", "whatever-1", 401, id="unknown-user"),
])
def test_http_basic_for_scripts(client, user, password, status):
    """The API takes HTTP Basic credentials (scripts, curl)."""
    response = client.get("/api/v1/countries", auth=(user, password))
    assert response.status_code == status


def test_login_failures_and_safe_next(client):
    """A wrong password is a 401 page; next may only be a path on this site."""
    failed = login(client, "alice", "not-her-password")
    assert failed.status_code == 401 and "Wrong user name or password" in failed.get_data(
        as_text=True)
    assert client.get("/api/v1/countries").status_code == 401
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example", "/"),
                             ("/compare?lang=ar", "/compare?lang=ar")):
        assert login(client, "alice", next_url=target).headers["Location"] == expected


def test_login_page_is_public_and_escapes_input(client):
    page = client.get('/login?next="><script>alert(1)</script>')
    assert page.status_code == 200
    assert "<script>alert" not in page.get_data(as_text=True)


def test_logout_ends_the_session(client):
    login(client, "alice")
    assert client.get("/api/v1/countries").status_code == 200
    assert client.get("/logout").status_code == 303
    assert client.get("/api/v1/countries").status_code == 401


def test_removed_or_changed_user_loses_its_session(auth_settings, app):
    """Removing a user or changing its password ends its open sessions."""
    engine = store.make_engine(auth_settings.database_url)
    auth.add_user(engine, "temp", "temporary-1", "analyst")
    first, second = app.server.test_client(), app.server.test_client()
    login(first, "temp", "temporary-1")
    login(second, "temp", "temporary-1")
    auth.add_user(engine, "temp", "temporary-2", "analyst")
    assert first.get("/api/v1/countries").status_code == 401
    login(second, "temp", "temporary-2")
    assert second.get("/api/v1/countries").status_code == 200
    auth.remove_user(engine, "temp")
    assert second.get("/api/v1/countries").status_code == 401
    engine.dispose()


def test_session_cookie_flags(client):
    cookie = login(client, "vic").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


# ---------------------------------------------------------------- header mode


@pytest.fixture(scope="module")
def header_client(auth_settings):
    return create_app(replace(auth_settings, auth="header")).server.test_client()


@pytest.mark.parametrize(("headers", "page", "api"), [
    pytest.param({}, 401, 401, id="no-user"),
    pytest.param({"X-Forwarded-User": "sam"}, 200, 403, id="viewer-by-default"),
    pytest.param({"X-Forwarded-User": "sam", "X-Forwarded-Role": "analyst"}, 200, 200,
                 id="analyst"),
    pytest.param({"X-Forwarded-User": "sam", "X-Forwarded-Role": "root"}, 403, 403,
                 id="unknown-role"),
])
def test_header_mode(header_client, headers, page, api):
    """A trusted proxy's user and role headers decide."""
    assert header_client.get("/compare", headers=headers).status_code == page
    assert header_client.get("/api/v1/countries", headers=headers).status_code == api


# ---------------------------------------------------------------- configuration and CLI


@pytest.mark.parametrize(("overrides", "message"), [
    pytest.param({"auth": "password", "secret_key": ""}, "CYBERINDEX_SECRET_KEY", id="no-secret"),
    pytest.param({"auth": "header", "secret_key": "short"}, "CYBERINDEX_SECRET_KEY",
                 id="short-secret"),
    pytest.param({"auth": "ldap"}, "CYBERINDEX_AUTH", id="unknown-mode"),
])
def test_refuses_to_start_without_what_auth_needs(auth_settings, overrides, message):
    with pytest.raises(auth.AuthConfigError, match=message):
        create_app(replace(auth_settings, **overrides))


def test_serve_refuses_auth_without_secret(auth_settings, monkeypatch):
    """`cyberindex serve` ends with one line and exit 2, before gunicorn starts."""
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", auth_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_AUTH", "password")
    monkeypatch.delenv("CYBERINDEX_SECRET_KEY", raising=False)
    result = CliRunner().invoke(cli.main, ["serve", "--port", "1"])
    assert result.exit_code == 2
    assert "CYBERINDEX_SECRET_KEY" in result.output


def test_cli_users_add_list_remove(settings, monkeypatch):
    """users add (password on stdin), list (no hashes), remove; bad input exits 2."""
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    runner = CliRunner()
    added = runner.invoke(cli.main, ["users", "add", "rana", "--role", "analyst",
                                     "--password-stdin"], input="a-long-password\n")
    assert added.exit_code == 0, added.output
    assert "added rana (analyst)" in added.output
    listed = runner.invoke(cli.main, ["users", "list"])
    assert "rana" in listed.output and "analyst" in listed.output
    assert "scrypt" not in listed.output and "a-long-password" not in listed.output
    engine = store.make_engine(settings.database_url)
    with engine.connect() as conn:
        stored = store.user_row(conn, "rana")["password_hash"]
    engine.dispose()
    assert stored.startswith("scrypt:") and "a-long-password" not in stored
    short = runner.invoke(cli.main, ["users", "add", "x", "--password-stdin"], input="short\n")
    assert short.exit_code == 2 and "at least" in short.output
    bad_name = runner.invoke(cli.main, ["users", "add", "a b", "--password-stdin"],
                             input="a-long-password\n")
    assert bad_name.exit_code == 2
    assert runner.invoke(cli.main, ["users", "remove", "rana"]).exit_code == 0
    assert runner.invoke(cli.main, ["users", "remove", "rana"]).exit_code == 2
