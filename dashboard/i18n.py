"""Every visible string of the dashboard goes through :func:`t` (gettext style).

English source strings are the message ids; French and Arabic come from the gettext catalogs
``dashboard/locales/<lang>/LC_MESSAGES/messages.po``, read once with Babel and cached. A missing
translation falls back to English, never to an error. Strings kept in constants are marked with
:func:`N_` so the extractor finds them; translate them with ``t(value, lang)`` where shown.

A text that counts something goes through :func:`tn` (gettext's ngettext): English has a
singular and a plural, French two forms (0 and 1 singular), Arabic six (0, 1, 2, 3-10, 11-99
and the rest); each catalog's ``Plural-Forms`` header says which form a number takes. The count
picks the form; the number shown is passed formatted, as a field, like any other::

    tn("{count} claim", "{count} claims", n, lang, count=format_number(n, lang, 0))

Regenerate the template after changing strings::

    python -m dashboard.i18n extract     # writes dashboard/locales/messages.pot

Numbers follow the locale (Babel/CLDR). In Arabic the reader chooses the digits: Western
(``latn``, 0-9, the default) or Arabic-Indic (``arab``, ٠-٩, with ٫ and ٬ as separators). The
choice is per request (:func:`use_digits`, set from the ``digits`` URL parameter or the
remembered cookie, see :mod:`dashboard.preferences`), so ``format_number(x, lang)`` needs no
extra argument anywhere.
"""

from __future__ import annotations

import gettext
import math
import operator
import re
import string
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from numbers import Integral
from pathlib import Path
from typing import Any, NamedTuple

from babel.core import UnknownLocaleError
from babel.dates import format_skeleton, get_datetime_format
from babel.lists import format_list
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.numbers import (
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
    get_plus_sign_symbol,
)

LANGUAGES: tuple[str, ...] = ("en", "fr", "ar")
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar"})
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
# Each language named in itself, for the language switch.
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "fr": "Français", "ar": "العربية"}
# What the extractor treats as a message: t("...", lang), N_("...") and, with a plural (Babel's
# spec: arguments 1 and 2 are the singular and the plural), tn("...", "...", n, lang).
EXTRACT_KEYWORDS: dict[str, tuple[int, ...] | None] = {"t": None, "N_": None, "tn": (1, 2)}
# Fixed English texts of the ETL's own code that the dashboard shows with t(text, lang) (the
# status page): the ETL neither imports this module nor marks them, so the extractor reads
# them from the code, each with its file and line. (files, call, keyword holding the text)
ETL_KEYWORD_MESSAGES: tuple[tuple[str, str, str, str], ...] = (
    ("etl/sources/*.py", "SourceInfo", "title", "Title of a data source (status page)."),
    ("etl/schemas.py", "check", "error",
     "Message of a validation check on one column, quoted in quarantine reasons."),
    ("etl/schemas.py", "dataframe_check", "error",
     "Message of a validation rule across columns, quoted in quarantine reasons."),
)
# (file, module-level name assigned a text, translator comment)
ETL_CONSTANT_MESSAGES: tuple[tuple[str, str, str], ...] = (
    ("etl/schemas.py", "NOT_A_NUMBER",
     "Message of the check a value that is not a number fails, quoted in quarantine reasons."),
    ("etl/schemas.py", "EGDI_MEAN_ERROR",
     "Message of the check an EGDI score fails when it is not the mean of its three "
     "sub-indices (OSI, HCI, TII: the UN's abbreviations, kept), quoted in quarantine reasons."),
    ("etl/pipeline.py", "ABANDONED", "Reason of a run a later run found unfinished (status page)."),
    ("etl/targets.py", "NOT_MODIFIED",
     "Reason of a live source's run that found nothing new (status page)."),
    ("etl/scheduler.py", "SKIPPED_LOCKED",
     "Reason of a scheduled run skipped because another refresh held the lock (status page)."),
    *(("etl/viewquery.py", name, "Why the Data page cannot filter or sort its table by what "
       "was typed or linked; {at} quotes the text where reading stopped, {column}, {known} "
       "and {direction} are column ids and words of the query, kept as they are.")
      for name in ("TOO_LONG", "NOT_JOINED", "NOT_A_CONDITION", "UNKNOWN_COLUMN", "NO_VALUE",
                   "TOO_MANY", "UNKNOWN_SORT_COLUMN", "BAD_DIRECTION")),
    ("etl/viewquery.py", "NOT_A_NUMBER",
     "Why the Data page cannot filter its table by what was typed or linked: a number column "
     "compared with a word; {column} is a column id and {value} what was typed, kept as they "
     "are; 82.5 stays written with a point (the filter reads numbers so)."),
    ("etl/viewquery.py", "NOT_WHOLE",
     "Why the Data page cannot filter its table by what was typed or linked: a column of whole "
     "numbers (years, ranks, tiers) compared with a number with decimals; {column} is a column "
     "id and {value} what was typed, kept as they are; 2020 is a year."),
    ("etl/gate.py", "GATE_QUARANTINED",
     "Why the publish gate held a release: too many rows quarantined; share and limit are "
     "percentages as the page writes them (status page)."),
    ("etl/gate.py", "GATE_SHRANK",
     "Why the publish gate held a release: far fewer rows than published (status page)."),
    ("etl/gate.py", "GATE_DROPS",
     "Why the publish gate held a release: countries of the previous release missing; "
     "countries is a list of ISO3 codes (status page)."),
    # Mappings: each of their texts is a message.
    ("etl/gate.py", "GATE_CONTENT_SHRANK",
     "Why the publish gate held a release: far fewer cited statements or per-source values "
     "than published (status page)."),
    ("etl/gate.py", "GATE_CONTENT_DROPS",
     "Why the publish gate held a release: a country's cited statements or per-source values "
     "gone; countries is a list of ISO3 codes (status page)."),
    ("etl/gate.py", "GATE_SCALE",
     "Why the publish gate held a release: an indicator's changed values all moved by one "
     "factor, as a unit change does; indicator is an id, kept as it is (status page)."),
    ("etl/gate.py", "GATE_INDICATORS",
     "Why the publish gate held a release: every value of whole indicators (a GCI pillar, an "
     "EGDI sub-index) of the previous release missing; indicators is a list of indicator ids "
     "(status page)."),
    ("etl/gate.py", "GATE_EDITIONS",
     "Why the publish gate held a release: every value of whole editions of an indicator of the "
     "previous release missing; editions is a list of \"indicator-id year\" (status page)."),
    ("etl/skipped_runs.py", "SKIPPED_BUSY",
     "Reason of a run `cyberindex etl run` skipped because another refresh held the lock "
     "(status page); the command stays as written."),
    ("etl/locks.py", "LOCK_LOST",
     "Reason of a run that failed because another refresh took its lock over before its data "
     "was committed (status page)."),
    # A mapping: each of its texts is a message.
    ("etl/sources/itu_gci.py", "EDITION_DOCUMENTS",
     "Title of the ITU report a GCI edition's figures come from, with its edition (Sources "
     "lists, brief)."),
    ("etl/sources/un_egdi.py", "DOCUMENT_TITLE",
     "Title of the UN survey an EGDI figure comes from; {year} is its survey year (the "
     "explanations of checked claims)."),
    ("etl/sources/ncsi.py", "DOCUMENT_TITLE",
     "The NCSI snapshot a figure was read in; {snapshot} is the snapshot's own description, "
     "translated on its own (the explanations of checked claims)."),
    ("etl/sources/worldbank_wdi_2017.py", "VINTAGE",
     "The World Bank WDI files an old-vintage figure comes from (Data page, document column)."),
)
# ETL functions that return a fixed English text the dashboard shows (the kind of source of
# the statements they build): (file, function, translator comment). The texts it returns as
# they are, or either text of a conditional, are messages.
ETL_RETURN_MESSAGES: tuple[tuple[str, str, str], ...] = (
    ("etl/sources/ncsi.py", "_source_kind",
     "Kind of source of a cited statement (Cross-index page)."),
)
# Texts of the bundled data files that the dashboard shows, read from the files themselves:
# (file, column, translator comment). Each distinct text of the column is a message (a cell
# without a letter, such as a date, is not); the pages show it with
# dashboard.layout.catalog_text or catalog_element (the brief with brief_html.data_html): translated
# where the catalog has it, else English, marked so. Exports and downloads keep the English.
DATA_MESSAGES: tuple[tuple[str, str, str], ...] = (
    ("datasets/corrections.csv", "reason",
     "Why the corrections ledger flags or corrects a value (its badge beside the value). "
     "Keep every number, name and code as written."),
    ("datasets/gci_scores.csv", "source_note",
     "Note on the source of a GCI figure (Sources lists). Keep every number, name and code; "
     "bipa, sspi and press name the channels a value was read through."),
    ("datasets/gci_scores.csv", "rank_check",
     "Whether the press or an official release confirms a GCI rank or tier, or gives another "
     "rank (said after a GCI figure's note, joined by a semicolon). Keep every number."),
    ("datasets/gci_source_values.csv", "source_note",
     "Note on who printed a GCI value, shown where sources disagree. Keep every number, "
     "outlet and name; a row name in quotes is the source's own label, kept as written."),
    ("datasets/interpol_africa_cyberthreat_facts.csv", "statement",
     "A finding cited from an INTERPOL report or the press (Cross-index page, brief). Keep "
     "every number, name and organisation."),
    ("datasets/interpol_africa_cyberthreat_facts.csv", "report_title",
     "The report a cited finding comes from, with its edition (Cross-index page, brief)."),
    ("datasets/interpol_africa_cyberthreat_facts.csv", "publication_date",
     "When the report or article behind a cited finding was published (after \"published\")."),
    ("datasets/interpol_africa_cyberthreat_facts.csv", "source_kind",
     "Kind of source of a cited statement (Cross-index page)."),
    ("datasets/interpol_africa_cyberthreat_facts.csv", "source_note",
     "Note on a cited finding: conflicts between outlets, how to read it."),
    ("datasets/ncsi_snapshots.csv", "snapshot",
     "Which NCSI page or news item an NCSI figure was read in, and when (Cross-index "
     "statements). Keep every number, date and address; a news title in quotes stays as "
     "written."),
    ("datasets/ncsi_snapshots.csv", "source_note",
     "Note on where an NCSI figure was read (Data page). Keep every number, name, address "
     "and quoted text as written."),
    ("datasets/egdi_scores.csv", "source_note",
     "Part of a note on where a UN E-Government Survey (EGDI) figure was read (Data page; "
     "the parts of a note are joined by a semicolon). Keep file names, column names and "
     "addresses as written."),
    ("datasets/worldbank_wdi_2017_vintage.csv", "source_note",
     "Note on where a World Bank figure was read (Data page). Keep names and dates."),
)
_LETTER = re.compile(r"[A-Za-z]")
# Digit systems offered in Arabic: Western (0-9) and Arabic-Indic (٠-٩).
DIGIT_SYSTEMS: tuple[str, ...] = ("latn", "arab")
DEFAULT_DIGITS = "latn"
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_digits: ContextVar[str] = ContextVar("cyberindex_digits", default=DEFAULT_DIGITS)


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it now (translate later with t)."""
    return msgid


# Notes made of parts joined by "; " whose parts name a source's row or fields (the EGDI file's:
# "<mirror>; source row name 'Angola'; confirmed: egdi_rank"; the NCSI source's "snapshot: <its
# description>; 61 countries in the index; <the file's note>"): said part by part, the quoted
# row name and the field ids kept as written (:func:`data_text`).
NOTE_BY_PARTS = frozenset({"datasets/egdi_scores.csv"})
NOTE_PART_SEPARATOR = "; "
DATA_TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Translators: part of a source's note: the row of the source's file a value was read in,
    # {name} as the file writes it.
    (re.compile(r"source row name '(?P<name>.+)'"), N_("source row name '{name}'")),
    # Translators: part of a source's note: the fields a second source confirms, {fields}
    # their ids (egdi, egdi_rank...) as written.
    (re.compile(r"confirmed: (?P<fields>[a-z_]+(?:, [a-z_]+)*)"), N_("confirmed: {fields}")),
    # Translators: part of a note on an NCSI figure: the snapshot of the NCSI site or news it
    # was read in, {snapshot} its description (translated on its own).
    (re.compile(r"snapshot: (?P<snapshot>.+)"), N_("snapshot: {snapshot}")),
    # Translators: part of a note on an NCSI figure: how many countries the index listed then.
    (re.compile(r"(?P<n>\d+) countries in the index"), N_("{n} countries in the index")),
)
# Template fields said in the page's language by the catalog (an NCSI snapshot's description,
# a message of its own); the others are kept as written (numbers in the reader's digits).
DATA_TEMPLATE_TRANSLATED = frozenset({"snapshot"})


def normalize_lang(lang: object) -> str:
    """A supported language code; anything else (missing, unknown, a list) gives English."""
    if isinstance(lang, list | tuple):
        lang = lang[0] if lang else None
    code = str(lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def normalize_digits(digits: object) -> str:
    """``arab`` or ``latn`` (anything else, missing included, gives ``latn``)."""
    if isinstance(digits, list | tuple):
        digits = digits[0] if digits else None
    code = str(digits or "").strip().lower()
    return code if code in DIGIT_SYSTEMS else DEFAULT_DIGITS


def current_digits() -> str:
    """The digit system chosen for this request (``latn`` unless set)."""
    return _digits.get()


@contextmanager
def use_digits(digits: object) -> Iterator[str]:
    """Format Arabic numbers with ``digits`` (``latn`` or ``arab``) inside the block."""
    token = _digits.set(normalize_digits(digits))
    try:
        yield _digits.get()
    finally:
        _digits.reset(token)


def set_digits(digits: object) -> None:
    """Set the digit system for the rest of this request (or context)."""
    _digits.set(normalize_digits(digits))


def arabic_indic(lang: str, digits: str | None = None) -> bool:
    """True when numbers in ``lang`` are written with Arabic-Indic digits."""
    return normalize_lang(lang) == "ar" and normalize_digits(digits or current_digits()) == "arab"


def localize_digits(text: str, lang: str, digits: str | None = None) -> str:
    """``text`` with 0-9 written as ٠-٩ when Arabic-Indic digits are chosen, else unchanged."""
    return text.translate(_ARABIC_INDIC) if arabic_indic(lang, digits) else text


# Unicode's directional isolates: a run laid out in its own direction inside the text around
# it (left to right, right to left, or as its first strong letter says), and their end.
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"


def ltr_isolated(text: str) -> str:
    """``text`` as a left-to-right isolate: a range ("0-100"), a URL or an English note
    inside Arabic keeps its order. A text that is one expression of numbers (a range, a sum)
    is kept whole as :func:`expressions_kept_whole` keeps it (on one line; in Arabic-Indic
    digits, which an isolate alone does not order, with an override)."""
    if _EXPRESSION.fullmatch(text):
        return _whole(text, rtl=True)
    return f"{LRI}{text}{PDI}"


# A number expression as the texts write it: numbers joined by a hyphen, a dash, +, =, ×, / or
# a minus sign ("0-100", "2014-2018", "0,5-1", "82.41 = 18.40+17.94", "20/20", "2018-05-11"),
# each number in Western or Arabic-Indic digits with its decimal or grouping marks (a French
# "10 000" groups with a narrow no-break space) and a percent sign; a joiner stands alone or
# with a space on both sides ("2020 −1.5" is a year and a change, not one expression). Not one
# glued to a word, a code or an address ("SHA-256", "worldbank_wdi_2017", "/2020/10", "?p=1-2";
# "ISO 3166-1", after a space, is one): its first number is not preceded by a letter, a digit,
# "_", a mark of a number, "/", ":" or a joiner, its last not followed by a letter, a digit, "_"
# or "/".
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_JOINERS = "-\u2010\u2011\u2013\u2014+=\u00d7/\u2212"
_NUMBER_MARKS = ".,\u066b\u066c"  # decimal and grouping marks (Western, Arabic)
_GAP = " \u00a0\u202f"
_NUMBER_TEXT = rf"[{_DIGIT}]+(?:[{_NUMBER_MARKS}\u00a0\u202f][{_DIGIT}]+)*[%\u066a]?"
# (A word joiner beside a joiner: an expression this module already kept whole.)
_JOIN = (rf"(?:\u2060?[{re.escape(_JOINERS)}]\u2060?"
         rf"|[{_GAP}][{re.escape(_JOINERS)}][{_GAP}])")
_EXPRESSION = re.compile(
    rf"(?<![A-Za-z_{_DIGIT}{_NUMBER_MARKS}/:{re.escape(_JOINERS)}])"
    rf"(?>{_NUMBER_TEXT}(?:{_JOIN}{_NUMBER_TEXT})+)"
    rf"(?![A-Za-z_{_DIGIT}/]|[{_NUMBER_MARKS}][{_DIGIT}])")
# The quick test before the pattern: a digit just before a joiner (one scan; about 4 in 100
# of the catalog's texts pass it, for about 0.25 µs each).
_DIGIT_BY_JOINER = re.compile(rf"[{_DIGIT}][{_GAP}\u2060%\u066a]?[{re.escape(_JOINERS)}]")
# Directional isolates already in a text: what they hold keeps the order its author chose.
_ISOLATE_MARK = re.compile("[\u2066-\u2069]")
_ARABIC_INDIC_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
# Left-to-right override and its end (Pop Directional Formatting).
LRO, PDF = "\u202d", "\u202c"
WORD_JOINER = "\u2060"
# A hyphen or a dash of an expression is kept, held by a word joiner on each side: no line
# breaks there. Not the no-break hyphen U+2011, though DejaVu Sans draws it: it is a bidi
# neutral where "-" is a number separator (bare in Arabic it reverses "0-100" itself), and
# Chromium's find in page does not match it to a typed "0-100"; a word joiner is invisible (a
# default-ignorable character, drawn by no font: no box), and find in page skips it.
_UNBREAKABLE = str.maketrans({dash: f"{WORD_JOINER}{dash}{WORD_JOINER}"
                              for dash in "-\u2010\u2013\u2014"})


def expressions_kept_whole(text: str, lang: str) -> str:
    """``text`` as a page shows it: each number expression (a range "0-100", years
    "2014-2018", a sum "82.41 = 18.40+17.94", a date "2018-05-11") kept on one line (a word
    joiner, U+2060, each side of its hyphens and dashes) and, in a right-to-left language, read
    left to right as a whole (a left-to-right isolate, LRI ... PDI; with Arabic-Indic digits,
    holding a left-to-right override, LRO ... PDF).

    In Arabic the bidi algorithm turns Western digits after Arabic letters into "Arabic
    numbers", which it does not join across "-" or "+": "0-100" read "100-0" and a sum its terms
    backwards; Arabic-Indic digits are never joined so. Text already inside an isolate
    (:func:`ltr_isolated`) is left as it is. A text without an expression is returned as the
    same object (this runs on every translated text: a scan for a digit before a joiner
    comes first).
    :func:`as_typed` undoes it."""
    if not _DIGIT_BY_JOINER.search(text):
        return text
    rtl = normalize_lang(lang) in RTL_LANGUAGES

    def whole(found: re.Match[str]) -> str:
        return _whole(found.group(), rtl)

    if not _ISOLATE_MARK.search(text):
        shown = _EXPRESSION.sub(whole, text)
        return text if shown == text else shown
    # Only what lies outside every isolate is read: an isolate opens with LRI, RLI or FSI and
    # closes with its PDI (a PDI without an isolate open is a plain character).
    pieces, depth, start = [], 0, 0
    for mark in _ISOLATE_MARK.finditer(text):
        if mark.group() != PDI:
            if depth == 0:
                pieces.append(_EXPRESSION.sub(whole, text[start:mark.start()]))
                start = mark.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                pieces.append(_isolate_kept(text[start:mark.end()], rtl))
                start = mark.end()
    rest = text[start:]
    pieces.append(rest if depth else _EXPRESSION.sub(whole, rest))
    shown = "".join(pieces)
    return text if shown == text else shown


def _whole(expression: str, rtl: bool) -> str:
    """One expression kept whole: word joiners at its hyphens and dashes; right to left, in a
    left-to-right isolate, with an override for Arabic-Indic digits."""
    kept = expression.replace(WORD_JOINER, "").translate(_UNBREAKABLE)
    if not rtl:
        return kept
    if _ARABIC_INDIC_DIGIT.search(kept):
        # Arabic-Indic digits are "Arabic numbers" even in a left-to-right isolate, never
        # joined across "-", "+" or " = ": only an override lays them out left to right.
        kept = f"{LRO}{kept}{PDF}"
    return f"{LRI}{kept}{PDI}"


def _isolate_kept(isolate: str, rtl: bool) -> str:
    """An isolate of a text as it is; but one that holds just an expression of numbers whose
    digits became Arabic-Indic after it was isolated (a page's text put in the reader's digits,
    :func:`dashboard.layout.localize_tree`) gets the override such digits need."""
    inner = isolate[1:-1]
    if (rtl and isolate[0] == LRI and LRO not in inner and _ARABIC_INDIC_DIGIT.search(inner)
            and _EXPRESSION.fullmatch(inner.replace(WORD_JOINER, ""))):
        return _whole(inner, rtl)
    return isolate


# Characters :func:`expressions_kept_whole` and :func:`ltr_isolated` add, which nobody types.
_SHOWN_ONLY = str.maketrans({"\u2011": "-", WORD_JOINER: None, LRI: None, RLI: None, FSI: None,
                             PDI: None, LRO: None, PDF: None, "\u200e": None, "\u200f": None})


def as_typed(text: str) -> str:
    """A shown text as a reader types it: without bidi marks, isolates and word joiners (a
    no-break hyphen a hyphen), to match what is typed against what a page shows."""
    return text.translate(_SHOWN_ONLY)


def text_direction(lang: str) -> str:
    """``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if normalize_lang(lang) in RTL_LANGUAGES else "ltr"


def _english_form(n: int | None) -> int:
    """English (and gettext's default): the singular for exactly one, else the plural."""
    return 0 if n == 1 else 1


class LanguageCatalog(NamedTuple):
    """One language's catalog as the pages use it (fuzzy and untranslated entries left out)."""

    messages: dict[str, str]
    """msgid to msgstr."""
    plurals: dict[tuple[str, str], tuple[str, ...]]
    """(msgid, msgid_plural) to the msgstr[n], all ``num_plurals`` of them."""
    num_plurals: int
    plural_form: Callable[[int], int]
    """The index of the form a count takes (the catalog's ``Plural-Forms`` expression)."""


def _plural_rule(expr: str, lang: str) -> Callable[[int], int]:
    """The catalog's ``Plural-Forms`` expression compiled (by the standard library's gettext,
    which admits only C arithmetic on ``n``), else CLDR's for ``lang``, else English's."""
    def cldr() -> str:
        return get_plural(lang).plural_expr

    for candidate in (lambda: expr, cldr):
        try:
            return gettext.c2py(candidate())
        except (ValueError, SyntaxError, RecursionError, UnknownLocaleError):
            continue
    return _english_form


@cache
def translations_of(lang: str) -> LanguageCatalog:
    """The catalog of one language, read once (empty for English or no file)."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT_LANGUAGE or not path.exists():
        return LanguageCatalog({}, {}, 2, _english_form)
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    messages, plurals = {}, {}
    for message in po:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, str):
            if isinstance(message.string, str) and message.string:
                messages[message.id] = message.string
        elif (len(message.id) == 2 and isinstance(message.string, tuple | list)
              and len(message.string) == po.num_plurals and all(message.string)):
            # A plural entry missing a form is untranslated as a whole (as msgfmt has it).
            plurals[(str(message.id[0]), str(message.id[1]))] = tuple(map(str, message.string))
    return LanguageCatalog(messages, plurals, po.num_plurals, _plural_rule(po.plural_expr, lang))


def catalog(lang: str) -> dict[str, str]:
    """The translations of one language, msgid to msgstr (empty for English or no file)."""
    return translations_of(lang).messages


def plural_catalog(lang: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """The plural translations of one language, (msgid, msgid_plural) to its forms."""
    return translations_of(lang).plurals


# A number written in a translated sentence ("0-100", "2014-2018", "من 20"), unless it is part of
# a Latin name or code next to it ("ISO 3166-1", "SHA-256", "API v2", "304 Not Modified").
# (A whole run of digits or none: the run neither starts nor ends inside a longer one; "_"
# joins a code such as worldbank_wdi_2017.)
_SENTENCE_NUMBER = re.compile(
    r"(?<![A-Za-z\d_])(?<![A-Za-z\d_][ .,\-])\d+(?:[.,\-]\d+)*"
    r"(?![ ]?[A-Za-z_]|\d|[.,\-]\d)%?")
# In Arabic-Indic digits the decimal and grouping marks and the percent sign are Arabic too (as
# Babel writes them: ٩٧٫٥٪).
_ARABIC_MARKS = str.maketrans({".": "٫", ",": "٬", "%": "٪"})


def localize_numbers(text: str, lang: str) -> str:
    """The numbers of a sentence in the reader's digits (Arabic-Indic when chosen: "97.5" as
    ٩٧٫٥), Latin names and codes left whole (ISO 3166-1, SHA-256, API v2, worldbank_wdi_2017,
    "2nd edition"); unchanged otherwise."""
    if not arabic_indic(lang) or not any(c.isdigit() for c in text):
        return text
    return _SENTENCE_NUMBER.sub(
        lambda m: localize_digits(m.group(), lang).translate(_ARABIC_MARKS), text)


def _fields(fmt: dict[str, object], lang: str) -> dict[str, object]:
    """The fields as given, but a whole number (an edition, a tier...) in the reader's digits:
    the Arabic-Indic ones when chosen. Formatted numbers come as text and are left alone."""
    if not fmt or not arabic_indic(lang):
        return fmt
    return {name: localize_digits(str(value), lang)
            if isinstance(value, Integral) and not isinstance(value, bool) else value
            for name, value in fmt.items()}


def t(msgid: str, lang: str, **fmt: object) -> str:
    """``msgid`` in ``lang`` (English when untranslated), with ``{name}`` fields filled (a
    whole number given as a field in the reader's digits, see :func:`_fields`)."""
    # The translation's own numbers in the reader's digits (its {fields} hold none).
    text = localize_numbers(catalog(normalize_lang(lang)).get(msgid, msgid), lang)
    fmt = _fields(fmt, lang)
    if fmt:
        try:
            text = text.format(**fmt)
        except (KeyError, IndexError, ValueError):
            # A broken translation must not break the page: fall back to the English source.
            text = msgid.format(**fmt)
    # As shown: ranges and sums whole, and in Arabic read left to right (fields filled first,
    # so "{low}-{high}" is one expression too).
    return expressions_kept_whole(text, lang)


def _whole_count(n: Any) -> int | None:
    """``n`` as a whole number for the plural rule (its size: rules are on |n|); None when it
    is not one (missing, NaN, a fraction)."""
    try:
        return abs(operator.index(n))  # int, bool, numpy integers
    except TypeError:
        pass
    try:
        number = float(n)  # float, numpy floats, Decimal
    except (TypeError, ValueError):
        return None
    return abs(int(number)) if math.isfinite(number) and number.is_integer() else None


def fill(template: str, fallback: str, **fields: object) -> list:
    """``template`` (a translated message) with its ``{name}`` fields replaced by ``fields``
    (texts or page components), as a list of pieces; ``fallback`` (the English message) when
    the translation names other fields than those given, as :func:`t` falls back."""
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError:
        pieces = []
    if {name for _, name, _, _ in pieces if name is not None} != set(fields):
        pieces = list(string.Formatter().parse(fallback))
    out: list = []
    for literal, name, _, _ in pieces:
        if literal:
            out.append(literal)
        if name is not None:
            out.append(fields[name])
    return out


def tn(singular: str, plural: str, n: object, lang: str, /, **fmt: object) -> str:
    """The form of a counted text for ``n`` in ``lang`` (gettext's ngettext), fields filled.

    English takes ``singular`` for 1 and ``plural`` otherwise; a translated language takes the
    form its catalog's plural rule gives for ``n`` (the last, its "other", when ``n`` is not a
    whole number). Untranslated, or a translation that cannot be filled, gives English. The
    number shown is a field like any other, formatted by the caller (``count=format_number(n,
    lang, 0)``), so it follows the locale's digits.
    """
    count = _whole_count(n)
    english = (singular, plural)[_english_form(count)]
    found = translations_of(normalize_lang(lang))
    forms = found.plurals.get((singular, plural))
    text = english
    if forms:
        try:
            index = found.plural_form(count) if count is not None else len(forms) - 1
        except (TypeError, ValueError, ArithmeticError):
            index = len(forms) - 1
        text = forms[index] if 0 <= index < len(forms) else english
    text = localize_numbers(text, lang)
    fmt = _fields(fmt, lang)
    if fmt:
        try:
            text = text.format(**fmt)
        except (KeyError, IndexError, ValueError):
            # As in t(): a broken translation falls back to the English form.
            text = english.format(**fmt)
    return expressions_kept_whole(text, lang)  # as t() shows it


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value)) or str(value) in ("<NA>", "nan")
    except TypeError:
        return False


def format_number(value: Any, lang: str, max_digits: int = 3,
                  digits: str | None = None) -> str:
    """A number in the locale's notation, up to ``max_digits`` decimals; "–" when missing.

    97.5 is "97.5" in English, "97,5" in French, "97.5" in Arabic with Western digits and
    "٩٧٫٥" with Arabic-Indic digits (the request's choice unless ``digits`` is given).
    """
    if _missing(value):
        return "–"
    number = float(value)
    text = _decimal_text.__wrapped__ if number == 0 else _decimal_text  # 0.0 and -0.0: one key
    return text(number, normalize_lang(lang), max_digits, arabic_indic(lang, digits))


@lru_cache(maxsize=8192)
def _decimal_text(value: float, code: str, max_digits: int, arabic_digits: bool) -> str:
    """Babel's text for ``value`` (a page repeats the same counts and scores: kept)."""
    pattern = "#,##0" + ("." + "#" * max_digits if max_digits > 0 else "")
    if arabic_digits:
        text = format_decimal(value, format=pattern, locale="ar", numbering_system="arab")
        return text.translate(_ARABIC_INDIC)
    return format_decimal(value, format=pattern, locale=code)


def table_locale(lang: str, digits: str | None = None) -> dict[str, object]:
    """A DataTable ``locale_format``: the locale's decimal and group marks and, when chosen,
    Arabic-Indic numerals. It applies to numeric columns that have a ``format``; the data
    stay numbers, so sorting and filtering are unchanged."""
    code = normalize_lang(lang)
    if arabic_indic(code, digits):
        return {"decimal": get_decimal_symbol(code, numbering_system="arab"),
                "group": get_group_symbol(code, numbering_system="arab"),
                "numerals": list("0123456789".translate(_ARABIC_INDIC))}
    return {"decimal": get_decimal_symbol(code), "group": get_group_symbol(code)}


def format_percentage(value: Any, lang: str, max_digits: int = 1,
                      digits: str | None = None) -> str:
    """A percentage given on 0-100, in the locale's pattern (97.5 gives "97.5%", "97,5 %" and,
    with Arabic-Indic digits, "٩٧٫٥٪"); "–" when missing."""
    if _missing(value):
        return "–"
    share = round(float(value), max_digits) / 100
    if arabic_indic(lang, digits):
        text = format_percent(share, locale="ar", numbering_system="arab",
                              decimal_quantization=False)
        return text.translate(_ARABIC_INDIC).replace("%", "٪")
    return format_percent(share, locale=normalize_lang(lang), decimal_quantization=False)


def format_signed(value: Any, lang: str, max_digits: int = 2,
                  digits: str | None = None) -> str:
    """A change with an explicit sign (+1.5, −2), locale-formatted; "–" when missing.

    In Arabic the sign carries CLDR's bidi mark (a left-to-right mark before Western digits,
    the Arabic letter mark before Arabic-Indic ones), so it stays before the number in a
    right-to-left line: "+15.09 نقطة", not "15.09+ نقطة"."""
    if _missing(value):
        return "–"
    number = float(value)
    text = format_number(abs(number), lang, max_digits, digits)
    if round(number, max_digits) == 0:
        return text
    return _sign_mark(normalize_lang(lang), arabic_indic(lang, digits)) + (
        "+" if number > 0 else "−") + text


@lru_cache(maxsize=8)
def _sign_mark(code: str, arabic_digits: bool) -> str:
    """The bidi mark CLDR puts before a number's sign in ``code`` ("" where it puts none)."""
    symbol = get_plus_sign_symbol(code, numbering_system="arab" if arabic_digits else "latn")
    return symbol.replace("+", "")


def format_names(names: Iterable[str], lang: str) -> str:
    """Names joined as a sentence of ``lang`` joins them (CLDR list patterns): "Morocco and
    Oman", "Maroc et Oman", "المغرب وعُمان"; with three, "A, B, and C", "A, B et C"."""
    return format_list([str(name) for name in names], locale=normalize_lang(lang))


# Dates and times: one style on every page, CLDR's for the language ("Nov 9, 2026", "9 nov.
# 2026", "9 نوفمبر 2026"; a time as "Nov 9, 2026, 14:05 UTC"). Times are UTC, and say so.
DAY_SKELETON = "yMMMd"
MONTH_SKELETON = "yMMM"
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
TIME_SKELETON = "Hm"


def _moment(value: object) -> datetime | date | None:
    """A date or an aware UTC datetime from a date, a datetime (a naive one is UTC), a
    pandas Timestamp or ISO 8601 text; None when missing or not a whole date ("2024-05")."""
    if _missing(value) or str(value) == "NaT":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
        except ValueError:
            return None
    if isinstance(value, datetime):
        value = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value if isinstance(value, date) else None


def format_day(value: object, lang: str) -> str:
    """The day of ``value`` as ``lang`` writes it (CLDR, digits as chosen); "–" when missing;
    a month alone ("2021-10") as a month, never completed to a day; other text as it is."""
    moment = _moment(value)
    if moment is None:
        if _missing(value) or str(value) == "NaT":
            return "–"
        month = _MONTH.fullmatch(str(value).strip())
        if month:  # a month alone is written as the language writes a month ("Oct 2021")
            first = date(int(month[1]), int(month[2]), 1)
            return localize_digits(format_skeleton(MONTH_SKELETON, first,
                                                   locale=normalize_lang(lang)), lang)
        return str(value)
    day = moment.date() if isinstance(moment, datetime) else moment
    return localize_digits(format_skeleton(DAY_SKELETON, day, locale=normalize_lang(lang)),
                           lang)


def format_moment(value: object, lang: str) -> str:
    """A time as ``lang`` writes a day and a 24-hour time, in UTC and saying so; "–" when
    missing (a date alone is its day)."""
    moment = _moment(value)
    if not isinstance(moment, datetime):
        return format_day(value, lang)
    code = normalize_lang(lang)
    day = format_skeleton(DAY_SKELETON, moment, locale=code)
    clock = format_skeleton(TIME_SKELETON, moment, tzinfo=UTC, locale=code)
    joined = str(get_datetime_format("medium", locale=code)).replace("{1}", day)
    return localize_digits(joined.replace("{0}", clock) + " UTC", lang)


def plotly_separators(lang: str) -> str:
    """Plotly's ``layout.separators`` (decimal then thousands) for the locale."""
    if arabic_indic(lang):
        return "٫٬"
    return ", " if normalize_lang(lang) == "fr" else ".,"


def extract_messages(root: Path | None = None):
    """A Babel catalog of every message the dashboard code marks, of the ETL texts it shows
    (:data:`ETL_KEYWORD_MESSAGES`, :data:`ETL_CONSTANT_MESSAGES`, :data:`ETL_RETURN_MESSAGES`)
    and of the data files' texts it shows (:data:`DATA_MESSAGES`), for the .pot template."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    base = root or Path(__file__).resolve().parent
    result = Catalog(project="cyberindex", domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(base), method_map=[("**.py", "python")], keywords=EXTRACT_KEYWORDS,
        comment_tags=("Translators:",),
    ):
        # A tn() message is a (singular, plural) tuple: Babel writes msgid and msgid_plural.
        result.add(message, None, [(f"dashboard/{filename}", lineno)],
                   auto_comments=comments, context=context, flags=("python-brace-format",)
                   if "{" in str(message) else ())
    for filename, lineno, message, comment in [*etl_messages(base.parent),
                                               *registry_messages(base.parent),
                                               *data_messages(base.parent)]:
        # A text the dashboard marks too stays one entry (Babel merges places and comments).
        result.add(message, None, [(filename, lineno)], auto_comments=[comment],
                   flags=("python-brace-format",) if "{" in message else ())
    return result


def etl_messages(project: Path) -> Iterator[tuple[str, int, str, str]]:
    """(file, line, text, translator comment) of each ETL text the dashboard translates,
    read from the code of ``project`` (the repository root) without importing it."""
    import ast

    def parsed(pattern: str) -> Iterator[tuple[str, ast.Module]]:
        for path in sorted(project.glob(pattern)):
            yield path.relative_to(project).as_posix(), ast.parse(path.read_bytes())

    def call_name(func: ast.expr) -> str | None:
        return func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else None)

    def text_of(node: ast.expr | None) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) \
            else None

    for pattern, call, keyword, comment in ETL_KEYWORD_MESSAGES:
        for filename, tree in parsed(pattern):
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and call_name(node.func) == call:
                    for argument in node.keywords:
                        text = text_of(argument.value) if argument.arg == keyword else None
                        if text:
                            yield filename, argument.value.lineno, text, comment
    for pattern, name, comment in ETL_CONSTANT_MESSAGES:
        for filename, tree in parsed(pattern):
            for node in tree.body:
                if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                        and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name):
                    continue
                # A text, or a mapping's texts (the report of each edition).
                values = node.value.values if isinstance(node.value, ast.Dict) else [node.value]
                for value in values:
                    if text := text_of(value):
                        yield filename, value.lineno, text, comment
    for pattern, function, comment in ETL_RETURN_MESSAGES:
        for filename, tree in parsed(pattern):
            for node in ast.walk(tree):
                if not (isinstance(node, ast.FunctionDef) and node.name == function):
                    continue
                for returned in ast.walk(node):
                    if not isinstance(returned, ast.Return) or returned.value is None:
                        continue
                    answer = returned.value
                    branches = [answer.body, answer.orelse] if isinstance(answer, ast.IfExp) \
                        else [answer]
                    for branch in branches:
                        if text := text_of(branch):
                            yield filename, branch.lineno, text, comment


def data_messages(project: Path) -> Iterator[tuple[str, int, str, str]]:
    """(file, line, text, translator comment) of each distinct text of the data files'
    columns the dashboard shows (:data:`DATA_MESSAGES`), read from the files of ``project``
    (the repository root), at the line of its first row; a cell with no letter (a date, a
    number) is not a message."""
    import csv

    for filename, column, comment in DATA_MESSAGES:
        seen: set[str] = set()
        with (project / filename).open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.DictReader(handle)
            for row in rows:
                cell = row.get(column) or ""
                texts = (_note_parts(cell) if filename in NOTE_BY_PARTS else [cell])
                for text in texts:
                    if text and text not in seen and _LETTER.search(text):
                        seen.add(text)
                        yield filename, rows.line_num, text, comment


def _note_parts(note: str) -> list[str]:
    """The parts of a note read by parts that the catalog holds whole (not those a template
    of :data:`DATA_TEMPLATES` says)."""
    return [part for part in note.split(NOTE_PART_SEPARATOR)
            if not any(pattern.fullmatch(part) for pattern, _ in DATA_TEMPLATES)]


def data_text(text: str, lang: str) -> str | None:
    """A text of the data files (:data:`DATA_MESSAGES`) in ``lang``: its translation, a title a
    source writes from its template (:func:`etl.news.explain.document_name`), or a note
    of parts joined by "; " said part by part (each run of parts catalogued whole, the longest
    first, as a file's note may hold "; " itself, or one of :data:`DATA_TEMPLATES` with
    its row name or fields as written); None when some part is not translated (English: the
    text, its expressions kept whole as :func:`t` keeps them)."""
    code = normalize_lang(lang)
    if code == DEFAULT_LANGUAGE:
        return expressions_kept_whole(text, code)  # as t() shows an English text
    known = catalog(code)
    if text in known:
        return t(text, lang)
    from etl.news.explain import document_name  # here: etl imports this module back

    titled = document_name(text, code)  # a title a source writes from its template
    if titled and titled != text:
        return expressions_kept_whole(localize_numbers(titled, lang), lang)
    parts, said, start = text.split(NOTE_PART_SEPARATOR), [], 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            piece = _part_said(NOTE_PART_SEPARATOR.join(parts[start:end]), lang, known)
            if piece is not None:
                said.append(piece)
                start = end
                break
        else:
            return None
    return t(NOTE_PART_SEPARATOR, lang).join(said)


def _part_said(part: str, lang: str, known: Mapping[str, str]) -> str | None:
    """One part of a note in ``lang``: catalogued whole, or a template of
    :data:`DATA_TEMPLATES` whose translated fields are catalogued too; else None."""
    if part in known:
        return t(part, lang)
    for pattern, msgid in DATA_TEMPLATES:
        found = pattern.fullmatch(part)
        if found is None or msgid not in known:
            continue
        fields: dict[str, object] = dict(found.groupdict())
        if any(fields[name] not in known for name in DATA_TEMPLATE_TRANSLATED & fields.keys()):
            continue
        fields = {name: t(str(value), lang) if name in DATA_TEMPLATE_TRANSLATED
                  else int(str(value)) if str(value).isdigit() else value
                  for name, value in fields.items()}
        return t(msgid, lang, **fields)
    return None


def registry_messages(project: Path) -> Iterator[tuple[str, int, str, str]]:
    """(file, line, text, translator comment) of every source's indicator names and declared
    methodology breaks, as the registry holds them (some names are built from parts, e.g. the
    pillars'), placed at the line of the module's ``INDICATORS`` or ``BREAKS``."""
    import inspect

    from etl.sources import SOURCES

    def line_of(lines: list[str], name: str) -> int:
        return next((n for n, text in enumerate(lines, 1) if text.startswith(name)), 1)

    for module in SOURCES.values():
        path = Path(inspect.getfile(module)).resolve()
        lines = path.read_text(encoding="utf-8").splitlines()
        filename = path.relative_to(project.resolve()).as_posix()
        for indicator in module.INDICATORS:
            yield (filename, line_of(lines, "INDICATORS"), indicator.name,
                   "Name of an indicator, as its source module declares it.")
        for declared in getattr(module, "BREAKS", None) or ():
            yield (filename, line_of(lines, "BREAKS"), declared["note"],
                   "A methodology break, as its source module declares it (Cross-index page).")


MessageId = str | tuple[str, str]
"""A msgid, or a (msgid, msgid_plural) pair for a counted text."""


def _singular(msgid: str | Sequence[str]) -> str:
    """The msgid that names an entry (a plural entry is named by its singular, as in gettext)."""
    return str(msgid if isinstance(msgid, str) else msgid[0])


def merge_translations(lang: str, translations: Mapping[MessageId, str | Sequence[str]],
                       ) -> list[MessageId]:
    """Append translations of messages a language's catalog lacks; returns the msgids added.

    A text is a msgid and its msgstr; a counted text (see :func:`tn`) is a ``(singular,
    plural)`` key and one msgstr per plural form of the catalog (its ``Plural-Forms`` header:
    2 in French, 6 in Arabic), written as ``msgid_plural`` and ``msgstr[n]``. A message whose
    msgid (a plural one's singular) is already there is skipped.

    The catalogs are shared: the file is only appended to (entries already there, translated
    or not, are left exactly as they are), so several people can add their strings without
    clobbering or reformatting each other's.
    """
    from io import BytesIO

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    present = {_singular(m.id) for m in po if m.id}
    template = {_singular(m.id): m for m in extract_messages() if m.id}
    extra = Catalog(locale=lang, domain=DOMAIN)
    # The appended entries get as many msgstr[n] as the file's own header says.
    extra.mime_headers = [("Plural-Forms", po.plural_forms)]
    added: list[MessageId] = []
    for msgid, text in translations.items():
        if _singular(msgid) in present or not text:
            continue
        if isinstance(msgid, str) != isinstance(text, str):
            raise ValueError(f"{lang}: {msgid!r}: a plural msgid takes a list of forms, "
                             "a single one a string")
        if not isinstance(msgid, str):
            if len(msgid) != 2 or len(text) != po.num_plurals or not all(text):
                raise ValueError(f"{lang}: {msgid!r} needs its singular and plural, and "
                                 f"{po.num_plurals} non-empty forms ({po.plural_forms})")
            msgid = (str(msgid[0]), str(msgid[1]))
        msgstr = text if isinstance(text, str) else tuple(map(str, text))
        known = template.get(_singular(msgid))
        # A message the code does not mark yet gets the flag the extractor would give it.
        flags = known.flags if known else (
            ("python-brace-format",) if "{" in str(msgid) else ())
        extra.add(msgid, msgstr, locations=list(known.locations) if known else (), flags=flags)
        added.append(msgid)
    if added:
        buffer = BytesIO()
        write_po(buffer, extra, width=100, omit_header=True)
        with path.open("ab") as handle:
            handle.write(b"\n" + buffer.getvalue().strip() + b"\n")
        translations_of.cache_clear()
    return added


def prune_translations(lang: str) -> list[str]:
    """Remove from a language's catalog the entries the code no longer marks (a text since
    reworded or gone: :func:`extract_messages` lacks it); returns their msgids (a plural
    entry's singular). Every other entry is left exactly as written, as by
    :func:`merge_translations`."""
    from io import BytesIO

    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    used = {_singular(m.id) for m in extract_messages() if m.id}
    text = path.read_text(encoding="utf-8")
    body = text.rstrip("\n")
    header, *entries = body.split("\n\n")
    kept, removed = [header], []
    for entry in entries:
        [message] = [m for m in read_po(BytesIO(entry.encode("utf-8")), locale=lang) if m.id]
        if _singular(message.id) in used:
            kept.append(entry)
        else:
            removed.append(_singular(message.id))
    if removed:
        path.write_text("\n\n".join(kept) + text[len(body):], encoding="utf-8")
        translations_of.cache_clear()
    return removed


def _write_template() -> Path:
    from babel.messages.pofile import write_po

    target = LOCALES_DIR / f"{DOMAIN}.pot"
    with target.open("wb") as handle:
        write_po(handle, extract_messages(), sort_output=True, width=100)
    return target


if __name__ == "__main__":  # pragma: no cover - developer tool
    if sys.argv[1:] == ["extract"]:
        print(f"wrote {_write_template()}")
    elif sys.argv[1:] == ["prune"]:
        for code in ("fr", "ar"):
            print(f"{code}: removed {len(prune_translations(code))} unused entries")
    else:
        print("usage: python -m dashboard.i18n extract|prune", file=sys.stderr)
        sys.exit(2)
