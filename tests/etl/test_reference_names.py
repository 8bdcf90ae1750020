"""Country names shown in place of CLDR's (datasets/country_names.csv): the store, the claim
explanations and every page name these countries as the readers do; a bad row is refused."""

from __future__ import annotations

import shutil

import pytest

from etl import reference, store
from etl.news import explain
from etl.settings import Settings
from etl.sources.base import read_csv_text
from tests.etl.bundled_support import reseal

M49 = {
    ("PSE", "en"): "State of Palestine",
    ("PSE", "fr"): "État de Palestine",
    ("PSE", "ar"): "دولة فلسطين",
    ("COD", "en"): "Democratic Republic of the Congo",
    ("COD", "fr"): "République démocratique du Congo",
    ("COD", "ar"): "جمهورية الكونغو الديمقراطية",
    ("COG", "en"): "Congo",
    ("COG", "fr"): "Congo",
    ("COG", "ar"): "الكونغو",
}


def test_store_names_these_countries_as_un_m49(loaded_engine):
    """A League of Arab States member is not "Palestinian Territories", and the Congos are not
    named by their capitals; every other country keeps CLDR's name."""
    countries = store.countries_frame(loaded_engine).set_index("iso3")
    for (iso3, lang), name in M49.items():
        assert countries.loc[iso3, f"name_{lang}"] == name
    assert countries.loc["MAR", "name_ar"] == "المغرب"
    assert countries.loc["CIV", "name_fr"] == "Côte d’Ivoire"
    shown = set(countries[["name_en", "name_fr", "name_ar"]].to_numpy().ravel())
    assert not shown & {"Palestinian Territories", "Territoires palestiniens",
                        "الأراضي الفلسطينية", "Congo - Kinshasa", "Congo-Brazzaville"}


def test_claim_explanations_name_countries_as_the_store():
    """The claim check's explanations use the same names as the pages."""
    for (iso3, lang), name in M49.items():
        assert explain.country_name(iso3, lang) == name
    assert explain.country_name("OMN", "fr") == "Oman"
    assert explain.country_name("XXX", "fr") == "XXX"


def test_every_override_is_cited():
    """Each row gives its source."""
    frame = read_csv_text(
        (Settings().datasets_dir / reference.NAMES_FILE).read_bytes(),
        ("iso3", "language", "name", "source_url", "source_note"))
    assert frame["source_url"].str.startswith("https://").all()
    assert frame["source_note"].notna().all()


@pytest.mark.parametrize(("row", "message"), [
    ("XXX,en,Nowhere,https://example.org,x", "line 2: unknown country 'XXX'"),
    ("PSE,de,Palästina,https://example.org,x", "line 2: language 'de' is not one of en, fr, ar"),
    ("PSE,en,,https://example.org,x", "line 2: no name"),
    ("PSE,en,Palestine,,x", "line 2: no source_url"),
])
def test_a_bad_row_is_refused_with_its_line(tmp_path, row, message):
    """An override naming an unknown country or language, or without a name or a source, is
    refused with the file's line, not loaded as a name."""
    (tmp_path / reference.NAMES_FILE).write_text(
        "iso3,language,name,source_url,source_note\n" + row + "\n", encoding="utf-8")
    reseal(tmp_path / reference.NAMES_FILE)
    with pytest.raises(ValueError, match=message):
        reference.name_overrides(tmp_path)


def test_a_pair_named_twice_is_refused(tmp_path):
    """Two names for one country in one language: which one is meant is not guessed."""
    shutil.copy(Settings().datasets_dir / reference.NAMES_FILE, tmp_path)
    with (tmp_path / reference.NAMES_FILE).open("a", encoding="utf-8") as out:
        out.write("PSE,en,Palestine,https://example.org,x\n")
    reseal(tmp_path / reference.NAMES_FILE)
    with pytest.raises(ValueError, match="line 11: PSE in en named twice"):
        reference.name_overrides(tmp_path)
