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
