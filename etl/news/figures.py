"""Figures stated in a folded sentence: scores, ranks (also as ordinal words), tiers, years, scopes.

Works on the folded text (:func:`etl.news.normalize.fold`): lowercase, no accents, Arabic letters
unified (ة->ه, ى->ي, أ->ا), digits ASCII, ٫ -> '.'. Patterns are compiled once at import.

Left out, as no figure to check (a missed claim rather than a wrong one): every figure of a
clause holding a negation ("did not make it into the top 10"), a rank in a region the data does
not rank ("first in the Middle East"), the day of a date ("1er septembre"), and a change
("improved by 15.09 points"). Their words are in :mod:`etl.news.lexicon`.
"""

from __future__ import annotations

import re
from functools import cache
from operator import itemgetter
from typing import NamedTuple

import ahocorasick

from etl.news import lexicon
from etl.news.normalize import fold
from etl.news.normalize import folded_pattern as _compile
from etl.news.ordinals import BIG_ORD as _BIG_ORD
from etl.news.ordinals import CARDINALS as _CARDINALS
from etl.news.ordinals import ORD as _ORD
from etl.news.ordinals import ORDINALS as _ORDINALS
from etl.news.ordinals import big_ordinal as _big_ordinal
from etl.news.wordcut import word_cut

_WORD = re.compile(r"\w+")


def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    """Literals in plain spelling, folded like the text."""
    return tuple(fold(w) for w in words)


def _phrases(phrases: tuple[str, ...]) -> str:
    """A pattern of phrases in plain spelling, folded: a space, hyphen or apostrophe between two
    words matches any one of them; an Arabic phrase may carry و or ف (one starting with ال also
    ب, or ل as لل). Written as a trie (one branch per first letter, longer forms first), so that
    sre tries a few letters at a word, not every phrase."""
    latin: list[str] = []
    article: list[str] = []  # Arabic phrases starting with ال, without it
    arabic: list[str] = []
    for phrase in {fold(p) for p in phrases}:
        words = " ".join(_WORD.findall(phrase))
        if phrase.isascii():
            latin.append(words)
        elif words.startswith("ال"):
            article.append(words[2:])
        else:
            arabic.append(words)
    parts = [_trie(latin)] if latin else []
    if article:
        parts.append(rf"(?:[وفب]?ال|لل){_trie(article)}")
    if arabic:
        parts.append(rf"[وف]?{_trie(arabic)}")
    return "|".join(parts)


def _trie(phrases: list[str]) -> str:
    """An alternation of phrases as a trie pattern: at each letter, the longer phrases first."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [
            (r"[\s'-]" if char == " " else re.escape(char)) + pattern(child)
            for char, child in sorted(node.items())
            if char
        ]
        if "" in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root)


def _cut_keys(phrases: tuple[str, ...], arabic_inside: bool = False) -> tuple[str, ...]:
    """Automaton keys of phrases: each folded and cut like the sentence (its words between
    spaces), as a whole word (an Arabic one also after و or ف), or, with ``arabic_inside``, an
    Arabic one anywhere in a word (after any clitic; one starting with ال without it)."""
    keys = []
    for phrase in phrases:
        cut = " ".join(_WORD.findall(fold(phrase)))
        if cut.isascii():
            keys.append(f" {cut} ")
        elif arabic_inside:
            keys.append(cut[2:] if cut.startswith("ال") else cut)
        else:
            clitics = ("", "و", "ف", "ب", "وب", "فب") if cut.startswith("ال") else ("", "و", "ف")
            keys.extend(f" {clitic}{cut} " for clitic in clitics)
            if cut.startswith("ال"):
                keys.append(f" لل{cut[2:]} ")
    return tuple(keys)


_CARD = "|".join(sorted(_CARDINALS, key=len, reverse=True)) + r"|\d{1,2}"
_NUM = r"\d+(?:[.,]\d+)?"
_SUFFIX = r"(?:st|nd|rd|th|eme|ieme|er|re|e)"
_NOT_EDITION = r"(?!\s*(?:edition|report|rapport|version|النسخه|الاصدار))"
_RANK_WORD = r"(?:rank(?:ed|s|ing)?|rang|classe(?:e|s|es)?|place[ds]?|position|المرتبه|المركز|الرتبه|مرتبه|مركز)"

# Every pattern starts with \b: sre tests it cheaply and skips word-inner positions.
_TIER_RE = _compile(
    rf"\b(?:(?:tier|niveau|level|categorie)\s*(?P<n>[1-5])\b|\bt(?P<t>[1-5])\b"
    rf"|\b(?P<w>{_ORD})\s+(?:tier|niveau|categorie)\b"
    rf"|(?:الفئه|المستوي|فئه)\s*(?:(?P<an>[1-5])\b|(?P<aw>{_ORD})))"
)
_TOP_RE = _compile(
    rf"\b(?:top[\s-]*(?P<a>{_CARD})\b|\bparmi les (?P<b>{_CARD}) premiers\b"
    rf"|\b(?:ضمن|بين)\s+(?:افضل|اول|ال)?\s*(?P<c>{_CARD})\s*(?:الاوائل|دول|الاولي))"
)
# The rank alternatives, in the order they are tried (the first that matches at a word wins).
_RANK_PARTS = (
    rf"{_RANK_WORD}(?:\s*(?:de\s+|du\s+|at\s+|of\s+|:\s*|no\.?\s*|ال\s*)?(?P<n>\d{{1,3}}){_SUFFIX}?"
    rf"|\s+(?P<big>{_BIG_ORD}))\b{_NOT_EDITION}",
    r"(?:no\.|n°)\s*(?P<h>\d{1,3})\b",
    rf"\b(?P<s>\d{{1,3}})\s?{_SUFFIX}\b{_NOT_EDITION}",
    rf"(?:{_RANK_WORD}\s+|\bthe\s+|\bla\s+|\ble\s+|\bau\s+)(?P<w>{_ORD})\b{_NOT_EDITION}",
    rf"\bو?(?P<x>{_ORD})\b(?=\s*(?:place|rang|position|in\b|en\b|among|parmi|of\b|globally\b|worldwide\b|عربيا|افريقيا|عالميا|خليجيا|قاريا|علي مستوي|بين|في))",
    r"(?P<lead>\blead(?:s|ing)?\b|\bled\b|\btop(?:s|ped|ping)\b|\ben tete\b|\bdomine\b"
    r"|\b[وف]?[يتم]?تصدر\w*|\b[وفب]?(?:ال)?صداره)",
)
_RANK_BY_PARTS: dict[int, re.Pattern[str]] = {}


def _rank_pattern(parts: int) -> re.Pattern[str]:
    """The rank alternatives in ``parts`` (bit i: ``_RANK_PARTS[i]``), in their order, compiled once.

    Where only some alternatives can match (by the word a match would start with), the others
    are left out: the first that matches is the same, and sre tries fewer branches."""
    pattern = _RANK_BY_PARTS.get(parts)
    if pattern is None:
        chosen = [part for i, part in enumerate(_RANK_PARTS) if parts >> i & 1]
        pattern = _RANK_BY_PARTS[parts] = _compile(r"\b(?:" + "|".join(chosen) + ")")
    return pattern


_RANK = _rank_pattern((1 << len(_RANK_PARTS)) - 1)  # every alternative


# One pattern per family, named groups for the alternatives: one scan instead of one per scope.
# Arabic words may carry clitics (و، ف، ب، ل) and the article.
_AR = r"[وفبل]?(?:ال)?"
# "monde arabe"/"العالم العربي" is the Arab scope, not the world's.
_RANKED_SCOPES = (
    rf"(?P<africa>afri[cq]\w*|{_AR}(?:افريقي\w*|افريقيا|قاري\w*|قاره))"
    rf"|(?P<arab>arab\w*|{_AR}عربي\w*|العرب)"
    rf"|(?P<gcc>gcc|ccg|gulf|golfe|{_AR}خليج\w*|مجلس التعاون)"
    rf"|(?P<world>world\w*|global\w*|mondia\w*|monde(?! arabe)|{_AR}عالمي\w*|العالم(?! العربي))"
)
# With a region the data does not rank first ("Afrique du Nord" is no Africa scope): used for a
# sentence that may name one (its "region" cue keys). المغرب العربي (the Maghreb) reaches here
# with المغرب blanked as a mention of Morocco: العربي right after a blanked run.
_SCOPE = _compile(
    rf"\b(?:(?P<unranked>{_phrases(lexicon.UNRANKED_REGIONS)}|(?<=\s\s\s)العربي)"
    rf"|{_RANKED_SCOPES})\b"
)
_RANKED_SCOPE = _compile(rf"\b(?:{_RANKED_SCOPES})\b")
_REGION_KEYS = (*_cut_keys(lexicon.UNRANKED_REGIONS, arabic_inside=True), "   العربي")
_PILLAR = _compile(
    rf"\b(?:(?P<legal>legal\w*|juridique\w*|{_AR}قانوني\w*)|(?P<technical>techni\w*|{_AR}تقني\w*)"
    rf"|(?P<organizational>organi[sz]ation\w*|{_AR}تنظيمي\w*)|(?P<capacity_development>capacit\w*|{_AR}قدرات)"
    rf"|(?P<cooperation>cooperation\w*|(?<!مجلس ){_AR}تعاون))\b"
)
_UNIT = _compile(
    r"\s*(?P<u>%|pour ?cent|per ?cent|points?\b|pts\b|نقطه|نقاط|درجه|بالمئه|بالمائه|في المئه"
    r"|/\s*100\b|sur 100\b|out of 100\b|من 100\b|/\s*20\b|sur 20\b|out of 20\b|من 20\b)"
)
# What may stand between a number and the pillar named after it ("18,39 dans les mesures
# techniques", "19.59 نقطة في محور التدابير القانونية"): prepositions, articles, "measures",
# "pillar", one or two spaces apart (a longer run is a blanked name). Anything else ("97.5, with
# full marks in legal measures") keeps an overall score.
_PILLAR_GAP = _compile(
    r"(?:\s{0,2}(?:(?:in|on|for|of|the|its|dans|les|la|le|des|du|de|en|sur|pour|au|aux|measures?"
    r"|mesures?|pillars?|piliers?|axe|volet|domaines?|domains?|areas?|dimension|[وف]?في|علي|ضمن"
    r"|من|[وفبل]?(?:ال)?(?:محور|مجال|تدابير|ركيزه))\b|l'|d'))*\s{0,2}"
)
_SCORE_WORD = _compile(
    r"(?:score\w*|note|scoring|نتيجه|معدل|رصيد|مجموع|درجه|obtenu|obtient|totalise)"
)
# Start with \d (not a lookbehind) so sre skips to digits at C speed; the lookbehind then checks
# the character before the first digit.
_NUMBER = _compile(r"\d(?<![\w.,]\d)\d*(?:[.,]\d+)?(?![\w]|[.,]\d)")
_YEAR = _compile(r"\d(?<![\w.,]\d)(?:(?<=1)99\d|(?<=2)0\d\d)(?![\w%]|[.,]\d)")
_NOT_A_YEAR = _compile(r"(?:vision|horizon|plan|strateg\w*|رؤيه|استراتيجيه|خطه)\s*(?:\w+\s+)?$")
_NOT_A_YEAR_CUES = _folded(("vision", "horizon", "plan", "strateg", "رؤيه", "استراتيجيه", "خطه"))

# A negation (and "n't", "ne ... plus"), not one followed by "only", "يزال"...: its clause states
# nothing to check. A clause runs between punctuation (not a decimal comma), a dash, or a word
# of contrast ("but", "mais", "لكن").
_NEGATION = _compile(
    rf"(?:\b(?:{_phrases(lexicon.NEGATIONS)})|\b\w+n't|\bn(?:e\s+|')(?:\w+\s+){{0,2}}plus)\b"
    rf"(?!\s+(?:{'|'.join(_folded(lexicon.NOT_NEGATING_AFTER))})\b)"
)
_NEGATION_KEYS = (*_cut_keys(lexicon.NEGATIONS), "n t ", " plus ")
_CLAUSE_END = _compile(
    r"[;:()\[\]]|(?<!\d),|,(?!\d)|\s[-–—]\s|\b(?:but|while|whereas|although|though|however"
    r"|mais|alors que|tandis que|cependant|toutefois|bien que|[وف]?لكن\w*|بينما|في حين|غير ان"
    r"|الا ان)\b"
)

# A day of a month written as an ordinal: "1er septembre", "June 29th", "the first of June".
_MONTH = _phrases(lexicon.MONTHS)
_DATE_AFTER = _compile(rf"\.?\s*(?:of\s+)?(?:{_MONTH})\b")
_DATE_BEFORE = _compile(rf"\b(?:{_MONTH})\.?\s+(?:the\s+)?\Z")
_MONTH_KEYS = _cut_keys(lexicon.MONTHS)
_DAY_GROUPS = frozenset(("s", "w", "x"))  # rank alternatives a day can look like (1er, first)

# A change, not a level: "+15.09", "improved by 15.09", "a progressé de 15,09", "بزيادة 15.09",
# "زيادة بلغت 15.09", "ارتفع ... بـ 15.09 نقطة" (بـ alone only after a verb of change), "a 15.09-point increase".
_SIGNS = frozenset("+-−±")
_CHANGE_BEFORE = _compile(
    rf"(?:(?P<ba>\bب)|\b(?:{_phrases(lexicon.CHANGE_BEFORE)})"
    rf"(?:\s+(?:{_phrases(lexicon.CHANGE_LINKS_AR)}))?)\s*\Z"
)
_CHANGE_VERB_AR = _compile(rf"\b(?:{_phrases(lexicon.CHANGE_VERBS_AR)})\b")
_CHANGE_AFTER = _compile(rf"(?P<pt>[\s-]*points?)?[\s-]+(?:{_phrases(lexicon.CHANGE_AFTER)})\b")
_CHANGE_KEYS = (
    *_cut_keys(lexicon.CHANGE_BEFORE, arabic_inside=True),
    *_cut_keys(lexicon.CHANGE_AFTER),
    " ب ",
)


# Scopes other than the world (the default): without any, every rank's scope is the world.
_SCOPE_CUES = (
    "middle",
    "orient",
    "الشرق",
    "mena",
    "anmo",
    "maghreb",
    "europ",
    "اوروب",
    "asia",
    "asie",
    "asiati",
    "اسيا",
    "اسيوي",
    "americ",
    "ameriq",
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


def _any_of(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the literals: one search of their alternation tells if a sentence holds one (sre
    skips at C speed to the characters they start with). Compiled once here, not looked up per
    call."""
    return re.compile("|".join(map(re.escape, cues)))


_SCOPE_CUE = _any_of(_SCOPE_CUES)
_PILLAR_CUE = _any_of(_PILLAR_CUES)
_NOT_A_YEAR_CUE = _any_of(_NOT_A_YEAR_CUES)


# Where a match can start. Every pattern above starts at the start of a word: ``\b`` then a
# word character, or a digit not preceded by a word character. So each match starts where a
# ``\w+`` token starts, and that token begins with the word characters of the first literal of
# one of the pattern's alternatives (listed below, folded like the patterns). Trying a pattern
# with ``match`` at those tokens only (``\b`` and lookbehinds still see the text before the
# position), in order and on from the end of each match, finds exactly what ``finditer`` finds,
# without sre trying every alternative at every word boundary of the sentence.
#
# The bits of a word's families: tier, top, then one per rank alternative.
_AT_TIER, _AT_TOP = 1, 2
_RANK_SHIFT = 4
_RANK_AFTER_DIGITS = 1 << 2  # "50th", "50e", "3 e": the only rank alternative starting with a digit
_RANK_AFTER_ARTICLE = 1 << 3  # "the first", "le premier": only if an ordinal word follows


_TIER_STARTS = _folded(
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
_TOP_STARTS = _folded(("top", "parmi", "ضمن", "بين"))
_RANK_WORD_STARTS = _folded(
    ("rank", "rang", "classe", "place", "position", "المرتبه", "المركز", "الرتبه", "مرتبه", "مركز")
)
_LEAD_STARTS = ("lead", "led", "top", "en", "domine")  # en tete
_LEAD_INSIDE = _folded(("تصدر", "صداره"))  # after clitics: وتصدر، يتصدر، بالصدارة
_ORDINAL_WORDS = frozenset(_ORDINALS)
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
    else:
        ordinal = word in _ORDINAL_WORDS
        rank_word = word.startswith(_RANK_WORD_STARTS)
        rank_parts = (
            rank_word  # rank 5, classe 50e
            | (word in ("no", "n")) << 1  # no. 5, n° 5
            | (rank_word or word in _ARTICLE_WORDS) << 3  # ranked first, the first
            | (ordinal or (word[0] == "و" and word[1:] in _ORDINAL_WORDS)) << 4  # الاول عربيا
            | (word.startswith(_LEAD_STARTS) or any(w in word for w in _LEAD_INSIDE)) << 5
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
    sentence): ordinals (also after و), tier, top, rank and lead words; "no" and "n" as whole
    words; تصدر/صدارة anywhere in a word (وتصدرت، بالصدارة). More words than need be (a prefix
    of "firstly"): each is then looked up in :data:`_WORD_FAMILIES`.

    The same pass tells which cue literals (scope, pillar, "Vision 2030") the sentence may hold:
    each one in a sentence is in its word cut too (they are word characters and spaces), so a
    cue not found there is in no sentence; one found is then looked for as before. So do the
    whole words (keys between spaces) of negations, months and changes: a sentence without
    any pays nothing for their patterns."""
    keys: dict[str, set[str]] = {}  # key -> what it is: _START, _INSIDE or a cue kind
    for word in (*_ORDINALS, *_TIER_STARTS, *_TOP_STARTS, *_RANK_WORD_STARTS, *_LEAD_STARTS):
        keys.setdefault(" " + word, set()).add(_START_WORD)
    for word in _ORDINALS:
        keys.setdefault(" و" + word, set()).add(_START_WORD)
    keys.setdefault(" no ", set()).add(_START_WORD)
    keys.setdefault(" n ", set()).add(_START_WORD)
    for inside in _LEAD_INSIDE:
        keys.setdefault(inside, set()).add(_INSIDE_WORD)
    for kind, cues in (
        ("scope", _SCOPE_CUES),
        ("pillar", _PILLAR_CUES),
        ("year", _NOT_A_YEAR_CUES),
        ("region", _REGION_KEYS),
        ("negation", _NEGATION_KEYS),
        ("month", _MONTH_KEYS),
        ("change", _CHANGE_KEYS),
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


# A word of one to three digits and an ordinal suffix ("50th", "3 e"): the digit rank alternative
# can start nowhere else. Starts with \d, so sre skips to digits at C speed.
_DIGIT_RANK_START = re.compile(rf"\d(?<!\w\d)(?=\d{{0,2}}\s?{_SUFFIX})")


def _starts(sentence: str) -> _Starts:
    """Where a tier, top and rank (with its possible alternatives) match can start in a
    sentence: the words :func:`_word_starts` finds in one automaton pass over its word cut
    (compiled code), and digits before an ordinal suffix; Python looks only at those (a few
    per sentence). Numbers and years have their own scan (they start with a digit)."""
    return _starts_and_cues(sentence)[:3]


def _starts_and_cues(sentence: str) -> tuple[list[int], list[int], list[tuple[int, int]], Cues]:
    """:func:`_starts`, and the kinds of cue literals the sentence may hold: "scope", "pillar",
    "year" (for "Vision 2030"...), "negation", "month", "change"; ``None``: not known, search
    them."""
    cut = word_cut(sentence)
    if cut is None:
        return (*_starts_by_words(sentence), None)
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
    digits = [m.start() for m in _DIGIT_RANK_START.finditer(sentence)]
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


def _starts_by_words(sentence: str) -> _Starts:
    """:func:`_starts` word by word: one ``\\w+`` scan and a table lookup per word."""
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


def _matches(pattern: re.Pattern[str], sentence: str, starts: list[int]) -> list[re.Match[str]]:
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


class Figure(NamedTuple):
    """One figure of a sentence (folded offsets): metric, value, how it was written.

    A named tuple: several are built per claim sentence, a frozen dataclass cost ~3× as much."""

    metric: str  # score | rank | tier | <pillar>
    value: float
    start: int
    end: int
    decimals: int = 0
    unit: str | None = None
    scope: str = "world"
    bound: str = "eq"  # eq, or "top" for "among the top five"


# Figure(...) with every field given, without the named tuple's Python-level __new__ (several
# per claim sentence): tuple.__new__(Figure, fields).
_new_tuple = tuple.__new__
_START = itemgetter(2)  # a figure's start: a C-level sort key


def _number(text: str) -> tuple[float, int]:
    """A folded number and its decimals: 97.5, 97,5 (comma as decimal point) -> 97.5, 1."""
    text = text.replace(",", ".")
    return float(text), len(text.split(".")[1]) if "." in text else 0


def _scope_near(
    scopes: re.Pattern[str], sentence: str, start: int, end: int, low: int, high: int
) -> tuple[str, int]:
    """The scope word nearest a rank (after it first: "first in Africa", "الاول عربيا"), and
    where the scope words of the next rank may start: after the word taken if it follows the
    rank, else after the rank.

    Only words between the neighbouring ranks (``low``..``high``) count: in "50e, premier en
    Afrique" Africa is the scope of "premier", not of "50e"; in "21e au niveau mondial et 3e dans
    le monde arabe" "mondial" is taken by "21e". Asked only of a sentence holding a scope cue
    (without one, every rank's scope is the world). ``scopes``: :data:`_SCOPE`, or
    :data:`_RANKED_SCOPE` if the sentence names no region the data does not rank.
    """
    best: tuple[int, str, int] | None = None
    for match in scopes.finditer(sentence, max(low, start - 40), min(high, end + 45)):
        after = match.start() >= end
        distance = match.start() - end if after else 2 * (start - match.end()) + 1
        if best is None or distance < best[0]:
            best = (distance, match.lastgroup, match.end() if after else end)
    return (best[1], best[2]) if best else ("world", end)


def _pillar_near(sentence: str, start: int, end: int, out_of_20: bool) -> str | None:
    """The pillar named nearest a number, with no other number between ("18.12 in technical").

    A pillar named after the number counts only close by (or for an "x/20" figure), or with
    only prepositions, articles and "measures" between ("18,39 dans les mesures techniques",
    ``_PILLAR_GAP``), so that "97.5, with full marks in legal measures" stays an overall score.
    """
    best: tuple[int, str] | None = None
    after_limit = 40 if out_of_20 else 15
    for match in _PILLAR.finditer(sentence, max(0, start - 40), min(len(sentence), end + 40)):
        before = match.end() <= start
        gap = sentence[match.end() : start] if before else sentence[end : match.start()]
        if (
            not before and len(gap) > after_limit and not _PILLAR_GAP.fullmatch(gap)
        ) or _NUMBER.search(gap):
            continue
        if best is None or len(gap) < best[0]:
            best = (len(gap), match.lastgroup)
    return best[1] if best else None


def figures_and_years(sentence: str) -> tuple[list[Figure], list[tuple[int, int]]]:
    """:func:`find_figures` and :func:`find_years` of one sentence: the numbers from one scan
    (the years are among them), tiers, tops and ranks tried at the words :func:`_starts` finds."""
    tier_at, top_at, rank_at, cues = _starts_and_cues(sentence)
    numbers = list(_NUMBER.finditer(sentence))  # starts with \d: sre skips to digits at C speed
    years = _years(sentence, numbers, cues) if numbers else []
    if not (tier_at or top_at or rank_at or numbers):
        return [], years
    figures: list[Figure] = []
    taken = bytearray(len(sentence))  # characters of the figures found so far

    for m in _matches(_TIER_RE, sentence, tier_at) if tier_at else ():
        word = m.group("w") or m.group("aw")
        value = _ORDINALS[word] if word else int(m.group("n") or m.group("t") or m.group("an"))
        figures.append(
            _new_tuple(Figure, ("tier", value, m.start(), m.end(), 0, None, "world", "eq"))
        )
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _matches(_TOP_RE, sentence, top_at) if top_at else ():
        word = m.group("a") or m.group("b") or m.group("c")
        if not any(taken[m.start() : m.end()]):
            value = _CARDINALS.get(word) or int(word)
            figures.append(
                _new_tuple(Figure, ("rank", value, m.start(), m.end(), 0, None, "world", "top"))
            )
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    end = 0
    for at, parts in rank_at:  # finditer of _RANK, each word trying only its alternatives
        if at < end:
            continue
        m = (_RANK_BY_PARTS.get(parts) or _rank_pattern(parts)).match(sentence, at)
        if m is None:
            continue
        end = m.end()
        if figures and any(taken[at:end]):
            continue
        group = m.lastgroup  # each alternative has one named group: n, big, h, s, w, x or lead
        if (
            group in _DAY_GROUPS
            and (cues is None or "month" in cues)
            and _is_date(sentence, at, end)
        ):
            continue  # "1er septembre", "June 29th": a day, not a rank
        value = (
            1
            if group == "lead"
            else _ORDINALS[m.group(group)]
            if group in ("w", "x")
            else _big_ordinal(m.group(group))
            if group == "big"
            else int(m.group(group))
        )
        figures.append(_new_tuple(Figure, ("rank", value, at, end, 0, None, "world", "eq")))
        taken[at:end] = b"\x01" * (end - at)
    pillars: bool | None = None  # does the sentence name a pillar? (asked at the first score)
    for m in numbers:
        text, start = m.group(), m.start()
        if any(taken[start : m.end()]) or (len(text) == 4 and _YEAR.fullmatch(text)):
            continue
        value, decimals = _number(text)
        unit = _UNIT.match(sentence, m.end())
        end = unit.end() if unit else m.end()
        scored = unit or decimals or _SCORE_WORD.search(sentence, max(0, start - 25), start)
        if not scored:
            continue
        unit_text = unit.group("u").replace(" ", "") if unit else None
        if sentence[start - 1 : start] in _SIGNS and _signed(sentence, start):
            continue  # "+15.09": a change
        if cues is None or "change" in cues:
            if _is_change(sentence, start, end, unit_text):
                continue
        if not (unit or decimals) and (cues is None or "month" in cues):
            if _is_date(sentence, start, m.end()):
                continue  # "obtenu le 29 juin": a day
        out_of_20 = bool(unit_text and unit_text.endswith("20"))
        if pillars is None:
            pillars = _cue(sentence, cues, "pillar", _PILLAR_CUE)
        pillar = _pillar_near(sentence, start, end, out_of_20) if pillars else None
        figure = (pillar or "score", value, start, end, decimals, unit_text, "world", "eq")
        figures.append(_new_tuple(Figure, figure))
        taken[start:end] = b"\x01" * (end - start)
    if len(figures) > 1:
        figures.sort(key=_START)
    ranks = [i for i, f in enumerate(figures) if f.metric == "rank"]
    if ranks and _cue(sentence, cues, "scope", _SCOPE_CUE):
        unranked = []
        low = 0
        scopes = _SCOPE if cues is None or "region" in cues else _RANKED_SCOPE
        for k, i in enumerate(ranks):
            high = figures[ranks[k + 1]].start if k + 1 < len(ranks) else len(sentence)
            f = figures[i]
            scope, low = _scope_near(scopes, sentence, f.start, f.end, low, high)
            if scope == "unranked":  # "first in the Middle East": no rank the data gives
                unranked.append(f)
            elif scope != f.scope:
                figures[i] = f._replace(scope=scope)
        if unranked:
            figures = [f for f in figures if f not in unranked]
    if figures and (cues is None or "negation" in cues):
        figures = _not_negated(sentence, figures)
    return figures, years


def _not_negated(sentence: str, figures: list[Figure]) -> list[Figure]:
    """The figures outside every clause that holds a negation ("did not make it into the top
    10, ranking 50th" keeps 50th): a negated statement is not one to check."""
    clauses = []
    for negation in _NEGATION.finditer(sentence):
        start = 0
        for boundary in _CLAUSE_END.finditer(sentence, 0, negation.start()):
            start = boundary.end()
        boundary = _CLAUSE_END.search(sentence, negation.end())
        clauses.append((start, boundary.start() if boundary else len(sentence)))
    if not clauses:
        return figures
    return [f for f in figures if not any(f.start < b and f.end > a for a, b in clauses)]


def _is_date(sentence: str, start: int, end: int) -> bool:
    """Is the number or ordinal at ``start:end`` the day of a month ("1er septembre", "June
    29th", "the first of June")?"""
    return bool(
        _DATE_AFTER.match(sentence, end) or _DATE_BEFORE.search(sentence, max(0, start - 16), start)
    )


def _signed(sentence: str, start: int) -> bool:
    """Is the number at ``start`` written with a sign ("+15.09", "(-3.2)"), not after a word or
    a digit ("2018-2020", "T-5")?"""
    at = start - 1
    return at == 0 or not sentence[at - 1].isalnum()


def _is_change(sentence: str, start: int, end: int, unit: str | None) -> bool:
    """Is the score at ``start:end`` (its unit ending it) a change: "improved by 15.09", "a
    progressé de 15,09 points", "بزيادة 15.09 نقطة", "ارتفع ... بـ 15.09", "a 15.09-point
    increase", "15,09 points de plus"?"""
    before = _CHANGE_BEFORE.search(sentence, max(0, start - 30), start)
    if before is not None:
        if before.group("ba") is None:
            return True
        return _CHANGE_VERB_AR.search(sentence, max(0, start - 80), before.start()) is not None
    after = _CHANGE_AFTER.match(sentence, end)
    return after is not None and bool(
        after.group("pt") or (unit and not unit.endswith(("100", "20")))
    )


def _cue(sentence: str, cues: Cues, kind: str, cue: re.Pattern[str]) -> bool:
    """Does the sentence hold one of the cue literals of ``kind``? Not if the automaton pass saw
    none (``cues``); else one search of them."""
    if cues is not None and kind not in cues:
        return False
    return cue.search(sentence) is not None


def _years(sentence: str, numbers: list[re.Match[str]], cues: Cues = None) -> list[tuple[int, int]]:
    """(year, position) of the years among the sentence's numbers, but not "Vision 2030".

    A ``_YEAR`` match is a ``_NUMBER`` match (same test before the first digit; four digits
    with no word character, nor "." or "," and a digit, after them) of a year's digits with no
    "%" after it; and the reverse."""
    years = []
    for m in numbers:
        text = m.group()
        if len(text) == 4 and _YEAR.fullmatch(text) and sentence[m.end() : m.end() + 1] != "%":
            years.append((int(text), m.start()))
    if not years or not _cue(sentence, cues, "year", _NOT_A_YEAR_CUE):  # no "Vision 2030"
        return years
    return [
        (year, at) for year, at in years if not _NOT_A_YEAR.search(sentence, max(0, at - 30), at)
    ]


def find_figures(sentence: str) -> list[Figure]:
    """Tiers, ranks and scores stated in a folded sentence (countries and indices already blanked).

    Tier, top and rank patterns are tried only where a word can start one of their matches
    (see ``_starts``): one word scan of the sentence instead of a regex pass per pattern."""
    return figures_and_years(sentence)[0]


def find_years(sentence: str) -> list[tuple[int, int]]:
    """(year, position) of the edition years a folded sentence gives (not "Vision 2030")."""
    return _years(sentence, list(_NUMBER.finditer(sentence)))
