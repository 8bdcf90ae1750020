"""The words of a download in English, French and Arabic: Excel sheet names, the headers and
labels of the sources sheet, and the README of the ZIP bundle.

Kept here rather than in the dashboard's gettext catalogs because ``etl`` never imports the
dashboard. Data column ids (``indicator``, ``iso3``, ...) are never translated: they are the
same in every language, so a script reading a French or Arabic file reads the same columns.
``tests/etl/test_export_formats.py`` checks that every language has every key.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "ar")
DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "sheet_data": "data",
        "sheet_sources": "sources",
        "source_id": "source_id",
        "publisher": "publisher",
        "title": "title",
        "document": "document",
        "document_urls": "document_urls",
        "source_page": "source_page",
        "licence": "licence",
        "snapshot_sha256": "snapshot_sha256",
        "first_retrieved_at": "first_retrieved_at",
        "last_retrieved_at": "last_retrieved_at",
        "rows": "rows",
        "generated_at": "generated_at",
        "view": "view",
        "filter": "filter: {name}",
        "filter.indicator": "indicator",
        "filter.country": "country",
        "filter.group": "group",
        "filter.edition": "edition",
        "all": "(all)",
        "none_given": "(none given)",
        "readme_title": "cyberindex observations",
        "readme_generated": "Generated: {value}",
        "readme_rows": "Rows: {value}",
        "readme_release": "Data release: {value}",
        "readme_view": "View: {value}",
        "readme_filter": "Filter:",
        "readme_files": "Files:",
        "readme_file_data": "the rows (UTF-8, comma separated)",
        "readme_file_sources": "the source documents the rows cite",
        "readme_file_metadata": "this information, machine-readable",
        "readme_formulas": "Cells beginning with = + - @ tab or carriage return carry a leading "
                           "apostrophe\nso that spreadsheets do not run them as formulas.",
        "readme_columns": "Columns (their ids are the same in every language):",
        "readme_sources": "Sources and licence notes:",
        "readme_licence": "licence: {value}",
        "readme_page": "page: {value}",
        "readme_read_from": "read from: {value}",
        "readme_retrieved": "retrieved: {first} to {last} (snapshot {sha}, {rows} rows)",
        "readme_no_sources": "(no rows, no sources)",
    },
    "fr": {
        "sheet_data": "données",
        "sheet_sources": "sources",
        "source_id": "identifiant de la source",
        "publisher": "éditeur",
        "title": "titre",
        "document": "document",
        "document_urls": "URL du document",
        "source_page": "page de la source",
        "licence": "licence",
        "snapshot_sha256": "instantané (SHA-256)",
        "first_retrieved_at": "première collecte",
        "last_retrieved_at": "dernière collecte",
        "rows": "lignes",
        "generated_at": "généré le",
        "view": "vue",
        "filter": "filtre : {name}",
        "filter.indicator": "indicateur",
        "filter.country": "pays",
        "filter.group": "groupe",
        "filter.edition": "édition",
        "all": "(tous)",
        "none_given": "(aucune)",
        "readme_title": "Observations cyberindex",
        "readme_generated": "Généré le : {value}",
        "readme_rows": "Lignes : {value}",
        "readme_release": "Publication des données : {value}",
        "readme_view": "Vue : {value}",
        "readme_filter": "Filtre :",
        "readme_files": "Fichiers :",
        "readme_file_data": "les lignes (UTF-8, séparées par des virgules)",
        "readme_file_sources": "les documents sources cités par les lignes",
        "readme_file_metadata": "ces informations, lisibles par une machine",
        "readme_formulas": "Les cellules commençant par = + - @ tabulation ou retour chariot "
                           "sont précédées\nd’une apostrophe pour que les tableurs ne les "
                           "exécutent pas comme des formules.",
        "readme_columns": "Colonnes (leurs identifiants sont les mêmes dans toutes les langues) :",
        "readme_sources": "Sources et licences :",
        "readme_licence": "licence : {value}",
        "readme_page": "page : {value}",
        "readme_read_from": "lu depuis : {value}",
        "readme_retrieved": "collecté : du {first} au {last} (instantané {sha}, {rows} lignes)",
        "readme_no_sources": "(aucune ligne, aucune source)",
    },
    "ar": {
        "sheet_data": "البيانات",
        "sheet_sources": "المصادر",
        "source_id": "معرّف المصدر",
        "publisher": "الناشر",
        "title": "العنوان",
        "document": "الوثيقة",
        "document_urls": "روابط الوثيقة",
        "source_page": "صفحة المصدر",
        "licence": "الترخيص",
        "snapshot_sha256": "اللقطة (SHA-256)",
        "first_retrieved_at": "أول استرجاع",
        "last_retrieved_at": "آخر استرجاع",
        "rows": "الصفوف",
        "generated_at": "تاريخ الإنشاء",
        "view": "العرض",
        "filter": "عامل التصفية: {name}",
        "filter.indicator": "المؤشر",
        "filter.country": "البلد",
        "filter.group": "المجموعة",
        "filter.edition": "الإصدار",
        "all": "(الكل)",
        "none_given": "(لا يوجد)",
        "readme_title": "مشاهدات cyberindex",
        "readme_generated": "تاريخ الإنشاء: {value}",
        "readme_rows": "الصفوف: {value}",
        "readme_release": "إصدار البيانات: {value}",
        "readme_view": "العرض: {value}",
        "readme_filter": "عامل التصفية:",
        "readme_files": "الملفات:",
        "readme_file_data": "الصفوف (UTF-8، مفصولة بفواصل)",
        "readme_file_sources": "الوثائق المصدرية التي تستشهد بها الصفوف",
        "readme_file_metadata": "هذه المعلومات بصيغة قابلة للقراءة آليًا",
        "readme_formulas": "الخلايا التي تبدأ بـ = + - @ أو علامة جدولة أو إرجاع السطر تُسبق "
                           "بفاصلة عليا\nحتى لا تنفذها جداول البيانات كصيغ.",
        "readme_columns": "الأعمدة (معرّفاتها واحدة في كل اللغات):",
        "readme_sources": "المصادر وملاحظات الترخيص:",
        "readme_licence": "الترخيص: {value}",
        "readme_page": "الصفحة: {value}",
        "readme_read_from": "مقروءة من: {value}",
        "readme_retrieved": "تاريخ الاسترجاع: من {first} إلى {last} (اللقطة {sha}، {rows} صفًا)",
        "readme_no_sources": "(لا صفوف ولا مصادر)",
    },
}


def normalize_lang(lang: object) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else English."""
    code = str(lang or "").strip().lower()
    return code if code in TEXTS else DEFAULT_LANGUAGE


def text(key: str, lang: object = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The words for ``key`` in ``lang`` (English when missing), with ``fields`` filled in."""
    words = TEXTS[normalize_lang(lang)].get(key, TEXTS[DEFAULT_LANGUAGE][key])
    return words.format(**fields) if fields else words
