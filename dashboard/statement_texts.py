"""Cited statements in the page's language.

An NCSI snapshot that cannot be a yearly point is stored as a statement the ETL words in
English (:func:`etl.sources.ncsi.to_statements`): "Morocco: rank 36; NCSI score 79.17; digital
development 57.17 (NCSI 2016-2023; <snapshot label>)". The store keeps that text (the exports
say it so, canonical); a French or Arabic page says it again from its parts: the country's name
in the page's language, each figure in the reader's notation and digits (exactly the digits
stored: 85 stays 85, 87.5 is 87,5 in French), the methodology's name translated and the
snapshot's label as the catalog has it (a data file's text: English, marked so, until it is
catalogued). The parts are read back from the row's own columns by the grammar
:func:`~etl.sources.ncsi.to_statements` writes: ``value_text`` part by part, the methodology
between it and ``data_period`` in ``statement``; a row that does not read back whole (another
source, a wording this module does not know) is shown as stored, marked English, as before.

Any other cited statement (INTERPOL's) gives the figure it states for its country in
``value_text`` and ``unit`` (:func:`figure_text`: "Figure cited: 2.13%", a plain number in the
reader's notation, any other text as the source wrote it) and may carry the source's note
(:func:`statement_note`). A row whose source kind is the project's own analysis (the claim
check) is not a cited statement: :func:`etl.crossindex.cited_only` leaves it out of counts,
and the pages show it apart, as what it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import NamedTuple

from dash import html

from dashboard.elements import Children
from dashboard.i18n import (
    N_,
    expressions_kept_whole,
    fill,
    format_number,
    format_percentage,
    localize_numbers,
    normalize_lang,
    t,
    tn,
)
from dashboard.layout import catalog_element
from etl.crossindex import ANALYSIS_KIND

NCSI_SOURCE = "ncsi"
# The metrics etl.sources.ncsi gives its statements (why a snapshot is not a yearly point).
NCSI_METRICS = ("ncsi_snapshot_date_unknown", "ncsi_snapshot_same_year")
# How the ETL joins the parts of value_text; said in the page's language (the Status page's
# separator: "؛ " in Arabic, " ; " in French).
PART_JOIN = "; "
MSG_SEPARATOR = N_("; ")
# The methodology names the ETL writes (etl.sources.ncsi.METHODOLOGY_LABELS' values).
METHODOLOGY_NAMES: dict[str, str] = {
    # Translators: the NCSI methodology used from 2016 to 2023 (its archived data).
    "NCSI 2016-2023": N_("NCSI 2016-2023"),
    "NCSI 2025 relaunch": N_("NCSI 2025 relaunch"),
}
# Translators: an NCSI snapshot kept as a cited statement (Cross-index page): the country, its
# figures ("rank 36; NCSI score 79.17"), the NCSI methodology and the snapshot it was read in.
MSG_NCSI_STATEMENT = N_("{country}: {values} ({methodology}; {snapshot})")
# Translators: a country's place in the National Cyber Security Index (one number, or a range
# such as 33-35), in a cited statement.
MSG_RANK = N_("rank {rank}")
# Translators: a country's National Cyber Security Index score (0-100), in a cited statement.
MSG_SCORE = N_("NCSI score {score}")
# Translators: the NCSI's "digital development level" of a country (0-100), in a cited
# statement.
MSG_DIGITAL = N_("digital development {level}")
_NUMBER = r"\d+(?:\.\d+)?"
# Each part of value_text as the ETL writes it: (field, the part read back, its message).
VALUE_PARTS: tuple[tuple[str, re.Pattern, str], ...] = (
    ("rank", re.compile(r"rank (?P<rank>\d+(?:-\d+)?)"), MSG_RANK),
    ("score", re.compile(rf"NCSI score (?P<score>{_NUMBER})"), MSG_SCORE),
    ("level", re.compile(rf"digital development (?P<level>{_NUMBER})"), MSG_DIGITAL),
)


class NcsiStatement(NamedTuple):
    """An NCSI statement read back into its parts, each as stored (numbers as written)."""

    iso3: str
    country: str  # the name the ETL wrote (English)
    values: tuple[tuple[str, str], ...]  # (field, number as written), in the stored order
    methodology: str
    snapshot: str


def _get(row: object, name: str) -> str | None:
    """A text column of a row given as a mapping (a dict, a Series) or a named tuple (None
    when missing or not a text)."""
    getter = getattr(row, "get", None)
    value = getter(name) if callable(getter) else getattr(row, name, None)
    return value if isinstance(value, str) else None


def read_values(value_text: str) -> tuple[tuple[str, str], ...] | None:
    """``value_text`` ("rank 36; NCSI score 79.17; digital development 57.17") as (field,
    number as written) pairs, each field once and in the ETL's order; None when a part is
    not one the ETL writes."""
    found: list[tuple[str, str]] = []
    order = [field for field, _, _ in VALUE_PARTS]
    for part in value_text.split(PART_JOIN):
        for field, pattern, _ in VALUE_PARTS:
            match = pattern.fullmatch(part)
            if match:
                found.append((field, match.group(field)))
                break
        else:
            return None
    fields = [field for field, _ in found]
    if not fields or fields != sorted(set(fields), key=order.index):
        return None
    return tuple(found)


def read_ncsi_statement(row: object) -> NcsiStatement | None:
    """An NCSI statement row (``source_id``, ``iso3``, ``metric``, ``value_text``,
    ``statement``, ``data_period``) read back into its parts; None for another row, or one
    whose statement is not exactly what the ETL writes from those columns."""
    iso3, metric = _get(row, "iso3"), _get(row, "metric")
    value_text, statement = _get(row, "value_text"), _get(row, "statement")
    snapshot = _get(row, "data_period")
    if (_get(row, "source_id") != NCSI_SOURCE or metric not in NCSI_METRICS or not iso3
            or not value_text or not statement or not snapshot):
        return None
    values = read_values(value_text)
    if values is None:
        return None
    match = re.fullmatch(rf"(?P<country>.+?): {re.escape(value_text)} "
                         rf"\((?P<methodology>[^;]+); {re.escape(snapshot)}\)", statement, re.S)
    if match is None or match["methodology"] not in METHODOLOGY_NAMES:
        return None
    return NcsiStatement(iso3, match["country"], values, match["methodology"], snapshot)


def changed_statement(row: object, side: str) -> dict[str, str | None]:
    """One side (``old``, ``new``) of a row of the statements' changelog (the What changed
    page) as the columns of a statement row, which :func:`statement_element` reads: the text
    and the figures of that side, and the snapshot's label (``data_period``, which the
    changelog does not keep) read back from an NCSI text, after the methodology it names;
    :func:`read_ncsi_statement` then checks the whole text against them."""
    statement = _get(row, f"{side}_text")
    snapshot = None
    if statement and statement.endswith(")"):
        for methodology in METHODOLOGY_NAMES:
            head = f" ({methodology}; "
            if head in statement:
                snapshot = statement[statement.rfind(head) + len(head):-1]
                break
    return {"source_id": _get(row, "source_id"), "iso3": _get(row, "iso3"),
            "metric": _get(row, "metric"), "value_text": _get(row, f"{side}_value_text"),
            "statement": statement, "data_period": snapshot}


def number_text(number: str, lang: str) -> str:
    """A figure as written ("79.17", "85") in the page's notation and digits, to its last
    written decimal: never rounded, never padded."""
    decimals = len(number.partition(".")[2])
    return format_number(float(number), lang, decimals)


def ncsi_rank_text(rank: str, lang: str) -> str:
    """A rank or a range as written ("36", "33-35") in the reader's digits; a range kept whole
    as every range of the pages (:func:`dashboard.i18n.expressions_kept_whole`: on one line,
    left to right in a right-to-left page, where "35-33" had read otherwise)."""
    if "-" not in rank:
        return number_text(rank, lang)
    return expressions_kept_whole(localize_numbers(rank, lang), lang)


def values_text(values: tuple[tuple[str, str], ...], lang: str) -> str:
    """The figures of a statement as a phrase of ``lang``: "rang 36 ; score NCSI 79,17"."""
    messages = {field: message for field, _, message in VALUE_PARTS}
    parts = [t(messages[field], lang, **{field: ncsi_rank_text(number, lang) if field == "rank"
                                         else number_text(number, lang)})
             for field, number in values]
    return t(MSG_SEPARATOR, lang).join(parts)


def statement_element(component: type, row: object, names: Mapping[str, str], lang: str,
                      **props: object) -> Children:
    """``component`` (``html.Blockquote``...) holding a cited statement in ``lang``: an NCSI
    snapshot said from its parts (:func:`read_ncsi_statement`; the country as ``names`` gives
    it, the snapshot label as the catalog has it); any other statement, and every statement on
    an English page, as :func:`dashboard.layout.catalog_element` shows it."""
    statement = _get(row, "statement") or ""
    code = normalize_lang(lang)
    found = read_ncsi_statement(row) if code != "en" else None
    if found is None:
        return catalog_element(component, statement, lang, **props)
    snapshot = catalog_element(html.Span, found.snapshot, lang)
    country = names.get(found.iso3) or catalog_element(html.Span, found.country, lang)
    children = fill(t(MSG_NCSI_STATEMENT, lang), MSG_NCSI_STATEMENT, country=country,
                    values=values_text(found.values, lang),
                    methodology=t(METHODOLOGY_NAMES[found.methodology], lang),
                    snapshot=snapshot)
    return component(children, **props)


# ---------------------------------------------------------------- a cited statement's figure

# A row that is the project's own reading of the cited sources (etl.crossindex.ANALYSIS_KIND,
# the INTERPOL file's claim check) is not counted with the cited statements and is shown as
# what it is.
# Translators: before the project's own check of a claim, below the cited statements of a
# country (Cross-index page); "cyberindex" is the project's name.
MSG_ANALYSIS = N_("Not a cited statement: cyberindex's own check of a claim against the "
                  "sources above (not counted with them).")
# Translators: the outcome of that check ("not supported").
MSG_VERDICT = N_("Verdict: {verdict}")
# The outcomes a claim check writes in its value column (etl/sources/interpol_act.py).
VERDICT_NAMES: dict[str, str] = {
    "not supported": N_("not supported"),
    "supported": N_("supported"),
}
# Translators: the figure a cited statement gives for the country ("2.13%", "position 2 in the
# list", "18,827 detections"), under the statement.
MSG_FIGURE = N_("Figure cited: {value}")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def is_own_analysis(row: object) -> bool:
    """Whether a statement row is the project's own analysis (its source kind says so), not a
    statement cited from a report or the press."""
    return (_get(row, "source_kind") or "").strip().lower().startswith(ANALYSIS_KIND)




# How each unit of the statements' unit column says a value ({value}: the value already in the
# reader's notation; n: the number, for the plural form, None when the value is not one).
UNIT_TEXTS: dict[str, Callable[[str, float | None, str], str]] = {
    # Translators: a share given as a text that is not a plain number (">90"), in percent.
    "percent": lambda value, n, lang: t("{value}%", lang, value=value),
    # Translators: a country's place in a list printed by a report or the press (not a rank).
    "position in list": lambda value, n, lang: t("position {value} in the list", lang,
                                                 value=value),
    # Translators: a country's place as a report or the press states it (not a rank).
    "position": lambda value, n, lang: t("position {value}", lang, value=value),
    "detections": lambda value, n, lang: tn("{value} detection", "{value} detections", n,
                                            lang, value=value),
    "attempts": lambda value, n, lang: tn("{value} attempt", "{value} attempts", n, lang,
                                          value=value),
    "countries": lambda value, n, lang: tn("{value} country", "{value} countries", n, lang,
                                           value=value),
    # Translators: an amount in US dollars as the source writes it (">3 billion").
    "USD": lambda value, n, lang: t("{value} USD", lang, value=value),
    "fraction": lambda value, n, lang: value,  # "2/3" says itself
}


def figure_value(value_text: str, unit: str | None, lang: str) -> str:
    """A statement's value with its unit in ``lang``: a plain number ("2.13", "18827") in the
    reader's notation and digits to its last written decimal; any other text (">90",
    ">3 billion") as the source wrote it, only its digits in the reader's (as
    :func:`dashboard.i18n.localize_numbers` turns them); a unit this module does not know
    after it, as written."""
    plain = _PLAIN_NUMBER.fullmatch(value_text.strip()) is not None
    number = float(value_text) if plain else None
    if plain and unit == "percent":
        decimals = len(value_text.strip().partition(".")[2])
        return format_percentage(number, lang, decimals)
    shown = number_text(value_text.strip(), lang) if plain else localize_numbers(value_text,
                                                                                  lang)
    if not unit:
        return shown
    said = UNIT_TEXTS.get(unit)
    return said(shown, number, lang) if said else f"{shown} {unit}"


def figure_text(row: object, lang: str) -> str | None:
    """"Figure cited: 2.13%": the value a cited statement gives for its country, with its unit
    (``value_text``, ``unit``); None without a value, for an NCSI snapshot (its statement says
    its figures) and for the project's own analysis (its value is a verdict)."""
    value_text = _get(row, "value_text")
    if (not value_text or not value_text.strip() or _get(row, "source_id") == NCSI_SOURCE
            or is_own_analysis(row)):
        return None
    return t(MSG_FIGURE, lang, value=figure_value(value_text, _get(row, "unit"), lang))


def statement_note(row: object) -> str | None:
    """The source's note on a statement (how to read it, a conflict between outlets), a data
    file's text the catalog translates; None without one and for an NCSI snapshot (its note is
    the ETL's English account of why it is a statement, which its text already says)."""
    note = _get(row, "source_note")
    if not note or not note.strip() or _get(row, "source_id") == NCSI_SOURCE:
        return None
    return note


def verdict_element(row: object, lang: str) -> Children:
    """"Verdict: not supported" of the project's own check of a claim (its ``value_text``), the
    outcome translated where it is one this module knows, else as written, marked English."""
    verdict = (_get(row, "value_text") or "").strip()
    if not verdict:
        return None
    known = VERDICT_NAMES.get(verdict.lower())
    shown: object = t(known, lang) if known else catalog_element(html.Span, verdict, lang)
    return html.Span(fill(t(MSG_VERDICT, lang), MSG_VERDICT, verdict=shown))
