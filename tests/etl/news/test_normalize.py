"""Folding of Arabic, French and English text for matching."""

import pytest

from etl.news.normalize import Folded, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("عُمَان", "عمان", id="harakat"),
        pytest.param("المغـــرب", "المغرب", id="tatweel"),
        pytest.param("أإآٱ", "اااا", id="alef-hamza"),
        pytest.param("مصطفى", "مصطفي", id="alef-maqsura"),
        pytest.param("المملكة", "المملكه", id="taa-marbuta"),
        pytest.param("٩٧٫٥", "97.5", id="arabic-indic-decimal"),
        pytest.param("۹۷٫۵", "97.5", id="persian-digits"),
        pytest.param("١٨٬٨٢٧", "18827", id="arabic-thousands"),
        pytest.param("Émirats Côte d’Ivoire", "emirats cote d'ivoire", id="french-accents"),
        pytest.param("50ᵉ", "50e", id="superscript-e"),
        pytest.param("İstanbul 한국", "istanbul 한국", id="non-latin-stays-one-to-one"),
    ],
)
def test_fold(text, folded):
    """Marks, letter variants, digits and accents fold to one matching form."""
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "word", "surface"),
    [
        pytest.param("زار سلطنةَ عُمانَ أمس", "عمان", "عُمانَ", id="arabic-marks"),
        pytest.param("Le Maroc et l’Égypte", "l'egypte", "l’Égypte", id="french"),
        pytest.param("حصل على ٩٧٫٥ نقطة", "97.5", "٩٧٫٥", id="digits"),
    ],
)
def test_surface_maps_back_to_original(text, word, surface):
    """A folded span maps back to the original spelling, marks included."""
    folded = Folded.of(text)
    start = folded.folded.index(word)
    assert folded.surface(start, start + len(word)) == surface


def test_latin1_byte_table_is_the_general_fold():
    """Every Latin-1 character folds through the byte table as the general fold folds it."""
    from etl.news.normalize import _fold_text

    for code in range(0x80, 0x100):
        assert fold(f"a{chr(code)}b") == _fold_text(f"a{chr(code)}b"), hex(code)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("L’Union a publié l’indice « mondial » de cybersécurité", id="latin1-curly"),
        pytest.param("Mise en œuvre — l’UIT", id="beyond-latin1"),
        pytest.param("الأمن السيبراني في المملكة المغربية ومؤسساتها، إلى أين؟", id="arabic-nfd"),
        pytest.param("عُمَان: ٩٧٫٥ نقطة ΐ \u1fef", id="arabic-marks-and-greek"),
    ],
)
def test_fast_paths_fold_as_the_general_path(text):
    """The byte table and the NFD skip give the fold of the general path: drop, NFD, swap, lower."""
    import unicodedata

    from etl.news.normalize import _DROPPED_RE, _MARKS_RE, _SWAPS

    split = unicodedata.normalize("NFD", _DROPPED_RE.sub("", text))
    expected = "".join(_SWAPS.get(ch, ch) for ch in _MARKS_RE.sub("", split)).lower()
    assert fold(text) == expected
