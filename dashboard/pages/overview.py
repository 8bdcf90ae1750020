"""Overview: the watched countries (Morocco and Oman) side by side in the latest GCI editions,
with a link to the page (its only state is the language) and a download of their GCI rows."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard import data, figures, provenance
from dashboard.brief import brief_url
from dashboard.downloads import download_links
from dashboard.elements import aria_attrs
from dashboard.i18n import N_, format_names, format_number, format_signed, normalize_lang, t, tn
from dashboard.layout import (
    brief_links,
    figure_block,
    href,
    html_table,
    notice,
    page_shell,
    sources_block,
    table_twin,
)
from dashboard.rank_texts import no_change_text, rank_or_tier_text
from dashboard.url_state import (
    ViewState,
    encode_state,
    permalink_control,
    register_permalink_callback,
    view_link,
)
from etl.export import ExportFilter

dash.register_page(__name__, path="/", name="Overview", order=0, title="cyberindex",
                   nav_label=N_("Overview"))

PATH = "/"
PREFIX = "overview"
ID_URL = "overview-url"
ID_CARDS = "overview-cards"
ID_DOWNLOADS = "overview-downloads"
SHOWN_EDITIONS = 2  # the latest two editions get a summary each


def card_id(iso3: str) -> str:
    return f"overview-card-{iso3.lower()}"


def score_id(iso3: str, edition: int) -> str:
    return f"overview-score-{iso3.lower()}-{edition}"


def pillars_graph_id(iso3: str) -> str:
    return f"overview-pillars-{iso3.lower()}"


def change_lines(row: pd.Series, lang: str) -> list[str]:
    """What changed against the previous edition, saying on which scale and across which break."""
    if pd.isna(row.get("prev_edition")):
        return [t("First edition with a score for this country.", lang)]
    held = no_change_text(row, lang)  # a side held out of derived figures (data.held_out)
    if held:
        return [held]
    prev = int(row["prev_edition"])
    change = format_signed(row["change_100"], lang)
    if str(row["prev_scale"]) == "0-1":
        lines = [t("{change} points since {prev}, on the rescaled 0-100 basis ({prev} was "
                   "published as {value} on a 0-1 scale).", lang, change=change, prev=prev,
                   value=format_number(row["prev_value"], lang))]
    else:
        lines = [t("{change} points since {prev} (both editions on 0-100).", lang,
                   change=change, prev=prev)]
    if bool(row["across_break"]):
        lines.append(t("No rank change: GCI {edition} publishes tiers, not ranks "
                       "(methodology break).", lang, edition=int(row["edition"])))
    elif not pd.isna(row.get("rank_change")):
        moved = int(row["rank_change"])
        ranks = dict(before=format_number(row["prev_rank"], lang, 0),
                     after=format_number(row["rank"], lang, 0), prev=prev)
        if moved > 0:
            lines.append(tn("Rank {before} in {prev}, now {after}: up {places} place.",
                            "Rank {before} in {prev}, now {after}: up {places} places.", moved,
                            lang, places=format_number(moved, lang, 0), **ranks))
        elif moved < 0:
            lines.append(tn("Rank {before} in {prev}, now {after}: down {places} place.",
                            "Rank {before} in {prev}, now {after}: down {places} places.", -moved,
                            lang, places=format_number(-moved, lang, 0), **ranks))
        else:
            lines.append(t("Same rank as in {prev}.", lang, prev=prev))
    return lines


def edition_summary(iso3: str, row: pd.Series, lang: str) -> html.Div:
    """One edition of one country: score, rank or tier, change against the previous edition."""
    edition = int(row["edition"])
    scale = t("out of 100", lang) if str(row["scale"]) == "0-100" else t("out of 1", lang)
    return html.Div([
        html.H3(t("GCI {edition}", lang, edition=edition), className="ci-edition-title"),
        html.P([
            html.Span(format_number(row["value"], lang), id=score_id(iso3, edition),
                      className="ci-score"),
            " ", html.Span(scale, className="ci-score-scale"),
        ]),
        html.P(rank_or_tier_text(row, lang, t("No rank or tier published", lang)), className="ci-rank-tier"),
        *([html.P(provenance.correction_badge(row.get("correction"), lang))]
          if data.parse_correction(row.get("correction")) else []),
        html.Ul([html.Li(line) for line in change_lines(row, lang)], className="ci-changes"),
    ], className="ci-edition")


def pillars_table(pillars: pd.DataFrame, lang: str, caption: str) -> dict:
    """Table twin of a country's pillar chart: one row per pillar, one column per edition."""
    editions = sorted(pillars["edition"].unique().tolist())
    wide = pillars.pivot_table(index="indicator_id", columns="edition", values="value")
    rows = [
        [t(label, lang), *[format_number(wide.at[p, e], lang, 2)
                           if p in wide.index and e in wide.columns else "–" for e in editions]]
        for p, label in data.GCI_PILLARS.items()
    ]
    headers = [t("Pillar", lang), *[t("GCI {edition}", lang, edition=e) for e in editions]]
    return html_table(headers, rows, caption, numeric=range(1, len(editions) + 1))


def country_card(iso3: str, name: str, overall: pd.DataFrame, pillars: pd.DataFrame,
                 observations: pd.DataFrame, lang: str,
                 disputed: pd.DataFrame | None = None) -> html.Section:
    """The card of one country."""
    heading_id = f"{card_id(iso3)}-title"
    head = html.H2(dcc.Link(name, href=href(f"/country/{iso3}", lang)), id=heading_id)
    if overall.empty:
        return html.Section([head, notice(t("No GCI figures for this country yet.", lang))],
                            id=card_id(iso3), className="ci-card",
                            **aria_attrs(labelledby=heading_id))
    latest = overall.sort_values("edition", ascending=False).head(SHOWN_EDITIONS)
    summaries = [edition_summary(iso3, row, lang) for _, row in latest.iterrows()]
    shown = set(latest["edition"].tolist()) | set(latest["prev_edition"].dropna().astype(int))
    title = t("GCI pillars of {country} (each out of 20)", lang, country=name)
    pillar_block = (
        figure_block(
            pillars_graph_id(iso3),
            figures.pillars_figure(pillars, lang, series="edition", title=title),
            title,
            table_twin(pillars_table(pillars, lang, title), lang), lang=lang,
        )
        if not pillars.empty else notice(t("No pillar scores for this country.", lang))
    )
    sources = sources_block(observations[observations["edition"].isin(shown)], lang)
    # "Verification: sources disagree" in the sources says so; this lists each value and source.
    disagree = provenance.disagreements_block(
        disputed[disputed["edition"].isin(shown)] if disputed is not None else pd.DataFrame(),
        observations, lang, f"{card_id(iso3)}-disagreements", heading="h3")
    brief = brief_links(name, brief_url(iso3, lang), brief_url(iso3, lang, pdf=True), lang)
    return html.Section([head, brief, html.Div(summaries, className="ci-editions"), pillar_block,
                         sources, *([disagree] if disagree is not None else [])],
                        id=card_id(iso3), className="ci-card", **aria_attrs(labelledby=heading_id))


def page_url(lang: str) -> str:
    """The link to the page in ``lang`` (absolute when serving a request)."""
    return view_link(PATH + encode_state(ViewState(lang=normalize_lang(lang))))


def gci_downloads(countries: list[str], lang: str) -> html.Div:
    """Download links of every GCI row (overall and pillars) of the watched countries."""
    wanted = ExportFilter(indicators=(data.GCI_OVERALL, *data.GCI_PILLARS),
                          countries=tuple(countries))
    return html.Div(download_links(wanted, lang, view=page_url(lang), id_prefix=PREFIX),
                    id=ID_DOWNLOADS)


def register_callbacks(app: dash.Dash) -> None:
    """The copy-link field follows the page's URL."""
    register_permalink_callback(app, PREFIX, ID_URL)


def layout(lang: str = "en", **_query: object) -> html.Div:
    """The overview page in ``lang``."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    focus = list(data.current_settings().watched_countries)
    names = data.country_names(engine, lang)
    observations = data.gci_observations(engine, focus, lang)
    overall = data.with_changes(observations[observations["indicator_id"] == data.GCI_OVERALL])
    pillars = data.gci_pillars(engine, focus, lang=lang)
    disputed = data.disagreements(engine, focus)
    cards = [
        country_card(iso3, names.get(iso3, iso3), overall[overall["iso3"] == iso3],
                     pillars[pillars["iso3"] == iso3],
                     observations[observations["iso3"] == iso3], lang,
                     disputed[disputed["iso3"] == iso3])
        for iso3 in focus
    ]
    content = [
        html.H1(t("Global Cybersecurity Index: where {countries} stand", lang,
                  countries=format_names((names.get(c, c) for c in focus), lang))),
        html.P(t("ITU's Global Cybersecurity Index scores countries on five pillars. Scores "
                 "were published on a 0-1 scale up to 2018 and on 0-100 since 2020; changes "
                 "across that step are given on the rescaled 0-100 basis. The 2024 edition "
                 "places countries in tiers and publishes no ranks.", lang),
               className="ci-lede"),
        html.P(dcc.Link(t("Compare with peers", lang),
                        href=href("/compare", lang, countries=",".join(focus)))),
        html.Div(cards, id=ID_CARDS, className="ci-cards"),
        gci_downloads(focus, lang),
        dcc.Location(id=ID_URL, refresh=False),
        permalink_control(PREFIX, lang, url=page_url(lang)),
    ]
    return page_shell(lang, PATH, content)
