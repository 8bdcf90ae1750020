"""The words of a download in English, French and Arabic: Excel sheet names, the headers and
labels of the sources sheet, and the README of the ZIP bundle.

Kept here rather than in the dashboard's gettext catalogs, except the words that count
(:data:`COUNTED_FIELDS`: "1 row", "2 rows"), whose plural forms (French two, Arabic six) are the
catalogs' own, read with :func:`dashboard.i18n.tn`. Data column ids (``indicator``, ``iso3``,
...) are never translated: they are the same in every language, so a script reading a French or
Arabic file reads the same columns.
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
        "readme_csv_excel": "Excel set to a language that separates lists with a semicolon (French, for one)\n"
                            "shows each row of data.csv in one cell: take the Excel download instead, or\n"
                            "import data.csv with Data > From Text/CSV, the comma as delimiter.",
        "readme_formulas": "Cells beginning with = + - @ tab or carriage return carry a leading "
                           "apostrophe\nso that spreadsheets do not run them as formulas.",
        "readme_columns": "Columns (their ids are the same in every language):",
        "readme_sources": "Sources and licence notes:",
        "readme_licence": "licence: {value}",
        "readme_page": "page: {value}",
        "readme_read_from": "read from: {value}",
        "readme_retrieved": "retrieved: {first} to {last} (snapshot {sha}, {rows})",
        "readme_no_sources": "(no rows, no sources)",
        "column.indicator": 'Indicator id, e.g. itu_gci.overall (see /api/v1/indicators)',
        "column.indicator_name": 'Indicator name, in the language of the download (as the dashboard shows it)',
        "column.iso3": 'ISO 3166-1 alpha-3 country code',
        "column.country": 'Country name (CLDR), in the language of the download (English unless lang says fr or ar)',
        "column.edition": 'Edition (year) of the index as published',
        "column.value": "Value on the publisher's scale (see scale); empty when not published",
        "column.scale": 'Scale of value, e.g. 0-1 (GCI 2014-2018) or 0-100 (GCI 2020-)',
        "column.rank": 'Global rank as published; empty when the edition publishes none (GCI 2024) '
                       'or the source prints a range (see rank_text). GCI 2014 ranks are '
                       'positions that countries with equal scores share (194 countries in 29 '
                       'positions): its 10 is the 10th of 29 positions, not 10th of 194',
        "column.rank_text": 'Rank as the source printed it (NCSI only): the same number as rank, or a '
                            'range such as 14-17 where the source gives one (rank is then empty); '
                            'empty otherwise',
        "column.tier": 'GCI 2024 only: tier from 1 (best) to 5, derived from the overall score with '
                       "ITU's published thresholds (T1 ≥ 95, T2 ≥ 85, T3 ≥ 55, T4 ≥ 20, T5 < 20); "
                       'for 2024 ITU publishes tiers, not ranks; empty otherwise, and for a value '
                       'held out (see held_out)',
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
        "column.retrieved_at": "When its data was retrieved from the publisher (UTC, ISO 8601): a day alone for a bundled file (the day it was copied), a time for a live source (when it was fetched)",
        "column.correction": 'Corrections-ledger entry on this value (flag, override, open report), if any',
        "column.held_out": 'True when no figure is derived from the value: the corrections '
                           'ledger flags it (correction gives its reason) and no second source '
                           'gives it, as with a placeholder 0 in the one transcription that '
                           'gives a score. The value is kept as read, but its tier is not given '
                           "(tier and tier_label empty): ITU's thresholds would place a "
                           'placeholder in a tier. False otherwise',
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
        "filter": "filtre : {name}",
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
        "readme_generated": "Généré le : {value}",
        "readme_rows": "Lignes : {value}",
        "readme_release": "Publication des données : {value}",
        "readme_view": "Vue : {value}",
        "readme_filter": "Filtre :",
        "readme_files": "Fichiers :",
        "readme_file_data": "les lignes (UTF-8, séparées par des virgules)",
        "readme_file_sources": "les documents sources cités par les lignes",
        "readme_file_metadata": "ces informations, lisibles par une machine",
        "readme_csv_excel": "Un Excel réglé pour une langue qui sépare les listes par un point-virgule (le\n"
                            "français, par exemple) montre chaque ligne de data.csv dans une seule cellule :\n"
                            "prenez plutôt le téléchargement Excel, ou importez data.csv par Données > À\n"
                            "partir d’un fichier texte/CSV, avec la virgule comme délimiteur.",
        "readme_formulas": "Les cellules commençant par = + - @ tabulation ou retour chariot "
                           "sont précédées\nd’une apostrophe pour que les tableurs ne les "
                           "exécutent pas comme des formules.",
        "readme_columns": "Colonnes (leurs identifiants sont les mêmes dans toutes les langues) :",
        "readme_sources": "Sources et licences :",
        "readme_licence": "licence : {value}",
        "readme_page": "page : {value}",
        "readme_read_from": "lu depuis : {value}",
        "readme_retrieved": "collecté : du {first} au {last} (instantané {sha}, {rows})",
        "readme_no_sources": "(aucune ligne, aucune source)",
        "column.indicator": "Identifiant de l'indicateur, p. ex. itu_gci.overall (voir /api/v1/indicators)",
        "column.indicator_name": "Nom de l'indicateur, dans la langue du téléchargement (tel que le tableau de bord l'affiche)",
        "column.iso3": 'Code pays ISO 3166-1 alpha-3',
        "column.country": 'Nom du pays (CLDR), dans la langue du téléchargement (anglais sauf si lang vaut fr ou ar)',
        "column.edition": "Édition (année) de l'indice telle que publiée",
        "column.value": "Valeur sur l'échelle de l'éditeur (voir scale) ; vide si non publiée",
        "column.scale": 'Échelle de la valeur, p. ex. 0-1 (GCI 2014-2018) ou 0-100 (GCI 2020-)',
        "column.rank": "Rang mondial tel que publié ; vide si l'édition n'en publie pas (GCI 2024) "
                       "ou si la source imprime un intervalle (voir rank_text). Les rangs du "
                       "GCI 2014 sont des positions partagées par les pays à score égal (194 pays "
                       "en 29 positions) : son 10 est la 10e position sur 29, non le 10e rang sur "
                       "194",
        "column.rank_text": "Rang tel que la source l'imprime (NCSI seulement) : le même nombre que "
                            "rank, ou un intervalle comme 14-17 quand la source en donne un (rank "
                            "est alors vide) ; vide sinon",
        "column.tier": "GCI 2024 seulement : niveau de 1 (le meilleur) à 5, déduit du score global "
                       "avec les seuils publiés par l'UIT (T1 ≥ 95, T2 ≥ 85, T3 ≥ 55, T4 ≥ 20, "
                       "T5 < 20) ; pour 2024, l'UIT publie des niveaux, pas de rangs ; vide sinon, "
                       "et pour une valeur écartée (voir held_out)",
        "column.tier_label": "Nom du niveau, en anglais comme l'UIT l'écrit (Role-modelling, "
                             "Advancing, Establishing, Evolving, Building) ; vide sans niveau",
        "column.source": "Publication d'où vient la valeur (rapport, enquête, instantané ou API) ; "
                         "la valeur n'y a pas toujours été lue directement : channel dit comment "
                         "(transcription, extraction, presse, communiqué officiel), source_url où",
        "column.source_url": "Où la valeur a été lue (plusieurs URL séparées par ' | ')",
        "column.snapshot_sha256": "SHA-256 de l'instantané brut d'où la ligne a été chargée",
        "column.publisher": "Éditeur de l'indice",
        "column.channel": "Comment la valeur a été lue : transcription ou extraction publique du "
                          "rapport, presse ou communiqué officiel, copie du fichier de l'éditeur "
                          "ou son API (NCSI : la méthodologie de l'instantané)",
        "column.verification": "verified_2_sources, single_source ou conflict (pour un conflit, "
                               "source_note dit quelle valeur a été retenue)",
        "column.source_note": "Note sur la valeur, en anglais comme les données ont été établies : "
                              "pour un conflit, quelle valeur a été retenue et ce que donnaient les "
                              "autres sources ; sinon, p. ex., l'instantané d'où elle vient ou "
                              "comment elle a été déduite ; vide s'il n'y en a pas",
        "column.retrieved_at": "Date de collecte des données chez leur éditeur (UTC, ISO 8601) : un jour seul pour un fichier fourni (le jour de sa copie), une heure pour une source en direct (celle de sa récupération)",
        "column.correction": 'Entrée du registre des corrections sur cette valeur (signalement, remplacement, rapport ouvert), le cas échéant',
        "column.held_out": "Vrai si aucun chiffre n'est déduit de la valeur : le registre des "
                           "corrections la signale (correction en donne la raison) et aucune "
                           "deuxième source ne la donne, comme un 0 de substitution dans la "
                           "seule transcription qui donne un score. La valeur est gardée telle "
                           "que lue, mais son niveau n'est pas donné (tier et tier_label "
                           "vides) : les seuils de l'UIT placeraient un substitut dans un "
                           "niveau. Faux sinon",
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
        "readme_release": "نشرة البيانات: {value}",
        "readme_view": "العرض: {value}",
        "readme_filter": "عامل التصفية:",
        "readme_files": "الملفات:",
        "readme_file_data": "الصفوف (UTF-8، مفصولة بفواصل)",
        "readme_file_sources": "الوثائق المصدرية التي تستشهد بها الصفوف",
        "readme_file_metadata": "هذه المعلومات بصيغة قابلة للقراءة آليًا",
        "readme_csv_excel": "يعرض Excel المضبوط على لغة تفصل القوائم بفاصلة منقوطة كلَّ صف من data.csv\n"
                            "في خلية واحدة: نزّل ملف Excel بدلًا منه، أو استورد data.csv من البيانات >\n"
                            "من نص/CSV، مع اختيار الفاصلة محدِّدًا.",
        "readme_formulas": "الخلايا التي تبدأ بـ = + - @ أو علامة جدولة أو إرجاع السطر تُسبق "
                           "بفاصلة عليا\nحتى لا تنفذها جداول البيانات كصيغ.",
        "readme_columns": "الأعمدة (معرّفاتها واحدة في كل اللغات):",
        "readme_sources": "المصادر وملاحظات الترخيص:",
        "readme_licence": "الترخيص: {value}",
        "readme_page": "الصفحة: {value}",
        "readme_read_from": "مقروءة من: {value}",
        "readme_retrieved": "تاريخ الاسترجاع: من {first} إلى {last} (اللقطة {sha}، {rows})",
        "readme_no_sources": "(لا صفوف ولا مصادر)",
        "column.indicator": 'معرّف المؤشر، مثل itu_gci.overall (انظر /api/v1/indicators)',
        "column.indicator_name": 'اسم المؤشر بلغة التنزيل (كما تعرضه لوحة المتابعة)',
        "column.iso3": 'رمز البلد وفق ‎ISO 3166-1 alpha-3‎',
        "column.country": 'اسم البلد (CLDR) بلغة التنزيل (بالإنجليزية ما لم تكن lang هي fr أو ar)',
        "column.edition": 'إصدار المؤشر (السنة) كما نُشر',
        "column.value": 'القيمة على مقياس الناشر (انظر scale)؛ فارغة إن لم تُنشر',
        "column.scale": 'مقياس القيمة، مثل ‎0-1‎ (GCI ‎2014-2018‎) أو ‎0-100‎ (GCI ‎2020-‎)',
        "column.rank": 'الترتيب العالمي كما نُشر؛ فارغ إن لم ينشر الإصدار ترتيبًا (GCI 2024) '
                       'أو طبع المصدر نطاقًا (انظر rank_text). مراتب GCI 2014 مواقع تتقاسمها '
                       'البلدان المتساوية في الدرجة (194 بلدًا في 29 موقعًا): فالمرتبة 10 فيه '
                       'هي الموقع العاشر من 29، لا المرتبة العاشرة من 194',
        "column.rank_text": 'الترتيب كما طبعه المصدر (NCSI فقط): الرقم نفسه الوارد في rank، أو '
                            'نطاق مثل ‎14-17‎ حين يعطي المصدر نطاقًا (ويكون rank عندئذ فارغًا)؛ '
                            'فارغ في غير ذلك',
        "column.tier": 'GCI 2024 فقط: المستوى من 1 (الأفضل) إلى 5، مستنتج من الدرجة الإجمالية '
                       'بحسب العتبات التي نشرها الاتحاد الدولي للاتصالات (T1 ≥ 95، T2 ≥ 85، '
                       'T3 ≥ 55، T4 ≥ 20، T5 < 20)؛ ينشر الاتحاد لعام 2024 مستويات لا ترتيبًا؛ '
                       'فارغ في غير ذلك، وللقيمة المستبعدة (انظر held_out)',
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
        "column.retrieved_at": "وقت استرجاع البيانات من ناشرها (UTC، ISO 8601): يوم وحده للملف المرفق (يوم نسخه)، ووقت للمصدر المباشر (وقت جلبه)",
        "column.correction": 'قيد سجل التصحيحات الخاص بهذه القيمة (تنبيه، استبدال، بلاغ مفتوح)، إن وُجد',
        "column.held_out": 'صحيح إن لم يُستنتج من القيمة أي رقم: ينبّه عليها سجل التصحيحات '
                           '(يبيّن correction السبب) ولا يعطيها مصدر ثانٍ، كدرجة 0 بديلة في '
                           'النسخ الوحيد الذي يعطي الدرجة. تبقى القيمة كما قُرئت، لكن لا يُعطى '
                           'مستواها (tier و tier_label فارغان): فعتبات الاتحاد الدولي للاتصالات '
                           'كانت ستضع القيمة البديلة في مستوى. خطأ في غير ذلك',
    },
}


def normalize_lang(lang: object) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else English."""
    code = str(lang or "").strip().lower()
    return code if code in TEXTS else DEFAULT_LANGUAGE


# Fields that count something: given a number, filled with the counted words in the form the
# number takes ("1 row", "2 rows"; French 0 and 1 singular; Arabic's six forms: zero, one, two,
# few, many, other), not the number beside one fixed plural ("1 rows", "2 صفًا"). The forms
# are the dashboard catalogs' (the Data page's row count says the same words).
COUNTED_FIELDS: dict[str, tuple[str, str]] = {"rows": ("{count} row", "{count} rows")}


def counted(field: str, n: object, lang: object = DEFAULT_LANGUAGE) -> str:
    """``n`` of what ``field`` counts, in ``lang``: "1 row", "2 rows", "2 صفان". The number
    stays as written (Western digits, as every number of a download)."""
    from dashboard.i18n import tn  # the catalogs' plural forms and rules (Plural-Forms)

    singular, plural = COUNTED_FIELDS[field]
    return tn(singular, plural, n, normalize_lang(lang), count=str(n))


def text(key: str, lang: object = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The words for ``key`` in ``lang`` (English when missing), with ``fields`` filled in (a
    field of :data:`COUNTED_FIELDS` with its counted words)."""
    words = TEXTS[normalize_lang(lang)].get(key, TEXTS[DEFAULT_LANGUAGE][key])
    if not fields:
        return words
    return words.format(**{name: counted(name, value, lang) if name in COUNTED_FIELDS else value
                           for name, value in fields.items()})


# The words of the other datasets (cited statements, the Cross-index table) and of the README
# sheet that every Excel download carries. "<dataset>.column.<id>" describes a column of that
# dataset where the observations' words would mislead; "crossindex.column.<field>" a field of
# each index's columns (``gci_value``: "{index}: ..." then the field's words).
MORE_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "sheet_readme": "README",
        "readme_title.statements": "cyberindex cited statements",
        "readme_title.crossindex": "cyberindex cross-index table",
        "readme_lang": "Language: {value}",
        "readme_sheets": "Sheets: data (the rows), sources (the documents they cite), README "
                         "(this)",
        "readme_statements_note": "Statements quoted from reports and the press, with their "
                                  "citation: not scores, never ranked or averaged.",
        "readme_crossindex_note": "Each index's latest value per country; the percentile is "
                                  "computed only among the selected countries of the same "
                                  "edition (basis: score, rank or tier).",
        "filter.source": "source",
        "column.source_id": "Id of the source in the store (see /api/v1/sources)",
        "column.report_title": "Report or document the statement is quoted from ('claim check' "
                               "for the project's own reading of the cited sources)",
        "column.metric": "What the statement measures (an id as curated, in English)",
        "column.value_text": "The statement's figure, as text ('>90', '18827', '33-35'): not a "
                             "score; empty when the statement has none",
        "column.unit": "Unit of value_text as printed (percent, detections, position in list...)",
        "column.statement": "The statement, in English as curated from the source",
        "column.publication_date": "When the report or article was published, as printed",
        "column.data_period": "The period the figure is about, as printed",
        "column.source_kind": "Kind of source: primary report text, INTERPOL release, press, or "
                              "'analysis of sources above' (the project's claim check, not a "
                              "statement of the source)",
        "statements.column.publisher": "Publisher of the source",
        "statements.column.edition": "Edition (year) of the report; empty for the project's "
                                     "claim check",
        "statements.column.country": "Country name (CLDR) in the language of the download; "
                                     "empty for a region-level statement",
        "statements.column.source_note": "Note on the statement as curated (English), e.g. how "
                                         "a list is ordered or which outlet differs",
        "statements.column.retrieved_at": "When its data was retrieved from the publisher (UTC, ISO 8601): a day alone for a bundled file (the day it was copied), a time for a live source (when it was fetched)",
        "crossindex.column.index": "{index}: {words}",
        "crossindex.column.percentile": "Percentile within the selected countries of the same "
                                        "edition: the share of the others it is at or above "
                                        "(100 = best); empty when held out",
        "crossindex.column.basis": "What the percentile compares: score, rank or tier",
        "crossindex.column.group_n": "How many selected countries the percentile compares",
        "crossindex.column.held_out": "True when the value is a flagged placeholder: shown, "
                                      "but no percentile is derived from it",
        "column.interpol_covered": "Whether INTERPOL's African Cyberthreat Assessment Report "
                                   "covers the country (African Union members)",
        "column.interpol_statements": "How many statements INTERPOL's report makes about the "
                                      "country (a count, not a score); empty when the report "
                                      "does not cover it",
        "column.interpol_latest_edition": "Newest edition with such a statement",
    },
    "fr": {
        "sheet_readme": "LISEZ-MOI",
        "readme_title.statements": "Déclarations citées cyberindex",
        "readme_title.crossindex": "Tableau comparatif des indices cyberindex",
        "readme_lang": "Langue : {value}",
        "readme_sheets": "Feuilles : données (les lignes), sources (les documents qu’elles "
                         "citent), LISEZ-MOI (celle-ci)",
        "readme_statements_note": "Déclarations citées de rapports et de la presse, avec leur "
                                  "référence : ce ne sont pas des scores, jamais classées ni "
                                  "moyennées.",
        "readme_crossindex_note": "La dernière valeur de chaque indice par pays ; le centile "
                                  "n’est calculé qu’entre les pays sélectionnés de la même "
                                  "édition (base : score, rang ou niveau).",
        "filter.source": "source",
        "column.source_id": "Identifiant de la source (voir /api/v1/sources)",
        "column.report_title": "Rapport ou document d’où la déclaration est citée (« claim "
                               "check » pour la lecture des sources citées par le projet)",
        "column.metric": "Ce que mesure la déclaration (identifiant, en anglais)",
        "column.value_text": "Le chiffre de la déclaration, en texte (« >90 », « 18827 », "
                             "« 33-35 ») : pas un score ; vide s’il n’y en a pas",
        "column.unit": "Unité de value_text telle qu’imprimée (pourcentage, détections, place "
                       "dans une liste…)",
        "column.statement": "La déclaration, en anglais comme établie depuis la source",
        "column.publication_date": "Date de publication du rapport ou de l’article, telle "
                                   "qu’imprimée",
        "column.data_period": "La période dont parle le chiffre, telle qu’imprimée",
        "column.source_kind": "Type de source : texte du rapport, communiqué d’INTERPOL, presse, "
                              "ou « analysis of sources above » (la vérification du projet, pas "
                              "une déclaration de la source)",
        "statements.column.publisher": "Éditeur de la source",
        "statements.column.edition": "Édition (année) du rapport ; vide pour la vérification "
                                     "du projet",
        "statements.column.country": "Nom du pays (CLDR) dans la langue du téléchargement ; "
                                     "vide pour une déclaration régionale",
        "statements.column.source_note": "Note sur la déclaration (en anglais), p. ex. l’ordre "
                                         "d’une liste ou le média qui diffère",
        "statements.column.retrieved_at": "Date de collecte des données chez leur éditeur (UTC, ISO 8601) : un jour seul pour un fichier fourni (le jour de sa copie), une heure pour une source en direct (celle de sa récupération)",
        "crossindex.column.index": "{index} : {words}",
        "crossindex.column.percentile": "Centile parmi les pays sélectionnés de la même "
                                        "édition : la part des autres qu’il égale ou dépasse "
                                        "(100 = le meilleur) ; vide si la valeur est écartée",
        "crossindex.column.basis": "Ce que compare le centile : score, rang ou niveau",
        "crossindex.column.group_n": "Nombre de pays sélectionnés comparés par le centile",
        "crossindex.column.held_out": "Vrai si la valeur est un substitut signalé : affichée, "
                                      "mais aucun centile n’en est déduit",
        "column.interpol_covered": "Si le rapport d’INTERPOL sur les cybermenaces en Afrique "
                                   "couvre le pays (membres de l’Union africaine)",
        "column.interpol_statements": "Nombre de déclarations du rapport d’INTERPOL sur le pays "
                                      "(un compte, pas un score) ; vide si le rapport ne le "
                                      "couvre pas",
        "column.interpol_latest_edition": "Édition la plus récente comportant une telle "
                                          "déclaration",
    },
    "ar": {
        "sheet_readme": "اقرأني",
        "readme_title.statements": "تصريحات مقتبسة من cyberindex",
        "readme_title.crossindex": "جدول مقارنة المؤشرات من cyberindex",
        "readme_lang": "اللغة: {value}",
        "readme_sheets": "الأوراق: البيانات (الصفوف)، المصادر (الوثائق التي تستشهد بها)، "
                         "اقرأني (هذه الورقة)",
        "readme_statements_note": "تصريحات مقتبسة من التقارير والصحافة مع مراجعها: ليست درجات، "
                                  "ولا تُرتَّب ولا يُحسب متوسطها.",
        "readme_crossindex_note": "آخر قيمة لكل مؤشر في كل بلد؛ لا تُحسب الشريحة المئوية إلا بين "
                                  "البلدان المختارة من الإصدار نفسه (الأساس: الدرجة أو الترتيب "
                                  "أو المستوى).",
        "filter.source": "المصدر",
        "column.source_id": "معرّف المصدر (انظر /api/v1/sources)",
        "column.report_title": "التقرير أو الوثيقة المقتبس منها التصريح (\u202bclaim check\u202c "
                               "لقراءة المشروع للمصادر المذكورة)",
        "column.metric": "ما يقيسه التصريح (معرّف بالإنجليزية)",
        "column.value_text": "رقم التصريح نصًّا (‎>90‎ أو ‎18827‎ أو ‎33-35‎)؛ ليس "
                             "درجة؛ فارغ إن لم يوجد",
        "column.unit": "وحدة value_text كما طُبعت (نسبة مئوية، عمليات رصد، ترتيب في قائمة...)",
        "column.statement": "التصريح، بالإنجليزية كما أُعدّ من المصدر",
        "column.publication_date": "تاريخ نشر التقرير أو المقال كما طُبع",
        "column.data_period": "الفترة التي يخصها الرقم كما طُبعت",
        "column.source_kind": "نوع المصدر: نص التقرير، بيان الإنتربول، الصحافة، أو "
                              "\u202banalysis of sources above\u202c (تحقق المشروع، لا تصريح "
                              "المصدر)",
        "statements.column.publisher": "ناشر المصدر",
        "statements.column.edition": "إصدار التقرير (السنة)؛ فارغ لتحقق المشروع",
        "statements.column.country": "اسم البلد (CLDR) بلغة التنزيل؛ فارغ للتصريح الإقليمي",
        "statements.column.source_note": "ملاحظة على التصريح (بالإنجليزية)، مثل ترتيب قائمة أو "
                                         "الوسيلة الإعلامية المختلفة",
        "statements.column.retrieved_at": "وقت استرجاع البيانات من ناشرها (UTC، ISO 8601): يوم وحده للملف المرفق (يوم نسخه)، ووقت للمصدر المباشر (وقت جلبه)",
        "crossindex.column.index": "{index}: {words}",
        "crossindex.column.percentile": "الشريحة المئوية بين البلدان المختارة من الإصدار نفسه: "
                                        "نسبة البلدان الأخرى التي يساويها أو يتجاوزها (100 = "
                                        "الأفضل)؛ فارغة إن استُبعدت القيمة",
        "crossindex.column.basis": "ما تقارنه الشريحة المئوية: الدرجة أو الترتيب أو المستوى",
        "crossindex.column.group_n": "عدد البلدان المختارة التي تقارنها الشريحة المئوية",
        "crossindex.column.held_out": "صحيح إن كانت القيمة بديلًا مُنبَّهًا عليه: تُعرض ولا "
                                      "تُستنتج منها شريحة مئوية",
        "column.interpol_covered": "هل يغطي تقرير الإنتربول لتقييم التهديدات السيبرانية في "
                                   "أفريقيا هذا البلد (الدول الأعضاء في الاتحاد الأفريقي)",
        "column.interpol_statements": "عدد تصريحات تقرير الإنتربول عن البلد (عدد لا درجة)؛ "
                                      "فارغ إن لم يغطه التقرير",
        "column.interpol_latest_edition": "أحدث إصدار يتضمن تصريحًا كهذا",
    },
}
for _lang, _words in MORE_TEXTS.items():
    TEXTS[_lang].update(_words)

# The index names in a Cross-index column's description ("gci_value": "ITU GCI: ...").
INDEX_NAMES = {"gci": "ITU GCI", "ncsi": "NCSI", "egdi": "UN EGDI"}


def column_text(dataset: str, column: str, lang: object = DEFAULT_LANGUAGE) -> str:
    """What ``column`` of ``dataset`` (observations, statements, crossindex) holds, in
    ``lang``; empty when no words are kept for it."""
    own = TEXTS[DEFAULT_LANGUAGE]
    if f"{dataset}.column.{column}" in own:
        return text(f"{dataset}.column.{column}", lang)
    if dataset == "crossindex" and column.split("_", 1)[0] in INDEX_NAMES and "_" in column:
        index, field = column.split("_", 1)
        key = f"crossindex.column.{field}" if f"crossindex.column.{field}" in own else \
            f"column.{field}"
        if key in own:
            return text("crossindex.column.index", lang, index=INDEX_NAMES[index],
                        words=text(key, lang))
        return ""
    return text(f"column.{column}", lang) if f"column.{column}" in own else ""
