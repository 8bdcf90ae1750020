"""Sentences and language of a folded news text: what mention and claim extraction share."""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from operator import eq

from etl.news import lexicon
from etl.news.normalize import Folded

_FRENCH = ("le", "la", "les", "des", "du", "une", "est", "et", "dans", "pour", "selon")
_ENGLISH = ("the", "of", "and", "to", "is", "for", "on", "with", "that", "was", "its")
_FRENCH_SET = frozenset(_FRENCH)
_STOPWORDS = frozenset(_FRENCH + _ENGLISH)


_DOUBLED = {word: f" {word} {word} " for word in _FRENCH + _ENGLISH}


def _arabic_count(text: str) -> int:
    """How many characters of ``text`` are in the Arabic block U+0600..U+06FF: UTF-16 code units
    whose high byte is 06 (surrogates are D8..DF), counted by ``bytes.count``."""
    return text.encode("utf-16-le", "surrogatepass")[1::2].count(6)


def detect_language(folded: str) -> str:
    """ar, fr or en: Arabic script share first, then French against English stopwords.

    The stopwords are counted as ``str.count(" le ")`` counts them: each one between spaces
    (a split at spaces and a set filter, both at C speed, give them all, " le la " both); where
    a word follows itself (" le le "), the shared space makes ``count`` see one.
    """
    head = folded[:400]
    if not head.isascii() and _arabic_count(head) > 0.25 * len(head):
        return "ar"
    sample = " " + folded[:600] + " "
    found = list(filter(_STOPWORDS.__contains__, sample.split(" ")))
    french = sum(map(_FRENCH_SET.__contains__, found))
    english = len(found) - french
    # " le le " gives two matches in a row: only a word found twice in a row can be doubled.
    following = found[1:]
    if any(map(eq, found, following)):
        twice = {w for w, w2 in zip(found, following, strict=False) if w == w2}
        for word in [w for w in twice if _DOUBLED[w] in sample]:
            overlapping = found.count(word) - sample.count(f" {word} ")
            if word in _FRENCH_SET:
                french -= overlapping
            else:
                english -= overlapping
    return "fr" if french > english else "en"


_TITLES = frozenset(lexicon.TITLE_ABBREVIATIONS)
_NUMBER_WORDS = frozenset(lexicon.NUMBER_ABBREVIATIONS)
_ABBREVIATION_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz.")
_INITIALS = re.compile(r"[a-z](?:\.[a-z])*")  # "m", "u.n", "u.s.a" (before their last dot)


def _ends_abbreviation(folded: str, dot: int) -> bool:
    """Does the "." at ``dot`` (a space after it) end an abbreviation, not a sentence: letters
    with dots ("U.N.", "M. Benali"), a title ("Dr.", "Mme.") or "No." before a number?"""
    start = dot
    while start > 0 and dot - start < 8 and folded[start - 1] in _ABBREVIATION_CHARS:
        start -= 1
    if start == dot or (start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "_")):
        return False  # no word, or a longer one
    word = folded[start:dot]
    if word in _TITLES or _INITIALS.fullmatch(word):
        return True
    return word in _NUMBER_WORDS and folded[dot + 2 : dot + 3].isdecimal()


def sentence_starts(folded: str) -> list[int]:
    """Where sentences begin: after . ! ? ; (folded ؟ ؛) followed by a space, or after a line break;
    not after an abbreviation ("U.N. E-Government", "M. Benali", "No. 2": :func:`_ends_abbreviation`).

    A few ``str.replace`` and ``str.find`` calls (C speed) instead of a regex pass: "97.5" and
    "U.S." inside a word do not end a sentence.
    """
    marks = folded
    for end in "!?;\n":
        if end in marks:
            marks = marks.replace(end, ".")
    starts, size, i = [0], len(marks), marks.find(".")
    while i != -1:
        j = i
        while j + 1 < size and marks[j + 1] == ".":
            j += 1
        if (
            j + 1 < size
            and (folded[j] == "\n" or marks[j + 1].isspace())
            and not (
                i == j
                and folded[j] == "."
                and folded[j - 1 : j] in _ABBREVIATION_CHARS  # "2020." or an Arabic word: no
                and not (j >= 5 and folded[j - 5 : j].isalpha())  # 5+ letters: no title is as long
                and _ends_abbreviation(folded, j)
            )
        ):
            starts.append(j + 1)
        i = marks.find(".", j + 1)
    return starts


# Where a sentence ends, as :func:`sentence_starts` sees it: the last of a run of . ! ? ; or line
# breaks, then a space (the break itself counts as one), the next sentence starting after it.
_SENTENCE_END = re.compile(r"\n(?=[^.!?;\n])|[.!?;](?=[^\S\n])")


def same_sentence(folded: str, a: int, b: int) -> bool:
    """Are folded positions ``a`` and ``b`` in one sentence (as :func:`sentence_starts` cuts)?

    One regex search between them: no sentence starts in ``(min, max]``. Cheaper than finding
    every sentence start of the text when only a few positions are compared."""
    if a > b:
        a, b = b, a
    # A start at j + 1 needs an end at j in [a, b - 1]; the lookahead at b + 1 cannot see past
    # the end position, so a match at b is not taken.
    for end in _SENTENCE_END.finditer(folded, a, b + 1):
        at = end.start()
        if not (folded[at] == "." and _ends_abbreviation(folded, at)):
            return False
    return True


class Article:
    """A text folded once, with its language and its sentence boundaries (computed when asked)."""

    def __init__(self, text: str, language: str | None = None) -> None:
        self.folded_text = Folded.of(text)
        self.text = self.folded_text.folded
        self.language = language or detect_language(self.text)
        self.same_length = len(self.text) == len(text)  # the fold dropped nothing

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Folded positions where sentences begin (0 first)."""
        return sentence_starts(self.text)

    def sentence_index(self, position: int) -> int:
        """The number of the sentence holding a folded position."""
        return bisect.bisect_right(self.sentence_starts, position) - 1

    def sentence_span(self, index: int) -> tuple[int, int]:
        """Folded ``[start, end)`` of sentence ``index``."""
        starts = self.sentence_starts
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return starts[index], end

    def surface(self, start: int, end: int) -> str:
        """The original text of a folded span."""
        if self.same_length:  # nothing dropped: positions are the original's
            return self.folded_text.original[start:end].strip()
        return self.folded_text.surface(start, end)
