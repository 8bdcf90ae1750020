"""The data API answers from one release and names it: ``X-Data-Release`` is the release its
body was read at, also just after a publication and when one lands mid-request (finding 7)."""

from __future__ import annotations

import itertools
import json
import math

import pytest

from dashboard.app import create_app
from etl import pipeline, releases, store
from tests.etl.refresh_support import edit_gci, morocco_drops_to_tier_2, published_copy
from tests.etl.release_support import (
    ncsi_store,
    publish_after_first_changes_read,
    releases_by_target,
)

MOROCCO_2024 = {"indicator": "itu_gci.overall", "country": "MAR", "edition": "2024"}


def pinned_by_reads_only(app):
    """The app, its release cache never re-checked by time (as within its 30 s): only a read
    that meets a newer release moves the requests' pin on."""
    cache = app.server.extensions["cyberindex"]["cache"]
    cache.ttl = math.inf
    return app, cache


@pytest.fixture
def gci_app(tmp_path):
    """The GCI published once (release 1), served by the whole app."""
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    app, cache = pinned_by_reads_only(create_app(settings))
    yield settings, engine, app, cache
    engine.dispose()


def _answer(client, path: str) -> tuple[str, object]:
    response = client.get(path, query_string=MOROCCO_2024)
    assert response.status_code == 200, response.get_data()
    return response.headers["X-Data-Release"], json.loads(response.get_data())


def test_header_names_the_release_read_just_after_a_publication(gci_app):
    settings, engine, app, cache = gci_app
    with app.server.test_client() as client:
        release, body = _answer(client, "/api/v1/observations")
        assert (release, body["data"][0]["value"]) == ("1", 97.5)
        edit_gci(settings, morocco_drops_to_tier_2)
        [result] = pipeline.run_sources(["itu_gci"], settings, engine)
        assert result.release_id == 2
        release, body = _answer(client, "/api/v1/observations")
        assert (release, body["data"][0]["value"]) == ("2", 90.0)
        release, rows = _answer(client, "/api/v1/downloads/observations.json")
        assert (release, rows[0]["value"]) == ("2", 90.0)
    # The pages' readers move on to the release the API met.
    assert cache.release_id() == 2


def test_releases_landing_on_every_read_answer_503_not_a_mixed_body(gci_app, monkeypatch):
    _settings, _engine, app, _cache = gci_app
    moving = itertools.count(10)
    monkeypatch.setattr(releases, "current_release_id", lambda engine: next(moving))
    with app.server.test_client() as client:
        response = client.get("/api/v1/observations", query_string=MOROCCO_2024)
    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    assert "try again" in json.loads(response.get_data())["error"]["message"]


def test_changes_download_during_a_publication_lists_whole_releases(tmp_path, monkeypatch):
    settings, engine = ncsi_store(tmp_path)
    app, _cache = pinned_by_reads_only(create_app(settings))
    with app.server.test_client() as client:
        landed = publish_after_first_changes_read(monkeypatch, settings, engine)
        response = client.get("/api/v1/downloads/changes.json", query_string={"country": "MAR"})
    engine.dispose()
    assert response.status_code == 200 and landed
    rows = json.loads(response.get_data())
    header = int(response.headers["X-Data-Release"])
    # Answered again on the release that landed, whole, and named as such.
    assert releases_by_target(rows) == {landed[0]: {"observations", "statements"}}
    assert header == landed[0] == max(r["release_id"] for r in rows)
