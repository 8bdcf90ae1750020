"""Claims of a news text: a sentence that names a country and an index and states a figure.

Each figure goes to the country named nearest before it in its sentence (after it if none before:
"تصدر المغرب ..."), and to the index named nearest. The edition is a year of the sentence, or else
the only year the article's sentences about that index give. :func:`check_claims` lives in
:mod:`etl.news.verify` and is re-exported here.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass
from operator import itemgetter

from etl.news.figures import Figure, figures_and_years, find_years
from etl.news.mentions import Hit, find_hits
from etl.news.text import Article


@dataclass(frozen=True)
class Claim:
    """A figure stated about a country in an index: metric, value and how it was written."""

    text: str  # the sentence, as written
    iso3: str
    index: str
    metric: str  # score | rank | tier | legal | technical | organizational | capacity_development | cooperation
    value: float
    edition: int | None
    scope: str = "world"  # world | africa | arab | gcc
    bound: str = "eq"  # eq, or top ("among the top five")
    unit: str | None = None
    decimals: int = 0
    language: str = "en"

    def to_dict(self) -> dict:
        return asdict(self)


# Claims are built without the dataclass's ``__init__`` (which sets each field through
# ``object.__setattr__`` since the class is frozen): their fields set as one dict, the same
# instance for less than half the cost (a test pins the dict's keys to the fields).
_new_object = object.__new__
_KIND = itemgetter(0)  # a hit's kind


def _blanked(text: str, start: int, hits: list[Hit]) -> str:
    """The sentence with its mention spans blanked, so "United Arab Emirates" is not an Arab scope."""
    for hit in hits:
        a, b = max(hit.start - start, 0), min(hit.end - start, len(text))
        if a < b:
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _nearest(hits: list[Hit], position: int, before_first: bool) -> Hit | None:
    """The hit nearest a position, preferring those before it when ``before_first``."""
    if before_first:
        before = [h for h in hits if h.end <= position]
        if before:
            return before[-1]
    return min(hits, key=lambda h: abs(h.start - position), default=None)


def _value(figure: Figure) -> float:
    return int(figure.value) if figure.metric in ("rank", "tier") else figure.value


def _article_years(article: Article, hits: list[Hit]) -> dict[str, set[int]]:
    """Index id -> years given by the sentences that name it (to date a claim whose sentence doesn't)."""
    years: dict[str, set[int]] = {}
    for hit in hits:
        if hit.kind == "index":
            start, end = article.sentence_span(article.sentence_index(hit.start))
            years.setdefault(hit.key, set()).update(
                y for y, _ in find_years(article.text[start:end])
            )
    return years


def claims_of(article: Article, hits: list[Hit]) -> list[Claim]:
    """Claims of an article whose mentions are already found."""
    # A claim needs a country and an index in one sentence: most texts name no index at all.
    kinds = set(map(_KIND, hits))  # C speed: no generator per kind
    if "index" not in kinds or "country" not in kinds:
        return []
    by_sentence: dict[int, list[Hit]] = {}
    starts = article.sentence_starts
    for hit in hits:  # Article.sentence_index, inlined: a bisect per hit
        number = bisect_right(starts, hit.start) - 1
        same = by_sentence.get(number)
        if same is None:
            by_sentence[number] = [hit]
        else:
            same.append(hit)
    claims: list[Claim] = []
    article_years: dict[str, set[int]] | None = None
    for number, sentence_hits in by_sentence.items():
        countries = [h for h in sentence_hits if h.kind == "country"]
        indices = [h for h in sentence_hits if h.kind == "index"]
        if not countries or not indices:
            continue
        start, end = article.sentence_span(number)
        sentence = _blanked(article.text[start:end], start, sentence_hits)
        figures, years = figures_and_years(sentence)
        if not figures:
            continue
        original = article.surface(start, end)
        # One country, index or year in the sentence (the usual case) is the nearest of its kind.
        only_country = countries[0] if len(countries) == 1 else None
        only_index = indices[0] if len(indices) == 1 else None
        for figure in figures:
            position = start + figure.start
            country = only_country or _nearest(countries, position, before_first=True)
            index = only_index or _nearest(indices, position, before_first=False)
            if len(years) == 1:
                edition = years[0][0]
            else:
                edition = (
                    min(years, key=lambda y: abs(y[1] + start - index.start))[0] if years else None
                )
            if edition is None:
                if article_years is None:
                    article_years = _article_years(article, hits)
                known = article_years.get(index.key, set())
                edition = next(iter(known)) if len(known) == 1 else None
            claim = _new_object(Claim)
            claim.__dict__.update(
                {
                    "text": original,
                    "iso3": country.key,
                    "index": index.key,
                    "metric": figure.metric,
                    "value": _value(figure),
                    "edition": edition,
                    "scope": figure.scope,
                    "bound": figure.bound,
                    "unit": figure.unit,
                    "decimals": figure.decimals,
                    "language": article.language,
                }
            )
            claims.append(claim)
    return claims


def extract_claims(text: str, language: str | None = None) -> list[Claim]:
    """Figures stated about a country in an index, one claim per figure, in text order."""
    article = Article(text, language)
    return claims_of(article, find_hits(article))


def check_claims(claims, official, regions=None):  # noqa: ANN001 - documented in etl.news.verify
    """Check claims against official rows; see :func:`etl.news.verify.check_claims`."""
    from etl.news.verify import check_claims as check

    return check(claims, official, regions)
