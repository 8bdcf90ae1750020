"""One typed settings object, read from the environment (prefix ``CYBERINDEX_``).

Every variable is documented in ``.env.example``; a test checks that the two agree. A value
that cannot be what its variable needs (a number that is not one, an unknown time zone) is a
:class:`SettingsError` naming the variable, the value and what is expected, in one line.
"""

from __future__ import annotations

import math
import os
import re
import zoneinfo
from dataclasses import dataclass, field, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATASETS_DIR = PROJECT_ROOT / "datasets"


class SettingsError(ValueError):
    """A ``CYBERINDEX_*`` variable whose value cannot be used; the message says which, the
    value, and what is expected."""


def _env(name: str, default: str) -> str:
    return os.environ.get(f"CYBERINDEX_{name}", default)


def _env_number(name: str, default: float | int, kind: type[float] | type[int]) -> float | int:
    raw = _env(name, str(default))
    try:
        return kind(raw.strip())
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise SettingsError(f"CYBERINDEX_{name}={raw!r}: expected {what}, e.g. {default}; "
                            "fix or unset the variable") from None


def _env_float(name: str, default: float, low: float | None = None, high: float | None = None,
               *, above: bool = False) -> float:
    """A finite number, refused outside ``low``..``high`` (a value no one can mean: a time-out
    of 0 s, a lease of -5 s, a share of 1.5), never clamped into it; ``above``: ``low`` itself
    refused too (a time-out must be more than 0). NaN and infinity are refused whatever the
    bounds: a comparison with NaN is always false, so it would pass every check after."""
    value = float(_env_number(name, default, float))
    too_low = low is not None and (value <= low if above else value < low)
    if not math.isfinite(value) or too_low or (high is not None and value > high):
        if low is not None and high is not None:
            bounds = (f"a number above {low:g} and at most {high:g}" if above
                      else f"a number from {low:g} to {high:g}")
        elif low is not None:
            bounds = f"a finite number {'above' if above else 'of at least'} {low:g}"
        elif high is not None:
            bounds = f"a finite number of at most {high:g}"
        else:
            bounds = "a finite number"
        raise SettingsError(f"CYBERINDEX_{name}={_env(name, str(default))!r}: expected "
                            f"{bounds}, e.g. {default:g}; fix or unset the variable")
    return value


def _env_int(name: str, default: int, low: int | None = None, high: int | None = None) -> int:
    """A whole number, refused outside ``low``..``high`` (a value no one can mean: 0 workers,
    port 70000), never clamped into it."""
    value = int(_env_number(name, default, int))
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise SettingsError(f"CYBERINDEX_{name}={_env(name, str(default))!r}: expected a whole "
                            f"number {bounds}, e.g. {default}; fix or unset the variable")
    return value


def _env_timezone(name: str, default: str) -> str:
    raw = _env(name, default).strip()
    try:
        zoneinfo.ZoneInfo(raw)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"CYBERINDEX_{name}={raw!r}: not a known time zone; give an IANA "
                            "name such as UTC, Africa/Casablanca or Asia/Muscat") from None
    return raw


def _env_list(name: str, default: str) -> tuple[str, ...]:
    raw = _env(name, default)
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _env_live_sources(name: str, default: str) -> tuple[str, ...]:
    """The sources named, each one the registry knows: a misspelt name (``itu_gcii``) would
    otherwise be ignored, and the operator believe a source live that never runs."""
    names = _env_list(name, default)
    if not names:
        return names
    from etl.sources import SOURCES  # here: the source modules import this one

    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        live = sorted(i for i, m in SOURCES.items() if m.INFO.kind == "live")
        raise SettingsError(f"CYBERINDEX_{name}={_env(name, default)!r}: unknown source "
                            f"{', '.join(unknown)}; the live sources are {', '.join(live)}; "
                            "fix or unset the variable")
    return names


_TRUE_WORDS = ("1", "true", "yes", "on")
_FALSE_WORDS = ("0", "false", "no", "off")


def _env_bool(name: str, default: bool) -> bool:
    """On or off, in any case; empty is the default, as unset. Another word (``maybe``,
    ``ture``) is refused: read as off, a misspelt ``CYBERINDEX_COOKIE_SECURE`` would serve the
    session cookie over HTTP with no word said."""
    raw = _env(name, "")
    word = raw.strip().lower()
    if word in _TRUE_WORDS or word in _FALSE_WORDS:
        return word in _TRUE_WORDS
    if not word:
        return default
    raise SettingsError(f"CYBERINDEX_{name}={raw!r}: expected on ({', '.join(_TRUE_WORDS)}) or "
                        f"off ({', '.join(_FALSE_WORDS)}), in any case; fix or unset the variable")


def _env_worldbank_dates(name: str, default: str) -> str:
    """The World Bank API's ``date``: a year or a range of years, first to last (``2020``,
    ``1990:2025``). Its month and quarter forms (``2020M01``, ``2020Q1``) are left out: the
    indicators read are yearly and a row's year is its edition."""
    raw = _env(name, default)
    match = re.fullmatch(r"(\d{4})(?::(\d{4}))?", raw.strip())
    if not match or int(match[1]) > int(match[2] or match[1]):
        raise SettingsError(f"CYBERINDEX_{name}={raw!r}: expected a year or a range of years, "
                            f"first to last (YYYY or YYYY:YYYY), e.g. {default}; fix or unset "
                            "the variable")
    return raw.strip()


RATE_PERIODS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0}
_RATE_OFF = ("", "0", "none", "off")


def parse_rate(text: str) -> tuple[int, float] | None:
    """``"120/minute"`` to ``(120, 60.0)``, ``"10/5minutes"`` to ``(10, 300.0)``; empty, ``0``,
    ``none`` or ``off`` means no limit (None). Anything else is a :class:`SettingsError`
    naming ``CYBERINDEX_RATE_LIMIT`` (checked when the settings are read, so no command starts
    with a limit it cannot apply)."""
    word = text.strip().lower()
    if word in _RATE_OFF:
        return None
    match = re.fullmatch(r"(\d+)\s*/\s*(\d*)\s*(second|minute|hour|day)s?", word)
    if not match or int(match[1]) < 1 or (match[2] and int(match[2]) < 1):
        raise SettingsError(f"CYBERINDEX_RATE_LIMIT={text!r}: expected N/second, N/minute, "
                            "N/hour or N/day with N at least 1 (e.g. 120/minute), or off for "
                            "no limit; fix or unset the variable")
    count, multiple, unit = int(match[1]), match[2], match[3]
    return count, RATE_PERIODS[unit] * (int(multiple) if multiple else 1)


def _env_rate(name: str, default: str) -> str:
    raw = _env(name, default)
    parse_rate(raw)
    return raw.strip()


def parse_year_urls(raw: str) -> tuple[tuple[int, str], ...]:
    """``"2022=https://a/EGOV_DATA_2022.csv,2024=https://b"`` to ``((2022, url), (2024, url))``."""
    pairs = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        year, sep, url = part.partition("=")
        if not sep or not year.strip().isdigit() or not url.strip():
            raise SettingsError(f"CYBERINDEX_EGDI_URLS: expected year=url, got {part!r}")
        pairs.append((int(year), url.strip()))
    return tuple(sorted(pairs))


@dataclass(frozen=True)
class Settings:
    """Runtime configuration; build with :meth:`from_env` and pass explicitly."""

    # It may hold a password (postgresql://user:password@host/db): never in repr (a traceback's
    # locals, a debug print); the CLI names a database by etl.store.database_label.
    database_url: str = field(default=f"sqlite:///{PROJECT_ROOT / 'var' / 'cyberindex.db'}",
                              repr=False)
    raw_dir: Path = PROJECT_ROOT / "var" / "raw"
    datasets_dir: Path = DATASETS_DIR
    host: str = "127.0.0.1"
    port: int = 8050
    watched_countries: tuple[str, ...] = ("MAR", "OMN")
    http_connect_timeout: float = 5.0
    http_read_timeout: float = 30.0
    # Overall deadline of one HTTP attempt, body included (the read time-out is per wait for
    # bytes, so a server sending a byte at a time never trips it).
    http_total_timeout: float = 300.0
    http_max_attempts: int = 4
    # Live (network) sources run by `etl run --all` only when listed here; bundled ones always run.
    live_sources: tuple[str, ...] = ()
    worldbank_api_url: str = "https://api.worldbank.org/v2"
    worldbank_date_range: str = "1990:2025"
    # UN EGDI data files by survey year: ((2022, "https://.../EGOV_DATA_2022.csv"), ...).
    egdi_urls: tuple[tuple[int, str], ...] = ()
    # News (issue 5). RSS/Atom feeds read by news_rss (comma-separated URLs; empty: skipped);
    # fetch each article's page for its full text (trafilatura) instead of the feed summary.
    news_feeds: tuple[str, ...] = ()
    news_fetch_pages: bool = False
    # A folder of article files (.json, .txt, .html) loaded by news_files (offline, bundled).
    news_files_dir: Path = DATASETS_DIR / "news_samples"
    # GDELT DOC 2.0 API (gdelt_doc, live): query, countries (ISO3; FIPS codes come from the
    # countries table), time span, and the spacing GDELT asks for between two requests.
    gdelt_api_url: str = "https://api.gdeltproject.org/api/v2/doc/doc"
    gdelt_query: str = '(cybersecurity OR cyberattack OR "cyber security" OR cybersécurité)'
    gdelt_countries: tuple[str, ...] = ("MAR", "OMN")
    gdelt_timespan: str = "3m"
    gdelt_min_interval: float = 5.0
    # Scheduled refreshes: "source=cron;source=cron" (5-field crontab); sources not named use
    # ``schedule_default``. Times are in ``schedule_timezone``.
    schedule: str = ""
    schedule_default: str = "0 3 * * 1"
    schedule_timezone: str = "UTC"
    # The refresh lock: a holder that has not renewed its lease for this long is stale.
    lock_lease_seconds: float = 900.0
    # "table" (a row in ``locks``, any engine) or "advisory" (PostgreSQL advisory lock: freed by
    # the server when the holder's connection ends, so a killed refresh leaves nothing stale).
    lock_backend: str = "table"
    # Publish gate: hold a release with fewer rows than this share of the published ones,
    # or with more than this share of its rows quarantined.
    publish_min_row_ratio: float = 0.8
    publish_max_quarantine_ratio: float = 0.05
    # Alerts on watched countries: a JSON-lines log, and optionally a webhook and e-mail.
    alerts_log: Path = PROJECT_ROOT / "var" / "alerts.jsonl"
    # Its path is a secret (a token): never shown (repr=False), never logged (etl.alerts).
    alert_webhook_url: str = field(default="", repr=False)
    alert_max_attempts: int = 4
    alert_backoff_seconds: float = 2.0
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = ""
    smtp_to: tuple[str, ...] = ()
    # Serving (issue 9): gunicorn workers; behind a reverse proxy, trust its X-Forwarded-* headers.
    workers: int = 2
    trust_proxy: bool = False
    # The names the site answers to (the Host header, or X-Forwarded-Host behind a trusted
    # proxy): another is a 400, so no link the API writes names a client's host. A leading dot
    # takes every subdomain; the loopback names (health checks) are always accepted. Empty: any.
    allowed_hosts: tuple[str, ...] = ()
    # Authentication: none, password (users in the database) or header (set by a trusted proxy).
    auth: str = "none"
    auth_header: str = "X-Forwarded-User"
    auth_role_header: str = "X-Forwarded-Role"
    # Signs the session cookie; from the environment only, never shown (repr=False).
    secret_key: str = field(default="", repr=False)
    cookie_secure: bool = False
    # Per client, on the API, downloads and login: "N/second|minute|hour|day"; empty = no limit.
    rate_limit: str = "120/minute"
    max_request_bytes: int = 1_000_000

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``CYBERINDEX_*`` variables, then explicit overrides."""
        base = cls()
        values: dict[str, object] = {
            "database_url": _env("DATABASE_URL", base.database_url),
            "raw_dir": Path(_env("RAW_DIR", str(base.raw_dir))),
            "datasets_dir": Path(_env("DATASETS_DIR", str(base.datasets_dir))),
            "host": _env("HOST", base.host),
            "port": _env_int("PORT", base.port, 1, 65535),
            "watched_countries": _env_list("WATCHED_COUNTRIES", ",".join(base.watched_countries)),
            "http_connect_timeout": _env_float("HTTP_CONNECT_TIMEOUT", base.http_connect_timeout,
                                               0, above=True),
            "http_read_timeout": _env_float("HTTP_READ_TIMEOUT", base.http_read_timeout, 0,
                                            above=True),
            "http_total_timeout": _env_float("HTTP_TOTAL_TIMEOUT", base.http_total_timeout, 0,
                                             above=True),
            "http_max_attempts": _env_int("HTTP_MAX_ATTEMPTS", base.http_max_attempts, 1),
            "live_sources": _env_live_sources("LIVE_SOURCES", ",".join(base.live_sources)),
            "worldbank_api_url": _env("WORLDBANK_API_URL", base.worldbank_api_url).rstrip("/"),
            "worldbank_date_range": _env_worldbank_dates("WORLDBANK_DATE_RANGE",
                                                         base.worldbank_date_range),
            "egdi_urls": parse_year_urls(_env("EGDI_URLS", "")),
            "news_feeds": _env_list("NEWS_FEEDS", ",".join(base.news_feeds)),
            "news_fetch_pages": _env_bool("NEWS_FETCH_PAGES", base.news_fetch_pages),
            "news_files_dir": Path(_env("NEWS_FILES_DIR", str(base.news_files_dir))),
            "gdelt_api_url": _env("GDELT_API_URL", base.gdelt_api_url),
            "gdelt_query": _env("GDELT_QUERY", base.gdelt_query),
            "gdelt_countries": _env_list("GDELT_COUNTRIES", ",".join(base.gdelt_countries)),
            "gdelt_timespan": _env("GDELT_TIMESPAN", base.gdelt_timespan),
            "gdelt_min_interval": _env_float("GDELT_MIN_INTERVAL", base.gdelt_min_interval, 0),
            "schedule": _env("SCHEDULE", base.schedule),
            "schedule_default": _env("SCHEDULE_DEFAULT", base.schedule_default),
            "schedule_timezone": _env_timezone("SCHEDULE_TIMEZONE", base.schedule_timezone),
            "lock_lease_seconds": _env_float("LOCK_LEASE_SECONDS", base.lock_lease_seconds, 0,
                                             above=True),
            "lock_backend": _env("LOCK_BACKEND", base.lock_backend).strip().lower(),
            "publish_min_row_ratio": _env_float("PUBLISH_MIN_ROW_RATIO",
                                                base.publish_min_row_ratio, 0, 1),
            "publish_max_quarantine_ratio": _env_float("PUBLISH_MAX_QUARANTINE_RATIO",
                                                       base.publish_max_quarantine_ratio, 0, 1),
            "alerts_log": Path(_env("ALERTS_LOG", str(base.alerts_log))),
            "alert_webhook_url": _env("ALERT_WEBHOOK_URL", base.alert_webhook_url),
            "alert_max_attempts": _env_int("ALERT_MAX_ATTEMPTS", base.alert_max_attempts, 1),
            "alert_backoff_seconds": _env_float("ALERT_BACKOFF_SECONDS",
                                                base.alert_backoff_seconds, 0),
            "smtp_host": _env("SMTP_HOST", base.smtp_host),
            "smtp_port": _env_int("SMTP_PORT", base.smtp_port, 1, 65535),
            "smtp_from": _env("SMTP_FROM", base.smtp_from),
            "smtp_to": _env_list("SMTP_TO", ",".join(base.smtp_to)),
            "workers": _env_int("WORKERS", base.workers, 1),
            "trust_proxy": _env_bool("TRUST_PROXY", base.trust_proxy),
            "allowed_hosts": _env_list("ALLOWED_HOSTS", ",".join(base.allowed_hosts)),
            "auth": _env("AUTH", base.auth).strip().lower(),
            "auth_header": _env("AUTH_HEADER", base.auth_header),
            "auth_role_header": _env("AUTH_ROLE_HEADER", base.auth_role_header),
            "secret_key": _env("SECRET_KEY", ""),
            "cookie_secure": _env_bool("COOKIE_SECURE", base.cookie_secure),
            "rate_limit": _env_rate("RATE_LIMIT", base.rate_limit),
            "max_request_bytes": _env_int("MAX_REQUEST_BYTES", base.max_request_bytes, 1),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def runs_unnamed(self, source_id: str, kind: str) -> bool:
        """Whether a source runs when no source is named (``etl run --all``, the scheduler).

        Bundled sources always do; live ones fetch from the internet, so only when the operator
        listed them in ``live_sources``. The one rule both callers share, so what the scheduler
        refreshes is what ``etl run --all`` refreshes.
        """
        return kind != "live" or source_id in self.live_sources

    @classmethod
    def env_names(cls) -> list[str]:
        """Names of the environment variables this object reads."""
        return [f"CYBERINDEX_{f.name.upper()}" for f in fields(cls)]
