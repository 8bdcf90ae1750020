"""Status: per source the last run, its age, outcome and counts, and the quarantined rows."""

from __future__ import annotations

import json
from datetime import timedelta

import dash
import pandas as pd
from babel.dates import format_datetime, format_timedelta
from dash import html

from dashboard import data
from dashboard.i18n import N_, format_number, normalize_lang, t
from dashboard.layout import html_table, notice, page_shell

dash.register_page(__name__, path="/status", name="Status", order=90, title="cyberindex",
                   nav_label=N_("Data status"))

PATH = "/status"
ID_RUNS = "status-runs"
ID_QUARANTINE = "status-quarantine"
ID_HISTORY = "status-history"

OUTCOMES = {
    "succeeded": N_("succeeded"),
    "failed": N_("failed"),
    "running": N_("running"),
    "skipped": N_("skipped"),
    "unchanged": N_("unchanged"),
}
COUNT_COLUMNS = (
    ("fetched", N_("Fetched")),
    ("valid", N_("Valid")),
    ("quarantined", N_("Quarantined")),
    ("inserted", N_("Inserted")),
    ("updated", N_("Updated")),
    ("unchanged", N_("Unchanged")),
)


def outcome_label(status: object, lang: str) -> str:
    label = OUTCOMES.get(str(status))
    return t(label, lang) if label else str(status)


def when(moment: object, lang: str) -> str:
    """A run time in the locale's medium format (UTC)."""
    if moment is None or pd.isna(moment):
        return "–"
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return format_datetime(stamp.to_pydatetime(), "medium", tzinfo=stamp.tzinfo,
                           locale=normalize_lang(lang)) + " UTC"


def age_text(seconds: float | None, lang: str) -> str:
    """How long ago, in words of the locale ("3 hours")."""
    if seconds is None:
        return "–"
    return format_timedelta(timedelta(seconds=max(seconds, 0)), locale=normalize_lang(lang))


def runs_table(runs: pd.DataFrame, lang: str) -> dict:
    """One row per source: latest run, outcome, age and counts."""
    rows = []
    for _, r in runs.iterrows():
        rows.append([
            html.Span([html.Strong(r["source_id"]), html.Br(),
                       html.Span(str(r["title"] or ""), lang="en")]),
            format_number(r["run_id"], lang, 0),
            html.Span(outcome_label(r["status"], lang), className=f"ci-outcome ci-{r['status']}"),
            when(r["finished_at"] if not pd.isna(r["finished_at"]) else r["started_at"], lang),
            age_text(r["age_seconds"], lang),
            *[format_number(r[c], lang, 0) for c, _ in COUNT_COLUMNS],
            html.Span(str(r["reason"]), lang="en") if isinstance(r["reason"], str) else "",
        ])
    headers = [t("Source", lang), t("Run", lang), t("Outcome", lang), t("Finished", lang),
               t("Age", lang), *[t(label, lang) for _, label in COUNT_COLUMNS], t("Reason", lang)]
    return html_table(headers, rows, t("Latest run of each source", lang), table_id=ID_RUNS,
                      numeric=range(5, 11))


def quarantine_table(rows: pd.DataFrame, lang: str) -> dict:
    """Quarantined rows with the failed check, the reason and the row as read."""
    body = []
    for _, r in rows.iterrows():
        try:
            shown = json.dumps(json.loads(r["row_json"]), ensure_ascii=False)
        except (TypeError, ValueError):
            shown = str(r["row_json"])
        body.append([
            r["source_id"], format_number(r["run_id"], lang, 0),
            "–" if pd.isna(r["row_number"]) else format_number(r["row_number"], lang, 0),
            html.Span(str(r["reason"]), lang="en"),
            html.Code(shown, className="ci-row-json", lang="en"),
        ])
    headers = [t("Source", lang), t("Run", lang), t("Line", lang), t("Reason", lang),
               t("Row as read", lang)]
    return html_table(headers, body, t("Rows held back by validation", lang),
                      table_id=ID_QUARANTINE, numeric=(1, 2))


def history_table(runs: pd.DataFrame, lang: str) -> dict:
    """The latest runs of all sources."""
    rows = [[format_number(r["run_id"], lang, 0), r["source_id"],
             outcome_label(r["status"], lang), when(r["started_at"], lang),
             format_number(r["inserted"], lang, 0), format_number(r["updated"], lang, 0),
             format_number(r["quarantined"], lang, 0)]
            for _, r in runs.iterrows()]
    headers = [t("Run", lang), t("Source", lang), t("Outcome", lang), t("Started", lang),
               t("Inserted", lang), t("Updated", lang), t("Quarantined", lang)]
    return html_table(headers, rows, t("Recent runs", lang), table_id=ID_HISTORY,
                      numeric=(0, 4, 5, 6))


def layout(lang: str = "en", **_query: object) -> html.Div:
    """The status page in ``lang``."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    runs = data.source_status(engine)
    quarantined = data.quarantined_rows(engine)
    content: list = [
        html.H1(t("Data status", lang)),
        html.P(t("Each source is gathered, validated and loaded in one transaction; rows that "
                 "fail validation are kept aside with the reason, never dropped silently.",
                 lang), className="ci-lede"),
        html.H2(t("Sources", lang)),
    ]
    if runs.empty:
        content.append(notice(t("No runs yet: run “cyberindex etl run”.", lang)))
    else:
        content.append(html.Div(runs_table(runs, lang), className="ci-table-scroll"))
    content.append(html.H2(t("Quarantined rows", lang)))
    if quarantined.empty:
        content.append(notice(t("No rows were quarantined in the latest runs.", lang)))
    else:
        content.append(html.Div(quarantine_table(quarantined, lang), className="ci-table-scroll"))
    history = data.recent_runs(engine)
    if not history.empty:
        content += [html.H2(t("Recent runs", lang)),
                    html.Div(history_table(history, lang), className="ci-table-scroll")]
    return page_shell(lang, PATH, content)
