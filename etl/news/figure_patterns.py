"""The patterns a figure of a folded sentence is found with, compiled once at import.

Tiers, tops, ranks (also as ordinal words), scores and their units, pillars, scopes and years,
and what makes a figure no figure to check (a negated clause, the day of a month, a change),
each a regex over the folded text (:func:`etl.news.normalize.fold`: lowercase, no accents,
Arabic letters unified, digits ASCII). With them, the cue literals and automaton keys by which
:mod:`etl.news.figure_starts` tells in one pass which of the costlier ones a sentence may need.
:mod:`etl.news.figures` reads figures with them and holds no pattern of its own.

The phrase lists (negations, months, regions the data does not rank, words of change) are in
:mod:`etl.news.lexicon`; ordinal and cardinal words in :mod:`etl.news.ordinals`.
"""

from __future__ import annotations

import re

from etl.news import lexicon
from etl.news.normalize import fold
from etl.news.normalize import folded_pattern as _compile
from etl.news.ordinals import BIG_ORD, BIG_ORD_ARABIC, BIG_ORD_LATIN, CARDINALS, ORD, ORDINALS

_WORD = re.compile(r"\w+")


def folded(words: tuple[str, ...]) -> tuple[str, ...]:
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


_CARD = "|".join(sorted(CARDINALS, key=len, reverse=True)) + r"|\d{1,2}"
_SUFFIX = r"(?:st|nd|rd|th|eme|ieme|er|re|e)"
_NOT_EDITION = r"(?!\s*(?:edition|report|rapport|version|النسخه|الاصدار))"
# An Arabic rank word may carry "and" or "in" ("والمرتبة 21 عالميا", "بالمرتبة 50"); المركز so
# only before digits ("والمركز الأول من نوعه" is also "and the first centre of its kind").
_RANK_WORD = (
    r"(?:rank(?:ed|s|ing)?|rang|classe(?:e|s|es)?|place[ds]?|position|[وف]?ب?(?:المرتبه|الرتبه)"
    r"|المركز|(?:[وف]ب?|ب)المركز(?=\s*\d)|مرتبه|مركز)"
)

# The suffixes of a tier written as a digit ordinal ("1st tier", "1er niveau", "2e catégorie").
TIER_DIGIT_SUFFIXES = ("st", "nd", "rd", "th", "er", "re", "eme", "ieme", "e")
# Every pattern starts with \b: sre tests it cheaply and skips word-inner positions.
TIER_RE = _compile(
    rf"\b(?:(?:tier|niveau|level|categorie)\s*(?P<n>[1-5])\b|\bt(?P<t>[1-5])\b"
    rf"|\b(?P<w>{ORD})\s+(?:tier|niveau|categorie)\b"
    rf"|\b(?P<d>[1-5])(?:{'|'.join(TIER_DIGIT_SUFFIXES)})\s+(?:tier|niveau|categorie)\b"
    rf"|(?:الفئه|المستوي|فئه)\s*(?:(?P<an>[1-5])\b|(?P<aw>{ORD})))"
)
# "top 30%": a percentile, not a "top N" (and no score: BOUNDS_BEFORE has "top"); "من بين 46
# دولة" (among 46 countries), without افضل or الأوائل, no top 46.
_NOT_PERCENT = r"(?!\s*(?:%|per ?cent|pour ?cent))"
TOP_RE = _compile(
    rf"\b(?:top[\s-]*(?P<a>{_CARD})\b{_NOT_PERCENT}|\bparmi les (?P<b>{_CARD}) premiers\b"
    rf"|\b(?:ضمن|بين)\s+(?:(?:افضل|اول|ال)\s*(?P<c>{_CARD})\s*(?:الاوائل|دول|الاولي)"
    rf"|(?P<d>{_CARD})\s*(?:الاوائل|الاولي)))"
)
# Arabic plural and dual rank words, folded: the words a list of ranks follows.
RANK_LIST_WORDS = folded(
    (
        "المراتب",
        "مراتب",
        "المراكز",
        "مراكز",
        "المرتبتين",
        "المرتبتان",
        "مرتبتين",
        "المركزين",
        "المركزان",
        "مركزين",
    )
)
_LISTED_RANK = r"\d{1,3}\b(?![.,]\d)"  # a whole number, not a decimal's first digits
_RANK_LIST_JOIN = r"\s*(?:,\s*(?:و\s*)?|و\s*)"  # "50 و2", "50, 2 و 23" (، is folded to ,)
# What makes an ordinal word a rank without a rank word before it: a rank noun or a scope after
# it ("cinquième place", "premier en Afrique", "premier au Maghreb", "الاول عربيا").
_BEFORE_RANK_OR_SCOPE = (
    r"(?=\s*(?:place|rang|position|in\b|en\b|au\b|among|parmi|of\b|globally\b|worldwide\b"
    r"|عربيا|افريقيا|عالميا|خليجيا|قاريا|علي مستوي|بين|في))"
)
# The rank alternatives, in the order they are tried (the first that matches at a word wins).
RANK_PARTS = (
    rf"{_RANK_WORD}(?:\s*(?:de\s+|du\s+|at\s+|of\s+|:\s*|no\.?\s*|ال\s*)?(?P<n>\d{{1,3}}){_SUFFIX}?"
    rf"|\s+(?P<big>{BIG_ORD}))\b{_NOT_EDITION}",
    r"(?:no\.|n°)\s*(?P<h>\d{1,3})\b",
    rf"\b(?P<s>\d{{1,3}})\s?{_SUFFIX}\b{_NOT_EDITION}",
    # After an article, an ordinal is a rank only before a rank noun or a scope, as alone, or
    # "best": "la première place", "the first in Africa", "the third-best"; not "le Premier
    # ministre", "pour la première fois", "the first Arab country to".
    rf"(?:{_RANK_WORD}\s+|\b(?P<article>the|la|le|au)\s+)(?P<w>{ORD})\b{_NOT_EDITION}"
    rf"(?(article)(?:{_BEFORE_RANK_OR_SCOPE}|(?=[\s-]*(?:best|highest|meilleur\w*)\b)))",
    # Not "للمرة الأولى في تاريخه" (for the first time). Also an ordinal of a headline list, a
    # blanked name and the next ordinal after it ("السعودية الأولى والإمارات الثانية وعمان الثالثة
    # عربيا").
    rf"\bو?(?<!مره\s)(?P<x>{ORD})\b(?:{_BEFORE_RANK_OR_SCOPE}|(?=\s{{3,}}و?(?:{ORD})\b))",
    # "leading" after a determiner is an adjective ("Africa's leading digital hub"), no rank.
    r"(?P<lead>\bleads?\b|(?<!'s\s)(?<!\ba\s)(?<!\ban\s)(?<!the\s)(?<!its\s)leading\b"
    r"|\bled\b|\btop(?:s|ped|ping)\b|\ben tete\b|\bdomine\b"
    r"|\b[وف]?[يتم]?تصدر\w*|\b[وفب]?(?:ال)?صداره)",
    # A list of ranks after an Arabic plural or dual rank word: "المراتب 50 و2 و23 على التوالي",
    # "المرتبتين 50 و23" (each number one rank, paired by "respectively" in etl.news.attribution).
    rf"(?:{'|'.join(RANK_LIST_WORDS)})\s*"
    rf"(?P<list>{_LISTED_RANK}(?:{_RANK_LIST_JOIN}{_LISTED_RANK})+)",
    # A French or English ordinal above ten where an ordinal word up to ten is read: "au
    # cinquantième rang", "à la cent-sixième place", "twenty-first place"; also before "dans"
    # ("n'était que quatre-vingt-treizième dans l'indice", not "le vingt-et-unième siècle").
    rf"(?P<bigx>{BIG_ORD_LATIN})\b(?:{_BEFORE_RANK_OR_SCOPE}|(?=\s*dans\b))",
    # An Arabic ordinal above ten listed with و before a scope adverb, as one up to ten is
    # ("المرتبة الأولى مغاربيا والخمسين عالميا"); not alone ("أفضل الخمسين عالميا": the top fifty).
    rf"\bو(?P<ax>{BIG_ORD_ARABIC})\b(?=\s*(?:عالميا|عربيا|افريقيا|خليجيا|قاريا)\b)",
)
ORDINAL_PART = 1 << 4  # the bit of the ordinal word alternative (group x) in RANK_PARTS
RANK_BY_PARTS: dict[int, re.Pattern[str]] = {}
# A lead word ("led", "topped", "en tête", "تصدرت") whose subject is a list of countries (names
# blanked, with or without their figures in brackets) is no one's first place: "Saudi Arabia and
# the UAE led the Arab world", "Saudi Arabia (2nd), the UAE (5th) and Oman (21st) led the Arab
# states", "L'Arabie saoudite et les Émirats sont en tête". (An Arabic list after its verb,
# "تصدرت السعودية والإمارات", is one blanked run: its first country takes the lead.)
_BLANKED_NAME = r"(?:(?:the|le|la|les|l')\s*)?\s{3,}(?:\([^()]{0,12}\)\s*)?"
_NAME_LIST = rf"{_BLANKED_NAME}(?:\s*(?:,|\band\b|\bet\b|و)\s*{_BLANKED_NAME})+"
LEAD_AFTER_LIST = _compile(rf"{_NAME_LIST}(?:\s*\b(?:are|were|have|sont|etaient|ont)\b)?\s*\Z")
LEAD_BEFORE_LIST = _compile(rf"\s*{_NAME_LIST}")
# A rank given with "with" and a name, its verb left out, after a rank ("Mauritius topped Africa
# in the GCI 2020, with Egypt second and Morocco seventh", "avec l'Égypte 2e"): the rank before
# it says in which scope (etl.news.figures). An ordinal word is read there, after the name and
# before a stop or "and" (not "with Egypt second to none"); the words before a rank that make it
# one of those: "with" or "avec" and a blanked name, or after one, a comma or "and" and a name.
_LATIN_ORD = "|".join(sorted((w for w in ORDINALS if w.isascii()), key=len, reverse=True))
NAMED_ORDINAL = _compile(rf"(?P<w>{_LATIN_ORD})\b(?=\s*(?:[,.;)]|(?:and|et)\b|\Z))")
WITH_NAME = _compile(r"\b(?:with|avec)(?:\s(?:the|le|la|les)\s|\sl')?\s{3,}\Z")
# (each run of spaces after a word or a comma: no two quantifiers share one, so a long run
# cannot make sre backtrack; the blanked name, three spaces or more, is checked apart)
NAME_LIST_GAP = _compile(r"\s*(?:,\s*(?:(?:and|et)\s*)?|(?:and|et)\s*)(?:(?:the|le|la|les)\s*|l')?")
NAME_BEFORE_ORDINAL = _compile(
    r"(?:\b(?:with|avec|and|et)|,)(?:\s(?:the|le|la|les)\s|\sl')?\s{3,}\Z"
)
# Where a scope named right after a rank starts ("2nd in Africa", "2e en Afrique").
SCOPE_PREPOSITION = _compile(
    r"\s*(?:(?:in|en|au|dans|among|parmi|of|du|de)\s+(?:the\s+|l'|le\s+|la\s+)?)?"
)


def rank_pattern(parts: int) -> re.Pattern[str]:
    """The rank alternatives in ``parts`` (bit i: ``RANK_PARTS[i]``), in their order, compiled once.

    Where only some alternatives can match (by the word a match would start with), the others
    are left out: the first that matches is the same, and sre tries fewer branches."""
    pattern = RANK_BY_PARTS.get(parts)
    if pattern is None:
        chosen = [part for i, part in enumerate(RANK_PARTS) if parts >> i & 1]
        pattern = RANK_BY_PARTS[parts] = _compile(r"\b(?:" + "|".join(chosen) + ")")
    return pattern


RANK = rank_pattern((1 << len(RANK_PARTS)) - 1)  # every alternative


# One pattern per family, named groups for the alternatives: one scan instead of one per scope.
# Arabic words may carry clitics (و، ف، ب، ل) and the article.
_AR = r"[وفبل]?(?:ال)?"
# "monde arabe"/"العالم العربي" is the Arab scope, not the world's. A region left unnamed ("the
# region's first", "5th in the region", "au niveau régional", "إقليميا", "في المنطقة") is a
# scope too (``REGION``), which region is not said: its ranks give no figure (never a world
# rank); next to a named scope ("the Arab region", "المنطقة العربية") it is that scope's noun.
REGION = "region"
_RANKED_SCOPES = (
    rf"(?P<africa>afri[cq]\w*|{_AR}(?:افريقي\w*|افريقيا|قاري\w*|قاره))"
    rf"|(?P<arab>arab\w*|{_AR}عربي\w*|العرب)"
    rf"|(?P<gcc>gcc|ccg|gulf|golfe|{_AR}خليج\w*|مجلس التعاون)"
    rf"|(?P<world>(?<!arab )world\w*|global\w*|mondia\w*|monde(?! arabe)|{_AR}عالمي\w*|العالم(?! العربي))"
    rf"|(?P<{REGION}>region(?:ally|alement)?|regional(?=\s+(?:ranking|rankings|standings|level)\b)"
    r"|(?:(?<=niveau )|(?<=echelle )|(?<=plan )|(?<=classement )|(?<=rang )|(?<=place ))regionale?"
    rf"|{_AR}اقليمي\w*|{_AR}منطقه)"
)
# With the regions the data does not rank first ("Afrique du Nord" is no Africa scope), one
# named group each (the claim's scope): used for a sentence that may name one (its "region" cue
# keys). المغرب العربي (the Maghreb) reaches here with المغرب blanked as a mention of Morocco:
# العربي right after a blanked run.
_AFTER_BLANKED = {"maghreb": r"|(?<=\s\s\s)العربي"}
_UNRANKED_SCOPES = "|".join(
    f"(?P<{scope}>{_phrases(forms)}{_AFTER_BLANKED.get(scope, '')})"
    for scope, forms in lexicon.UNRANKED_REGIONS_BY_SCOPE.items()
)
# A name holding a scope word that is no scope (lexicon.OUTLETS); an Arabic media noun takes the
# one or two words after it (one space apart: a longer run is a blanked name).
OUTLET = _compile(
    rf"\b(?:{_phrases(lexicon.OUTLETS)})\b|\b(?:{_phrases(lexicon.MEDIA_NOUNS_AR)})\s\S+(?:\s\S+)?"
)
# A scope word before a rank that qualifies one country ("the first Arab country to set up a
# CERT, ranked 21st", "le premier pays arabe à") or an event ("On Africa Day, Morocco said it
# ranked 50th", "At the GCC summit", "au sommet arabe", "في القمة الخليجية") is no scope of the
# rank.
COUNTRY_NOUN_AFTER = _compile(
    r"\s+(?:country|nation|state|day|summit|forum|conference|meeting|week|cup|games|expo)\b"
)
COUNTRY_NOUN_BEFORE = _compile(
    r"\b(?:pays|sommet|forum|journee|conference|reunion|coupe|دوله|بلد"
    r"|(?:ال)?(?:قمه|منتدى|مؤتمر|اجتماع|يوم|بطوله|كاس))\s+\Z"
)
# Between two ranks of a headline list: a comma or "and" and a blanked name (a run of spaces).
HEADLINE_LIST_GAP = _compile(r"\s*,?\s*(?:(?:and|et|و)\s)?\s*(?<=\s\s\s)")
SCOPE = _compile(rf"\b(?:{_UNRANKED_SCOPES}|{_RANKED_SCOPES})\b")
RANKED_SCOPE = _compile(rf"\b(?:{_RANKED_SCOPES})\b")
# A scope that opens the sentence, the setting of all it says ("In the Arab world's ranking of
# the GCI 2020,", "Dans le classement arabe de l'indice 2020,", "Au niveau africain,", "على
# الصعيد العربي،", "وعربيا،"): a preposition (and a noun of level or ranking), the scope word
# (the last named group, ``lastgroup``), a noun of the region or ranking ("world's ranking",
# "states"), what it is of ("of the GCI 2020") and a comma: not "A Gulf state,", "At the GCC
# summit,", "On Africa Day," (a scope word qualifying another noun is no scope); in
# Arabic the phrase alone (no comma needed after "على الصعيد العربي"), or an adverb and a comma
# ("عربيا،"). The match ends where the sentence's own clause starts.
_SCOPES_OPENING = rf"(?:{_UNRANKED_SCOPES}|{_RANKED_SCOPES})\b"
# A region that opens the sentence as its subject ("Africa ranks third worldwide in attacks",
# "L'Afrique se classe troisième", "أفريقيا تحتل المرتبة الثالثة"): a rank before the first
# country named is the region's, no country's. Not "Africa's", nor a heading ("Arab world:").
REGION_SUBJECT = _compile(
    rf"\s*(?:the\s+|l'|la\s+|le\s+)?(?:{_UNRANKED_SCOPES}|{_RANKED_SCOPES})\b(?!'s)(?=\s+[^\W\d])"
    r"(?!(?:\s+\w+)?\s*:)"
)
OPENING_SCOPE_LATIN = _compile(
    r"\s*(?:(?:and|but|et|mais)\s+)?"
    r"(?:in|among|across|within|at|on|dans|au|aux|a|en|sur|parmi|au\s+sein\s+d[eu]s?)\s+"
    r"(?:the\s+|(?:le|la|les|l')\s*)?"
    r"(?:(?:level|scale|ranking|rankings|classement|niveau|echelle|plan|monde|region|pays"
    r"|continent|palmares)\s+(?:(?:of|d[eu]s?|de\s+la|de\s+l')\s*)?(?:the\s+)?)?"
    rf"{_SCOPES_OPENING}(?:\s+(?:world|region|states|countries|nations|monde|pays|etats))?"
    r"(?:'s)?(?:\s+(?:ranking|rankings|classement|standings|league table|level|niveau))?"
    r"(?:\s+(?:of|in|for|de|du|des|de\s+la|de\s+l')\s*(?:the\s+|l')?[^,;:\d]{0,60}?"
    r"(?:(?<!\d)(?:19|20)\d\d(?!\d))?)?(?:\s+(?:and|et)\s+[^,;:\d]{1,40}?)?\s*,"
)
OPENING_SCOPE_ARABIC = _compile(
    r"\s*[وف]?(?:اما\s+)?(?P<preposition>(?:على|في|ضمن|بين)\s+(?:(?:ال)?(?:صعيد|مستوى|تصنيف"
    r"|ترتيب|نطاق|دول|بلدان|عالم|منطقة)\s+)?)?"
    rf"{_SCOPES_OPENING}(?:\s*,|(?(preposition)|(?!)))"
)
REGION_KEYS = (*_cut_keys(lexicon.UNRANKED_REGIONS, arabic_inside=True), "   العربي")
PILLAR = _compile(
    rf"\b(?:(?P<legal>legal\w*|juridique\w*|{_AR}قانوني\w*)|(?P<technical>techni\w*|{_AR}تقني\w*)"
    rf"|(?P<organizational>organi[sz]ation\w*|{_AR}تنظيمي\w*)|(?P<capacity_development>capacit\w*|{_AR}قدرات)"
    rf"|(?P<cooperation>cooperation\w*|(?<!مجلس ){_AR}تعاون))\b"
)
# Pillar scores listed with "respectively" in the order of the pillars listed after them: "obtient
# respectivement 20, 18,12 et 20 en mesures juridiques, techniques et organisationnelles", "scored
# 20, 18.12 and 20 in legal, technical and organizational measures respectively".
_LISTED_NUMBER = r"\d+(?:[.,]\d+)?"
_PILLAR_WORD = (
    rf"(?:legal\w*|juridique\w*|{_AR}قانوني\w*|techni\w*|{_AR}تقني\w*|organi[sz]ation\w*"
    rf"|{_AR}تنظيمي\w*|capacit\w*|{_AR}قدرات|cooperation\w*|{_AR}تعاون)"
)
_LIST_AND = r"\s*(?:,\s*)?(?:and|et|و)\s*"
PILLAR_LIST = _compile(
    rf"(?<![\w.,])(?P<numbers>{_LISTED_NUMBER}(?:\s*,\s+{_LISTED_NUMBER})*{_LIST_AND}{_LISTED_NUMBER})"
    rf"(?:\s+respectivement|\s+respectively)?\s+(?:in|en|dans|on|for|pour|في)\s+"
    rf"(?:(?:the|les|des|its|ses|ال)\s+)?(?:(?:measures|mesures|pillars|piliers|areas|domaines"
    rf"|axes|تدابير)\s+)?(?:(?:de|des|d')\s*)?"
    rf"(?P<pillars>{_PILLAR_WORD}(?:\s*,\s*{_PILLAR_WORD})*{_LIST_AND}{_PILLAR_WORD})\b"
)
UNIT = _compile(
    r"\s*(?P<u>(?:(?:points?|pts|نقطه|نقاط|درجه)\s*)?(?:/\s*100\b|sur 100\b|out of 100\b|من 100\b"
    r"|/\s*20\b|sur 20\b|out of 20\b|من 20\b)|%|pour ?cent|per ?cent|points?\b|pts\b|نقطه|نقاط"
    r"|درجه|بالمئه|بالمائه|في المئه)"
)
# A share of something ("97.5% of households", "97,5 % des administrations", "97.5% من الأسر"):
# after a percentage, no score.
SHARE_AFTER = _compile(r"\s*(?:of|des|de|du|d')\b|\s*من\s")
# So is a percentage after a share or rate named with what it is of ("the share of attacks
# blocked reached 62%", "le taux d'incidents traités atteint 62 %", "بلغت نسبة الهجمات المصدودة
# 62%"), in its clause; not one whose number follows it ("a rate of 97.5%", "un taux de 97,5 %",
# "على نسبة 97.5%": the score).
SHARE_BEFORE = _compile(
    r"\b(?:share|rate|proportion|percentage|taux|pourcentage|[وفب]?(?:ال)?(?:نسبه|معدل))"
    r"\s+(?!(?:of\s+|de\s+|d')?\d)"
)
# A name (blanked) named as a place: "in Morocco", "au Maroc", "في المغرب".
NAME_AS_PLACE = _compile(r"\b(?:in|au|aux|en|a|dans|في)\s(?:(?:the|le|la|les)\s|l')?\s{2}")
# "among the 46 countries of the region", "parmi les 46 pays évalués", "من بين 46 دولة": a rank
# among so few countries is no world rank (the fewest an edition ranks is NCSI 2025's 61), unless
# a scope qualifies them ("54 African countries", "54 pays africains": the ranks near take it).
# The words before the number are checked apart (SUBSET_BEFORE), this pattern starting with a digit.
_COUNTED = ("countries", "nations", "states", "economies", "pays", "etats", "دوله", "دول", "بلدا",
            "بلدان")
SUBSET_COUNT = _compile(
    rf"(?P<n>\d(?<![\w.,]\d)\d?)\s+(?P<adjective>[^\W\d]+\s+)?(?:{'|'.join(_COUNTED)})\b\s*"
)
SUBSET_KEYS = tuple(f" {word} " for word in _COUNTED)
SUBSET_BEFORE = _compile(r"\b(?:among|of|out of|parmi|sur|بين|اصل)\s+(?:the\s+|les\s+)?\Z")
SUBSET_MAX = 55
# A number (not a year) listed right before a scope word after a rank owns the scope ("المرتبة 50
# من بين 194 دولة و7 إفريقيا", "50th behind Egypt and 7 in Africa": Africa is the 7's, which no
# rank word marks, not the 50's); not a count ("3rd among the 22 Arab League members").
NUMBER_BEFORE_SCOPE = _compile(
    r"(?:\b(?:and|et)\s+|,\s*|\bو\s*)\d{1,3}(?:e|er|eme|th|st|nd|rd)?\s*"
    r"(?:(?:in|en|au|dans|في)\s+(?:the\s+|l'|le\s+|la\s+)?)?\Z"
)
# A bare number listed after a rank ("and", a comma, و), with a scope of its own right after it
# and nothing but a stop or a preposition after that, is a rank as "7th" would be ("50th in the
# world and 7 in Africa in the GCI 2020", "المرتبة 50 من بين 194 دولة و7 إفريقيا في"): the
# number and its preposition (the scope is matched where it ends), and what follows the scope;
# not a count ("and 30 in Africa scored below 50"), nor "7 points", "7%", "7 of 54".
LISTED_RANK = _compile(
    r"(?:\s(?:and|et)\s|,\s?|\sو\s?)(?P<n>\d{1,3})(?![\w%]|[.,]\d)\s*"
    r"(?:(?:in|en|au|dans|في)\s+(?:the\s+|l'|le\s+|la\s+)?)?"
)
LISTED_RANK_END = _compile(
    r"\s*(?:[.,;:)]|\Z|(?:in|dans|de|du|of|au|for|pour|في|من|ضمن|حسب|وفق)\b)"
)
# A unit (spaces taken out) that makes a number a percentage: a pillar given in percent ("100%
# in legal measures") is no figure to check (pillars are scored out of 20; no conversion).
PERCENT_UNITS = frozenset(("%", "pourcent", "percent", "بالمئه", "بالمائه", "فيالمئه"))
# After a number and its unit: the overall score ("97.5 overall"), never a pillar's.
OVERALL_AFTER = _compile(rf"\s+(?:{_phrases(lexicon.OVERALL)})\b")
# What may stand between a number and the pillar named after it ("18,39 dans les mesures
# techniques", "19.59 نقطة في محور التدابير القانونية"): prepositions, articles, "measures",
# "pillar", one or two spaces apart (a longer run is a blanked name). Anything else ("97.5, with
# full marks in legal measures") keeps an overall score.
PILLAR_GAP = _compile(
    r"(?:\s{0,2}(?:(?:in|on|for|of|the|its|dans|les|la|le|des|du|de|en|sur|pour|au|aux|measures?"
    r"|mesures?|pillars?|piliers?|axe|volet|domaines?|domains?|areas?|dimension|[وف]?في|علي|ضمن"
    r"|من|[وفبل]?(?:ال)?(?:محور|مجال|تدابير|ركيزه))\b|l'|d'))*\s{0,2}"
)
SCORE_WORD = _compile(
    r"(?:score\w*|note|scoring|نتيجه|معدل|رصيد|مجموع|درجه|obtenu|obtient|totalise)"
)
# Start with \d (not a lookbehind) so sre skips to digits at C speed; the lookbehind then checks
# the character before the first digit.
NUMBER = _compile(r"\d(?<![\w.,]\d)\d*(?:[.,]\d+)?(?![\w]|[.,]\d)")
YEAR = _compile(r"\d(?<![\w.,]\d)(?:(?<=1)99\d|(?<=2)0\d\d)(?![\w%]|[.,]\d)")
NOT_A_YEAR = _compile(r"(?:vision|horizon|plan|strateg\w*|رؤيه|استراتيجيه|خطه)\s*(?:\w+\s+)?$")
NOT_A_YEAR_CUES = folded(("vision", "horizon", "plan", "strateg", "رؤيه", "استراتيجيه", "خطه"))

# A negation (and "n't", "ne ... plus"), not one followed by "only", "يزال"...: its clause states
# nothing to check. A clause runs between punctuation (not a decimal comma), a dash, or a word
# of contrast ("but", "mais", "لكن", "بل").
# An aim ("ambitionne d'intégrer le top 3"), a hypothesis or question ("could reach 10th",
# "pourrait atteindre", "هل يحتل", a "?" ending the clause), an EGDI sub-index ("Online Services
# Index") or another index ("AI Readiness Index") makes its clause state nothing to check too:
# one pattern with the negations, one search.
_NOT_STATED = lexicon.AIMS + lexicon.HYPOTHETICALS + lexicon.SUB_INDICES + lexicon.OTHER_INDICES
NEGATION = _compile(
    rf"(?:\b(?:{_phrases(lexicon.NEGATIONS)})|\b\w+n't|\bn(?:e\s+|')(?:\w+\s+){{0,2}}plus)\b"
    rf"(?!\s+(?:{'|'.join(folded(lexicon.NOT_NEGATING_AFTER))})\b)"
    rf"|\b(?:{_phrases(_NOT_STATED)})\b|[?\u061f]"
)
NEGATION_KEYS = (
    *_cut_keys(lexicon.NEGATIONS),
    "n t ",
    " plus ",
    *_cut_keys(_NOT_STATED),
)
CLAUSE_END = _compile(
    r"[;:()\[\]]|(?<!\d),|,(?!\d)|\s[-–—]\s|\b(?:but|while|whereas|although|though|however"
    r"|mais|alors que|tandis que|cependant|toutefois|bien que|[وف]?لكن\w*|بل|بينما|في حين|غير ان"
    r"|الا ان)\b"
)
# "and" right before a negation: the negated clause starts there ("ranked 50th in the GCI 2020
# and did not make the African top five" keeps 50th); so does an Arabic negation carrying و
# ("ولم").
NEGATION_AFTER_AND = _compile(r"\b(?:and|et)\s+(?:[\w']+\s+){0,2}\Z")
# "and" after a clause that ends naming its index (blanked) and maybe its year: a negated clause
# after it starts there ("ranked 32nd in the NCSI 2022 and scored 82.41 in the GCI 2020", a
# "GCI" not ITU's, keeps 32nd; "في مؤشر ... 2020 والمرتبة 77 في مؤشر تطور تكنولوجيا
# المعلومات" keeps 50); not after another name ("ranked 50th behind Egypt and ...").
AND_AFTER_INDEX = _compile(
    r"\b(?:in|dans|du|de|des|au|aux|en|في)\s(?:(?:the|le|la|les)\s|l')?(?:[^\W\d]+\s)?\s{2,}"
    r"(?:(?:19|20)\d\d\s+)?(?P<and>and\s|et\s|و)"
)

# A day of a month written as an ordinal: "1er septembre", "June 29th", "the first of June".
_MONTH = _phrases(lexicon.MONTHS)
DATE_AFTER = _compile(rf"\.?\s*(?:of\s+)?(?:{_MONTH})\b")
DATE_BEFORE = _compile(rf"\b(?:{_MONTH})\.?\s+(?:the\s+)?\Z")
MONTH_KEYS = _cut_keys(lexicon.MONTHS)
# Rank alternatives a day can look like ("1er", "first", "the twenty-first of June").
DAY_GROUPS = frozenset(("s", "w", "x", "bigx"))

# A change, not a level: "+15.09", "improved by 15.09", "a progressé de 15,09", "بزيادة 15.09",
# "زيادة بلغت 15.09", "ارتفع ... بـ 15.09 نقطة" (بـ alone only after a verb of change), "a 15.09-point increase".
SIGNS = frozenset("+-−±")
# Also a bound, a hedge, a threshold, a percentile or a gap (lexicon.BOUNDS_BEFORE...): "more
# than 95", "exceeded 0.85", "top 30%", "قفز رصيد المغرب 15.09", "95 or more", "2.5 points short
# of a perfect score", "the gap between ... was 0.48 points": not the country's level either.
CHANGE_BEFORE = _compile(
    rf"(?:(?P<ba>\bب)|\b(?:{_phrases(lexicon.CHANGE_BEFORE + lexicon.BOUNDS_BEFORE)})"
    rf"(?:\s+(?:{_phrases(lexicon.CHANGE_LINKS_AR)}))?"
    rf"|\b(?:{_phrases(lexicon.CHANGE_VERBS_AR + lexicon.BOUND_VERBS_AR)})"
    rf"(?:\s+(?:{_phrases(lexicon.SCORE_NOUNS_AR)})\w*)?)\s*\Z"
)
CHANGE_VERB_AR = _compile(rf"\b(?:{_phrases(lexicon.CHANGE_VERBS_AR)})\b")
CHANGE_AFTER = _compile(rf"(?P<pt>[\s-]*points?)?[\s-]+(?:{_phrases(lexicon.CHANGE_AFTER)})\b")
BOUND_AFTER = _compile(rf"[\s-]*(?:{_phrases(lexicon.BOUNDS_AFTER)})\b")
GAP = _compile(rf"\b(?:{_phrases(lexicon.GAPS)})\b")
# Between a figure and its own year: "93rd in 2018", "82,41 en 2020", "المرتبة 93 سنة 2018",
# "50th in the 2020 edition", "50e dans l'édition 2020", "97.02 نقطة في نسخة 2024"
# (etl.news.attribution dates a figure by the year after it with it).
_FIGURE_YEAR_GAP = (
    r"(?: (?:place|position|rang|rank|overall|globally|worldwide|mondiale?|عالميا|عربيا|إفريقيا))?"
    r"(?: (?:in|en|for|pour|as of|au titre de|dans|في|خلال|برسم)(?: the year| l'année| l'an"
    r"| the| l'édition(?: de)?| la version(?: de)?)?)?"
    r"(?: (?:نسخة|نسخته|نسختها|إصدار|دورة))?"
    r"(?: (?:سنة|عام|لسنة|لعام|العام))?(?: \()? ?"
)
FIGURE_YEAR_GAP = _compile(_FIGURE_YEAR_GAP)
# The previous value of a change ("climbed to 50th, up from 93rd", "passé du 93e au 50e"): the
# words right before it, and its own year right after it ("up from 93rd in 2018"), without
# which it is no figure to check.
PREVIOUS_BEFORE = _compile(
    rf"\b(?:{_phrases(lexicon.PREVIOUS_BEFORE)})(?:\s+(?:the|its|la|le|l'|sa|son))?\s*\Z"
)
PREVIOUS_DATED = _compile(rf"{_FIGURE_YEAR_GAP}(?:19|20)\d\d\b")
PREVIOUS_KEYS = _cut_keys(lexicon.PREVIOUS_BEFORE)
# The maximum of the scale after a score ("97,5, tout près de la note maximale de 100").
SCALE_MAXIMUM_BEFORE = _compile(rf"\b(?:{_phrases(lexicon.SCALE_MAXIMUM_BEFORE)})\s*\Z")
SCALE_MAXIMUM_KEYS = _cut_keys(lexicon.SCALE_MAXIMUM_BEFORE)
CHANGE_KEYS = (
    *_cut_keys(
        lexicon.CHANGE_BEFORE
        + lexicon.BOUNDS_BEFORE
        + lexicon.CHANGE_VERBS_AR
        + lexicon.BOUND_VERBS_AR
        + lexicon.BOUNDS_AFTER
        + lexicon.GAPS,
        arabic_inside=True,
    ),
    *_cut_keys(lexicon.CHANGE_AFTER),
    " ب ",
)


# Scopes other than the world (the default): without any, every rank's scope is the world.
SCOPE_CUES = (
    "middle",
    "orient",
    "الشرق",
    "mena",
    "anmo",
    "maghreb",
    "مغارب",
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
    "region",  # an unnamed region: "the region's first", "إقليميا", "في المنطقة"
    "اقليمي",
    "منطقه",
)
PILLAR_CUES = (
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


SCOPE_CUE = _any_of(SCOPE_CUES)
PILLAR_CUE = _any_of(PILLAR_CUES)
NOT_A_YEAR_CUE = _any_of(NOT_A_YEAR_CUES)


# A word of one to three digits and an ordinal suffix ("50th", "3 e"): the digit rank alternative
# can start nowhere else (etl.news.figure_starts tries it there). Starts with \d, so sre skips to
# digits at C speed.
DIGIT_RANK_START = re.compile(rf"\d(?<!\w\d)(?=\d{{0,2}}\s?{_SUFFIX})")
