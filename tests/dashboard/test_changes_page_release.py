"""The "What changed" page reads its two changelogs at the request's one release: a
publication landing between them re-runs the request on the new release rather than listing
it half (finding 7; the page reads through the release cache, :mod:`dashboard.data`)."""

from __future__ import annotations

import json

import pytest
from flask import g
from plotly.utils import PlotlyJSONEncoder

from dashboard.app import create_app
from etl import releases
from tests.etl.release_support import ncsi_store, publish_after_first_changes_read


def test_page_meeting_a_new_release_is_answered_again_whole(pages, tmp_path, monkeypatch):
    settings, engine = ncsi_store(tmp_path)
    app = create_app(settings)
    page = pages["changes"]
    served = app.server.extensions["cyberindex"]["engine"]  # the engine the pages read
    landed = publish_after_first_changes_read(monkeypatch, settings, engine)
    with app.server.test_request_context("/changes"):
        g.cyberindex_release = 1
        with pytest.raises(releases.ReleaseChanged):
            page.changes_view(served, ["MAR"], None, ["changed"], None, "en")
        assert landed
        g.cyberindex_release = landed[0]  # as the request wrapper re-pins it
        view = json.dumps(
            page.changes_view(served, ["MAR"], None, ["changed"], None, "en"), cls=PlotlyJSONEncoder
        )
    engine.dispose()
    # Release 2 whole: the observation's new score and the statement's new words.
    assert "70.14" in view and "NCSI score 79.18" in view
