"""One-line explanations of a checked claim, in Arabic, French and English."""

from __future__ import annotations

import json
import re
import string
from functools import cache

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "consistent": "Consistent: {index} {edition} gives {country} {metric} {official} (source: {source}).",
        "contradicted": "Contradicted: {index} {edition} gives {country} {metric} {official}, not {claimed} "
        "(source: {source}).",
        "consistent_top": "Consistent: {index} {edition} gives {country} {metric} {official}, within "
        "the top {claimed} (source: {source}).",
        "contradicted_top": "Contradicted: {index} {edition} gives {country} {metric} {official}, not "
        "in the top {claimed} (source: {source}).",
        "other_country": " {claimed} is the official figure of {other} in that edition.",
        "other_country_close": " {claimed} is close to the official figure of {other} in that edition.",
        "regional": "{verdict}: computed from official scores, {country} ranks {official} of {count} "
        "({region}) in {index} {edition}, not {claimed} (source: {source}).",
        "regional_ok": "{verdict}: computed from official scores, {country} ranks {official} of {count} "
        "({region}) in {index} {edition} (source: {source}).",
        "regional_top": "{verdict}: computed from official scores, {country} ranks {official} of "
        "{count} ({region}) in {index} {edition}, not in the top {claimed} (source: {source}).",
        "regional_top_ok": "{verdict}: computed from official scores, {country} ranks {official} of "
        "{count} ({region}) in {index} {edition}, within the top {claimed} (source: {source}).",
        "not_given": "Unverifiable: {index} {edition} gives no {metrics}{span}.",
        "given_instead": "Unverifiable: {index} {edition} gives {instead}, not {metrics}{span}.",
        "never_given": "Unverifiable: {index} gives no {metrics}.",
        "span_first": " ({metrics} from the {first} edition on)",
        "span_last": " ({metrics} up to the {last} edition)",
        "regional_needs_scores": " A regional rank is computed from official scores.",
        # A regional rank from an edition that scores too few of the region's members to rank
        # it (verify.REGION_COVERAGE): {count} of {members}.
        "region_too_few": "Unverifiable: {index} {edition} scores only {count} of the {members} "
        "members of the region ({region}), too few to compute a regional rank.",
        "no_figure": "Unverifiable: no official {metric} for {country} in {index} {edition}.",
        "no_edition": "Unverifiable: no official data for {index} {edition}.",
        "no_data": "Unverifiable: no official data for {index}.",
        "no_index": "Unverifiable: INTERPOL publishes no index and no country ranking.",
        # A rank in a region the data does not rank ("first in the Middle East"); {region}: a
        # REGION_NAMES name, as it reads after "for". The regions listed are DEFAULT_REGIONS.
        "region_not_ranked": "Unverifiable: the official data hold no ranking for {region} in "
        "{index}; regional ranks are computed from official scores only for Africa, the Arab "
        "states and the GCC.",
        "latest": " Edition not stated: checked against the latest edition with this figure ({edition}).",
        "latest_by_date": " Edition not stated: checked against the latest edition with this figure "
        "up to the article's year, {year} ({edition}).",
        # The undated figures of one sentence about one country, held against one edition.
        "latest_all": " Edition not stated: checked against the latest edition with all the "
        "figures of the sentence ({edition}).",
        "latest_all_by_date": " Edition not stated: checked against the latest edition with all "
        "the figures of the sentence up to the article's year, {year} ({edition}).",
        "consistent_word": "Consistent",
        "contradicted_word": "Contradicted",
    },
    "fr": {
        # The country leads ("Maroc — …"): French names take an article ("le Maroc", "l'Égypte",
        # but "Oman") that CLDR does not give, so no sentence puts a name where French wants
        # one ("pour Maroc", "Maroc est au rang 7").
        "consistent": "Conforme : {country} — {index} {edition} donne {metric} {official} "
        "(source : {source}).",
        "contradicted": "Contredit : {country} — {index} {edition} donne {metric} {official}, et "
        "non {claimed} (source : {source}).",
        "consistent_top": "Conforme : {country} — {index} {edition} donne {metric} {official}, parmi "
        "les {claimed} premiers (source : {source}).",
        "contradicted_top": "Contredit : {country} — {index} {edition} donne {metric} {official}, "
        "hors des {claimed} premiers (source : {source}).",
        "other_country": " {claimed} est le chiffre officiel d'un autre pays dans cette édition : "
        "{other}.",
        "other_country_close": " {claimed} est proche d'un chiffre officiel de cette édition : "
        "{other}.",
        "regional": "{verdict} : {country} — rang {official} sur {count} ({region}) dans {index} "
        "{edition}, calculé à partir des scores officiels, et non {claimed} (source : {source}).",
        "regional_ok": "{verdict} : {country} — rang {official} sur {count} ({region}) dans "
        "{index} {edition}, calculé à partir des scores officiels (source : {source}).",
        "regional_top": "{verdict} : {country} — rang {official} sur {count} ({region}) dans "
        "{index} {edition}, calculé à partir des scores officiels, hors des {claimed} premiers "
        "(source : {source}).",
        "regional_top_ok": "{verdict} : {country} — rang {official} sur {count} ({region}) dans "
        "{index} {edition}, calculé à partir des scores officiels, parmi les {claimed} premiers "
        "(source : {source}).",
        "not_given": "Invérifiable : {index} {edition} ne donne pas de {metrics}{span}.",
        "given_instead": "Invérifiable : {index} {edition} donne des {instead}, pas de "
        "{metrics}{span}.",
        "never_given": "Invérifiable : {index} ne donne pas de {metrics}.",
        "span_first": " ({metrics} à partir de l'édition {first})",
        "span_last": " ({metrics} jusqu'à l'édition {last})",
        "regional_needs_scores": " Un rang régional est calculé à partir des scores officiels.",
        "region_too_few": "Invérifiable : {index} {edition} ne donne le score que de {count} des "
        "{members} membres de la région ({region}), trop peu pour calculer un rang régional.",
        "no_figure": "Invérifiable : {country} — aucune valeur officielle ({metric}) dans {index} "
        "{edition}.",
        "no_edition": "Invérifiable : pas de données officielles pour {index} {edition}.",
        "no_data": "Invérifiable : pas de données officielles pour {index}.",
        "no_index": "Invérifiable : INTERPOL ne publie ni indice ni classement des pays.",
        # {region}: with its article, as it reads after "pour" ("pour le Moyen-Orient").
        "region_not_ranked": "Invérifiable : les données officielles ne donnent aucun classement "
        "pour {region} dans {index} ; les rangs régionaux ne sont calculés à partir des scores "
        "officiels que pour l'Afrique, les États arabes et le CCG.",
        "latest": " Édition non précisée : vérifié avec la dernière édition qui donne ce chiffre ({edition}).",
        "latest_by_date": " Édition non précisée : vérifié avec la dernière édition qui donne ce "
        "chiffre jusqu'à l'année de l'article, {year} ({edition}).",
        "latest_all": " Édition non précisée : vérifié avec la dernière édition qui donne tous "
        "les chiffres de la phrase ({edition}).",
        "latest_all_by_date": " Édition non précisée : vérifié avec la dernière édition qui donne "
        "tous les chiffres de la phrase jusqu'à l'année de l'article, {year} ({edition}).",
        "consistent_word": "Conforme",
        "contradicted_word": "Contredit",
    },
    "ar": {
        "consistent": "متوافق: يعطي {index} {edition} {country} {metric} {official} (المصدر: {source}).",
        "contradicted": "مناقض: يعطي {index} {edition} {country} {metric} {official} وليس {claimed} "
        "(المصدر: {source}).",
        "consistent_top": "متوافق: يعطي {index} {edition} {country} {metric} {official}، ضمن المراتب "
        "الـ{claimed} الأولى (المصدر: {source}).",
        "contradicted_top": "مناقض: يعطي {index} {edition} {country} {metric} {official}، خارج المراتب "
        "الـ{claimed} الأولى (المصدر: {source}).",
        # {li_other}, {li_country}: the name with the preposition ل attached (:func:`arabic_li`).
        "other_country": " القيمة {claimed} هي القيمة الرسمية {li_other} في هذا الإصدار.",
        "other_country_close": " القيمة {claimed} قريبة من القيمة الرسمية {li_other} في هذا الإصدار.",
        "regional": "{verdict}: محسوب من النتائج الرسمية، ترتيب {country} هو {official} من أصل {count} "
        "({region}) في {index} {edition} وليس {claimed} (المصدر: {source}).",
        "regional_ok": "{verdict}: محسوب من النتائج الرسمية، ترتيب {country} هو {official} من أصل {count} "
        "({region}) في {index} {edition} (المصدر: {source}).",
        "regional_top": "{verdict}: محسوب من النتائج الرسمية، ترتيب {country} هو {official} من أصل "
        "{count} ({region}) في {index} {edition}، خارج المراتب الـ{claimed} الأولى (المصدر: {source}).",
        "regional_top_ok": "{verdict}: محسوب من النتائج الرسمية، ترتيب {country} هو {official} من أصل "
        "{count} ({region}) في {index} {edition}، ضمن المراتب الـ{claimed} الأولى (المصدر: {source}).",
        "not_given": "غير قابل للتحقق: لا يعطي {index} {edition} {metrics}{span}.",
        "given_instead": "غير قابل للتحقق: يعطي {index} {edition} {instead} لا {metrics}{span}.",
        "never_given": "غير قابل للتحقق: لا يعطي {index} {metrics}.",
        "span_first": " (تعطى {metrics} ابتداء من إصدار {first})",
        "span_last": " (تعطى {metrics} حتى إصدار {last})",
        "regional_needs_scores": " تحسب المرتبة الإقليمية من الدرجات الرسمية.",
        "region_too_few": "غير قابل للتحقق: لا يعطي {index} {edition} درجات إلا لعدد {count} من أصل "
        "{members} من أعضاء المنطقة ({region})، وهو عدد لا يكفي لحساب مرتبة إقليمية.",
        "no_figure": "غير قابل للتحقق: لا توجد قيمة رسمية ({metric}) {li_country} في {index} {edition}.",
        "no_edition": "غير قابل للتحقق: لا توجد بيانات رسمية عن {index} {edition}.",
        "no_data": "غير قابل للتحقق: لا توجد بيانات رسمية عن {index}.",
        "no_index": "غير قابل للتحقق: لا ينشر الإنتربول مؤشرا ولا ترتيبا للدول.",
        # {li_region}: the region's name with ل attached ("للشرق الأوسط").
        "region_not_ranked": "غير قابل للتحقق: لا تتضمن البيانات الرسمية ترتيبا {li_region} في "
        "{index}، ولا تحسب المراتب الإقليمية من النتائج الرسمية إلا لأفريقيا والدول العربية ومجلس "
        "التعاون الخليجي.",
        "latest": " لم يذكر الإصدار: جرى التحقق مقابل أحدث إصدار يتضمن هذا الرقم ({edition}).",
        "latest_by_date": " لم يذكر الإصدار: جرى التحقق مقابل أحدث إصدار يتضمن هذا الرقم حتى سنة "
        "نشر المقال {year} ({edition}).",
        "latest_all": " لم يذكر الإصدار: جرى التحقق مقابل أحدث إصدار يتضمن كل أرقام الجملة "
        "({edition}).",
        "latest_all_by_date": " لم يذكر الإصدار: جرى التحقق مقابل أحدث إصدار يتضمن كل أرقام الجملة "
        "حتى سنة نشر المقال {year} ({edition}).",
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
        "itu_gci": "المؤشر العالمي للأمن السيبراني",
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
# The metric as a plural noun, for what an edition gives none of ("ITU GCI 2020 gives no tiers").
METRIC_PLURALS = {
    "en": {
        "score": "scores",
        "rank": "ranks",
        "tier": "tiers",
        "legal": "legal pillar scores",
        "technical": "technical pillar scores",
        "organizational": "organizational pillar scores",
        "capacity_development": "capacity development pillar scores",
        "cooperation": "cooperation pillar scores",
    },
    "fr": {
        "score": "scores",
        "rank": "rangs",
        "tier": "niveaux",
        "legal": "scores juridiques",
        "technical": "scores techniques",
        "organizational": "scores organisationnels",
        "capacity_development": "scores de développement des capacités",
        "cooperation": "scores de coopération",
    },
    "ar": {
        "score": "درجات",
        "rank": "مراتب",
        "tier": "مستويات",
        "legal": "درجات الركيزة القانونية",
        "technical": "درجات الركيزة التقنية",
        "organizational": "درجات الركيزة التنظيمية",
        "capacity_development": "درجات ركيزة تنمية القدرات",
        "cooperation": "درجات ركيزة التعاون",
    },
}
REGION_NAMES = {
    "en": {"africa": "Africa", "arab": "Arab League", "gcc": "GCC", "world": "world"},
    "fr": {"africa": "Afrique", "arab": "Ligue arabe", "gcc": "CCG", "world": "monde"},
    "ar": {
        "africa": "أفريقيا",
        "arab": "الدول العربية",
        "gcc": "مجلس التعاون الخليجي",
        "world": "العالم",
    },
}
# The regions the data does not rank (etl.news.lexicon.UNRANKED_REGIONS_BY_SCOPE), named only in
# "region_not_ranked": in English and French with the article they take after "for"/"pour",
# in Arabic as they read after ل (الأمريكتين), أفريقيا spelt as dashboard/locales/glossary.csv
# spells it.
REGION_NAMES["en"].update(
    {
        "mena": "the Middle East and North Africa",
        "middle_east": "the Middle East",
        "north_africa": "North Africa",
        "west_africa": "West Africa",
        "east_africa": "East Africa",
        "central_africa": "Central Africa",
        "southern_africa": "Southern Africa",
        "sub_saharan_africa": "Sub-Saharan Africa",
        "maghreb": "the Maghreb",
        "mashreq": "the Mashreq",
        "europe": "Europe",
        "asia": "Asia",
        "americas": "the Americas",
        "latin_america": "Latin America",
    }
)
REGION_NAMES["fr"].update(
    {
        "mena": "le Moyen-Orient et l'Afrique du Nord",
        "middle_east": "le Moyen-Orient",
        "north_africa": "l'Afrique du Nord",
        "west_africa": "l'Afrique de l'Ouest",
        "east_africa": "l'Afrique de l'Est",
        "central_africa": "l'Afrique centrale",
        "southern_africa": "l'Afrique australe",
        "sub_saharan_africa": "l'Afrique subsaharienne",
        "maghreb": "le Maghreb",
        "mashreq": "le Machrek",
        "europe": "l'Europe",
        "asia": "l'Asie",
        "americas": "les Amériques",
        "latin_america": "l'Amérique latine",
    }
)
REGION_NAMES["ar"].update(
    {
        "mena": "الشرق الأوسط وشمال أفريقيا",
        "middle_east": "الشرق الأوسط",
        "north_africa": "شمال أفريقيا",
        "west_africa": "غرب أفريقيا",
        "east_africa": "شرق أفريقيا",
        "central_africa": "وسط أفريقيا",
        "southern_africa": "الجنوب الأفريقي",
        "sub_saharan_africa": "أفريقيا جنوب الصحراء",
        "maghreb": "المغرب العربي",
        "mashreq": "المشرق العربي",
        "europe": "أوروبا",
        "asia": "آسيا",
        "americas": "الأمريكتين",
        "latin_america": "أمريكا اللاتينية",
    }
)


@cache
def country_name(iso3: str, language: str) -> str:
    """A country's name in ``language`` as the store and pages name it (ISO3 if unknown)."""
    from etl import reference  # here: etl.reference imports the sources, which import etl.news

    return reference.country_name(iso3, language)


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")


def arabic_li(name: str) -> str:
    """``name`` with the Arabic preposition ل ("of", "for") attached as Arabic writes it: over
    the article ال its alif drops ("المغرب" -> "للمغرب", "الإمارات العربية المتحدة" ->
    "للإمارات العربية المتحدة"; "الل…" -> "لل…"), else it joins the word ("مصر" -> "لمصر",
    "عُمان" -> "لعُمان", "سلطنة عمان" -> "لسلطنة عمان"); before what is not an Arabic letter
    (an ISO3 code a name fell back to, a digit) it is written "لـ" ("لـXKX")."""
    if name.startswith("الل"):
        return "لل" + name[3:]
    if name.startswith("ال"):
        return "ل" + name[1:]
    return ("ل" if _ARABIC_LETTER.match(name) else "لـ") + name


def _figure_in(text: str, language: str) -> str:
    """A figure as verify._fmt writes it, in ``language``: 97,5 in French."""
    return text.replace(".", ",") if language == "fr" and _DECIMAL.fullmatch(text) else text


def _listed(names: list[str], language: str) -> str:
    """Names one after another: "Australia, India" ("أستراليا والهند": Arabic joins with و)."""
    return " و".join(names) if language == "ar" else ", ".join(names)


def explain(language: str, message: str, **fields: object) -> str:
    """A message in ``language`` (ar, fr, en; others fall back to English) with names localised.

    ``other_iso3``: the countries a figure is the official figure of; ``other_figures``: (ISO3,
    official figure) of those it is close to; ``missing_id``/``instead_id``: the metric an
    edition gives none of / gives instead, with ``first``/``last``: the edition it is given from /
    up to."""
    language = language if language in MESSAGES else "en"
    said = MESSAGES[language]
    names = dict(fields)
    if "iso3" in names:
        names["country"] = country_name(str(names.pop("iso3")), language)
    if "other_iso3" in names:
        others = names.pop("other_iso3")
        names["other"] = _listed([country_name(str(i), language) for i in others], language)  # type: ignore[union-attr]
    if "other_figures" in names:
        others = names.pop("other_figures")
        names["other"] = _listed([f"{country_name(str(i), language)} ({_figure_in(str(v), language)})"
                                  for i, v in others], language)  # type: ignore[union-attr]
    if language == "ar":
        for key in ("country", "other"):
            if key in names:
                names[f"li_{key}"] = arabic_li(str(names[key]))
    if "missing_id" in names:
        plurals = METRIC_PLURALS[language]
        names["metrics"] = plurals.get(str(names.pop("missing_id")), "")
        if "instead_id" in names:
            names["instead"] = plurals.get(str(names.pop("instead_id")), "")
        first, last = names.pop("first", None), names.pop("last", None)
        names["span"] = (said["span_first"].format(metrics=names["metrics"], first=first) if first
                         else said["span_last"].format(metrics=names["metrics"], last=last) if last
                         else "")
    if "index_id" in names:
        names["index"] = INDEX_NAMES[language].get(str(names.pop("index_id")), "")
    if "metric_id" in names:
        words = METRIC_NOUNS if message in NOUN_MESSAGES else METRIC_NAMES
        names["metric"] = words[language].get(str(names.pop("metric_id")), "")
    if "region_id" in names:
        names["region"] = REGION_NAMES[language].get(str(names.pop("region_id")), "")
        if language == "ar":
            names["li_region"] = arabic_li(str(names["region"]))
    if "verdict_id" in names:
        names["verdict"] = said[f"{names.pop('verdict_id')}_word"]
    if language == "ar" and names.get("source"):
        # The source is an English title ("ITU Global Cybersecurity Index 2024 (5th edition)"):
        # isolated (FSI ... PDI), its words and brackets keep their order inside Arabic text.
        names["source"] = f"\u2068{names['source']}\u2069"
    for key in ("official", "claimed"):  # 97,5: the decimal comma of French
        if isinstance(names.get(key), str):
            names[key] = _figure_in(names[key], language)
    return said[message].format(**names)


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
