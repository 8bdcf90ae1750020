"""Glossary: French and Arabic name each index, group and core notion with the one term of
dashboard/locales/glossary.csv, on every page; grammar may inflect it, nothing may replace it."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

import pytest
from babel.messages.pofile import read_po

from dashboard import i18n

GLOSSARY = i18n.LOCALES_DIR / "glossary.csv"
# en, fr and ar give the term; note says where the French and Arabic come from. The optional
# *_forms are regular expressions: en_forms when a word boundary is not enough to find the
# English term, fr_forms/ar_forms for the forms grammar gives it (articles, plural, construct
# state, prefixes). Empty, the term itself is searched.
COLUMNS = ["en", "fr", "ar", "note", "en_forms", "fr_forms", "ar_forms"]
LANGS = ("fr", "ar")
# Short vowels, shadda, sukun, dagger alef and tatweel: written or not, the word is the same.
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
# What in an English message is not its own wording: {fields}, and titles or names it quotes
# ('…', "…"), which translations quote as published.
FIELDS = re.compile(r"\{\w+\}")
QUOTED = re.compile(r"(?<!\w)'[^']+'(?!\w)|\"[^\"]+\"|«[^»]+»|“[^”]+”")
# Outlets named as they name themselves, kept in English in every language.
KEPT_AS_PUBLISHED = ("ITWeb Africa", "Africa Cybersecurity Magazine")

Message = tuple[tuple[str, ...], tuple[str, ...]]  # (msgid and msgid_plural, msgstr forms)


@cache
def glossary() -> tuple[dict[str, str], ...]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def normalized(text: str, lang: str) -> str:
    """The text as compared: one apostrophe, plain spaces, and Arabic without its marks."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return ARABIC_MARKS.sub("", text) if lang == "ar" else text


def english_term(row: Mapping[str, str]) -> re.Pattern[str]:
    return re.compile(row["en_forms"] or rf"\b{re.escape(row['en'])}\b", re.IGNORECASE)


def accepted(row: Mapping[str, str], lang: str) -> re.Pattern[str]:
    return re.compile(normalized(row[f"{lang}_forms"] or re.escape(row[lang]), lang),
                      re.IGNORECASE)


def own_wording(msgid: str) -> str:
    """The English message without its fields, quotations and outlet names."""
    text = QUOTED.sub(" ", FIELDS.sub(" ", msgid))
    for name in KEPT_AS_PUBLISHED:
        text = text.replace(name, " ")
    return text


@cache
def catalog(lang: str) -> tuple[Message, ...]:
    """Every translated message of the catalog with all its forms, as Babel reads the file."""
    with (i18n.LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        po = read_po(handle, locale=lang)
    return tuple((m.id if isinstance(m.id, tuple) else (m.id,),
                  m.string if isinstance(m.string, tuple) else (m.string,))
                 for m in po if m.id)


def mistranslations(row: Mapping[str, str], lang: str,
                    messages: Iterable[Message]) -> list[tuple[str, str]]:
    """(msgid, msgstr) of each message whose English names the row's term and whose
    translation does not use one of the accepted forms. An untranslated message is left to
    test_i18n; Arabic's zero form (لا ...) may leave the thing it counts unnamed."""
    term, forms = english_term(row), accepted(row, lang)
    found = []
    for ids, strings in messages:
        if not any(term.search(own_wording(msgid)) for msgid in ids):
            continue
        plural = len(strings) > 1
        for n, text in enumerate(strings):
            if text and not (lang == "ar" and plural and n == 0) \
                    and not forms.search(normalized(text, lang)):
                found.append((ids[0], text))
                break
    return found


def test_glossary_rows_are_complete_and_name_their_source():
    """Each row gives the term in the three languages and where the French and Arabic come
    from; each pattern compiles, finds the row's own term, and no term is listed twice."""
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS
    rows = glossary()
    assert rows  # the parametrized checks below run one case per row
    assert len({row["en"].casefold() for row in rows}) == len(rows)
    for row in rows:
        assert all(row[column].strip() for column in ("en", "fr", "ar", "note")), row
        assert english_term(row).search(row["en"]), row["en"]
        for lang in LANGS:
            assert accepted(row, lang).search(normalized(row[lang], lang)), (lang, row["en"])


@pytest.mark.parametrize(("row", "lang"), [
    pytest.param(row, lang, id=f"{lang}-{row['en']}") for row in glossary() for lang in LANGS])
def test_every_message_uses_the_glossary_term(row, lang):
    """A message whose English names the term translates it with the glossary's term (in any
    form its grammar gives it), never with a synonym, another spelling or the English left
    in: "Methodology breaks" is "Ruptures méthodologiques", not "Ruptures de méthodologie"."""
    wrong = mistranslations(row, lang, catalog(lang))
    assert not wrong, (f"{lang}: {len(wrong)} message(s) name {row['en']!r} otherwise than "
                       f"{row[lang]!r} (dashboard/locales/glossary.csv): {wrong}")


def _row(en: str) -> dict[str, str]:
    return next(row for row in glossary() if row["en"] == en)


@pytest.mark.parametrize(("lang", "en", "msgid", "msgstr"), [
    pytest.param("ar", "GCI", "GCI pillars", "ركائز GCI", id="ar-latin-acronym-for-gci"),
    pytest.param("ar", "Global Cybersecurity Index", "Global Cybersecurity Index",
                 "مؤشر الأمن السيبراني العالمي", id="ar-other-word-order"),
    pytest.param("fr", "National Cyber Security Index", "ITU, GCI; e-Governance Academy, "
                 "National Cyber Security Index", "UIT, GCI ; e-Governance Academy, National "
                 "Cyber Security Index", id="fr-english-left-in"),
    pytest.param("fr", "peer group", "Peer group", "Groupe de pairs", id="fr-synonym"),
    pytest.param("fr", "methodology break", "Methodology breaks", "Ruptures de méthodologie",
                 id="fr-other-wording"),
    pytest.param("ar", "Africa", "in Africa", "في إفريقيا", id="ar-other-spelling"),
    pytest.param("ar", "tier", "tier", "الفئة", id="ar-tier-as-category"),
    pytest.param("ar", "quarantined", "Quarantined", "المحجوزة", id="ar-other-root"),
    pytest.param("ar", "quarantined", "Quarantined rows", "الصفوف في الحجر",
                 id="ar-medical-quarantine"),
    pytest.param("ar", "release", "Release {release} (run {run})",
                 "الإصدار {release} (التشغيل {run})", id="ar-release-as-edition"),
    pytest.param("ar", "NCSI", "NCSI score {score}", "درجة NCSI {score}", id="ar-latin-acronym"),
])
def test_a_variant_brought_back_is_caught(lang, en, msgid, msgstr):
    """Each variant this glossary replaced fails the check if a translation brings it back."""
    assert mistranslations(_row(en), lang, [((msgid,), (msgstr,))]) == [(msgid, msgstr)]


@pytest.mark.parametrize(("lang", "en", "msgid", "msgstr"), [
    pytest.param("ar", "Global Cybersecurity Index", "GCI overall score",
                 "الدرجة الإجمالية للمؤشر العالمي للأمن السيبراني", id="ar-prefix-li"),
    pytest.param("ar", "tier", "Tiers", "مستويات", id="ar-plural"),
    pytest.param("ar", "quarantined", "Quarantined", "المَعْزُولة", id="ar-marks-written"),
    pytest.param("ar", "quarantined", "No rows were quarantined in the latest runs.",
                 "لم يُعزل أي صف في عمليات التشغيل الأخيرة.", id="ar-verb"),
    pytest.param("ar", "release", "The release held by run {run} still awaits review",
                 "النشرة التي علّقها التشغيل {run} ما زالت تنتظر المراجعة", id="ar-feminine"),
    pytest.param("ar", "release", "Releases", "نشرات البيانات", id="ar-release-plural"),
    pytest.param("fr", "tier", "Tiers", "Niveaux", id="fr-plural-capital"),
    pytest.param("fr", "edition", "1st ed.", "1re éd.", id="fr-abbreviation"),
    pytest.param("fr", "source", "{source}, {edition}", "{source}, {edition}", id="fields-only"),
    pytest.param("fr", "Africa", "row name 'South Africa'", "nom de ligne « South Africa »",
                 id="quoted-name"),
    pytest.param("ar", "claim", ("{count} claim", "{count} claims"),
                 ("لا ادعاءات", "ادعاء واحد", "ادعاءان", "{count} ادعاءات", "{count} ادعاءً",
                  "{count} ادعاء"), id="ar-plural-forms"),
])
def test_grammar_and_quotations_are_not_variants(lang, en, msgid, msgstr):
    """Grammar (articles, prefixes, plural, case, marks), fields and quoted names are not
    variants: the check leaves them be."""
    ids = msgid if isinstance(msgid, tuple) else (msgid,)
    strings = msgstr if isinstance(msgstr, tuple) else (msgstr,)
    assert mistranslations(_row(en), lang, [(ids, strings)]) == []
