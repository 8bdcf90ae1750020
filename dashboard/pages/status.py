"""Status: per source the last run, its age, outcome and counts, and the quarantined rows.

Source titles and quarantine reasons are English texts of the ETL's code, stored as written.
They are translated here, where they are shown (the extractor puts them in the catalogs, see
:data:`dashboard.i18n.ETL_KEYWORD_MESSAGES`): a reason is read back into its parts
(:func:`reason_parts`) and each part is said in the page's language when that can be done
faithfully; anything else is shown as stored, marked as English.
"""

from __future__ import annotations

import ast
import json
import re
import string
from datetime import timedelta
from functools import cache, lru_cache
from typing import NamedTuple

import dash
import pandas as pd
from babel.dates import format_timedelta
from dash import html

from dashboard import check_names, data, run_notes, run_reasons
from dashboard.elements import Children
from dashboard.i18n import (
    N_,
    fill,
    format_moment,
    format_number,
    format_percentage,
    normalize_lang,
    t,
    tn,
)
from dashboard.layout import (
    catalog_text,
    html_table,
    moment_element,
    notice,
    page_shell,
    scroll_region,
)
from etl import gate, schemas, store

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
    # Translators: a run whose release the publish gate held back for a person to review.
    "held": N_("held for review"),
}
COUNT_COLUMNS = (
    ("fetched", N_("Fetched")),
    ("valid", N_("Valid")),
    ("quarantined", N_("Quarantined")),
    ("inserted", N_("Inserted")),
    ("updated", N_("Updated")),
    ("unchanged", N_("Unchanged")),
    # Translators: column header: published rows a refresh deleted because the source no
    # longer gives them.
    ("removed", N_("Removed rows")),
    # Translators: column header: published rows a refresh left as they were because the row
    # that would replace them was quarantined.
    ("kept_quarantined", N_("Kept rows")),
)
# What the counts count: the source's rows, or the published values (said under the runs table:
# a GCI row gives a score and five pillars, and two press reports of one NCSI rank give one
# value, so more values than rows, or fewer, is no loss).
MSG_COUNT_UNITS = N_("Fetched, Valid and Quarantined count the rows the source gave; Inserted, "
                     "Updated and Unchanged count the values published from them. A row may "
                     "give several values (a GCI row: the score and five pillars), and rows "
                     "that report one value (two press reports of one NCSI rank) give one.")
# What the two columns above count (said under the runs table).
MSG_REMOVED_KEPT = N_("Removed rows: published rows a refresh deleted because the source no "
                      "longer gives them. Kept rows: published rows left as they were because "
                      "the row that would replace them was quarantined.")


# How etl.schemas.split_valid writes a reason: parts joined by "; ", a column check's part as
# "<column>: <check> (value <value as read>)". The frame below is that text as a message.
REASON_SEPARATOR = "; "
# Translators: between the parts of a quarantine reason (the punctuation of a semicolon).
MSG_SEPARATOR = N_("; ")
# Translators: a column check that failed: the column's name stays as written, the check is
# said on its own (our message, or pandera's check in words), the value is shown as read.
MSG_COLUMN_CHECK = N_("{column}: {check} (value {value})")
_COLUMN_HEAD = re.compile(r"(\w+): ")
_VALUE_MARK = re.compile(r" \(value ")
# pandera's own checks as it names them: isin([...]), greater_than(0), not_nullable...
_PANDERA_CHECK = re.compile(r"[a-z_]+(\(.*\))?", re.S)
# A value as read is Python's repr of it: a literal ('XXX', 150.0, None), a missing or
# infinite number, or a call of literals (Timestamp('2024-01-01 00:00:00'), np.float64(2.5)).
_VALUE_WORDS = frozenset({"nan", "NaT", "<NA>", "inf", "-inf"})
_VALUE_CALL = re.compile(r"[A-Za-z_][\w.]*\((?P<arguments>.*)\)", re.S)


class ReasonPart(NamedTuple):  # (a dataclass needs its module in sys.modules: Dash pages aren't)
    """One part of a stored quarantine reason, exactly as written (``text``), and what it is:
    ``message`` (a check of ours, the whole part), ``column`` (a column check: ``column``,
    ``check``, ``value``) or ``unknown``."""

    text: str
    kind: str
    column: str = ""
    check: str = ""
    value: str = ""


@cache
def known_messages() -> frozenset[str]:
    """The messages of the ETL's own checks (:func:`etl.schemas.check_messages`)."""
    return frozenset(schemas.check_messages())


def _is_value(text: str) -> bool:
    """``text`` reads as the repr of one value (what a column check's part quotes)."""
    call = _VALUE_CALL.fullmatch(text)
    if text in _VALUE_WORDS:
        return True
    try:
        ast.literal_eval((call["arguments"] or "None") if call else text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _read_part(text: str, messages: frozenset[str]) -> ReasonPart:
    if text in messages:
        return ReasonPart(text, "message")
    head = _COLUMN_HEAD.match(text)
    if head and text.endswith(")"):
        rest = text[head.end():-1]
        # The first " (value " after a check we know: a value as read may hold anything.
        for mark in _VALUE_MARK.finditer(rest):
            check, value = rest[:mark.start()], rest[mark.end():]
            if _is_value(value) and (check in messages or _PANDERA_CHECK.fullmatch(check)):
                return ReasonPart(text, "column", head[1], check, value)
    return ReasonPart(text, "unknown")


@lru_cache(maxsize=4096)  # a run quarantines many rows for the same few reasons
def reason_parts(reason: str, messages: frozenset[str] | None = None) -> tuple[ReasonPart, ...]:
    """A stored reason cut back into the parts split_valid joined with "; ".

    A message may itself hold "; " ("ranks are ITU's for 2014-2020 only; 2024 publishes...")
    and so may a value as read, so the cut chosen is the one with the fewest unknown parts
    (then the most parts). The parts' texts joined with "; " always give ``reason`` back.
    """
    known = known_messages() if messages is None else messages
    ends = [m.start() for m in re.finditer(re.escape(REASON_SEPARATOR), reason)] + [len(reason)]
    best: dict[int, tuple[int, int, tuple[ReasonPart, ...]]] = {}
    for start in sorted({0, *(e + len(REASON_SEPARATOR) for e in ends[:-1])}, reverse=True):
        options = []
        rest: tuple[ReasonPart, ...]
        for end in (e for e in ends if e >= start):
            part = _read_part(reason[start:end], known)
            if end == len(reason):
                unknown, count, rest = 0, 0, ()
            elif end + len(REASON_SEPARATOR) in best:
                unknown, count, rest = best[end + len(REASON_SEPARATOR)]
            else:
                continue
            options.append((unknown + (part.kind == "unknown"), count - 1, (part, *rest)))
        best[start] = min(options, key=lambda option: option[:2])
    return best[0][2]


# Translators: before the reasons the publish gate held a release for (status page).
MSG_GATE = N_("Publish gate:")
# Translators: under a source's latest run (skipped, failed...) when an earlier release of it
# is still held: {run} is that run's number, {reason} why it was held, {command} the command
# that publishes it (kept as it is).
MSG_HELD_PENDING = N_("The release held by run {run} still awaits review ({reason}); publish "
                      "it with {command}.")
# Gate fields that quote what the gate is about (ISO3 codes, indicator ids and editions): kept
# as written, as code.
_GATE_CODE_FIELDS = frozenset({"countries", "indicators", "editions"})


@cache
def _gate_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """Each publish gate part's template and the pattern reading its fields back."""
    out = []
    for template in gate.GATE_PARTS:
        pattern = ""
        for literal, name, _, _ in string.Formatter().parse(template):
            pattern += re.escape(literal) + (f"(?P<{name}>.+?)" if name else "")
        out.append((template, re.compile(pattern)))
    return tuple(out)


def _gate_part(part: str, lang: str) -> Children:
    """One part of a publish gate reason in ``lang`` (counts and shares in its numbers, the
    countries as ISO3 codes), or as stored, marked English, when it is not one we write."""
    for template, pattern in _gate_patterns():
        found = pattern.fullmatch(part)
        if found is None:
            continue
        fields: dict[str, object] = {}
        for name, value in found.groupdict().items():
            if name in _GATE_CODE_FIELDS:
                fields[name] = html.Code(value, lang="en", dir="ltr")
            elif value.endswith("%") and value[:-1].isdigit():
                fields[name] = format_percentage(int(value[:-1]), lang, 0)
            elif value.isdigit():
                fields[name] = format_number(int(value), lang, 0)
            else:
                break
        else:
            return fill(t(template, lang), template, **fields)
    return html.Span(part, lang="en", dir="ltr")


def run_reason_view(reason: object, lang: str) -> Children:
    """A run's stored reason in ``lang``: the publish gate's parts each said in it; a text the
    catalog holds (abandoned, unchanged...) translated; why a run failed or was skipped said by
    the ETL's wording for it (:func:`dashboard.run_reasons.reason_view`, details as written); a
    published run's note said part by part (:func:`dashboard.run_notes.run_note_view`);
    anything else as stored, marked English."""
    if not isinstance(reason, str):
        return ""
    if not reason.startswith(gate.GATE_PREFIX):
        said = run_reasons.reason_view(reason, lang)
        return said if said is not None else run_notes.run_note_view(reason, lang)
    out: list = [t(MSG_GATE, lang), " "]
    for n, part in enumerate(reason[len(gate.GATE_PREFIX):].split(REASON_SEPARATOR)):
        if n:
            out.append(t(MSG_SEPARATOR, lang))
        piece = _gate_part(part, lang)
        out += piece if isinstance(piece, list) else [piece]
    return html.Span(out, className="ci-reason")


def reason_view(reason: object, lang: str) -> Children:
    """A stored quarantine reason said in ``lang``: our checks' messages, pandera's checks
    (:func:`dashboard.check_names.check_view`) and the frame of a column check translated, a
    duplicated key as its values (:func:`dashboard.check_names.key_view`); the column name and
    the value as read kept as they are (code); a part not understood kept as stored, marked
    English."""
    if not isinstance(reason, str):
        return "–"
    out: list = []
    for part in reason_parts(reason):
        if out:
            out.append(t(MSG_SEPARATOR, lang))
        if part.kind == "message":
            out.append(catalog_text(part.text, lang))
        elif part.kind == "column":
            key = check_names.key_view(part.column, part.check, part.value, lang)
            out += key if key is not None else fill(
                t(MSG_COLUMN_CHECK, lang), MSG_COLUMN_CHECK,
                column=html.Code(part.column, lang="en", dir="ltr"),
                check=check_names.check_view(part.check, lang),
                value=html.Code(part.value, dir="ltr"))
        else:
            out.append(html.Span(part.text, lang="en", dir="ltr"))
    return html.Span(out, className="ci-reason")


def outcome_label(status: object, lang: str) -> str:
    label = OUTCOMES.get(str(status))
    return t(label, lang) if label else str(status)


def age_text(seconds: float | None, lang: str) -> str:
    """How long ago, in words of the locale ("3 hours")."""
    if seconds is None:
        return "–"
    return format_timedelta(timedelta(seconds=max(seconds, 0)), locale=normalize_lang(lang))


def pending_holds(engine) -> dict[str, dict]:
    """Each source's held run still awaiting review (``etl publish --force``), by source."""
    with engine.connect() as conn:
        return {h["source_id"]: h for h in store.pending_held_runs(conn)}


def held_pending_view(hold: dict, lang: str) -> html.P:
    """A held release that later runs of its source left unresolved, said under its latest run:
    which run, why it was held, and the command that publishes it."""
    command = html.Code(f"cyberindex etl publish {hold['source_id']} --force", lang="en",
                        dir="ltr")
    return html.P(fill(t(MSG_HELD_PENDING, lang), MSG_HELD_PENDING,
                       run=format_number(hold["run_id"], lang, 0),
                       reason=run_reason_view(hold["reason"], lang), command=command),
                  className="ci-held-pending")


def owed_work_view(engine, lang: str) -> list:
    """A line when committed releases still owe work (a re-check of news claims, alerts), and
    one when stored articles were read by older reading rules (:mod:`etl.news.reread`): what
    the next refresh does (``cyberindex etl status`` lists both)."""
    from etl.news.reread import articles_read_otherwise

    with engine.connect() as conn:
        owed = len(store.pending_work_rows(conn))
        older = articles_read_otherwise(conn)
    lines = []
    if owed:
        # Translators: on the status page; {count} is a number of tasks.
        lines.append(html.P(tn(
            "{count} task owed by a published release (re-checking news claims or sending "
            "alerts) is not done yet; the next refresh does it first.",
            "{count} tasks owed by published releases (re-checking news claims or sending "
            "alerts) are not done yet; the next refresh does them first.",
            owed, lang, count=format_number(owed, lang, 0)), className="ci-note ci-owed-work"))
    if older:
        # Translators: on the status page; {count} is a number of news articles stored before
        # the rules that find countries, figures and claims in a text changed.
        lines.append(html.P(tn(
            "{count} stored news article was read by older rules; the next refresh reads it "
            "again, so that its countries and claims are found as today's rules find them.",
            "{count} stored news articles were read by older rules; the next refresh reads "
            "them again, so that their countries and claims are found as today's rules find "
            "them.", older, lang, count=format_number(older, lang, 0)),
            className="ci-note ci-owed-work"))
    return lines


def _reason_cell(r: pd.Series, holds: dict[str, dict], lang: str) -> Children:
    """The latest run's reason, and an earlier held release still awaiting review, if any."""
    said = run_reason_view(r["reason"], lang)
    hold = holds.get(r["source_id"])
    if hold is None or int(hold["run_id"]) == int(r["run_id"]):
        return said
    return html.Div([said, held_pending_view(hold, lang)])


def runs_table(runs: pd.DataFrame, lang: str, holds: dict[str, dict] | None = None) -> dict:
    """One row per source: latest run, outcome, age and counts; under them, on a line of its
    own across the table, the run's reason (a failure's message), then a held release of the
    source that later runs left awaiting review (``holds``, by source). In a last column the
    reason had started off a desktop screen, beside nine columns of counts."""
    holds = holds or {}
    rows, reasons = [], []
    for _, r in runs.iterrows():
        rows.append([
            html.Span([html.Strong(r["source_id"]), html.Br(),
                       catalog_text(r["title"], lang) if isinstance(r["title"], str) else ""]),
            format_number(r["run_id"], lang, 0),
            html.Span(outcome_label(r["status"], lang), className=f"ci-outcome ci-{r['status']}"),
            moment_element(format_moment(r["finished_at"] if not pd.isna(r["finished_at"])
                                         else r["started_at"], lang)),
            age_text(r["age_seconds"], lang),
            *[format_number(r[c], lang, 0) for c, _ in COUNT_COLUMNS],
        ])
        said = isinstance(r["reason"], str) and r["reason"].strip()
        reasons.append((t("Reason", lang),
                        html.Div(_reason_cell(r, holds, lang), className="ci-reason"))
                       if said or r["source_id"] in holds else None)
    headers = [t("Source", lang), t("Run", lang), t("Outcome", lang), t("Finished", lang),
               t("Age", lang), *[t(label, lang) for _, label in COUNT_COLUMNS]]
    return html_table(headers, rows, t("Latest run of each source", lang), table_id=ID_RUNS,
                      numeric=(1, *range(5, 5 + len(COUNT_COLUMNS))), details=reasons)


def quarantine_table(rows: pd.DataFrame, lang: str) -> dict:
    """Quarantined rows with the failed check, the reason and the row as read."""
    body = []
    for _, r in rows.iterrows():
        try:
            shown = json.dumps(json.loads(r["row_json"]), ensure_ascii=False)
        except (TypeError, ValueError):
            shown = str(r["row_json"])
        body.append([
            r["source_id"], quarantine_runs_text(r, lang),
            "–" if pd.isna(r["row_number"]) else format_number(r["row_number"], lang, 0),
            html.Div(reason_view(r["reason"], lang), className="ci-reason"),
            html.Code(shown, className="ci-row-json", lang="en"),
        ])
    headers = [t("Source", lang), t("Run", lang), t("Line", lang), t("Reason", lang),
               t("Row as read", lang)]
    return html_table(headers, body, t("Rows held back by validation", lang),
                      table_id=ID_QUARANTINE, numeric=(1, 2))


def quarantine_runs_text(row: pd.Series, lang: str) -> str:
    """The latest run that read a quarantined row; the first that quarantined it too when an
    earlier run read the same snapshot (the row is stored once, revision 0010)."""
    first = int(row["run_id"])
    last = row.get("last_run_id")
    last = first if last is None or pd.isna(last) else int(last)
    if last == first:
        return format_number(first, lang, 0)
    # Translators: the Status page's quarantine table, its "Run" column: {run} is the latest
    # run that read the row, {first} the run that first quarantined it (same file read again).
    return t("{run} (first quarantined by run {first})", lang,
             run=format_number(last, lang, 0), first=format_number(first, lang, 0))


def history_table(runs: pd.DataFrame, lang: str) -> dict:
    """The latest runs of all sources."""
    rows = [[format_number(r["run_id"], lang, 0), r["source_id"],
             outcome_label(r["status"], lang), moment_element(format_moment(r["started_at"], lang)),
             format_number(r["inserted"], lang, 0), format_number(r["updated"], lang, 0),
             format_number(r["quarantined"], lang, 0), format_number(r["removed"], lang, 0),
             format_number(r["kept_quarantined"], lang, 0)]
            for _, r in runs.iterrows()]
    headers = [t("Run", lang), t("Source", lang), t("Outcome", lang), t("Started", lang),
               t("Inserted", lang), t("Updated", lang), t("Quarantined", lang),
               t("Removed rows", lang), t("Kept rows", lang)]
    return html_table(headers, rows, t("Recent runs", lang), table_id=ID_HISTORY,
                      numeric=(0, 4, 5, 6, 7, 8))


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
        content += [scroll_region(runs_table(runs, lang, pending_holds(engine)),
                                  t("Latest run of each source", lang)),
                    html.P(t(MSG_COUNT_UNITS, lang), className="ci-note"),
                    html.P(t(MSG_REMOVED_KEPT, lang), className="ci-note")]
        content += owed_work_view(engine, lang)
    content.append(html.H2(t("Quarantined rows", lang)))
    if quarantined.empty:
        content.append(notice(t("No rows were quarantined in the latest runs.", lang)))
    else:
        content.append(scroll_region(quarantine_table(quarantined, lang),
                                     t("Quarantined rows", lang)))
    history = data.recent_runs(engine)
    if not history.empty:
        content += [html.H2(t("Recent runs", lang)),
                    scroll_region(history_table(history, lang), t("Recent runs", lang))]
    return page_shell(lang, PATH, content)
