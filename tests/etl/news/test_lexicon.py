"""The hand-maintained word lists hold together: every capital read as a place is a country form."""

from etl.news import lexicon
from etl.news.gazetteer import terms
from etl.news.normalize import fold


def test_capitals_are_country_forms():
    """A capital is found as a mention of its country before it can be read as a place ("in
    Rabat"): each one of CAPITALS is a form the matcher knows as a country."""
    known = terms()
    missing = [
        c for c in lexicon.CAPITALS if getattr(known.get(fold(c)), "kind", None) != "country"
    ]
    assert not missing
