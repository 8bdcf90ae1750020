"""i18n: gettext catalogs for fr and ar cover every marked string; locale number formats."""

from __future__ import annotations

import re

import pytest

from dashboard import i18n

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.fixture(scope="module")
def msgids() -> list[str]:
    return [str(m.id) for m in i18n.extract_messages() if m.id]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_marked_string_is_translated(msgids, lang):
    """Each t()/N_() string of the dashboard has a translation in the catalog."""
    missing = [m for m in msgids if m not in i18n.catalog(lang)]
    assert not missing, f"{lang}: untranslated (run `python -m dashboard.i18n extract`): {missing}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_translations_keep_their_placeholders(lang):
    """A translation uses exactly the {fields} of its English source."""
    bad = {m: s for m, s in i18n.catalog(lang).items()
           if set(PLACEHOLDER.findall(m)) != set(PLACEHOLDER.findall(s))}
    assert not bad


def test_template_lists_every_marked_string(msgids):
    """messages.pot is up to date with the code."""
    from babel.messages.pofile import read_po

    with (i18n.LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = {str(m.id) for m in read_po(handle) if m.id}
    assert set(msgids) <= template


def test_t_translates_formats_and_falls_back():
    """Known ids are translated, fields filled; unknown ids and languages give English."""
    assert i18n.t("Compare", "fr") == "Comparer"
    assert i18n.t("Rank {rank}", "ar", rank="50") == "المرتبة 50"
    assert i18n.t("not a message {x}", "fr", x=1) == "not a message 1"
    assert i18n.t("Compare", "de") == "Compare"


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
