"""``/healthz``: is the database reachable, and which data release is served.

For load balancers, Docker's HEALTHCHECK and compose: 200 with
``{"status": "ok", "database": "ok", "release_id": N}`` or 503 with
``{"status": "unavailable", "database": "unreachable"}``. The error itself goes to the log,
never to the answer (it could name a host or a user). Public even when login is required.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, jsonify
from sqlalchemy.engine import Engine

from dashboard.data import EXTENSION_KEY
from etl import store

log = logging.getLogger(__name__)

PATH = "/healthz"


def served_release_id(engine: Engine) -> int:
    """The release the dashboard serves: the newest publication, else the newest good run."""
    try:
        from etl.releases import current_release_id
    except ImportError:  # before releases existed: the newest succeeded run stands for it
        with engine.connect() as conn:
            query = sa.select(sa.func.max(store.runs.c.run_id)).where(
                store.runs.c.status == "succeeded"
            )
            return int(conn.execute(query).scalar() or 0)
    return current_release_id(engine)


def health_report(engine: Engine) -> tuple[dict[str, Any], int]:
    """The answer and its status code."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        release = served_release_id(engine)
    except Exception:  # any failure means "not ready"; the details are for the log only
        log.exception("health check: database unreachable")
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok", "release_id": release}, 200


def install_health(server: Flask) -> None:
    """Serve ``/healthz`` from ``server`` (reads the engine the app keeps)."""

    def healthz():
        body, status = health_report(current_app.extensions[EXTENSION_KEY]["engine"])
        response = jsonify(body)
        response.status_code = status
        response.headers["Cache-Control"] = "no-store"
        return response

    server.add_url_rule(PATH, "healthz", healthz, methods=["GET", "HEAD"])
