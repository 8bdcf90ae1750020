"""Where a tier, top or rank match can start in a folded sentence, and which cues it holds.

What keeps :mod:`etl.news.figures` fast: instead of a regex pass per pattern of
:mod:`etl.news.figure_patterns`, one Aho-Corasick pass over the sentence's word cut
(:func:`etl.news.wordcut.word_cut`) finds the words a tier, top or rank match can start at
(each distinct word's pattern families kept in a table) and the kinds of cue literals the
sentence holds (scope, pillar, "Vision 2030", region, negation, month, change, the previous
value of a change, the maximum of the scale), so that a
sentence without any pays nothing for their patterns. Tried at those words only, each pattern
finds what its ``finditer`` finds (``tests/etl/news/test_figure_starts.py`` checks it).
"""

from __future__ import annotations

import re
from functools import cache

import ahocorasick

from etl.news.figure_patterns import (
    CHANGE_KEYS,
    DIGIT_RANK_START,
    MONTH_KEYS,
    NEGATION_KEYS,
    NOT_A_YEAR_CUES,
    PILLAR_CUES,
    PREVIOUS_KEYS,
    RANK_LIST_WORDS,
    REGION_KEYS,
    SCALE_MAXIMUM_KEYS,
    SCOPE_CUES,
    SUBSET_KEYS,
    TIER_DIGIT_SUFFIXES,
    folded,
)
from etl.news.ordinals import BIG_ORD_ARABIC_STARTS, BIG_ORD_LATIN_STARTS, ORDINALS
from etl.news.wordcut import word_cut

_WORD = re.compile(r"\w+")

# Where a match can start. The tier, top and rank patterns of etl.news.figure_patterns start at
# the start of a word: ``\b`` then a word character, or a digit not preceded by a word character.
# So each match starts where a ``\w+`` token starts, and that token begins with the word
# characters of the first literal of one of the pattern's alternatives (listed below, folded like
# the patterns). Trying a pattern with ``match`` at those tokens only (``\b`` and lookbehinds
# still see the text before the position), in order and on from the end of each match, finds
# exactly what ``finditer`` finds, without sre trying every alternative at every word boundary
# of the sentence.
#
# The bits of a word's families: tier, top, then one per rank alternative (in the order of
# etl.news.figure_patterns.RANK_PARTS).
_AT_TIER, _AT_TOP = 1, 2
_RANK_SHIFT = 4
_RANK_AFTER_DIGITS = 1 << 2  # "50th", "50e", "3 e": the only rank alternative starting with a digit
_RANK_AFTER_ARTICLE = 1 << 3  # "the first", "le premier": only if an ordinal word follows


_TIER_STARTS = folded(
    (
        "tier",
        "niveau",
        "level",
        "categorie",
        "t1",
        "t2",
        "t3",
        "t4",
        "t5",
        "الفئه",
        "المستوي",
        "فئه",
    )
)
_TOP_STARTS = folded(("top", "parmi", "ضمن", "بين"))
_RANK_WORD_STARTS = folded(
    ("rank", "rang", "classe", "place", "position", "المرتبه", "المركز", "الرتبه", "مرتبه", "مركز")
) + tuple(  # with "and" or "in" on them: "والمرتبة 21", "بالمرتبة 50"
    clitic + word
    for word in folded(("المرتبه", "الرتبه", "المركز"))
    for clitic in ("و", "ف", "ب", "وب", "فب")
)
_LEAD_STARTS = ("lead", "led", "top", "en", "domine")  # en tete
_LEAD_INSIDE = folded(("تصدر", "صداره"))  # after clitics: وتصدر، يتصدر، بالصدارة
_RANK_LIST_STARTS = frozenset(RANK_LIST_WORDS)  # "المراتب 50 و2 و23": a list of ranks
_ORDINAL_WORDS = frozenset(ORDINALS)
_ARTICLE_WORDS = frozenset(("the", "la", "le", "au"))  # "the first": a rank if an ordinal follows
# A word's pattern families, kept per distinct word (news vocabulary and small numbers repeat;
# the table is emptied when large so a long run cannot grow it without bound).
_WORD_FAMILIES: dict[str, int] = {"": 0}
_WORD_FAMILIES_MAX = 50_000


def _word_families(word: str) -> int:
    """The patterns (bits) a match of which can start at a word token."""
    if word[0].isdecimal():  # \d: a number, maybe a rank ("50th", "50e")
        families = 0
        if len(word) < 4 or not word[:4].isdecimal():  # \d{1,3} then a space or a suffix
            families |= _RANK_AFTER_DIGITS << _RANK_SHIFT
        if word[0] in "12345" and word[1:] in TIER_DIGIT_SUFFIXES:  # "1er niveau", "1st tier"
            families |= _AT_TIER
    else:
        ordinal = word in _ORDINAL_WORDS
        rank_word = word.startswith(_RANK_WORD_STARTS)
        rank_parts = (
            rank_word  # rank 5, classe 50e
            | (word in ("no", "n")) << 1  # no. 5, n° 5
            | (rank_word or word in _ARTICLE_WORDS) << 3  # ranked first, the first
            | (ordinal or (word[0] == "و" and word[1:] in _ORDINAL_WORDS)) << 4  # الاول عربيا
            | (word.startswith(_LEAD_STARTS) or any(w in word for w in _LEAD_INSIDE)) << 5
            | (word in _RANK_LIST_STARTS) << 6
            | word.startswith(BIG_ORD_LATIN_STARTS) << 7  # au cinquantieme rang
            | (word[0] == "و" and word[1:] in BIG_ORD_ARABIC_STARTS) << 8  # والخمسين عالميا
        )
        families = (
            (ordinal or word.startswith(_TIER_STARTS))
            | word.startswith(_TOP_STARTS) << 1
            | rank_parts << _RANK_SHIFT
        )
    if len(_WORD_FAMILIES) >= _WORD_FAMILIES_MAX:
        _WORD_FAMILIES.clear()
        _WORD_FAMILIES[""] = 0
    _WORD_FAMILIES[word] = families
    return families


_Starts = tuple[list[int], list[int], list[tuple[int, int]]]
Cues = set[str] | frozenset[str] | None


@cache
def _word_starts() -> ahocorasick.Automaton:
    """The beginnings of the words that can start a tier, top or rank match, each keyed after a
    space (so found at word starts only, in a :func:`etl.news.wordcut.word_cut` of the
    sentence): ordinals (also after و), French and English ordinals above ten ("cinquantieme",
    "quarante", "twenty"), tier, top, rank and lead words, plural rank words before a list
    ("المراتب 50 و2 و23"); "no" and "n" as whole words; تصدر/صدارة anywhere in a word (وتصدرت،
    بالصدارة). More words than need be (a prefix of "firstly", "centre"): each is then looked up
    in :data:`_WORD_FAMILIES`.

    The same pass tells which cue literals (scope, pillar, "Vision 2030") the sentence may hold:
    each one in a sentence is in its word cut too (they are word characters and spaces), so a
    cue not found there is in no sentence; one found is then looked for as before. So do the
    whole words (keys between spaces) of negations, months, changes, previous values ("up
    from"), scale maxima ("note maximale de") and counted countries ("46 countries"): a
    sentence without any pays nothing for their patterns."""
    keys: dict[str, set[str]] = {}  # key -> what it is: _START_WORD, _INSIDE_WORD or a cue kind
    for word in (
        *ORDINALS,
        *_TIER_STARTS,
        *_TOP_STARTS,
        *_RANK_WORD_STARTS,
        *_LEAD_STARTS,
        *_RANK_LIST_STARTS,
        *BIG_ORD_LATIN_STARTS,
    ):
        keys.setdefault(" " + word, set()).add(_START_WORD)
    for word in (*ORDINALS, *BIG_ORD_ARABIC_STARTS):
        keys.setdefault(" و" + word, set()).add(_START_WORD)
    keys.setdefault(" no ", set()).add(_START_WORD)
    keys.setdefault(" n ", set()).add(_START_WORD)
    for inside in _LEAD_INSIDE:
        keys.setdefault(inside, set()).add(_INSIDE_WORD)
    for kind, cues in (
        ("scope", SCOPE_CUES),
        ("pillar", PILLAR_CUES),
        ("year", NOT_A_YEAR_CUES),
        ("region", REGION_KEYS),
        ("negation", NEGATION_KEYS),
        ("month", MONTH_KEYS),
        ("change", CHANGE_KEYS),
        ("previous", PREVIOUS_KEYS),
        ("maximum", SCALE_MAXIMUM_KEYS),
        ("subset", SUBSET_KEYS),
    ):
        for cue in cues:
            keys.setdefault(cue, set()).add(kind)
    matcher = ahocorasick.Automaton()
    for key, kinds in keys.items():
        matcher.add_word(key, (len(key), frozenset(kinds)))
    matcher.make_automaton()
    return matcher


_START_WORD, _INSIDE_WORD = "start", "inside"  # automaton keys' kinds besides the cue patterns'
_NO_CUE: frozenset[str] = frozenset()


def starts(sentence: str) -> _Starts:
    """Where a tier, top and rank (with its possible alternatives) match can start in a
    sentence: the words :func:`_word_starts` finds in one automaton pass over its word cut
    (compiled code), and digits before an ordinal suffix; Python looks only at those (a few
    per sentence). Numbers and years have their own scan (they start with a digit)."""
    return starts_and_cues(sentence)[:3]


def starts_and_cues(sentence: str) -> tuple[list[int], list[int], list[tuple[int, int]], Cues]:
    """:func:`starts`, and the kinds of cue literals the sentence may hold: "scope", "pillar",
    "year" (for "Vision 2030"...), "negation", "month", "change", "previous" ("up from"),
    "maximum" ("note maximale de"), "subset" ("46 countries"); ``None``: not known, search them."""
    cut = word_cut(sentence)
    if cut is None:
        return (*starts_by_words(sentence), None)
    found: set[int] = set()
    cues: set[str] | frozenset[str] = _NO_CUE
    for last, (size, kinds) in _word_starts().iter(" " + cut + " "):
        if _START_WORD in kinds:  # the key's space stands for the character before the word
            found.add(last - size + 1)
        if _INSIDE_WORD in kinds:  # the word holding it starts after the space before it
            found.add(cut.rfind(" ", 0, last - size) + 1)
        if len(kinds) > 1 or not (_START_WORD in kinds or _INSIDE_WORD in kinds):
            cues = cues | kinds
    tier: list[int] = []
    top: list[int] = []
    rank: list[tuple[int, int]] = []
    digits = [m.start() for m in DIGIT_RANK_START.finditer(sentence)]
    if not found:
        return tier, top, [(at, _RANK_AFTER_DIGITS) for at in digits], cues
    families_of = _WORD_FAMILIES.get
    for at in sorted(found.union(digits)) if digits else sorted(found):
        end = cut.find(" ", at)
        word = cut[at:] if end < 0 else cut[at:end]
        bits = families_of(word)
        if bits is None:
            bits = _word_families(word)
        if bits & _AT_TIER:
            tier.append(at)
        if bits & _AT_TOP:
            top.append(at)
        rank_parts = bits >> _RANK_SHIFT
        if rank_parts and rank_parts != _RANK_AFTER_ARTICLE:
            if word in _ORDINAL_WORDS:  # "the\s+(first|...)\b": the word before it
                before = cut[:at].rstrip(" ")
                article = before.rfind(" ") + 1
                if before[article:] in _ARTICLE_WORDS:
                    rank.append((article, _RANK_AFTER_ARTICLE))
            rank.append((at, rank_parts))
    return tier, top, rank, cues


def starts_by_words(sentence: str) -> _Starts:
    """:func:`starts` word by word: one ``\\w+`` scan and a table lookup per word."""
    tier: list[int] = []
    top: list[int] = []
    rank: list[tuple[int, int]] = []
    families_of = _WORD_FAMILIES.get
    article = -1  # where "the", "le"... stand, kept until the next word says if it is an ordinal
    for m in _WORD.finditer(sentence):
        word = m.group()
        bits = families_of(word)
        if bits is None:
            bits = _word_families(word)
        if article >= 0:
            if word in _ORDINAL_WORDS:  # "the\s+(first|...)\b" can match only then
                rank.append((article, _RANK_AFTER_ARTICLE))
            article = -1
        if not bits:
            continue
        at = m.start()
        if bits & _AT_TIER:
            tier.append(at)
        if bits & _AT_TOP:
            top.append(at)
        rank_parts = bits >> _RANK_SHIFT
        if rank_parts == _RANK_AFTER_ARTICLE:
            article = at
        elif rank_parts:
            rank.append((at, rank_parts))
    return tier, top, rank


def matches_at(pattern: re.Pattern[str], sentence: str, starts: list[int]) -> list[re.Match[str]]:
    """``pattern.finditer(sentence)`` when no match can start outside ``starts`` (sorted)."""
    found: list[re.Match[str]] = []
    end = 0
    for at in starts:
        if at >= end:
            m = pattern.match(sentence, at)
            if m is not None:
                found.append(m)
                end = m.end()
    return found
