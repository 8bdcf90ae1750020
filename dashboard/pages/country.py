"""Country: every GCI figure of one country, with its document, channel, verification and links;
its latest value in the other indices (NCSI, EGDI) and INTERPOL's statements, as its printable
brief gives them (:mod:`dashboard.other_indices`); the news about it."""

from __future__ import annotations

from typing import cast

import dash
import pandas as pd
from dash import dcc, html

from dashboard import (
    brief_data,
    brief_html,
    data,
    figures,
    news_components,
    other_indices,
    provenance,
)
from dashboard.brief import brief_url
from dashboard.downloads import download_links
from dashboard.elements import Children, aria_attrs
from dashboard.i18n import N_, format_number, normalize_lang, t, tn
from dashboard.layout import (
    brief_links,
    catalog_element,
    channel_text,
    figure_block,
    href,
    html_table,
    link_list,
    notice,
    page_shell,
    table_twin,
    verification_text,
    whole_ranges,
)
from dashboard.rank_texts import median_left_out_note, rank_or_tier_text
from dashboard.url_state import (
    ViewState,
    encode_state,
    permalink_control,
    register_permalink_callback,
    view_link,
)
from etl import collation
from etl.export import ExportFilter

dash.register_page(__name__, path_template="/country/<iso3>", path="/country/MAR",
                   name="Country", order=2, title="cyberindex")

ID_TREND = "country-trend"
ID_PILLARS = "country-pillars"
ID_FIGURES = "country-figures"
ID_NOTICE = "country-notice"
ID_DISAGREE = "country-disagreements"
PREFIX = "country"
ID_URL = "country-url"
ID_DOWNLOADS = "country-downloads"
ID_STANDING = "country-standing"
ID_LIST = "country-list"
ID_OTHER_INDICES = other_indices.ID_SECTION
# Translators: the Country page's title: its GCI figures, its other indices and its news.
MSG_TITLE = N_("{country}: national cybersecurity indices")


def indicator_label(indicator_id: str, lang: str) -> str:
    """The name of a GCI indicator in ``lang``."""
    if indicator_id == data.GCI_OVERALL:
        return t("Overall score", lang)
    label = data.GCI_PILLARS.get(indicator_id)
    return t("Pillar: {pillar}", lang, pillar=t(label, lang)) if label else indicator_id


def focus_countries() -> tuple[str, ...]:
    """The countries the dashboard watches (drawn as the Compare page draws them)."""
    return tuple(data.current_settings().watched_countries)


def country_style(iso3: str) -> dict[str, figures.SeriesStyle]:
    """The country's colour and symbol: those it has in the Compare page's default selection
    (the watched countries, then the regional peers), so Morocco is drawn alike on both pages;
    a country outside that selection takes the next one."""
    return {iso3: figures.country_styles([*focus_countries(), *data.DEFAULT_PEERS, iso3])[iso3]}


def figures_table(observations: pd.DataFrame, lang: str) -> dict:
    """Every figure of the country with its provenance, one row per indicator and edition."""
    order = {key: i for i, key in enumerate([data.GCI_OVERALL, *data.GCI_PILLARS])}
    frame = observations.sort_values(
        ["edition", "indicator_id"], key=lambda s: s.map(order) if s.name == "indicator_id" else s
    )
    rows = []
    previous = None  # (edition, note) of the row above
    for _, r in frame.iterrows():
        note = r["source_note"] if isinstance(r["source_note"], str) else ""
        # The source writes one note per country and edition, and the ETL keeps it on each of
        # that edition's figures: written out once, then pointed to (every export row has it
        # in its source_note column).
        repeated = bool(note) and previous == (r["edition"], note)
        previous = (r["edition"], note)
        rows.append([
            str(int(r["edition"])),
            indicator_label(r["indicator_id"], lang),
            provenance.value_with_correction(format_number(r["value"], lang),
                                             r.get("correction"), lang),
            whole_ranges(r["scale"]),
            rank_or_tier_text(r, lang, "–") if r["indicator_id"] == data.GCI_OVERALL else "",
            catalog_element(html.Span, r["source_document"], lang),
            channel_text(r["channel"], lang),
            verification_text(r["verification"], lang),
            html.Div(link_list(data.split_urls(r["source_url"])), className="ci-source-links"),
            (html.Span(t("As above", lang), className="ci-note") if repeated
             else catalog_element(html.Span, note, lang) if note else ""),
        ])
    headers = [t("Edition", lang), t("Indicator", lang), t("Value as published", lang),
               t("Scale", lang), t("Rank or tier", lang), t("Source document", lang),
               t("Channel", lang), t("Verification", lang), t("Source links", lang),
               t("Note", lang)]
    return html_table(headers, rows, t("Every GCI figure, with its source", lang),
                      table_id=ID_FIGURES, numeric=(2,))


def unknown_country(code: str, names: dict[str, str], lang: str) -> list:
    """The notice for a code that names no country, and the list of every country's page
    (a mistyped code, MOR for MAR, is one click from the right page). Served with HTTP 404
    (:func:`exists`, :func:`dashboard.pages.not_found_404.status_of`)."""
    return [
        html.H1(t("Country not found", lang)),
        html.Div(notice(t("No country has the ISO 3166-1 alpha-3 code “{code}”.", lang,
                          code=code), "warning"), id=ID_NOTICE),
        html.P(dcc.Link(t("Choose countries on the compare page", lang),
                        href=href("/compare", lang))),
        country_list(names, lang),
    ]


def country_list(names: dict[str, str], lang: str) -> html.Nav:
    """A link to each country's page, by name in ``lang``'s collation order."""
    links: list = []
    for iso3 in collation.sorted_texts(names, key=names.get):
        if links:
            links.append(" · ")
        links.append(dcc.Link(names[iso3], href=href(f"/country/{iso3}", lang)))
    heading = t("Every country's page", lang)
    return html.Nav([html.H2(heading), html.P(links)], id=ID_LIST, **aria_attrs(label=heading))


def exists(iso3: str = "", **_variables: str) -> bool:
    """Does ``/country/<iso3>`` name a country (else the page is served as not found)?"""
    return str(iso3 or "").strip().upper() in data.known_iso3(data.current_engine())


def country_content(iso3: str, name: str, observations: pd.DataFrame, lang: str) -> list:
    """The figures, twins and table of a known country, and its other indices."""
    if observations.empty:
        others = other_indices_block(iso3, name, None, lang)
        return [html.H1(name), html.Div(notice(t("No GCI figures for {country} yet.", lang,
                                                 country=name)), id=ID_NOTICE),
                *([others] if others is not None else [])]
    overall = data.with_changes(observations[observations["indicator_id"] == data.GCI_OVERALL])
    pillars = observations[observations["indicator_id"].isin(list(data.GCI_PILLARS))]
    trend_rows = [[str(int(r["edition"])),
                   provenance.value_with_marks(format_number(r["value"], lang), r, lang),
                   whole_ranges(r["scale"]),
                   format_number(r["score_100"], lang), rank_or_tier_text(r, lang, "–")]
                  for _, r in overall.iterrows()]
    trend_table = html_table(
        [t("Edition", lang), t("Score as published", lang), t("Scale", lang),
         t("Score on 0-100", lang), t("Rank or tier", lang)],
        trend_rows, t("GCI overall score by edition", lang), numeric=(1, 3))
    blocks = [
        # The page holds the GCI and the other indices: its title says so.
        html.H1(t(MSG_TITLE, lang, country=name)),
        html.P(dcc.Link(t("Compare {country} with peers", lang, country=name),
                        href=href("/compare", lang, countries=iso3))),
        brief_links(name, brief_url(iso3, lang), brief_url(iso3, lang, pdf=True), lang),
        figure_block(ID_TREND, figures.gci_trend_figure(overall, lang,
                                                        styles=country_style(iso3),
                                                        focus=focus_countries()),
                     t("GCI overall score by edition", lang), table_twin(trend_table, lang),
                     lang=lang),
    ]
    if not pillars.empty:
        editions = sorted(pillars["edition"].unique().tolist())
        wide = pillars.pivot_table(index="indicator_id", columns="edition", values="value")
        pillar_rows = [[t(label, lang), *[format_number(wide.at[p, e], lang, 2)
                                          if p in wide.index else "–" for e in editions]]
                       for p, label in data.GCI_PILLARS.items()]
        title = t("GCI pillars of {country} (each out of 20)", lang, country=name)
        blocks.append(figure_block(
            ID_PILLARS, figures.pillars_figure(pillars, lang, series="edition", title=title),
            title,
            table_twin(html_table([t("Pillar", lang),
                                   *[t("GCI {edition}", lang, edition=e) for e in editions]],
                                  pillar_rows, title, numeric=range(1, len(editions) + 1)),
                       lang), lang=lang,
        ))
    standing = standing_block(iso3, lang)
    if standing is not None:
        blocks.append(standing)
    disputed = provenance.disagreements_block(
        data.disagreements(data.current_engine(), [iso3]), observations, lang, ID_DISAGREE)
    if disputed is not None:
        blocks.append(disputed)
    others = other_indices_block(iso3, name, overall.sort_values("edition").iloc[-1]
                                 if len(overall) else None, lang)
    if others is not None:
        blocks.append(others)
    blocks += [html.H2(t("Every GCI figure, with its source", lang)),
               html.Div(cast(Children, figures_table(observations, lang)),
                        className="ci-table-scroll")]
    return blocks


def other_indices_block(iso3: str, name: str, latest: pd.Series | None,
                        lang: str) -> html.Section | None:
    """The brief's "Other indices" (NCSI, EGDI, the latest GCI and INTERPOL's statements) with
    the percentiles in the brief's default peer group; ``latest``: the country's latest GCI
    overall row. None when the country has none."""
    engine = data.current_engine()
    return other_indices.other_indices_section(engine, iso3, name,
                                               brief_data.default_group(engine, iso3), latest, lang)


def standing_block(iso3: str, lang: str) -> html.Section | None:
    """Distance to the next tier: how many points the overall score needs for the tier above
    (for tier 1, the gaps to the maximum) and, per pillar of that same edition, the score, the
    median and best of the country's peer group (the brief's default) and the headroom to 20.
    Where that edition has no pillar scores for the country (GCI 2024 for Tunisia), the overall
    distance alone and a note saying so: another edition's pillars are not used across the
    methodology break. None when the country has no tier."""
    engine = data.current_engine()
    group = brief_data.default_group(engine, iso3)
    found = brief_data.standing(engine, iso3, group, lang)
    if found["distance"]["kind"] == "none":
        return None
    names = data.country_names(engine, lang)
    overall = found["distance_edition"]
    heading = html.H2(t("Distance to the next tier", lang)
                      + f" ({brief_html.edition_label(overall, lang)})")
    pillars = found["distance_pillars"]
    if not pillars:
        note = brief_html.no_pillars_note({**found, "name": names.get(iso3, iso3)}, lang)
        return html.Section([
            heading,
            html.P(brief_html.distance_intro(found["distance"], lang, per_pillar=False)),
            html.P(note, className="ci-note"),
        ], id=ID_STANDING, className="ci-standing")
    headers, rows = brief_html.distance_table(pillars, lang)
    peers = max(r["peers"] for r in pillars)
    label = t(data.GROUP_LABELS.get(group or "", group or ""), lang) if group else None
    if label and peers:
        said = tn("Median of the {group} ({count} country with pillar scores)",
                  "Median of the {group} ({count} countries with pillar scores)", peers, lang,
                  group=label, count=format_number(peers, lang, 0))
    elif label:
        said = t("No other member of the {group} has pillar scores for this edition.", lang,
                 group=label)
    else:
        said = None
    # The tier and the pillars are of one edition, named (isolated left to right, for Arabic
    # lines).
    caption = brief_html.distance_caption(overall, lang)
    rounding = brief_html.pillar_rounding_note(found, lang)
    left = median_left_out_note(found["distance_pillars_left_out"], lang)  # held out, named
    return html.Section([
        heading,
        html.P(brief_html.distance_intro(found["distance"], lang)),
        html.P(rounding, className="ci-note") if rounding else None,
        html.P(said, className="ci-note") if said else None,
        html.P(left, className="ci-note") if left else None,
        # Five columns outgrow a phone: the table scrolls in its own box, not the page (a
        # box that scrolls is reachable by keyboard and named, for screen readers).
        html.Div(cast(Children, html_table(headers, rows, caption,
                                           numeric=range(1, len(headers)))),
                 className="ci-table-scroll", tabIndex="0", role="region",
                 **aria_attrs(label=caption)),
    ], id=ID_STANDING, className="ci-standing")


def page_url(iso3: str, lang: str) -> str:
    """The link to the country's page in ``lang`` (absolute when serving a request)."""
    return view_link(f"/country/{iso3}"
                               + encode_state(ViewState(lang=normalize_lang(lang))))


def link_and_downloads(iso3: str, lang: str) -> list:
    """Download links of the country's GCI rows (when it has any) and the copy-link field."""
    blocks: list = [dcc.Location(id=ID_URL, refresh=False)]
    if not data.gci_observations(data.current_engine(), [iso3], lang).empty:
        wanted = ExportFilter(indicators=(data.GCI_OVERALL, *data.GCI_PILLARS),
                              countries=(iso3,))
        blocks.append(html.Div(download_links(wanted, lang, view=page_url(iso3, lang),
                                              id_prefix=PREFIX), id=ID_DOWNLOADS))
    blocks.append(permalink_control(PREFIX, lang, url=page_url(iso3, lang)))
    return blocks


def register_callbacks(app: dash.Dash) -> None:
    """The copy-link field follows the page's URL."""
    register_permalink_callback(app, PREFIX, ID_URL)


def layout(iso3: str = "", lang: str = "en", **_query: object) -> html.Div:
    """The country page for ``iso3`` in ``lang``; an unknown code gives a notice."""
    lang = normalize_lang(lang)
    code = str(iso3 or "").strip().upper()
    engine = data.current_engine()
    names = data.country_names(engine, lang)
    if code not in names:
        content = unknown_country(code, names, lang)
    else:
        content = country_content(code, names[code], data.gci_observations(engine, [code], lang),
                                  lang)
        content += link_and_downloads(code, lang)
        content += news_components.country_news_section(engine, code, names, lang)
    return page_shell(lang, f"/country/{code}", content)
