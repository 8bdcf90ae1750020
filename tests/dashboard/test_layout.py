

def test_links_to_one_host_are_told_apart():
    """Two GitHub sources read "github.com · github.com"; each is now named by its first path
    segment (the repository's owner), a lone host by its host alone."""
    from dashboard.layout import link_list

    links = [n for n in link_list([
        "https://github.com/tjmisko/sspi-data-webapp/blob/x/a.csv",
        "https://github.com/blavatnik-index/gci/blob/y/b.csv",
        "https://www.zawya.com/en/oman"]) if not isinstance(n, str)]
    assert [a.children for a in links] == [
        "github.com/tjmisko", "github.com/blavatnik-index", "zawya.com"]
    assert links[0].title == "https://github.com/tjmisko/sspi-data-webapp/blob/x/a.csv"


def test_sources_list_one_entry_per_document_with_each_channel(loaded_engine):
    """Morocco's GCI 2020 is one source entry (one document, its links and note), saying the
    overall score's channel and the pillars' (which drop the SSPI transcription, as it gives
    the overall score only); two entries that differed by channel alone read as two sources."""
    from dashboard import data
    from dashboard.layout import sources_block
    from tests.dashboard.tree_support import texts

    frame = data.gci_observations(loaded_engine, ["MAR"], "en")
    block = texts(sources_block(frame[frame["edition"] == 2020], "en"))
    assert block.count("ITU Global Cybersecurity Index 2020 (4th edition)") == 1
    assert ("Channel: SSPI transcription + Blavatnik ITU-PDF extraction + press or official "
            "release (overall score); Blavatnik ITU-PDF extraction + press or official release "
            "(pillars)") in " ".join(block.split())
    single = texts(sources_block(frame[frame["edition"] == 2018], "en"))
    assert "Channel: SSPI transcription ·" in " ".join(single.split())


def test_sources_entry_holds_the_pillars_own_verification_and_links(loaded_engine):
    """Oman's GCI 2024 is one entry: its overall score is disputed (97.02 against 97.01) but
    its pillars are given alike by two articles, and the entry says each; the links are those
    of the overall score and of the pillars, once each."""
    from dashboard import data
    from dashboard.layout import source_entries, sources_block
    from tests.dashboard.tree_support import texts

    frame = data.gci_observations(loaded_engine, ["OMN"], "en")
    oman = frame[frame["edition"] == 2024]
    entries = source_entries(oman)
    assert len(entries) == 1
    block = " ".join(texts(sources_block(oman, "en")).split())
    assert ("Verification: sources disagree (see note) (overall score); verified in two or "
            "more sources (pillars)") in block
    urls = entries[0].urls
    assert len(urls) == len(set(urls))
    assert any("zawya.com" in u for u in urls) and any("arynews.tv" in u for u in urls)


def test_sources_entries_of_several_countries_name_them(loaded_engine):
    """Countries whose GCI 2018 values cite the same transcription alone share one entry
    naming them (Morocco, Tunisia); Oman's cites press too and is an entry of its own."""
    from dashboard import data
    from dashboard.layout import source_entries

    frame = data.gci_observations(loaded_engine, ["MAR", "OMN", "TUN"], "en")
    entries = source_entries(frame[frame["edition"] == 2018])
    assert sorted(e.countries for e in entries) == [["Morocco", "Tunisia"], ["Oman"]]
