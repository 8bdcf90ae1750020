"""Figure patterns tried only at the words that can start them find what a full regex scan finds,
and the automaton pass reports every cue kind a sentence holds."""

import random
import re

import pytest

from etl.news import figure_patterns, figure_starts, figures, ordinals
from etl.news.normalize import fold

SENTENCES = [
    "morocco ranked 50th in the index, 2nd in africa and first among arab states",
    "le maroc est classe 50e, au premier rang en afrique, n° 3 du golfe et no. 4 ailleurs",
    "oman leads the gcc; tunisia topped africa and qatar was leading en tete du classement",
    "tier 1, niveau 2, level 3, categorie 4, t5, the second tier and the first level",
    "au 1er niveau, 1st tier, 2e categorie, 3eme niveau, 5th tier, 6e niveau and 1 er niveau",
    "among the top five, top-10 and parmi les 5 premiers, ضمن افضل 10 دول",
    "scored 97.5%, 18,12 sur 20, 83.65 points, 0.868 out of 100 and note 15/20",
    "rank 5 of 194 in the 2020 edition, 2024 report, vision 2030 and plan 2040",
    "ranked first, rang: 7, position no 8, placed 9th, classee 10eme, 3 e",
    fold("احتل المغرب المرتبة 50 عالميا وتصدر الدول الإفريقية وجاء الأول عربيا"),
    fold("صنف ضمن الفئة الأولى وبالصدارة في المستوى 2 والمركز الثالث في 2024"),
    fold("حصل على ٩٧٫٥ نقطة و83 بالمئة في رؤية 2030 واستراتيجية 2025"),
    fold("الثالثة عربيا والمرتبة 21 عالميا وبالمركز 5 والخمسين عالميا والحادية والعشرين عربيا"),
]


def _generated(count: int) -> list[str]:
    """Sentences made of the patterns' own words, numbers and separators (seeded, reproducible)."""
    rng = random.Random(8)
    words = [*ordinals.ORDINALS, *ordinals.CARDINALS]
    words += (
        "tier niveau level categorie t1 t3 t6 tiers top top-5 parmi les premiers ضمن بين افضل "
        "اول الاوائل دول الاولي rank ranked ranking rang classe classee place placed position "
        "المرتبه المركز الرتبه مرتبه مركز de du at of : no. no n° n the la le au in en among "
        "عربيا افريقيا عالميا في lead leads led tops topped en tete domine تصدر وتصدر يتصدر "
        "صداره بالصداره st nd th eme ieme er e edition report النسخه score note obtenu نقطه % "
        "points /100 sur 20 vision plan strategie رؤيه خطه africa arab gcc world legal technique "
        "المراتب المراكز المرتبتين مراكز و rangs cent centre dix quatre vingt vingts et "
        "والمرتبه بالمرتبه وبالمرتبه فالمرتبه والمركز بالمركز وبالمركز والرتبه والخمسين والحاديه "
        "والعشرين"
    ).split()
    words += list(ordinals.BIG_ORDINAL_PARTS) + list(ordinals.BIG_ORD_LATIN_STARTS)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(3, 16)):
            if rng.random() < 0.3:
                parts.append(rng.choice(["2020", "1999", "2030", str(rng.randrange(200)), "97.5"]))
            else:
                parts.append(rng.choice(words))
        out.append("".join(p + rng.choice([" ", " ", ", ", "-", "\n", ""]) for p in parts))
    return out


CORPUS = SENTENCES + _generated(3000)


def _anchored(pattern: re.Pattern[str], sentence: str, starts: list[int]) -> list[tuple[int, int]]:
    return [m.span() for m in figure_starts.matches_at(pattern, sentence, starts)]


def _full(pattern: re.Pattern[str], sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(sentence)]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_named_sentences_give_figures(sentence):
    """Each hand-written sentence states at least one figure (the corpus is not empty talk)."""
    assert figures.find_figures(sentence)


def test_patterns_start_only_at_the_words_listed():
    """Tier and top patterns tried at their listed words match what finditer finds."""
    for sentence in CORPUS:
        tier, top, _ = figure_starts.starts(sentence)
        for pattern, starts in ((figure_patterns.TIER_RE, tier), (figure_patterns.TOP_RE, top)):
            assert _anchored(pattern, sentence, starts) == _full(pattern, sentence)


def test_automaton_starts_are_the_word_by_word_starts():
    """The words the automaton finds give the tier and top starts of a word-by-word scan, and
    the same rank matches (it leaves out digits no ordinal suffix follows)."""

    def ranks(sentence, starts):
        found, end = [], 0
        for at, parts in starts:
            if at >= end:
                m = figure_patterns.rank_pattern(parts).match(sentence, at)
                if m is not None:
                    found.append((m.span(), m.lastgroup))
                    end = m.end()
        return found

    for sentence in CORPUS + [s.replace(" ", " \u2028 ") for s in SENTENCES]:
        tier, top, rank = figure_starts.starts(sentence)
        by_words = figure_starts.starts_by_words(sentence)
        assert (tier, top) == by_words[:2]
        assert ranks(sentence, rank) == ranks(sentence, by_words[2])


def test_rank_alternatives_chosen_per_word_match_the_full_pattern():
    """Each word trying only the rank alternatives it can start gives finditer's matches."""
    for sentence in CORPUS:
        found, end = [], 0
        for at, parts in figure_starts.starts(sentence)[2]:
            if at >= end:
                m = figure_patterns.rank_pattern(parts).match(sentence, at)
                if m is not None:
                    found.append((m.span(), m.lastgroup))
                    end = m.end()
        assert found == [(m.span(), m.lastgroup) for m in figure_patterns.RANK.finditer(sentence)]


def test_automaton_sees_every_cue_the_cue_searches_find():
    """A cue literal in a sentence is among the kinds the automaton pass reports for it (so a
    kind it does not report needs no search)."""
    searches = {
        "scope": figure_patterns.SCOPE_CUE,
        "pillar": figure_patterns.PILLAR_CUE,
        "year": figure_patterns.NOT_A_YEAR_CUE,
    }
    extra = ["au sein du مجلس التعاون", "strategie 2030, juridique", "vision-2030 capacites"]
    reported = set()  # the kinds checked against a list of cues the automaton gave
    for sentence in CORPUS + extra:
        cues = figure_starts.starts_and_cues(sentence)[3]
        for kind, search in searches.items():
            if search.search(sentence):
                assert cues is None or kind in cues, (kind, sentence)
                if cues is not None:
                    reported.add(kind)
    assert reported == set(searches)
