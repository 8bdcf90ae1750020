"""The word cut makes each non-word character a space: the ``\\w+`` words stay in place."""

import re

import pytest

from etl.news.wordcut import word_cut


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("le maroc, l'uit (gci) — «test» 2020.\nالمغرب, والاردن? 97.5%", id="marks"),
        pytest.param("snake_case __init__ et_al", id="underscore"),
        pytest.param("", id="empty"),
        pytest.param("  ..  ", id="no-word"),
    ],
)
def test_word_cut_keeps_the_regex_words_in_place(text):
    """The byte-table cut makes each non-word character a space: the \\w+ words stay in place."""
    cut = word_cut(text)
    assert len(cut) == len(text)
    assert [m.span() for m in re.finditer(r"\S+", cut)] == [
        m.span() for m in re.finditer(r"\w+", text)
    ]
    assert [m.group() for m in re.finditer(r"\S+", cut)] == re.findall(r"\w+", text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("le maroc ☆ et la tunisie", id="unknown-mark"),
        pytest.param("morocco\u2028and oman", id="unicode-line-separator"),
    ],
)
def test_unknown_non_word_character_gives_none(text):
    """A non-word character outside the known marks: the caller falls back to a regex split."""
    assert word_cut(text) is None
