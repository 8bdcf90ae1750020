"""Hostile article text is read in work linear in its length: a feed item made of one ambiguous
name and its cue, or of one acronym, repeated (the worst a mention resolver meets) costs twice
the work at twice the length, as the schema's 200,000-character cap needs (etl.schemas).

Work is counted, not timed (the machines are shared and noisy): Python calls made, and the
scans of the whole text for a cue."""

from __future__ import annotations

import sys

import pytest

from etl.news import extract_mentions, mentions
from etl.news.reading import read_article

# Before the fix, on a quiet machine: 12 KB of the first took some 15 s (cubic), of the second
# some 25 s, 40 KB of the third some 20 s (quadratic), 200 KB of the fourth some 3 s.
WORST_CASES = [
    pytest.param("Oman sultanate ", id="oman-and-its-cue"),
    pytest.param("Amman Omani ", id="amman-and-a-cue"),
    pytest.param("Maroc le Royaume ", id="kingdom-after-a-name"),
]
SIZE = 3_000  # characters; the text at twice this size must cost at most GROWTH times as much
GROWTH = 2.5


def _calls(text: str) -> int:
    """The Python calls (generator steps included) reading ``text`` makes."""
    count = 0

    def profile(frame, event, arg):  # noqa: ANN001, ARG001 - sys.setprofile's signature
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        read_article(text, None)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("unit", WORST_CASES)
def test_repeated_names_and_cues_are_read_in_linear_work(unit):
    """Twice the text of ``unit`` repeated costs about twice the calls (quadratic: four times)."""
    read_article(unit * 10, None)  # warm: the lexicon's patterns are built on first use
    small, large = (_calls(unit * (size // len(unit))) for size in (SIZE, 2 * SIZE))
    assert large <= GROWTH * small, (small, large)


def test_many_gci_acronyms_scan_the_whole_text_at_most_twice(monkeypatch):
    """A "GCI" its sentence does not settle is settled by the whole text's cues, scanned once
    for the article, not once per "GCI" (a scan per acronym was quadratic)."""
    scans = []
    has_cue = mentions._has_cue

    def counted(text, words, start=0, end=None):  # noqa: ANN001, ANN202
        if end is None:
            scans.append(words)
        return has_cue(text, words, start, end)

    monkeypatch.setattr(mentions, "_has_cue", counted)
    read_article("GCI " * 2_000, None)
    assert len(scans) <= 2


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Amman Omani. Amman.", {"OMN": 2, "JOR": 1}, id="cue-in-first-sentence-only"),
    pytest.param("Hashemite Amman Omani sultanate Amman", {"OMN": 3, "JOR": None},
                 id="nearest-cue-wins"),
    pytest.param("عمان. سلطنة. الهاشمية. الهاشمية", {"JOR": 1, "OMN": None},
                 id="ar-most-cued-key"),
])
def test_cues_still_settle_ambiguous_names(text, expected):
    """The nearest cue in the sentence, else (Arabic) the key most cued in the text, decides."""
    found = {c.iso3: c.count for c in extract_mentions(text).countries}
    assert {k: found.get(k) for k in expected} == expected


def test_gci_acronym_follows_its_sentence_then_the_text():
    """A "GCI" is ITU's by its own sentence's cues first; the answer is kept per sentence."""
    text = "GCI cyber. GCI competitiveness. GCI alone."
    assert {i.id: i.count for i in extract_mentions(text, "en").indices} == {"itu_gci": 1}
