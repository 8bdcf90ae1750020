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
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import NamedTuple

from dash import html

from dashboard.i18n import (
    N_,
    format_number,
    localize_numbers,
    ltr_isolated,
    normalize_lang,
    t,
    text_direction,
)
from dashboard.layout import catalog_element

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


def number_text(number: str, lang: str) -> str:
    """A figure as written ("79.17", "85") in the page's notation and digits, to its last
    written decimal: never rounded, never padded."""
    decimals = len(number.partition(".")[2])
    return format_number(float(number), lang, decimals)


def rank_text(rank: str, lang: str) -> str:
    """A rank or a range as written ("36", "33-35") in the reader's digits; a range kept left
    to right in a right-to-left page (Arabic-Indic digits on either side of "-" would read
    "35-33" otherwise)."""
    if "-" not in rank:
        return number_text(rank, lang)
    shown = localize_numbers(rank, lang)
    return ltr_isolated(shown) if text_direction(lang) == "rtl" else shown


def values_text(values: tuple[tuple[str, str], ...], lang: str) -> str:
    """The figures of a statement as a phrase of ``lang``: "rang 36 ; score NCSI 79,17"."""
    messages = {field: message for field, _, message in VALUE_PARTS}
    parts = [t(messages[field], lang, **{field: rank_text(number, lang) if field == "rank"
                                         else number_text(number, lang)})
             for field, number in values]
    return t(MSG_SEPARATOR, lang).join(parts)


def fill(template: str, fallback: str, **fields: object) -> list:
    """``template`` with its ``{name}`` fields replaced by ``fields`` (texts or components),
    as a list of children; ``fallback`` (the English message) when the translation names other
    fields than those given."""
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


def statement_element(component: type, row: object, names: Mapping[str, str], lang: str,
                      **props: object) -> object:
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
