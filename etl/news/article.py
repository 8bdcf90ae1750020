"""One article in, one JSON-ready analysis out: language, countries, indices, checked claims."""

from __future__ import annotations

import pandas as pd

from etl.news.claims import Claim, claims_of
from etl.news.mentions import find_hits, summarise
from etl.news.text import Article
from etl.news.verify import check_claims


def metric_label(claim: Claim) -> str:
    """The metric as one word: score, rank, tier, a pillar, rank_in_africa, top_n_in_arab..."""
    if claim.metric != "rank":
        return claim.metric
    base = "top_n" if claim.bound == "top" else "rank"
    return base if claim.scope == "world" else f"{base}_in_{claim.scope}"


def analyse_article(
    text: str, language: str | None = None, official: pd.DataFrame | None = None
) -> dict:
    """language, countries, indices and claims of one article (claims checked when ``official`` given)."""
    article = Article(text, language)
    hits = find_hits(article)
    result = summarise(article.language, hits).to_dict()
    claims = claims_of(article, hits) if hits else []
    checked = check_claims(claims, official) if official is not None and claims else None
    result["claims"] = []
    for i, claim in enumerate(claims):
        verdict = checked[i] if checked else None
        result["claims"].append(
            {
                "text": claim.text,
                "iso3": claim.iso3,
                "index": claim.index,
                "metric": metric_label(claim),
                "value": claim.value,
                "edition": claim.edition,
                "verdict": verdict.verdict if verdict else None,
                "official": verdict.official if verdict else None,
                "explanation": verdict.explanation if verdict else None,
            }
        )
    return result
