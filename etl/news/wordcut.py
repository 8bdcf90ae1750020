"""A folded text with every non-word character made a space: its ``\\w+`` words in place.

What the compiled matchers (:mod:`etl.news.gazetteer`, :mod:`etl.news.figure_starts`) scan: a word
then starts after a space and ends before one, so a key between spaces finds words only.
"""

from __future__ import annotations

# Non-word characters (``\W``) as UTF-8 bytes: ASCII ones one for one through a byte table, the
# common non-ASCII marks by ``bytes.replace``. Any other non-word character sends the text to the
# regex split. Every character stays one character, so positions are the text's.
_ASCII_NON_WORD = bytes(
    32 if c < 128 and not (chr(c).isalnum() or c == ord("_")) else c for c in range(256)
)
_MARKS = tuple(ch.encode() for ch in "«»“”„‹›–—―…•·°€£§×÷٪")


def word_cut(text: str) -> str | None:
    """The text with every non-word character (``\\W``) made a space, so that its words are
    what a ``\\w+`` split gives, at the same positions. ``None`` if the text holds a non-word
    character this does not know.

    A byte table and ``bytes.replace`` (C speed); an ASCII text always passes, the common
    non-ASCII marks are replaced only when the first cut left some."""
    data = text.encode("utf-8", "surrogatepass").translate(_ASCII_NON_WORD)
    cut = data.decode("utf-8", "surrogatepass")
    if text.isascii() or _only_word_characters(cut):  # the table cut every ASCII non-word
        return cut
    for mark in _MARKS:
        if mark in data:
            data = data.replace(mark, b" ")
    cut = data.decode("utf-8", "surrogatepass")
    return cut if _only_word_characters(cut) else None


def _only_word_characters(cut: str) -> bool:
    joined = cut.replace(" ", "")
    return not joined or joined.isalnum() or joined.replace("_", "0").isalnum()
