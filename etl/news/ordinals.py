"""Ordinal and cardinal words, folded (:func:`etl.news.normalize.fold`), and their numbers: "first",
"troisième", "الثالثة" up to ten, "twenty-first", "cinquantième", "cent-sixième", "الحادي
والعشرين" above it (read by :mod:`etl.news.figures` right after a rank word, and the French and
English ones also before a rank noun or a scope: "au cinquantième rang")."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


# Ordinal and cardinal words (folded) -> number.
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "premier": 1,
    "premiere": 1,
    "deuxieme": 2,
    "seconde": 2,
    "troisieme": 3,
    "quatrieme": 4,
    "cinquieme": 5,
    "sixieme": 6,
    "septieme": 7,
    "huitieme": 8,
    "neuvieme": 9,
    "dixieme": 10,
    "الاول": 1,
    "الاولي": 1,
    "الثاني": 2,
    "الثانيه": 2,
    "الثالث": 3,
    "الثالثه": 3,
    "الرابع": 4,
    "الرابعه": 4,
    "الخامس": 5,
    "الخامسه": 5,
    "السادس": 6,
    "السادسه": 6,
    "السابع": 7,
    "السابعه": 7,
    "الثامن": 8,
    "الثامنه": 8,
    "التاسع": 9,
    "التاسعه": 9,
    "العاشر": 10,
    "العاشره": 10,
}
CARDINALS = {
    "three": 3,
    "five": 5,
    "ten": 10,
    "trois": 3,
    "cinq": 5,
    "dix": 10,
    "ثلاث": 3,
    "الثلاث": 3,
    "خمس": 5,
    "الخمس": 5,
    "عشر": 10,
    "العشر": 10,
}
ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))

# Ordinals above ten, read right after a rank word ("classé cinquantième", "ranked
# twenty-first", "المركز الحادي والعشرين") or, French and English ones, before a rank noun or a
# scope ("au cinquantième rang"), as a pattern and as the number of each of their words (the
# number is their sum; "quatre" before "vingt" makes eighty, "cent" a hundred).
_FR_TEENTHS = "onzieme douzieme treizieme quatorzieme quinzieme seizieme"
_FR_UNITS = "unieme " + " ".join(
    w for w, n in ORDINALS.items() if 1 < n < 10 and w.endswith("ieme")
)
_FR_TENS = "vingt trente quarante cinquante soixante"
_FR_TENTHS = "vingtieme trentieme quarantieme cinquantieme soixantieme"
_EN_UNITS = "first second third fourth fifth sixth seventh eighth ninth"
_EN_TEENTHS = (
    "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_EN_TENTHS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
_AR_UNITS = "الحادي الحاديه الواحد " + " ".join(
    w for w, n in ORDINALS.items() if 1 < n < 10 and not w.isascii()
)
_AR_TENS = "العشرين الثلاثين الاربعين الخمسين الستين السبعين الثمانين التسعين"
_AR_TENS_NOMINATIVE = "العشرون الثلاثون الاربعون الخمسون الستون السبعون الثمانون التسعون"


def _numbered(words: str, first: int, step: int = 1) -> dict[str, int]:
    """Words in order, numbered from ``first`` by ``step``."""
    return {word: first + step * i for i, word in enumerate(words.split())}


def _any_word(*words: str) -> str:
    """An alternation of words, the longest first."""
    return "|".join(sorted(" ".join(words).split(), key=len, reverse=True))


BIG_ORDINAL_PARTS = {
    **{word: n for word, n in ORDINALS.items() if n < 10},  # twenty-first, الثاني والعشرين
    **_numbered("deux trois quatre cinq six sept huit neuf dix", 2),  # soixante-dix
    **_numbered(_FR_UNITS + " dixieme " + _FR_TEENTHS, 1),
    **_numbered(_EN_TEENTHS, 11),
    **_numbered(_FR_TENS, 20, 10),
    **_numbered(_FR_TENTHS, 20, 10),
    **_numbered(_EN_TENS, 20, 10),
    **_numbered(_EN_TENTHS, 20, 10),
    **_numbered(_AR_TENS, 20, 10),
    **_numbered(_AR_TENS_NOMINATIVE, 20, 10),
    **{"vingts": 20, "cent": 100, "centieme": 100, "hundredth": 100},
    **{"الحادي": 1, "الحاديه": 1, "الواحد": 1, "عشر": 10, "عشره": 10},
}
_FR_ELEVENTH_TO_NINETY_NINTH = (
    rf"(?:quatre[\s-]vingts?|{_any_word(_FR_TENS)})(?:[\s-]et[\s-]|[\s-])(?:dix[\s-])?"
    rf"(?:{_any_word(_FR_UNITS, 'dixieme', _FR_TEENTHS)})"
    rf"|dix[\s-](?:septieme|huitieme|neuvieme)|quatre[\s-]vingtieme"
    rf"|{_any_word(_FR_TEENTHS, _FR_TENTHS)}"
)
# French and English ordinals above ten ("cinquantième", "cent-sixième", "twenty-first"): also
# read before a rank noun or a scope ("au cinquantième rang", "twenty-first place").
BIG_ORD_LATIN = (
    rf"cent[\s-](?:et[\s-])?(?:{_FR_ELEVENTH_TO_NINETY_NINTH}|{_any_word(_FR_UNITS, 'dixieme')})"
    rf"|{_FR_ELEVENTH_TO_NINETY_NINTH}|centieme"
    rf"|(?:{_any_word(_EN_TENS)})[\s-]?(?:{_any_word(_EN_UNITS)})"
    rf"|{_any_word(_EN_TEENTHS, _EN_TENTHS, 'hundredth')}"
)
# What such an ordinal can start with (its first word, or the start of it: "vingtieme").
BIG_ORD_LATIN_STARTS = (
    "quatre",
    "dix",
    "cent",
    *f"{_FR_TENS} {_FR_TEENTHS} {_FR_TENTHS} {_EN_TENS} {_EN_TEENTHS} {_EN_TENTHS} hundredth".split(),
)
BIG_ORD_ARABIC = (
    rf"(?:{_any_word(_AR_UNITS)})\s+(?:و\s*(?:{_any_word(_AR_TENS, _AR_TENS_NOMINATIVE)})|عشره?)"
    rf"|{_any_word(_AR_TENS, _AR_TENS_NOMINATIVE)}"
)
# What an Arabic ordinal above ten starts with ("الحادي والعشرين", "الخمسين").
BIG_ORD_ARABIC_STARTS = frozenset(f"{_AR_UNITS} {_AR_TENS} {_AR_TENS_NOMINATIVE}".split())
BIG_ORD = rf"{BIG_ORD_LATIN}|{BIG_ORD_ARABIC}"


def big_ordinal(text: str) -> int:
    """The number of an ordinal above ten (a ``BIG_ORD`` match): the sum of its words."""
    total, before = 0, ""
    for word in _WORD.findall(text):
        if word in ("et", "و"):
            continue
        if word not in BIG_ORDINAL_PARTS and word[0] == "و":  # والعشرين
            word = word[1:]
        if word not in BIG_ORDINAL_PARTS:  # "twentyfirst": the tens and the unit as one word
            tens = next(t for t in _EN_TENS.split() if word.startswith(t))
            total += BIG_ORDINAL_PARTS[tens]
            word = word[len(tens) :]
        value = BIG_ORDINAL_PARTS[word]
        total += 76 if before == "quatre" and value == 20 else value  # quatre-vingt: 4 + 76
        before = word
    return total
