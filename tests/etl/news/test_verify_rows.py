"""check_claims reads the rows of the claims' indicators only: other rows, their order around
them and columns a verdict does not read change no verdict, figure or explanation."""

from __future__ import annotations

import pandas as pd

from etl.news import check_claims, extract_claims

TEXTS = [
    "Morocco scored 83.65 in the Global Cybersecurity Index 2020.",
    "Morocco scored 97.5 in the Global Cybersecurity Index.",
    "Morocco ranked 50th in the Global Cybersecurity Index.",
    "Oman ranked second among Arab countries in the Global Cybersecurity Index 2020.",
    "Tunisia is among the top five in Africa in the Global Cybersecurity Index 2020.",
    "Egypt is a tier 1 country in the Global Cybersecurity Index 2024.",
    "Morocco scored 0.8 in the Global Cybersecurity Index 2018.",
    "Le Maroc a obtenu 82,41 points dans l'indice mondial de cybersécurité 2020.",
]


def _claims():
    return [claim for text in TEXTS for claim in extract_claims(text, None)]


def test_other_indicators_rows_change_no_verdict(official):
    """The same answers from the GCI rows alone and from them among other indices' rows."""
    claims = _claims()
    assert len(claims) >= 6
    other = official.assign(indicator="ncsi.score", value=official["value"] * 0 + 1.0)
    mixed = pd.concat([other.iloc[::2], official, other.iloc[1::2]], ignore_index=True)
    alone = [c.to_dict() for c in check_claims(claims, official)]
    assert [c.to_dict() for c in check_claims(claims, mixed)] == alone
    assert {c["verdict"] for c in alone} >= {"consistent", "contradicted"}


def test_unread_and_absent_columns(official):
    """Columns a verdict does not read are ignored; a frame without tier gives no tier."""
    claims = _claims()
    extra = official.assign(publisher="ITU", note="x")
    assert ([c.to_dict() for c in check_claims(claims, extra)]
            == [c.to_dict() for c in check_claims(claims, official)])
    untiered = check_claims(claims, official.drop(columns=["tier"]))
    assert any(c.official is not None for c in untiered)
    assert all(c.official is None or c.official["tier"] is None for c in untiered)


def test_official_lists_built_once_give_the_frame_verdicts(official):
    """Claims checked against official_lists of the rows (built once, then reused across
    calls, as a news load does) get the answers of checking against the frame each time."""
    from etl.news.verify import official_lists

    claims = _claims()
    lists = official_lists(official)
    for _ in range(2):  # the second pass reuses the editions the first one split
        for claim in claims:
            assert ([c.to_dict() for c in check_claims([claim], lists)]
                    == [c.to_dict() for c in check_claims([claim], official)])
    assert ([c.to_dict() for c in check_claims(claims, official_lists(official.iloc[0:0]))]
            == [c.to_dict() for c in check_claims(claims, official.iloc[0:0])])
