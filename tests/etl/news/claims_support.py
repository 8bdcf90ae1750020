"""What the claim tests share: the claims ingestion reads in a text, as comparable tuples."""

from __future__ import annotations

from etl.news.article import analyse_article


def claims_read(text: str, lang: str, official) -> list[tuple]:
    """The claims ingestion reads in ``text``: (ISO3, index, metric, value, edition, verdict),
    sorted."""
    found = analyse_article(text, lang, official)["claims"]
    return sorted((c["iso3"], c["index"], c["metric"], round(float(c["value"]), 4), c["edition"],
                   c["verdict"]) for c in found)
