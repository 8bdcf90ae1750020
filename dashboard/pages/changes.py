"""What changed: the public changelog of every refresh, latest first.

Each row is one value a release added, changed, re-sourced or removed: indicator, country
(CLDR name in the page language), edition, old → new value and rank or tier, where the value
was read (a re-sourced value, "source changed", kept its figures and changed its source links,
channel or verification: the cell says which, old → new), the raw snapshot it came from (short
hash, full hash in the title; old → new where the row has an old side) and the release and run
that published it. Below them, the
cited statements (INTERPOL findings, NCSI snapshots) and per-source values (the GCI evidence:
who printed which value) releases added, changed or removed, with their text or value before
and after and their citation; the releases above count both. The page opens
on the watched countries (Morocco and Oman by default); ``country=`` (empty) is every country.
Filters by country, indicator, kind and date live in the URL (``?v=1&country=MAR&indicator=
itu_gci.overall&since=2025-01-01``, only what differs from the defaults, see
:mod:`dashboard.url_state`); changing a filter pushes a history entry without reloading, so Back
returns to the previous filter. A value the page does not know is left out with a notice. The
date field is a picker reading in the page's language (:mod:`dashboard.date_pickers`), its value
an ISO date.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast
from urllib.parse import parse_qsl, urlencode

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html
from dash.exceptions import MissingCallbackContextException, PreventUpdate
from sqlalchemy.engine import Engine

from dashboard import data, provenance, security, url_state
from dashboard.date_pickers import single_date_picker
from dashboard.downloads import list_download_links
from dashboard.elements import Children, aria_attrs
from dashboard.i18n import (
    N_,
    fill,
    format_moment,
    format_number,
    localize_numbers,
    normalize_lang,
    t,
    text_direction,
    tn,
)
from dashboard.layout import (
    catalog_text,
    channel_text,
    dropdown_labels,
    href,
    html_table,
    link_list,
    moment_element,
    notice,
    page_shell,
    verification_text,
)
from dashboard.statement_texts import (
    NCSI_SOURCE,
    changed_statement,
    read_values,
    statement_element,
    values_text,
)
from etl import changelog_export, collation
from etl.changes import PROVENANCE_FIELDS
from etl.sources.itu_gci_evidence import own_field

dash.register_page(__name__, path="/changes", name="What changed", order=70,
                   title="cyberindex", nav_label=N_("What changed"))

PATH = "/changes"
PREFIX = "changes"
ID_URL = "changes-url"
ID_LANG = "changes-lang"
ID_COUNTRIES = "changes-countries"
ID_INDICATOR = "changes-indicator"
ID_KINDS = "changes-kinds"
ID_SINCE = "changes-since"
ID_NOTICES = "changes-notices"
ID_SUMMARY = "changes-summary"
ID_TABLE = "changes-table"
SHOWN_ROWS = 50  # the latest rows shown; the filters narrow the rest
SHOWN_RELEASES = 20  # the latest releases summarised above them
ID_RELEASES = "changes-releases"
ID_CITED = "changes-cited"  # the table of cited statements and per-source values
HASH_SHOWN = 12
# The columns the releases summary reads, from the values' and the statements' rows alike.
RELEASE_COLUMNS = ["release_id", "kind", "source_id", "run_id", "changed_at"]
# Translators: the Country cell of a changed statement about a whole region (an INTERPOL
# finding about Africa), not about one country.
MSG_REGION = N_("Region (no single country)")
# The words of each kind of change: a value's or a statement's, and a value whose figures
# stayed the same but whose source links, channel or verification changed (values only).
KIND_LABELS: dict[str, str] = {
    "added": N_("added"),
    "changed": N_("changed"),
    # Translators: a kind of change on the What changed page, beside "added", "changed" and
    # "removed" (lower case; capitalised as a column heading): the same value, now read from
    # another document or channel, or verified otherwise.
    "provenance": N_("source changed"),
    "removed": N_("removed"),
}
# The kinds the page lists, counts and filters by: the changelog's own (the API's and the
# downloads'), in its order. A kind without words yet is still listed, by its id (a test asks
# for its words).
CHANGE_KINDS: dict[str, str] = {kind: KIND_LABELS.get(kind, kind)
                                for kind in changelog_export.KINDS}
# What the kinds checklist may send (checked by dashboard.security before the callback runs).
security.register_input_rule(f"{ID_KINDS}.value", security.choice(CHANGE_KINDS, many=True))
# What a provenance cell says changed, old → new, beside the source links.
# Translators: What changed page: a value's verification status before and after ("single
# source → verified in two or more sources").
MSG_VERIFICATION = N_("Verification: {change}")
# Translators: What changed page: how a value was read before and after ("SSPI transcription →
# press or official release").
MSG_CHANNEL = N_("Channel: {change}")
# Translators: What changed page: the links a value was read from before its source changed;
# {links} are the links.
MSG_LINKS_BEFORE = N_("Links before: {links}")
# Translators: What changed page: the links a value is read from since its source changed;
# {links} are the links.
MSG_LINKS_AFTER = N_("Links after: {links}")


# ---------------------------------------------------------------- view pieces (plain functions)


def _arrow(old: object, new: object, lang: str, digits: int = 3) -> str:
    """Old, an arrow the way the text reads (← in Arabic: old on the right), new."""
    arrow = "←" if text_direction(lang) == "rtl" else "→"
    return f"{format_number(old, lang, digits)} {arrow} {format_number(new, lang, digits)}"


def value_change(row: pd.Series, lang: str) -> str:
    """``old → new`` (– for the side that does not exist)."""
    return _arrow(row["old_value"], row["new_value"], lang)


def rank_tier_change(row: pd.Series, lang: str) -> str:
    """``Rank 50 → 49`` and/or ``Tier 1 → 2``; "" when neither was ever given."""
    parts = []
    if not (pd.isna(row["old_rank"]) and pd.isna(row["new_rank"])):
        parts.append(t("Rank {change}", lang, change=_arrow(row["old_rank"], row["new_rank"],
                                                             lang, 0)))
    if not (pd.isna(row["old_tier"]) and pd.isna(row["new_tier"])):
        parts.append(t("Tier {change}", lang, change=_arrow(row["old_tier"], row["new_tier"],
                                                             lang, 0)))
    return "; ".join(parts)


def kind_label(kind: object, lang: str) -> str:
    label = CHANGE_KINDS.get(str(kind))
    return t(label, lang) if label else str(kind)


def _side(row: pd.Series, side: str) -> dict[str, str | None]:
    """One side (``old``, ``new``) of a changelog row's provenance (missing: None)."""
    out: dict[str, str | None] = {}
    for field in PROVENANCE_FIELDS:
        value = row.get(f"{side}_{field}")
        out[field] = value if isinstance(value, str) and value.strip() else None
    return out


def _links(urls: list[str]) -> html.Span | str:
    return html.Span(link_list(urls)) if urls else "–"


def provenance_change(row: pd.Series, lang: str) -> object:
    """Where a changelog row's value was read: an added value's links, a removed one's; for a
    changed or re-sourced value what differs, old → new (verification, channel, the links
    before and after), else its links; "–" when the row holds none (rows written before the
    changelog kept provenance)."""
    old, new = _side(row, "old"), _side(row, "new")
    if row["kind"] in ("added", "removed"):
        return _links(data.split_urls((new if row["kind"] == "added" else old)["source_url"]))
    arrow = "←" if text_direction(lang) == "rtl" else "→"
    lines: list = []
    if old["verification"] != new["verification"]:
        before, after = (verification_text(v, lang) if v else "–"
                         for v in (old["verification"], new["verification"]))
        change = f"{before} {arrow} {after}"
        lines.append(html.Div(t(MSG_VERIFICATION, lang, change=change)))
    if old["channel"] != new["channel"]:
        before, after = (channel_text(v, lang) for v in (old["channel"], new["channel"]))
        change = f"{before} {arrow} {after}"
        lines.append(html.Div(t(MSG_CHANNEL, lang, change=change)))
    urls = {side: data.split_urls(values["source_url"]) for side, values in (("old", old),
                                                                               ("new", new))}
    if urls["old"] != urls["new"]:
        for side, msgid in (("old", MSG_LINKS_BEFORE), ("new", MSG_LINKS_AFTER)):
            lines.append(html.Div(fill(t(msgid, lang, links="{links}"), msgid,
                                       links=_links(urls[side]))))
    elif urls["new"]:
        lines.append(html.Div(_links(urls["new"])))
    return html.Div(lines, className="ci-provenance-change") if lines else "–"


def release_cell(row, lang: str) -> str:
    """"Release 4 (run 12)": the release a change was published in, and its run."""
    return t("Release {release} (run {run})", lang,
             release=format_number(row["release_id"], lang, 0),
             run=format_number(row["run_id"], lang, 0))


def snapshot_cell(sha256: object) -> html.Code | str:
    """The snapshot hash, short, with the full hash in the title and for screen readers."""
    if not isinstance(sha256, str) or not sha256:
        return "–"
    return html.Code(sha256[:HASH_SHOWN], title=sha256, className="ci-hash",
                     **aria_attrs(label=sha256))


def snapshots_cell(row: pd.Series, lang: str) -> object:
    """The snapshot the row was read from; for a row with an old side (changed, source
    changed, removed) the old side's snapshot first, an arrow the way the text reads, then the
    new one's ("–" where the old one is not known: rows published before the changelog kept
    it). Each hash its own left-to-right island, so the arrow orders them in Arabic too."""
    new = row["snapshot_sha256"]
    if row["kind"] == "added":
        return snapshot_cell(new)
    old = row.get("old_snapshot_sha256")
    arrow = "←" if text_direction(lang) == "rtl" else "→"
    return html.Span([_hash_island(old), f" {arrow} ", _hash_island(new)],
                     className="ci-snapshots")


def _hash_island(sha256: object) -> html.Code | str:
    shown = snapshot_cell(sha256)
    if isinstance(shown, html.Code):
        shown.dir = "ltr"  # type: ignore[attr-defined]  # a prop is an attribute; Dash types none
    return shown


def changes_table(frame: pd.DataFrame, names: dict[str, str], lang: str) -> dict:
    """The changes of ``frame`` (already filtered and cut), one row each."""
    rows = []
    dates: dict[object, str] = {}  # a release's rows share one time: format it once
    for _, r in frame.iterrows():
        if r["changed_at"] not in dates:
            dates[r["changed_at"]] = format_moment(r["changed_at"], lang)
        rows.append([
            moment_element(dates[r["changed_at"]]),
            html.Span(kind_label(r["kind"], lang), className=f"ci-change-kind ci-{r['kind']}"),
            provenance.indicator_name(r["indicator_id"], names, lang),
            html.A(r["country"], href=href(f"/country/{r['iso3']}", lang)),
            str(int(r["edition"])),
            value_change(r, lang),
            rank_tier_change(r, lang),
            provenance_change(r, lang),
            snapshots_cell(r, lang),
            release_cell(r, lang),
        ])
    headers = [t("Published", lang), t("Change", lang), t("Indicator", lang),
               t("Country", lang), t("Edition", lang), t("Old → new value", lang),
               t("Rank or tier", lang), t("Source of the value", lang),
               t("Source snapshot (SHA-256)", lang), t("Release", lang)]
    return html_table(headers, rows, t("Changes published by refreshes, latest first", lang),
                      table_id=ID_TABLE, numeric=(4, 5))


def printed_number(value: object, printed: object, lang: str) -> str:
    """A per-source value in the reader's notation and digits, to the decimals it was printed
    with (``printed``: its text, "82.41", "50"), never more."""
    text = str(printed) if isinstance(printed, str) else ""
    decimals = len(text.partition(".")[2]) if "." in text else (0 if text else 3)
    return format_number(value, lang, decimals)


def _said(row: pd.Series, side: str, lang: str) -> Children:
    """A statement's words on one side (``old``, ``new``) in ``lang``, as the Cross-index page
    says them (:mod:`dashboard.statement_texts`): an NCSI snapshot said again from its parts
    (the country, its figures, the methodology); the bundled INTERPOL findings where the
    catalog translates them; else as written, marked English."""
    iso3 = row["iso3"]
    names = {iso3: row["country"]} if isinstance(iso3, str) and iso3 else {}
    return statement_element(html.Span, changed_statement(row, side), names, lang,
                             className="ci-statement")


def _figure_said(row: pd.Series, text: object, lang: str) -> str:
    """A statement's figure as printed in ``lang``: an NCSI snapshot's ("rank 36; NCSI score
    79.17") in words of the page's language, as its statement says them; any other in the
    reader's digits, as written; "–" without one."""
    if not isinstance(text, str) or not text:
        return "–"
    values = read_values(text) if row["source_id"] == NCSI_SOURCE else None
    return values_text(values, lang) if values else localize_numbers(text, lang)


def content_what(row: pd.Series, titles: Mapping[str, str], names: dict[str, str],
                 lang: str) -> object:
    """What a row of the statements' changelog is about: a statement's source (the report it
    quotes); a per-source value's indicator, field and who printed it."""
    if row["target"] != "source_values":
        return catalog_text(titles.get(row["source_id"], row["source_id"]), lang)
    indicator_id, field = row["indicator_id"], str(row["metric"])
    label = provenance.indicator_text(indicator_id, names, lang)
    if field != own_field(indicator_id):  # its rank, its tier
        # Translators: a per-source value's indicator and which of its figures it is
        # ("GCI overall score: Global rank"), What changed page.
        label = t("{indicator}: {field}", lang, indicator=label,
                  field=provenance.field_label(field, lang))
    who = provenance.value_sources_text(str(row["printed_by"]), lang)
    return [html.Div(label), html.Div(t("per {sources}", lang, sources=who))]


def content_change(row: pd.Series, lang: str) -> list:
    """What a statement or per-source value said before and after: old → new value as
    printed; a statement's words (the new ones, the removed ones, or both, marked), and its
    printed figure old → new when that changed."""
    arrow = "←" if text_direction(lang) == "rtl" else "→"
    if row["target"] == "source_values":
        old = printed_number(row["old_value"], row["old_value_text"], lang)
        new = printed_number(row["new_value"], row["new_value_text"], lang)
        return [f"{old} {arrow} {new}"]
    old_text, new_text = row["old_text"], row["new_text"]
    if row["kind"] != "changed":
        return [_said(row, "new" if isinstance(new_text, str) else "old", lang)]
    parts: list = []
    if old_text != new_text:
        parts += [html.Div([t("Before:", lang), " ", _said(row, "old", lang)]),
                  html.Div([t("After:", lang), " ", _said(row, "new", lang)])]
    else:
        parts.append(html.Div(_said(row, "new", lang)))
    old_value, new_value = row["old_value_text"], row["new_value_text"]
    if old_value != new_value:
        before, after = (_figure_said(row, v, lang) for v in (old_value, new_value))
        change = f"{before} {arrow} {after}"
        # Translators: a changed statement's figure as its source printed it, old → new
        # ("69 → 71", ">90 → 85"), What changed page.
        parts.append(html.Div(t("Figure as printed: {change}", lang, change=change)))
    return parts


def content_table(frame: pd.DataFrame, titles: Mapping[str, str], names: dict[str, str],
                  lang: str) -> dict:
    """The statements' and per-source values' changes of ``frame`` (filtered and cut), one row
    each: when, what, country, edition, before and after, the citation, snapshot, release."""
    rows = []
    dates: dict[object, str] = {}
    for _, r in frame.iterrows():
        if r["changed_at"] not in dates:
            dates[r["changed_at"]] = format_moment(r["changed_at"], lang)
        country: object = (html.A(r["country"], href=href(f"/country/{r['iso3']}", lang))
                           if isinstance(r["iso3"], str) and r["iso3"] else t(MSG_REGION, lang))
        rows.append([
            moment_element(dates[r["changed_at"]]),
            html.Span(kind_label(r["kind"], lang), className=f"ci-change-kind ci-{r['kind']}"),
            content_what(r, titles, names, lang),
            country,
            "–" if pd.isna(r["edition"]) else localize_numbers(str(int(r["edition"])), lang),
            html.Div(content_change(r, lang), className="ci-statement-change"),
            html.Span(link_list(data.split_urls(r["source_url"]))) if r["source_url"] else "–",
            snapshots_cell(r, lang),
            release_cell(r, lang),
        ])
    headers = [t("Published", lang), t("Change", lang), t("Statement or value", lang),
               t("Country", lang), t("Edition", lang), t("Before → after", lang),
               t("Cited from", lang), t("Source snapshot (SHA-256)", lang), t("Release", lang)]
    return html_table(headers, rows, t("Changes published in cited statements and per-source "
                                       "values, latest first", lang),
                      table_id=ID_CITED, numeric=(4,))


def releases_table(frame: pd.DataFrame, first: Mapping[str, int], titles: Mapping[str, str],
                   lang: str) -> dict:
    """One row per release in ``frame`` (newest first, at most ``SHOWN_RELEASES``): when, the
    source, how many of the matching values, statements and per-source values it added,
    changed and removed, and whether it was the source's first publication (which adds all of
    its rows)."""
    counts = frame.groupby(["release_id", "kind"]).size().unstack(fill_value=0)
    meta = frame.groupby("release_id").agg(source_id=("source_id", "first"),
                                           run_id=("run_id", "first"),
                                           changed_at=("changed_at", "max"))
    rows = []
    for release_id in sorted(meta.index, reverse=True)[:SHOWN_RELEASES]:
        source_id = meta.at[release_id, "source_id"]
        release: str | list = t("Release {release} (run {run})", lang,
                                release=format_number(release_id, lang, 0),
                                run=format_number(meta.at[release_id, "run_id"], lang, 0))
        if first.get(source_id) == release_id:
            release = [release, html.Br(), t("first publication of this source", lang)]
        rows.append([
            moment_element(format_moment(meta.at[release_id, "changed_at"], lang)),
            html.Span([catalog_text(titles.get(source_id, source_id), lang), " ",
                       html.Code(source_id, dir="ltr")]),
            *(format_number(int(counts.at[release_id, kind]) if kind in counts else 0, lang, 0)
              for kind in CHANGE_KINDS),
            release,
        ])
    headers = [t("Published", lang), t("Source", lang),
               *(_heading(t(label, lang)) for label in CHANGE_KINDS.values()),
               t("Release", lang)]
    return html_table(headers, rows, t("Releases that published these changes, latest first",
                                       lang), table_id=ID_RELEASES,
                      numeric=tuple(range(2, 2 + len(CHANGE_KINDS))))


def _heading(word: str) -> str:
    """A lower-case word ("added", "ajouté") as a column heading: its first letter capital."""
    return word[:1].upper() + word[1:]


def parse_since(since: object) -> pd.Timestamp | None:
    """The date (or time) of a ``since`` value, None when missing or not a date."""
    text = str(since or "").strip()
    if not text:
        return None
    try:
        return pd.Timestamp(text)
    except (ValueError, TypeError):
        return None


def download_query(countries: list[str], indicator: str | None, kinds: list[str],
                   since: pd.Timestamp | None) -> list[tuple[str, str]]:
    """The API's parameters of the page's filter, for its download links (every row of it,
    not only the latest shown)."""
    query = [("country", c) for c in countries]
    query += [("indicator", indicator)] if indicator else []
    if kinds and set(kinds) != set(CHANGE_KINDS):
        query += [("kind", k) for k in kinds]
    if since is not None:
        day = since == since.normalize() and since.tzinfo is None
        query.append(("since", since.strftime("%Y-%m-%d") if day else since.isoformat()))
    return query


def changes_view(engine: Engine, countries: list[str], indicator: str | None,
                 kinds: list[str], since: pd.Timestamp | None, lang: str) -> dict:
    """Every output of the page for a filter: the tables, the count line, the link."""
    indicators = [indicator] if indicator else None
    frame = data.changes_log(engine, countries or None, indicators, since, lang)
    cited = data.content_changes_log(engine, countries or None, indicators, since, lang)
    if kinds:
        frame = frame[frame["kind"].isin(kinds)]
        cited = cited[cited["kind"].isin(kinds)]
    total = len(frame)
    names = data.indicator_names(engine)
    if total == 0 and cited.empty:
        body: object = notice(t("No change matches these filters.", lang))
    else:
        titles = data.source_titles(engine)
        released = pd.concat([part[RELEASE_COLUMNS] for part in (frame, cited) if len(part)],
                             ignore_index=True)
        parts: list = [
            html.H2(t("Releases", lang)),
            html.Div(cast(Children, releases_table(released, data.first_releases(engine),
                                                   titles, lang)),
                     className="ci-table-scroll"),
            list_download_links("changes", download_query(countries, indicator, kinds, since),
                                lang, PREFIX, view=changes_view_url(
                                    encode(countries, indicator, kinds, since, lang))),
        ]
        if total:
            parts += [html.H2(t("Values", lang)),
                      html.Div(cast(Children, changes_table(frame.head(SHOWN_ROWS), names,
                                                            lang)),
                               className="ci-table-scroll")]
        if len(cited):
            parts += [
                html.H2(t("Cited statements and per-source values", lang)),
                html.P(t("A statement is listed when its words or its figure changed, a "
                         "per-source value when the figure printed changed; a new link is a "
                         "new citation, listed as removed and added.", lang),
                       className="ci-note"),
                html.Div(cast(Children, content_table(cited.head(SHOWN_ROWS), titles, names,
                                                      lang)),
                         className="ci-table-scroll"),
            ]
        body = html.Div(parts)
    summary = tn("{total} change matches; {shown} is shown.",
                 "{total} changes match; the latest {shown} are shown.", total, lang,
                 total=format_number(total, lang, 0),
                 shown=format_number(min(total, SHOWN_ROWS), lang, 0))
    if len(cited):
        more = tn("{total} change to cited statements or per-source values matches; {shown} "
                  "is shown.",
                  "{total} changes to cited statements or per-source values match; the latest "
                  "{shown} are shown.", len(cited), lang,
                  total=format_number(len(cited), lang, 0),
                  shown=format_number(min(len(cited), SHOWN_ROWS), lang, 0))
        summary = f"{summary} {more}" if total else more
    return {"table": body, "summary": summary,
            "search": encode(countries, indicator, kinds, since, lang)}


# ---------------------------------------------------------------- the view in the URL


def default_countries() -> tuple[str, ...]:
    """The countries the page opens on: the watched ones (settings)."""
    return tuple(data.current_settings().watched_countries)


def changes_view_url(search: str) -> str:
    """The link to the view (the files' ``Link``): absolute when serving a request."""
    return url_state.view_link(PATH + search)


def encode(countries: list[str], indicator: str | None, kinds: list[str],
           since: pd.Timestamp | None, lang: str = "en") -> str:
    """``?v=1&country=..&indicator=..&kind=..&since=..`` with only what is not the default
    (the watched countries, every indicator and kind, every date, English; ``country=``
    empty is every country); ``""`` for the default."""
    search = url_state.encode_state(url_state.ViewState(
        countries=tuple(countries), indicators=(indicator,) if indicator else (),
        lang=normalize_lang(lang)), url_state.ViewState(countries=default_countries()))
    extra = []
    chosen = [k for k in kinds if k in CHANGE_KINDS]
    if chosen and set(chosen) != set(CHANGE_KINDS):
        extra.append(("kind", ",".join(chosen)))
    if since is not None:
        extra.append(("since", since.date().isoformat()))
    if not extra:
        return search
    return (search or f"?{url_state.VERSION_KEY}={url_state.VERSION}") + "&" + urlencode(
        extra, safe=",")


OWN_KEYS = ("kind", "since")
KNOWN = url_state.known_from(groups=(), editions=(), tabs=(), sort_columns=())


def read_state(engine: Engine, query: Mapping[str, object] | None, lang: object = None):
    """The filter a URL asks for: ``(countries, indicator, kinds, since, lang, notices)``, the
    notices translated. Never raises."""
    query = {str(k): v for k, v in dict(query or {}).items()}
    if lang is not None:
        query["lang"] = lang
    asked = any(k in query for k in url_state.KEYS["countries"])
    own = {k: query.pop(k) for k in OWN_KEYS if k in query}
    own = {k: (v[-1] if isinstance(v, list | tuple) and v else v) for k, v in own.items()}
    try:
        state, found = url_state.decode_state(
            {k: v for k, v in query.items() if k not in url_state.PASSED_THROUGH}, KNOWN)
        lang = state.lang
        picked, chosen, kinds, when_, notices = read_query(
            engine, ",".join(state.countries), state.indicators[-1] if state.indicators else None,
            own.get("kind"), own.get("since"), lang)
        notices += [n.text(lang) for n in found]
        if not asked:
            picked = [c for c in default_countries() if c in data.known_iso3(engine)]
    except Exception:  # noqa: BLE001 - a link must never break the page
        lang = normalize_lang(lang if isinstance(lang, str) else None)
        picked, chosen, kinds, when_ = [], None, list(CHANGE_KINDS), None
        notices = [t(url_state.MSG_KEY, lang, name="?")]
    return picked, chosen, kinds, when_, lang, notices


# ---------------------------------------------------------------- callback (plain function)


def since_as_in_url(since: object, search: object) -> bool:
    """Is the date picker's ``since`` the date the URL's ``search`` already shows (both
    none or not a date: every date)?"""
    shown = dict(parse_qsl(str(search or "").lstrip("?"))).get("since")
    return parse_since(since) == parse_since(shown)


def _since_alone_fired() -> bool:
    """Did only the date picker fire the callback? False when called as a plain function
    (tests)."""
    try:
        fired = set(dash.ctx.triggered_prop_ids)
    except MissingCallbackContextException:
        return False
    return fired == {f"{ID_SINCE}.date"}


def update_changes(countries: list[str] | None, indicator: str | None,
                   kinds: list[str] | None, since: str | None, lang: str | None,
                   search: str | None = None):
    """Outputs of the page for its filters (in the order of the callback): the table, the
    count line and the URL pushed to the address bar (the Arabic digits in it kept).

    Dash 4.4.1's single-date picker reports an empty date as it mounts: with no date in the
    URL either, nothing changed, and the page is neither rebuilt nor pushed again (that
    second history entry made Back stay on the page)."""
    if _since_alone_fired() and since_as_in_url(since, search):
        raise PreventUpdate
    lang = normalize_lang(lang)
    view = changes_view(data.current_engine(), data.parse_iso3_list(countries or []),
                        indicator or None,
                        [k for k in (kinds or []) if k in CHANGE_KINDS],
                        parse_since(since), lang)
    return (view["table"], view["summary"],
            url_state.with_passed_through(view["search"], search))


def register_callbacks(app: dash.Dash) -> None:
    """Wire the page's callback on ``app``."""
    app.callback(
        Output(ID_TABLE + "-box", "children"),
        Output(ID_SUMMARY, "children"),
        Output(ID_URL, "search"),
        Input(ID_COUNTRIES, "value"),
        Input(ID_INDICATOR, "value"),
        Input(ID_KINDS, "value"),
        Input(ID_SINCE, "date"),
        State(ID_LANG, "data"),
        State(ID_URL, "search"),
        prevent_initial_call=True,
    )(update_changes)
    url_state.register_permalink_callback(app, PREFIX, ID_URL)


# ---------------------------------------------------------------- layout


def read_query(engine: Engine, country: object, indicator: object, kind: object,
               since: object, lang: str) -> tuple[list[str], str | None, list[str],
                                                   pd.Timestamp | None, list[str]]:
    """The filter a URL asks for, and notices for what in it was not understood."""
    notices: list[str] = []
    known = data.known_iso3(engine)
    wanted = data.parse_iso3_list(country)
    picked = [c for c in wanted if c in known]
    if len(picked) < len(wanted):
        notices.append(t("Unknown country codes, left out: {codes}.", lang,
                         codes=", ".join(c for c in wanted if c not in known)))
    chosen = str(indicator).strip() if indicator else None
    if chosen and chosen not in data.indicator_names(engine):
        notices.append(t("Unknown indicator “{indicator}”: ignored.", lang, indicator=chosen))
        chosen = None
    kinds = [k for k in str(kind or "").split(",") if k.strip()]
    if any(k not in CHANGE_KINDS for k in kinds):
        notices.append(t("Unknown kind of change “{kind}”: ignored.", lang, kind=kind))
    kinds = [k for k in kinds if k in CHANGE_KINDS] or list(CHANGE_KINDS)
    when_ = parse_since(since)
    if since and when_ is None:
        notices.append(t("“{since}” is not a date (YYYY-MM-DD): showing every date.", lang,
                         since=since))
    return picked, chosen, kinds, when_, notices


def layout(lang: str = "en", **query: object) -> html.Div:
    """The "What changed" page in ``lang`` for the filter in the URL."""
    engine = data.current_engine()
    picked, chosen, kinds, when_, lang, notices = read_state(engine, query, lang)
    view = changes_view(engine, picked, chosen, kinds, when_, lang)
    search = url_state.with_passed_through(view["search"], query)
    everything = data.changes_log(engine, lang=lang)
    names = data.country_names(engine, lang)
    about = {*everything["iso3"].unique(),
             *data.content_changes_log(engine)["iso3"].dropna().unique()}
    in_log = sorted(about, key=lambda c: collation.sort_key(names.get(c, c)))
    indicator_names = data.indicator_names(engine)
    indicator_options = [
        {"label": provenance.indicator_text(i, indicator_names, lang), "value": i}
        for i in sorted(set(everything["indicator_id"]))
    ]
    dropdown_texts = dropdown_labels(lang)
    controls = html.Div([
        html.Div([
            html.Label(t("Countries", lang), htmlFor=ID_COUNTRIES),
            dcc.Dropdown(id=ID_COUNTRIES, multi=True, value=picked,
                         options=[{"label": names.get(c, c), "value": c} for c in in_log],
                         placeholder=t("Every country", lang), labels=dropdown_texts),
        ], className="ci-control ci-control-wide"),
        html.Div([
            html.Label(t("Indicator", lang), htmlFor=ID_INDICATOR),
            dcc.Dropdown(id=ID_INDICATOR, value=chosen, options=indicator_options,
                         clearable=True, placeholder=t("Every indicator", lang),
                         labels=dropdown_texts),
        ], className="ci-control ci-control-wide"),
        html.Fieldset([
            html.Legend(t("Kind of change", lang)),
            dcc.Checklist(id=ID_KINDS, value=kinds, inline=True,
                          options=[{"label": t(label, lang), "value": k}
                                   for k, label in CHANGE_KINDS.items()]),
        ], className="ci-control"),
        html.Div([
            html.Label(t("Published on or after", lang), htmlFor=ID_SINCE),
            # Dash's picker names its box by its placeholder (aria-label), over the label's
            # ``for``: the label's words, so that the box's name is the field's.
            single_date_picker(ID_SINCE, when_.date().isoformat() if when_ is not None else None,
                               lang, clearable=True,
                               placeholder=t("Published on or after", lang)),
        ], className="ci-control"),
    ], className="ci-controls", role="group", **aria_attrs(label=t("Filters", lang)))
    content = [
        html.H1(t("What changed", lang)),
        html.P(t("Every refresh that publishes data records what it added, changed or "
                 "removed: the old and new value, the raw snapshot it was read from and the "
                 "release that published it. The first publication of a source adds all of "
                 "its values.", lang), className="ci-lede"),
        # Translators: “source changed” is the kind of change the filter and the tables name
        # (the same words).
        html.P(t("A value whose figures stayed the same but that is now read from another "
                 "document or channel, or verified otherwise, is listed as “source changed”, "
                 "with what changed.", lang), className="ci-note"),
        dcc.Location(id=ID_URL, refresh=False),
        dcc.Store(id=ID_LANG, data=lang),
        controls,
        html.Div([notice(n, "warning") for n in notices], id=ID_NOTICES),
        html.P(view["summary"], id=ID_SUMMARY, className="ci-note", role="status"),
        url_state.permalink_control(PREFIX, lang, url=PATH + search),
        html.Div(view["table"], id=ID_TABLE + "-box"),
    ]
    params = dict(parse_qsl(encode(picked, chosen, kinds, when_).lstrip("?"),
                            keep_blank_values=True))
    return page_shell(lang, PATH, content, params)
