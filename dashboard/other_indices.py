"""A country's "Other indices": its latest GCI, NCSI and EGDI values with their rank or tier,
their percentile in a peer group and their sources, and the INTERPOL statements cited about
it. Read and put in words once (:func:`read_other_indices`, :func:`index_lines`,
:func:`interpol_said`) for the printable brief, which writes them as HTML
(:func:`dashboard.brief_html.section_indices`), and the Country page, which shows them as a table
with each value's provenance (:func:`other_indices_section`): the same figures on both.

The percentile is :func:`etl.crossindex.cross_index_frame`'s, among the country and the
members of the peer group (the brief's, by default the first of
:data:`dashboard.brief_data.GROUP_PREFERENCE` the country belongs to), as the Cross-index page
gives it for that group. A value the corrections ledger marks, or whose sources disagree,
carries the mark the pages give it; a GCI score held out of derived figures is placed nowhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import pandas as pd
from dash import dcc, html
from sqlalchemy.engine import Engine

from dashboard import data, provenance, url_state
from dashboard.downloads import download_links
from dashboard.elements import Children, aria_attrs
from dashboard.figures_crossindex import basis_short
from dashboard.i18n import (
    N_,
    fill,
    format_number,
    format_percentage,
    localize_digits,
    t,
    tn,
)
from dashboard.layout import (
    catalog_element,
    channel_text,
    href,
    html_table,
    link_list,
    verification_text,
    whole_ranges,
)
from dashboard.rank_texts import not_placed_text
from dashboard.statement_texts import figure_text, statement_note
from etl import crossindex
from etl.crossindex import cited_only
from etl.export import ExportFilter

OTHER_INDICES = {
    "gci": N_("ITU Global Cybersecurity Index"),
    "ncsi": N_("National Cyber Security Index"),
    "egdi": N_("UN E-Government Development Index"),
}
# What the percentile is (etl.crossindex.percentile_within), under its table.
PERCENTILE_NOTE = N_("Percentile in the group: the share of the other countries of the group, "
                     "in the same edition of the index, that the country scores at or above "
                     "(100% = best of the group, ties included; 0% = below all the others).")
# Translators: over the download links of the Country page's "Other indices" table: the file
# holds the table of every member of the peer group, whose percentiles the page shows.
MSG_GROUP_TABLE_DOWNLOAD = N_("Download this table for the {group} (the countries of its "
                              "percentiles):")
MSG_STATEMENTS_DOWNLOAD = N_("Download every cited statement about {country}:")
# An index's value and the scale it is published on ("0.68411 (scale 0-1)").
MSG_ON_SCALE = N_("{value} (scale {scale})")
# Translators: after a finding, in brackets: the report it comes from, the kind of source it
# was read in (the press, a contributor's release) and that source's links. Keep the
# punctuation of your language ("{report} ; {kind} : {links}" in French).
MSG_CITATION = N_("({report}; {kind}: {links})")
# Translators: the Country page's link to the Cross-index page ({group}: "the Gulf
# Cooperation Council (GCC)"); the second when the country is in no peer group.
MSG_CROSS_LINK = N_("Every index side by side for the {group} (Cross-index page)")
MSG_CROSS_LINK_ALONE = N_("Every index side by side with other countries (Cross-index page)")
INTERPOL_SOURCE = crossindex.INTERPOL_SOURCE
STATEMENTS_SHOWN = 2
ID_SECTION = "country-other-indices"
ID_TABLE = "country-other-indices-table"


@dataclass(frozen=True)
class IndexLine:
    """One index's latest value for the country, in words (digits as chosen)."""

    key: str
    label: str  # the index's name
    edition: str
    value: str  # the value as published ("–" when none is)
    scale: str | None  # the scale it is published on ("0-100"), when the source names one
    standing: str  # rank, tier, "not placed" or "–"
    percentile: str | None  # "50 %", None without one
    basis: str  # what the percentile stands on, its "{percentile}" field left in
    marks: dict = field(default_factory=dict)  # verification and correction, for the marks
    source_document: object = None
    channel: object = None
    verification: object = None
    source_urls: tuple[str, ...] = ()


def read_other_indices(engine: Engine, iso3: str, members: Sequence[str]
                       ) -> tuple[pd.Series | None, pd.DataFrame]:
    """The country's row of the cross-index frame among itself and ``members`` (None when it
    has no row) and the statements cited about it (its own, no region-level one)."""
    cross = data.peer_cross_index(engine, [iso3, *members])
    row = cross[cross["iso3"] == iso3]
    statements = crossindex.statements_frame(engine, [iso3], include_region=False)
    return (row.iloc[0] if len(row) else None), statements


def index_lines(row: pd.Series | None, latest: pd.Series | None, lang: str) -> list[IndexLine]:
    """Each index the country has a latest edition of, in words. ``latest`` is the country's
    latest GCI overall row (:func:`dashboard.brief_data.standing`): held out of derived figures, its
    edition's score has no tier and no percentile."""
    if row is None:
        return []
    lines = []
    for key, label in OTHER_INDICES.items():
        if pd.isna(row.get(f"{key}_edition")):
            continue
        value, scale = row.get(f"{key}_value"), row.get(f"{key}_scale")
        percentile, count = row.get(f"{key}_percentile"), row.get(f"{key}_group_n")
        # What it stands on, as the Cross-index page says it: GCI 2024 on the tier (ITU does
        # not order a tier), else the score or the rank.
        basis = "" if pd.isna(percentile) else tn(
            "{percentile} ({basis}, {n} country)", "{percentile} ({basis}, {n} countries)",
            int(count), lang, percentile="{percentile}",
            basis=basis_short(row.get(f"{key}_basis"), lang), n=format_number(count, lang, 0))
        rank, tier = row.get(f"{key}_rank"), row.get(f"{key}_tier")
        standing = (t("Tier {tier}", lang, tier=format_number(tier, lang, 0))
                    if not pd.isna(tier) else "–" if pd.isna(rank)
                    else format_number(rank, lang, 0))
        shown_percentile = None if pd.isna(percentile) else format_percentage(percentile, lang, 0)
        if (key == "gci" and latest is not None and data.is_held_out(latest)
                and int(latest["edition"]) == int(row[f"{key}_edition"])):
            # The GCI score held out of derived figures: no tier, no percentile from it.
            standing, shown_percentile, basis = not_placed_text(lang), None, ""
        lines.append(IndexLine(
            key=key, label=t(label, lang),
            edition=localize_digits(str(int(row[f"{key}_edition"])), lang),
            value="–" if pd.isna(value) else format_number(value, lang, data.PUBLISHED_DIGITS),
            scale=localize_digits(scale, lang) if isinstance(scale, str) else None,
            standing=standing, percentile=shown_percentile, basis=basis,
            # A value says what the pages say of it (a ledger mark, sources that disagree).
            marks={"verification": row.get(f"{key}_verification"),
                   "correction": row.get(f"{key}_correction")},
            source_document=row.get(f"{key}_source_document"),
            channel=row.get(f"{key}_channel"),
            verification=row.get(f"{key}_verification"),
            source_urls=tuple(data.split_urls(row.get(f"{key}_source_url"))),
        ))
    return lines


def interpol_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """INTERPOL's statements as its reports or the press give them: the project's own check
    of a claim against them ("analysis of sources above") is not one of them, nor counted."""
    if not len(statements):
        return statements
    return cited_only(statements[statements["source_id"] == INTERPOL_SOURCE])


def interpol_said(statements: pd.DataFrame, country: str, lang: str) -> str | None:
    """"INTERPOL: 3 cited statements name Morocco (latest 2025)."; None without one."""
    if not len(statements):
        return None
    editions = statements["edition"].dropna()
    return tn("INTERPOL: {count} cited statement names {country} ({edition}).",
              "INTERPOL: {count} cited statements name {country} (latest {edition}).",
              len(statements), lang,
              count=format_number(len(statements), lang, 0), country=country,
              edition=localize_digits(str(int(editions.max())), lang) if len(editions) else "–")


def statements_left_said(statements: pd.DataFrame, lang: str) -> str | None:
    """Under the newest statements, where the others are ("8 cited statements" above two
    read as a mismatch); None when every one is shown."""
    left = len(statements) - STATEMENTS_SHOWN
    if left <= 0:
        return None
    return tn("The newest {shown} are above; the {count} other is on the Cross-index page.",
              "The newest {shown} are above; the {count} others are on the Cross-index page.",
              left, lang, shown=format_number(STATEMENTS_SHOWN, lang, 0),
              count=format_number(left, lang, 0))


def shown_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """The newest statements shown under the count."""
    return statements.sort_values("edition", ascending=False,
                                  na_position="last").head(STATEMENTS_SHOWN)


# ---------------------------------------------------------------- the Country page's block


def value_element(line: IndexLine, lang: str) -> object:
    """The value on its scale ("0,858 (échelle 0-1)", the range kept on one line), with the
    marks the pages give a marked value (the ledger's badge and reason, sources disagree)."""
    if line.value == "–" or line.scale is None:
        shown: object = line.value
    else:
        shown = html.Span(fill(t(MSG_ON_SCALE, lang), MSG_ON_SCALE, value=line.value,
                               scale=html.Span(whole_ranges(line.scale), dir="ltr")))
    return provenance.value_with_marks(shown, line.marks, lang)


def percentile_element(line: IndexLine) -> object:
    """The percentile on a line of its own, what it stands on under it (as the Cross-index
    page's cell); "–" without one."""
    if line.percentile is None:
        return "–"
    pieces = fill(line.basis, line.basis,
                  percentile=html.Span(line.percentile, className="ci-percentile"))
    return html.Span([html.Span(piece, className="ci-percentile-basis")
                      if isinstance(piece, str) else piece for piece in pieces],
                     className="ci-percentile-cell")


def lines_table(lines: list[IndexLine], lang: str) -> dict:
    """The indices' latest values, each with its document, channel, verification and links
    (the columns of the page's table of GCI figures)."""
    rows = [[line.label, line.edition, value_element(line, lang), line.standing,
             percentile_element(line),
             catalog_element(html.Span, str(line.source_document), lang)
             if isinstance(line.source_document, str) else "–",
             channel_text(line.channel, lang), verification_text(line.verification, lang)
             if isinstance(line.verification, str) else "–",
             html.Div(link_list(line.source_urls), className="ci-source-links")]
            for line in lines]
    headers = [t("Index", lang), t("Edition", lang), t("Value", lang), t("Rank or tier", lang),
               t("Percentile in the group", lang), t("Source document", lang),
               t("Channel", lang), t("Verification", lang), t("Source links", lang)]
    return html_table(headers, rows, t("Latest value of each index", lang), table_id=ID_TABLE,
                      numeric=(2, 3, 4))


def statement_item(row: pd.Series, lang: str) -> html.Li:
    """A cited finding: the statement, the figure it gives, then in brackets the report and
    the kind of source with its links, and the source's note (as the brief gives it)."""
    figure = figure_text(row, lang)
    cite = fill(t(MSG_CITATION, lang), MSG_CITATION,
                report=catalog_element(html.Span, str(row["report_title"]), lang),
                kind=catalog_element(html.Span, str(row["source_kind"]), lang),
                links=html.Span(link_list(data.split_urls(row["source_url"]))))
    note = statement_note(row)
    return html.Li([
        catalog_element(html.Span, str(row["statement"]), lang),
        *([f" · {figure}"] if figure else []),
        " ", html.Span([*cite, *([" — ", catalog_element(html.Span, note, lang)]
                                 if note else [])], className="ci-note"),
    ])


def cross_index_link(iso3: str, members: Sequence[str], group_label: str | None,
                     lang: str) -> html.P:
    """The Cross-index page for the countries of the peer group (its members: the same
    percentiles, every member beside it; not the page's preset, which adds the watched
    countries), or for the country alone when it is in none."""
    if members and group_label:
        return html.P(dcc.Link(t(MSG_CROSS_LINK, lang, group=group_label),
                               href=href("/cross-index", lang, country=",".join(members))))
    return html.P(dcc.Link(t(MSG_CROSS_LINK_ALONE, lang),
                           href=href("/cross-index", lang, country=iso3)))


def section_downloads(iso3: str, country: str, members: Sequence[str],
                      group_label: str | None, statements: bool, lang: str) -> list:
    """Download links of what the section shows, by the one export path (:mod:`etl.export`,
    as the Cross-index page's): the side-by-side table of the peer group's members (the
    countries its percentiles are reckoned among: a file of the country alone would give it
    100) or of the country alone when it is in none, and the INTERPOL statements about the
    country when there are some (all of them: the section shows the newest); each file links back to the Cross-index view of its rows."""
    countries = tuple(members) if members and group_label else (iso3,)
    view = url_state.view_link(href("/cross-index", lang, country=",".join(countries)))
    label = (t(MSG_GROUP_TABLE_DOWNLOAD, lang, group=group_label) if len(countries) > 1
             else t("Download this table:", lang))
    links = [download_links(ExportFilter(countries=countries), lang, view=view,
                            id_prefix=f"{ID_SECTION}-table", dataset="crossindex", label=label)]
    if statements:
        links.append(download_links(ExportFilter(countries=(iso3,)), lang, view=view,
                                    id_prefix=f"{ID_SECTION}-statements", dataset="statements",
                                    label=t(MSG_STATEMENTS_DOWNLOAD, lang, country=country)))
    return links


def other_indices_section(engine: Engine, iso3: str, country: str, group: str | None,
                          latest: pd.Series | None, lang: str) -> html.Section | None:
    """The Country page's "Other indices": the brief's figures (:func:`read_other_indices`,
    :func:`index_lines`) as a table, which is its own table twin, each value with its
    provenance, the peer group named, INTERPOL's statements and the link to the Cross-index
    page; None when the country has none of them."""
    members = list(data.group_members(engine, group)) if group else []
    row, statements = read_other_indices(engine, iso3, members)
    lines = index_lines(row, latest, lang)
    cited = interpol_statements(statements)
    if not lines and not len(cited):
        return None
    group_label = t(data.GROUP_LABELS.get(group, group), lang) if group else None
    caption = t("Latest value of each index", lang)
    out: list = [html.H2(t("Other indices", lang))]
    if lines:
        out += [
            html.P(t("{label}: {text}", lang, label=t("Peer group", lang),
                     text=group_label or t("no peer group", lang)), className="ci-note"),
            # Nine columns outgrow a phone: the table scrolls in its own named box.
            html.Div(cast(Children, lines_table(lines, lang)), className="ci-table-scroll",
                     tabIndex="0", role="region", **aria_attrs(label=caption)),
            html.P(t(PERCENTILE_NOTE, lang), className="ci-note"),
        ]
    said = interpol_said(cited, country, lang)
    if said:
        left = statements_left_said(cited, lang)
        out += [html.P(said), html.Ul([statement_item(s, lang)
                                       for _, s in shown_statements(cited).iterrows()]),
                *([html.P(left, className="ci-note")] if left else [])]
    out += section_downloads(iso3, country, members, group_label, bool(said), lang)
    out.append(cross_index_link(iso3, members, group_label, lang))
    return html.Section(out, id=ID_SECTION, className="ci-other-indices")
