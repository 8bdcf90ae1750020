"""Settings: read from the environment, every variable documented in .env.example."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from etl.settings import DATASETS_DIR, PROJECT_ROOT, Settings


def test_every_setting_documented():
    """Each CYBERINDEX_* variable the settings read appears in .env.example."""
    documented = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    missing = [name for name in Settings.env_names() if f"{name}=" not in documented]
    assert missing == []


def test_environment_overrides(monkeypatch):
    """Variables with the CYBERINDEX_ prefix override defaults."""
    monkeypatch.setenv("CYBERINDEX_PORT", "9999")
    monkeypatch.setenv("CYBERINDEX_WATCHED_COUNTRIES", "MAR, TUN")
    settings = Settings.from_env()
    assert settings.port == 9999
    assert settings.watched_countries == ("MAR", "TUN")


SIDECARS = sorted(DATASETS_DIR.glob("*.provenance.json"))


def test_the_bundled_files_have_sidecars():
    """The check below runs once per sidecar: none found would be no check at all."""
    assert SIDECARS, f"no *.provenance.json in {DATASETS_DIR}"


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name)
def test_bundled_files_unchanged_and_cited(sidecar: Path):
    """Each bundled file matches its sidecar's SHA-256 and names publisher and URL."""
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    data = (DATASETS_DIR / meta["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == meta["sha256"]
    assert meta["publisher"] and meta["url"]
