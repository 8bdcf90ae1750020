"""`cyberindex serve` runs gunicorn: workers answer /healthz; debug and dev tools are off."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from dashboard import serving
from etl.settings import PROJECT_ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_gunicorn_options_follow_settings(loaded_settings):
    options = serving.gunicorn_options(loaded_settings, "0.0.0.0", 8050, 3)
    assert options["bind"] == "0.0.0.0:8050" and options["workers"] == 3
    assert options["preload_app"] is False


def test_worker_freezes_what_it_built_at_start(loaded_settings):
    """A worker's app and imports are moved out of the garbage collector's generations, so a
    full collection during a request walks only what requests made."""
    import gc

    options = serving.gunicorn_options(loaded_settings, "127.0.0.1", 8050, 1)
    try:
        server = serving.DashboardApplication(loaded_settings, options).load()
        assert server.name and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


@pytest.mark.slow
def test_serve_runs_gunicorn_workers(loaded_settings):
    """Two gunicorn workers start, /healthz says ok, pages carry no Dash dev tools."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CYBERINDEX_")}
    env.update({"CYBERINDEX_DATABASE_URL": loaded_settings.database_url,
                "CYBERINDEX_RAW_DIR": str(loaded_settings.raw_dir),
                "PYTHONPATH": str(PROJECT_ROOT)})
    server = subprocess.Popen(
        [sys.executable, "-m", "etl.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "2"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = _get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.2)
        assert status == 200 and json.loads(body)["status"] == "ok"
        assert headers["Server"].startswith("gunicorn")
        status, headers, body = _get(f"http://127.0.0.1:{port}/compare")
        assert status == 200
        config = body.decode()
        assert '"ui":false' in config and '"props_check":false' in config  # dev tools off
        assert "Content-Security-Policy" in headers
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            output, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert output.count("Booting worker") == 2, output
