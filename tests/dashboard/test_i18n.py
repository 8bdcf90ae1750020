"""i18n: gettext catalogs for fr and ar cover every marked string; locale number formats."""

from __future__ import annotations

import re

import pytest

from dashboard import i18n
from tests.dashboard.tree_support import as_components

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _key(msgid: str | tuple[str, ...]) -> str | tuple[str, str]:
    """A message's id as the catalogs key it: the text, or (singular, plural) for tn()."""
    return msgid if isinstance(msgid, str) else (str(msgid[0]), str(msgid[1]))


@pytest.fixture(scope="module")
def msgids() -> list[str | tuple[str, str]]:
    return [_key(m.id) for m in i18n.extract_messages() if m.id]


def _po_messages(lang: str):
    """The raw catalog of ``lang`` as Babel reads it (plural entries with all their forms)."""
    from babel.messages.pofile import read_po

    with (i18n.LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_marked_string_is_translated(msgids, lang):
    """Each t()/N_() string of the dashboard has a translation in the catalog, and each tn()
    pair a complete plural entry."""
    missing = [m for m in msgids if m not in i18n.catalog(lang)
               and m not in i18n.plural_catalog(lang)]
    assert not missing, f"{lang}: untranslated (run `python -m dashboard.i18n extract`): {missing}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_catalog_entry_is_marked_in_the_code(msgids, lang):
    """No entry outlives its text: a reworded message left its old translation behind, where a
    translator would keep polishing it (31 did). `python -m dashboard.i18n prune` removes them."""
    marked = {m if isinstance(m, str) else m[0] for m in msgids}
    unused = [m.id for m in _po_messages(lang) if m.id and i18n._singular(m.id) not in marked]
    assert not unused, f"{lang}: not in the code (run `python -m dashboard.i18n prune`): {unused}"


def test_pruning_removes_only_the_unused_entries(tmp_path, monkeypatch):
    """prune_translations drops an entry the code does not mark and leaves the rest of the
    file byte for byte."""
    import shutil

    for lang in ("fr", "ar"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(i18n.LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po",
                    tmp_path / lang / "LC_MESSAGES" / "messages.po")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    path = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    before = path.read_text(encoding="utf-8")
    stale = '\n#: dashboard/gone.py:1\nmsgid "A text no code marks"\nmsgstr "Un texte disparu"\n'
    path.write_text(before + stale, encoding="utf-8")
    try:
        assert i18n.prune_translations("fr") == ["A text no code marks"]
        assert path.read_text(encoding="utf-8") == before
        assert i18n.prune_translations("fr") == []
    finally:
        i18n.translations_of.cache_clear()


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_translations_keep_their_placeholders(lang):
    """A translation uses exactly the {fields} of its English source."""
    bad = {m: s for m, s in i18n.catalog(lang).items()
           if set(PLACEHOLDER.findall(m)) != set(PLACEHOLDER.findall(s))}
    assert not bad


# Plural forms that may be words alone, without the count: Arabic's zero (0) and dual (2).
WORDS_ALONE = {"ar": (0, 2)}


@pytest.mark.parametrize(("lang", "forms"), [("fr", 2), ("ar", 6)])
def test_plural_entries_have_every_form_with_the_same_placeholders(lang, forms):
    """Each plural entry of the catalog has all the forms its header declares (French 2: 0 and
    1 singular; Arabic 6), none empty, each with exactly the {fields} of its English singular
    and plural, except Arabic's zero and dual forms, which may leave the count out: Arabic
    writes "no claims" and "two claims" as words alone (لا ادعاءات، ادعاءان)."""
    po = _po_messages(lang)
    assert po.num_plurals == forms
    plurals = [m for m in po if m.id and not isinstance(m.id, str)]
    assert len(plurals) >= 10
    bad = {}
    for message in plurals:
        fields = set(PLACEHOLDER.findall(message.id[1]))
        problems = [f"{len(message.string)} forms"] if len(message.string) != forms else []
        if set(PLACEHOLDER.findall(message.id[0])) != fields:
            problems.append("singular and plural differ")
        words_alone = WORDS_ALONE.get(lang, ())
        problems += [f"form {i}: {text!r}" for i, text in enumerate(message.string)
                     if not text or not (set(PLACEHOLDER.findall(text)) == fields or (
                         i in words_alone and set(PLACEHOLDER.findall(text)) < fields))]
        if problems:
            bad[message.id[0]] = problems
    assert not bad
    assert set(i18n.plural_catalog(lang)) == {_key(m.id) for m in plurals if not m.fuzzy}


def test_template_lists_every_marked_string(msgids):
    """messages.pot is up to date with the code, counted texts with their msgid_plural."""
    from babel.messages.pofile import read_po

    with (i18n.LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = {_key(m.id) for m in read_po(handle) if m.id}
    assert set(msgids) <= template
    assert ("{count} claim", "{count} claims") in template


def test_t_translates_formats_and_falls_back():
    """Known ids are translated, fields filled; unknown ids and languages give English."""
    assert i18n.t("Compare", "fr") == "Comparer"
    assert i18n.t("Rank {rank}", "ar", rank="50") == "المرتبة 50"
    assert i18n.t("not a message {x}", "fr", x=1) == "not a message 1"
    assert i18n.t("Compare", "de") == "Compare"


# ---------------------------------------------------------------- counted texts (tn)

CLAIMS = ("{count} claim", "{count} claims")


@pytest.mark.parametrize(("lang", "n", "expected"), [
    pytest.param("en", 0, "0 claims", id="en-0"),
    pytest.param("en", 1, "1 claim", id="en-1"),
    pytest.param("en", 2, "2 claims", id="en-2"),
    pytest.param("fr", 0, "0 affirmation", id="fr-0"),
    pytest.param("fr", 1, "1 affirmation", id="fr-1"),
    pytest.param("fr", 2, "2 affirmations", id="fr-2"),
    pytest.param("fr", 1000000, "1\u202f000\u202f000 affirmations", id="fr-million"),
])
def test_tn_picks_singular_or_plural(lang, n, expected):
    """English has the singular for 1 only; French for 0 and 1 too."""
    assert i18n.tn(*CLAIMS, n, lang, count=i18n.format_number(n, lang, 0)) == expected


@pytest.mark.parametrize(("n", "expected"), [
    pytest.param(0, "لا ادعاءات", id="zero"),
    pytest.param(1, "1 ادعاء", id="one"),
    pytest.param(2, "ادعاءان", id="two"),
    pytest.param(5, "5 ادعاءات", id="few"),
    pytest.param(11, "11 ادعاءً", id="many"),
    pytest.param(100, "100 ادعاء", id="other"),
    pytest.param(103, "103 ادعاءات", id="few-103"),
    pytest.param(111, "111 ادعاءً", id="many-111"),
])
def test_tn_picks_each_arabic_form(n, expected):
    """Arabic has six forms: 0, 1, 2, 3-10, 11-99 and the rest (on the last two digits); the
    zero and dual forms are words alone ("no claims", "two claims"), as Arabic writes them
    (a numeral before a dual read "2 two-claims")."""
    assert i18n.tn(*CLAIMS, n, "ar", count=i18n.format_number(n, "ar", 0)) == expected


def test_tn_writes_the_number_it_is_given():
    """The count picks the form; the number shown is the formatted field (Arabic-Indic here),
    and a numpy count works as an int."""
    import numpy as np

    assert i18n.tn(*CLAIMS, np.int64(11), "ar",
                   count=i18n.format_number(11, "ar", 0, digits="arab")) == "١١ ادعاءً"


@pytest.mark.parametrize(("args", "fmt", "expected"), [
    pytest.param(("{n} apple", "{n} apples", 1, "fr"), {"n": 1}, "1 apple", id="missing-1"),
    pytest.param(("{n} apple", "{n} apples", 0, "ar"), {"n": 0}, "0 apples", id="missing-0"),
    pytest.param((*CLAIMS, 2, "de"), {"count": 2}, "2 claims", id="unknown-language"),
    pytest.param((*CLAIMS, float("nan"), "en"), {"count": "–"}, "– claims", id="nan-en"),
    pytest.param((*CLAIMS, float("nan"), "ar"), {"count": "–"}, "– ادعاء", id="nan-ar-other"),
    pytest.param((*CLAIMS, 2.0, "fr"), {"count": "2"}, "2 affirmations", id="whole-float"),
])
def test_tn_falls_back_to_english(args, fmt, expected):
    """An untranslated pair or language gives the English form; a count that is not a whole
    number takes the plural (Arabic's "other"), never an error."""
    assert i18n.tn(*args, **fmt) == expected


def test_tn_falls_back_when_a_translation_is_broken(monkeypatch):
    """A form that cannot be filled, a catalog short of forms, or a rule pointing past them
    gives the English form."""
    broken = i18n.LanguageCatalog(
        {}, {CLAIMS: ("{nombre} affirmation", "{count} affirmations"),
             ("{count} row", "{count} rows"): ("{count} ligne",)},
        2, lambda n: int(n > 1))
    monkeypatch.setattr(i18n, "translations_of", lambda lang: broken)
    assert i18n.tn(*CLAIMS, 1, "fr", count="1") == "1 claim"
    assert i18n.tn(*CLAIMS, 3, "fr", count="3") == "3 affirmations"
    assert i18n.tn("{count} row", "{count} rows", 3, "fr", count="3") == "3 rows"


def test_a_broken_plural_rule_falls_back_to_cldr_then_english():
    """A Plural-Forms expression that does not compile gives way to CLDR's rule for the
    language, and without one (an unknown locale) to English's; code is never run."""
    arabic = i18n._plural_rule("n ==== 1", "ar")
    assert [arabic(n) for n in (0, 1, 2, 5, 11, 100)] == [0, 1, 2, 3, 4, 5]
    english = i18n._plural_rule("__import__('os').getcwd()", "xx")
    assert [english(n) for n in (0, 1, 2)] == [1, 0, 1]


def test_extractor_reads_tn_as_a_plural_message(tmp_path):
    """tn("...", "...", n, lang) is extracted as (singular, plural), t() and N_() as single
    texts; a tn() whose texts are not literals is not a message."""
    from babel.messages.extract import extract_from_dir

    (tmp_path / "page.py").write_text(
        'a = tn("{count} row", "{count} rows", n, lang, count=c)\n'
        'b = t("Title", lang)\nc = N_("Marked")\nd = tn(ONE, MANY, n, lang)\n',
        encoding="utf-8")
    found = {(line, message) for _, line, message, _, _ in extract_from_dir(
        str(tmp_path), keywords=i18n.EXTRACT_KEYWORDS)}
    assert found == {(1, ("{count} row", "{count} rows")), (2, "Title"), (3, "Marked")}


def test_template_writes_msgid_plural():
    """The written template holds msgid_plural and two empty msgstr[n] for a tn() text."""
    text = (i18n.LOCALES_DIR / "messages.pot").read_text(encoding="utf-8")
    assert ('msgid "{count} claim"\nmsgid_plural "{count} claims"\n'
            'msgstr[0] ""\nmsgstr[1] ""\n') in text


@pytest.mark.parametrize(("lang", "n", "expected"), [
    pytest.param("en", 1, "1 claim", id="en-1"),
    pytest.param("en", 2, "2 claims", id="en-2"),
    pytest.param("fr", 1, "1 affirmation", id="fr-1"),
    pytest.param("fr", 3, "3 affirmations", id="fr-3"),
    pytest.param("ar", 2, "ادعاءان", id="ar-2"),
    pytest.param("ar", 12, "12 ادعاءً", id="ar-12"),
])
def test_news_card_counts_its_claims_in_agreement(lang, n, expected):
    """A News card says "1 claim", not "1 claims" (the bug this pins), in each language."""
    import pandas as pd

    from dashboard import news_components
    from tests.dashboard.tree_support import texts

    row = pd.Series({"title": "T", "url": "https://x.example/a", "outlet": "o",
                     "published_at": pd.Timestamp("2025-01-01", tz="UTC"), "language": "en",
                     "countries": ["MAR"], "n_claims": n, "is_sample": False, "text": "body"})
    meta = texts(news_components.article_item(row, {"MAR": "Morocco"}, lang))
    parts = [part.strip() for line in meta.split("\n") for part in line.split(" · ")]
    assert expected in parts, parts


@pytest.mark.parametrize(("shown", "total", "lang", "expected"), [
    pytest.param(1, 1, "en", "1 of 1 article (newest first)", id="en-1"),
    pytest.param(2, 2, "en", "2 of 2 articles (newest first)", id="en-2"),
    pytest.param(1, 1, "fr", "1 article sur 1 (du plus récent au plus ancien)", id="fr-1"),
    pytest.param(2, 2, "ar", "2 من أصل مقالين (الأحدث أولًا)", id="ar-2"),
    pytest.param(50, 120, "ar", "50 من أصل 120 مقالًا (الأحدث أولًا)", id="ar-120"),
])
def test_news_article_count_agrees_with_the_total(pages, shown, total, lang, expected):
    """The News page's count line takes the form of its total."""
    assert pages["news"].count_text(shown, total, lang) == expected


@pytest.fixture
def scratch_locales(tmp_path, monkeypatch):
    """A locales folder holding a copy of the Arabic catalog's header and one entry."""
    head = (i18n.LOCALES_DIR / "ar" / "LC_MESSAGES" / "messages.po").read_text(
        encoding="utf-8").split("\n\n", 1)[0]
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        head + '\n\nmsgid "Compare"\nmsgstr "قارن"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    i18n.translations_of.cache_clear()
    yield folder / "messages.po"
    monkeypatch.undo()
    i18n.translations_of.cache_clear()


def test_merge_translations_appends_plural_entries(scratch_locales):
    """A (singular, plural) key with one form per plural of the header is appended as
    msgid_plural and msgstr[n] and reads back through tn(); single texts still merge, what is
    there (a plural named by its singular included) is left alone."""
    before = scratch_locales.read_text(encoding="utf-8")
    rows = ("{count} row", "{count} rows")
    forms = ["{count} صفوف", "{count} صف", "{count} صفان", "{count} صفوف", "{count} صفًا",
             "{count} صف"]
    assert i18n.merge_translations("ar", {rows: forms, "Compare": "x", "Rank": "المرتبة"}) == [
        rows, "Rank"]
    after = scratch_locales.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert 'msgid_plural "{count} rows"\nmsgstr[0] "{count} صفوف"' in after
    assert 'msgstr[5] "{count} صف"' in after and "msgstr[6]" not in after
    assert [i18n.tn(*rows, n, "ar", count=n) for n in (0, 1, 2, 5, 11, 100)] == [
        f.replace("{count}", str(n)) for f, n in zip(forms, (0, 1, 2, 5, 11, 100), strict=True)]
    assert i18n.t("Rank", "ar") == "المرتبة"
    assert i18n.merge_translations("ar", {(rows[0], "other plural"): forms}) == []
    assert scratch_locales.read_text(encoding="utf-8") == after


@pytest.mark.parametrize("translations", [
    pytest.param({("{n} a", "{n} as"): ["{n} x", "{n} y"]}, id="too-few-forms"),
    pytest.param({("{n} a", "{n} as"): ["{n} x"] * 5 + [""]}, id="empty-form"),
    pytest.param({("{n} a", "{n} as"): "{n} x"}, id="string-for-a-plural"),
    pytest.param({"{n} a": ["{n} x"] * 6}, id="forms-for-a-single"),
])
def test_merge_translations_refuses_incomplete_plurals(scratch_locales, translations):
    """A plural translation must have every form of the catalog's header, none empty; the
    file is left as it was."""
    before = scratch_locales.read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        i18n.merge_translations("ar", translations)
    assert scratch_locales.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(("raw", "expected"), [
    pytest.param("fr", "fr", id="fr"), pytest.param("AR", "ar", id="upper"),
    pytest.param("fr-FR", "fr", id="region"), pytest.param(["ar"], "ar", id="list"),
    pytest.param("xx", "en", id="unknown"), pytest.param(None, "en", id="none"),
])
def test_normalize_lang(raw, expected):
    """Any lang value resolves to a supported language."""
    assert i18n.normalize_lang(raw) == expected


def test_direction():
    """Arabic is right-to-left, the others left-to-right."""
    assert i18n.text_direction("ar") == "rtl"
    assert i18n.text_direction("fr") == "ltr"


@pytest.mark.parametrize(("value", "lang", "expected"), [
    pytest.param(97.5, "en", "97.5", id="en"),
    pytest.param(97.5, "fr", "97,5", id="fr"),
    pytest.param(97.5, "ar", "97.5", id="ar"),
    pytest.param(1991, "fr", "1\u202f991", id="fr-thousands"),
    pytest.param(None, "en", "–", id="missing"),
    pytest.param(float("nan"), "en", "–", id="nan"),
])
def test_format_number(value, lang, expected):
    """Numbers follow the locale (Babel); missing values show a dash."""
    assert i18n.format_number(value, lang) == expected


def test_format_signed():
    """Changes carry their sign; zero has none."""
    assert i18n.format_signed(15.09, "en") == "+15.09"
    assert i18n.format_signed(-5, "fr") == "−5"
    assert i18n.format_signed(0.0, "en") == "0"


def test_names_are_joined_as_each_language_joins_them():
    """CLDR list patterns: Arabic joins with "و" (not a Latin comma or "and")."""
    assert i18n.format_names(["Morocco", "Oman"], "en") == "Morocco and Oman"
    assert i18n.format_names(["Maroc", "Oman", "Tunisie"], "fr") == "Maroc, Oman et Tunisie"
    assert i18n.format_names(["المغرب", "عُمان"], "ar") == "المغرب وعُمان"


def test_signed_numbers_keep_their_sign_in_front_in_arabic():
    """In an Arabic line the sign follows a bidi mark (CLDR's), so "+15.09" is not shown
    as "15.09+": a left-to-right mark before Western digits, the Arabic letter mark before
    Arabic-Indic ones; no mark in English or French, and none on zero."""
    assert i18n.format_signed(15.09, "ar", digits="latn") == "\u200e+15.09"
    assert i18n.format_signed(-4.23, "ar", digits="latn") == "\u200e−4.23"
    assert i18n.format_signed(15.09, "ar", digits="arab") == "\u061c+١٥٫٠٩"
    assert i18n.format_signed(0.0, "ar", digits="latn") == "0"
    assert i18n.format_signed(-4.23, "fr") == "−4,23"


# ---------------------------------------------------------------- digits and percentages


@pytest.mark.parametrize(("value", "lang", "digits", "expected"), [
    pytest.param(97.5, "ar", "latn", "97.5", id="ar-latn"),
    pytest.param(97.5, "ar", "arab", "٩٧٫٥", id="ar-arab"),
    pytest.param(1991, "ar", "arab", "١٬٩٩١", id="ar-arab-thousands"),
    pytest.param(97.5, "fr", "arab", "97,5", id="fr-ignores-arab"),
])
def test_format_number_digits(value, lang, digits, expected):
    """Arabic numbers use the chosen digits; other languages keep 0-9."""
    assert i18n.format_number(value, lang, digits=digits) == expected
    with i18n.use_digits(digits):
        assert i18n.format_number(value, lang) == expected
    assert i18n.current_digits() == "latn"


def test_format_number_repeats_its_answer_and_keeps_signed_zero():
    """Kept texts come back the same for the same number, language and digits; -0.0 and 0.0
    (one key to a cache) are still written as Babel writes them."""
    first = [i18n.format_number(v, lang, 2, digits) for v in (97.5, 1234.567, -3.0)
             for lang, digits in (("en", None), ("fr", None), ("ar", "arab"), ("ar", "latn"))]
    again = [i18n.format_number(v, lang, 2, digits) for v in (97.5, 1234.567, -3.0)
             for lang, digits in (("en", None), ("fr", None), ("ar", "arab"), ("ar", "latn"))]
    assert first == again and first[1] == "97,5" and first[4] == "1,234.57"
    assert [i18n.format_number(v, "en") for v in (-0.0, 0.0, -0.0)] == ["-0", "0", "-0"]


@pytest.mark.parametrize(("lang", "digits", "expected"), [
    pytest.param("en", "latn", "97.5%", id="en"),
    pytest.param("fr", "latn", "97,5\u00a0%", id="fr"),
    pytest.param("ar", "latn", "97.5%", id="ar-latn"),
    pytest.param("ar", "arab", "٩٧٫٥٪", id="ar-arab"),
])
def test_format_percentage(lang, digits, expected):
    """Percentages follow the locale's pattern and digits."""
    assert i18n.format_percentage(97.5, lang, digits=digits) == expected


def test_localize_digits_and_plotly_separators():
    """Text digits and Plotly's separators follow the Arabic-Indic choice."""
    assert i18n.localize_digits("GCI 2024", "ar", "arab") == "GCI ٢٠٢٤"
    assert i18n.localize_digits("GCI 2024", "fr", "arab") == "GCI 2024"
    with i18n.use_digits("arab"):
        assert i18n.plotly_separators("ar") == "٫٬"
    assert i18n.plotly_separators("ar") == ".,"


# ---------------------------------------------------------------- what the extractor sees


@pytest.mark.parametrize(("lang", "digits", "decimal", "numerals"), [
    pytest.param("en", None, ".", None, id="en"),
    pytest.param("fr", None, ",", None, id="fr"),
    pytest.param("ar", "latn", ".", None, id="ar-western"),
    pytest.param("ar", "arab", "\u066b", list("\u0660\u0661\u0662\u0663\u0664\u0665\u0666"
                                              "\u0667\u0668\u0669"), id="ar-arabic-indic"),
])
def test_table_locale(lang, digits, decimal, numerals):
    """DataTables get the language's decimal mark, and Arabic-Indic numerals when chosen."""
    locale = i18n.table_locale(lang, digits)
    assert locale["decimal"] == decimal
    assert locale.get("numerals") == numerals


def test_no_message_hidden_in_an_f_string():
    """No t("...")/tn("...")/N_("...") literal sits inside an f-string, where the extractor cannot see it."""
    import tokenize

    pattern = re.compile(r"""\b(?:t|tn|N_)\(\s*["']""")
    hidden = []
    for path in sorted((i18n.LOCALES_DIR.parent).rglob("*.py")):
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                prefix = token.string[:2].lower()
                if token.type == tokenize.STRING and "f" in prefix and pattern.search(token.string):
                    hidden.append(f"{path.name}:{token.start[0]}")
    assert not hidden, f"move these t() calls out of f-strings: {hidden}"


# ---------------------------------------------------------------- rendered pages


def _english_only(lang: str) -> set[str]:
    """UI strings whose translation in ``lang`` differs from the English source."""
    translated = i18n.catalog(lang)
    return {msgid for msgid, text in translated.items()
            if text != msgid and not PLACEHOLDER.search(msgid) and len(msgid) > 3}


def _walk_in_language(component, lang: str):
    """Every component and string under ``component``, except parts marked as written in
    another language (``lang="en"``: document titles, notes, quotes as published)."""
    own = getattr(component, "lang", None)
    if isinstance(own, str) and i18n.normalize_lang(own) != lang:
        return
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None:
            yield from _walk_in_language(child, lang)


def _visible_strings(component, lang: str) -> list[str]:
    """Texts a reader meets: children, labels, placeholders, names, chart titles and axes."""
    found: list[str] = []
    for node in _walk_in_language(as_components(component), lang):
        if isinstance(node, str):
            found.append(node)
            continue
        props = getattr(node, "to_plotly_json", lambda: {})().get("props", {})
        for key in ("placeholder", "title", "aria-label", "label"):
            if isinstance(props.get(key), str):
                found.append(props[key])
        for option in props.get("options") or []:
            if isinstance(option, dict) and isinstance(option.get("label"), str):
                found.append(option["label"])
        for column in props.get("columns") or []:
            if isinstance(column, dict) and isinstance(column.get("name"), str):
                found.append(column["name"])
        figure = props.get("figure")
        if figure is not None:
            layout = figure["layout"] if isinstance(figure, dict) else figure.layout
            layout = layout.to_plotly_json() if hasattr(layout, "to_plotly_json") else layout
            for axis in ("title", "xaxis", "yaxis"):
                part = layout.get(axis) or {}
                title = part.get("title", part) if axis != "title" else part
                text = title.get("text") if isinstance(title, dict) else title
                if isinstance(text, str):
                    found.append(text)
    return [text.strip() for text in found if text and text.strip()]


PAGE_ARGS = {"country": {"iso3": "MAR"}}


@pytest.mark.parametrize("lang", [pytest.param("fr", id="fr"), pytest.param("ar", id="ar")])
def test_rendered_pages_show_no_english_ui_string(dash_app, pages, lang):
    """Every page laid out in French or Arabic shows no English-only interface string (data
    values such as document titles are not messages, so they may stay as published)."""
    english = _english_only(lang)
    leaks = {}
    for name, module in sorted(pages.items()):
        layout = getattr(module, "layout", None)
        if not callable(layout):
            continue
        with dash_app.server.test_request_context(f"/?lang={lang}"):
            tree = layout(lang=lang, **PAGE_ARGS.get(name, {}))
        found = sorted({text for text in _visible_strings(tree, lang) if text in english})
        if found:
            leaks[name] = found
    assert not leaks, f"{lang}: English strings on rendered pages: {leaks}"


def test_source_titles_are_catalog_entries():
    """Each source's title (INFO.title of etl/sources/*.py) is in the template with a reference
    to its file, and translated in French and Arabic (the status page shows it with t())."""
    import importlib
    import pkgutil

    import etl.sources

    template = {str(m.id): m for m in i18n.extract_messages() if m.id}
    titles = {}
    for module in pkgutil.iter_modules(etl.sources.__path__):
        info = getattr(importlib.import_module(f"etl.sources.{module.name}"), "INFO", None)
        if info is not None:
            titles[info.title] = f"etl/sources/{module.name}.py"
    assert "Global Cybersecurity Index" in titles and len(titles) >= 10
    for title, filename in titles.items():
        assert filename in {f for f, _ in template[title].locations}, title
        for lang in ("fr", "ar"):
            assert i18n.catalog(lang).get(title), (lang, title)


def test_etl_messages_are_read_without_importing(tmp_path):
    """The extractor reads ETL texts from the code: a title, a check's message, a constant;
    other calls and keywords are not messages."""
    (tmp_path / "etl" / "sources").mkdir(parents=True)
    (tmp_path / "etl" / "sources" / "demo.py").write_text(
        'INFO = SourceInfo(id="demo", title="Demo index "\n    "(dated)", url="https://x")\n'
        'OTHER = dict(title="not a source")\n', encoding="utf-8")
    (tmp_path / "etl" / "schemas.py").write_text(
        'NOT_A_NUMBER = "not a number"\nOTHER = "other"\n'
        '@pa.dataframe_check(error="rows disagree")\ndef f(): ...\n'
        '@pa.check("iso3", error="bad code")\ndef g(): ...\n', encoding="utf-8")
    found = {(f, line, text) for f, line, text, _ in i18n.etl_messages(tmp_path)}
    assert found == {("etl/sources/demo.py", 1, "Demo index (dated)"),
                     ("etl/schemas.py", 1, "not a number"),
                     ("etl/schemas.py", 3, "rows disagree"),
                     ("etl/schemas.py", 5, "bad code")}


def test_etl_mappings_and_returned_texts_are_read_as_messages(tmp_path):
    """A declared mapping gives each of its texts (the report of each GCI edition); a declared
    function each text it returns as is (the kind of source NCSI gives a statement), not the
    texts it only compares with."""
    (tmp_path / "etl" / "sources").mkdir(parents=True)
    (tmp_path / "etl" / "sources" / "itu_gci.py").write_text(
        'EDITION_DOCUMENTS = {\n    2014: "Report (1st edition)",\n    2017: "Report 2017",\n}\n'
        'OTHER = {2014: "not a message"}\n', encoding="utf-8")
    (tmp_path / "etl" / "sources" / "ncsi.py").write_text(
        'def _source_kind(url: str) -> str:\n'
        '    return ("the academy" if "ega.ee" in url else "press")\n'
        'def other() -> str:\n    return "not a message"\n', encoding="utf-8")
    found = {(f, line, text) for f, line, text, _ in i18n.etl_messages(tmp_path)}
    assert found == {("etl/sources/itu_gci.py", 2, "Report (1st edition)"),
                     ("etl/sources/itu_gci.py", 3, "Report 2017"),
                     ("etl/sources/ncsi.py", 2, "the academy"),
                     ("etl/sources/ncsi.py", 2, "press")}


def test_indicator_names_and_breaks_are_catalog_entries():
    """Every indicator name and declared methodology break of the registry (names built from
    parts included) is in the template with a reference to its source file, and translated in
    French and Arabic."""
    from etl.sources import SOURCES

    template = {str(m.id): m for m in i18n.extract_messages() if m.id}
    texts = {}
    for module in SOURCES.values():
        for text in [i.name for i in module.INDICATORS] + [
                b["note"] for b in getattr(module, "BREAKS", None) or ()]:
            texts[text] = f"etl/sources/{module.__name__.rsplit('.', 1)[1]}.py"
    assert "UN EGDI: Online Service Index" in texts and len(texts) >= 25
    for text, filename in texts.items():
        assert filename in {f for f, _ in template[text].locations}, text
        for lang in ("fr", "ar"):
            assert i18n.catalog(lang).get(text), (lang, text)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Internet users per 100 people (WDI 2017 vintage, old; since renamed)"),
    ("fr", "Utilisateurs d'Internet pour 100 personnes (millésime 2017 des WDI, ancien\u202f; "
           "renommé depuis)"),
])
def test_indicator_names_from_data_read_in_the_page_language(lang, expected):
    """An indicator name from a source reads in the page's language; one the catalog does not
    know stays as stored, marked as English."""
    from dashboard import provenance

    names = {"wb2017.IT.NET.USER.P2": expected if lang == "en" else
             "Internet users per 100 people (WDI 2017 vintage, old; since renamed)",
             "x.unknown": "Some new indicator"}
    assert provenance.indicator_name("wb2017.IT.NET.USER.P2", names, lang) == expected
    unknown = provenance.indicator_name("x.unknown", names, lang)
    if lang == "en":
        assert unknown == "Some new indicator"
    else:
        assert unknown.lang == "en" and unknown.children == "Some new indicator"


@pytest.mark.parametrize("lang, day, moment", [
    ("en", "Nov 9, 2026", "Nov 9, 2026, 14:05 UTC"),
    ("fr", "9 nov. 2026", "9 nov. 2026, 14:05 UTC"),
    ("ar", "9 نوفمبر 2026", "9 نوفمبر 2026، 14:05 UTC"),
])
def test_dates_and_times_are_written_one_way_per_language(lang, day, moment):
    """Every page writes a day and a time the same way (CLDR's for the language, 24-hour,
    in UTC and saying so), from text, dates, naive or aware datetimes and Timestamps alike."""
    import datetime as dt

    import pandas as pd

    assert i18n.format_day("2026-11-09", lang) == day
    assert i18n.format_day(dt.date(2026, 11, 9), lang) == day
    assert i18n.format_day(pd.Timestamp("2026-11-09 23:00", tz="UTC"), lang) == day
    assert i18n.format_moment(pd.Timestamp("2026-11-09 14:05", tz="UTC"), lang) == moment
    assert i18n.format_moment(dt.datetime(2026, 11, 9, 14, 5), lang) == moment  # naive: UTC
    assert i18n.format_moment("2026-11-09T16:05:00+02:00", lang) == moment  # to UTC
    assert i18n.format_moment("2026-11-09", lang) == day  # a date alone is its day


def test_dates_missing_or_partial_are_never_completed():
    """A missing date is a dash; a year alone is shown as written, a month as a month: never
    completed to a day."""
    import pandas as pd

    assert i18n.format_day(None, "fr") == "–"
    assert i18n.format_day(pd.NaT, "fr") == "–"
    assert i18n.format_moment(float("nan"), "ar") == "–"
    assert i18n.format_day("2024-05", "fr") == "mai 2024"  # a month, not a day
    assert i18n.format_day("2024", "en") == "2024"


def test_dates_follow_the_arabic_digit_choice():
    with i18n.use_digits("arab"):
        assert i18n.format_moment("2026-11-09T14:05:00Z", "ar") == "٩ نوفمبر ٢٠٢٦، ١٤:٠٥ UTC"
        assert i18n.format_day("2026-11-09", "fr") == "9 nov. 2026"  # only Arabic changes


def test_whole_numbers_given_as_fields_follow_the_arabic_digit_choice():
    """An edition or a tier passed as a number ("GCI {edition}") is written in the digits the
    Arabic reader chose, as formatted numbers are; text fields and other languages are not
    touched, nor a bool."""
    import numpy as np

    with i18n.use_digits("arab"):
        assert "٢٠٢٤" in i18n.t("GCI {edition}", "ar", edition=2024)
        assert "٢٠٢٠" in i18n.t("GCI {edition}", "ar", edition=np.int64(2020))
        assert "2024" in i18n.t("GCI {edition}", "ar", edition="2024")  # text: as given
        assert i18n.t("GCI {edition}", "fr", edition=2024).endswith("2024")
        assert "٣" in i18n.tn("{count} claim", "{count} claims", 3, "ar", count=3)
    assert "2024" in i18n.t("GCI {edition}", "ar", edition=2024)  # Western digits by default


@pytest.mark.parametrize("written, shown", [
    ("الدرجة (0-100)", "الدرجة (٠-١٠٠)"),
    ("2024: مستويات", "٢٠٢٤: مستويات"),
    ("{value} من 20", "{value} من ٢٠"),
    ("نسخة 2017 (0.1)", "نسخة ٢٠١٧ (٠٫١)"),
    # A percentage's sign is the Arabic one with Arabic-Indic digits, as Babel writes ٩٧٫٥٪.
    ("من 82.4% (2020) إلى 97.5% (2024)", "من ٨٢٫٤٪ (٢٠٢٠) إلى ٩٧٫٥٪ (٢٠٢٤)"),
    # Latin names and codes keep their digits, whole: never "ISO 3١٦٦-١" or "SHA-2٥٦".
    ("وفق معيار ISO 3166-1 الثلاثي", "وفق معيار ISO 3166-1 الثلاثي"),
    ("اللقطة (SHA-256)", "اللقطة (SHA-256)"),
    ("GDELT DOC 2.0 و API v2", "GDELT DOC 2.0 و API v2"),
    ("بالرمز 304 Not Modified", "بالرمز 304 Not Modified"),
    ("(wb2017.IT.NET.SECR.P6) ISO3", "(wb2017.IT.NET.SECR.P6) ISO3"),
])
def test_a_translations_own_numbers_follow_the_arabic_digit_choice(written, shown):
    """Numbers in a translated sentence (scales, years, "out of 20") are written in the
    Arabic-Indic digits the reader chose, as the figures are; a Latin name or code keeps its
    digits; Western digits are the default, and other languages are untouched."""
    with i18n.use_digits("arab"):
        assert i18n.localize_numbers(written, "ar") == shown
        assert i18n.localize_numbers(written, "fr") == written
    assert i18n.localize_numbers(written, "ar") == written


def test_translated_sentences_reach_the_page_in_the_chosen_digits():
    with i18n.use_digits("arab"):
        title = i18n.t("GCI pillars (each out of 20)", "ar")
        assert "٢٠" in title and "20" not in title
        note = i18n.t("GCI {edition} pillars (each out of 20)", "ar", edition=2024)
        assert "٢٠٢٤" in note and "٢٠)" in note


@pytest.mark.parametrize("written, shown", [
    ("نتيجة 97.5 من 100", "نتيجة ٩٧٫٥ من ١٠٠"),  # Arabic decimal mark, as Babel writes it
    ("14,126 صفًا", "١٤٬١٢٦ صفًا"),
    ("ITU Global Cybersecurity Index 2017 (2nd edition)",
     "ITU Global Cybersecurity Index 2017 (2nd edition)"),
    ("worldbank_wdi_2017", "worldbank_wdi_2017"),
])
def test_numbers_in_page_text_follow_the_digit_choice_codes_kept_whole(written, shown):
    with i18n.use_digits("arab"):
        assert i18n.localize_numbers(written, "ar") == shown


def test_french_never_puts_a_country_name_where_it_needs_an_article():
    """French names most countries with an article ("le Maroc", "la Tunisie", "l'Égypte", but
    "Oman"), which CLDR does not give: a translation must not write "sur {country}" or
    "Comparer {country}" ("sur Maroc" is wrong), only forms that need none ("{country} : …")."""
    import re

    bad = re.compile(r"\b(sur|pour|de|à|du|avec|nomment|nomme|cite|Comparer) \{country\}")
    texts = [*i18n.catalog("fr").values(),
             *(form for forms in i18n.plural_catalog("fr").values() for form in forms)]
    assert [text for text in texts if bad.search(text)] == []


def test_arabic_uses_one_word_for_each_gci_term():
    """Pillar is ركيزة, score درجة and tier المستوى everywhere, claim explanations included
    (the audit found محور beside ركيزة, نتيجة beside الدرجة and الفئة beside المستوى)."""
    from etl.news.explain import METRIC_NAMES

    arabic = [*i18n.catalog("ar").values(),
              *(form for forms in i18n.plural_catalog("ar").values() for form in forms),
              *METRIC_NAMES["ar"].values()]
    assert [text for text in arabic if "محور" in text] == []
    names = METRIC_NAMES["ar"]
    assert names["score"] == "درجة" and names["tier"] == "المستوى"
    assert all("ركيزة" in names[p] for p in ("legal", "technical", "organizational",
                                              "capacity_development", "cooperation"))
