"""News: mention volume over time per country, the article list with filters, and the figures
quoted in the news checked against the official data (consistent, contradicted, unverifiable).

Synthetic sample articles (``datasets/news_samples``) are left out unless the reader ticks
"include synthetic samples"; wherever shown they carry a "synthetic sample" label. An empty
article list says why: no article collected yet (or none in the chosen dates; no *real* one when
only synthetic samples are stored), or filters that match none, and how many synthetic samples
the unticked box hides; an empty chart says the same. A chart with nothing to
draw is that reason in words, its plot, export buttons and table view hidden. Article titles
and texts are plain text children, never HTML; their languages are named in the page's.

The filters live in the URL like the Data page's (see :mod:`dashboard.url_state`): only what
differs from the defaults is written after ``v=1`` (``?v=1&country=JOR&language=fr&since=
2024-01-01&claim=yes&verdict=contradicted&samples=1&freq=month``); a change of a control pushes
a history entry without reloading, Back goes to the previous view, and a bad or stale value is
left out with a notice in the page's language. ``digits`` is passed through untouched.
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
from dash import Input, Output, State, dcc, html
from sqlalchemy.engine import Engine

from dashboard import data, figures_news, security, url_state
from dashboard.date_pickers import date_range_picker
from dashboard.downloads import list_download_links
from dashboard.elements import aria_attrs
from dashboard.i18n import LANGUAGES, N_, format_number, normalize_lang, t, tn
from dashboard.layout import (
    CREDIT_NEWS,
    dropdown_labels,
    figure_block,
    html_table,
    notice,
    page_shell,
    scroll_region,
    table_twin,
)
from dashboard.news_components import (
    VERDICT_LABELS,
    article_list,
    claims_table,
    counted_text,
    language_name,
    news_articles,
    news_claims,
    news_volume,
    no_articles_notice,
    none_collected_text,
    samples_hidden_text,
)
from etl import collation, store

dash.register_page(__name__, path="/news", name="News", order=60, title="cyberindex",
                   nav_label=N_("News"))

PATH = "/news"
PREFIX = "news"
ID_URL = "news-url"
ID_NOTICES = "news-notices"
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
ID_VOLUME_BLOCK = "news-volume-block"  # the chart, its export buttons and table view
ID_VOLUME_EMPTY = "news-volume-empty"  # in their place when the chart has nothing to draw
ID_COUNT = "news-count"
ID_ARTICLES = "news-articles"
ID_CLAIMS = "news-claims"
ID_ARTICLE_DOWNLOADS = "news-article-downloads"
ID_CLAIM_DOWNLOADS = "news-claim-downloads"
ARTICLE_LIMIT = 50
CLAIM_LIMIT = 25  # the claims' first page: the newest 25 matching claims
DEFAULT_COUNTRIES = ("MAR", "OMN")
FREQ_LABELS = {"day": N_("Day"), "week": N_("Week"), "month": N_("Month")}
MEASURE_LABELS = {"count": N_("Article count"),
                  "share": N_("Share of monitored coverage (GDELT)")}
HAS_CLAIM_LABELS = {"any": N_("Any"), "yes": N_("With a checked claim"),
                    "no": N_("Without claims")}
SAMPLES_ON = "samples"

# The claims table when no article was collected (said above it): none, and no filter blamed.
MSG_NO_CLAIMS = N_("No checked claims.")
MSG_ARTICLE_LANGUAGE = N_("Unknown article language in the link, left out: {values}.")
MSG_OUTLET = N_("Unknown outlet in the link, left out: {values}.")
MSG_VERDICT = N_("Unknown verdict in the link, left out: {values}.")
MSG_DATE = N_("Unreadable date “{value}” in the link; left out.")
MSG_DATES_REVERSED = N_("The link's end date ({until}) is before its start date ({since}); "
                        "the end date was left out.")
MSG_CHOICE = N_("Unknown value “{value}” for “{name}” in the link; showing the default.")


# ---------------------------------------------------------------- the view in the URL


# Dash loads a page under a name missing from sys.modules: no postponed annotations in this
# module, or the dataclass below cannot resolve its field types.
@dataclass(frozen=True)
class NewsState:
    """What the News page shows: its filters, the chart's period and measure, the language."""

    countries: tuple[str, ...] = DEFAULT_COUNTRIES
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    has_claim: str = "any"
    verdicts: tuple[str, ...] = ()
    samples: bool = False
    freq: str = "week"
    measure: str = "count"
    lang: str = "en"


DEFAULTS = NewsState()
# Field -> the query key written, then other spellings still read (``countries=`` of old links).
STATE_KEYS: dict[str, tuple[str, ...]] = {
    "countries": ("country", "countries"), "languages": ("language", "languages"),
    "outlets": ("outlet", "outlets"), "since": ("since",), "until": ("until",),
    "has_claim": ("claim",), "verdicts": ("verdict", "verdicts"), "samples": ("samples",),
    "freq": ("freq",), "measure": ("measure",), "lang": ("lang",),
}
STATE_LISTS = ("countries", "languages", "outlets", "verdicts")
CHOICES = {"has_claim": HAS_CLAIM_LABELS, "freq": FREQ_LABELS, "measure": MEASURE_LABELS}

# What the controls may send (dashboard.security checks each callback value before the
# callback runs: a forged value is a 400, not a 500 from deep in a query).
for _id, _rule in ((ID_FREQ, security.choice(FREQ_LABELS)),
                   (ID_MEASURE, security.choice(MEASURE_LABELS)),
                   (ID_HAS_CLAIM, security.choice(HAS_CLAIM_LABELS)),
                   (ID_VERDICTS, security.choice(VERDICT_LABELS, many=True)),
                   (ID_SAMPLES, security.choice([SAMPLES_ON], many=True)),
                   (ID_LANGUAGES, security.texts(max_length=20)),
                   (ID_OUTLETS, security.texts(max_length=200))):
    security.register_input_rule(f"{_id}.value", _rule)


def encode_news(state: NewsState) -> str:
    """``?v=1&...`` with only what differs from :data:`DEFAULTS`; ``""`` when nothing does."""
    pairs: list[tuple[str, str]] = []
    for name, keys in STATE_KEYS.items():
        value = getattr(state, name)
        if value == getattr(DEFAULTS, name):
            continue
        if name in STATE_LISTS:
            pairs.append((keys[0], ",".join(value)))  # "" means "explicitly none"
        elif name == "samples":
            pairs.append((keys[0], "1"))
        elif value is not None:
            pairs.append((keys[0], str(value)))
    if not pairs:
        return ""
    return "?" + urlencode([(url_state.VERSION_KEY, str(url_state.VERSION)), *pairs], safe=",")


def _iso_date(value: str) -> str | None:
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat() if value.strip() else None
    except ValueError:
        return None


def decode_news(query: object, known: Mapping[str, frozenset[str]] | None = None
                ) -> tuple[NewsState, list[url_state.Notice]]:
    """The state a query asks for, cleaned, and a notice for each thing left out.

    ``known`` maps ``countries``, ``languages`` and ``outlets`` to the values that exist (a
    missing entry is not checked). Accepts a query string or Dash's mapping; never raises.
    """
    known = known or {}
    notices: list[url_state.Notice] = []
    try:
        pairs = url_state._pairs(query)
    except Exception:  # noqa: BLE001 - a link must never break the page
        return DEFAULTS, [url_state.Notice(url_state.MSG_KEY, {"name": "?"})]
    found: dict[str, list[str]] = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    version = found.pop(url_state.VERSION_KEY, [str(url_state.VERSION)])[-1]
    if version != str(url_state.VERSION):
        notices.append(url_state.Notice(url_state.MSG_VERSION, {"value": version[:20]}))
    values: dict[str, Any] = {}  # each field's own type
    list_msgs = {"countries": url_state.MSG_COUNTRY, "languages": MSG_ARTICLE_LANGUAGE,
                 "outlets": MSG_OUTLET, "verdicts": MSG_VERDICT}
    for name, keys in STATE_KEYS.items():
        raw = [v for key in keys for v in found.pop(key, [])]
        if not raw:
            continue
        if name in STATE_LISTS:
            parts = url_state._split(raw)[:url_state.MAX_VALUES]
            if name == "countries":
                parts = list(dict.fromkeys(p.upper() for p in parts))
            allowed = (frozenset(VERDICT_LABELS) if name == "verdicts" else known.get(name))
            values[name] = url_state._check(parts, allowed, list_msgs[name], notices)
            continue
        value = raw[-1].strip()
        if name in ("since", "until"):
            values[name] = _iso_date(value)
            if value and values[name] is None:
                notices.append(url_state.Notice(MSG_DATE, {"value": value[:20]}))
        elif name == "samples":
            values[name] = value.lower() in ("1", "true", "yes", "on", SAMPLES_ON)
            if value.lower() not in ("1", "true", "yes", "on", SAMPLES_ON, "0", "false", "no",
                                     "off", ""):
                notices.append(url_state.Notice(MSG_CHOICE, {"value": value[:20],
                                                             "name": keys[0]}))
        elif name == "lang":
            code = value.lower()
            if code not in LANGUAGES:
                notices.append(url_state.Notice(url_state.MSG_LANG, {"value": value[:20]}))
                code = DEFAULTS.lang
            values[name] = code
        elif value in CHOICES[name]:
            values[name] = value
        else:
            notices.append(url_state.Notice(MSG_CHOICE, {"value": value[:20], "name": keys[0]}))
    for key in found:
        if key and key != "_" and key not in url_state.PASSED_THROUGH:
            notices.append(url_state.Notice(url_state.MSG_KEY, {"name": key[:40]}))
    if values.get("since") and values.get("until") and values["until"] < values["since"]:
        # No day is in such a range: the page would list nothing, and its downloads be a 400.
        notices.append(url_state.Notice(MSG_DATES_REVERSED, {"since": values["since"],
                                                             "until": values.pop("until")}))
    return dataclasses.replace(DEFAULTS, **values), notices


def news_state_of(countries, freq, measure, languages, outlets, start, end, has_claim,
                  verdicts, samples, lang) -> NewsState:
    """The view state of the controls (values the controls can hold are trusted as is)."""
    def strings(values) -> tuple[str, ...]:
        if isinstance(values, str):
            values = [values]
        return tuple(dict.fromkeys(str(v) for v in values or []))

    return NewsState(
        countries=tuple(c.upper() for c in strings(countries)),
        languages=strings(languages), outlets=strings(outlets),
        since=_iso_date(str(start)) if start else None,
        until=_iso_date(str(end)) if end else None,
        has_claim=has_claim if has_claim in HAS_CLAIM_LABELS else "any",
        verdicts=tuple(v for v in strings(verdicts) if v in VERDICT_LABELS),
        samples=SAMPLES_ON in (samples or []),
        freq=freq if freq in FREQ_LABELS else "week",
        measure=measure if measure in MEASURE_LABELS else "count",
        lang=normalize_lang(lang),
    )


def news_page_url(search: str) -> str:
    """The link to the view: absolute when serving a request, else a path."""
    return url_state.view_link(PATH + search)


def download_query(state: NewsState) -> list[tuple[str, str]]:
    """The API's parameters of the view's filter (what the lists show; not the chart's period
    or measure), for the download links."""
    query = [("country", c) for c in state.countries]
    query += [("language", v) for v in state.languages] + [("outlet", v) for v in state.outlets]
    query += [(k, v) for k, v in (("since", state.since), ("until", state.until)) if v]
    if state.has_claim != "any":
        query.append(("claim", state.has_claim))
    query += [("verdict", v) for v in state.verdicts]
    if state.samples:
        query.append(("samples", "1"))
    return query


def download_blocks(state: NewsState) -> tuple[html.Div, html.Div]:
    """The article list's and the claims table's download links for the view."""
    query = download_query(state)
    # The claims download does not apply claim (the API refuses it, as the claims table
    # ignores it): the claims links leave it out.
    claims_query = [(name, value) for name, value in query if name != "claim"]
    view = news_page_url(encode_news(state))  # the files' Link back to this view
    return (list_download_links("articles", query, state.lang, PREFIX, view=view),
            list_download_links("claims", claims_query, state.lang, PREFIX, view=view))


def update_downloads(countries, freq, measure, languages, outlets, start, end, has_claim,
                     verdicts, samples, lang) -> tuple[html.Div, html.Div]:
    """Callback: the download links follow the filters."""
    return download_blocks(news_state_of(countries, freq, measure, languages, outlets, start,
                                         end, has_claim, verdicts, samples, lang))


def update_url(countries, freq, measure, languages, outlets, start, end, has_claim, verdicts,
               samples, lang, old_search=None) -> str:
    """Callback: the URL search of the controls' view (``digits`` already there is kept)."""
    state = news_state_of(countries, freq, measure, languages, outlets, start, end, has_claim,
                          verdicts, samples, lang)
    return url_state.with_passed_through(encode_news(state), old_search)


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
    """The volume chart, its table twin, why it draws nothing (None when it draws; two lines
    when no real article is stored and the unticked box hides samples), and whether that
    reason is the whole page's (no article collected, or none in the dates: the list and the
    claims below are empty for it too, and say no more).

    The chart counts what the article list lists: the same filter (languages, outlets,
    claims, verdicts, samples, dates) on the chart's countries; its title and the table's
    caption say what the filter keeps."""
    volume = news_volume(engine, countries or DEFAULT_COUNTRIES, freq,
                         include_samples=filters["include_samples"],
                         since=filters["since"], until=filters["until"],
                         languages=filters["languages"], outlets=filters["outlets"],
                         has_claim=filters["has_claim"], verdicts=filters["verdicts"])
    counted = counted_text(filters, lang)
    # What the filter keeps of the articles, samples aside: why a chart may be empty.
    narrowed = counted_text({**filters, "include_samples": False}, lang)
    reason = None if not volume.empty else none_collected_text(engine, filters, lang)
    figure = figures_news.mention_volume_figure(volume, names, lang, measure, freq,
                                                empty_message=reason, counted=counted,
                                                narrowed=narrowed)
    message = (None if figures_news.has_series(volume, measure)
               else figures_news.empty_volume_message(measure, lang, reason, narrowed))
    # No real article, synthetic samples hidden: how many, and how to show them (as the
    # article list says it).
    hidden = samples_hidden_text(engine, filters, lang) if reason else None
    why_empty: str | list[str] | None = (
        [message, hidden] if message is not None and hidden else message)
    caption = t("Mention volume", lang)
    table = html_table(
        [t("Country", lang), t("Source", lang), t("Period starting", lang), t("Articles", lang),
         t("Articles monitored", lang), t("Share", lang)],
        figures_news.volume_table_rows(figures_news.volume_series(volume, measure), names, lang),
        f"{caption} ({counted})" if counted else caption, numeric=(3, 4, 5))
    return figure, table_twin(table, lang), why_empty, bool(reason) and why_empty is not None


def volume_empty(message: str | list[str] | None, lang: str, page_wide: bool = False) -> list:
    """What stands in place of a volume chart with nothing to draw: the chart's name and why
    (a paragraph each line), as plain text (no empty plot frame, export buttons or table view
    of nothing, which the page hides); nothing when the chart has lines. A ``page_wide``
    reason (nothing collected) is said once, here, for the whole page: without the chart's
    name, which would make it the chart's alone."""
    if message is None:
        return []
    lines = [message] if isinstance(message, str) else message
    heading = [] if page_wide else [html.P(html.Strong(t("Mention volume", lang)))]
    return [notice([*heading, *[html.P(line) for line in lines]])]


def count_text(shown: int, total: int, lang: str) -> str:
    return tn("{shown} of {total} article (newest first)",
              "{shown} of {total} articles (newest first)", total, lang,
              shown=format_number(shown, lang, 0), total=format_number(total, lang, 0))


def update_news(countries, freq, measure, languages, outlets, start, end, has_claim, verdicts,
                samples, lang):
    """Callback: volume chart and twin, the message in their place and whether they are
    hidden (a chart with nothing to draw), article count and list, claims table."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    names = data.country_names(engine, lang)
    filters = filters_of(countries, languages, outlets, start, end, has_claim, verdicts, samples)
    figure, twin, no_lines, page_wide = volume_block(engine, countries, freq or "week",
                                                     measure or "count", filters, names, lang)
    articles, total = news_articles(engine, limit=ARTICLE_LIMIT, **filters)
    claim_filters = {k: v for k, v in filters.items() if k not in ("has_claim",)}
    claims = news_claims(engine, limit=CLAIM_LIMIT, **claim_filters)
    # An empty list says why (nothing collected, these dates, the filters; hidden samples):
    # the queries for it run only then. Nothing collected is said once, in the chart's place
    # above: the list's count says it holds none, and the claims table does not blame filters.
    empty = (None if total else html.Div() if page_wide
             else no_articles_notice(engine, filters, lang))
    return (figure, twin, volume_empty(no_lines, lang, page_wide), no_lines is not None,
            count_text(len(articles), total, lang),
            article_list(articles, names, lang, empty=empty),
            claims_table(claims, names, lang,
                         empty=t(MSG_NO_CLAIMS, lang) if page_wide else None))


def register_callbacks(app: dash.Dash) -> None:
    """Wire the page's callback on ``app``."""
    # The filters, period and measure in the order update_news and update_url take them.
    view_inputs = [
        Input(ID_COUNTRIES, "value"), Input(ID_FREQ, "value"), Input(ID_MEASURE, "value"),
        Input(ID_LANGUAGES, "value"), Input(ID_OUTLETS, "value"),
        Input(ID_DATES, "start_date"), Input(ID_DATES, "end_date"),
        Input(ID_HAS_CLAIM, "value"), Input(ID_VERDICTS, "value"), Input(ID_SAMPLES, "value"),
        State(ID_LANG, "data"),
    ]
    app.callback(
        Output(ID_VOLUME, "figure"),
        Output(f"{ID_VOLUME_BLOCK}-twin", "children"),
        Output(ID_VOLUME_EMPTY, "children"),
        Output(ID_VOLUME_BLOCK, "hidden"),
        Output(ID_COUNT, "children"),
        Output(ID_ARTICLES, "children"),
        Output(ID_CLAIMS, "children"),
        *view_inputs,
        prevent_initial_call=True,
    )(update_news)
    app.callback(
        Output(ID_URL, "search"),
        *view_inputs,
        State(ID_URL, "search"),
        prevent_initial_call=True,
    )(update_url)
    app.callback(
        Output(ID_ARTICLE_DOWNLOADS, "children"),
        Output(ID_CLAIM_DOWNLOADS, "children"),
        *view_inputs,
        prevent_initial_call=True,
    )(update_downloads)
    url_state.register_permalink_callback(app, PREFIX, ID_URL)


# ---------------------------------------------------------------- layout


def language_options(codes, lang: str) -> list[dict]:
    """The Languages filter's options: each article language named in the page's language as
    a menu item starts ("Arabe", "Anglais"), in its alphabetical order; the code stays the
    value (the URL's ``language=`` and the downloads' are codes)."""
    options = [{"label": language_name(str(code), lang, menu=True), "value": code}
               for code in codes]
    return sorted(options, key=lambda o: collation.sort_key(o["label"]))


def dates_control(state: NewsState, lang: str) -> html.Div:
    """"Published between": the picker in the page's language, its months named."""
    return date_range_picker(
        ID_DATES, state.since, state.until, lang, clearable=True,
        start_date_placeholder_text=t("Start date", lang),
        end_date_placeholder_text=t("End date", lang),
        max_date_allowed=date.today().isoformat())


def _field(label: str, control, id_: str) -> html.Div:
    return html.Div([html.Label(label, htmlFor=id_), control], className="ci-control")


def controls(engine: Engine, state: NewsState, names: dict[str, str], facets: dict,
             lang: str) -> html.Div:
    country_options = sorted(({"label": f"{n} ({c})", "value": c} for c, n in names.items()),
                             key=lambda o: collation.sort_key(o["label"]))

    def radio(id_, labels, value, legend):
        return html.Fieldset([
            html.Legend(legend),
            dcc.RadioItems(id=id_, value=value, inline=True,
                           options=[{"label": t(v, lang), "value": k} for k, v in labels.items()]),
        ], className="ci-control")

    dropdown_texts = dropdown_labels(lang)
    return html.Div([
        _field(t("Countries", lang), dcc.Dropdown(id=ID_COUNTRIES, options=country_options,
                                                  value=list(state.countries), multi=True,
                                                  labels=dropdown_texts), ID_COUNTRIES),
        radio(ID_FREQ, FREQ_LABELS, state.freq, t("Period", lang)),
        radio(ID_MEASURE, MEASURE_LABELS, state.measure, t("Measure", lang)),
        _field(t("Languages", lang), dcc.Dropdown(
            id=ID_LANGUAGES, multi=True, value=list(state.languages), placeholder=t("All languages", lang),
            labels=dropdown_texts,
            options=language_options(facets["languages"], lang)), ID_LANGUAGES),
        _field(t("Outlets", lang), dcc.Dropdown(
            id=ID_OUTLETS, multi=True, value=list(state.outlets), placeholder=t("All outlets", lang),
            labels=dropdown_texts,
            options=[{"label": o, "value": o}
                     for o in collation.sorted_texts(facets["outlets"])]), ID_OUTLETS),
        _field(t("Published between", lang), dates_control(state, lang), ID_DATES),
        radio(ID_HAS_CLAIM, HAS_CLAIM_LABELS, state.has_claim, t("Claims", lang)),
        html.Fieldset([
            html.Legend(t("Verdicts (none ticked: all)", lang)),
            dcc.Checklist(id=ID_VERDICTS, value=list(state.verdicts), inline=True,
                          options=[{"label": t(v, lang), "value": k}
                                   for k, v in VERDICT_LABELS.items()]),
        ], className="ci-control"),
        dcc.Checklist(id=ID_SAMPLES, value=[SAMPLES_ON] if state.samples else [], className="ci-control",
                      options=[{"label": t("Include synthetic samples", lang),
                                "value": SAMPLES_ON}]),
    ], className="ci-controls", role="group", **aria_attrs(label=t("Filter", lang)))


def known_values(engine: Engine, names: dict[str, str]) -> tuple[dict, dict]:
    """The filter options (languages, outlets) and what a link may name."""
    facets = store.news_facets(engine, include_samples=True)
    return facets, {"countries": frozenset(names), "languages": frozenset(facets["languages"]),
                    "outlets": frozenset(facets["outlets"])}


def layout(lang: str = "en", **query: object) -> html.Div:
    """The News page for the view in the URL (bad values left out, with a notice)."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    names = data.country_names(engine, lang)
    facets, known = known_values(engine, names)
    state, notices = decode_news({**query, "lang": lang}, known)
    asked_none = any(k in query and not str(query[k]).strip() for k in STATE_KEYS["countries"])
    if not state.countries and not asked_none:
        state = dataclasses.replace(state, countries=DEFAULT_COUNTRIES)
    figure, twin, empty, hidden, count, articles, claims = update_news(
        list(state.countries), state.freq, state.measure, list(state.languages),
        list(state.outlets), state.since, state.until, state.has_claim, list(state.verdicts),
        [SAMPLES_ON] if state.samples else [], lang)
    article_links, claim_links = download_blocks(state)
    content = [
        dcc.Location(id=ID_URL, refresh=False),
        dcc.Store(id=ID_LANG, data=lang),
        html.H1(t("News", lang)),
        html.P(t("How often the news names each country, and the figures it quotes checked "
                 "against the official data: consistent, contradicted (with the right value) "
                 "or unverifiable.", lang), className="ci-lede"),
        html.Div([notice(n.text(lang), "warning") for n in notices], id=ID_NOTICES),
        controls(engine, state, names, facets, lang),
        url_state.permalink_control(PREFIX, lang,
                                    news_page_url(encode_news(state))),
        # With nothing to draw, a message instead of the chart: the chart stays in the page,
        # hidden, for the callback to draw into when the filters find lines.
        html.Div(empty, id=ID_VOLUME_EMPTY),
        html.Div(figure_block(ID_VOLUME, figure, t("Mention volume", lang),
                              html.Div(twin, id=f"{ID_VOLUME_BLOCK}-twin"), lang=lang,
                              credit=CREDIT_NEWS),
                 id=ID_VOLUME_BLOCK, hidden=hidden),
        html.H2(t("Articles", lang)),
        html.P(count, id=ID_COUNT, className="ci-note", role="status",
               **aria_attrs(live="polite")),
        html.Div(article_links, id=ID_ARTICLE_DOWNLOADS),
        html.Div(articles, id=ID_ARTICLES),
        html.H2(t("Claims checked", lang)),
        html.Div(claim_links, id=ID_CLAIM_DOWNLOADS),
        scroll_region(claims, t("Claims checked", lang), id=ID_CLAIMS),
    ]
    # The view's query for the language switch (which adds ``lang`` itself).
    search = encode_news(dataclasses.replace(state, lang="en"))
    return page_shell(lang, PATH, content,
                      dict(parse_qsl(search.lstrip("?"), keep_blank_values=True)))
