"""News building blocks shared by the News page and the country page: readers (through
``etl.store``), the article list, the claims table, verdict and sample badges.

Article titles and texts come from outside: they are always passed as plain string children
(Dash escapes them), never as Markdown or HTML. Outgoing links open in a new tab with
``rel="noopener noreferrer"``. A verdict is shown as a word and a symbol, its colour only helps.
Languages are named from CLDR (Babel) in the page's language (the date pickers are
set up in :mod:`dashboard.date_pickers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import pandas as pd
from babel import Locale
from babel.lists import format_list
from dash import dcc, html
from sqlalchemy.engine import Engine

from dashboard.data import INDEX_SHORT_NAMES, split_urls
from dashboard.elements import element
from dashboard.i18n import (
    N_,
    format_day,
    format_names,
    format_number,
    normalize_lang,
    t,
    tn,
)
from dashboard.layout import VERBATIM, href, notice, scroll_region
from etl import store
from etl.frames import python_records
from etl.news.explain import explanation_in
from etl.news.verify import official_parts

VERDICT_LABELS = {
    "consistent": N_("consistent"),
    "contradicted": N_("contradicted"),
    "unverifiable": N_("unverifiable"),
}
VERDICT_SYMBOLS = {"consistent": "✓", "contradicted": "✗", "unverifiable": "?"}
METRIC_LABELS = {
    "score": N_("score"), "rank": N_("rank"), "tier": N_("tier"),
    "top_n": N_("among the top"),
    "legal": N_("legal pillar"), "technical": N_("technical pillar"),
    "organizational": N_("organizational pillar"),
    "capacity_development": N_("capacity development pillar"),
    "cooperation": N_("cooperation pillar"),
}
# The scope of a regional rank ("rank_in_africa", "top_n_in_arab").
# Translators: a claim's metric is "rank" followed by one of these ("rank in the Maghreb").
# Only Africa, the Arab states and the GCC are ranked by the data (from the official scores);
# a rank in any other region is listed as a claim the data cannot verify.
SCOPE_LABELS = {"africa": N_("in Africa"), "arab": N_("among Arab states"),
                "gcc": N_("in the GCC"),
                "mena": N_("in the Middle East and North Africa"),
                "middle_east": N_("in the Middle East"), "north_africa": N_("in North Africa"),
                "west_africa": N_("in West Africa"), "east_africa": N_("in East Africa"),
                "central_africa": N_("in Central Africa"),
                "southern_africa": N_("in Southern Africa"),
                "sub_saharan_africa": N_("in Sub-Saharan Africa"),
                "maghreb": N_("in the Maghreb"), "mashreq": N_("in the Mashreq"),
                "europe": N_("in Europe"), "asia": N_("in Asia"),
                "americas": N_("in the Americas"), "latin_america": N_("in Latin America")}
# Why the article list is empty: filters, or nothing collected (yet, or in these dates); and
# the synthetic samples the unticked box hides.
MSG_NO_MATCH = N_("No articles match these filters.")
MSG_NONE_COLLECTED = N_("No news articles have been collected yet.")
MSG_NONE_IN_DATES = N_("No news articles have been collected for these dates.")
MSG_NONE_ABOUT = N_("No collected news article names {country}.")
# Only synthetic samples are stored (in these dates): no real article, though not none at all.
MSG_NO_REAL = N_("No real news article has been collected yet.")
MSG_NO_REAL_IN_DATES = N_("No real news article has been collected for these dates.")
MSG_SAMPLES_HIDDEN = N_("Synthetic sample articles hidden: {count}. Tick “Include synthetic "
                        "samples” to see them.")
# The country page has no box to tick: how many samples name the country, and a link to the
# News page showing them.
MSG_SAMPLES_ABOUT_HIDDEN = N_("Synthetic sample articles naming {country} hidden: {count}.")
MSG_SHOW_SAMPLES = N_("Show them on the News page")
SNIPPET_CHARS = 280
EXTERNAL = {"target": "_blank", "rel": "noopener noreferrer"}


# ---------------------------------------------------------------- readers


def news_volume(engine: Engine, iso3s: Sequence[str], freq: str,
                include_samples: bool = False, since: object = None,
                until: object = None, languages: Sequence[str] | None = None,
                outlets: Sequence[str] | None = None, has_claim: bool | None = None,
                verdicts: Sequence[str] | None = None) -> pd.DataFrame:
    """Mention volume per country and period: the articles the list's filter selects
    (stored articles; GDELT's timeline too where loaded, unless the filter narrows the
    articles by language, outlet, claims or verdict, which GDELT's counts cannot follow)."""
    return store.mention_volume_frame(
        engine, list(iso3s), freq, include_samples=include_samples, since=since, until=until,
        languages=languages, outlets=outlets, has_claim=has_claim, verdicts=verdicts)


def news_articles(engine: Engine, limit: int = 50, **filters: object) -> tuple[pd.DataFrame, int]:
    """(newest matching articles, how many match in all)."""
    frame = store.articles_frame(engine, limit=limit, **filters)  # type: ignore[arg-type]
    return frame, store.articles_count(engine, **filters)  # type: ignore[arg-type]


def news_claims(engine: Engine, limit: int = 200, **filters: object) -> pd.DataFrame:
    return store.claims_frame(engine, limit=limit, **filters)  # type: ignore[arg-type]


def any_article(engine: Engine, since: object = None, until: object = None,
                include_samples: bool = False) -> bool:
    """Does the store hold an article published between these dates, whatever the other
    filters? The newest one is read by the (is_sample, published_at) index: not a count."""
    return not store.articles_frame(engine, since=since, until=until,
                                    include_samples=include_samples, limit=1).empty


def hidden_samples(engine: Engine, **filters: object) -> int:
    """How many synthetic samples the filters would list with the box ticked (as many as the
    box hides when no real article matches)."""
    return store.articles_count(engine, **{**filters, "include_samples": True})  # type: ignore[arg-type]


# ---------------------------------------------------------------- languages (CLDR)


@lru_cache(maxsize=512)
def language_name(code: str, lang: str, menu: bool = False) -> str:
    """The language of code ``code`` ("fr") named in ``lang`` as CLDR names it ("français",
    "الفرنسية"); with ``menu``, as an item of a menu starts ("Français": CLDR capitalises
    language names there in French, English names are capitalised anyway, Arabic has no
    case). A code CLDR does not know stays as it is."""
    names = Locale.parse(normalize_lang(lang)).languages
    name = (names.get(code) or names.get(code.replace("-", "_"))
            or names.get(code.split("-")[0].split("_")[0]))
    if not name:
        return code
    return name[:1].upper() + name[1:] if menu else name


def counted_text(filters: dict, lang: str) -> str | None:
    """What the News filter (:func:`dashboard.pages.news.filters_of`) keeps of the articles
    naming the countries, in words: "in Arabic · with a checked claim"; None when it keeps
    them all (the dates and countries are the chart's axis and legend)."""
    lang = normalize_lang(lang)
    parts = []
    if filters.get("languages"):
        parts.append(t("in {languages}", lang, languages=format_list(
            [language_name(str(c), lang) for c in filters["languages"]], style="or",
            locale=lang)))
    if filters.get("outlets"):
        parts.append(t("from {outlets}", lang, outlets=format_list(
            [str(o) for o in filters["outlets"]], style="or", locale=lang)))
    if filters.get("has_claim") is True:
        parts.append(t("with a checked claim", lang))
    elif filters.get("has_claim") is False:
        parts.append(t("without claims", lang))
    if filters.get("verdicts"):
        parts.append(t("verdict: {verdicts}", lang, verdicts=format_list(
            [t(VERDICT_LABELS[v], lang) for v in filters["verdicts"] if v in VERDICT_LABELS],
            style="or", locale=lang)))
    if filters.get("include_samples"):
        parts.append(t("synthetic samples included", lang))
    return " · ".join(parts) or None


# ---------------------------------------------------------------- components


def external_link(text: str, url: str, class_name: str = "ci-source-link") -> dict:
    """A link out: new tab, no opener, no referrer; the text is plain text."""
    return element("A", str(text), href=str(url), className=class_name, **EXTERNAL)


def verdict_badge(verdict: object, lang: str) -> dict:
    """The verdict as a symbol and a word (colour is only a second cue)."""
    key = str(verdict) if verdict in VERDICT_LABELS else "unchecked"
    label = t(VERDICT_LABELS[key], lang) if key in VERDICT_LABELS else t("not checked", lang)
    return element("Span", [element("Span", VERDICT_SYMBOLS.get(key, "–"),
                                    **{"aria-hidden": "true"}), " ", label],
                   className=f"ci-verdict ci-verdict-{key}")


def sample_badge(lang: str) -> dict:
    return element("Span", t("synthetic sample", lang), className="ci-sample-badge")


def _date(moment: object) -> str:
    """The day as ISO 8601 (a <time> element's machine-readable date)."""
    return pd.Timestamp(moment).strftime("%Y-%m-%d") if moment is not None else "–"


def snippet(text: object, limit: int = SNIPPET_CHARS) -> str:
    """The first characters of an article's text, cut at a word."""
    words = " ".join(str(text or "").split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] + " …"


def article_item(row: pd.Series, names: dict[str, str], lang: str) -> dict:
    """One article: title linked out, date, outlet, language, countries, claims, snippet."""
    countries = format_names((names.get(c, c) for c in row["countries"]), lang) or "–"
    # Plain elements (dashboard.elements), and plain text where no attribute is needed: 50
    # articles a page, ~10 parts each.
    meta = [
        element("Time", format_day(row["published_at"], lang),
                dateTime=_date(row["published_at"])),
        " · ", element("Span", str(row["outlet"]), lang="en"),
        # The article's language named in the page's ("anglais"); the code stays in the
        # title's and snippet's lang attribute, the filter's values and the downloads.
        " · ".join(("", language_name(str(row["language"]), lang),
                    t("Countries: {countries}", lang, countries=countries),
                    tn("{count} claim", "{count} claims", row["n_claims"], lang,
                       count=format_number(row["n_claims"], lang, 0)))),
    ]
    if row["is_sample"]:
        meta += [" · ", sample_badge(lang)]
    return element("Li", [
        element("H3", external_link(row["title"], row["url"], "ci-article-link"),
                className=f"ci-article-title {VERBATIM}", lang=str(row["language"])),
        element("Div", meta, className="ci-article-meta"),
        element("P", snippet(row["text"]), className=f"ci-article-snippet {VERBATIM}",
                lang=str(row["language"]), dir="rtl" if row["language"] == "ar" else "ltr"),
    ], className="ci-article")


def article_list(frame: pd.DataFrame, names: dict[str, str], lang: str,
                 list_id: str | None = None, empty: html.Div | None = None) -> dict | html.Div:
    """The articles as a list; when there are none, ``empty`` (by default a notice that the
    filters match nothing: see :func:`no_articles_notice` for why there is none)."""
    if frame.empty:
        return empty if empty is not None else notice(t(MSG_NO_MATCH, lang))
    return element("Ul", [article_item(r, names, lang) for r in python_records(frame)],
                   className="ci-article-list", id=list_id or None)


def no_articles_texts(engine: Engine, filters: dict, lang: str) -> list[str]:
    """Why no article matches ``filters`` (those of the News page, none matching), in words.

    "No articles match these filters." only when the filters exclude articles that exist;
    when no article was collected at all (or none in the chosen dates) it says so; and when
    the unticked box hides synthetic samples the filters match, how many. Two cheap queries,
    run only for an empty list: the newest article in the dates, the samples' count.
    """
    lines = [none_collected_text(engine, filters, lang) or t(MSG_NO_MATCH, lang)]
    hidden = samples_hidden_text(engine, filters, lang)
    return [*lines, hidden] if hidden else lines


def samples_hidden_text(engine: Engine, filters: dict, lang: str) -> str | None:
    """How many synthetic samples the unticked box hides from ``filters`` and how to show
    them; None when the box is ticked or hides none."""
    if filters.get("include_samples"):
        return None
    hidden = hidden_samples(engine, **filters)
    return t(MSG_SAMPLES_HIDDEN, lang, count=format_number(hidden, lang, 0)) if hidden else None


def none_collected_text(engine: Engine, filters: dict, lang: str) -> str | None:
    """That no article was collected at all, or none in the filters' dates (one cheap query);
    that no *real* one was, when synthetic samples are stored there but hidden (a second);
    None when there are articles there, and so the other filters are why none is shown."""
    since, until = filters.get("since"), filters.get("until")
    include = bool(filters.get("include_samples"))
    if any_article(engine, since, until, include):
        return None
    if not include and any_article(engine, since, until, include_samples=True):
        return t(MSG_NO_REAL_IN_DATES if since or until else MSG_NO_REAL, lang)
    return t(MSG_NONE_IN_DATES if since or until else MSG_NONE_COLLECTED, lang)


def no_articles_notice(engine: Engine, filters: dict, lang: str) -> html.Div:
    """:func:`no_articles_texts` as the notice in place of the article list."""
    return notice([html.P(line) for line in no_articles_texts(engine, filters, lang)])


def official_text(row: pd.Series | dict, lang: str) -> str:
    """The official figure the claim was held against, beside the claimed one: a score as
    published, a rank or tier with its word ("rang 50"), a regional rank with its region and
    how many it ranks among ("rang 7 sur 54 en Afrique", computed from the official scores:
    the explanation says so). The numbers are read from ``official_text`` as the ETL writes
    it (:func:`etl.news.verify.official_figure`), never from the row's score beside it."""
    parts = official_parts(row.get("official_text"))
    if parts is None:
        return format_number(row.get("official_value"), lang)
    kind, number, count = parts
    _, _, scope = str(row.get("metric") or "").partition("_in_")
    if count is not None and scope in SCOPE_LABELS:
        return t("rank {rank} of {count} {region}", lang, rank=format_number(number, lang, 0),
                 count=format_number(count, lang, 0), region=t(SCOPE_LABELS[scope], lang))
    return f"{t(METRIC_LABELS[kind], lang)} {format_number(number, lang, 0)}"


def metric_text(metric: object, lang: str) -> str:
    """A claim's metric in words: "rank in Africa", "rang en Afrique" (an unknown id as is)."""
    base, _, scope = str(metric).partition("_in_")
    if base not in METRIC_LABELS or (scope and scope not in SCOPE_LABELS):
        return str(metric)
    words = t(METRIC_LABELS[base], lang)
    return f"{words} {t(SCOPE_LABELS[scope], lang)}" if scope else words


# The claims table's columns: (header, class of its cells). Numbers align to the end; on a
# phone (news.css) each claim is a card, two short fields a line and the long ones full width.
CLAIM_COLUMNS = (
    (N_("Verdict"), "ci-claim-verdict"), (N_("Country"), None),
    (N_("Index and edition"), None), (N_("Metric"), None),
    (N_("Claimed"), "ci-num"), (N_("Official"), "ci-num"),
    (N_("Sentence"), "ci-claim-wide"), (N_("Explanation"), "ci-claim-wide"),
    (N_("Sources"), "ci-claim-wide"),
)


def explanation_element(text: str, said_in: str, source: object) -> dict:
    """A claim's explanation marked with its language; the source's title left in English
    there (no catalog translates it) marked English too, as the Country page marks it."""
    if said_in != "en" and isinstance(source, str) and source and source in text:
        before, _, after = text.partition(source)
        return element("Span", [before, element("Span", source, lang="en", dir="ltr"), after],
                       lang=said_in)
    return element("Span", text, lang=said_in)


def claims_table(frame: pd.DataFrame, names: dict[str, str], lang: str,
                 table_id: str | None = None, empty: str | None = None) -> dict | html.Div:
    """Claims with verdict badge, claimed and official figure, sentence, explanation, links;
    with none, ``empty`` (by default: the filters match none).

    A table with a caption and column headers; below a phone's width news.css lays each row
    out as a card, each cell under its column's name (``data-label``, drawn by CSS and hidden
    from screen readers, which read the headers). Table, row, header and cell roles are set
    explicitly: a table whose rows CSS displays as blocks loses them in some browsers."""
    if frame.empty:
        return notice(empty or t("No checked claims match these filters.", lang))
    lang = normalize_lang(lang)
    headers = [t(header, lang) for header, _ in CLAIM_COLUMNS]
    rows = []
    for r in python_records(frame):
        explanation, said_in = explanation_in(r, lang)
        sources: list[str | dict] = [external_link(t("article", lang), r["url"])]
        # The official row may cite several URLs (" | "): one link each.
        for n, url in enumerate(split_urls(r["official_source_url"]), start=1):
            label = t("official source", lang) + (f" {n}" if n > 1 else "")
            sources += [" · ", external_link(label, url)]
        edition = "" if pd.isna(r["edition"]) else str(int(r["edition"]))
        # Isolated in its own direction (as the article snippets): an English sentence in an
        # Arabic table kept its full stop at its start.
        sentence: list = [element("Span", str(r["sentence"]), lang=str(r["language"]),
                                  dir="rtl" if r["language"] == "ar" else "ltr",
                                  className=VERBATIM)]
        if r["is_sample"]:
            sentence += [" ", sample_badge(lang)]
        cells = [
            verdict_badge(r["verdict"], lang),
            names.get(r["iso3"], r["iso3"] or "–"),
            f"{t(INDEX_SHORT_NAMES.get(r['index_id'], r['index_id'] or '–'), lang)} "
            f"{edition}".strip(),
            metric_text(r["metric"], lang),
            format_number(r["value"], lang),
            official_text(r, lang),
            element("Span", sentence),
            explanation_element(str(explanation), said_in, r.get("official_source")),
            element("Span", sources),
        ]
        rows.append(element("Tr", [
            element("Td", cell, className=css, role="cell", **{"data-label": header})
            for cell, header, (_, css) in zip(cells, headers, CLAIM_COLUMNS, strict=True)
        ], role="row"))
    head = element("Thead", element("Tr", [
        element("Th", header, scope="col", role="columnheader",
                className="ci-num" if css == "ci-num" else None)
        for header, (_, css) in zip(headers, CLAIM_COLUMNS, strict=True)], role="row"),
        role="rowgroup")
    caption = t("Figures quoted in the news, checked against the official data", lang)
    return element("Table", [element("Caption", caption), head,
                             element("Tbody", rows, role="rowgroup")],
                   className="ci-table ci-claims", id=table_id or None, role="table")


def no_articles_about(engine: Engine, iso3: str, name: str, lang: str) -> html.Div:
    """Why the country page lists no article (it has no filter): nothing collected, only
    synthetic samples (hidden) collected, or nothing naming the country; and how many hidden
    samples name it, with a link to the News page showing them."""
    lines: list = [none_collected_text(engine, {}, lang)
                   or t(MSG_NONE_ABOUT, lang, country=name)]
    hidden = hidden_samples(engine, iso3s=[iso3])
    if hidden:
        lines.append([t(MSG_SAMPLES_ABOUT_HIDDEN, lang, country=name,
                        count=format_number(hidden, lang, 0)), " ",
                      dcc.Link(t(MSG_SHOW_SAMPLES, lang),
                               href=href("/news", lang, country=iso3, samples=1))])
    return notice([html.P(line) for line in lines])


def country_news_section(engine: Engine, iso3: str, names: dict[str, str], lang: str,
                         limit: int = 5) -> list:
    """For the country page: recent articles naming the country and the claims about it
    (synthetic samples left out, as everywhere by default)."""
    name = names.get(iso3, iso3)
    articles, total = news_articles(engine, limit=limit, iso3s=[iso3])
    claims = news_claims(engine, limit=20, iso3s=[iso3])
    empty = None if total else no_articles_about(engine, iso3, name, lang)
    return [
        html.H2(t("Recent articles and the claims about {country}", lang, country=name)),
        html.P(html.A(tn("All news about {country} ({count} article)",
                         "All news about {country} ({count} articles)", total, lang,
                         country=name, count=format_number(total, lang, 0)),
                      href=href("/news", lang, countries=iso3))),
        article_list(articles, names, lang, empty=empty),
        # No filter on the country page: an empty table is no claim about the country. It
        # speaks of the collected articles' index figures: the Cross-index lists cyberindex's
        # own checks of press claims about INTERPOL's findings, which are another thing.
        scroll_region(claims_table(claims, names, lang, empty=t(
            "No index figure quoted in the articles collected here about {country} has been "
            "checked yet.", lang, country=name)), t("Claims checked", lang)),
    ]
