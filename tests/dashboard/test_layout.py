

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
