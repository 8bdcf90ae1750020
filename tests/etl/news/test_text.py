"""Where sentences begin: not after an abbreviation ("U.N.", "M. Benali", "Dr.", "No. 2"), so a
claim sentence holding one is read whole; a stop after any other word still ends its sentence."""

import random

import pytest

from etl.news.claims import extract_claims
from etl.news.text import Article, same_sentence


def sentences(text):
    article = Article(text, "en")
    return [
        article.text[slice(*article.sentence_span(i))].strip()
        for i in range(len(article.sentence_starts))
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param(
            "Morocco ranked 90th in the U.N. E-Government Development Index.", 1, id="U.N."
        ),
        pytest.param("The U.S. and the U.K. (and the E.U.) rank first.", 1, id="dotted-acronyms"),
        pytest.param("Le Maroc, a indiqué M. Benali, est 50e.", 1, id="M."),
        pytest.param("Dr. Al-Harthy and Mme. Alaoui spoke.", 1, id="titles"),
        pytest.param("Oman No. 2 at Arab level.", 1, id="No.-before-a-number"),
        pytest.param("Was it first? No. It was 50th.", 3, id="No.-alone-ends-a-sentence"),
        pytest.param("Le Maroc est 50e. Oman est 21e.", 2, id="a-word-ends-a-sentence"),
        pytest.param("Rank: 50. Score: 82.41. Done", 3, id="a-number-ends-a-sentence"),
        pytest.param("It rose (a lot). Then it fell.", 2, id="a-bracket-ends-a-sentence"),
        pytest.param("Morocco was 93rd.\nM. Benali said so.", 2, id="a-line-break-ends-one"),
    ],
)
def test_sentences_are_not_cut_at_abbreviations(text, count):
    assert len(sentences(text)) == count, sentences(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Morocco ranked 90th in the U.N. E-Government Development Index 2024.",
            [("MAR", "un_egdi", "rank", "world", 90, 2024)],
            id="E13",
        ),
        pytest.param(
            "Le Maroc, a indiqué M. Benali, occupe la 50e place de l'indice mondial de "
            "cybersécurité 2020.",
            [("MAR", "itu_gci", "rank", "world", 50, 2020)],
            id="F18",
        ),
        pytest.param(
            "Oman No. 2 at Arab level in the Global Cybersecurity Index 2018",
            [("OMN", "itu_gci", "rank", "arab", 2, 2018)],
            id="E12",
        ),
    ],
)
def test_claims_of_sentences_holding_an_abbreviation(text, expected):
    claims = extract_claims(text)
    assert [(c.iso3, c.index, c.metric, c.scope, c.value, c.edition) for c in claims] == expected


def _same_sentence_agrees(rng: random.Random, pieces: list[str], runs: int, longest: int) -> None:
    """On ``runs`` texts of up to ``longest`` random ``pieces``, :func:`same_sentence` between
    any two positions says what comparing their sentence numbers says."""
    for _ in range(runs):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, longest)))
        article = Article(text, "en")
        size = len(article.text)
        for a in range(size):
            for b in range(size):
                same = article.sentence_index(a) == article.sentence_index(b)
                assert same_sentence(article.text, a, b) == same, (text, a, b)


def test_same_sentence_agrees_with_the_sentence_starts():
    """One search between two positions tells what comparing their sentence numbers tells."""
    rng = random.Random(5)
    pieces = ["a", "bc", " ", "  ", ".", "..", "!", "?", ";", "\n", "\t", "9.5", "\u00a0", "x. y"]
    _same_sentence_agrees(rng, pieces, runs=400, longest=30)


def test_same_sentence_agrees_with_the_sentence_starts_around_abbreviations():
    """One search between two positions tells what comparing their sentence numbers tells, with
    abbreviations, numbers after "No." and stops in every order."""
    rng = random.Random(13)
    pieces = [
        "a",
        "bc",
        "xyzabcdefg",
        " ",
        ".",
        "..",
        "?",
        ";",
        "\n",
        "9",
        "u.n",
        "m",
        "no",
        "dr",
        "(",
        " 2",
    ]
    _same_sentence_agrees(rng, pieces, runs=1500, longest=25)
