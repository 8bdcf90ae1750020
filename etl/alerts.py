"""Alerts when a watched country's tier, rank or score changes, or a new edition appears.

One alert per (source, country, edition) of a release, listing what changed. Alerts are
appended to a JSON-lines log, then POSTed to a webhook and/or mailed over SMTP when those
are configured. Delivery is retried (bounded, with exponential backoff) and logged; it runs
after the release has committed, from the ``pending_work`` row the release's load wrote (a
channel that failed is tried again by the next refresh: see :mod:`etl.owed_work`), and never
fails the refresh.
"""

from __future__ import annotations

import functools
import json
import logging
import smtplib
import time
from collections.abc import Callable, Collection
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

from etl.settings import Settings

log = logging.getLogger(__name__)


# Changelog kinds no alert is about: a provenance change leaves score, rank and tier as they were.
NOT_ALERTED = frozenset({"provenance"})


def alerts_for(diff: list[dict[str, Any]], old_keys: set[tuple], watched: tuple[str, ...], *,
               source_id: str, run_id: int, release_id: int, at: str) -> list[dict[str, Any]]:
    """The alerts a release's diff raises for watched countries (pure). A change of
    provenance alone (kind ``provenance``: same figures, another source URL, channel or
    verification) raises none and is not listed in one: alerts are about score, rank and
    tier; the public changelog lists it."""
    published = {(k[1], k[2]) for k in old_keys}  # (iso3, edition) pairs known before
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in diff:
        if row["iso3"] in watched and row["kind"] not in NOT_ALERTED:
            groups.setdefault((row["iso3"], row["edition"]), []).append(row)
    alerts = []
    for (iso3, edition), rows in sorted(groups.items()):
        events: set[str] = set()
        if (iso3, edition) not in published:
            events.add("new_edition")
        for r in rows:
            if r["kind"] != "added" or (iso3, edition) in published:
                for field, event in (("value", "score"), ("rank", "rank"), ("tier", "tier")):
                    if r[f"old_{field}"] != r[f"new_{field}"]:
                        events.add(event)
        if not events:
            continue
        alerts.append({
            "alert_at": at, "source_id": source_id, "run_id": run_id, "release_id": release_id,
            "iso3": iso3, "edition": edition, "events": sorted(events),
            "changes": rows, "text": _text(source_id, iso3, edition, sorted(events), rows),
        })
    return alerts


def _text(source_id: str, iso3: str, edition: int, events: list[str],
          rows: list[dict[str, Any]]) -> str:
    parts = []
    for r in rows:
        bits = [f"{f} {r[f'old_{f}']} -> {r[f'new_{f}']}" for f in ("value", "rank", "tier")
                if r[f"old_{f}"] != r[f"new_{f}"]]
        parts.append(f"{r['indicator_id']} {r['kind']}: " + ", ".join(bits))
    return f"{iso3} {source_id} {edition} ({', '.join(events)}): " + "; ".join(parts)


def _retry(what: str, attempt: Callable[[], None], settings: Settings,
           sleep: Callable[[float], None] = time.sleep) -> bool:
    """Call ``attempt`` up to ``alert_max_attempts`` times; True when it went through."""
    attempts = max(settings.alert_max_attempts, 1)
    for n in range(1, attempts + 1):
        try:
            attempt()
            return True
        except Exception as exc:  # noqa: BLE001 - any delivery failure is logged and retried
            log.warning("alert %s failed (attempt %d/%d): %s", what, n, attempts, exc)
            if n < attempts:
                sleep(settings.alert_backoff_seconds * 2 ** (n - 1))
    log.error("alert %s given up after %d attempts", what, attempts)
    return False


def append_log(alerts: list[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        for alert in alerts:
            handle.write(json.dumps(alert, ensure_ascii=False, default=str) + "\n")


class WebhookError(Exception):
    """A webhook POST that did not go through, said without the webhook's URL."""


def webhook_label(url: str) -> str:
    """The webhook as a log may name it: its host. The path and query of a webhook URL are
    its secret (``https://hooks.slack.com/services/T0/B0/<token>``): whoever reads the log
    could post as the dashboard."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    return f"webhook at {host}" if host else "webhook (CYBERINDEX_ALERT_WEBHOOK_URL)"


def post_webhook(alert: dict[str, Any], settings: Settings) -> None:
    url = settings.alert_webhook_url
    # requests names the whole URL in its errors ("404 Client Error: Not Found for url: ...",
    # "Max retries exceeded with url: ..."): they are said again without it.
    try:
        response = requests.post(
            url, json=alert,
            timeout=(settings.http_connect_timeout, settings.http_read_timeout),
        )
    except requests.RequestException as exc:
        raise WebhookError(f"{webhook_label(url)}: {type(exc).__name__}") from None
    if response.status_code >= 400:
        raise WebhookError(f"{webhook_label(url)}: HTTP {response.status_code} "
                           f"{response.reason or ''}".rstrip())


def send_mail(alerts: list[dict[str, Any]], settings: Settings) -> None:
    message = EmailMessage()
    message["Subject"] = f"cyberindex: {len(alerts)} change(s) for watched countries"
    message["From"] = settings.smtp_from or "cyberindex@localhost"
    message["To"] = ", ".join(settings.smtp_to)
    message.set_content("\n".join(a["text"] for a in alerts) + "\n")
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port,
                      timeout=settings.http_read_timeout) as smtp:
        smtp.send_message(message)


# The delivery channels, and the count of ``deliver``'s report that says each went through.
CHANNELS = {"log": "logged", "webhook": "posted", "mail": "mailed"}


def deliver(alerts: list[dict[str, Any]], settings: Settings,
            channels: Collection[str] = tuple(CHANNELS)) -> dict[str, int]:
    """Log, POST and mail ``alerts`` (only on ``channels``: a retry skips those that went
    through); counts of what went through. Never raises."""
    report = {"alerts": len(alerts), "logged": 0, "posted": 0, "mailed": 0}
    if not alerts:
        return report
    if "log" in channels:
        try:
            append_log(alerts, settings.alerts_log)
            report["logged"] = len(alerts)
        except OSError as exc:
            log.error("cannot append alerts to %s: %s", settings.alerts_log, exc)
    if settings.alert_webhook_url and "webhook" in channels:
        for alert in alerts:
            if _retry("webhook", functools.partial(post_webhook, alert, settings), settings):
                report["posted"] += 1
    if settings.smtp_host and settings.smtp_to and "mail" in channels:
        if _retry("mail", lambda: send_mail(alerts, settings), settings):
            report["mailed"] = len(alerts)
    return report
