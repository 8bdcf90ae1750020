"""A path under /_dash-component-suites/ that Dash does not serve (a typo, a traversal probe) is
a 404 with no file read and no traceback logged, not a 500 that any visitor can raise."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture(scope="module")
def client(dash_app):
    return dash_app.server.test_client()


@pytest.mark.parametrize("path", [
    pytest.param("/_dash-component-suites/dash/..%2f..%2f..%2fetc%2fpasswd", id="traversal"),
    pytest.param("/_dash-component-suites/dash/no-such-file.js", id="unknown-file"),
    pytest.param("/_dash-component-suites/os/path.py", id="unknown-package"),
])
def test_unknown_component_file_is_404(client, caplog, path):
    """404 (JSON, as for Dash's other XHR paths), nothing logged as an error."""
    with caplog.at_level(logging.ERROR):
        response = client.get(path)
    assert response.status_code == 404
    assert response.get_json() == {"error": {"status": 404, "message": "no such file"}}
    assert b"root:" not in response.data
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_known_component_file_is_still_served(client, dash_app):
    """The renderer's own files are served as before."""
    scripts = client.get("/compare").get_data(as_text=True)
    start = scripts.index("/_dash-component-suites/dash/dash-renderer/")
    path = scripts[start:scripts.index('"', start)]
    assert client.get(path).status_code == 200
