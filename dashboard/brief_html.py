"""The HTML of a country brief: its pieces (escaped texts, tables, the pillar bars, the
trend's inline SVG) and its sections (GCI, distance to the next tier, trend, other indices,
news claims, sources), from the figures of :mod:`dashboard.brief_data`. Plain HTML, no
script; the Country page reuses the distance table and its notes.
"""

from __future__ import annotations

import html
import string
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from babel.dates import format_date

from dashboard import data
from dashboard.brief_data import OVERALL_MAX, PILLAR_MAX
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    N_,
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
    shown_statements,
    statements_left_said,
)
from dashboard.rank_texts import (
    held_out_note,
    median_left_out_note,
    rank_or_tier_text,
    value_mark_text,
)
from dashboard.statement_texts import figure_text, statement_note

VERDICTS = {
    "consistent": N_("consistent"),
    "contradicted": N_("contradicted"),
    "unverifiable": N_("unverifiable"),
}
# Translators: under the brief's trend chart: what its group median is ({group}: "the Arab
# Maghreb Union (Maghreb)", {country}: the brief's country).
MSG_MEDIAN_WITH = N_("Group median: the median overall score of the members of the {group} in "
                     "each edition, {country} included.")
MSG_MEDIAN_WITHOUT = N_("Group median: the median overall score of the members of the {group} "
                        "in each edition ({country} is not one of them).")
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


def pillar_bars(info: dict, lang: str, group_label: str | None) -> str:
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


def mark_html(row: Mapping[str, object], lang: str) -> str:
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
    if distance["kind"] == "top":
        template = (N_("Tier 1 is the top tier: the distances are the gaps to the maximum "
                       "(20 per pillar, {gap} points to 100 overall).") if per_pillar else
                    N_("Tier 1 is the top tier: the overall score is {gap} points from 100."))
        return t(template, lang, gap=format_number(distance["gap"], lang, 2))
    template = (N_("To reach tier {tier} ({label}) the overall score needs {points} more "
                   "points (threshold {threshold}); the headroom in each pillar is below.")
                if per_pillar else
                N_("To reach tier {tier} ({label}) the overall score needs {points} more "
                   "points (threshold {threshold})."))
    return t(template, lang, tier=format_number(distance["tier"], lang, 0),
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


