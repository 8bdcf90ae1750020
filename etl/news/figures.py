"""Figures stated in a folded sentence: scores, ranks (also as ordinal words), tiers, years, scopes.

Works on the folded text (:func:`etl.news.normalize.fold`): lowercase, no accents, Arabic letters
unified (ة->ه, ى->ي, أ->ا), digits ASCII, ٫ -> '.'. The patterns are in
:mod:`etl.news.figure_patterns`; tier, top and rank patterns are tried only at the words
:mod:`etl.news.figure_starts` finds, and the costlier checks only when it saw their cues.

Left out, as no figure to check (a missed claim rather than a wrong one): every figure of a
clause holding a negation ("did not make it into the top 10"; the clause starts at "and" right
before it or after بل, or after a clause naming its index: "32nd in the NCSI 2022 and ..."),
the day of a date ("1er septembre"), a change ("improved by 15.09 points", "rose 15.09
points"), the previous value of a change without its own year ("up from 93rd", "passé du 93e
au 50e"), the maximum of the scale after a score ("tout près de la note maximale de 100"), and
other numbers that are not the country's level: a bound or hedge ("more than 95", "exceeded
0.85", "95 or more"), a percentile ("top 30%"), a gap or distance ("the gap between ... was
0.48 points", "2.5 points short of a perfect score"), a pillar in percent, a percentage after
a share named with what it is of ("the share of attacks blocked reached 62%"); and every
figure of a clause that states an aim ("aims to join the top 3"), a hypothesis or a question
("could reach 10th", "?"), an EGDI sub-index ("Online Services Index") or another index ("AI
Readiness Index"). Ordinals after an article are ranks only before a rank noun or scope ("le
Premier ministre" is none); a scope is not read from an outlet's name ("Gulf News") or a
country's adjective ("the first Arab country to"), and a headline list's trailing scope is
every rank's. A rank in a region the data does not rank ("first in the Middle East") keeps
that region as its scope (``middle_east``): never a world rank, it is checked as
unverifiable; one in a region left unnamed ("the region's first", "إقليميا") gives no figure.
A rank given "with" a name after a rank is in that rank's scope ("topped Africa, with Egypt
second"); a bare number listed after a rank with its own scope is a rank ("50th in the world
and 7 in Africa"). A scope opening the sentence ("In the Arab world's ranking of ...,", "على
الصعيد العربي،") is its first clause's ranks' that name none; a rank it may not reach, or one
after a region as subject ("Africa ranks third worldwide"), gives no figure; "led" after a
list of countries is no first place.
Pillar scores listed with
"respectively" go to the pillars listed after them, in order. Their words are in
:mod:`etl.news.lexicon`.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import NamedTuple

from etl.news.figure_patterns import (
    AND_AFTER_INDEX,
    BOUND_AFTER,
    CHANGE_AFTER,
    CHANGE_BEFORE,
    CHANGE_VERB_AR,
    CLAUSE_END,
    COUNTRY_NOUN_AFTER,
    COUNTRY_NOUN_BEFORE,
    DATE_AFTER,
    DATE_BEFORE,
    DAY_GROUPS,
    GAP,
    HEADLINE_LIST_GAP,
    LEAD_AFTER_LIST,
    LEAD_BEFORE_LIST,
    LISTED_RANK,
    LISTED_RANK_END,
    NAME_AS_PLACE,
    NAME_BEFORE_ORDINAL,
    NAME_LIST_GAP,
    NAMED_ORDINAL,
    NEGATION,
    NEGATION_AFTER_AND,
    NOT_A_YEAR,
    NOT_A_YEAR_CUE,
    NUMBER,
    NUMBER_BEFORE_SCOPE,
    OPENING_SCOPE_ARABIC,
    OPENING_SCOPE_LATIN,
    ORDINAL_PART,
    OUTLET,
    OVERALL_AFTER,
    PERCENT_UNITS,
    PILLAR,
    PILLAR_CUE,
    PILLAR_GAP,
    PILLAR_LIST,
    PREVIOUS_BEFORE,
    PREVIOUS_DATED,
    RANK_BY_PARTS,
    RANKED_SCOPE,
    REGION,
    REGION_SUBJECT,
    SCALE_MAXIMUM_BEFORE,
    SCOPE,
    SCOPE_CUE,
    SCOPE_PREPOSITION,
    SCORE_WORD,
    SHARE_AFTER,
    SHARE_BEFORE,
    SIGNS,
    SUBSET_BEFORE,
    SUBSET_COUNT,
    SUBSET_MAX,
    TIER_RE,
    TOP_RE,
    UNIT,
    WITH_NAME,
    YEAR,
    rank_pattern,
)
from etl.news.figure_starts import Cues, matches_at, starts_and_cues
from etl.news.ordinals import CARDINALS, ORDINALS, big_ordinal


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
_DIGITS = re.compile(r"\d+")


def _number(text: str) -> tuple[float, int]:
    """A folded number and its decimals: 97.5, 97,5 (comma as decimal point) -> 97.5, 1."""
    text = text.replace(",", ".")
    return float(text), len(text.split(".")[1]) if "." in text else 0


def _scope_near(
    scopes: re.Pattern[str],
    sentence: str,
    start: int,
    end: int,
    low: int,
    high: int,
    outlets: list[list[tuple[int, int]]],
) -> tuple[str | None, int]:
    """The scope word nearest a rank (after it first: "first in Africa", "الاول عربيا"), and
    where the scope words of the next rank may start: after the word taken if it follows the
    rank, else after the rank. Not a word of a name (an outlet: "Gulf News", "صحيفة الخليج",
    ``OUTLET``), nor a possessive that does not own the rank ("Africa's leading hub, ranked
    50th"; "Africa's 3rd" is a scope).

    Only words between the neighbouring ranks (``low``..``high``) count: in "50e, premier en
    Afrique" Africa is the scope of "premier", not of "50e"; in "21e au niveau mondial et 3e dans
    le monde arabe" "mondial" is taken by "21e". Asked only of a sentence holding a scope cue
    (without one, every rank's scope is the world); None if no word is near. ``scopes``:
    :data:`~etl.news.figure_patterns.SCOPE`, or :data:`~etl.news.figure_patterns.RANKED_SCOPE`
    if the sentence names no region the data does not rank. ``outlets``: the spans of the
    sentence's names holding a scope word, found at the first rank that needs them (empty until
    then; one scan of the sentence, not one per rank).
    """
    best: tuple[int, str, int] | None = None
    # A phrase may run past the window if it starts in it ("Arab Maghreb Union": not "Arab").
    for match in scopes.finditer(sentence, max(low, start - 40), min(high, end + 70)):
        if match.start() >= end + 45:
            break
        if not outlets:
            outlets.append([m.span() for m in OUTLET.finditer(sentence)])
        if outlets[0] and any(a <= match.start() < b for a, b in outlets[0]):
            continue  # "Gulf News", "صحيفة الخليج": a name, not a scope
        if sentence.startswith("'s", match.end()) and (
            match.start() >= end or sentence[match.end() + 2 : start].strip()
        ):
            continue  # "Africa's leading digital hub, ranked 50th", "23rd, was Africa's second"
        after = match.start() >= end
        if after and ")" in sentence[end : match.start()] and sentence[:start].rstrip().endswith("("):
            continue  # "Oman (21st) led the Arab states": the rank's brackets hold its scope
        if after and NUMBER_BEFORE_SCOPE.search(sentence, end, match.start()):
            continue  # "المرتبة 50 من بين 194 دولة و7 إفريقيا": the scope is the 7's
        if match.lastgroup == REGION:
            between = (end, match.start()) if after else (match.end(), start)
            if _names_a_scope(scopes, sentence, match) or CLAUSE_END.search(sentence, *between):
                continue  # "the Arab region": that scope's noun; "50th, a first for the region"
        if not after and _qualifies_a_country(sentence, match):
            continue  # "the first Arab country to set up a CERT, ranked 21st"
        distance = match.start() - end if after else 2 * (start - match.end()) + 1
        if best is None or distance < best[0]:
            best = (distance, match.lastgroup, match.end() if after else end)
    return (best[1], best[2]) if best else (None, end)


def _names_a_scope(scopes: re.Pattern[str], sentence: str, region: re.Match[str]) -> bool:
    """Is an unnamed region's word next to a named scope ("the Arab region", "la région MENA",
    "المنطقة العربية"), its noun?"""
    after = scopes.match(sentence, region.end() + 1)
    if after is not None and after.lastgroup != REGION:
        return True
    return any(
        m.end() + 1 == region.start() and m.lastgroup != REGION
        for m in scopes.finditer(sentence, max(0, region.start() - 40), region.start())
    )


def _opening_scope(sentence: str, scopes: re.Pattern[str]) -> tuple[str | None, int]:
    """The scope a sentence opens with, the setting of its ranks that name none ("In the Arab
    world's ranking of the GCI 2020, Oman and Morocco ranked 3rd and 7th respectively", "Dans
    le classement arabe ...,", "على الصعيد العربي،", "عربيا،"), and where its clause starts:
    (None, 0) if it opens with none or with the world's; (None, end) if with two scopes ("In
    Africa and the Arab world,": whose is which?). Not a name ("In the Gulf News report,")."""
    opening = OPENING_SCOPE_LATIN.match(sentence) or OPENING_SCOPE_ARABIC.match(sentence)
    if opening is None or opening.lastgroup == "world":
        return None, 0
    word = opening.start(opening.lastgroup)
    if any(a <= word < b for a, b in (m.span() for m in OUTLET.finditer(sentence, 0, opening.end()))):
        return None, 0
    other = next(
        (
            m
            for m in scopes.finditer(sentence, opening.end(opening.lastgroup), opening.end())
            if m.lastgroup != REGION  # "In the Arab region,": one scope
        ),
        None,
    )
    return (None if other else opening.lastgroup), opening.end()


def _qualifies_a_country(sentence: str, scope: re.Match[str]) -> bool:
    """Is a scope word an adjective of one country ("Arab country", "pays arabe", "دولة
    عربية"), not of several ("pays arabes", "Arab countries"), or of an event ("Africa Day",
    "GCC summit", "sommet arabe", "القمة الخليجية")?"""
    if COUNTRY_NOUN_AFTER.match(sentence, scope.end()):
        return True
    return not scope.group().endswith("s") and bool(
        COUNTRY_NOUN_BEFORE.search(sentence, max(0, scope.start() - 12), scope.start())
    )


def _pillar_near(sentence: str, start: int, end: int, out_of_20: bool) -> str | None:
    """The pillar named nearest a number, with no other number between ("18.12 in technical").

    A pillar named after the number counts only close by (or for an "x/20" figure), or with
    only prepositions, articles and "measures" between ("18,39 dans les mesures techniques",
    ``PILLAR_GAP``), so that "97.5, with full marks in legal measures" stays an overall score.
    """
    if OVERALL_AFTER.match(sentence, end):
        return None  # "20/20 in legal measures and 97.5 overall": the overall score
    best: tuple[int, str] | None = None
    after_limit = 40 if out_of_20 else 15
    for match in PILLAR.finditer(sentence, max(0, start - 40), min(len(sentence), end + 40)):
        before = match.end() <= start
        gap = sentence[match.end() : start] if before else sentence[end : match.start()]
        if (
            not before and len(gap) > after_limit and not PILLAR_GAP.fullmatch(gap)
        ) or NUMBER.search(gap):
            continue
        if best is None or len(gap) < best[0]:
            best = (len(gap), match.lastgroup)
    return best[1] if best else None


def figures_and_years(sentence: str) -> tuple[list[Figure], list[tuple[int, int]]]:
    """:func:`find_figures` and :func:`find_years` of one sentence: the numbers from one scan
    (the years are among them), tiers, tops and ranks tried at the words
    :func:`etl.news.figure_starts.starts` finds."""
    tier_at, top_at, rank_at, cues = starts_and_cues(sentence)
    numbers = list(NUMBER.finditer(sentence))  # starts with \d: sre skips to digits at C speed
    years = _years(sentence, numbers, cues) if numbers else []
    if not (tier_at or top_at or rank_at or numbers):
        return [], years
    figures: list[Figure] = []
    taken = bytearray(len(sentence))  # characters of the figures found so far

    for m in matches_at(TIER_RE, sentence, tier_at) if tier_at else ():
        word = m.group("w") or m.group("aw")
        value = (
            ORDINALS[word]
            if word
            else int(m.group("n") or m.group("t") or m.group("an") or m.group("d"))
        )
        figures.append(
            _new_tuple(Figure, ("tier", value, m.start(), m.end(), 0, None, "world", "eq"))
        )
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    tiers = len(figures)  # (the tops and ranks follow them)
    for m in matches_at(TOP_RE, sentence, top_at) if top_at else ():
        word = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        if not any(taken[m.start() : m.end()]):
            value = CARDINALS.get(word) or int(word)
            figures.append(
                _new_tuple(Figure, ("rank", value, m.start(), m.end(), 0, None, "world", "top"))
            )
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    end = 0
    lists: list[tuple[int, int]] = []  # a list's ranks: from the first's start to the last's end
    leads: set[int] = set()  # where the ranks read from "led", "topped", "تصدر" start
    named: set[int] = set()  # where ordinal words after a name alone start ("with Egypt second")
    for at, parts in rank_at:  # finditer of RANK, each word trying only its alternatives
        if at < end:
            continue
        m = (RANK_BY_PARTS.get(parts) or rank_pattern(parts)).match(sentence, at)
        if m is None:
            if parts & ORDINAL_PART:  # "with Egypt second": kept if a rank before says where
                m = NAMED_ORDINAL.match(sentence, at)
                if (
                    m
                    and not any(taken[at : m.end()])
                    and NAME_BEFORE_ORDINAL.search(sentence, max(0, at - 80), at)
                ):
                    end = m.end()
                    rank = ("rank", ORDINALS[m.group("w")], at, end, 0, None, "world", "eq")
                    figures.append(_new_tuple(Figure, rank))
                    taken[at:end] = b"\x01" * (end - at)
                    named.add(at)
            continue
        end = m.end()
        if figures and any(taken[at:end]):
            continue
        # One named group per alternative: n, big, h, s, w, x, lead, list, bigx, ax.
        group = m.lastgroup
        if group == "list":  # "المراتب 50 و2 و23": a rank per number, one scope for them all
            listed = [
                _new_tuple(Figure, ("rank", int(n.group()), n.start(), n.end(), 0, None, "world",
                                    "eq"))
                for n in _DIGITS.finditer(sentence, m.start(group), m.end(group))
            ]
            lists.append((listed[0].start, listed[-1].end))
            figures.extend(listed)
            taken[at:end] = b"\x01" * (end - at)
            continue
        if (
            group in DAY_GROUPS
            and (cues is None or "month" in cues)
            and _is_date(sentence, at, end)
        ):
            continue  # "1er septembre", "June 29th": a day, not a rank
        if group == "lead" and (
            LEAD_AFTER_LIST.search(sentence, max(0, at - 120), at)
            or LEAD_BEFORE_LIST.match(sentence, end)
        ):
            continue  # "Saudi Arabia and the UAE led the Arab world": no one's first place
        if group == "lead":
            leads.add(at)
        value = (
            1
            if group == "lead"
            else ORDINALS[m.group(group)]
            if group in ("w", "x")
            else big_ordinal(m.group(group))
            if group in ("big", "bigx", "ax")
            else int(m.group(group))
        )
        figures.append(_new_tuple(Figure, ("rank", value, at, end, 0, None, "world", "eq")))
        taken[at:end] = b"\x01" * (end - at)
    ranked = len(figures) > tiers  # a top or rank found
    pillars: bool | None = None  # does the sentence name a pillar? (asked at the first score)
    if numbers and (cues is None or "pillar" in cues) and _cue(sentence, cues, "pillar", PILLAR_CUE):
        pillars = True
        figures.extend(_pillar_list(sentence, taken, "respectiv" in sentence))
    for m in numbers:
        text, start = m.group(), m.start()
        if any(taken[start : m.end()]) or (len(text) == 4 and YEAR.fullmatch(text)):
            continue
        value, decimals = _number(text)
        unit = UNIT.match(sentence, m.end())
        end = unit.end() if unit else m.end()
        scored = unit or decimals or SCORE_WORD.search(sentence, max(0, start - 25), start)
        if not scored:
            continue
        unit_text = unit.group("u").replace(" ", "") if unit else None
        if sentence[start - 1 : start] in SIGNS and _signed(sentence, start):
            continue  # "+15.09": a change
        if cues is None or "change" in cues:
            if _not_a_level(sentence, start, end, unit_text):
                continue
        if not (unit or decimals) and (cues is None or "month" in cues):
            if _is_date(sentence, start, m.end()):
                continue  # "obtenu le 29 juin": a day
        if (cues is None or "maximum" in cues) and _is_scale_maximum(sentence, start, figures):
            continue  # "97,5, tout près de la note maximale de 100": the scale, not a level
        out_of_20 = bool(unit_text and unit_text.endswith("20"))
        if pillars is None:
            pillars = _cue(sentence, cues, "pillar", PILLAR_CUE)
        pillar = _pillar_near(sentence, start, end, out_of_20) if pillars else None
        if pillar and unit_text in PERCENT_UNITS:
            continue  # "100% in legal measures": pillars are out of 20, not converted
        if out_of_20 and not pillar:
            continue  # "17,94 points sur 20" with no pillar named: whose pillar? (no overall score)
        if unit_text in PERCENT_UNITS and (
            SHARE_AFTER.match(sentence, end) or _share_before(sentence, start)
        ):
            continue  # "97.5% of households", "the share of attacks blocked reached 62%"
        figure = (pillar or "score", value, start, end, decimals, unit_text, "world", "eq")
        figures.append(_new_tuple(Figure, figure))
        taken[start:end] = b"\x01" * (end - start)
    scoped = ranked and _cue(sentence, cues, "scope", SCOPE_CUE)
    scopes = SCOPE if cues is None or "region" in cues else RANKED_SCOPE
    if scoped:  # "50th in the world and 7 in Africa": the 7 is a rank too
        figures.extend(_listed_ranks(sentence, figures, taken, scopes))
    if len(figures) > 1:
        figures.sort(key=_START)
    ranks = [i for i, f in enumerate(figures) if f.metric == "rank"]
    # Ranks given "with" a name after a rank, each -> that rank ("Mauritius topped Africa, with
    # Egypt second and Morocco seventh"): its scope is theirs.
    chained: dict[int, int] = {}
    if (named or scoped) and len(ranks) > 1 and (" with " in sentence or " avec " in sentence):
        chained = _with_chains(sentence, figures, ranks, scopes)
    if named and sum(figures[i].start in named for i in chained) < len(named):
        # An ordinal word after a name, not given with a rank before it: no rank.
        figures = [f for i, f in enumerate(figures) if f.start not in named or i in chained]
        ranks = [i for i, f in enumerate(figures) if f.metric == "rank"]
        chained = _with_chains(sentence, figures, ranks, scopes) if chained else {}
    if ranks and scoped:
        if len(ranks) > 1:
            lists += _headline_lists(sentence, figures, ranks)
        if chained:
            ranks = [i for i in ranks if i not in chained]
        units = _rank_units(figures, ranks, lists) if lists else [[i] for i in ranks]
        unsure: list[int] = []  # ranks whose scope the sentence does not say for sure
        # The scope opening the sentence: its words are no rank's nearest scope, the ranks
        # naming none take it (in its first clause), or none if it names two.
        opening = _opening_scope(sentence, scopes)
        subject = None if opening[1] else REGION_SUBJECT.match(sentence)
        if subject is not None and subject.lastgroup != "world":
            # "Africa ranks third worldwide in attacks": the ranks before the first country (or
            # index) named are the region's; the region is no scope of the others ("Gulf states
            # ranked high: Oman came 21st"), which name their own or give no claim.
            named = sentence.find("   ", subject.end())
            unsure.extend(i for i in ranks if named < 0 or figures[i].start < named)
            opening = (None, subject.end())
        low = opening[1]
        said_world: set[int] = set()  # the ranks a word says are world ranks ("50th worldwide")
        outlets: list[list[tuple[int, int]]] = []  # the sentence's outlet names, once asked
        for k, unit in enumerate(units):
            high = figures[units[k + 1][0]].start if k + 1 < len(units) else len(sentence)
            start, end = figures[unit[0]].start, figures[unit[-1]].end
            # A region the data does not rank ("first in the Middle East") is kept as the
            # scope: the check says the rank is unverifiable, and it is never a world rank.
            scope, low = _scope_near(scopes, sentence, start, end, low, high, outlets)
            if scope is None:  # no scope word near the rank: the sentence's opening one, else the world
                if figures[unit[0]].start in leads:
                    unsure.extend(unit)  # "الأولى عربيا: السعودية تتصدر ...": whose lead, where?
                    continue
                scope = opening[0]
                if opening[1] and (scope is None or CLAUSE_END.search(sentence, opening[1], start)):
                    unsure.extend(unit)  # "In the Arab world, attacks rose, while ... 50th"
                    continue
                scope = scope or "world"
            elif scope == "world":
                said_world.update(figures[i].start for i in unit)
            if scope == REGION:
                unsure.extend(unit)  # "the region's first", "5th in the region": which region?
                continue
            for i in unit:
                if scope != figures[i].scope:
                    figures[i] = figures[i]._replace(scope=scope)
        for i, head in chained.items():  # "with Egypt second": in the scope of the rank before
            if head in unsure:
                unsure.append(i)
            elif figures[i].scope != figures[head].scope:
                figures[i] = figures[i]._replace(scope=figures[head].scope)
        if unsure:
            figures = [f for i, f in enumerate(figures) if i not in unsure]
    else:
        said_world = set()
    if ranks and (cues is None or "subset" in cues) and _among_a_few(sentence):
        # "5th among the 46 countries of the region": no world rank, unless a word says so.
        figures = [f for f in figures if f.metric != "rank" or f.scope != "world"
                   or f.start in said_world]
    if figures and (cues is None or "previous" in cues):
        figures = _not_previous(sentence, figures)
    if figures and (cues is None or "negation" in cues or "?" in sentence):
        figures = _not_negated(sentence, figures)  # also a question: "Le Maroc est-il 50e ?"
    return figures, years


def _with_chains(
    sentence: str, figures: list[Figure], ranks: list[int], scopes: re.Pattern[str]
) -> dict[int, int]:
    """The ranks given with "with" and a name after a rank, and those listed after them with a
    name (a comma or "and" between), each -> the rank before the "with" ("Mauritius topped
    Africa in the GCI 2020, with Egypt second and Morocco seventh", "avec l'Égypte 2e"): that
    rank's scope is theirs. Not across a clause ("7th in Africa, but with Tunisia 45th"), nor a
    rank that names its own scope ("with Egypt 2nd in the world")."""
    chained: dict[int, int] = {}
    for a, b in zip(ranks, ranks[1:], strict=False):
        first, second = figures[a], figures[b]
        if a in chained:
            head = chained[a]
            gap = NAME_LIST_GAP.fullmatch(sentence, first.end, second.start)
            if gap is None or "   " not in gap.group():  # ", and Morocco seventh"
                continue
        else:
            head = a
            with_name = WITH_NAME.search(sentence, first.end, second.start)
            if first.bound != "eq" or with_name is None:
                continue
            before = sentence[first.end : with_name.start()].rstrip()
            if CLAUSE_END.search(before[:-1] if before.endswith(",") else before):
                continue
        own = SCOPE_PREPOSITION.match(sentence, second.end)
        if second.bound != "eq" or scopes.match(sentence, own.end()):
            continue
        chained[b] = head
    return chained


def _share_before(sentence: str, start: int) -> bool:
    """Is the percentage at ``start`` a share or rate named before it with what it is of, in its
    clause ("بلغت نسبة الهجمات المصدودة 62%", "the share of attacks blocked reached 62%", "le
    taux d'incidents traités au Maroc")? Not a country's own ("نسبة امتثال المغرب 97.5%":
    a name right after what it is of, no preposition of place before it)."""
    # (up to the number's first digit, which "a rate of 97.5%" must see after "rate of")
    for share in SHARE_BEFORE.finditer(sentence, max(0, start - 60), start + 1):
        between = sentence[share.end() : start]
        if _DIGITS.search(between) or CLAUSE_END.search(between):
            continue
        if "   " not in between or NAME_AS_PLACE.search(between):
            return True
    return False


def _listed_ranks(
    sentence: str, figures: list[Figure], taken: bytearray, scopes: re.Pattern[str]
) -> list[Figure]:
    """Bare numbers listed after a rank, each with a scope of its own right after it: ranks, as
    "7th" would be ("50th in the world and 7 in Africa", "المرتبة 50 من بين 194 دولة و7
    إفريقيا"). Not across a clause or another name ("50th behind Egypt and 7 in Africa"), nor a
    number followed by more than its scope ("and 30 in Africa scored below 50": a count)."""
    listed: list[Figure] = []
    for figure in figures:
        if figure.metric != "rank" or figure.bound != "eq":
            continue
        end = figure.end
        while True:  # "50th worldwide, 7 in Africa, 2 in North Africa": on from each
            m = LISTED_RANK.search(sentence, end, min(len(sentence), end + 80))
            if m is None or any(taken[m.start("n") : m.end("n")]):
                break
            gap = sentence[end : m.start()]
            if "   " in gap or CLAUSE_END.search(gap):
                break
            scope = scopes.match(sentence, m.end())
            if scope is None or scope.lastgroup == REGION or not LISTED_RANK_END.match(
                sentence, scope.end()
            ):
                break
            start, end = m.span("n")
            rank = ("rank", int(m.group("n")), start, end, 0, None, "world", "eq")
            listed.append(_new_tuple(Figure, rank))
            taken[start:end] = b"\x01" * (end - start)
    return listed


def _among_a_few(sentence: str) -> bool:
    """Does the sentence rank among a few countries ("among the 46 countries of the region",
    "parmi les 46 pays évalués", "من بين 46 دولة"), fewer than any edition ranks worldwide?"""
    for m in SUBSET_COUNT.finditer(sentence):
        if int(m.group("n")) > SUBSET_MAX or not SUBSET_BEFORE.search(
            sentence, max(0, m.start() - 12), m.start()
        ):
            continue
        adjective = m.group("adjective")
        if not (adjective and SCOPE.fullmatch(adjective.strip())) and not SCOPE.match(
            sentence, m.end()
        ):
            return True
    return False


def _not_previous(sentence: str, figures: list[Figure]) -> list[Figure]:
    """The figures but the previous values of a change without their own year: "climbed to
    50th, up from 93rd" keeps 50th, "passé du 93e au 50e rang" keeps 50e, "up from 93rd in 2018"
    keeps 93rd (dated by its year)."""
    return [
        f
        for f in figures
        if PREVIOUS_BEFORE.search(sentence, max(0, f.start - 30), f.start) is None
        or PREVIOUS_DATED.match(sentence, f.end) is not None
    ]


def _is_scale_maximum(sentence: str, start: int, figures: list[Figure]) -> bool:
    """Is the number at ``start`` the maximum of the scale, after a score stated before it
    ("97,5, tout près de la note maximale de 100"; "a obtenu la note maximale de 20 en mesures
    juridiques", the sentence's only score, is a level)?"""
    return SCALE_MAXIMUM_BEFORE.search(sentence, max(0, start - 30), start) is not None and any(
        f.metric not in ("rank", "tier") for f in figures
    )


def _pillar_list(sentence: str, taken: bytearray, respectively: bool) -> list[Figure]:
    """Pillar scores listed with "respectively" before the pillars they go to, in order
    ("obtient respectivement 20, 18,12 et 20 en mesures juridiques, techniques et
    organisationnelles"). Their characters are marked ``taken``, so that a list read no other
    way gives no figure: without "respectively", or with more or fewer numbers than pillars
    ("scored 20 and 18.12 in legal, technical and organizational measures respectively": whose
    is which?), none (not a score of 20 and a legal 18.12)."""
    listed: list[Figure] = []
    for m in PILLAR_LIST.finditer(sentence):
        if any(taken[m.start() : m.end("numbers")]):
            continue
        found = list(NUMBER.finditer(sentence, m.start("numbers"), m.end("numbers")))
        named = [p.lastgroup for p in PILLAR.finditer(sentence, m.start("pillars"), m.end("pillars"))]
        if not respectively or len(found) != len(named) or len(set(named)) != len(named):
            taken[m.start() : m.end("numbers")] = b"\x01" * (m.end("numbers") - m.start())
            continue
        for number, pillar in zip(found, named, strict=True):
            value, decimals = _number(number.group())
            start, end = number.span()
            listed.append(
                _new_tuple(Figure, (pillar, value, start, end, decimals, None, "world", "eq"))
            )
            taken[start:end] = b"\x01" * (end - start)
    return listed


def _headline_lists(
    sentence: str, figures: list[Figure], ranks: list[int]
) -> list[tuple[int, int]]:
    """The spans of headline lists of ranks, each after a (blanked) name: "Saudi Arabia 1st,
    UAE 2nd, Oman 3rd in the Arab world", whose trailing scope is every rank's. Two ranks are
    of one list when only a comma or "and" and a blanked name stand between them ("50th, first
    in Africa" is no list: no name between)."""
    spans: list[tuple[int, int]] = []
    for i, j in zip(ranks, ranks[1:], strict=False):
        first, second = figures[i], figures[j]
        if HEADLINE_LIST_GAP.fullmatch(sentence, first.end, second.start):
            if spans and spans[-1][1] == first.end:
                spans[-1] = (spans[-1][0], second.end)
            else:
                spans.append((first.start, second.end))
    return spans


def _rank_units(
    figures: list[Figure], ranks: list[int], lists: list[tuple[int, int]]
) -> list[list[int]]:
    """The ranks (their numbers in ``figures``) that take one scope: each alone, the ranks of
    one list together ("المراتب 1 و3 و4 عربيا": three Arab ranks)."""
    units: list[list[int]] = []
    for i in ranks:
        f = figures[i]
        span = next(((a, b) for a, b in lists if a <= f.start < b), None)
        if units and span is not None and span[0] <= figures[units[-1][0]].start < span[1]:
            units[-1].append(i)
        else:
            units.append([i])
    return units


def _not_negated(sentence: str, figures: list[Figure]) -> list[Figure]:
    """The figures outside every clause that holds a negation ("did not make it into the top
    10, ranking 50th" keeps 50th): a negated statement is not one to check. A negation after
    "and" ("ranked 50th and did not make the top five", "ولم") opens its clause."""
    clauses = []
    for negation in NEGATION.finditer(sentence):
        start = 0
        at = negation.start()
        for boundary in CLAUSE_END.finditer(sentence, 0, at):
            start = boundary.end()
        joined = NEGATION_AFTER_AND.search(sentence, max(start, at - 24), at)
        if joined is not None:
            start = joined.start()
        elif sentence.startswith("و", at) and at > start:
            start = at  # "ولم": "and not"
        else:
            for closed in AND_AFTER_INDEX.finditer(sentence, start, at):
                start = closed.start("and")  # "32nd in the NCSI 2022 and scored 82.41 in the GCI"
        boundary = CLAUSE_END.search(sentence, negation.end())
        clauses.append((start, boundary.start() if boundary else len(sentence)))
    if not clauses:
        return figures
    return [f for f in figures if not any(f.start < b and f.end > a for a, b in clauses)]


def _is_date(sentence: str, start: int, end: int) -> bool:
    """Is the number or ordinal at ``start:end`` the day of a month ("1er septembre", "June
    29th", "the first of June")?"""
    return bool(
        DATE_AFTER.match(sentence, end) or DATE_BEFORE.search(sentence, max(0, start - 16), start)
    )


def _signed(sentence: str, start: int) -> bool:
    """Is the number at ``start`` written with a sign ("+15.09", "(-3.2)"), not after a word or
    a digit ("2018-2020", "T-5")?"""
    at = start - 1
    return at == 0 or not sentence[at - 1].isalnum()


def _not_a_level(sentence: str, start: int, end: int, unit: str | None) -> bool:
    """Is the score at ``start:end`` (its unit ending it) a change: "improved by 15.09", "a
    progressé de 15,09 points", "بزيادة 15.09 نقطة", "ارتفع ... بـ 15.09", "a 15.09-point
    increase", "15,09 points de plus", "rose 15.09 points"; or no level for another reason: a
    bound or hedge ("more than 95", "exceeded 0.85", "95 or more", "أكثر من 95"), a percentile
    ("top 30%"), a distance ("2.5 points short of a perfect score") or a gap in its clause ("the
    gap between Morocco and Oman was 0.48 points")?"""
    before = CHANGE_BEFORE.search(sentence, max(0, start - 30), start)
    if before is not None:
        if before.group("ba") is None:
            return True
        return CHANGE_VERB_AR.search(sentence, max(0, start - 80), before.start()) is not None
    after = CHANGE_AFTER.match(sentence, end)
    if after is not None and (after.group("pt") or (unit and not unit.endswith(("100", "20")))):
        return True
    if BOUND_AFTER.match(sentence, end):  # "95 or more", "2.5 points short of a perfect score"
        return True
    gap = GAP.search(sentence, 0, start)  # "the gap between ... was 0.48 points"
    return gap is not None and CLAUSE_END.search(sentence, gap.end(), start) is None


def _cue(sentence: str, cues: Cues, kind: str, cue: re.Pattern[str]) -> bool:
    """Does the sentence hold one of the cue literals of ``kind``? Not if the automaton pass saw
    none (``cues``); else one search of them."""
    if cues is not None and kind not in cues:
        return False
    return cue.search(sentence) is not None


def _years(sentence: str, numbers: list[re.Match[str]], cues: Cues = None) -> list[tuple[int, int]]:
    """(year, position) of the years among the sentence's numbers, but not "Vision 2030".

    A ``YEAR`` match is a ``NUMBER`` match (same test before the first digit; four digits
    with no word character, nor "." or "," and a digit, after them) of a year's digits with no
    "%" after it; and the reverse."""
    years = []
    for m in numbers:
        text = m.group()
        if len(text) == 4 and YEAR.fullmatch(text) and sentence[m.end() : m.end() + 1] != "%":
            years.append((int(text), m.start()))
    if not years or not _cue(sentence, cues, "year", NOT_A_YEAR_CUE):  # no "Vision 2030"
        return years
    return [
        (year, at) for year, at in years if not NOT_A_YEAR.search(sentence, max(0, at - 30), at)
    ]


def find_figures(sentence: str) -> list[Figure]:
    """Tiers, ranks and scores stated in a folded sentence (countries and indices already blanked).

    Tier, top and rank patterns are tried only where a word can start one of their matches
    (see :func:`etl.news.figure_starts.starts`): one word scan of the sentence instead of a
    regex pass per pattern."""
    return figures_and_years(sentence)[0]


def find_years(sentence: str) -> list[tuple[int, int]]:
    """(year, position) of the edition years a folded sentence gives (not "Vision 2030")."""
    return _years(sentence, list(NUMBER.finditer(sentence)))
