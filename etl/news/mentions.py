"""Country and index mentions in a news text (Arabic, French, English).

One word split and hash lookups find every known form (:mod:`etl.news.gazetteer`); then three kinds of words are
settled from context: عمان/Oman/Amman (Oman or Jordan's capital), "le Royaume"/"the Sultanate"
(which kingdom?), and the acronym "GCI" (ITU's index, or the Global Competitiveness Index...).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import NamedTuple

from etl.news import gazetteer, lexicon
from etl.news.normalize import fold
from etl.news.text import Article


class Hit(NamedTuple):
    """One resolved mention: kind ("country" or "index"), key (iso3 or index id), folded span.

    A named tuple: built several times per article, a frozen dataclass cost ~3× as much."""

    kind: str
    key: str
    start: int
    end: int
    surface: str


_new_tuple = tuple.__new__  # Hit(...) without the Python-level __new__ of a named tuple
_new_object = object.__new__
_START = itemgetter(2)  # a hit's start (sorting by it: a C-level key, no lambda call per hit)


@dataclass
class CountryCount:
    """How often a country is named, and the surface forms used."""

    iso3: str
    count: int
    forms: list[str]

    def to_dict(self) -> dict:
        return {"iso3": self.iso3, "count": self.count, "forms": list(self.forms)}


@dataclass
class IndexCount:
    """How often an index is named."""

    id: str
    count: int

    def to_dict(self) -> dict:
        return {"id": self.id, "count": self.count}


@dataclass
class Mentions:
    """Countries and indices named in one article; ``hits`` keeps each mention's position."""

    language: str
    countries: list[CountryCount]
    indices: list[IndexCount]
    hits: list[Hit] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        return {
            "language": self.language,
            "countries": [c.to_dict() for c in self.countries],
            "indices": [i.to_dict() for i in self.indices],
        }


@cache
def _cue_words(words: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    """Cue words folded, each with whether it must start a word (Latin: jordan -> jordanian;
    Arabic ones anywhere, for clitics)."""
    return tuple(
        (word, not gazetteer._ARABIC.search(word))
        for word in sorted({fold(w) for w in words}, key=len, reverse=True)
    )


@cache
def _cue_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The cue words as one alternation. A Latin word must start a word: its first letter, then a
    lookbehind that no word character stands before it (after the letter, not before it, so
    that sre still skips at C speed to the letters the words start with)."""
    return re.compile(
        "|".join(
            re.escape(word[0]) + rf"(?<!\w{re.escape(word[0])})" + re.escape(word[1:])
            if at_word_start
            else re.escape(word)
            for word, at_word_start in _cue_words(words)
        )
    )


def _has_cue(text: str, words: tuple[str, ...], start: int = 0, end: int | None = None) -> bool:
    """Does ``text[start:end]`` hold one of the cue words? One regex search."""
    end = len(text) if end is None else end
    return _cue_pattern(words).search(text, start, end) is not None


class _Cues:
    """The cues of an article (folded position, key) sorted by position, for finding the one
    nearest a span in its sentence by bisection, and the key most cued in the whole text,
    counted once. A pass over every cue for every ambiguous name (and a search between each
    pair) made a text of many names and cues cubic: 20 KB of "Oman sultanate " read in a
    minute, so one hostile feed item could hold a refresh for hours."""

    def __init__(self, article: Article, cues: list[tuple[int, str]]) -> None:
        self.article = article
        self.cues = sorted(cues)
        self.positions = [pos for pos, _ in self.cues]
        counts: dict[str, int] = {}
        for _, key in cues:
            counts[key] = counts.get(key, 0) + 1
        most = max(counts.values(), default=0)
        keys = [key for key, count in counts.items() if count == most]
        self.most_cued = keys[0] if len(keys) == 1 else None

    def nearest_in_sentence(self, start: int) -> str | None:
        """The key of the cue nearest ``start`` in its sentence (ties: the first key)."""
        lo, hi = self.article.sentence_span(self.article.sentence_index(start))
        first = bisect.bisect_left(self.positions, lo)
        last = bisect.bisect_left(self.positions, hi)
        at = bisect.bisect_left(self.positions, start, first, last)
        near: list[tuple[int, str]] = []
        # The nearest position on each side, with every cue at it.
        for side in (at - 1, at):
            if first <= side < last:
                pos = self.positions[side]
                near += [(abs(p - start), key) for p, key in self.cues[
                    bisect.bisect_left(self.positions, pos, first, last):
                    bisect.bisect_right(self.positions, pos, first, last)]]
        return min(near)[1] if near else None


def _nearest_cue(start: int, cues: _Cues, whole_text: bool) -> str | None:
    """The key of the cue nearest the span in its sentence, else (``whole_text``) the key with most
    cues in the text."""
    if not cues.cues:  # no sentence to look at (and no boundaries to find)
        return None
    found = cues.nearest_in_sentence(start)
    if found is not None or not whole_text:
        return found
    return cues.most_cued


def _gci_is_itu(article: Article, start: int, index_named: bool, seen: dict[int, bool]) -> bool:
    """Is this "GCI" ITU's? Not if its sentence (or, failing ITU cues, the text) names another GCI.

    ``seen`` keeps the answer for each sentence (and, under -1, the whole text's) for the
    article's other "GCI"s: searched again for each one, a text of many was quadratic."""
    sentence = article.sentence_index(start)
    if sentence not in seen:
        s_start, s_end = article.sentence_span(sentence)
        other, itu = lexicon.GCI_OTHER_CUES, lexicon.GCI_ITU_CUES
        if _has_cue(article.text, other, s_start, s_end):
            seen[sentence] = False
        elif _has_cue(article.text, itu, s_start, s_end):
            seen[sentence] = True
        else:
            if -1 not in seen:
                seen[-1] = not _has_cue(article.text, other) and (
                    index_named or _has_cue(article.text, itu))
            seen[sentence] = seen[-1]
    return seen[sentence]


def find_hits(article: Article) -> list[Hit]:
    """Every resolved country and index mention of an article, in text order."""
    hits: list[Hit] = []
    pending: list[tuple[gazetteer.Term, int, int, str]] = []
    # Where nothing was dropped by the fold, a folded span is the original's (no map back).
    original = article.folded_text.original if article.same_length else None
    for term, start, end in gazetteer.scan(article.text):
        surface = original[start:end] if original is not None else article.surface(start, end)
        if term.case_form and surface not in (term.case_form, term.case_form.upper()):
            continue
        if term.kind in ("country", "index"):
            # What Hit(...) does, without its Python-level __new__ (a third of the cost).
            hits.append(_new_tuple(Hit, (term.kind, term.key, start, end, surface)))
        else:
            pending.append((term, start, end, surface))
    if not pending:
        return hits
    named = {h.key for h in hits if h.kind == "country"}
    # What tells Oman from Amman: Omani or Jordanian words, and "sultanate" words, seen by the scan.
    cue_keys = set(lexicon.AMBIGUITY_CUES)
    cues = [(h.start, h.key) for h in hits if h.kind == "country" and h.key in cue_keys]
    cues += [(start, term.key) for term, start, _, _ in pending if term.kind == "cue"]
    cues += [
        (start, "OMN")
        for term, start, _, _ in pending
        if term.kind == "contextual" and "OMN" in lexicon.CONTEXTUAL_CANDIDATES[term.key]
    ]
    sorted_cues = _Cues(article, cues)
    for term, start, end, surface in pending:
        if term.kind == "ambiguous":
            default = lexicon.AMBIGUOUS_DEFAULT[term.key]
            # Arabic عمان is one spelling for both; Latin Oman/Amman differ, so only a cue in the
            # same sentence overrides the spelling ("Amman, the Omani capital Muscat" is a mistake).
            arabic = bool(gazetteer._ARABIC.search(term.key))
            iso3 = _nearest_cue(start, sorted_cues, arabic) or default
            hits.append(Hit("country", iso3, start, end, surface))
            named.add(iso3)
    index_named = any(h.kind == "index" and h.key == "itu_gci" for h in hits)
    gci_seen: dict[int, bool] = {}
    starts = {h.start for h in hits}  # a set: a pass over the hits per word was quadratic
    for term, start, end, surface in pending:
        if term.kind == "contextual":
            if any(end + gap in starts for gap in range(5)):  # "le Sultanat d'Oman": the name counts
                continue
            candidates = lexicon.CONTEXTUAL_CANDIDATES[term.key]
            present = [iso for iso in candidates if iso in named]
            if len(present) == 1:
                hits.append(Hit("country", present[0], start, end, surface))
                starts.add(start)
        elif term.kind == "gci_acronym" and _gci_is_itu(article, start, index_named, gci_seen):
            hits.append(Hit("index", "itu_gci", start, end, surface))
    return sorted(hits, key=_START)


def summarise(language: str, hits: list[Hit]) -> Mentions:
    """Count hits per country (with forms seen) and per index."""
    counts: dict[str, int] = {}
    forms: dict[str, list[str]] = {}
    indices: dict[str, int] = {}
    for kind, key, _, _, surface in hits:  # plain dicts: a Counter's += costs a call per hit
        if kind == "index":
            indices[key] = indices.get(key, 0) + 1
            continue
        counts[key] = counts.get(key, 0) + 1
        seen = forms.get(key)
        if seen is None:
            forms[key] = [surface]
        elif surface not in seen:
            seen.append(surface)
    # Most named first, then by code: sorted as (-count, code) pairs (tuples compare in C, no
    # key function called per item); the counts built without the dataclass's ``__init__``.
    ordered = []
    for minus_count, iso3 in sorted([(-count, iso3) for iso3, count in counts.items()]):
        country = _new_object(CountryCount)
        country.__dict__.update({"iso3": iso3, "count": -minus_count, "forms": forms[iso3]})
        ordered.append(country)
    index_list = [
        IndexCount(i, -minus_count)
        for minus_count, i in sorted([(-count, i) for i, count in indices.items()])
    ]
    return Mentions(language, ordered, index_list, hits)


def extract_mentions(text: str, language: str | None = None) -> Mentions:
    """Countries (iso3, count, surface forms) and indices (id, count) named in ``text``."""
    article = Article(text, language)
    return summarise(article.language, find_hits(article))
