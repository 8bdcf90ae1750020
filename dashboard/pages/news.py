"""News: mention volume over time per country, the article list with filters, and the figures
quoted in the news checked against the official data (consistent, contradicted, unverifiable).

Synthetic sample articles (``datasets/news_samples``) are left out unless the reader ticks
"include synthetic samples"; wherever shown they carry a "synthetic sample" label. Article
titles and texts are plain text children, never HTML.
"""

from __future__ import annotations

from datetime import date

import dash
from dash import Input, Output, State, dcc, html
from sqlalchemy.engine import Engine

from dashboard import data, figures_news
from dashboard.i18n import N_, format_number, normalize_lang, t
from dashboard.layout import figure_block, html_table, page_shell, table_twin
from dashboard.news_components import (
    VERDICT_LABELS,
    article_list,
    claims_table,
    news_articles,
    news_claims,
    news_volume,
)
from etl import store

dash.register_page(__name__, path="/news", name="News", order=60, title="cyberindex",
                   nav_label=N_("News"))

PATH = "/news"
ID_LANG = "news-lang"
ID_COUNTRIES = "news-countries"
ID_FREQ = "news-freq"
ID_MEASURE = "news-measure"
ID_LANGUAGES = "news-languages"
ID_OUTLETS = "news-outlets"
ID_DATES = "news-dates"
ID_HAS_CLAIM = "news-has-claim"
ID_VERDICTS = "news-verdicts"
ID_SAMPLES = "news-samples"
ID_VOLUME = "news-volume"
ID_VOLUME_BLOCK = "news-volume-block"
ID_COUNT = "news-count"
ID_ARTICLES = "news-articles"
ID_CLAIMS = "news-claims"
ARTICLE_LIMIT = 50
CLAIM_LIMIT = 25  # the claims' first page: the newest 25 matching claims
DEFAULT_COUNTRIES = ("MAR", "OMN")
FREQ_LABELS = {"day": N_("Day"), "week": N_("Week"), "month": N_("Month")}
MEASURE_LABELS = {"count": N_("Article count"),
                  "share": N_("Share of monitored coverage (GDELT)")}
HAS_CLAIM_LABELS = {"any": N_("Any"), "yes": N_("With a checked claim"),
                    "no": N_("Without claims")}
SAMPLES_ON = "samples"


# ---------------------------------------------------------------- plain functions


def filters_of(countries, languages, outlets, start, end, has_claim, verdicts,
               samples) -> dict:
    """The store filter of the controls' values (empty values mean "all")."""
    return {
        "iso3s": [str(c).upper() for c in countries or []],
        "languages": list(languages or []),
        "outlets": list(outlets or []),
        "since": start or None,
        "until": end or None,
        "has_claim": {"yes": True, "no": False}.get(str(has_claim)),
        "verdicts": [v for v in verdicts or [] if v in VERDICT_LABELS],
        "include_samples": SAMPLES_ON in (samples or []),
    }


def volume_block(engine: Engine, countries, freq: str, measure: str, filters: dict,
                 names: dict[str, str], lang: str):
    """The volume chart with its table twin."""
    volume = news_volume(engine, countries or DEFAULT_COUNTRIES, freq,
                         include_samples=filters["include_samples"],
                         since=filters["since"], until=filters["until"])
    figure = figures_news.mention_volume_figure(volume, names, lang, measure, freq)
    table = html_table(
        [t("Country", lang), t("Source", lang), t("Period starting", lang), t("Articles", lang),
         t("Articles monitored", lang), t("Share", lang)],
        figures_news.volume_table_rows(figures_news.volume_series(volume, measure), names, lang),
        t("Mention volume", lang), numeric=(3, 4, 5))
    return figure, table_twin(table, lang)


def count_text(shown: int, total: int, lang: str) -> str:
    return t("{shown} of {total} articles (newest first)", lang,
             shown=format_number(shown, lang, 0), total=format_number(total, lang, 0))


def update_news(countries, freq, measure, languages, outlets, start, end, has_claim, verdicts,
                samples, lang):
    """Callback: volume chart and twin, article count and list, claims table."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    names = data.country_names(engine, lang)
    filters = filters_of(countries, languages, outlets, start, end, has_claim, verdicts, samples)
    figure, twin = volume_block(engine, countries, freq or "week", measure or "count", filters,
                                names, lang)
    articles, total = news_articles(engine, limit=ARTICLE_LIMIT, **filters)
    claim_filters = {k: v for k, v in filters.items() if k not in ("has_claim",)}
    claims = news_claims(engine, limit=CLAIM_LIMIT, **claim_filters)
    return (figure, twin, count_text(len(articles), total, lang),
            article_list(articles, names, lang), claims_table(claims, names, lang))


def register_callbacks(app: dash.Dash) -> None:
    """Wire the page's callback on ``app``."""
    app.callback(
        Output(ID_VOLUME, "figure"),
        Output(f"{ID_VOLUME_BLOCK}-twin", "children"),
        Output(ID_COUNT, "children"),
        Output(ID_ARTICLES, "children"),
        Output(ID_CLAIMS, "children"),
        Input(ID_COUNTRIES, "value"),
        Input(ID_FREQ, "value"),
        Input(ID_MEASURE, "value"),
        Input(ID_LANGUAGES, "value"),
        Input(ID_OUTLETS, "value"),
        Input(ID_DATES, "start_date"),
        Input(ID_DATES, "end_date"),
        Input(ID_HAS_CLAIM, "value"),
        Input(ID_VERDICTS, "value"),
        Input(ID_SAMPLES, "value"),
        State(ID_LANG, "data"),
        prevent_initial_call=True,
    )(update_news)


# ---------------------------------------------------------------- layout


def _field(label: str, control, id_: str) -> html.Div:
    return html.Div([html.Label(label, htmlFor=id_), control], className="ci-control")


def controls(engine: Engine, countries: list[str], names: dict[str, str], lang: str) -> html.Div:
    facets = store.news_facets(engine, include_samples=True)
    country_options = sorted(({"label": f"{n} ({c})", "value": c} for c, n in names.items()),
                             key=lambda o: o["label"].casefold())

    def radio(id_, labels, value, legend):
        return html.Fieldset([
            html.Legend(legend),
            dcc.RadioItems(id=id_, value=value, inline=True,
                           options=[{"label": t(v, lang), "value": k} for k, v in labels.items()]),
        ], className="ci-control")

    return html.Div([
        _field(t("Countries", lang), dcc.Dropdown(id=ID_COUNTRIES, options=country_options,
                                                  value=countries, multi=True), ID_COUNTRIES),
        radio(ID_FREQ, FREQ_LABELS, "week", t("Period", lang)),
        radio(ID_MEASURE, MEASURE_LABELS, "count", t("Measure", lang)),
        _field(t("Languages", lang), dcc.Dropdown(
            id=ID_LANGUAGES, multi=True, placeholder=t("All languages", lang),
            options=[{"label": code, "value": code} for code in facets["languages"]]),
            ID_LANGUAGES),
        _field(t("Outlets", lang), dcc.Dropdown(
            id=ID_OUTLETS, multi=True, placeholder=t("All outlets", lang),
            options=[{"label": o, "value": o} for o in facets["outlets"]]), ID_OUTLETS),
        _field(t("Published between", lang), dcc.DatePickerRange(
            id=ID_DATES, display_format="YYYY-MM-DD", clearable=True,
            max_date_allowed=date.today().isoformat()), ID_DATES),
        radio(ID_HAS_CLAIM, HAS_CLAIM_LABELS, "any", t("Claims", lang)),
        html.Fieldset([
            html.Legend(t("Verdicts (none ticked: all)", lang)),
            dcc.Checklist(id=ID_VERDICTS, value=[], inline=True,
                          options=[{"label": t(v, lang), "value": k}
                                   for k, v in VERDICT_LABELS.items()]),
        ], className="ci-control"),
        dcc.Checklist(id=ID_SAMPLES, value=[], className="ci-control",
                      options=[{"label": t("Include synthetic samples", lang),
                                "value": SAMPLES_ON}]),
    ], className="ci-controls", role="group", **{"aria-label": t("Filter", lang)})


def layout(lang: str = "en", countries: str = "", **_query: object) -> html.Div:
    """The News page in ``lang`` (``?countries=MAR,OMN`` preselects countries)."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    names = data.country_names(engine, lang)
    chosen = [c for c in data.parse_iso3_list(countries) if c in names] or list(DEFAULT_COUNTRIES)
    figure, twin, count, articles, claims = _initial(engine, chosen, names, lang)
    content = [
        dcc.Store(id=ID_LANG, data=lang),
        html.H1(t("News", lang)),
        html.P(t("How often the news names each country, and the figures it quotes checked "
                 "against the official data: consistent, contradicted (with the right value) "
                 "or unverifiable.", lang), className="ci-lede"),
        controls(engine, chosen, names, lang),
        figure_block(ID_VOLUME, figure, t("Mention volume", lang),
                     html.Div(twin, id=f"{ID_VOLUME_BLOCK}-twin")),
        html.H2(t("Articles", lang)),
        html.P(count, id=ID_COUNT, className="ci-note", role="status",
               **{"aria-live": "polite"}),
        html.Div(articles, id=ID_ARTICLES),
        html.H2(t("Claims checked", lang)),
        html.Div(claims, id=ID_CLAIMS, className="ci-table-scroll"),
    ]
    return page_shell(lang, PATH, content, {"countries": ",".join(chosen)})


def _initial(engine: Engine, countries: list[str], names: dict[str, str], lang: str):
    filters = filters_of(countries, [], [], None, None, "any", [], [])
    figure, twin = volume_block(engine, countries, "week", "count", filters, names, lang)
    articles, total = news_articles(engine, limit=ARTICLE_LIMIT, **filters)
    claims = news_claims(engine, limit=CLAIM_LIMIT,
                         **{k: v for k, v in filters.items() if k != "has_claim"})
    return (figure, twin, count_text(len(articles), total, lang),
            article_list(articles, names, lang), claims_table(claims, names, lang))
