"""Sentences and language of a folded news text: what mention and claim extraction share."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from etl.news.normalize import Folded

_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")
# A sentence ends at . ! ? ; (Arabic ؟ ؛ are folded to ? ;) followed by a space, or at a line break.
# "97.5" and "U.S." inside a word do not end one.
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s)|\n+")
_STOPWORDS = re.compile(
    r"\b(?:(?P<fr>le|la|les|des|du|une|est|et|dans|pour|sur|aux|qui|avec|selon)"
    r"|(?P<en>the|of|and|to|is|for|on|with|that|by|was|its|from|has))\b"
)


def detect_language(folded: str) -> str:
    """ar, fr or en: Arabic script share first, then French against English stopwords."""
    sample = folded[:2000]
    letters = sum(ch.isalpha() for ch in sample[:400]) or 1
    if len(_ARABIC_CHAR.findall(sample[:400])) / letters > 0.3:
        return "ar"
    french = english = 0
    for match in _STOPWORDS.finditer(sample):
        if match.lastgroup == "fr":
            french += 1
        else:
            english += 1
    return "fr" if french > english else "en"


class Article:
    """A text folded once, with its language and its sentence boundaries (computed when asked)."""

    def __init__(self, text: str, language: str | None = None) -> None:
        self.folded_text = Folded.of(text)
        self.text = self.folded_text.folded
        self.language = language or detect_language(self.text)

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Folded positions where sentences begin (0 first)."""
        return [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]

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
        return self.folded_text.surface(start, end)
