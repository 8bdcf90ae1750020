"""Claims of a news text: a sentence that names a country and an index and states a figure.

Each figure goes to a country, an index and an edition by the rules of
:mod:`etl.news.attribution` (the country named nearest before it, not one named as a comparison
or a capital named as a place, unless a "respectively" list, a preposition of attribution or a
"both" says otherwise; the index named in its clause; the year attached to the figure, else to
its index). A clause ending with its figures before ";" is read with the next one, which names
the index ("Le Maroc est 50e ; Oman est 21e, selon l'indice ... 2020"); a clause after ";" naming
only a country and its figure, as the clause before states that metric ("Le Maroc est 50e de
l'indice ... 2020 ; l'Algérie, 104e"). Conservative: where the
sentence does not say for sure, no claim (a missed claim) rather than a wrong one. The usual sentence (one country, one index with its year, one figure per metric) takes
a short way in :func:`claims_of`: every rule gives it the same answer. :func:`check_claims`
lives in :mod:`etl.news.verify` and is re-exported here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import asdict, dataclass
from operator import itemgetter

from etl.news import attribution
from etl.news.figures import Figure, figures_and_years
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
    scope: str = "world"  # world | africa | arab | gcc, or a region no data ranks (middle_east...)
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
_METRIC = itemgetter(0)  # a figure's metric


def _blanked(text: str, start: int, hits: list[Hit]) -> str:
    """The sentence with its mention spans blanked, so "United Arab Emirates" is not an Arab scope."""
    for hit in hits:
        a, b = max(hit.start - start, 0), min(hit.end - start, len(text))
        if a < b:
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _value(figure: Figure) -> float:
    return int(figure.value) if figure.metric in ("rank", "tier") else figure.value


def _without_conflicts(claims: list[Claim]) -> list[Claim]:
    """A sentence's claims less those that give one country's metric two values in one edition
    (one of them, at least, is not that country's or that edition's)."""
    seen: dict[tuple, set[float]] = {}
    for c in claims:
        seen.setdefault((c.iso3, c.index, c.metric, c.scope, c.bound, c.edition), set()).add(
            c.value
        )
    if all(len(values) == 1 for values in seen.values()):
        return claims
    return [
        c
        for c in claims
        if len(seen[(c.iso3, c.index, c.metric, c.scope, c.bound, c.edition)]) == 1
    ]


def claims_of(article: Article, hits: list[Hit]) -> list[Claim]:
    """Claims of an article whose mentions are already found."""
    # A claim needs a country and an index in one sentence: most texts name no index at all.
    kinds = set(map(_KIND, hits))  # C speed: no generator per kind
    if "index" not in kinds or "country" not in kinds:
        return []
    by_sentence: dict[int, list[Hit]] = {}
    starts = article.sentence_starts
    text, last = article.text, len(starts) - 1
    for hit in hits:  # Article.sentence_index, inlined: a bisect per hit
        number = bisect_right(starts, hit.start) - 1
        same = by_sentence.get(number)
        if same is None:
            by_sentence[number] = [hit]
        else:
            same.append(hit)
    claims: list[Claim] = []
    article_years: dict[str, set[int]] | None = None
    previous = (-2, 0)  # the last sentence naming a country, and where its claims start
    for number, sentence_hits in by_sentence.items():
        countries = [h for h in sentence_hits if h.kind == "country"]
        indices = [h for h in sentence_hits if h.kind == "index"]
        if not countries:
            continue
        earlier, previous = previous, (number, len(claims))
        cut = 0  # a clause read with the next one: where that one starts (its figures are its own)
        if indices:
            start, end = article.sentence_span(number)
        else:
            if earlier[0] == number - 1 and text[starts[number] - 1] == ";" and len(countries) == 1:
                # "Le Maroc est 50e de l'indice ... 2020 ; l'Algérie, 104e": as the clause before
                elliptic = _elliptic_claims(article, number, countries[0], claims[earlier[1] :])
                if elliptic:
                    claims.extend(elliptic)
                    continue
            if number >= last or text[starts[number + 1] - 1] != ";":
                continue  # (the usual case: no clause to read with the next one)
            joined = _with_next_clause(article, number, by_sentence)
            if joined is None:
                continue
            start, cut, end, sentence_hits = joined
            later: set[int] = set()  # the claims of the next clause's figures, left out
            countries = [h for h in sentence_hits if h.kind == "country"]
            indices = [h for h in sentence_hits if h.kind == "index"]
        sentence = _blanked(text[start:end], start, sentence_hits)
        figures, years = figures_and_years(sentence)
        if not figures:
            continue
        if cut and not _ends_with_its_figures(sentence, figures, cut - start):
            continue
        original = article.surface(start, end)
        # The usual sentence (one country, one index, one year right after it, one figure per
        # metric) takes the shortest way: the same country, index and edition for every figure.
        count = len(figures)
        if count == 1:
            distinct = True  # one figure per metric
        elif count == 2:
            distinct = figures[0][0] != figures[1][0]
        else:
            distinct = len(set(map(_METRIC, figures))) == count
        # "respectively" pairs countries, or years (several figures, several years).
        if len(countries) == 1:
            only = countries[0]
            if only[2] - start > 1 and attribution.is_aside(text, only, start):
                continue  # "It ranked 50th, ahead of Algeria": the subject is not named
            owners = None
            respectively = count > 1 and len(years) > 1 and attribution.says_respectively(sentence)
        else:
            said = attribution.says_respectively(sentence)
            if not distinct and len({f[6] for f in figures if f[0] == "rank"}) > 1:
                # Ranks listed with one scope after them ("3rd and 5th in the Arab world"):
                # every rank's when the list is paired with the countries, else no claim.
                scoped, unlisted = attribution.one_scope_per_list(sentence, figures)
                paired = bool(scoped) and (
                    said
                    or (
                        len(years) < 2
                        and attribution.listed_in_order(text, start, scoped, countries)
                    )
                )
                figures = scoped if paired else unlisted
                if not figures:
                    continue
                count = len(figures)
            respectively = said or (
                not distinct
                and len(years) < 2
                and attribution.listed_in_order(text, start, figures, countries)
            )
            owners = attribution.owners(article, start, figures, countries, respectively)
        only_index = indices[0] if len(indices) == 1 else None
        index_hits: list[Hit | None] = []
        if only_index is None:
            # Several indices: the one named in the figure's own clause, or none (no claim).
            # One index named twice: the mention in the figure's own clause (its year is the
            # figure's: "93rd in the GCI 2018 and 50th in the GCI 2020"), else the nearest.
            several = len({h.key for h in indices}) > 1
            ends = attribution.clause_ends(sentence)
            index_hits = [
                attribution.index_of_figure(sentence, f, indices, start, ends)
                or (None if several else attribution.nearest(indices, start + f.start, False))
                for f in figures
            ]
        editions: list[int | None] | None = None
        edition_of_all = None  # the edition of every figure when ``editions`` is None
        if not years:
            pass  # the article's years decide
        elif (
            len(years) == 1
            and distinct
            and only_index is not None
            and years[0][1] + start - only_index.end == 1
        ):
            edition_of_all = years[0][0]  # "GCI 2020": every rule gives that year
        else:
            spans = [(h.start - start, h.end - start, h.key) for h in indices]
            index_of = ([0] * count if only_index is not None
                        else [-1 if h is None else indices.index(h) for h in index_hits])
            editions = attribution.editions(sentence, figures, years, spans, index_of, respectively)
        # (one figure per metric: no conflict to look for)
        found = claims if distinct and not cut else []
        one_owner = (countries[0].key,)
        for i, figure in enumerate(figures):
            index = only_index or index_hits[i]
            if index is None:
                continue
            if editions is None:
                edition = edition_of_all
            else:
                edition = editions[i]
                if edition == attribution.NO_CLAIM:
                    continue
            if edition is None:
                if article_years is None:
                    article_years = attribution.article_years(article, hits)
                known = article_years.get(index.key, set())
                if len(known) == 1 and not attribution.says_now(sentence):
                    edition = next(iter(known))
            for iso3 in one_owner if owners is None else owners[i]:
                claim = _new_object(Claim)
                claim.__dict__.update(
                    {
                        "text": original,
                        "iso3": iso3,
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
                found.append(claim)
                if cut and start + figure.start >= cut:
                    later.add(id(claim))
        if cut:
            claims.extend(c for c in _without_conflicts(found) if id(c) not in later)
        elif not distinct:
            claims.extend(_without_conflicts(found))
    return claims


def _with_next_clause(
    article: Article, number: int, by_sentence: dict[int, list[Hit]]
) -> tuple[int, int, int, list[Hit]] | None:
    """A sentence naming no index that ends with ";" and the next one, which names one ("Le Maroc
    est 50e ; Oman est 21e, selon l'indice mondial de cybersécurité 2020"): read as one sentence
    for the first one's figures. (start, where the next starts, end, the hits of both); None if
    not so."""
    following = by_sentence.get(number + 1)
    if following is None or not any(h.kind == "index" for h in following):
        return None
    start, cut = article.sentence_span(number)
    if not article.text[start:cut].rstrip().endswith(";"):  # (";" then a space: the next starts)
        return None
    return start, cut, article.sentence_span(number + 1)[1], by_sentence[number] + following


# A clause after ";" naming only a country (blanked) and its figure: "; l'Algérie, 104e.", ";
# Tunisia, 86.23". (Each run of spaces after a word or a stop, none after another quantifier.)
_ELLIPTIC_BEFORE = re.compile(r"\s*(?:(?:and|et)\s*)?(?:(?:the|le|la|les|l')\s*)?,\s*")
_ELLIPTIC_AFTER = re.compile(r"(?:\s+(?:place|rang|rank|position))?\s*(?:[.;!]\s*)?")


def _elliptic_claims(
    article: Article, number: int, country: Hit, earlier: list[Claim]
) -> list[Claim]:
    """The claim of a clause after ";" that names only a country and its figure, its verb left
    out ("Le Maroc est 50e de l'indice mondial de cybersécurité 2020 ; l'Algérie, 104e"): stated
    as the clause before states its figures of that metric (``earlier``: its claims), in their
    index, edition and scope; none if that clause states none so, or in several indices,
    editions or scopes ("50e mondial et 7e en Afrique ; l'Algérie, 9e": which?)."""
    if not earlier:
        return []
    start, end = article.sentence_span(number)
    sentence = _blanked(article.text[start:end], start, [country])
    figures, years = figures_and_years(sentence)
    if len(figures) != 1 or years:
        return []
    figure = figures[0]
    before = _ELLIPTIC_BEFORE.fullmatch(sentence, 0, figure.start)
    if before is None or "   " not in before.group() or not _ELLIPTIC_AFTER.fullmatch(
        sentence, figure.end
    ):
        return []
    stated = {
        (c.index, c.edition, c.scope)
        for c in earlier
        if c.metric == figure.metric and c.bound == figure.bound
    }
    if len(stated) != 1:
        return []
    index, edition, scope = stated.pop()
    return [
        Claim(
            text=article.surface(article.sentence_span(number - 1)[0], end),
            iso3=country.key,
            index=index,
            metric=figure.metric,
            value=_value(figure),
            edition=edition,
            scope=scope,
            bound=figure.bound,
            unit=figure.unit,
            decimals=figure.decimals,
            language=article.language,
        )
    ]


_CLAUSE_TAIL = re.compile(r"(?:\s+(?:place|rang|rank|position))?\s*;\s*")


def _ends_with_its_figures(sentence: str, figures: list[Figure], cut: int) -> bool:
    """Does the clause before ``cut`` state figures and end with them ("Le Maroc est 50e ;"), so
    that no other index can be named in it after them ("is 101st in e-government;")?"""
    first = [f for f in figures if f.start < cut]
    return bool(first) and _CLAUSE_TAIL.fullmatch(sentence, first[-1].end, cut) is not None


def extract_claims(text: str, language: str | None = None) -> list[Claim]:
    """Figures stated about a country in an index, one claim per figure, in text order."""
    article = Article(text, language)
    return claims_of(article, find_hits(article))


def check_claims(claims, official, regions=None):  # noqa: ANN001 - documented in etl.news.verify
    """Check claims against official rows; see :func:`etl.news.verify.check_claims`."""
    from etl.news.verify import check_claims as check

    return check(claims, official, regions)
