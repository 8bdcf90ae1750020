"""One typed settings object, read from the environment (prefix ``CYBERINDEX_``).

Every variable is documented in ``.env.example``; a test checks that the two agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATASETS_DIR = PROJECT_ROOT / "datasets"


def _env(name: str, default: str) -> str:
    return os.environ.get(f"CYBERINDEX_{name}", default)


def _env_list(name: str, default: str) -> tuple[str, ...]:
    raw = _env(name, default)
    return tuple(part.strip() for part in raw.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    """Runtime configuration; build with :meth:`from_env` and pass explicitly."""

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'cyberindex.db'}"
    raw_dir: Path = PROJECT_ROOT / "var" / "raw"
    datasets_dir: Path = DATASETS_DIR
    host: str = "127.0.0.1"
    port: int = 8050
    watched_countries: tuple[str, ...] = ("MAR", "OMN")
    http_connect_timeout: float = 5.0
    http_read_timeout: float = 30.0
    http_max_attempts: int = 4

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``CYBERINDEX_*`` variables, then explicit overrides."""
        base = cls()
        values: dict[str, object] = {
            "database_url": _env("DATABASE_URL", base.database_url),
            "raw_dir": Path(_env("RAW_DIR", str(base.raw_dir))),
            "datasets_dir": Path(_env("DATASETS_DIR", str(base.datasets_dir))),
            "host": _env("HOST", base.host),
            "port": int(_env("PORT", str(base.port))),
            "watched_countries": _env_list("WATCHED_COUNTRIES", ",".join(base.watched_countries)),
            "http_connect_timeout": float(
                _env("HTTP_CONNECT_TIMEOUT", str(base.http_connect_timeout))
            ),
            "http_read_timeout": float(_env("HTTP_READ_TIMEOUT", str(base.http_read_timeout))),
            "http_max_attempts": int(_env("HTTP_MAX_ATTEMPTS", str(base.http_max_attempts))),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    @classmethod
    def env_names(cls) -> list[str]:
        """Names of the environment variables this object reads."""
        return [f"CYBERINDEX_{f.name.upper()}" for f in fields(cls)]
