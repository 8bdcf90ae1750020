"""Figures stated in a folded sentence: scores, ranks (also as ordinal words), tiers, years, scopes.

Works on the folded text (:func:`etl.news.normalize.fold`): lowercase, no accents, Arabic letters
unified (ة->ه, ى->ي, أ->ا), digits ASCII, ٫ -> '.'. Patterns are compiled once at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.news.normalize import fold


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in plain spelling, folded like the text it will scan (فئة -> فيه)."""
    return re.compile(re.sub(r"[^\x00-\x7f]+", lambda m: fold(m.group()), pattern))


# Ordinal and cardinal words (folded) -> number.
_ORDINALS = {
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
_CARDINALS = {
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
_ORD = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_CARD = "|".join(sorted(_CARDINALS, key=len, reverse=True)) + r"|\d{1,2}"
_NUM = r"\d+(?:[.,]\d+)?"
_SUFFIX = r"(?:st|nd|rd|th|eme|ieme|er|re|e)"
_NOT_EDITION = r"(?!\s*(?:edition|report|rapport|version|النسخه|الاصدار))"
_RANK_WORD = r"(?:rank(?:ed|s|ing)?|rang|classe(?:e|s|es)?|place[ds]?|position|المرتبه|المركز|الرتبه|مرتبه|مركز)"

# Every pattern starts with \b: sre tests it cheaply and skips word-inner positions.
_TIER = _compile(
    rf"\b(?:(?:tier|niveau|level|categorie)\s*(?P<n>[1-5])\b|\bt(?P<t>[1-5])\b"
    rf"|\b(?P<w>{_ORD})\s+(?:tier|niveau|categorie)\b"
    rf"|(?:الفئه|المستوي|فئه)\s*(?:(?P<an>[1-5])\b|(?P<aw>{_ORD})))"
)
_TOP = _compile(
    rf"\b(?:top[\s-]*(?P<a>{_CARD})\b|\bparmi les (?P<b>{_CARD}) premiers\b"
    rf"|\b(?:ضمن|بين)\s+(?:افضل|اول|ال)?\s*(?P<c>{_CARD})\s*(?:الاوائل|دول|الاولي))"
)
# The rank alternatives, in the order they are tried; each with the literals one of which it
# needs (None: any digit). Only the alternatives whose literals a sentence holds are compiled
# into the scan (one pattern per subset, compiled once): dropping an alternative that cannot
# match changes nothing, and the scan tries fewer branches at every word.
_RANK_PARTS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    (
        rf"{_RANK_WORD}\s*(?:de\s+|du\s+|at\s+|of\s+|:\s*|no\.?\s*)?(?P<n>\d{{1,3}}){_SUFFIX}?\b{_NOT_EDITION}",
        (
            "rank",
            "rang",
            "classe",
            "place",
            "position",
            "المرتبه",
            "المركز",
            "الرتبه",
            "مرتبه",
            "مركز",
        ),
    ),
    (r"(?:no\.|n°)\s*(?P<h>\d{1,3})\b", ("no.", "n°")),
    (rf"\b(?P<s>\d{{1,3}})\s?{_SUFFIX}\b{_NOT_EDITION}", None),
    (
        rf"(?:{_RANK_WORD}\s+|\bthe\s+|\bla\s+|\ble\s+|\bau\s+)(?P<w>{_ORD})\b{_NOT_EDITION}",
        "ordinal",
    ),
    (
        rf"\bو?(?P<x>{_ORD})\b(?=\s*(?:place|rang|position|in\b|en\b|among|parmi|of\b|عربيا|افريقيا|عالميا|خليجيا|قاريا|علي مستوي|بين|في))",
        "ordinal",
    ),
    (
        r"(?P<lead>\blead(?:s|ing)?\b|\bled\b|\btop(?:s|ped|ping)\b|\ben tete\b|\bdomine\b"
        r"|\b[وف]?[يتم]?تصدر\w*|\b[وفب]?(?:ال)?صداره)",
        ("lead", "led", "top", "en tete", "domine", "تصدر", "صداره"),
    ),
)
# Substrings one of which every ordinal word holds (first .. tenth, premier .. dixieme, الاول ..).
_ORDINAL_CUES = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "premier",
    "ieme",
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
)


@cache
def _rank_pattern(mask: int) -> re.Pattern[str]:
    """The rank scan made of the alternatives in ``mask`` (bit i: ``_RANK_PARTS[i]``)."""
    parts = [part for i, (part, _) in enumerate(_RANK_PARTS) if mask >> i & 1]
    return _compile(r"\b(?:" + "|".join(parts) + ")")


def _has(sentence: str, cues: tuple[str, ...]) -> bool:
    """Does the sentence hold one of the literals? (``in`` per literal: C substring searches.)"""
    for cue in cues:
        if cue in sentence:
            return True
    return False


_RANK = _rank_pattern((1 << len(_RANK_PARTS)) - 1)  # every alternative (what the gates narrow)


# One pattern per family, named groups for the alternatives: one scan instead of one per scope.
# Arabic words may carry clitics (و، ف، ب، ل) and the article.
_AR = r"[وفبل]?(?:ال)?"
_SCOPE = _compile(
    rf"\b(?:(?P<africa>afri[cq]\w*|{_AR}(?:افريقي\w*|افريقيا|قاري\w*|قاره))"
    rf"|(?P<arab>arab\w*|{_AR}عربي\w*|العرب)"
    rf"|(?P<gcc>gcc|ccg|gulf|golfe|{_AR}خليج\w*|مجلس التعاون)"
    rf"|(?P<world>world\w*|global\w*|mondia\w*|monde|{_AR}عالمي\w*|العالم))\b"
)
_PILLAR = _compile(
    rf"\b(?:(?P<legal>legal\w*|juridique\w*|{_AR}قانوني\w*)|(?P<technical>techni\w*|{_AR}تقني\w*)"
    rf"|(?P<organizational>organi[sz]ation\w*|{_AR}تنظيمي\w*)|(?P<capacity_development>capacit\w*|{_AR}قدرات)"
    rf"|(?P<cooperation>cooperation\w*|(?<!مجلس ){_AR}تعاون))\b"
)
_UNIT = _compile(
    r"\s*(?P<u>%|pour ?cent|per ?cent|points?\b|pts\b|نقطه|نقاط|درجه|بالمئه|بالمائه|في المئه"
    r"|/\s*100\b|sur 100\b|out of 100\b|من 100\b|/\s*20\b|sur 20\b|out of 20\b|من 20\b)"
)
_SCORE_WORD = _compile(
    r"(?:score\w*|note|scoring|نتيجه|معدل|رصيد|مجموع|درجه|obtenu|obtient|totalise)"
)
# Start with \d (not a lookbehind) so sre skips to digits at C speed; the lookbehind then checks
# the character before the first digit.
_NUMBER = _compile(r"\d(?<![\w.,]\d)\d*(?:[.,]\d+)?(?![\w]|[.,]\d)")
_YEAR = _compile(r"\d(?<![\w.,]\d)(?:(?<=1)99\d|(?<=2)0\d\d)(?![\w%]|[.,]\d)")
_NOT_A_YEAR = _compile(r"(?:vision|horizon|plan|strateg\w*|رؤيه|استراتيجيه|خطه)\s*(?:\w+\s+)?$")


# Literals one of which a match of each pattern holds: a sentence without any skips the scan.
_TIER_CUES = (
    "tier",
    "niveau",
    "level",
    "categorie",
    "t1",
    "t2",
    "t3",
    "t4",
    "t5",
    *(fold(w) for w in ("الفئة", "المستوى", "فئة")),
)
_TOP_CUES = ("top", "parmi les", "ضمن", "بين")
# Scopes other than the world (the default): without any, every rank's scope is the world.
_SCOPE_CUES = (
    "afri",
    "افريقي",
    "قاري",
    "قاره",
    "arab",
    "عربي",
    "العرب",
    "gcc",
    "ccg",
    "gulf",
    "golfe",
    "خليج",
    "مجلس التعاون",
)
_PILLAR_CUES = (
    "legal",
    "juridique",
    "قانوني",
    "techni",
    "تقني",
    "organi",
    "تنظيمي",
    "capacit",
    "قدرات",
    "cooperation",
    "تعاون",
)
_CARDINAL_CUES = ("three", "five", "ten", "trois", "cinq", "dix", "ثلاث", "خمس", "عشر")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Figure:
    """One figure of a sentence (folded offsets): metric, value, how it was written."""

    metric: str  # score | rank | tier | <pillar>
    value: float
    start: int
    end: int
    decimals: int = 0
    unit: str | None = None
    scope: str = "world"
    bound: str = "eq"  # eq, or "top" for "among the top five"


def _number(text: str) -> tuple[float, int]:
    """A folded number and its decimals: 97.5, 97,5 (comma as decimal point) -> 97.5, 1."""
    text = text.replace(",", ".")
    return float(text), len(text.split(".")[1]) if "." in text else 0


def _scope_near(sentence: str, start: int, end: int, low: int, high: int) -> str:
    """The scope word nearest a rank (after it first: "first in Africa", "الاول عربيا").

    Only words between the neighbouring ranks (``low``..``high``) count: in "50e, premier en
    Afrique" Africa is the scope of "premier", not of "50e".
    """
    if not _has(sentence, _SCOPE_CUES):
        return "world"
    best: tuple[int, str] | None = None
    for match in _SCOPE.finditer(sentence, max(low, start - 40), min(high, end + 45)):
        distance = match.start() - end if match.start() >= end else 2 * (start - match.end()) + 1
        if best is None or distance < best[0]:
            best = (distance, match.lastgroup)
    return best[1] if best else "world"


def _pillar_near(sentence: str, start: int, end: int, out_of_20: bool) -> str | None:
    """The pillar named nearest a number, with no other number between ("18.12 in technical").

    A pillar named after the number counts only close by (or for an "x/20" figure), so that
    "97.5, with full marks in legal measures" stays an overall score.
    """
    best: tuple[int, str] | None = None
    after_limit = 40 if out_of_20 else 15
    for match in _PILLAR.finditer(sentence, max(0, start - 40), min(len(sentence), end + 40)):
        before = match.end() <= start
        gap = sentence[match.end() : start] if before else sentence[end : match.start()]
        if (not before and len(gap) > after_limit) or _NUMBER.search(gap):
            continue
        if best is None or len(gap) < best[0]:
            best = (len(gap), match.lastgroup)
    return best[1] if best else None


def find_figures(sentence: str) -> list[Figure]:
    """Tiers, ranks and scores stated in a folded sentence (countries and indices already blanked).

    Each pattern runs only if the sentence holds a literal it needs (tier words, "top", rank
    words, ordinals...); a sentence with no digit and no ordinal, cardinal or lead word states no
    figure and is not scanned at all."""
    digits = _DIGIT.search(sentence) is not None
    ordinal = _has(sentence, _ORDINAL_CUES)
    lead = _has(sentence, _RANK_PARTS[5][1])
    if not (digits or ordinal or lead or _has(sentence, _CARDINAL_CUES)):
        return []
    figures: list[Figure] = []
    taken = bytearray(len(sentence))

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(figure: Figure) -> None:
        figures.append(figure)
        taken[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)

    if _has(sentence, _TIER_CUES):
        for m in _TIER.finditer(sentence):
            word = m.group("w") or m.group("aw")
            value = _ORDINALS[word] if word else int(m.group("n") or m.group("t") or m.group("an"))
            take(Figure("tier", value, m.start(), m.end()))
    if _has(sentence, _TOP_CUES):
        for m in _TOP.finditer(sentence):
            word = m.group("a") or m.group("b") or m.group("c")
            if free(*m.span()):
                value = _CARDINALS.get(word) or int(word)
                take(Figure("rank", value, m.start(), m.end(), bound="top"))
    mask = 0
    for i, (_, cues) in enumerate(_RANK_PARTS):
        if cues is None:
            present = digits
        elif cues == "ordinal":
            present = ordinal
        elif i == 5:
            present = lead
        else:
            present = _has(sentence, cues)
        mask |= present << i
    for m in _rank_pattern(mask).finditer(sentence) if mask else ():
        if taken and not free(*m.span()):
            continue
        group = m.lastgroup  # each alternative has one named group: n, h, s, w, x or lead
        value = (
            1
            if group == "lead"
            else _ORDINALS[m.group(group)]
            if group in ("w", "x")
            else int(m.group(group))
        )
        take(Figure("rank", value, m.start(), m.end()))
    pillars = _has(sentence, _PILLAR_CUES)
    for m in _NUMBER.finditer(sentence) if digits else ():
        if not free(*m.span()) or _YEAR.fullmatch(m.group()):
            continue
        value, decimals = _number(m.group())
        unit = _UNIT.match(sentence, m.end())
        end = unit.end() if unit else m.end()
        scored = unit or decimals or _SCORE_WORD.search(sentence, max(0, m.start() - 25), m.start())
        if not scored:
            continue
        unit_text = unit.group("u").replace(" ", "") if unit else None
        out_of_20 = bool(unit_text and unit_text.endswith("20"))
        pillar = _pillar_near(sentence, m.start(), end, out_of_20) if pillars else None
        take(Figure(pillar or "score", value, m.start(), end, decimals, unit_text))
    figures.sort(key=lambda f: f.start)
    ranks = [i for i, f in enumerate(figures) if f.metric == "rank"]
    for k, i in enumerate(ranks):
        low = figures[ranks[k - 1]].end if k else 0
        high = figures[ranks[k + 1]].start if k + 1 < len(ranks) else len(sentence)
        f = figures[i]
        scope = _scope_near(sentence, f.start, f.end, low, high)
        if scope != f.scope:
            figures[i] = Figure(
                f.metric, f.value, f.start, f.end, f.decimals, f.unit, scope, f.bound
            )
    return figures


def find_years(sentence: str) -> list[tuple[int, int]]:
    """(year, position) of the edition years a folded sentence gives (not "Vision 2030")."""
    return [
        (int(m.group()), m.start())
        for m in _YEAR.finditer(sentence)
        if not _NOT_A_YEAR.search(sentence, max(0, m.start() - 30), m.start())
    ]
