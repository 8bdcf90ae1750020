"""Printable country brief: ``/brief/<ISO3>?lang=..&group=..`` and ``/brief/<ISO3>.pdf``.

A Flask route rendering one plain HTML page (no script, inline stylesheet, charts drawn as HTML
bars and a small inline SVG), made to print on one or two A4 pages: the GCI tier and pillars
against a peer group, the distance to the next tier per pillar, the trend across editions (the
2024 break marked, no line across it), the other indices (NCSI, EGDI, INTERPOL statements),
recent news claims when there are any, and the sources with the data date. The group median
is the median of the group's members, the country among them when it is one (as the Country
page's), less any value held out of derived figures (:func:`etl.held_out.held_out`: flagged
by the corrections ledger and given by no second source), which is named under it; such a
value of the country itself is placed in no tier. The INTERPOL count is of the statements
cited from its reports or the press (not the project's own claim check). A link's setting
the brief does not understand (a peer group, a language, a key) is said in a notice, on the
page and in the PDF, as the pages say it. Printed, every page names the brief and the date of
its data and says "Page 2 of 2" (:mod:`dashboard.brief_print`: ``@page`` margin boxes).

The PDF is the same page printed by headless Chromium from a temporary file (no request back to
this server, so it works behind a login and on a single worker); without Chromium the PDF route
answers 503 with a translated message. One line in ``create_app``: ``brief.install_brief(server)``.
"""

from __future__ import annotations

import html
import re
import shutil
import string
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from babel.dates import format_date
from flask import Flask, Response, abort, request
from sqlalchemy.engine import Engine

from dashboard import data, url_state
from dashboard.brief_print import page_furniture_css
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    current_digits,
    data_text,
    expressions_kept_whole,
    format_number,
    localize_digits,
    ltr_isolated,
    normalize_lang,
    t,
    text_direction,
    tn,
)
from dashboard.layout import link_names
from dashboard.other_indices import (
    MSG_CITATION,
    MSG_ON_SCALE,
    OTHER_INDICES,
    PERCENTILE_NOTE,
    IndexLine,
    index_lines,
    interpol_said,
    interpol_statements,
    read_other_indices,
    shown_statements,
    statements_left_said,
)
from dashboard.perf import FAVICON_PATH
from dashboard.rank_texts import (
    held_out_note,
    median_left_out_note,
    rank_or_tier_text,
    value_mark_text,
)
from dashboard.statement_texts import figure_text, statement_note
from dashboard.url_state import Notice
from etl import store
from etl.schemas import GCI_TIER_THRESHOLDS

# The dashboard's icon (Dash serves it): a page of its own asks for /favicon.ico otherwise, a 404.
ICON_LINK = f'<link rel="icon" href="{FAVICON_PATH}">'

# The peer group a brief compares with when the link names none: the first of these the
# country belongs to (Morocco: Maghreb; Oman: GCC).
GROUP_PREFERENCE = ("gcc", "maghreb", "arab_league", "african_union", "mena", "global_leaders")
PILLAR_MAX = 20.0
OVERALL_MAX = 100.0
PDF_TIMEOUT = 60  # seconds
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
VERDICTS = {
    "consistent": N_("consistent"),
    "contradicted": N_("contradicted"),
    "unverifiable": N_("unverifiable"),
}
ISO3 = re.compile(r"^[A-Za-z]{3}$")
# Translators: under the brief's trend chart: what its group median is ({group}: "the Arab
# Maghreb Union (Maghreb)", {country}: the brief's country).
MSG_MEDIAN_WITH = N_("Group median: the median overall score of the members of the {group} in "
                     "each edition, {country} included.")
MSG_MEDIAN_WITHOUT = N_("Group median: the median overall score of the members of the {group} "
                        "in each edition ({country} is not one of them).")
# The keys a brief's link may hold (brief_url writes them; ``v`` is the pages' link version).
QUERY_KEYS = frozenset({"lang", "group", "digits", "v", "_"})
# Translators: a label and what it names, in the brief: a source document and its links, a
# claim check's verdict and the sentence checked. Your language's colon and spacing.
MSG_LABELLED = N_("{label}: {text}")


def e(value: object) -> str:
    """Text escaped for HTML."""
    return html.escape("" if value is None else str(value), quote=True)


def html_text(msgid: str, lang: str, **fields: str) -> str:
    """``msgid`` in ``lang`` as HTML: the message's own words escaped, its ``{fields}`` given
    as HTML (the caller escapes them). The punctuation is the translation's ("{report}; {kind}"
    is "{report} ; {kind}" in French, "{report}؛ {kind}" in Arabic); the English message when
    a translation names other fields."""
    for template in (t(msgid, lang), msgid):
        try:
            pieces = list(string.Formatter().parse(template))
        except ValueError:
            continue
        if {name for _, name, _, _ in pieces if name is not None} == set(fields):
            return "".join(e(literal) + (fields[name] if name is not None else "")
                           for literal, name, _, _ in pieces)
    return e(msgid)


# ---------------------------------------------------------------- the figures of a brief


def default_group(engine: Engine, iso3: str) -> str | None:
    """The peer group a brief uses by default for ``iso3`` (None when it is in none)."""
    members = store.group_members_frame(engine)
    groups_of = set(members.loc[members["iso3"] == iso3, "group_id"])
    return next((g for g in GROUP_PREFERENCE if g in groups_of), None)


def next_tier(tier: int) -> tuple[int, float] | None:
    """The tier above ``tier`` and its lower bound on 0-100 (None for tier 1)."""
    thresholds = dict(GCI_TIER_THRESHOLDS)
    return (tier - 1, thresholds[tier - 1]) if tier > 1 and tier - 1 in thresholds else None


def tier_distance(score: float, tier: int | None) -> dict:
    """How far the overall score is from the next tier (for tier 1: from the maximum)."""
    if tier is None:
        return {"kind": "none"}
    above = next_tier(int(tier))
    if above is None:
        return {"kind": "top", "gap": round(OVERALL_MAX - score, 2)}
    target, threshold = above
    return {"kind": "next", "tier": target, "threshold": threshold,
            "needed": round(max(threshold - score, 0.0), 2)}


def group_values(frame: pd.DataFrame, iso3: str, members: Sequence[str],
                 column: str) -> pd.Series:
    """The values of ``column`` of the group's members (the country among them when it is a
    member, as "the median of the Maghreb" reads), empty when no member other than the country
    has one: a median of the country alone would only repeat its own score. A value held out
    of derived figures (:func:`etl.held_out.held_out`) is left out (:func:`left_out`)."""
    sound = data.sound_rows(frame)  # a value held out of derived figures is named, not used
    values = sound.loc[sound["iso3"].isin(members), ["iso3", column]].dropna()
    if not (values["iso3"] != iso3).any():
        return pd.Series(dtype=float)
    return values[column].astype(float)


def left_out(frame: pd.DataFrame, members: Sequence[str], column: str) -> pd.DataFrame:
    """The group members' rows with a ``column`` value that :func:`group_values` left out:
    those held out of derived figures (to name them under the median)."""
    rows = frame[frame["iso3"].isin(members) & frame[column].notna()]
    return data.held_out_rows(rows)


def pillar_rows(pillars: pd.DataFrame, iso3: str, members: Sequence[str]) -> list[dict]:
    """Per pillar: the country's score, the median and best of the group's members
    (:func:`group_values`: the country counts when it is one), how many members they stand
    on, and the headroom to 20."""
    rows = []
    for pillar_id, label in data.GCI_PILLARS.items():
        part = pillars[pillars["indicator_id"] == pillar_id]
        own = part[part["iso3"] == iso3]
        values = group_values(part, iso3, members, "value")
        value = float(own["value"].iloc[0]) if len(own) else None
        rows.append({
            "pillar": pillar_id, "label": label, "value": value,
            "median": float(values.median()) if len(values) else None,
            "best": float(values.max()) if len(values) else None,
            "peers": int(len(values)),
            "headroom": None if value is None else round(PILLAR_MAX - value, 2),
        })
    return rows


def group_trend(overall: pd.DataFrame, iso3: str, members: Sequence[str]) -> dict[int, float]:
    """The median overall score (0-100) of the group's members per edition (the country among
    them when it is a member), for the editions where another member has a score."""
    out = {}
    for edition, part in overall.groupby("edition"):
        values = group_values(part, iso3, members, "score_100")
        if len(values):
            out[int(edition)] = float(values.median())
    return out


def brief_data(engine: Engine, iso3: str, group: str | None, lang: str) -> dict:
    """Everything the brief shows for a country, read once."""
    names = data.country_names(engine, lang)
    found = standing(engine, iso3, group, lang)
    members, observations = found["members"], found["observations"]
    overall_all = data.with_changes(
        observations[observations["indicator_id"] == data.GCI_OVERALL])
    cross, statements = read_other_indices(engine, iso3, members)
    release = store.current_release(engine)
    return {
        **found, "iso3": iso3, "name": names.get(iso3, iso3), "names": names, "group": group,
        "group_trend": group_trend(overall_all, iso3, members),
        "trend_left_out": left_out(overall_all, members, "score_100"),
        "cross": cross,
        "statements": statements,
        "news": recent_news(engine, iso3),
        "sources": observations[observations["iso3"] == iso3],
        "release": release,
    }


def standing(engine: Engine, iso3: str, group: str | None, lang: str) -> dict:
    """Where the country stands in the GCI against a peer group: its overall series, latest
    edition and tier, the distance to the next tier, and its pillars of the latest edition
    that has them beside the median and best of the group's members, the country among them
    when it is one (the brief and the Country page say "median of the Maghreb").

    The distance per pillar (``distance_pillars``) uses the pillars of the tier's own edition
    (``distance_edition``) and none when the country has none in it (Tunisia, Kuwait in GCI
    2024): an edition's tier is never explained with another edition's pillars."""
    members = list(data.group_members(engine, group)) if group else []
    observations = data.gci_observations(engine, list(dict.fromkeys([iso3, *members])), lang)
    overall_all = data.with_changes(
        observations[observations["indicator_id"] == data.GCI_OVERALL])
    overall = overall_all[overall_all["iso3"] == iso3].sort_values("edition")
    latest = overall.iloc[-1] if len(overall) else None
    pillar_frame = observations[observations["indicator_id"].isin(list(data.GCI_PILLARS))]
    own_pillar_editions = sorted(pillar_frame.loc[pillar_frame["iso3"] == iso3, "edition"])
    pillar_edition = int(own_pillar_editions[-1]) if own_pillar_editions else None
    pillars = pillar_frame[pillar_frame["edition"] == pillar_edition]
    # A score held out of derived figures is placed in no tier: no distance to the next one.
    tier = (None if latest is None or pd.isna(latest["tier"]) or data.is_held_out(latest)
            else int(latest["tier"]))
    # The distance to the tier of an edition is told with that edition's pillars only: GCI
    # 2024 is a methodology break, and 2020 pillars (Tunisia's add up to 86.23, above the
    # 85 its 2024 score of 82 has still to reach) are no way to a 2024 tier.
    distance_edition = None if latest is None else int(latest["edition"])
    own_editions = set(own_pillar_editions)
    distance_pillars = pillar_frame[pillar_frame["edition"] == distance_edition]
    return {
        "members": members, "observations": observations, "overall": overall,
        "latest": latest, "tier": tier,
        "distance": tier_distance(float(latest["score_100"]), tier) if latest is not None
        else {"kind": "none"},
        "pillar_edition": pillar_edition,
        "pillars": pillar_rows(pillars, iso3, members) if pillar_edition else [],
        "pillars_left_out": left_out(pillars, members, "value"),
        "distance_edition": distance_edition,
        "distance_pillars": pillar_rows(distance_pillars, iso3, members)
        if distance_edition in own_editions else [],
        "distance_pillars_left_out": left_out(distance_pillars, members, "value"),
    }


def recent_news(engine: Engine, iso3: str, limit: int = 5) -> pd.DataFrame:
    """The latest checked claims about the country (real articles only); empty when the news
    tables are missing or hold nothing."""
    reader = getattr(store, "claims_frame", None)
    if reader is None:
        return pd.DataFrame()
    try:
        return reader(engine, [iso3], limit=limit)
    except Exception:  # noqa: BLE001 - the brief must render without the news tables
        return pd.DataFrame()


# ---------------------------------------------------------------- HTML pieces


def number(value: object, lang: str, max_digits: int = 2) -> str:
    return e(format_number(value, lang, max_digits))


def date_text(moment: object, lang: str) -> str:
    """A date in the locale's long format (digits as chosen)."""
    if moment is None or pd.isna(moment):
        return "–"
    day = pd.Timestamp(moment).date()
    return localize_digits(format_date(day, "long", locale=normalize_lang(lang)), lang)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], caption: str,
          numeric: Sequence[int] = ()) -> str:
    """An HTML table with a caption and column headers (cells are already escaped)."""
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row">{cell}</th>' if i == 0 else
             f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>")
            for i, cell in enumerate(row)) + "</tr>"
        for row in rows)
    # A wide table scrolls in its own box on a narrow screen, not the page: a box that
    # scrolls is reachable by keyboard and named for screen readers (printed, it is a table).
    return (f'<div class="table-scroll" role="region" tabindex="0" '
            f'aria-label="{e(caption)}">'
            f'<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def pillar_bars(info: dict, lang: str, group_label: str) -> str:
    """Horizontal bars of the pillars (out of 20), the group median as a marker on each."""
    items = []
    for row in info["pillars"]:
        value, median = row["value"], row["median"]
        width = 0.0 if value is None else max(0.0, min(value / PILLAR_MAX, 1.0)) * 100
        marker = "" if median is None else (
            f'<span class="median" style="inset-inline-start:{median / PILLAR_MAX * 100:.1f}%"'
            ' aria-hidden="true"></span>')
        said = (t("{value} of 20 (group median {median})", lang,
                  value=format_number(value, lang, 2), median=format_number(median, lang, 2))
                if median is not None else
                t("{value} of 20", lang, value=format_number(value, lang, 2)))
        items.append(
            f'<li><span class="bar-label">{e(t(row["label"], lang))}</span>'
            f'<span class="bar-track" aria-hidden="true"><span class="bar-fill" '
            f'style="inline-size:{width:.1f}%"></span>{marker}</span>'
            f'<span class="bar-value">{e(said)}</span></li>')
    peers = max((r["peers"] for r in info["pillars"]), default=0)
    if peers:
        note = tn("Median of the {group} ({count} country with pillar scores)",
                  "Median of the {group} ({count} countries with pillar scores)", peers, lang,
                  group=group_label, count=format_number(peers, lang, 0))
        legend = (f'<p class="legend"><span class="key key-fill" aria-hidden="true"></span> '
                  f'{e(info["name"])} <span class="key key-median" aria-hidden="true"></span> '
                  f"{e(note)}</p>")
    else:
        note = t("No other member of the {group} has pillar scores for this edition.", lang,
                 group=group_label)
        legend = f'<p class="legend">{e(note)}</p>'
    left = median_left_out_note(info.get("pillars_left_out", pd.DataFrame()), lang)
    if left:
        legend += f'<p class="legend">{e(left)}</p>'
    return f'<ul class="bars">{"".join(items)}</ul>{legend}'


def trend_svg(info: dict, lang: str) -> str:
    """The overall score by edition (0-100) as an inline SVG; the line stops before 2024 (tiers,
    a methodology break). In Arabic time runs from the right and the score axis is on the
    right, as in the dashboard's charts."""
    rtl = text_direction(lang) == "rtl"
    width, height, top, bottom = 640, 200, 14, 30
    axis, edge = 44, 16  # the score labels' side, and the other
    left, right = (edge, axis) if rtl else (axis, edge)
    editions = list(data.GCI_EDITIONS)
    lo, hi = editions[0] - 1, editions[-1] + 1

    def x(year: float) -> float:
        share = (year - lo) / (hi - lo)
        return left + (1 - share if rtl else share) * (width - left - right)

    def y(score: float) -> float:
        return top + (1 - score / OVERALL_MAX) * (height - top - bottom)

    title = t("GCI overall score by edition", lang)
    parts = [f'<svg class="trend" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="trend-title" xmlns="http://www.w3.org/2000/svg" direction="ltr">',
             f'<title id="trend-title">{e(title)}</title>']
    label_x, anchor = (width - right + 6, "start") if rtl else (left - 6, "end")
    for tick in (0, 25, 50, 75, 100):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}" class="grid"/>')
        parts.append(f'<text x="{label_x}" y="{y(tick) + 4:.1f}" text-anchor="{anchor}">'
                     f'{e(format_number(tick, lang, 0))}</text>')
    for year in editions:
        parts.append(f'<text x="{x(year):.1f}" y="{height - 8}" text-anchor="middle">'
                     f'{e(localize_digits(str(year), lang))}</text>')
    boundary = (max(y_ for y_ in editions if y_ < data.BREAK_EDITION) + data.BREAK_EDITION) / 2
    parts.append(f'<line x1="{x(boundary):.1f}" x2="{x(boundary):.1f}" y1="{top}" '
                 f'y2="{height - bottom}" class="break"/>')

    def series(points: list[tuple[int, float]], css: str, shape: str) -> None:
        before = [(yr, v) for yr, v in points if yr < data.BREAK_EDITION]
        if len(before) > 1:
            path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in before)
            parts.append(f'<polyline points="{path}" class="line {css}"/>')
        for yr, v in points:
            cx, cy = x(yr), y(v)
            if shape == "square":
                parts.append(f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" '
                             f'class="dot {css}"/>')
            else:
                parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" class="dot {css}"/>')

    group_points = sorted((int(k), float(v)) for k, v in info["group_trend"].items())
    if group_points:
        series(group_points, "peer", "square")
    own = [(int(r["edition"]), float(r["score_100"])) for _, r in info["overall"].iterrows()]
    series(own, "own", "circle")
    parts.append("</svg>")
    return "".join(parts)


def section_gci(info: dict, lang: str, group_label: str | None) -> str:
    latest = info["latest"]
    if latest is None:
        head = t("Global Cybersecurity Index", lang)
        none = t("No GCI figures for {country} yet.", lang, country=info["name"])
        return f"<section><h2>{e(head)}</h2><p>{e(none)}</p></section>"
    edition = int(latest["edition"])
    year = localize_digits(str(edition), lang)
    # A country in no peer group has none to be against ("against the no peer group").
    head = (t("GCI {edition}: tier and pillars against the {group}", lang, edition=year,
              group=group_label) if group_label
            else t("GCI {edition}: tier and pillars", lang, edition=year))
    summary = t("{standing}; overall score {score} out of 100.", lang,
                standing=rank_or_tier_text(latest, lang, "–"),
                score=format_number(latest["score_100"], lang, 2))
    out = [f'<section class="gci"><h2>{e(head)}</h2><p class="lead">{e(summary)}'
           f"{mark_html(latest, lang)}</p>",
           held_out_html(latest, lang) or marked_html(latest, lang)]
    if info["pillars"]:
        pillars_head = t("Pillars (each out of 20), GCI {edition}", lang,
                         edition=localize_digits(str(info["pillar_edition"]), lang))
        out.append(f"<h3>{e(pillars_head)}</h3>")
        out.append(pillar_bars(info, lang, group_label))
    out.append("</section>")
    return "".join(out)


def mark_html(row: object, lang: str) -> str:
    """`` <strong class="mark">⚑ Flagged and sources disagree (see note)</strong>`` after a
    value the corrections ledger marks or whose sources disagree (the pages' words, decided by
    :func:`dashboard.rank_texts.value_marks`); "" for any other value."""
    said = value_mark_text(row, lang)
    return f' <strong class="mark">{e(said)}</strong>' if said else ""


def marked_html(row: pd.Series, lang: str) -> str:
    """Under a marked value (not held out: :func:`held_out_html` says that one): the corrections
    ledger's label and reason, as the Overview's badge gives them, and where the disagreeing
    values are listed; "" for an unmarked value."""
    if not value_mark_text(row, lang):
        return ""
    out = []
    found = data.parse_correction(row.get("correction"))
    if found is not None:
        out.append(html_text(MSG_LABELLED, lang,
                             label=e(t(data.CORRECTION_LABELS[found["action"]], lang)),
                             text=data_html(found["reason"], lang)))
    if str(row.get("verification")) == "conflict":
        out.append(e(t("Sources disagree: every value printed is listed under Sources.", lang)))
    return "".join(f'<p class="legend">{said}</p>' for said in out)


def held_out_html(row: pd.Series, lang: str) -> str:
    """Under a score held out of derived figures: why it is placed in no tier (the ledger's
    flag and reason, in ``lang`` where the catalog has it); "" for any other score."""
    found = data.parse_correction(row.get("correction")) if data.is_held_out(row) else None
    if found is None:
        return ""
    said = html_text(MSG_LABELLED, lang, label=e(t(data.CORRECTION_LABELS["flag"], lang)),
                     text=data_html(found["reason"], lang))
    note = held_out_note(pd.DataFrame([row]), lang) or ""
    return f'<p class="legend">{said}</p><p class="legend">{e(note)}</p>'


def distance_intro(distance: dict, lang: str, per_pillar: bool = True) -> str:
    """What the distance table means: the gaps to the maximum for tier 1, else the points the
    overall score needs for the next tier; without ``per_pillar`` (no pillar scores of the
    tier's edition), the overall distance alone."""
    if not per_pillar:
        if distance["kind"] == "top":
            return t("Tier 1 is the top tier: the overall score is {gap} points from 100.",
                     lang, gap=format_number(distance["gap"], lang, 2))
        return t("To reach tier {tier} ({label}) the overall score needs {points} more "
                 "points (threshold {threshold}).", lang,
                 tier=format_number(distance["tier"], lang, 0),
                 label=t(data.TIER_LABELS[distance["tier"]], lang),
                 points=format_number(distance["needed"], lang, 2),
                 threshold=format_number(distance["threshold"], lang, 0))
    if distance["kind"] == "top":
        return t("Tier 1 is the top tier: the distances are the gaps to the maximum "
                 "(20 per pillar, {gap} points to 100 overall).", lang,
                 gap=format_number(distance["gap"], lang, 2))
    return t("To reach tier {tier} ({label}) the overall score needs {points} more "
             "points (threshold {threshold}); the headroom in each pillar is below.", lang,
             tier=format_number(distance["tier"], lang, 0),
             label=t(data.TIER_LABELS[distance["tier"]], lang),
             points=format_number(distance["needed"], lang, 2),
             threshold=format_number(distance["threshold"], lang, 0))


def pillar_rounding_note(found: dict, lang: str) -> str | None:
    """For tier 1, when the pillar distances do not add up to the overall one: why (the ITU
    publishes the overall score and each pillar rounded, so Oman's pillars, published as
    19.59 + 18.39 + 20 + 19.03 + 20 = 97.01, are 2.99 from 100 where its overall 97.02 is 2.98).
    None when they add up, for other tiers (the points needed are not the pillars' sum), or
    when the pillars are another edition's or incomplete. ``found`` is :func:`standing`'s."""
    distance, pillars = found["distance"], found.get("distance_pillars", found["pillars"])
    if distance["kind"] != "top" or found["latest"] is None:
        return None
    values = [r["value"] for r in pillars]
    edition = found.get("distance_edition", found["pillar_edition"])
    if (int(edition or 0) != int(found["latest"]["edition"])
            or len(values) != len(data.GCI_PILLARS) or None in values):
        return None
    pillar_gap = round(sum(PILLAR_MAX - v for v in values), 2)
    if abs(pillar_gap - distance["gap"]) < 0.005:
        return None
    return t("The pillar distances add up to {sum}, not {gap}: the pillars are published "
             "rounded and sum to {pillars}, while the overall score is published as {overall}.",
             lang, sum=format_number(pillar_gap, lang, 2),
             gap=format_number(distance["gap"], lang, 2),
             pillars=format_number(round(sum(values), 2), lang, 2),
             overall=format_number(found["latest"]["score_100"], lang, 2))


def distance_table(pillars: list[dict], lang: str) -> tuple[list[str], list[list[str]]]:
    """Headers and rows (plain texts) of the per-pillar distance table: score, the group's
    median and best when a peer has pillar scores, and the headroom to 20."""
    with_peers = any(r["peers"] for r in pillars)
    rows = [[t(r["label"], lang), format_number(r["value"], lang, 2),
             *([format_number(r["median"], lang, 2), format_number(r["best"], lang, 2)]
               if with_peers else []),
             format_number(r["headroom"], lang, 2)] for r in pillars]
    headers = [t("Pillar", lang), t("Score", lang),
               *([t("Group median", lang), t("Best in group", lang)] if with_peers else []),
               t("Distance to 20", lang)]
    return headers, rows


def no_pillars_note(info: dict, lang: str) -> str:
    """Why the distance has no table per pillar: the tier's edition has no pillar scores for
    the country (another edition's are not used across the 2024 methodology break)."""
    return t("GCI {edition} publishes no pillar scores for {country}: no distance per pillar "
             "is given (pillar scores of another edition are not comparable with this "
             "edition's tiers).", lang,
             edition=localize_digits(str(info["distance_edition"]), lang),
             country=info["name"])


def edition_label(edition: object, lang: str) -> str:
    """"GCI 2024" in the page's words ("المؤشر 2024"; digits as chosen), isolated from the
    line around it."""
    label = t("GCI {edition}", lang).format(edition=localize_digits(str(edition), lang))
    return f"\u2068{label}\u2069"


def distance_caption(edition: object, lang: str) -> str:
    """The caption of the per-pillar distance table, naming the pillars' edition."""
    return t("Distance to the next tier, per pillar", lang) + f" ({edition_label(edition, lang)})"


def section_distance(info: dict, lang: str) -> str:
    distance = info["distance"]
    if distance["kind"] == "none":
        return ""
    head = (t("Distance to the next tier", lang)
            + f" ({edition_label(info['distance_edition'], lang)})")
    pillars = info["distance_pillars"]
    if not pillars:
        intro = distance_intro(distance, lang, per_pillar=False)
        return (f'<section class="distance"><h2>{e(head)}</h2><p>{e(intro)}</p>'
                f'<p class="legend">{e(no_pillars_note(info, lang))}</p></section>')
    intro = distance_intro(distance, lang)
    rounding = pillar_rounding_note(info, lang)
    headers, plain_rows = distance_table(pillars, lang)
    rows = [[e(cell) for cell in row] for row in plain_rows]
    caption = distance_caption(info["distance_edition"], lang)
    return (f'<section class="distance"><h2>{e(head)}</h2>'
            f"<p>{e(intro)}</p>"
            + (f'<p class="legend">{e(rounding)}</p>' if rounding else "")
            + f"{table(headers, rows, caption, range(1, len(headers)))}</section>")


def median_note(info: dict, lang: str, group_label: str) -> str | None:
    """What the trend's group median is: the median of the group's members, the country among
    them when it is one (as the Country page's "median of the group"); None without one."""
    if not info["group_trend"] or not info.get("group"):
        return None
    if info["iso3"] in info["members"]:
        return t(MSG_MEDIAN_WITH, lang, group=group_label, country=info["name"])
    return t(MSG_MEDIAN_WITHOUT, lang, group=group_label, country=info["name"])


def section_trend(info: dict, lang: str, group_label: str = "") -> str:
    if info["overall"].empty:
        return ""
    rows = [[e(localize_digits(str(int(r["edition"])), lang)),
             number(r["value"], lang, 3) + mark_html(r, lang),
             range_html(expressions_kept_whole(localize_digits(str(r["scale"]), lang), lang)),
             number(r["score_100"], lang),
             number(info["group_trend"].get(int(r["edition"])), lang),
             e(rank_or_tier_text(r, lang, "–"))] for _, r in info["overall"].iterrows()]
    headers = [t("Edition", lang), t("Score as published", lang), t("Scale", lang),
               t("Score on 0-100", lang), t("Group median", lang), t("Rank or tier", lang)]
    median, broken = t("Group median", lang), t("2024: tiers, no ranks — methodology break", lang)
    title = t("GCI overall score by edition", lang)
    note = t("Scores from 2014 to 2018 were published on a 0-1 scale and are shown ×100.", lang)
    said = median_note(info, lang, group_label)
    note = f"{note} {said}" if said else note
    left = median_left_out_note(info.get("trend_left_out", pd.DataFrame()), lang)
    note = f"{note} {left}" if left else note
    legend = (f'<p class="legend"><span class="key key-own" aria-hidden="true"></span> '
              f'{e(info["name"])} <span class="key key-peer" aria-hidden="true"></span> '
              f'{e(median)} <span class="key key-break" aria-hidden="true"></span> '
              f"{e(broken)}</p>")
    return (f'<section class="trend-section"><h2>{e(title)}</h2>'
            f'<figure><div class="chart" dir="ltr">{trend_svg(info, lang)}</div>{legend}'
            f"<figcaption>{e(note)}</figcaption>"
            f"</figure>{table(headers, rows, title, (1, 3, 4))}</section>")


def section_indices(info: dict, lang: str) -> str:
    """"Other indices": the latest value of each index with its rank or tier and percentile in
    the group, and INTERPOL's cited statements (:mod:`dashboard.other_indices`, which the
    Country page shows too); "" when there is none."""
    lines = [[e(line.label), e(line.edition), value_html(line, lang), e(line.standing),
              percentile_html(line.basis, line.percentile) if line.percentile else e("–")]
             for line in index_lines(info["cross"], info.get("latest"), lang)]
    headers = [t("Index", lang), t("Edition", lang), t("Value", lang), t("Rank or tier", lang),
               t("Percentile in the group", lang)]
    head = t("Other indices", lang)
    out = [f'<section class="indices"><h2>{e(head)}</h2>']
    if lines:
        out.append(table(headers, lines, t("Latest value of each index", lang), (2, 3, 4)))
        out.append(f'<p class="legend">{e(t(PERCENTILE_NOTE, lang))}</p>')
    statements = interpol_statements(info["statements"])
    said = interpol_said(statements, info["name"], lang)
    if said:
        out.append(f"<p>{e(said)}</p>")
        # Each finding with the figure it gives for the country, what it was read in (a press
        # article, a contributor's release: not always the report itself), its link and the
        # source's note (a conflict between versions of one figure is said there).
        items = "".join(statement_html(s, lang) for _, s in shown_statements(statements).iterrows())
        out.append(f'<ul class="statements">{items}</ul>')
        left = statements_left_said(statements, lang)
        if left:
            out.append(f'<p class="legend">{e(left)}</p>')
    out.append("</section>")
    return "".join(out) if len(out) > 2 else ""


def value_html(line: IndexLine, lang: str) -> str:
    """An index's value on its scale, with the mark of a marked value (:func:`mark_html`)."""
    # The scale "0-100" is a range read left to right: isolated so, an Arabic sentence (and
    # Arabic-Indic digits, which the bidi algorithm does not join across "-") had shown it as
    # "100-0". It is kept on one line too: an Arabic line had ended on "0-" and the next begun
    # "1".
    shown = e(line.value) if line.value == "–" or line.scale is None else html_text(
        MSG_ON_SCALE, lang, value=e(line.value), scale=range_html(ltr_isolated(line.scale)))
    return shown + mark_html(line.marks, lang)


def range_html(text: str) -> str:
    """A range ("0-1", "0-100") as HTML kept on one line (an Arabic line had ended on "0-")."""
    return f'<span class="range">{e(text)}</span>'


def percentile_html(said: str, percentile: str) -> str:
    """A percentile and what it stands on (``said``: "{percentile} (by tier, 5 countries)",
    its field left in) as HTML: the percentile on a line of its own, what it stands on under
    it, smaller (a phone's narrow column had wrapped the whole a word a line)."""
    before, field, after = said.partition("{percentile}")
    if not field:
        return e(said)
    parts = [f'<span class="basis">{e(before)}</span>' if before.strip() else "",
             f'<span class="pct">{e(percentile)}</span>',
             f'<span class="basis">{e(after)}</span>' if after.strip() else ""]
    return f'<span class="pct-cell">{"".join(parts)}</span>'


def statement_html(row: pd.Series, lang: str) -> str:
    """A cited finding: the statement, the figure it gives for the country, then in brackets
    the report and the kind of source with its links, and the source's note."""
    figure = figure_text(row, lang)
    cite = html_text(MSG_CITATION, lang, report=data_html(row["report_title"], lang),
                     kind=data_html(row["source_kind"], lang),
                     links=links_html(row["source_url"]))
    return (f'<li>{data_html(row["statement"], lang)}'
            + (f" · {e(figure)}" if figure else "")
            + f' <span class="cite">{cite}{note_html(statement_note(row), lang)}</span></li>')


def section_news(info: dict, lang: str) -> str:
    news = info["news"]
    if news is None or news.empty:
        return ""
    items = []
    for _, c in news.iterrows():
        verdict = VERDICTS.get(str(c.get("verdict")))
        label = t(verdict, lang) if verdict else str(c.get("verdict"))
        verdict_html = (f'<strong class="verdict verdict-{e(c.get("verdict"))}">'
                        f"{e(label)}</strong>")
        said = html_text(MSG_LABELLED, lang, label=verdict_html,
                         text=f'<q>{e(c.get("sentence"))}</q>')
        items.append(
            f'<li>{said} — <a href="{e(c.get("url"))}">{e(c.get("outlet"))}</a>'
            f", {e(date_text(c.get('published_at'), lang))}</li>")
    head = t("Recent news and claim checks", lang)
    return (f'<section class="news"><h2>{e(head)}</h2>'
            f'<ul>{"".join(items)}</ul></section>')


def data_html(text: object, lang: str) -> str:
    """A text of the data or the ETL (a cited finding, a report's title) as HTML, as
    :func:`dashboard.layout.catalog_element` gives it: in ``lang`` where the catalog translates
    it; else as written, marked English (and left to right on a page in another language)."""
    text, code = ("" if pd.isna(text) else str(text)), normalize_lang(lang)
    said = data_text(text, lang) if code != "en" else None
    if said is not None:
        return e(said)
    direction = "" if code == "en" else ' dir="ltr"'
    shown = expressions_kept_whole(text, DEFAULT_LANGUAGE)  # its ranges on one line, as t()'s
    return f'<span lang="en"{direction}>{e(shown)}</span>'


def links_html(urls: object) -> str:
    """The links of a ``source_url`` cell (or a list of URLs), each named by its host and
    isolated (``<bdi>``): in Arabic the " · " between them and the label before them stay in
    their places (a run of Latin names and dots had read as one left-to-right run, the
    edition's year pushed past the links and a line begun with "·")."""
    found = list(urls) if isinstance(urls, list) else data.split_urls(urls)
    return " · ".join(f'<bdi><a href="{e(u)}" title="{e(u)}">{e(name)}</a></bdi>'
                      for u, name in zip(found, link_names(found), strict=True))


def note_html(note: object, lang: str) -> str:
    """``" — note"`` (in ``lang`` where the catalog has it); "" without a note."""
    return "" if pd.isna(note) or not str(note).strip() else f" — {data_html(note, lang)}"


def section_sources(info: dict, lang: str) -> str:
    """Every source of the brief's figures: each GCI edition's document with all the links its
    values cite and the notes on the country's scores (a misquote, a disagreement), then the
    other indices' latest values' links."""
    frame = info["sources"].reindex(columns=["edition", "indicator_id", "source_document",
                                             "source_url", "source_note"])
    items = []
    for document, rows in frame.sort_values("edition").groupby("source_document", sort=False):
        urls = list(dict.fromkeys(u for cell in rows["source_url"]
                                  for u in data.split_urls(cell)))
        overall = rows[rows["indicator_id"] == data.GCI_OVERALL]
        notes = "".join(note_html(n, lang) for n in dict.fromkeys(overall["source_note"].dropna()))
        said = html_text(MSG_LABELLED, lang, label=f"<bdi>{data_html(document, lang)}</bdi>",
                         text=links_html(urls))
        items.append(f"<li>{said}{notes}</li>")
    cross = info["cross"]
    for key, label in OTHER_INDICES.items():
        if key == "gci" or cross is None or pd.isna(cross.get(f"{key}_edition")):
            continue
        edition = localize_digits(str(int(cross[f"{key}_edition"])), lang)
        said = html_text(MSG_LABELLED, lang, label=f"<bdi>{e(t(label, lang))} {e(edition)}</bdi>",
                         text=links_html(cross.get(f"{key}_source_url")))
        items.append(f"<li>{said}</li>")
    release = info["release"]
    when = date_text(release["published_at"], lang) if release else "–"
    head = t("Sources", lang)
    as_of = t("Loaded into cyberindex on {date}; each figure's source is listed here.", lang,
              date=when)
    return (f'<section class="sources"><h2>{e(head)}</h2>'
            f'<p>{e(as_of)}</p><ul>{"".join(items)}</ul>'
            "</section>")


def toolbar(iso3: str, lang: str, group: str | None, groups: list[dict]) -> str:
    """Screen-only links and the peer-group chooser (hidden when printed)."""
    digits = {"digits": current_digits()} if lang == "ar" else {}
    langs = " ".join(
        f'<a href="{e(brief_url(iso3, code, group, **(digits if code == "ar" else {})))}" '
        f'lang="{code}" hreflang="{code}">{e(LANGUAGE_NAMES[code])}</a>'
        for code in LANGUAGES if code != lang)
    options = "".join(
        f'<option value="{e(g["value"])}"{" selected" if g["value"] == group else ""}>'
        f'{e(t(g["label"], lang))}</option>' for g in groups)
    hidden = f'<input type="hidden" name="lang" value="{e(lang)}">' + (
        f'<input type="hidden" name="digits" value="{e(current_digits())}">' if lang == "ar"
        else "")
    back = "/country/" + iso3 + "?lang=" + lang
    words = {"options": t("Brief options", lang), "back": t("Back to the country page", lang),
             "pdf": t("Download as PDF", lang), "group": t("Peer group", lang),
             "show": t("Show", lang)}
    return (f'<nav class="toolbar" aria-label="{e(words["options"])}">'
            f'<a href="{e(back)}">{e(words["back"])}</a>'
            f'<a href="{e(brief_url(iso3, lang, group, pdf=True, **digits))}">'
            f'{e(words["pdf"])}</a>'
            f'<span class="langs">{langs}</span>'
            f'<form method="get" action="/brief/{e(iso3)}">{hidden}'
            f'<label for="brief-group">{e(words["group"])}</label> '
            f'<select id="brief-group" name="group">{options}</select> '
            f'<button type="submit">{e(words["show"])}</button></form></nav>')


def brief_url(iso3: str, lang: str, group: str | None = None, pdf: bool = False,
              **extra: str) -> str:
    """The brief's address (``.pdf`` for the PDF)."""
    from urllib.parse import urlencode

    query = {"lang": normalize_lang(lang), **({"group": group} if group else {}), **extra}
    return f"/brief/{iso3.upper()}{'.pdf' if pdf else ''}?{urlencode(query)}"


_TAG = re.compile(r"(<[^>]+>)")
_OPEN = re.compile(r"<([a-zA-Z0-9]+)([^>]*)>")
# A point between Arabic-Indic digits is the Arabic decimal mark (as Babel writes ٩٧٫٥): the
# digits of a number the page left in 0-9 ("bipa 19.41") are turned here, its point too.
_ARABIC_DECIMAL = re.compile(r"(?<=[\u0660-\u0669])\.(?=[\u0660-\u0669])")


def localize_html_digits(document: str, lang: str) -> str:
    """The text of an HTML fragment with Arabic-Indic digits when chosen (tags, attributes,
    styles and elements marked ``lang="en"`` untouched)."""
    if localize_digits("0", lang) == "0":
        return document
    out, skip_tag, depth = [], None, 0
    for part in _TAG.split(document):
        if part.startswith("<"):
            opened = _OPEN.match(part)
            if skip_tag is None and opened and ('lang="en"' in opened.group(2)
                                                or opened.group(1) == "style"):
                skip_tag, depth = opened.group(1), 0
            if skip_tag is not None and opened and opened.group(1) == skip_tag:
                depth += 1
            elif skip_tag is not None and part.startswith(f"</{skip_tag}"):
                depth -= 1
                if depth == 0:
                    skip_tag = None
            out.append(part)
        else:
            out.append(part if skip_tag is not None else
                       _ARABIC_DECIMAL.sub("\u066b", localize_digits(part, lang)))
    return "".join(out)


def read_query(args: Mapping[str, str]) -> tuple[str, str | None, list[Notice]]:
    """The language and peer group a brief's query asks for, and notices for what in it is
    not understood, as the pages give them (:mod:`dashboard.url_state`): an unknown language
    reads English, an unknown key is ignored. The group is checked by :func:`render_brief`."""
    notices = []
    raw_lang = args.get("lang")
    lang = DEFAULT_LANGUAGE if raw_lang is None else raw_lang.strip().lower()
    if lang not in LANGUAGES:
        notices.append(Notice(url_state.MSG_LANG, {"value": raw_lang[:20]}))
        lang = DEFAULT_LANGUAGE
    for key in args:
        if key not in QUERY_KEYS:
            notices.append(Notice(url_state.MSG_KEY, {"name": key[:40]}))
    return lang, (args.get("group") or "").strip() or None, notices


def notices_html(notices: Sequence[Notice], lang: str) -> str:
    """The notices of a brief (a link's setting not understood), in its language, above its
    sections on the screen and on paper."""
    if not notices:
        return ""
    items = "".join(f"<p>{e(n.text(lang))}</p>" for n in notices)
    return f'<div class="notices" role="status">{items}</div>'


def render_brief(engine: Engine, iso3: str, lang: str, group: str | None = None,
                 for_print: bool = False, notices: Sequence[Notice] = ()) -> str:
    """The brief of ``iso3`` as a whole HTML document; a group that is not one is left out
    with a notice (the brief compares with the country's default group), beside ``notices``."""
    lang = normalize_lang(lang)
    groups = data.group_options(engine)
    notices = list(notices)
    if group not in {g["value"] for g in groups}:
        if group:
            notices.append(Notice(url_state.MSG_GROUP, {"values": str(group)[:40]}))
        group = default_group(engine, iso3)
    group_label = t(data.GROUP_LABELS.get(group or "", group or ""), lang) if group else \
        t("no peer group", lang)
    info = brief_data(engine, iso3, group, lang)
    title = t("{country}: country brief", lang, country=info["name"])
    subtitle = t("National cybersecurity indices, with their sources", lang)
    body = [
        "" if for_print else toolbar(iso3, lang, group, groups),
        f'<header><p class="brand">cyberindex · {e(subtitle)}</p><h1>{e(title)}</h1></header>',
        '<main id="main">',
        notices_html(notices, lang),
        section_gci(info, lang, group_label if group else None),
        section_distance(info, lang),
        section_trend(info, lang, group_label),
        section_indices(info, lang),
        section_news(info, lang),
        section_sources(info, lang),
        "</main>",
    ]
    # Printed, every page says which brief it is, of when, and its place ("Page 2 of 2").
    loaded = date_text(info["release"]["published_at"], lang) if info["release"] else "–"
    furniture = page_furniture_css(title, None if loaded == "–" else loaded, lang)
    return (f'<!DOCTYPE html><html lang="{lang}" dir="{text_direction(lang)}"><head>'
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><title>{e(title)}</title>{ICON_LINK}'
            f'<style>{BRIEF_CSS}{furniture}</style></head>'
            f'<body>{localize_html_digits("".join(body), lang)}</body></html>')


# ---------------------------------------------------------------- PDF


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_to_pdf(document: str, chromium: str, timeout: float = PDF_TIMEOUT) -> bytes:
    """``document`` (HTML) printed to PDF by headless Chromium, from a temporary file. The
    page's own ``@page`` margin boxes are its header and footer (as in the reader's print):
    Chromium's (the file's URL, the time) are left out."""
    with tempfile.TemporaryDirectory(prefix="cyberindex-brief-") as folder:
        source, target = Path(folder) / "brief.html", Path(folder) / "brief.pdf"
        source.write_text(document, encoding="utf-8")
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-dev-shm-usage", f"--user-data-dir={Path(folder) / 'profile'}",
                   "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()]
        subprocess.run(command, check=True, timeout=timeout, capture_output=True)
        return target.read_bytes()


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF (its ``/Type /Page`` objects; Chromium writes no object streams)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


# ---------------------------------------------------------------- the routes


def unavailable(lang: str, message: str, status: int) -> Response:
    """A small translated HTML page for an error."""
    page = (f'<!DOCTYPE html><html lang="{lang}" dir="{text_direction(lang)}"><head>'
            f'<meta charset="utf-8"><title>{status}</title>{ICON_LINK}<style>{BRIEF_CSS}</style>'
            '</head>'
            f'<body><main id="main"><h1>{status}</h1><p>{e(message)}</p>'
            f'<p><a href="/?lang={lang}">cyberindex</a></p></main></body></html>')
    return Response(page, status=status, mimetype="text/html")


def install_brief(server: Flask) -> None:
    """Add ``/brief/<ISO3>`` and ``/brief/<ISO3>.pdf`` to ``server``."""

    @server.get("/brief/<code>")
    def country_brief(code: str):
        lang, group, notices = read_query(request.args)
        pdf = code.lower().endswith(".pdf")
        iso3 = code[:-4].upper() if pdf else code.upper()
        engine = data.current_engine()
        if not ISO3.match(iso3) or iso3 not in data.known_iso3(engine):
            return unavailable(lang, t("No country has the ISO 3166-1 alpha-3 code “{code}”.",
                                       lang, code=iso3[:12]), 404)
        if not pdf:
            return Response(render_brief(engine, iso3, lang, group, notices=notices),
                            mimetype="text/html")
        chromium = find_chromium()
        if chromium is None:
            return unavailable(lang, t("The PDF cannot be made here: no Chromium is installed "
                                       "on the server. Print the brief from your browser "
                                       "instead.", lang), 503)
        document = render_brief(engine, iso3, lang, group, for_print=True, notices=notices)
        try:
            pdf_bytes = print_to_pdf(document, chromium)
        except (subprocess.SubprocessError, OSError):
            abort(500)
        stamp = datetime.now(UTC).strftime("%Y%m%d")
        response = Response(pdf_bytes, mimetype="application/pdf")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="cyberindex-brief-{iso3}-{lang}-{stamp}.pdf"')
        return response


BRIEF_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm; }
* { box-sizing: border-box; }
html { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: #1b1f24; font-size: 10.5pt; line-height: 1.4; }
html:lang(ar) { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma,
  "DejaVu Sans", sans-serif; }
body { margin: 0 auto; max-width: 190mm; padding: 1rem; }
a { color: #005a8e; }
[dir="rtl"] [lang]:not([lang|="ar"]) { direction: ltr; unicode-bidi: isolate; }
a:focus-visible, button:focus-visible, select:focus-visible { outline: 3px solid #b35900;
  outline-offset: 2px; }
h1 { font-size: 1.6rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.15rem; margin: 0.9rem 0 0.35rem; border-block-end: 1px solid #d0d7de; }
h3 { font-size: 1rem; margin: 0.5rem 0 0.3rem; }
.brand { color: #57606a; margin: 0; font-size: 0.9rem; }
.lead { font-size: 1.05rem; font-weight: 600; margin: 0.2rem 0; }
.toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center;
  padding: 0.5rem 0.75rem; background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; }
.toolbar form { display: inline-flex; flex-wrap: wrap; gap: 0.4rem; align-items: center;
  margin: 0; max-inline-size: 100%; }
.toolbar select { max-inline-size: 100%; min-inline-size: 0; }
.notices { margin: 0.4rem 0; padding: 0.3rem 0.75rem; border: 1px solid #b35900;
  border-inline-start-width: 4px; background: #fff8f0; }
.notices p { margin: 0.2rem 0; }
.table-scroll:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
@media screen {
  /* A table wider than a phone scrolls in its box, its caption kept on screen. */
  .table-scroll { overflow-x: auto; }
  .table-scroll caption { position: sticky; inset-inline-start: 0;
    max-inline-size: calc(100vw - 2rem); }
}
.langs a { margin-inline-end: 0.75rem; }
table { border-collapse: collapse; width: 100%; margin: 0.35rem 0; font-size: 0.92rem; }
caption { text-align: start; font-weight: 600; padding-block: 0.2rem; }
th, td { text-align: start; padding: 0.2rem 0.4rem; border-block-end: 1px solid #d0d7de;
  vertical-align: top; }
thead th { background: #f6f8fa; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
/* A percentile on its line, what it stands on under it, smaller. */
.pct-cell { display: block; min-inline-size: 6.5em; }
.pct { display: block; }
.range { white-space: nowrap; }
.basis { font-size: 0.85em; color: #57606a; }
.bars { list-style: none; margin: 0.3rem 0; padding: 0; }
.bars li { display: grid; grid-template-columns: 11rem 1fr 14rem; gap: 0.6rem;
  align-items: center; margin-block: 0.25rem; }
.bar-track { position: relative; display: block; block-size: 0.9rem; background: #eef1f4;
  border: 1px solid #b8c0c8; }
.bar-fill { position: absolute; inset-block: 0; inset-inline-start: 0; background: #0072B2; }
.median { position: absolute; inset-block: -0.25rem; inline-size: 3px; background: #D55E00;
  margin-inline-start: -1px; }
.bar-value { font-variant-numeric: tabular-nums; font-size: 0.9rem; }
.legend { font-size: 0.85rem; color: #3d444d; margin: 0.2rem 0; }
.mark { color: #a4400b; font-weight: 600; font-size: 0.9em; }
.key { display: inline-block; inline-size: 1.2rem; block-size: 0.7rem; vertical-align: middle;
  margin-inline: 0.5rem 0.25rem; }
.key-fill { background: #0072B2; }
.key-median { inline-size: 3px; block-size: 1rem; background: #D55E00; }
.key-own { block-size: 3px; background: #0072B2; }
.key-peer { block-size: 0; border-block-start: 2px dashed #3d444d; }
.key-break { inline-size: 0; block-size: 1rem; border-inline-start: 2px dashed #6e7781; }
figure { margin: 0.3rem 0; }
figcaption { font-size: 0.85rem; color: #3d444d; }
.chart svg { inline-size: 100%; block-size: auto; max-block-size: 62mm; }
svg text { font-size: 11px; fill: #3d444d; }
svg .grid { stroke: #e1e5ea; stroke-width: 1; }
svg .break { stroke: #6e7781; stroke-width: 1.5; stroke-dasharray: 5 4; }
svg .line { fill: none; stroke-width: 2.5; }
svg .line.own { stroke: #0072B2; }
svg .line.peer { stroke: #3d444d; stroke-dasharray: 6 4; stroke-width: 1.8; }
svg .dot.own { fill: #0072B2; stroke: #fff; }
svg .dot.peer { fill: #3d444d; }
.statements { margin: 0.2rem 0; padding-inline-start: 1.2rem; font-size: 0.85rem; }
.cite { color: #57606a; }
.sources ul { padding-inline-start: 1.2rem; font-size: 0.8rem; margin: 0.2rem 0; }
.sources a, .statements a { white-space: nowrap; }  /* a host name is never cut in two */
.verdict-contradicted { color: #a4400b; }
.verdict-consistent { color: #006e4f; }
figure, table, .bars, li { break-inside: avoid; }
h2, h3 { break-after: avoid; }
@media print {
  /* Tighter on paper, so that a brief ends on its second page in each language (French had
     a third page for two lines of sources; Oman's in French and Arabic for a few more). */
  html { font-size: 10pt; line-height: 1.35; }
  h2 { margin: 0.7rem 0 0.3rem; }
  .chart svg { max-block-size: 52mm; }
  .bars li { grid-template-columns: 10rem 1fr 17rem; margin-block: 0.15rem; }
  th, td { padding-block: 0.15rem; }
  .toolbar { display: none; }
  body { padding: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .sources { break-inside: auto; }
  a { color: inherit; text-decoration: none; }
}
@media (max-width: 700px) { .bars li { grid-template-columns: 1fr; } }
/* On a phone the chart is drawn at about half its width: its words, larger in its own units,
   read at about 10 px (they were 7 px), and the tables' cells take less room (they fit). */
@media screen and (max-width: 500px) {
  svg text { font-size: 17px; }
  table { font-size: 0.85rem; }
  th, td { padding-inline: 0.25rem; }
}
"""
