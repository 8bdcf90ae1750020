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

# "column.<id>" keys describe the data columns in the README; the ids themselves never change.
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
        "filter.where": "rows where",
        "filter.sort": "sorted by",
        "all": "(all)",
        "default_order": "(the stored order)",
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
        "column.indicator": 'Indicator id, e.g. itu_gci.overall (see /api/v1/indicators)',
        "column.indicator_name": 'Indicator name, in the language of the download (as the dashboard shows it)',
        "column.iso3": 'ISO 3166-1 alpha-3 country code',
        "column.country": 'Country name (CLDR), in the language of the download (English unless lang says fr or ar)',
        "column.edition": 'Edition (year) of the index as published',
        "column.value": "Value on the publisher's scale (see scale); empty when not published",
        "column.scale": 'Scale of value, e.g. 0-1 (GCI 2014-2018) or 0-100 (GCI 2020-)',
        "column.rank": 'Global rank as published; empty when the edition publishes none (GCI 2024) '
                       'or the source prints a range (see rank_text)',
        "column.rank_text": 'Rank as the source printed it (NCSI only): the same number as rank, or a '
                            'range such as 14-17 where the source gives one (rank is then empty); '
                            'empty otherwise',
        "column.tier": 'GCI 2024 only: tier from 1 (best) to 5, derived from the overall score with '
                       "ITU's published thresholds (T1 ≥ 95, T2 ≥ 85, T3 ≥ 55, T4 ≥ 20, T5 < 20); "
                       'for 2024 ITU publishes tiers, not ranks; empty otherwise',
        "column.tier_label": "Name of the tier, in English as ITU writes it (Role-modelling, "
                             'Advancing, Establishing, Evolving, Building); empty without a tier',
        "column.source": 'Publication the value comes from (report, survey, snapshot or API); the '
                         'value was not always read in it directly: channel says how it was read '
                         '(transcription, extraction, press, official release), source_url where',
        "column.source_url": "Where the value was read (several URLs separated by ' | ')",
        "column.snapshot_sha256": 'SHA-256 of the raw snapshot the row was loaded from',
        "column.publisher": 'Publisher of the index',
        "column.channel": 'How the value was read: a public transcription or extraction of the '
                          "report, a press or official release, a copy of the publisher's file or "
                          'its API (NCSI: the methodology of the snapshot)',
        "column.verification": 'verified_2_sources, single_source or conflict (for a conflict, '
                               'source_note says which value was kept)',
        "column.source_note": 'Note on the value, in English as the data was curated: for a '
                              'conflict, which value was kept and what the other sources gave; '
                              'otherwise e.g. the snapshot it comes from or how it was derived; '
                              'empty when there is none',
        "column.retrieved_at": 'When the raw snapshot was taken (UTC, ISO 8601)',
        "column.correction": 'Corrections-ledger entry on this value (flag, override, open report), if any',
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
        "filter.where": "lignes où",
        "filter.sort": "tri",
        "all": "(tous)",
        "default_order": "(l’ordre enregistré)",
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
        "column.indicator": "Identifiant de l'indicateur, p. ex. itu_gci.overall (voir /api/v1/indicators)",
        "column.indicator_name": "Nom de l'indicateur, dans la langue du téléchargement (tel que le tableau de bord l'affiche)",
        "column.iso3": 'Code pays ISO 3166-1 alpha-3',
        "column.country": 'Nom du pays (CLDR), dans la langue du téléchargement (anglais sauf si lang vaut fr ou ar)',
        "column.edition": "Édition (année) de l'indice telle que publiée",
        "column.value": "Valeur sur l'échelle de l'éditeur (voir scale) ; vide si non publiée",
        "column.scale": 'Échelle de la valeur, p. ex. 0-1 (GCI 2014-2018) ou 0-100 (GCI 2020-)',
        "column.rank": "Rang mondial tel que publié ; vide si l'édition n'en publie pas (GCI 2024) "
                       "ou si la source imprime un intervalle (voir rank_text)",
        "column.rank_text": "Rang tel que la source l'imprime (NCSI seulement) : le même nombre que "
                            "rank, ou un intervalle comme 14-17 quand la source en donne un (rank "
                            "est alors vide) ; vide sinon",
        "column.tier": "GCI 2024 seulement : niveau de 1 (le meilleur) à 5, déduit du score global "
                       "avec les seuils publiés par l'UIT (T1 ≥ 95, T2 ≥ 85, T3 ≥ 55, T4 ≥ 20, "
                       "T5 < 20) ; pour 2024, l'UIT publie des niveaux, pas de rangs ; vide sinon",
        "column.tier_label": "Nom du niveau, en anglais comme l'UIT l'écrit (Role-modelling, "
                             "Advancing, Establishing, Evolving, Building) ; vide sans niveau",
        "column.source": "Publication d'où vient la valeur (rapport, enquête, instantané ou API) ; "
                         "la valeur n'y a pas toujours été lue directement : channel dit comment "
                         "(transcription, extraction, presse, communiqué officiel), source_url où",
        "column.source_url": "Où la valeur a été lue (plusieurs URL séparées par ' | ')",
        "column.snapshot_sha256": "SHA-256 de l'instantané brut d'où la ligne a été chargée",
        "column.publisher": "Éditeur de l'indice",
        "column.channel": "Comment la valeur a été lue : transcription ou extraction publique du "
                          "rapport, presse ou communiqué officiel, copie du fichier de l'éditeur "
                          "ou son API (NCSI : la méthodologie de l'instantané)",
        "column.verification": "verified_2_sources, single_source ou conflict (pour un conflit, "
                               "source_note dit quelle valeur a été retenue)",
        "column.source_note": "Note sur la valeur, en anglais comme les données ont été établies : "
                              "pour un conflit, quelle valeur a été retenue et ce que donnaient les "
                              "autres sources ; sinon, p. ex., l'instantané d'où elle vient ou "
                              "comment elle a été déduite ; vide s'il n'y en a pas",
        "column.retrieved_at": "Date de l'instantané brut (UTC, ISO 8601)",
        "column.correction": 'Entrée du registre des corrections sur cette valeur (signalement, remplacement, rapport ouvert), le cas échéant',
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
        "filter.where": "الصفوف التي",
        "filter.sort": "الترتيب حسب",
        "all": "(الكل)",
        "default_order": "(الترتيب المخزَّن)",
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
        "column.indicator": 'معرّف المؤشر، مثل itu_gci.overall (انظر /api/v1/indicators)',
        "column.indicator_name": 'اسم المؤشر بلغة التنزيل (كما تعرضه لوحة المتابعة)',
        "column.iso3": 'رمز البلد وفق ISO 3166-1 alpha-3',
        "column.country": 'اسم البلد (CLDR) بلغة التنزيل (بالإنجليزية ما لم تكن lang هي fr أو ar)',
        "column.edition": 'إصدار المؤشر (السنة) كما نُشر',
        "column.value": 'القيمة على مقياس الناشر (انظر scale)؛ فارغة إن لم تُنشر',
        "column.scale": 'مقياس القيمة، مثل 0-1 (GCI 2014-2018) أو 0-100 (GCI 2020-)',
        "column.rank": 'الترتيب العالمي كما نُشر؛ فارغ إن لم ينشر الإصدار ترتيبًا (GCI 2024) '
                       'أو طبع المصدر نطاقًا (انظر rank_text)',
        "column.rank_text": 'الترتيب كما طبعه المصدر (NCSI فقط): الرقم نفسه الوارد في rank، أو '
                            'نطاق مثل 14-17 حين يعطي المصدر نطاقًا (ويكون rank عندئذ فارغًا)؛ '
                            'فارغ في غير ذلك',
        "column.tier": 'GCI 2024 فقط: المستوى من 1 (الأفضل) إلى 5، مستنتج من الدرجة الإجمالية '
                       'بحسب العتبات التي نشرها الاتحاد الدولي للاتصالات (T1 ≥ 95، T2 ≥ 85، '
                       'T3 ≥ 55، T4 ≥ 20، T5 < 20)؛ ينشر الاتحاد لعام 2024 مستويات لا ترتيبًا؛ '
                       'فارغ في غير ذلك',
        "column.tier_label": 'اسم المستوى بالإنجليزية كما يكتبه الاتحاد الدولي للاتصالات '
                             '(Role-modelling، Advancing، Establishing، Evolving، Building)؛ '
                             'فارغ إن لم يكن ثمة مستوى',
        "column.source": 'المنشور الذي تأتي منه القيمة (تقرير أو مسح أو لقطة أو واجهة برمجية)؛ '
                         'ولم تُقرأ القيمة فيه مباشرة دائمًا: يبيّن channel كيف قُرئت (نسخ، '
                         'استخراج، صحافة، بيان رسمي) ويبيّن source_url أين',
        "column.source_url": "مكان قراءة القيمة (عدة روابط يفصل بينها ' | ')",
        "column.snapshot_sha256": 'بصمة SHA-256 للقطة الخام التي حُمّل منها الصف',
        "column.publisher": 'ناشر المؤشر',
        "column.channel": 'كيف قُرئت القيمة: نسخ أو استخراج علني من التقرير، أو الصحافة أو بيان '
                          'رسمي، أو نسخة من ملف الناشر أو واجهته البرمجية (في NCSI: منهجية '
                          'اللقطة)',
        "column.verification": 'verified_2_sources أو single_source أو conflict (في حالة '
                               'التعارض يبيّن source_note القيمة المعتمدة)',
        "column.source_note": 'ملاحظة على القيمة، بالإنجليزية كما أُعدّت البيانات: في حالة '
                              'التعارض، أي قيمة اعتُمدت وما الذي أعطته المصادر الأخرى؛ وفي غير '
                              'ذلك مثلًا اللقطة التي جاءت منها القيمة أو كيف استُنتجت؛ فارغة إن '
                              'لم توجد',
        "column.retrieved_at": 'وقت أخذ اللقطة الخام (UTC، ISO 8601)',
        "column.correction": 'قيد سجل التصحيحات الخاص بهذه القيمة (تنبيه، استبدال، بلاغ مفتوح)، إن وُجد',
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
