"""The work a release owes after its commit: news claims checked again, alerts delivered.

A published load owes two things once it has committed: the news claims about its index are
checked again against the new data, and its alerts are delivered. Both are written as
``pending_work`` rows in the load's transaction (:func:`record_owed_work`, called by
:func:`etl.pipeline.run_source`'s load), done right after the commit, and deleted once done; a
refresh killed in between, or a step that fails, leaves the row, which every later refresh
completes first, oldest first (:func:`complete_owed_work`). A failure is kept on the row
(attempts, last error) and never fails a refresh. Re-checking claims and deleting its row
commit together; alerts leave the process, so they are delivered at least once: each alert
carries an ``alert_id`` (its release, country and edition) for receivers to drop a repeat, and
the channels that went through are saved on the row at once, so a retry repeats only what
failed or was cut short.

Also here: the stored news read again by the current reading rules (each refresh after its
sources, and ``cyberindex news reread``), and every claim checked again (``cyberindex news
recheck``), both under the refresh lock.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from etl import alerts, locks, store
from etl.run_safety import failure_reason, fence, refresh_lock, retry_when_busy
from etl.settings import Settings

if TYPE_CHECKING:  # the pipeline imports this module
    from etl.pipeline import Published

log = logging.getLogger(__name__)


def record_owed_work(conn, source_id: str, published: Published) -> None:
    """The work a release owes after its commit, recorded in its load's transaction."""
    from etl.news.verify import SCORE_INDICATORS

    if published.release_id is None:
        return
    if source_id in SCORE_INDICATORS:
        store.add_pending_work(conn, store.RECHECK_CLAIMS, source_id, published.release_id, {})
    if published.alerts:
        raised = [{**alert, "alert_id": _alert_id(alert)} for alert in published.alerts]
        store.add_pending_work(conn, store.DELIVER_ALERTS, source_id, published.release_id,
                               {"alerts": raised, "delivered": []})


def _alert_id(alert: dict) -> str:
    """An alert's idempotency key: one alert per release, country and edition."""
    return f"{alert['source_id']}/{alert['release_id']}/{alert['iso3']}/{alert['edition']}"


# Alerts whose delivery failed this many times are no longer tried by each refresh (a webhook
# down for good would cost every refresh its retries and backoff, ~14 s an alert): the row stays,
# listed by `etl status` and the Status page, for a person to look at.
OWED_ALERT_MAX_ATTEMPTS = 5


def complete_owed_work(engine: Engine, settings: Settings, *,
                       release_id: int | None = None) -> int:
    """Do the work still owed (``release_id``'s only, when given), oldest first; the number of
    rows done. Never raises: a failure is recorded on its row for the next run. Alerts that
    failed :data:`OWED_ALERT_MAX_ATTEMPTS` times are left owed, not tried again."""
    try:
        with engine.connect() as conn:
            owed = store.pending_work_rows(conn, release_id=release_id)
    except Exception as exc:  # noqa: BLE001 - owed work never fails a refresh
        log.error("work owed after earlier loads not read: %s", failure_reason(exc))
        return 0
    done = 0
    rechecked: set[str] = set()
    for row in owed:
        if row["kind"] == store.DELIVER_ALERTS and row["attempts"] >= OWED_ALERT_MAX_ATTEMPTS:
            log.warning("alerts of release %s failed %d times: no longer tried (%s)",
                        row["release_id"], row["attempts"], row["last_error"])
            continue
        try:
            if row["kind"] == store.RECHECK_CLAIMS:
                _recheck_owed_claims(engine, row, rechecked)
            else:
                _deliver_owed_alerts(engine, row, settings)
            done += 1
        except Exception as exc:  # noqa: BLE001 - kept on the row, tried again next run
            _record_owed_failure(engine, row, failure_reason(exc))
    return done


def _recheck_owed_claims(engine: Engine, row: dict, rechecked: set[str]) -> None:
    """Check the claims about the row's index again against the data as it is now, and forget
    the row, in one transaction (a second row of the same index in one pass is only forgotten:
    the re-check already read the newest data)."""
    from etl.news import ingest

    source_id = row["source_id"]
    with engine.begin() as conn:
        articles = 0 if source_id in rechecked else ingest.recheck_claims(conn, [source_id])
        store.delete_pending_work(conn, [row["work_id"]])
    rechecked.add(source_id)
    if articles:
        log.info("claims of %d article(s) about %s checked again (release %s)", articles,
                 source_id, row["release_id"])


def recheck_every_claim(settings: Settings, engine: Engine) -> int:
    """Check every stored claim again (``cyberindex news recheck``), which completes the
    re-checks still owed: their rows (read first, so one a load commits meanwhile stays owed)
    are forgotten in the same transaction. Under the refresh lock (raises
    :class:`etl.locks.LockBusy` at once when a refresh holds it): two re-checks of one article
    at once could each delete the claims and insert their own. The number of articles
    re-checked."""
    from etl.news import ingest
    from etl.news.verify import SCORE_INDICATORS

    store.init_schema(engine)
    with refresh_lock(engine, settings) as lock, engine.begin() as conn:
        owed = [r["work_id"] for r in store.pending_work_rows(conn, kinds=[store.RECHECK_CLAIMS])]
        articles = ingest.recheck_claims(conn, sorted(SCORE_INDICATORS))
        store.delete_pending_work(conn, owed)
        fence(conn, lock)
    return articles


def reread_stored_articles(settings: Settings, engine: Engine, *,
                           everything: bool = False) -> tuple[int, int]:
    """``cyberindex news reread``: :func:`reread_articles` under the refresh lock (raises
    :class:`etl.locks.LockBusy` at once when a refresh holds it)."""
    store.init_schema(engine)
    with refresh_lock(engine, settings) as lock:
        return reread_articles(engine, lock, everything=everything)


def reread_older_articles(engine: Engine, lock: locks.Lock | None = None) -> tuple[int, int]:
    """:func:`reread_articles` in a refresh: never raises (a failure is logged, and the next
    refresh goes on from the first article not committed)."""
    try:
        return reread_articles(engine, lock)
    except Exception as exc:  # noqa: BLE001 - the articles left are read by the next refresh
        log.error("stored articles not all read again: %s", failure_reason(exc))
        return 0, 0


def reread_articles(engine: Engine, lock: locks.Lock | None = None, *,
                    everything: bool = False) -> tuple[int, int]:
    """Read again the stored articles that older reading rules read (every article when
    ``everything``; :mod:`etl.news.reread`), a committed batch at a time, with the refresh
    lock held: a batch commits only while ``lock`` is still ours, and the re-read stops when
    it is not. (articles read, articles whose findings changed)."""
    from etl.news import reread

    read = changed = after = 0
    if not everything:  # the usual refresh: none (an index lookup, not a scan of the articles)
        with engine.connect() as conn:
            if not reread.articles_read_otherwise(conn):
                return read, changed
    official = reread.official_rows(engine)  # each indicator read once for all the batches
    while lock is None or not lock.lost:
        def batch(start: int = after) -> reread.Reread:
            with engine.begin() as conn:
                done = reread.reread_batch(conn, after_id=start, limit=reread.BATCH_ARTICLES,
                                           everything=everything, official=official)
                fence(conn, lock)
                return done

        done = retry_when_busy(batch, "reading stored articles again")
        if not done.read:
            break
        read, changed, after = read + done.read, changed + done.changed, done.last_id
        log.info("%d stored article(s) read again by the current rules; %d changed", read,
                 changed)
    return read, changed


def alert_channels(settings: Settings) -> list[str]:
    """The alert channels configured now: the log always, the webhook and mail when set."""
    return ["log"] + (["webhook"] if settings.alert_webhook_url else []) + (
        ["mail"] if settings.smtp_host and settings.smtp_to else [])


def _deliver_owed_alerts(engine: Engine, row: dict, settings: Settings) -> None:
    """Deliver the row's alerts on each channel not yet delivered, saving each channel that went
    through at once; forget the row when all did, else raise saying which failed."""
    payload = row["payload"]
    raised, delivered = payload["alerts"], list(payload.get("delivered", []))
    failed = []
    for channel in (c for c in alert_channels(settings) if c not in delivered):
        report = alerts.deliver(raised, settings, channels=(channel,))
        if report[alerts.CHANNELS[channel]] < len(raised):
            failed.append(channel)
            continue
        delivered.append(channel)
        with engine.begin() as conn:
            store.save_pending_progress(conn, row["work_id"], {**payload, "delivered": delivered})
    if failed:
        raise RuntimeError(f"alerts of release {row['release_id']} not delivered by "
                           f"{', '.join(failed)} (see the log)")
    with engine.begin() as conn:
        store.delete_pending_work(conn, [row["work_id"]])
    log.info("alerts of release %s delivered: %s", row["release_id"], ", ".join(delivered))


def _record_owed_failure(engine: Engine, row: dict, error: str) -> None:
    log.error("%s of %s (release %s) failed, tried again by the next run: %s", row["kind"],
              row["source_id"], row["release_id"], error)

    def record() -> None:
        with engine.begin() as conn:
            store.record_pending_failure(conn, row["work_id"], error)

    try:
        retry_when_busy(record, "recording a failure of owed work")
    except Exception as exc:  # noqa: BLE001 - the row stays owed either way
        log.error("failure of owed work %s not recorded: %s", row["work_id"], failure_reason(exc))
