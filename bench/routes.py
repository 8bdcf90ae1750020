"""Bare Flask routes running what the Dash callbacks run, returning JSON: the baseline of the
callback budgets. Registered only with ``CYBERINDEX_BENCH_ROUTES=1`` (see dashboard/perf.py).

* ``/bench/news?countries=MAR&languages=fr&start=2024-01-01&end=2024-12-31``: the News page's
  readers for that filter (volume, first page of articles and their total, claims), as records.
* ``/bench/compare?countries=MAR,OMN&edition=2024``: the Compare page's two figures.
* ``/bench/country?iso3=MAR``: the Country page (figures, tables, news section) as Dash JSON.
"""

from __future__ import annotations

import json

import pandas as pd
from flask import Blueprint, Response, request
from plotly.io.json import to_json_plotly

from dashboard import data
from dashboard.news_components import news_articles, news_claims, news_volume
from dashboard.pages import compare, country, news


def _records(frame: pd.DataFrame) -> list:
    return json.loads(frame.to_json(orient="records", date_format="iso", default_handler=str))


def _json(payload: object) -> Response:
    return Response(to_json_plotly(payload), mimetype="application/json")


def _list(name: str) -> list[str]:
    return [v for v in request.args.get(name, "").split(",") if v]


def bench_blueprint() -> Blueprint:
    blueprint = Blueprint("bench", __name__, url_prefix="/bench")

    @blueprint.get("/news")
    def bench_news() -> Response:
        engine = data.current_engine()
        filters = news.filters_of(
            _list("countries"),
            _list("languages"),
            [],
            request.args.get("start"),
            request.args.get("end"),
            "any",
            [],
            [],
        )
        volume = news_volume(
            engine,
            filters["iso3s"] or news.DEFAULT_COUNTRIES,
            "week",
            include_samples=False,
            since=filters["since"],
            until=filters["until"],
            languages=filters["languages"],
            outlets=filters["outlets"],
            has_claim=filters["has_claim"],
            verdicts=filters["verdicts"],
        )
        articles, total = news_articles(engine, limit=news.ARTICLE_LIMIT, **filters)
        claims = news_claims(
            engine, limit=news.CLAIM_LIMIT, **{k: v for k, v in filters.items() if k != "has_claim"}
        )
        return _json(
            {
                "volume": _records(volume),
                "total": total,
                "articles": _records(articles),
                "claims": _records(claims),
            }
        )

    @blueprint.get("/compare")
    def bench_compare() -> Response:
        view = compare.compare_view(
            data.current_engine(),
            _list("countries"),
            int(request.args.get("edition", data.BREAK_EDITION)),
            request.args.get("lang", "en"),
        )
        return _json({"trend": view["trend"], "pillars": view["pillars"]})

    @blueprint.get("/country")
    def bench_country() -> Response:
        return _json(country.layout(request.args.get("iso3", ""), request.args.get("lang", "en")))

    return blueprint
