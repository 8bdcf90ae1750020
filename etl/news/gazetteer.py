"""Country and index forms from CLDR and the lexicon, built once into hash tables and an automaton.

Country names come from CLDR through Babel (ar, fr, en) and pycountry (ISO2 -> ISO3, English
common and official names); :mod:`etl.news.lexicon` adds what CLDR lacks. All forms are folded
and built once into an Aho-Corasick automaton (pyahocorasick, compiled code): the scan is one
pass of it over the folded text with its non-word characters made spaces, each form keyed
between spaces so that it is found only at a word start and (when it ends with a word character)
before a word end; Python then sees only the forms found, a dozen per article, whatever the size
of the vocabulary (~13k forms).
Arabic forms are matched through clitics: و/ف, then ب/ك/ل, then ال (ل + ال is written لل); each
written variant is a key of the table, so a word with clitics is one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick
import babel
import pycountry

from etl.news import lexicon
from etl.news.normalize import fold
from etl.news.wordcut import word_cut

_ARABIC = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class Term:
    """What a folded form stands for: a country, an ambiguous or contextual word, or an index."""

    kind: str  # "country" | "ambiguous" | "contextual" | "cue" | "index" | "gci_acronym"
    key: str  # iso3, index id, or the folded form itself for ambiguous/contextual words
    case_form: str | None = None  # original spelling when the case must match (US, Chad)


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation shaped as a character trie (longest form first at every branch)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def _cldr_names() -> list[tuple[str, str]]:
    """(iso3, name) for every country CLDR names in Arabic, French and English."""
    names: list[tuple[str, str]] = []
    for language in ("ar", "fr", "en"):
        for code, name in babel.Locale.parse(language).territories.items():
            country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
            if country is not None:
                names.append((country.alpha_3, name))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                names.append((country.alpha_3, name))
    return names


@cache
def terms() -> dict[str, Term]:
    """Folded form -> term, for every form the matcher knows."""
    table: dict[str, Term] = {}

    def add(form: str, term: Term) -> None:
        key = fold(form).strip()
        if key and key not in lexicon.SKIP_NAMES:
            table.setdefault(key, term)

    # Ambiguous and contextual words first so that CLDR's عُمان does not claim the form for Oman.
    for form in lexicon.AMBIGUOUS:
        add(form, Term("ambiguous", fold(form)))
    for form in lexicon.CONTEXTUAL:
        add(form, Term("contextual", fold(form)))
    for index_id, forms in lexicon.INDEX_FORMS.items():
        for form in forms:
            add(form, Term("index", index_id))
    add(lexicon.GCI_ACRONYM, Term("gci_acronym", "itu_gci", lexicon.GCI_ACRONYM))
    for iso3, words in lexicon.AMBIGUITY_CUES.items():
        for word in words:
            add(word, Term("cue", iso3))
    for iso3, by_language in lexicon.EXTRA_FORMS.items():
        for forms in by_language.values():
            for form in forms:
                case = form if form in lexicon.CASE_SENSITIVE else None
                add(form, Term("country", iso3, case))
    for iso3, name in _cldr_names():
        add(name, Term("country", iso3, name if name in lexicon.CASE_SENSITIVE else None))
    return table


# Arabic clitics written before a word: conjunction و/ف, then preposition ب/ك/ل.
_CLITICS = ("", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")
# Before ال the preposition ل fuses with it: ل + المغرب = للمغرب.
_ARTICLES = ("ال", "وال", "فال", "بال", "كال", "وبال", "وكال", "فبال", "فكال", "لل", "ولل", "فلل")
# Nisba endings of an adjective stem in ي: مغربي، مغربية، مغربيون، مغربيين، مغربيات، مغربيتان.
_NISBA = ("", "ه", "ون", "ين", "ات", "تان", "تين")


def _arabic_variants(form: str) -> list[str]:
    """Every written form of a folded Arabic term with its clitics (and nisba endings)."""
    if form.startswith("ال"):
        return [article + form[2:] for article in _ARTICLES]
    if " " not in form and form.endswith("ي"):
        return [
            pre + stem + end for stem in (form,) for end in _NISBA for pre in _CLITICS + _ARTICLES
        ]
    if " " not in form:  # مغاربة -> المغاربة; a stray "التونس" costs nothing
        return [pre + form for pre in _CLITICS + _ARTICLES]
    return [clitic + form for clitic in _CLITICS]


@cache
def variants() -> dict[str, Term]:
    """Written folded form (with Arabic clitics) -> term: what the scan can match."""
    table: dict[str, Term] = {}
    for form, term in terms().items():
        for variant in _arabic_variants(form) if _ARABIC.search(form) else [form]:
            table.setdefault(variant, term)
    for form, term in terms().items():  # a term's own spelling beats another's clitic variant
        table[form] = term
    return table


@cache
def mention_pattern() -> re.Pattern[str]:
    """One compiled scan over every variant; word boundaries at both ends.

    Clitics are spelled out in the trie rather than as optional regex prefixes: that keeps the scan
    a single trie walk per word start, several times faster than backtracking over prefixes.
    """
    return re.compile(r"\b(" + _trie_pattern(list(variants())) + r")\b")


def term_of(match: re.Match[str]) -> Term:
    """The term behind a match of :func:`mention_pattern`."""
    return variants()[match.group(1)]


_WORD = re.compile(r"\w+")


def _is_word(ch: str) -> bool:
    """Is ``ch`` a regex word character (``\\w``: alphanumeric or underscore)?"""
    return ch.isalnum() or ch == "_"


@dataclass(frozen=True)
class Lookup:
    """The variants as hash tables: one-word forms, and multi-word forms by their first word."""

    single: dict[str, Term]
    multi: dict[str, tuple[tuple[str, Term], ...]]  # longest form first
    pairs: frozenset[tuple[str, str]]  # (first word, second word) of the multi-word forms
    starts: frozenset[str]  # every word that can start a form


@cache
def lookup() -> Lookup:
    """:func:`variants` keyed for the word scan (built once per process)."""
    single: dict[str, Term] = {}
    multi: dict[str, list[tuple[str, Term]]] = {}
    pairs: set[tuple[str, str]] = set()
    for form, term in variants().items():
        words = _WORD.findall(form)
        if not words or not form.startswith(words[0]):
            continue  # no form starts with a non-word character
        if len(words) == 1 and words[0] == form:
            single[form] = term
        else:
            multi.setdefault(words[0], []).append((form, term))
            pairs.add((words[0], words[1] if len(words) > 1 else ""))
    ordered = {k: tuple(sorted(v, key=lambda ft: -len(ft[0]))) for k, v in multi.items()}
    return Lookup(single, ordered, frozenset(pairs), frozenset(single) | frozenset(ordered))


def _positions(words: list[str], wanted: set[str]) -> list[int]:
    """Indexes of the words in ``wanted`` (``list.index`` from one to the next: C speed)."""
    found: list[int] = []
    for word in wanted:
        n = words.index(word)
        while True:
            found.append(n)
            try:
                n = words.index(word, n + 1)
            except ValueError:
                break
    return found


# What a key of the automaton stands for: the form, its term, the key's length, whether the form
# ends with a word character (its key then ends with the space after it), and whether it is only
# word characters (then the key found says it all: a cut keeps every word character).
_Entry = tuple[str, Term, int, bool, bool]


@cache
def automaton() -> ahocorasick.Automaton:
    """Every variant that starts with a word character, keyed as its word cut between spaces:
    " " + cut, and a closing " " when the form ends with a word character. A key found in
    " " + the text's cut + " " starts at a word start and ends at a word end; forms whose
    non-word characters differ but cut alike ("guinea-bissau", "guinea bissau") share a key,
    each checked against the text. (A form with a non-word character the cut does not know
    can only be in a text the scan leaves to :func:`_scan_words`.)"""
    keyed: dict[str, list[_Entry]] = {}
    for form, term in variants().items():
        cut = word_cut(form)
        if not _is_word(form[0]) or cut is None:
            continue
        ends_word = _is_word(form[-1])
        key = " " + cut + (" " if ends_word else "")
        plain = cut == form and " " not in form
        keyed.setdefault(key, []).append((form, term, len(key), ends_word, plain))
    matcher = ahocorasick.Automaton()
    for key, entries in keyed.items():
        matcher.add_word(key, tuple(entries))
    matcher.make_automaton()
    return matcher


def scan(text: str) -> list[tuple[Term, int, int]]:
    """(term, start, end) of every form in a folded text, as ``\\b(form)\\b`` scanned left to
    right would find them: at each word start the longest form ending at a word boundary, then
    on after its end.

    One pass of the :func:`automaton` over the text's word cut (compiled code); only the forms
    found there are looked at: the longest at each start, checked against the text where its
    key does not say it all (non-word characters; a form ending with one needs a word after)."""
    cut = word_cut(text)
    if cut is None:
        return _scan_words(text)
    longest: dict[int, tuple[int, Term]] = {}  # start -> (end, term)
    size = len(text)
    for last, entries in automaton().iter(" " + cut + " "):
        for form, term, key_size, ends_word, plain in entries:
            start = last - key_size + 1  # the key's opening space stands for the character before
            end = start + len(form)
            if not plain:
                if not text.startswith(form, start):
                    continue
                if not ends_word and not (end < size and _is_word(text[end])):
                    continue
            found = longest.get(start)
            if found is None or found[0] < end:
                longest[start] = (end, term)
    result: list[tuple[Term, int, int]] = []
    last_end = 0
    for start in sorted(longest):
        if start >= last_end:  # not inside the previous form
            end, term = longest[start]
            result.append((term, start, end))
            last_end = end
    return result


def _form_at(text: str, i: int, word: str, multi: dict, single: dict) -> tuple[Term | None, int]:
    """(term, end) of the longest form starting with ``word`` at ``i`` that ends at a word
    boundary, else of ``word`` alone (``term`` None when it is no one-word form)."""
    size = len(text)
    for form, candidate in multi.get(word, ()):
        if text.startswith(form, i):
            end = i + len(form)
            nxt = text[end] if end < size else " "
            if _is_word(form[-1]) != (nxt.isalnum() or nxt == "_"):
                return candidate, end
    return single.get(word), i + len(word)


def _scan_words(text: str) -> list[tuple[Term, int, int]]:
    """:func:`scan` of a text with non-word characters :func:`_word_parts` does not know.

    One ``\\w+`` split; a word is looked at only if it is a one-word form or its next word
    continues a multi-word form (a set lookup each); only those are located in the text (the
    k-th occurrence of a word in the split is its k-th whole-word occurrence in the text)."""
    table = lookup()
    starts, single, multi, pairs = table.starts, table.single, table.multi, table.pairs
    words = _WORD.findall(text)
    present = starts.intersection(words)  # C speed: most words start no form
    if not present:
        return []
    candidates = sorted(_positions(words, present))
    last = len(words) - 1
    size = len(text)
    found: list[tuple[Term, int, int]] = []
    previous, position, last_end = -1, 0, 0  # the last word located, where it ends
    for n in candidates:
        word = words[n]
        if (
            word not in single
            and (word, words[n + 1] if n < last else "") not in pairs
            and ((word, "") not in pairs)
        ):
            continue
        # Whole-word occurrences of this word skipped since the last one located come first.
        skip = words[previous + 1 : n].count(word) if n - previous > 1 else 0
        width = len(word)
        i = position
        while True:
            i = text.find(word, i)
            before = text[i - 1] if i else " "
            after = text[i + width] if i + width < size else " "
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                if not skip:
                    break
                skip -= 1
            i += 1
        previous, position = n, i + width
        if i < last_end:  # inside the previous match
            continue
        term, end = _form_at(text, i, word, multi, single)
        if term is not None:
            found.append((term, i, end))
            last_end = end
    return found
