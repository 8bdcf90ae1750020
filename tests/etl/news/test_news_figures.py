"""The figures and years a folded sentence states: one scan gives both, years from the numbers."""

from etl.news import figure_patterns, figures
from tests.etl.news.test_figure_starts import CORPUS


def test_years_are_the_year_shaped_numbers():
    """The years taken from the numbers' scan are what a scan of the year pattern finds."""
    for sentence in CORPUS + ["2020% 2021%, 2019.5 et 1999 20201 2024e 2023_ 3.2020 ٢٠٢٠"]:
        numbers = list(figure_patterns.NUMBER.finditer(sentence))
        years = [(int(m.group()), m.start()) for m in figure_patterns.YEAR.finditer(sentence)]
        assert [(y, at) for y, at in figures._years(sentence, numbers)] == [
            (y, at)
            for y, at in years
            if not figure_patterns.NOT_A_YEAR.search(sentence, max(0, at - 30), at)
        ]


def test_figures_and_years_is_both_functions():
    """The one-scan function gives find_figures and find_years."""
    for sentence in CORPUS[:500]:
        assert figures.figures_and_years(sentence) == (
            figures.find_figures(sentence),
            figures.find_years(sentence),
        )


def test_year_after_vision_is_not_an_edition():
    """'Vision 2030' is no edition year; the other years of the sentence are."""
    sentence = "in the gci 2020 the kingdom, under vision 2030, ranked 5th"
    assert [year for year, _ in figures.find_years(sentence)] == [2020]
