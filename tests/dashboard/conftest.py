"""Dashboard fixtures: one app on the loaded store, its page modules, an app context; the data
API alone on the loaded store and its test client."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import dash
import pytest

from dashboard.api import create_api_app
from dashboard.app import create_app


@pytest.fixture(scope="session")
def dash_app(loaded_settings):
    """The dashboard on the session's loaded store (no server started)."""
    return create_app(loaded_settings)


@pytest.fixture(scope="session")
def pages(dash_app) -> dict:
    """Page modules by short name (``overview``, ``compare``...), as Dash loaded them."""
    return {page["module"].rsplit(".", 1)[-1]: sys.modules[page["module"]]
            for page in dash.page_registry.values()}


@pytest.fixture
def app_context(dash_app) -> Iterator[None]:
    """A Flask app context, as the layouts and callbacks have when serving a request."""
    with dash_app.server.app_context():
        yield


@pytest.fixture(scope="module")
def app(loaded_settings, loaded_engine):
    """The data API alone (``create_api_app``) on the loaded store, in testing mode."""
    flask_app = create_api_app(loaded_settings, loaded_engine)
    flask_app.config["TESTING"] = True
    return flask_app


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()
