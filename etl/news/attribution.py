"""Which country and which edition each figure of a claim sentence goes to (for
:func:`etl.news.claims.claims_of`).

**The country** of a figure (:func:`owners`), first that applies:

1. the sentence's only country;
2. a "respectively" list ("Morocco, Egypt and Tunisia ranked 50th, 23rd and 45th respectively",
   "المراتب 50 و2 و23 على التوالي", "respectivement", "على التوالي" (not "للمرة الثالثة على
   التوالي", "in a row"), "على الترتيب"): the figures of one metric paired in order with as many
   countries (those named before the first of them, else all the sentence's); another count: no
   claim for those figures, nor for a lone figure if no list paired ("X and Y ranked 50th
   respectively"); so are as many figures of one metric listed after as many countries listed
   with only a verb between, without "respectively" ("Egypt and Morocco ranked 23rd and 50th",
   :func:`listed_in_order`; not "between 23rd and 50th");
3. a country named right after the figure with a preposition of attribution ("82.41 for
   Morocco", "82,41 pour le Maroc", "82.41 نقطة للمغرب", "95.48 نقطة لمصر");
4. the country named nearest before it (after it if none before: "تصدر المغرب ..."); and when
   that one and the country just before it are "both" named ("Le Maroc et Oman figurent tous
   deux au niveau 1", "both Morocco and Oman", "كل من المغرب وعمان"), one claim for each; so
   for a rank shared with the country named right after it ("Saudi Arabia shared second place
   with the UK", "partage la 45e place avec la Tunisie", "تقاسمت ... المركز الثاني مع").
   Passed over: a country named as a comparison ("Morocco, which trails Egypt, ranked 50th",
   "Egypt, ahead of Morocco", "behind Saudi Arabia and the UAE", "followed by", "qui devance",
   "derrière", "بعد", "التي تتقدم على", "متقدما على", "تليها"; :func:`asides`), a country
   in an aside on the country before it ("Morocco, which borders Algeria,", "Le Maroc, voisin
   de l'Algérie,", "المغرب، الذي يجاور الجزائر،"; :data:`_IN_ASIDE`) and a capital
   named as a place ("speaking in Rabat", "في الرباط"). Ranks listed with one scope before or
   after them ("3rd and 5th respectively in the Arab world") take it all when paired with the
   countries, else give no claim (:func:`one_scope_per_list`). A comparison country takes only a figure
   right after its name ("Saudi Arabia (2nd)", "ahead of Oman at 97.02", "trails Oman, which
   scored 96.04"); a figure inside the comparison ("بعد السعودية والإمارات في المرتبة الثالثة"),
   or with only comparisons and places named before it, gives no claim; so does a sentence
   whose only country is a comparison or a place ("It ranked 50th, ahead of Algeria").

The index is the one named nearest the figure; of several indices, the one named in the figure's
own clause (none there: no claim, :func:`index_of_figure`); of one index named twice, the mention
in the figure's own clause, else the nearest ("93rd in the GCI 2018 and 50th in the GCI 2020":
each its mention's year).

**The edition** (:func:`editions`), first that applies:

1. a year attached to the figure, right after it: "93rd in 2018", "82,41 en 2020", "المرتبة 93
   سنة 2018", "82.41 (2020)"; not the first of a list of years ("93rd and 50th in 2018 and
   2020": no claim without "respectively");
2. a year attached to the figure's index mention (else to the nearest mention of that index):
   "GCI 2018", "the 2020 GCI", "المؤشر العالمي للأمن السيبراني لسنة 2020", "l'indice ... de l'UIT
   2020" (a few joining words, no comma or number between); or a year directly before the figure
   ("in 2018, Morocco ranked 93rd": a few words, no other figure, year or index between, and not
   one of a list, "in 2018 and 2020, ...", nor one attached to another index: "Oman, 21st in
   the GCI 2020, ranks 41st in the EGDI" does not date the EGDI). The year before the figure wins ("Oman scored 96.04 in
   the GCI 2020, while in 2018 Morocco ranked 93rd") unless the index with its year is named
   after the figure ("In 2021, Oman scored 96.04 in the GCI 2020": 2021 is when it was said);
3. the sentence's one year left, one not attached to another index, to another figure of the
   same metric ("93rd in 2018 and 50th ..." does not date the 50th) or to a later figure. With
   several left nothing tells which: no claim; none left as every year dates another index:
   undated (rule 4);
4. no year in the sentence (or only dates and comparisons): the only year the article's
   sentences about that index give (not a year attached there to another index), unless the
   sentence says it states the present ("today", "aujourd'hui", "حاليا": :func:`says_now`).

Years that are dates or comparisons are never an edition: "On June 29th, 2021", "Released in
2019", "Compared with 2018", "par rapport à 2018", "مقارنة بعام 2018", "في 29 يونيو 2021". The
first figure of "from 82.41 to 97.5" / "de 82,41 à 97,5" / "من 82.41 نقطة إلى 97.5 نقطة" is dated
only by a year of its own (rule 1): the index's year is the second one's. "93rd and 50th in 2018
and 2020 respectively" pairs the years in order. Two figures read as different values of one
metric of one country in one edition cannot both be right: neither gives a claim.

Conservative: where the sentence does not say for sure, no claim (a missed claim) rather than a
wrong one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from operator import itemgetter

from etl.news import lexicon
from etl.news.figure_patterns import FIGURE_YEAR_GAP, RANKED_SCOPE
from etl.news.figures import Figure, find_years
from etl.news.gazetteer import terms
from etl.news.mentions import Hit
from etl.news.normalize import fold
from etl.news.normalize import folded_pattern as _compile
from etl.news.text import Article

NO_CLAIM = -1  # an edition that means: this figure gives no claim


def _alternatives(words: Iterable[str]) -> str:
    """Folded words (etl.news.lexicon) as a regex alternation."""
    return "|".join(re.escape(fold(w)) for w in words)


# A year that is a date or a comparison, not an edition: the words just before it.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    "|يناير|فبراير|مارس|أبريل|مايو|ماي|يونيو|يوليو|يوليوز|أغسطس|غشت|سبتمبر|شتنبر|أكتوبر|نوفمبر"
    "|نونبر|ديسمبر|دجنبر|جانفي|فيفري|أفريل|جوان|جويلية|أوت|كانون الثاني|شباط|آذار|نيسان|أيار"
    "|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول"
)
_CONTEXT_YEAR = _compile(
    r"(?:\b(?:compared (?:with|to)|in comparison (?:with|to)|versus|vs\.?|since|than(?: in)?"
    r"|from|par rapport (?:à|aux?)|comparée?s? (?:à|avec)|en comparaison (?:de|avec)|depuis"
    r"|(?:released|published|launched|issued) in|(?:publié|paru|lancé|sorti)e?s? en)"
    r"(?: the year| l'année| l'an)?"
    r"|(?:مقارنة|بالمقارنة|قياسا|منذ|صدر\w*|نشر\w*|الصادر\w*)(?: مع| في| إلى)?"
    r"(?: ب?(?:العام|عام|سنة|نسخة))?"
    rf"|\b(?:{_MONTHS})(?: \d{{1,2}}(?:st|nd|rd|th)?)?,?) ?$"
)
# The words that may stand between an index's name and its year ("GCI 2018", "l'indice
# mondial de cybersécurité de l'UIT 2020", "the 2020 edition of the GCI"), folded.
_AFTER_INDEX_WORDS = frozenset(
    fold(w)
    for w in (
        *"de du des d l la le of the itu uit in en for pour edition report rapport".split(),
        *"ranking classement its sa son".split(),
        *"لسنة لعام سنة عام العام للعام في نسخة نسخته برسم الصادر عن".split(),
        *"الاتحاد للاتحاد الدولي للاتصالات".split(),
    )
)
_BEFORE_INDEX_WORDS = frozenset(
    fold(w)
    for w in (
        *"the its l la le de du d of in en edition version report rapport ranking".split(),
        *"classement itu uit s latest".split(),
        *"نسخة من في إصدار النسخة تقرير".split(),
    )
)
_YEAR_LIST = _compile(r",? ?(?:and|et|or|ou|to|à|و|أو|إلى)? ?")  # "2018 and 2020"
_GAP_WORD = re.compile(r"[^\W\d_]+")
_GAP_BREAK = re.compile(r"[^\w '()\-:–]|\d|  ")  # a digit, a stop or comma, another mention
_BEFORE_FIGURE_BREAK = re.compile(r"[;:()]|\d")
# Attribution after a figure: "82.41 for Morocco", "82,41 pour le Maroc" (Arabic: ل on the name).
_FOR_COUNTRY = re.compile(r" (?:for|pour) (?:the |le |la |les |l')?")
_FOR = (" for ", " pour ")
_IN_TURN, _IN_ORDER = fold("على التوالي"), fold("على الترتيب")  # "respectively"
# "للمرة الثالثة على التوالي", "للعام الثاني على التوالي": "in a row", not "respectively"
# (whole words: المراتب is no مرات).
_IN_A_ROW = _compile(r"(?:للمرة|للعام|للسنة|للدورة|للنسخة|مرات|مرتين|سنوات|سنتين|أعوام|عامين)\b")
# "Both", and a tie ("ex aequo", "à égalité", تقاسم: they share the rank).
_BOTH = _compile(r"\b(?:both|tou(?:te)?s (?:les )?deux|ex[ -]aequo|a egalite)\b|كلاهما|كلتاهما|كل من"
                 r"|\b[وف]?تقاسم(?:ت|تا|ا)?\b")
_BOTH_JOIN = re.compile(r" (?:and|et|&) (?:the |le |la |les |l')?")
# A rank shared with the country named right after it: "Saudi Arabia shared second place with
# the UK", "tied for second place with", "partage la 45e place avec la Tunisie", "تقاسمت ...
# المركز الثاني مع": the words between the rank and that country, and the word of sharing before
# the rank (in its clause).
_SHARED_WITH = _compile(
    r"(?: (?:place|rank|position|spot|rang|المركز|المرتبة))? (?:with|avec|مع) "
    r"(?:the |le |la |les |l')?"
)
_SHARE = _compile(
    r"\b(?:shared?|sharing|tied|ties|tying|partag\w*|ex[ -]aequo|a egalite)\b|\b[وف]?تقاسم\w*"
)
_FROM = _compile(r"\b(?:from|de|du|depuis|من)(?: the| la| le| l')? ?$")

# A country named as a comparison, not as the subject of the figure: the words right before it
# (etl.news.lexicon.COMPARED_WORDS and the rest), with a determiner or two between ("behind its
# neighbour Algeria"). Looked up word by word (sets, no regex) before each country of a sentence
# that states a figure.
_AR_AND = ("و", "ف")  # Arabic "and"/"so", written on the word


def _is_arabic(word: str) -> bool:
    """Is the word written in Arabic script (its first letter)?"""
    return "\u0600" <= word[0] <= "\u06ff"


def _with_and(words: tuple[str, ...]) -> frozenset[str]:
    """Folded words, the Arabic ones also with و or ف written on them."""
    return frozenset(
        fold(p + w) for w in words for p in (("", *_AR_AND) if _is_arabic(w) else ("",))
    )


_COMPARED_WORDS = _with_and(lexicon.COMPARED_WORDS)
_MAYBE_COMPARED = _with_and(lexicon.MAYBE_COMPARED_WORDS)
_COMPARED_STEMS = tuple(fold(w) for w in lexicon.COMPARED_STEMS)
# Two words: (the first's stems, the second).
_COMPARED_PAIRS = {
    fold(second): tuple(fold(w) for w in firsts)
    for second, firsts in lexicon.COMPARED_PAIRS.items()
}
_FILLERS = frozenset(fold(w) for w in lexicon.COMPARISON_FILLERS)


# Each word above: what it may be (bits: 1 a comparison, 2 maybe one, 4 a determiner, 8 the
# second word of a pair), one look-up per word.
_WORD_KINDS: dict[str, int] = {}
for _kind, _words in (
    (1, _COMPARED_WORDS),
    (2, _MAYBE_COMPARED),
    (4, _FILLERS),
    (8, _COMPARED_PAIRS),
):
    for _word in _words:
        _WORD_KINDS[_word] = _WORD_KINDS.get(_word, 0) | _kind
_STEM_HEADS = frozenset(stem[:2] for stem in _COMPARED_STEMS)


def _is_compared(text: str, start: int, low: int, maybe: bool = True) -> bool:
    """Do the words right before ``start`` (a country's name; ``low``: its sentence's start)
    name it as a comparison? ``maybe``: with the words that may be no comparison ("after",
    :data:`_MAYBE_COMPARED`). Read word by word back from the name, no copy of the text."""
    end = start - 1 if text[start - 1] == " " else start  # "behind Egypt", "devance l'Algérie"
    for _ in range(3):  # with up to two determiners before the name
        space = text.rfind(" ", low, end)
        last = text[space + 1 : end]
        kind = _WORD_KINDS.get(last, 0)
        if kind & 1 or (kind & 2 and maybe):
            return True
        if last[:2] in _STEM_HEADS and last.startswith(_COMPARED_STEMS):
            return True
        if kind & 8 and space > low:
            first = text[text.rfind(" ", low, space) + 1 : space]
            if first.startswith(_COMPARED_PAIRS[last]):
                return True
        if not kind & 4 or space <= low:
            return False
        end = space
    return False


# A capital after "in"/"à"/"في" is where something was said, not who ("speaking in Rabat", "في
# الرباط").
_CAPITALS = frozenset(fold(w) for w in lexicon.CAPITALS)
_AT_PLACE = frozenset(fold(w) for w in lexicon.PLACE_PREPOSITIONS)
# Two countries of one comparison: "behind Saudi Arabia and the UAE", "derrière l'Arabie saoudite
# et les Émirats", "بعد السعودية والإمارات", "Saudi Arabia (2nd) and the UAE (5th)".
_AND_JOIN = _compile(r"(?: \([^()]{1,15}\))?,? (?:and|et|or|ou|&|و|او) ?(?:the |l'|le |la |les )?")
_COMMA_JOIN = _compile(r"(?: \([^()]{1,15}\))?, ?(?:the |l'|le |la |les )?")
# Where a comparison ends: a stop, a comma, a bracket.
_CLAUSE_BREAK = re.compile(r"[,;:()]| - | – ")
# A comparison country's own figure, right after its name: "Saudi Arabia (2nd)", "Oman at
# 97.02", "Oman with 96.04", "Oman, which scored 96.04", "عمان التي سجلت".
_OWN_FIGURE = _compile(
    r" ?\( ?$| (?:at|with|on|a|avec|sur|ب) ?$"
    r"|,? (?:which|who|qui|lequel|laquelle|التي|الذي)\b[^,;:()]*$"
)
# A relative clause between a comparison country and the figure may make it that country's
# ("behind Saudi Arabia, which scored 99.54"): who knows.
_RELATIVE = _compile(
    r"\b(?:which|who|whose|that|qui|dont|lequel|laquelle|lesquel\w*)\b"
    r"|(?:التي|الذي|الذين|اللذين|اللتين|اللذان|اللتان)\b"
)
_TO = _compile(r" (?:to|à|au|إلى|الى|حتى)(?: the| la| le| l')? ?")
# A country named in an aside on the country named before it: a relative clause ("Morocco,
# which borders Algeria, ranked 50th", "Le Maroc, qui partage une frontière avec l'Algérie",
# "المغرب، الذي يجاور الجزائر،", "عمان التي تحد الإمارات") or an apposition set off by a comma
# ("Morocco, neighbouring Algeria,", "Le Maroc, voisin de l'Algérie,", "المغرب، جار الجزائر،",
# "Morocco, Algeria's neighbour,"): the words between the two names (no number, no stop), and
# after the second.
_IN_ASIDE = _compile(
    rf",? ?(?:{_alternatives(lexicon.RELATIVE_PRONOUNS)})\b[^,;:()\d]*"
    rf"|, ?(?:[^\W\d]\S* ){{0,2}}?(?:{_alternatives(lexicon.APPOSITION_WORDS)})\b[^,;:()\d]*"
)
_NEIGHBOUR_OF = _compile(r"'s (?:\w+ )?neighbou?rs?\b")


def _in_aside(text: str, previous_end: int, start: int, end: int) -> bool:
    """Is the name at ``start:end`` in an aside on the country whose name ends at
    ``previous_end`` (:data:`_IN_ASIDE`)?"""
    return (
        _IN_ASIDE.fullmatch(text, previous_end, start) is not None
        or _NEIGHBOUR_OF.match(text, end) is not None
    )


# Countries listed, then as many figures listed in the same order with nothing but a verb
# between: "Egypt and Morocco ranked 23rd and 50th", "L'Égypte et le Maroc sont 23e et 50e": the
# figures are paired in order, as with "respectively" (:func:`listed_in_order`).
_LIST_JOIN = _compile(r",? (?:and|et|&) (?:the |l'|le |la |les )?|, (?:the |l'|le |la |les )?")
_LIST_VERB = _compile(
    r"(?: (?:ranked|rank|are|were|came|come|placed|finished|stood|occupied|occupy|took|take"
    r"|scored|score|obtained|got|reached|sont|se|classent|classes|classees|occupent|arrivent"
    r"|obtiennent|ont|obtenu|atteint|at|in|the|au|aux|les|la|le|a|الى|في"
    r"|المرتبتين|المركزين|المراتب|المراكز))* ?"
)
_FIGURE_LIST_JOIN = _compile(r",? (?:and|et|&) |, | ?و ?")


def listed_in_order(text: str, start: int, figures: list[Figure], countries: list[Hit]) -> bool:
    """Are the figures of a sentence (starting at ``start``, article positions) one list of as
    many figures of one metric as the countries listed before them, with only a verb between
    ("Egypt and Morocco ranked 23rd and 50th", "احتلت مصر والمغرب المرتبتين 23 و50"): the
    figures go to the countries in order, as with "respectively"? Not a range ("between 23rd
    and 50th"), nor with countries named elsewhere, nor ranks of different scopes ("3rd and 5th
    in the Arab world": the first is read as a world rank)."""
    count = len(figures)
    first, last = start + figures[0].start, countries[-1]
    if (
        len(countries) != count
        or last.end > first
        or len({c.key for c in countries}) != count
        or len({(f.metric, f.scope) for f in figures}) != 1
    ):
        return False
    for before, after in zip(countries, countries[1:], strict=False):
        join = text[before.end : after.start]
        if not (_LIST_JOIN.fullmatch(join) or (join == " " and text[after.start] == "و")):
            return False
    if not _LIST_VERB.fullmatch(text, last.end, first):
        return False
    return all(
        _FIGURE_LIST_JOIN.fullmatch(text, start + a.end, start + b.start)
        for a, b in zip(figures, figures[1:], strict=False)
    )


def one_scope_per_list(sentence: str, figures: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """Ranks listed with only "and" or a comma between, whose scopes differ ("Oman and Morocco
    ranked 3rd and 5th respectively in the Arab world": the scope after the list is read as the
    last rank's only): (the figures with one scope per list, the scope named before or after
    it, for a list paired with as many countries; the figures without those lists, for a
    sentence that does not pair them: whose and where would be a guess). A list with two scopes
    named ("globally 3rd and 5th in the Arab world") is in neither."""
    runs: list[list[int]] = []
    for i in range(1, len(figures)):
        a, b = figures[i - 1], figures[i]
        if (
            a[0] == b[0] == "rank"
            and a[7] == b[7] == "eq"
            and (
                _FIGURE_LIST_JOIN.fullmatch(sentence, a[3], b[2])
                or (b[2] - a[3] == 1 and sentence.startswith(" و", a[3]))  # "الثالثة والسابعة"
            )
        ):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i - 1, i])
    scoped, unlisted = list(figures), list(figures)
    dropped: set[int] = set()
    for run in runs:
        scopes = {figures[i][6] for i in run}
        if len(scopes) < 2:
            continue
        dropped.update(run)
        named = scopes - {"world"}
        if len(named) != 1 or _world_named_before(sentence, figures[run[0]][2]):
            for i in run:
                scoped[i] = None
            continue
        scope = named.pop()
        for i in run:
            scoped[i] = figures[i]._replace(scope=scope)
    return (
        [f for f in scoped if f is not None],
        [f for i, f in enumerate(unlisted) if i not in dropped],
    )


def _world_named_before(sentence: str, at: int) -> bool:
    """Is the world named as a scope just before ``at`` ("ranked globally 3rd and 5th"; not the
    "world" of "the Arab world")?"""
    previous = None
    for match in RANKED_SCOPE.finditer(sentence, max(0, at - 40), at):
        if match.lastgroup == "world" and not (
            previous is not None
            and previous.lastgroup == "arab"
            and match.start() - previous.end() <= 1
        ):
            return True
        previous = match
    return False


def says_respectively(sentence: str) -> bool:
    """Does the sentence say "respectively" ("respectivement", "على التوالي", "على الترتيب")?"""
    if "respectiv" in sentence or _IN_ORDER in sentence:
        return True
    at = sentence.find(_IN_TURN)
    return at >= 0 and _IN_A_ROW.search(sentence, max(0, at - 30), at) is None


# "Today", "now": the sentence states the present standing, not that of the year another
# sentence of the article gives ("En 2018, le Maroc était 93e du GCI. Aujourd'hui, il affiche
# 97,5 points au GCI": not GCI 2018).
_NOW = _compile(
    rf"\b(?:{_alternatives(w for w in lexicon.NOW_WORDS if not _is_arabic(w))})\b"
    rf"|(?<!\w)[وف]?(?:{_alternatives(w for w in lexicon.NOW_WORDS if _is_arabic(w))})(?!\w)"
)


def says_now(sentence: str) -> bool:
    """Does the sentence say it states the present ("today", "aujourd'hui", "حاليا")?"""
    return _NOW.search(sentence) is not None


def nearest(hits: list[Hit], position: int, before_first: bool) -> Hit | None:
    """The hit nearest a position, preferring those before it when ``before_first``."""
    if before_first:
        before = [h for h in hits if h.end <= position]
        if before:
            return before[-1]
    return min(hits, key=lambda h: abs(h.start - position), default=None)


# Where a clause ends, for the index of a figure: a stop, a comma (not a decimal comma), a
# bracket, "while", "and", "et", "tandis que", "بينما", "وفي".
_CLAUSE_END = _compile(rf"[;:()]|,(?!\d)| (?:{_alternatives(lexicon.CLAUSE_JOINS)})\b")
_START, _END = itemgetter(0), itemgetter(1)  # a span's


# A sentence opening with where its figures are from: "In the GCI 2020, ...", "Dans l'indice
# ..., ", "Selon ...", "According to ...", "في المؤشر ...، ".
_OPENING = _compile(r" *(?:in|dans|selon|according to|d'apres|au|en|في|حسب|وفق|وفقا ل)\b")


def clause_ends(sentence: str) -> list[tuple[int, int]]:
    """Where the clauses of a sentence end (spans), as :func:`index_of_figure` reads them: found
    once for all the figures of a sentence."""
    return [m.span() for m in _CLAUSE_END.finditer(sentence)]


def index_of_figure(
    sentence: str,
    figure: Figure,
    indices: list[Hit],
    start: int,
    ends: list[tuple[int, int]] | None = None,
) -> Hit | None:
    """The index a figure goes to in a sentence naming several: the nearest named in the
    figure's own clause ("Le Maroc est 101e de l'EGDI 2022, tandis qu'il est 50e dans l'indice
    mondial de cybersécurité 2020"), else the one the sentence opens with, when the figure's
    clause comes right after ("Dans l'indice mondial de cybersécurité 2020 de l'UIT, le Maroc
    est 50e et dans l'EGDI 2022 101e": the 50e is the GCI's); else no claim (None): nothing ties
    the figure to one. ``ends``: the sentence's :func:`clause_ends`, if found already."""
    if ends is None:
        ends = clause_ends(sentence)
    breaks = bisect_right(ends, figure.start, key=_END)  # the clause ends before the figure
    low = ends[breaks - 1][1] if breaks else 0
    after = bisect_left(ends, figure.end, key=_START)  # the first after it
    high = ends[after][0] if after < len(ends) else len(sentence)
    inside = [h for h in indices if low <= h.start - start and h.end - start <= high]
    if inside:
        return nearest(inside, start + figure.start, before_first=False)
    if breaks == 1 and _OPENING.match(sentence):
        opening = [h for h in indices if h.end - start <= low]
        if len(opening) == 1:
            return opening[0]
    return None


def _is_context_year(sentence: str, at: int) -> bool:
    """Is the year at ``at`` a date or a comparison ("June 29th, 2021", "compared with 2018")?"""
    return _CONTEXT_YEAR.search(sentence, max(0, at - 32), at) is not None


def article_years(article: Article, hits: list[Hit]) -> dict[str, set[int]]:
    """Index id -> years given by the sentences that name it (to date a claim whose sentence
    doesn't), dates and comparisons left out, and a year attached to another index's mention
    ("the GCI 2020 and the EGDI" gives the EGDI no year)."""
    by_sentence: dict[int, list[Hit]] = {}
    for hit in hits:
        if hit.kind == "index":
            by_sentence.setdefault(article.sentence_index(hit.start), []).append(hit)
    years: dict[str, set[int]] = {}
    for number, mentions in by_sentence.items():
        start, end = article.sentence_span(number)
        sentence = article.text[start:end]
        usable = [(y, at) for y, at in find_years(sentence) if not _is_context_year(sentence, at)]
        spans = [(h.start - start, h.end - start, h.key) for h in mentions]
        attached = _index_years(sentence, usable, spans) if len(spans) > 1 else [None]
        keys = {key for _, _, key in spans}
        for y, at in usable:
            owners = {spans[k][2] for k, year in enumerate(attached) if year and year[1] == at}
            for key in owners or keys:
                years.setdefault(key, set()).add(y)
        for key in keys:
            years.setdefault(key, set())
    return years


def _joins(gap: str, words: frozenset[str]) -> bool:
    """Do a few of ``words`` (no digit, stop, comma or other mention) join an index to a year?"""
    if len(gap) > 40 or _GAP_BREAK.search(gap):
        return False
    found = _GAP_WORD.findall(gap)
    return len(found) <= 6 and all(w in words for w in found)


def _index_years(
    sentence: str, years: list[tuple[int, int]], spans: list[tuple[int, int, str]]
) -> list[tuple[int, int] | None]:
    """Per index mention (sentence span): the (year, position) attached to it, if any, the
    nearer of the one right after it and the one right before it."""
    attached: list[tuple[int, int] | None] = []
    for a, b, _ in spans:
        after = next(((y, at) for y, at in years if at >= b), None)
        before = next(((y, at) for y, at in reversed(years) if at + 4 <= a), None)
        best, gap = None, 99
        if after and _joins(sentence[b : after[1]], _AFTER_INDEX_WORDS):
            best, gap = after, after[1] - b
        if (
            before
            and a - before[1] - 4 < gap
            and _joins(sentence[before[1] + 4 : a], _BEFORE_INDEX_WORDS)
        ):
            best = before
        attached.append(best)
    return attached


def _year_before(
    sentence: str, figure: Figure, years: list[tuple[int, int]], spans: list[tuple[int, int, str]]
) -> tuple[int, int] | None:
    """The year directly before a figure ("in 2018, Morocco ranked 93rd"): a few words, no other
    year, number, index or stop between (a comma only right after the year)."""
    k = next((k for k in range(len(years) - 1, -1, -1) if years[k][1] + 4 <= figure.start), -1)
    if k < 0:
        return None
    before = years[k]
    if k and _YEAR_LIST.fullmatch(sentence, years[k - 1][1] + 4, before[1]):
        return None  # "in 2018 and 2020, Morocco ranked 93rd and 50th": which one?
    gap = sentence[before[1] + 4 : figure.start].strip()
    if gap.startswith(","):
        gap = gap[1:]
    if "," in gap or _BEFORE_FIGURE_BREAK.search(gap) or len(gap.split()) > 5:
        return None
    if any(before[1] < a < figure.start for a, _, _ in spans):
        return None
    return before


def _groups(figures: list[Figure]) -> dict[str, list[int]]:
    """Figure numbers by metric, in sentence order."""
    groups: dict[str, list[int]] = {}
    for i, figure in enumerate(figures):
        groups.setdefault(figure.metric, []).append(i)
    return groups


def editions(
    sentence: str,
    figures: list[Figure],
    years: list[tuple[int, int]],
    spans: list[tuple[int, int, str]],
    index_of: list[int],
    respectively: bool,
) -> list[int | None]:
    """The edition of each figure (see the module's rules): a year, ``None`` (undated: the
    article's years decide) or ``NO_CLAIM``. ``spans`` are the index mentions (sentence
    positions), ``index_of`` the mention each figure goes to."""
    count = len(figures)
    usable = [(y, at) for y, at in years if not _is_context_year(sentence, at)]
    if not usable:
        return [None] * count
    if count == 1 and len(usable) == 1 and len({key for _, _, key in spans}) == 1:
        return [usable[0][0]]  # every rule gives that year
    # Rule 1: a year right after its figure, not the first of a list of years ("93rd and 50th
    # in 2018 and 2020": which is whose?).
    own: list[tuple[int, int] | None] = []
    for figure in figures:
        k = next((k for k, (_, at) in enumerate(usable) if at >= figure.end), -1)
        joined = k >= 0 and FIGURE_YEAR_GAP.fullmatch(sentence, figure.end, usable[k][1])
        if joined and k + 1 < len(usable):
            joined = not _YEAR_LIST.fullmatch(sentence, usable[k][1] + 4, usable[k + 1][1])
        own.append(usable[k] if joined else None)
    owned = {year[1] for year in own if year}
    # Rule 2: the index's year, or one right before the figure.
    free_years = [(y, at) for y, at in usable if at not in owned]
    of_index = _index_years(sentence, free_years, spans)
    # A year attached to a mention of another index dates that index, not the figure ("Oman,
    # 21st in the GCI 2020, ranks 41st in the EGDI": not EGDI 2020).
    other_index = [
        {year[1] for k, year in enumerate(of_index) if year and spans[k][2] != spans[own_k][2]}
        if own_k >= 0
        else set()
        for own_k in index_of
    ]
    before = [
        None
        if own[i]
        else _year_before(
            sentence, figure, [y for y in free_years if y[1] not in other_index[i]], spans
        )
        for i, figure in enumerate(figures)
    ]
    editions: list[int | None] = []
    for i, figure in enumerate(figures):
        if own[i]:
            editions.append(own[i][0])
            continue
        if _starts_a_change(sentence, figures, i):
            editions.append(NO_CLAIM)
            continue
        index_year, index_after = _year_of_index(spans, of_index, index_of[i], figure)
        year = before[i]
        if year and index_year and index_after:
            year = index_year
        elif not year:
            year = index_year
        if year:
            editions.append(year[0])
            continue
        # Rule 3: the one year left.
        left = [
            y
            for y, at in usable
            if all(at != attached[1] for attached in of_index if attached)
            and all(not (b and b[1] == at and j > i) for j, b in enumerate(before))
            and all(
                not (o and o[1] == at and figures[j].metric == figure.metric)
                for j, o in enumerate(own)
            )
        ]
        if not left and other_index[i] and all(at in other_index[i] for _, at in usable):
            editions.append(None)  # every year dates another index: undated, as with none
            continue
        editions.append(left[0] if len(left) == 1 else NO_CLAIM)
    if respectively:
        _pair_years(editions, figures, usable, of_index)
    return editions


def _year_of_index(
    spans: list[tuple[int, int, str]],
    of_index: list[tuple[int, int] | None],
    own: int,
    figure: Figure,
) -> tuple[tuple[int, int] | None, bool]:
    """The year attached to the figure's index mention (else to the nearest mention of that index
    that has one), and whether that mention comes after the figure."""
    if own < 0:  # no mention of the figure's index in this sentence
        return None, False
    chosen = own if of_index[own] else None
    if chosen is None:
        near = [
            (abs(spans[k][0] - figure.start), k)
            for k, year in enumerate(of_index)
            if year and spans[k][2] == spans[own][2]
        ]
        chosen = min(near)[1] if near else None
    if chosen is None:
        return None, False
    return of_index[chosen], spans[chosen][0] >= figure.end


def _starts_a_change(sentence: str, figures: list[Figure], i: int) -> bool:
    """Is figure ``i`` the first of "from X to Y" (same metric): a value the index's year is not?"""
    if i + 1 >= len(figures):
        return False
    figure, following = figures[i], figures[i + 1]
    return (
        following.metric == figure.metric
        and _TO.fullmatch(sentence, figure.end, following.start) is not None
        and _FROM.search(sentence, max(0, figure.start - 14), figure.start) is not None
    )


def _pair_years(
    editions: list[int | None],
    figures: list[Figure],
    usable: list[tuple[int, int]],
    of_index: list[tuple[int, int] | None],
) -> None:
    """ "93rd and 50th in 2018 and 2020 respectively": the years not attached to an index, paired
    in order with the figures of one metric when as many; several but not as many: no claim."""
    attached = {year[1] for year in of_index if year}
    listed = [y for y, at in usable if at not in attached]
    if len(listed) < 2:
        return
    for group in _groups(figures).values():
        if len(group) < 2:
            continue
        for k, i in enumerate(group):
            editions[i] = listed[k] if len(listed) == len(group) else NO_CLAIM


def _named_after(text: str, end: int, after: Hit) -> bool:
    """Is the country named next after a figure ending at ``end`` (article position) attributed
    it: "82.41 for Morocco", "82,41 pour le Maroc", "82.41 نقطة للمغرب" (ل on the name)?"""
    gap = text[end : after.start]
    if gap != " ":
        return _FOR_COUNTRY.fullmatch(gap) is not None
    name = text[after.start : after.end]
    bare = name[1:] if name.startswith("ل") else name[2:] if name.startswith(("ول", "فل")) else ""
    return bool(bare) and (bare.startswith("ل") or bare in terms())


def _shares_with(text: str, start: int, figure: Figure, after: Hit) -> bool:
    """Is a rank shared with the country named right after it ("Saudi Arabia shared second place
    with the UK", "tied for second place with", "partage la 45e place avec la Tunisie", "تقاسمت
    السعودية المركز الثاني مع ...")? A word of sharing stands before the rank in its clause."""
    if figure.metric != "rank" or not _SHARED_WITH.fullmatch(text, start + figure.end, after.start):
        return False
    at = start + figure.start
    shares = list(_SHARE.finditer(text, max(start, at - 40), at))
    return bool(shares) and _CLAUSE_BREAK.search(text, shares[-1].end(), at) is None


def _both(text: str, first: Hit, second: Hit, figure_start: int) -> bool:
    """Are two countries named side by side "both" given the figure after them ("Le Maroc et
    Oman figurent tous deux au niveau 1", "both Morocco and Oman", "كل من المغرب وعمان")?"""
    if first.key == second.key:
        return False
    join = text[first.end : second.start]
    if not (_BOTH_JOIN.fullmatch(join) or (join == " " and text[second.start] == "و")):
        return False
    gap = text[second.end : figure_start]
    if len(gap.split()) > 6 or _BEFORE_FIGURE_BREAK.search(gap) or "," in gap:
        return False
    lead = text[max(0, first.start - 12) : first.start]
    return _BOTH.search(gap) is not None or _BOTH.search(lead + " ") is not None


COMPARED, PLACE = 1, 2  # why a country is not the subject of a figure (:func:`asides`)


def asides(text: str, countries: list[Hit], low: int) -> list[int]:
    """Per country of a sentence starting at ``low`` (article positions): ``COMPARED`` when it is named as a
    comparison ("ahead of Morocco", "qui devance l'Algérie", "متقدما على الجزائر"; with the
    countries listed with it: "behind Saudi Arabia and the UAE", "behind A, B and C"), ``PLACE``
    when a capital is named as a place ("speaking in Rabat", "في الرباط"), else 0."""
    kinds = [0] * len(countries)
    compared = False
    for i, (_, _, start, end, _) in enumerate(countries):  # (a Hit's fields: no attribute calls)
        if start - low < 2:  # opens the sentence
            continue
        if _is_compared(text, start, low) or (i and _in_aside(text, countries[i - 1][3], start, end)):
            kinds[i] = COMPARED
            compared = True
        elif _is_place(text, start, end, low):
            kinds[i] = PLACE
    if not compared:
        return kinds
    for i, kind in enumerate(kinds):
        if kind != COMPARED:
            continue
        # The countries listed with it: joined by "and", or by commas up to an "and".
        run = []
        for j in range(i + 1, len(countries)):
            join = text[countries[j - 1].end : countries[j].start]
            if _AND_JOIN.fullmatch(join) or (join == " " and text[countries[j].start] == "و"):
                run.append(j)
                for k in run:
                    kinds[k] = COMPARED
                run = []
            elif _COMMA_JOIN.fullmatch(join):
                run.append(j)
            else:
                break
    return kinds


def is_aside(text: str, country: Hit, low: int) -> bool:
    """:func:`asides` of a sentence's only country: is it named as a comparison ("ahead of
    Algeria"; not "after Morocco", which may say when) or a place?"""
    start = country[2]  # (a Hit's fields: no attribute calls)
    if start - low < 2:  # opens the sentence
        return False
    return _is_compared(text, start, low, maybe=False) or _is_place(text, start, country[3], low)


def _is_place(text: str, start: int, end: int, low: int) -> bool:
    """Is the name at ``start:end`` a capital named as a place ("in Rabat", "في الرباط",
    "بالرباط")?"""
    name = text[start:end]
    if name in _CAPITALS:
        before = start - 1 if text[start - 1] == " " else start
        return text[text.rfind(" ", low, before) + 1 : before] in _AT_PLACE
    return name[:1] == "ب" and name[1:] in _CAPITALS


def _may_be_aside(text: str, countries: list[Hit], country: Hit, low: int) -> bool:
    """Might :func:`asides` find ``country`` a comparison or a place: its own words, or listed
    after another country ("behind Saudi Arabia and the UAE")?"""
    start = country[2]
    if start - low < 2:  # opens the sentence
        return False
    if _is_compared(text, start, low) or _is_place(text, start, country[3], low):
        return True
    i = countries.index(country)
    if not i:
        return False
    join = text[countries[i - 1][3] : start]
    return bool(
        _AND_JOIN.fullmatch(join)
        or _COMMA_JOIN.fullmatch(join)
        or (join == " " and text[start] == "و")
        or _in_aside(text, countries[i - 1][3], start, country[3])
    )


def _past_comparison(text: str, country: Hit, at: int) -> bool | None:
    """A figure at ``at`` after a comparison country: True when the comparison has ended before
    it ("Morocco, which trails Egypt, ranked 50th"), None when the figure is that country's,
    right after its name ("after Saudi Arabia (2nd)", "ahead of Oman at 97.02", "trails Oman,
    which scored 96.04"), False when it may be either (inside the comparison: "بعد السعودية
    والإمارات في المرتبة الثالثة", or a relative clause further on)."""
    gap = text[country.end : at]
    if _OWN_FIGURE.match(gap):
        return None
    return _CLAUSE_BREAK.search(gap) is not None and _RELATIVE.search(gap) is None


def _subject(text: str, countries: list[Hit], kinds: list[int], at: int) -> Hit | None | bool:
    """The country a figure at ``at`` goes to by rule 4, passing over comparisons and places:
    the nearest before it (the comparison's own when bracketed after its name), else the
    nearest after it that is neither; False: no claim (unsure)."""
    last = -1
    for i, country in enumerate(countries):
        if country.end <= at:
            last = i
    if last >= 0 and kinds[last] == COMPARED:
        past = _past_comparison(text, countries[last], at)
        if past is None:
            return countries[last]
        if not past:
            return False
    for i in range(last, -1, -1):
        if not kinds[i]:
            return countries[i]
    if last >= 0:
        return False  # only comparisons and places before it: whose is it?
    return next((c for i, c in enumerate(countries) if not kinds[i]), False)


def owners(
    article: Article, start: int, figures: list[Figure], countries: list[Hit], respectively: bool
) -> list[tuple[str, ...]]:
    """The countries (iso3) of each figure of a sentence naming several; none: no claim (see the
    module's rules)."""
    text = article.text
    owners: list[tuple[str, ...]] = []
    lead = countries[0]
    # Each country's kind (:func:`asides`), read once the country a figure would go to may be a
    # comparison or a place: until then every rule below gives the same answer.
    kinds: list[int] | None = None
    aside = False
    shared: dict[int, str] = {}  # figure number -> the country it is shared with
    for i, figure in enumerate(figures):
        at = start + figure.start
        before = after = None  # the last country named before the figure, the first after it
        for country in countries:
            if country.end <= at:
                before = country
            else:
                after = country
                break
        if after is not None:
            gap = after.start - start - figure.end  # " " (Arabic ل), " for (the) ", " pour (le) "
            if (
                gap == 1 or (4 < gap < 13 and text.startswith(_FOR, start + figure.end))
            ) and _named_after(text, start + figure.end, after):
                owners.append((after.key,))
                continue
            if gap < 40 and figure[0] == "rank" and _shares_with(text, start, figure, after):
                shared[i] = after.key
        if kinds is None and _may_be_aside(text, countries, before or after, start):
            kinds = asides(text, countries, start)
            aside = any(kinds)
        if aside:  # a comparison or a place is named: pass over it
            subject = _subject(text, countries, kinds, at)
            if subject is False:
                owners.append(())
                continue
            before = subject if subject.end <= at else None
            if before is None:
                owners.append((subject.key,))
                continue
        if before is None:  # none before: the nearest ("تصدر المغرب ...")
            owners.append((nearest(countries, at, before_first=False).key,))
        elif before is not lead and _both(text, countries[countries.index(before) - 1], before, at):
            owners.append((countries[countries.index(before) - 1].key, before.key))
        else:
            owners.append((before.key,))
    for i, key in shared.items():  # "Saudi Arabia shared second place with the UK": both
        if len(owners[i]) == 1 and owners[i][0] != key:
            owners[i] = (owners[i][0], key)
    if respectively and len({c.key for c in countries}) > 1:
        paired = False
        groups = _groups(figures).values()
        for group in groups:
            if len(group) < 2:
                continue
            opening = start + figures[group[0]].start
            named = list(dict.fromkeys(c.key for c in countries if c.end <= opening))
            if len(named) != len(group):
                named = list(dict.fromkeys(c.key for c in countries))
            paired |= len(named) == len(group)
            for k, i in enumerate(group):
                owners[i] = (named[k],) if len(named) == len(group) else ()
        if not paired:  # "X and Y ranked 50th respectively" (a figure missed?): whose is it?
            for group in groups:
                if len(group) == 1:
                    owners[group[0]] = ()
    return owners
