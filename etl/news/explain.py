"""One-line explanations of a checked claim, in Arabic, French and English."""

from __future__ import annotations

import json
import re
import string
from functools import cache

import babel
import pycountry

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "consistent": "Consistent: {index} {edition} gives {country} {metric} {official} (source: {source}).",
        "contradicted": "Contradicted: {index} {edition} gives {country} {metric} {official}, not {claimed} "
        "(source: {source}).",
        "other_country": " {claimed} is the official figure of {other} in that edition.",
        "regional": "{verdict}: computed from official scores, {country} ranks {official} of {count} "
        "({region}) in {index} {edition}, not {claimed} (source: {source}).",
        "regional_ok": "{verdict}: computed from official scores, {country} ranks {official} of {count} "
        "({region}) in {index} {edition} (source: {source}).",
        "no_rank_2024": "Unverifiable: ITU published tiers, not ranks, for {index} 2024; no official rank exists.",
        "no_figure": "Unverifiable: no official {metric} for {country} in {index} {edition}.",
        "no_edition": "Unverifiable: no official data for {index} {edition}.",
        "no_index": "Unverifiable: INTERPOL publishes no index and no country ranking.",
        "latest": " Edition not stated: checked against the latest edition with this figure ({edition}).",
        "consistent_word": "Consistent",
        "contradicted_word": "Contradicted",
    },
    "fr": {
        # The country leads ("Maroc — …"): French names take an article ("le Maroc", "l'Égypte",
        # but "Oman") that CLDR does not give, so no sentence puts a name where French wants
        # one ("pour Maroc", "Maroc est au rang 7").
        "consistent": "Conforme : {country} — {index} {edition} donne {metric} {official} "
        "(source : {source}).",
        "contradicted": "Contredit : {country} — {index} {edition} donne {metric} {official}, et "
        "non {claimed} (source : {source}).",
        "other_country": " {claimed} est le chiffre officiel d'un autre pays dans cette édition : "
        "{other}.",
        "regional": "{verdict} : {country} — rang {official} sur {count} ({region}) dans {index} "
        "{edition}, calculé à partir des scores officiels, et non {claimed} (source : {source}).",
        "regional_ok": "{verdict} : {country} — rang {official} sur {count} ({region}) dans "
        "{index} {edition}, calculé à partir des scores officiels (source : {source}).",
        "no_rank_2024": "Invérifiable : l'UIT a publié des niveaux, pas de rangs, pour {index} 2024 ; "
        "aucun rang officiel n'existe.",
        "no_figure": "Invérifiable : {country} — aucune valeur officielle ({metric}) dans {index} "
        "{edition}.",
        "no_edition": "Invérifiable : pas de données officielles pour {index} {edition}.",
        "no_index": "Invérifiable : INTERPOL ne publie ni indice ni classement des pays.",
        "latest": " Édition non précisée : vérifié avec la dernière édition qui donne ce chiffre ({edition}).",
        "consistent_word": "Conforme",
        "contradicted_word": "Contredit",
    },
    "ar": {
        "consistent": "متوافق: يعطي {index} {edition} {country} {metric} {official} (المصدر: {source}).",
        "contradicted": "مناقض: يعطي {index} {edition} {country} {metric} {official} وليس {claimed} "
        "(المصدر: {source}).",
        "other_country": " القيمة {claimed} هي القيمة الرسمية لـ{other} في هذا الإصدار.",
        "regional": "{verdict}: محسوب من النتائج الرسمية، ترتيب {country} هو {official} من أصل {count} "
        "({region}) في {index} {edition} وليس {claimed} (المصدر: {source}).",
        "regional_ok": "{verdict}: محسوب من النتائج الرسمية، ترتيب {country} هو {official} من أصل {count} "
        "({region}) في {index} {edition} (المصدر: {source}).",
        "no_rank_2024": "غير قابل للتحقق: نشر الاتحاد الدولي للاتصالات فئات لا مراتب في {index} 2024، "
        "فلا توجد مرتبة رسمية.",
        "no_figure": "غير قابل للتحقق: لا توجد قيمة رسمية ({metric}) لـ{country} في {index} {edition}.",
        "no_edition": "غير قابل للتحقق: لا توجد بيانات رسمية عن {index} {edition}.",
        "no_index": "غير قابل للتحقق: لا ينشر الإنتربول مؤشرا ولا ترتيبا للدول.",
        "latest": " لم يذكر الإصدار: جرى التحقق مقابل أحدث إصدار يتضمن هذا الرقم ({edition}).",
        "consistent_word": "متوافق",
        "contradicted_word": "مناقض",
    },
}

INDEX_NAMES = {
    "en": {"itu_gci": "ITU GCI", "ncsi": "NCSI", "un_egdi": "UN EGDI", "interpol": "INTERPOL"},
    "fr": {
        "itu_gci": "le GCI de l'UIT",
        "ncsi": "le NCSI",
        "un_egdi": "l'EGDI de l'ONU",
        "interpol": "INTERPOL",
    },
    "ar": {
        "itu_gci": "مؤشر الأمن السيبراني العالمي",
        "ncsi": "المؤشر الوطني للأمن السيبراني",
        "un_egdi": "مؤشر تطوير الحكومة الإلكترونية",
        "interpol": "الإنتربول",
    },
}
METRIC_NAMES = {
    "en": {
        "score": "a score of",
        "rank": "rank",
        "tier": "tier",
        "legal": "a legal pillar score of",
        "technical": "a technical pillar score of",
        "organizational": "an organizational pillar score of",
        "capacity_development": "a capacity development pillar score of",
        "cooperation": "a cooperation pillar score of",
    },
    "fr": {
        "score": "un score de",
        "rank": "le rang",
        "tier": "le niveau",
        "legal": "un score juridique de",
        "technical": "un score technique de",
        "organizational": "un score organisationnel de",
        "capacity_development": "un score de développement des capacités de",
        "cooperation": "un score de coopération de",
    },
    "ar": {
        # The dashboard's words: درجة (score), المستوى (tier), ركيزة (pillar).
        "score": "درجة",
        "rank": "المرتبة",
        "tier": "المستوى",
        "legal": "درجة الركيزة القانونية",
        "technical": "درجة الركيزة التقنية",
        "organizational": "درجة الركيزة التنظيمية",
        "capacity_development": "درجة ركيزة تنمية القدرات",
        "cooperation": "درجة ركيزة التعاون",
    },
}
# The metric as a noun, where a message names it without a figure after it ("no official
# score for Oman", not "no official a score of"): the messages of :data:`NOUN_MESSAGES`.
METRIC_NOUNS = {
    "en": {
        "score": "score",
        "rank": "rank",
        "tier": "tier",
        "legal": "legal pillar score",
        "technical": "technical pillar score",
        "organizational": "organizational pillar score",
        "capacity_development": "capacity development pillar score",
        "cooperation": "cooperation pillar score",
    },
    "fr": {
        "score": "score",
        "rank": "rang",
        "tier": "niveau",
        "legal": "score juridique",
        "technical": "score technique",
        "organizational": "score organisationnel",
        "capacity_development": "score de développement des capacités",
        "cooperation": "score de coopération",
    },
    "ar": METRIC_NAMES["ar"],  # already nouns
}
NOUN_MESSAGES = frozenset({"no_figure"})
REGION_NAMES = {
    "en": {"africa": "Africa", "arab": "Arab League", "gcc": "GCC", "world": "world"},
    "fr": {"africa": "Afrique", "arab": "Ligue arabe", "gcc": "CCG", "world": "monde"},
    "ar": {
        "africa": "إفريقيا",
        "arab": "الدول العربية",
        "gcc": "مجلس التعاون الخليجي",
        "world": "العالم",
    },
}


@cache
def country_name(iso3: str, language: str) -> str:
    """The CLDR name of a country in ``language`` (ISO3 if unknown)."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return babel.Locale.parse(language).territories.get(country.alpha_2, iso3)


def explain(language: str, message: str, **fields: object) -> str:
    """A message in ``language`` (ar, fr, en; others fall back to English) with names localised."""
    language = language if language in MESSAGES else "en"
    names = dict(fields)
    if "iso3" in names:
        names["country"] = country_name(str(names.pop("iso3")), language)
    if "other_iso3" in names:
        others = names.pop("other_iso3")
        names["other"] = ", ".join(country_name(str(i), language) for i in others)  # type: ignore[union-attr]
    if "index_id" in names:
        names["index"] = INDEX_NAMES[language].get(str(names.pop("index_id")), "")
    if "metric_id" in names:
        words = METRIC_NOUNS if message in NOUN_MESSAGES else METRIC_NAMES
        names["metric"] = words[language].get(str(names.pop("metric_id")), "")
    if "region_id" in names:
        names["region"] = REGION_NAMES[language].get(str(names.pop("region_id")), "")
    if "verdict_id" in names:
        names["verdict"] = MESSAGES[language][f"{names.pop('verdict_id')}_word"]
    if language == "ar" and names.get("source"):
        # The source is an English title ("ITU Global Cybersecurity Index 2024 (5th edition)"):
        # isolated (FSI ... PDI), its words and brackets keep their order inside Arabic text.
        names["source"] = f"\u2068{names['source']}\u2069"
    if language == "fr":  # 97,5: the decimal comma of French
        for key in ("official", "claimed"):
            if isinstance(names.get(key), str) and _DECIMAL.fullmatch(names[key]):
                names[key] = names[key].replace(".", ",")
    return MESSAGES[language][message].format(**names)


_DECIMAL = re.compile(r"\d+\.\d+%?")  # a figure as verify._fmt writes it


@cache
def _document_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """Each document title a source writes from a template (the EGDI survey of a year, the NCSI
    snapshot a figure was read in; GCI's titles are whole texts) and the pattern reading its
    fields back. Imported here, not above: the sources import the news package."""
    from etl.sources import ncsi, un_egdi

    out = []
    for template in (un_egdi.DOCUMENT_TITLE, ncsi.DOCUMENT_TITLE):
        pattern = "".join(re.escape(literal) + (f"(?P<{name}>.+)" if name else "")
                          for literal, name, _, _ in string.Formatter().parse(template))
        out.append((template, re.compile(pattern, re.S)))
    return tuple(out)


def document_name(title: object, lang: str) -> str | None:
    """A source document's title ("ITU Global Cybersecurity Index 2020 (4th edition)", "UN
    E-Government Survey 2022", "NCSI snapshot: 2025 relaunch, 61 countries listed") in
    ``lang`` as the dashboard names it: its message catalogs translate the titles the sources
    declare, whole (GCI's) or as their template with its fields (a year as written, the NCSI
    snapshot's description by its own entry); else the title as written (a field the catalogs
    do not translate keeps the whole title English, never half of it), None when there is
    none. The catalogs are read where translators keep them, as :mod:`etl.export` reads the
    indicator names: the ETL has no copy of its own."""
    if not isinstance(title, str) or not title:
        return None
    if lang not in MESSAGES or lang == "en":
        return title
    from dashboard.i18n import catalog

    translated = catalog(lang)
    if title in translated:
        return translated[title]
    for template, pattern in _document_patterns():
        found = pattern.fullmatch(title)
        if found is None or template not in translated:
            continue
        fields = {name: value if value.isdigit() else translated.get(value)
                  for name, value in found.groupdict().items()}
        if all(fields.values()):
            try:
                return translated[template].format(**fields)
            except (KeyError, IndexError, ValueError):  # a broken translation: as written
                return title
    return title


def with_document_name(text: str, title: object, lang: str) -> str:
    """An explanation in ``lang`` with its source's English title (as stored: the row's
    ``official_source``) said as :func:`document_name` says it."""
    name = document_name(title, lang)
    return text.replace(str(title), name) if name and name != title else text


def explanation_in(row: dict, lang: str) -> tuple[str, str]:
    """(a stored claim's explanation in ``lang``, the language it is in): from the explanations
    stored in every language; for a claim checked before them, the article's language when
    asked for it, else English. The source document is named in that language where the
    catalogs translate its title (the explanation stores it as the official row gives it).
    The News page and the claims download say the same."""
    said = json.loads(row["explanations"]) if isinstance(row.get("explanations"), str) else {}
    if said.get(lang):
        text, said_in = said[lang], lang
    elif lang == row["language"] or not row["explanation_en"]:
        text, said_in = row["explanation"] or "–", str(row["language"])
    else:
        return row["explanation_en"], "en"
    return with_document_name(text, row.get("official_source"), said_in), said_in
