"""News building blocks shared by the News page and the country page: readers (through
``etl.store``), the article list, the claims table, verdict and sample badges.

Article titles and texts come from outside: they are always passed as plain string children
(Dash escapes them), never as Markdown or HTML. Outgoing links open in a new tab with
``rel="noopener noreferrer"``. A verdict is shown as a word and a symbol, its colour only helps.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import html
from sqlalchemy.engine import Engine

from dashboard.data import INDEX_SHORT_NAMES, split_urls
from dashboard.elements import element
from dashboard.i18n import N_, format_day, format_names, format_number, normalize_lang, t, tn
from dashboard.layout import VERBATIM, href, html_table, notice
from etl import store
from etl.frames import python_records
from etl.news.explain import explanation_in

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
SCOPE_LABELS = {"africa": N_("in Africa"), "arab": N_("among Arab states"),
                "gcc": N_("in the GCC")}
# Why the article list is empty: filters, or nothing collected (yet, or in these dates); and
# the synthetic samples the unticked box hides.
MSG_NO_MATCH = N_("No articles match these filters.")
MSG_NONE_COLLECTED = N_("No news articles have been collected yet.")
MSG_NONE_IN_DATES = N_("No news articles have been collected for these dates.")
MSG_NONE_ABOUT = N_("No collected news article names {country}.")
MSG_SAMPLES_HIDDEN = N_("Synthetic sample articles hidden: {count}. Tick “Include synthetic "
                        "samples” to see them.")
SNIPPET_CHARS = 280
EXTERNAL = {"target": "_blank", "rel": "noopener noreferrer"}


# ---------------------------------------------------------------- readers


def news_volume(engine: Engine, iso3s: Sequence[str], freq: str,
                include_samples: bool = False, since: object = None,
                until: object = None) -> pd.DataFrame:
    """Mention volume per country and period (stored articles, and GDELT where loaded)."""
    return store.mention_volume_frame(engine, list(iso3s), freq, include_samples=include_samples,
                                      since=since, until=until)


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
        " · ".join(("", str(row["language"]),
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
    include = bool(filters.get("include_samples"))
    lines = [none_collected_text(engine, filters, lang) or t(MSG_NO_MATCH, lang)]
    hidden = 0 if include else hidden_samples(engine, **filters)
    if hidden:
        lines.append(t(MSG_SAMPLES_HIDDEN, lang, count=format_number(hidden, lang, 0)))
    return lines


def none_collected_text(engine: Engine, filters: dict, lang: str) -> str | None:
    """That no article was collected at all, or none in the filters' dates (one cheap query);
    None when there are articles there, and so the other filters are why none is shown."""
    since, until = filters.get("since"), filters.get("until")
    if any_article(engine, since, until, bool(filters.get("include_samples"))):
        return None
    return t(MSG_NONE_IN_DATES if since or until else MSG_NONE_COLLECTED, lang)


def no_articles_notice(engine: Engine, filters: dict, lang: str) -> html.Div:
    """:func:`no_articles_texts` as the notice in place of the article list."""
    return notice([html.P(line) for line in no_articles_texts(engine, filters, lang)])


def official_text(row: pd.Series, lang: str) -> str:
    """The official figure beside the claimed one (rank or tier as published, else the value)."""
    if isinstance(row.get("official_text"), str) and row["official_text"]:
        kind, _, number = row["official_text"].partition(" ")
        label = t(METRIC_LABELS.get(kind, kind), lang)
        return f"{label} {number}"
    return format_number(row.get("official_value"), lang)


def metric_text(metric: object, lang: str) -> str:
    """A claim's metric in words: "rank in Africa", "rang en Afrique" (an unknown id as is)."""
    base, _, scope = str(metric).partition("_in_")
    if base not in METRIC_LABELS or (scope and scope not in SCOPE_LABELS):
        return str(metric)
    words = t(METRIC_LABELS[base], lang)
    return f"{words} {t(SCOPE_LABELS[scope], lang)}" if scope else words


def claims_table(frame: pd.DataFrame, names: dict[str, str], lang: str,
                 table_id: str | None = None, empty: str | None = None) -> dict | html.Div:
    """Claims with verdict badge, claimed and official figure, sentence, explanation, links;
    with none, ``empty`` (by default: the filters match none)."""
    if frame.empty:
        return notice(empty or t("No checked claims match these filters.", lang))
    rows = []
    lang = normalize_lang(lang)
    for r in python_records(frame):
        explanation, said_in = explanation_in(r, lang)
        sources = [external_link(t("article", lang), r["url"])]
        # The official row may cite several URLs (" | "): one link each.
        for n, url in enumerate(split_urls(r["official_source_url"]), start=1):
            label = t("official source", lang) + (f" {n}" if n > 1 else "")
            sources += [" · ", external_link(label, url)]
        edition = "" if pd.isna(r["edition"]) else str(int(r["edition"]))
        sentence: list = [element("Span", str(r["sentence"]), lang=str(r["language"]),
                                  className=VERBATIM)]
        if r["is_sample"]:
            sentence += [" ", sample_badge(lang)]
        rows.append([
            verdict_badge(r["verdict"], lang),
            names.get(r["iso3"], r["iso3"] or "–"),
            f"{t(INDEX_SHORT_NAMES.get(r['index_id'], r['index_id'] or '–'), lang)} "
            f"{edition}".strip(),
            metric_text(r["metric"], lang),
            format_number(r["value"], lang),
            official_text(r, lang),
            element("Span", sentence),
            element("Span", str(explanation), lang=said_in),
            element("Span", sources),
        ])
    headers = [t("Verdict", lang), t("Country", lang), t("Index and edition", lang),
               t("Metric", lang), t("Claimed", lang), t("Official", lang),
               t("Sentence", lang), t("Explanation", lang), t("Sources", lang)]
    return html_table(headers, rows, t("Figures quoted in the news, checked against the "
                                       "official data", lang), table_id=table_id,
                      numeric=(4, 5))


def country_news_section(engine: Engine, iso3: str, names: dict[str, str], lang: str,
                         limit: int = 5) -> list:
    """For the country page: recent articles naming the country and the claims about it
    (synthetic samples left out, as everywhere by default)."""
    name = names.get(iso3, iso3)
    articles, total = news_articles(engine, limit=limit, iso3s=[iso3])
    claims = news_claims(engine, limit=20, iso3s=[iso3])
    # No filter here: an empty list means nothing collected, or nothing naming the country.
    empty = None if total else notice(
        t(MSG_NONE_ABOUT, lang, country=name) if any_article(engine)
        else t(MSG_NONE_COLLECTED, lang))
    return [
        html.H2(t("Recent articles and the claims about {country}", lang, country=name)),
        html.P(html.A(tn("All news about {country} ({count} article)",
                         "All news about {country} ({count} articles)", total, lang,
                         country=name, count=format_number(total, lang, 0)),
                      href=href("/news", lang, countries=iso3))),
        article_list(articles, names, lang, empty=empty),
        # No filter on the country page: an empty table is no claim about the country.
        html.Div(claims_table(claims, names, lang, empty=t(
            "No figure quoted in the news about {country} has been checked yet.", lang,
            country=name)), className="ci-table-scroll"),
    ]
