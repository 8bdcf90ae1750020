"""Matching form of news text: Arabic, French and English folded so one pattern finds every spelling.

The folding keeps every character or drops it, never expands it (a byte table for Latin-1 text;
``str.replace`` swaps, and NFD only where accents need splitting off, otherwise). So a position in the folded text maps back to the original by counting the dropped
characters before it, which :class:`Folded` does lazily and only when a match needs its surface form.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

# Arabic harakat, Quranic marks, superscript alef, tatweel and zero-width/format characters: dropped.
_DROPPED = (
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan .. hamza below (harakat)
    + ["\u0670", "\u0640", "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation marks
    + ["\u066c"]  # Arabic thousands separator: 18٬827 -> 18827
    + [chr(c) for c in range(0x0300, 0x0370)]  # Latin combining accents (text already in NFD)
)
_DROPPED_RE = re.compile("[" + "".join(re.escape(c) for c in _DROPPED) + "]")  # + combining, below

_ARABIC_LETTERS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ة": "ه",
    "ک": "ك",
    "٫": ".",  # Arabic decimal separator: ٩٧٫٥ -> 97.5
    "٪": "%",  # Arabic percent sign: ٩٧٫٥٪ -> 97.5%
    "،": ",",
    "؛": ";",
    "؟": "?",
}
_PUNCTUATION = {
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "‐": "-",
    "‑": "-",
}


@cache
def _table() -> dict[int, str | None]:
    """The translate table: drop marks, unify Arabic letters and digits, fold Latin accents and case."""
    table: dict[int, str | None] = {ord(c): None for c in _DROPPED}
    table.update({ord(k): v for k, v in _ARABIC_LETTERS.items()})
    table.update({ord(k): v for k, v in _PUNCTUATION.items()})
    for zero in (0x0660, 0x06F0):  # Arabic-Indic and Persian (Extended Arabic-Indic) digits
        table.update({zero + d: str(d) for d in range(10)})
    for code in range(0x00C0, 0x0250):  # Latin-1 Supplement and Latin Extended-A/B: é -> e, Ç -> c
        base = unicodedata.normalize("NFD", chr(code))[0].lower()
        if base.isascii() and base.isalpha():
            table[code] = base
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for code in range(0x0620, 0x06D4):  # ؤ ئ and other hamza seats: as NFD + dropped marks gives
        split = unicodedata.normalize("NFD", chr(code))
        if len(split) > 1 and all(
            _DROPPED_RE.match(ch) or ch in "\u0653\u0654\u0655" for ch in split[1:]
        ):
            table[code] = split[0]
    table[0x0130] = "i"  # İ lowercases to two characters; fold it here so lengths stay 1:1
    table[0x1D49] = "e"  # superscript e in 50ᵉ
    return table


_COMBINING = "\u0300-\u036f"
_MARKS_RE = re.compile("[" + _COMBINING + "\u064b-\u065f\u0670]")
_DROPPED_RE = re.compile(_DROPPED_RE.pattern[:-1] + _COMBINING + "]")
# Characters the fast path swaps one for one after NFD (which already split hamza and accents off).
_SWAPS = {
    **{k: v for k, v in _ARABIC_LETTERS.items() if len(k) == 1},
    **_PUNCTUATION,
    **{chr(z + d): str(d) for z in (0x0660, 0x06F0) for d in range(10)},
    "\u1d49": "e",
}
_SWAP_RE = re.compile("[" + "".join(re.escape(c) for c in _SWAPS) + "]")


# Arabic letters NFD splits into a letter and marks the fold drops (أ -> ا + hamza above): written
# as that letter directly, a text without accents is already in NFD and skips NFD and the marks.
_SPLIT_LETTERS = {
    chr(c): unicodedata.normalize("NFD", chr(c))[0]
    for c in range(0x0600, 0x0700)
    if len(unicodedata.normalize("NFD", chr(c))) > 1
    and all(_MARKS_RE.match(m) for m in unicodedata.normalize("NFD", chr(c))[1:])
}
# Both kinds of swaps before NFD (neither splits under NFD nor gives a character that does).
_FIRST_SWAPS = {**_SWAPS, **_SPLIT_LETTERS}
_FIRST_SWAP_RE = re.compile("[" + "".join(re.escape(c) for c in _FIRST_SWAPS) + "]")
# Characters outside Latin-1 that French text uses and that fold to a Latin-1 one (l’UIT).
_WIDE_PUNCTUATION = {k: v for k, v in _PUNCTUATION.items() if ord(k) > 0xFF}


def _replace_each(text: str, pattern: re.Pattern[str], mapping: dict[str, str]) -> str:
    """Every character of ``pattern`` replaced by ``mapping`` (one for one, none giving another):
    one search and one ``str.replace`` per distinct character present (ة is in most Arabic words,
    so finding every occurrence would cost a match each)."""
    found = pattern.search(text)
    while found is not None:
        text = text.replace(found.group(), mapping[found.group()])
        found = pattern.search(text, found.start())
    return text


@cache
def _latin1_table() -> tuple[bytes, bytes]:
    """The fold of each Latin-1 character as a byte table (and the bytes it drops): é -> e, É -> e."""
    table, dropped = bytearray(range(256)), bytearray()
    for code in range(256):
        folded = _fold_text(chr(code))
        if folded:
            table[code] = ord(folded)  # one Latin-1 character (a bytearray takes no other)
        else:
            dropped.append(code)
    return bytes(table), bytes(dropped)


def fold(text: str) -> str:
    """The matching form of ``text`` (lowercase, accent-free, Arabic letters and digits unified).

    ASCII is lowercased; text in Latin-1 (French, once its curly apostrophes are straight) goes
    through a byte table (``bytes.translate``: C speed, where ``str.translate`` with a dict costs
    a lookup per character); anything else through :func:`_fold_text`.
    """
    if text.isascii():
        return text.lower()
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError as error:
        if error.object[error.start] not in _WIDE_PUNCTUATION:
            return _fold_text(text)
        latin = text
        for wide, narrow in _WIDE_PUNCTUATION.items():
            if wide in latin:
                latin = latin.replace(wide, narrow)
        try:
            data = latin.encode("latin-1")
        except UnicodeEncodeError:
            return _fold_text(text)
    return data.translate(*_latin1_table()).decode("latin-1")


def folded_pattern(pattern: str) -> re.Pattern[str]:
    """A regular expression written in plain spelling, compiled folded like the text it scans
    (its non-ASCII runs through :func:`fold`: "فئة" matches the folded "فيه")."""
    return re.compile(re.sub(r"[^\x00-\x7f]+", lambda m: fold(m.group()), pattern))


def _fold_text(text: str) -> str:
    """:func:`fold` of any text. The swaps are ``str.replace`` calls, made before NFD, with the
    Arabic letters NFD would split swapped for their base letter: a text without accents (most
    Arabic) is then in NFD already and skips it. Otherwise NFD splits accents off their letters so
    one regex drops them, and the swaps run again for what NFD gave (U+1FEF -> `). If NFD
    changed the length otherwise (Hangul...), use the table.
    """
    kept = _DROPPED_RE.sub("", text)
    swapped = _replace_each(kept, _FIRST_SWAP_RE, _FIRST_SWAPS)
    if unicodedata.is_normalized("NFD", swapped):  # no mark left in it either: the drop took them
        folded = swapped
    else:
        folded = _MARKS_RE.sub("", unicodedata.normalize("NFD", swapped))
        if len(folded) != len(kept):
            return text.translate(_table()).lower()
        folded = _replace_each(folded, _SWAP_RE, _SWAPS)
    return folded.replace("\u0130", "i").lower()


@dataclass
class Folded:
    """A text with its matching form and the way back from folded positions to original ones."""

    original: str
    folded: str
    _dropped: list[int] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, text: str) -> Folded:
        """Fold ``text`` once; the position map is built only if a surface form is asked for."""
        return cls(text, fold(text))

    def _insertion_points(self) -> list[int]:
        # The k-th dropped character at original position d sits at folded position d - k.
        if self._dropped is None:
            if len(self.folded) == len(self.original):
                self._dropped = []
            else:
                self._dropped = [
                    m.start() - k for k, m in enumerate(_DROPPED_RE.finditer(self.original))
                ]
        return self._dropped

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of a folded span, taking in marks that sit on its last letter."""
        points = self._insertion_points()
        if not points:
            return start, end
        return start + bisect.bisect_left(points, start + 1), end + bisect.bisect_right(points, end)

    def surface(self, start: int, end: int) -> str:
        """The original text behind the folded span ``[start, end)``."""
        s, e = self.original_span(start, end)
        return self.original[s:e].strip()
