"""Country and index mentions in Arabic, French and English text."""

import pytest

from etl.news import extract_mentions


def countries(text, language=None):
    return {c.iso3: c.count for c in extract_mentions(text, language).countries}


def indices(text, language=None):
    return {i.id: i.count for i in extract_mentions(text, language).indices}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("يستثمر المغرب في الأمن الرقمي", {"MAR": 1}, id="ar-plain"),
        pytest.param(
            "وبالمغرب والمملكة المغربية للمغرب", {"MAR": 3}, id="ar-clitics-and-long-name"
        ),
        pytest.param("قال خبراء بالمغرب", {"MAR": 1}, id="ar-bi"),
        pytest.param("والمغرب", {"MAR": 1}, id="ar-wa"),
        pytest.param("الخبراء المغاربة والشركات المغربية", {"MAR": 2}, id="ar-adjectives"),
        pytest.param("السلطات العمانية", {"OMN": 1}, id="ar-omani-adjective"),
        pytest.param(
            "السعودية والإمارات وقطر والبحرين والكويت",
            {"SAU": 1, "ARE": 1, "QAT": 1, "BHR": 1, "KWT": 1},
            id="ar-gcc",
        ),
        pytest.param("دعم مالي للشركات", {}, id="ar-mali-means-financial"),
        pytest.param("مسقط والرباط", {"OMN": 1, "MAR": 1}, id="ar-capitals"),
    ],
)
def test_arabic_mentions(text, expected):
    """Arabic names, clitic-prefixed and adjective forms count for their country."""
    assert countries(text, "ar") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Le Maroc et les entreprises marocaines", {"MAR": 2}, id="fr-name-adjective"),
        pytest.param("Le Sultanat d'Oman et les autorités omanaises", {"OMN": 2}, id="fr-oman"),
        pytest.param(
            "Le Maroc progresse. Le Royaume investit.", {"MAR": 2}, id="fr-royaume-in-context"
        ),
        pytest.param("Le Royaume investit.", {}, id="fr-royaume-alone"),
        pytest.param("Les Émirats arabes unis et l’Égypte", {"ARE": 1, "EGY": 1}, id="fr-accents"),
        pytest.param("Mascate et Rabat", {"OMN": 1, "MAR": 1}, id="fr-capitals"),
    ],
)
def test_french_mentions(text, expected):
    """French names, adjectives and "le Royaume" (only with context) count."""
    assert countries(text, "fr") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Morocco and Moroccan banks", {"MAR": 2}, id="en-name-adjective"),
        pytest.param("Omani officials in Muscat", {"OMN": 2}, id="en-oman"),
        pytest.param("The US and the UAE told us", {"USA": 1, "ARE": 1}, id="en-acronyms-case"),
        pytest.param(
            "Saudi, Emirati and Kenyan teams", {"SAU": 1, "ARE": 1, "KEN": 1}, id="en-peers"
        ),
        pytest.param("A turkey for dinner in china cups", {}, id="en-lowercase-common-words"),
    ],
)
def test_english_mentions(text, expected):
    """English names, demonyms and case-sensitive acronyms count."""
    assert countries(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "وقعت سلطنة عمان اتفاقية، وقالت عمان إن مسقط ستستضيف المؤتمر",
            "OMN",
            id="ar-oman-sultanate",
        ),
        pytest.param("عقد المؤتمر في عمان العاصمة الأردنية", "JOR", id="ar-amman-capital"),
        pytest.param(
            "زار الوزير عمان. وقالت الحكومة الأردنية إن الزيارة ناجحة",
            "JOR",
            id="ar-amman-text-cue",
        ),
        pytest.param("أشادت الصحف العمانية بأداء عمان", "OMN", id="ar-oman-adjective-cue"),
        pytest.param("The forum opened in Amman, the Jordanian capital.", "JOR", id="en-amman"),
        pytest.param("Oman, whose capital is Muscat, scored well.", "OMN", id="en-oman"),
        pytest.param(
            "Amman, as the sultanate is sometimes misspelt, hosts Muscat.",
            "OMN",
            id="en-amman-misspelt-oman",
        ),
    ],
)
def test_oman_or_amman_from_context(text, expected):
    """عمان/Oman/Amman is read as Oman or as Jordan's capital from its context words."""
    found = countries(text)
    assert expected in found
    assert ({"OMN", "JOR"} - {expected}).isdisjoint(found) or expected == "JOR"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Morocco is in Tier 1 of the Global Cybersecurity Index.",
            {"itu_gci": 1},
            id="en-gci-name",
        ),
        pytest.param(
            "Morocco improved in the ITU's GCI cybersecurity ranking.",
            {"itu_gci": 1},
            id="en-gci-acronym",
        ),
        pytest.param(
            "Morocco ranked 75th in the GCI, the Global Competitiveness Index.",
            {},
            id="en-competitiveness",
        ),
        pytest.param("The Good Country Index (GCI) ranks Morocco 60th.", {}, id="en-good-country"),
        pytest.param("l’indice mondial de cybersécurité de l’UIT", {"itu_gci": 1}, id="fr-gci"),
        pytest.param(
            "l'indice mondial de cyber-sécurité 2020", {"itu_gci": 1}, id="fr-gci-hyphen-F09"
        ),
        pytest.param(
            "l'indice global de la cybersécurité 2020 de l'UIT",
            {"itu_gci": 1},
            id="fr-gci-global-F10",
        ),
        pytest.param("the Global Cyber-Security Index", {"itu_gci": 1}, id="en-gci-hyphen"),
        pytest.param(
            "مؤشر الاتحاد الدولي للاتصالات للأمن السيبراني", {"itu_gci": 1}, id="ar-gci-itu"
        ),
        pytest.param("بمؤشر الأمن السيبراني العالمي", {"itu_gci": 1}, id="ar-gci-clitic"),
        pytest.param("National Cyber Security Index and NCSI", {"ncsi": 2}, id="en-ncsi"),
        pytest.param("مؤشر تطوير الحكومة الإلكترونية (EGDI)", {"un_egdi": 2}, id="ar-egdi"),
        pytest.param("E-Government Development Index", {"un_egdi": 1}, id="en-egdi"),
        pytest.param("قال الإنتربول وInterpol", {"interpol": 1}, id="ar-interpol"),
    ],
)
def test_index_mentions(text, expected):
    """Index names and acronyms count; the other "GCI"s do not count as ITU's."""
    assert indices(text) == expected


def test_text_without_country():
    """A text naming no country gives no countries and no indices."""
    mentions = extract_mentions("The weather was mild and the markets were calm.")
    assert mentions.to_dict() == {"language": "en", "countries": [], "indices": []}


def test_forms_report_the_original_spelling():
    """The surface forms are the original spellings, marks and clitics included."""
    mentions = extract_mentions("وبالمغرب والمملكةُ المغربيةُ", "ar")
    assert mentions.countries[0].forms == ["وبالمغرب", "والمملكةُ المغربيةُ"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("حصل المغرب على نتيجة جيدة في المؤشر", "ar", id="ar"),
        pytest.param("Le Maroc a obtenu un bon score dans le classement de l'UIT", "fr", id="fr"),
        pytest.param("Morocco obtained a good score in the ranking of the ITU", "en", id="en"),
    ],
)
def test_language_detected(text, language):
    """The language is detected from script and stopwords when not given."""
    assert extract_mentions(text).language == language


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Le Maroc ☆ et la Tunisie ☆ au Royaume", id="unknown-mark"),
        pytest.param("Morocco\u2028and Oman", id="unicode-line-separator"),
    ],
)
def test_scan_of_unknown_marks_is_the_regex_scan(text):
    """A text with a mark the byte cut does not know is scanned by the \\w+ regex split instead."""
    from etl.news.gazetteer import _scan_words, scan
    from etl.news.normalize import fold
    from etl.news.wordcut import word_cut

    folded = fold(text)
    assert word_cut(folded) is None
    assert scan(folded) == _scan_words(folded) != []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("La la la la la la the of the of and in Maroc", "en", id="doubled-french"),
        pytest.param("the the the the the the of le la les du et", "fr", id="doubled-english"),
    ],
)
def test_language_counts_doubled_stopwords_once_per_shared_space(text, language):
    """ " le le " counts as one " le " (as str.count sees it), so repeated words weigh less."""
    assert extract_mentions(text).language == language


def test_country_counts_are_built_with_every_field_of_the_dataclass():
    """Counts built without ``__init__`` hold exactly the dataclass fields, most named first."""
    from dataclasses import fields

    from etl.news.mentions import CountryCount, extract_mentions

    mentions = extract_mentions(
        "Oman and Morocco. Morocco again, and the Sultanate of Oman; Qatar."
    )
    assert [(c.iso3, c.count) for c in mentions.countries] == [("MAR", 2), ("OMN", 2), ("QAT", 1)]
    for country in mentions.countries:
        assert list(vars(country)) == [f.name for f in fields(CountryCount)]
        assert country == CountryCount(**vars(country))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Le Sultanat d'Oman, le Royaume du Maroc et les Émirats unis.", id="fr"),
        pytest.param("The U.S., UAE; Guinea-Bissau, Guinea Bissau, Abu Dhabi-based", id="en"),
        pytest.param("وقعت سلطنة عمان والمملكة المغربية وللمغرب مع الإمارات والسعودية", id="ar"),
        pytest.param("Omani Oman-based romance Moroccans (Morocco) «Maroc» — Tunisie…", id="marks"),
        pytest.param("Global Cybersecurity Index GCI NCSI u.s.a U.S. St. Kitts & Nevis", id="idx"),
    ],
)
def test_scan_is_the_word_by_word_scan(text):
    """The automaton scan finds what the \\w+ split scan finds (forms, spans, longest first)."""
    from etl.news.gazetteer import _scan_words, scan
    from etl.news.normalize import fold

    folded = fold(text)
    assert scan(folded) == _scan_words(folded) != []


def test_stopwords_between_spaces_are_the_regex_ones():
    """The split-and-filter count of stopwords sees what a regex scan for " word " sees."""
    import re

    from etl.news import text

    words = sorted(text._FRENCH + text._ENGLISH, key=len, reverse=True)
    regex = re.compile(" (" + "|".join(words) + ")(?= )")
    samples = [
        " le le la the of the  of, and\nto les leses du-du une une est ",
        " selon le gci 2020 de l'uit, le maroc est classe 50e. the kingdom of the sea ",
        "  the  the the\tthe the. for-the on with that was its pour dans et et et ",
    ]
    for sample in samples:
        found = list(filter(text._STOPWORDS.__contains__, sample.split(" ")))
        assert found == regex.findall(sample)
