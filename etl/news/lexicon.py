"""Hand-maintained words that CLDR does not give: demonyms, short and alternative names, capitals,
index names, the context words that settle ambiguous forms, the abbreviations that end no
sentence, the words around a stated figure that say it is not one to check (negations, dates,
changes) or cannot be checked (regions the data does not rank), and the words that say whose a
figure is not (comparisons, places), when it is ("today") and where its clause ends.

Country NAMES come from CLDR (see :mod:`etl.news.gazetteer`); keep this file to what CLDR lacks.
Forms are written naturally; they are folded (:func:`etl.news.normalize.fold`) when the matcher is built.
Arabic adjectives are nisba stems ending in ي: the matcher adds ال/clitics and ة/ون/ين/ات endings.
"""

from __future__ import annotations


def _fr_adj(masculine: str, *more: str) -> tuple[str, ...]:
    """French adjective/demonym in its four forms (marocain, marocaine, marocains, marocaines)."""
    if masculine.endswith(("s", "x")):
        forms = (masculine, masculine + "e", masculine + "es")
    elif masculine.endswith("e"):  # britannique: one form for both genders
        forms = (masculine, masculine + "s")
    elif masculine.endswith(("ien", "éen")):  # tunisien -> tunisienne
        forms = (masculine, masculine + "ne", masculine + "s", masculine + "nes")
    else:
        forms = (masculine, masculine + "e", masculine + "s", masculine + "es")
    return forms + more


def _listed(text: str) -> tuple[str, ...]:
    """Forms written one after another, separated by "|" or a line break."""
    return tuple(
        form.strip() for line in text.splitlines() for form in line.split("|") if form.strip()
    )


def _en_adj(word: str, *more: str) -> tuple[str, ...]:
    """English adjective/demonym with its plural (Moroccan, Moroccans)."""
    return (word, word + "s") + more


# iso3 -> language -> extra forms (alternative names, demonyms, unambiguous capitals).
EXTRA_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "MAR": {
        "ar": ("المملكة المغربية", "مغربي", "مغاربة", "الرباط"),
        "fr": _fr_adj("marocain", "Royaume du Maroc", "Rabat"),
        "en": _en_adj("Moroccan", "Kingdom of Morocco", "Rabat"),
    },
    "OMN": {
        "ar": ("سلطنة عمان", "عماني", "مسقط"),
        "fr": _fr_adj("omanais", "Sultanat d'Oman", "Mascate"),
        "en": _en_adj("Omani", "Sultanate of Oman", "Muscat"),
    },
    "SAU": {
        "ar": ("السعودية", "سعودي", "الرياض"),
        "fr": _fr_adj("saoudien", "Riyad"),
        "en": _en_adj("Saudi", "KSA", "Riyadh"),
    },
    "ARE": {
        "ar": ("الإمارات", "إماراتي", "أبوظبي", "أبو ظبي"),
        "fr": _fr_adj("émirati", "EAU", "Émirats", "Abou Dabi"),
        "en": _en_adj("Emirati", "UAE", "Emirates", "Abu Dhabi"),
    },
    "QAT": {
        "ar": ("قطري", "الدوحة"),
        "fr": _fr_adj("qatari", "qatarien", "Doha"),
        "en": _en_adj("Qatari", "Doha"),
    },
    "BHR": {
        "ar": ("بحريني", "المنامة"),
        "fr": _fr_adj("bahreïni", "Manama"),
        "en": _en_adj("Bahraini", "Manama"),
    },
    "KWT": {"ar": ("كويتي",), "fr": _fr_adj("koweïtien"), "en": _en_adj("Kuwaiti")},
    "EGY": {
        "ar": ("مصري", "القاهرة"),
        "fr": _fr_adj("égyptien", "Le Caire"),
        "en": _en_adj("Egyptian", "Cairo"),
    },
    "TUN": {"ar": ("تونسي",), "fr": _fr_adj("tunisien"), "en": _en_adj("Tunisian")},
    "JOR": {
        "ar": ("أردني", "المملكة الأردنية الهاشمية"),
        "fr": _fr_adj("jordanien"),
        "en": _en_adj("Jordanian"),
    },
    "DZA": {
        "ar": ("جزائري",),
        "fr": _fr_adj("algérien", "Alger"),
        "en": _en_adj("Algerian", "Algiers"),
    },
    "MUS": {
        "ar": ("موريشيوسي",),
        "fr": _fr_adj("mauricien", "Port-Louis"),
        "en": _en_adj("Mauritian", "Port Louis"),
    },
    "KEN": {
        "ar": ("كيني", "نيروبي"),
        "fr": _fr_adj("kényan", "Nairobi"),
        "en": _en_adj("Kenyan", "Nairobi"),
    },
    "NGA": {
        "ar": ("نيجيري", "أبوجا"),
        "fr": _fr_adj("nigérian", "Abuja"),
        "en": _en_adj("Nigerian", "Abuja"),
    },
    "GHA": {
        "ar": ("غاني", "أكرا"),
        "fr": _fr_adj("ghanéen", "Accra"),
        "en": _en_adj("Ghanaian", "Accra"),
    },
    "RWA": {
        "ar": ("رواندي", "كيغالي"),
        "fr": _fr_adj("rwandais", "Kigali"),
        "en": _en_adj("Rwandan", "Kigali"),
    },
    "TZA": {"ar": ("تنزاني",), "fr": _fr_adj("tanzanien"), "en": _en_adj("Tanzanian")},
    "ZAF": {
        "ar": ("جنوب إفريقيا", "جنوب افريقي", "الجنوب إفريقي"),
        "fr": _fr_adj("sud-africain"),
        "en": _en_adj("South African"),
    },
    "USA": {
        "ar": ("الولايات المتحدة الأمريكية", "أمريكا", "أمريكي", "أميركي", "واشنطن"),
        "fr": _fr_adj("américain", "USA", "Washington"),
        "en": _en_adj("American", "US", "U.S.", "USA", "United States of America", "Washington"),
    },
    "GBR": {
        "ar": ("بريطانيا", "بريطاني", "لندن"),
        "fr": _fr_adj("britannique", "Londres"),
        "en": _en_adj("British", "Britain", "Great Britain", "UK", "London"),
    },
    "EST": {
        "ar": ("إستوني", "استوني", "تالين"),
        "fr": _fr_adj("estonien", "Tallinn"),
        "en": _en_adj("Estonian", "Tallinn"),
    },
    "SGP": {"ar": ("سنغافوري",), "fr": _fr_adj("singapourien"), "en": _en_adj("Singaporean")},
    "KOR": {
        "ar": ("كوريا", "كوري", "سيول"),
        "fr": _fr_adj("coréen", "Corée", "Séoul"),
        "en": _en_adj("Korean", "Korea", "Seoul"),
    },
    "FRA": {
        "ar": ("فرنسي", "باريس"),
        "fr": ("français", "française", "françaises", "Paris"),
        "en": ("French", "Paris"),
    },
    "ESP": {
        "ar": ("إسباني", "اسباني", "مدريد"),
        "fr": _fr_adj("espagnol", "Madrid"),
        "en": ("Spanish", "Spaniards", "Madrid"),
    },
    "PSE": {
        "ar": ("فلسطين", "فلسطيني"),
        "fr": _fr_adj("palestinien", "Palestine"),
        "en": _en_adj("Palestinian", "Palestine", "State of Palestine"),
    },
}

# The capitals among the forms above: after "in"/"à"/"في" a capital is where something was said,
# not who ("speaking in Rabat", "في الرباط"; read by etl.news.attribution).
CAPITALS = _listed(
    """
    Rabat | Muscat | Mascate | Riyadh | Riyad | Abu Dhabi | Abou Dabi | Doha | Manama | Cairo
    Le Caire | Algiers | Alger | Port Louis | Port-Louis | Nairobi | Abuja | Accra | Kigali
    Washington | London | Londres | Tallinn | Seoul | Séoul | Paris | Madrid
    الرباط | مسقط | الرياض | أبوظبي | أبو ظبي | الدوحة | المنامة | القاهرة | نيروبي | أبوجا | أكرا
    كيغالي | واشنطن | لندن | تالين | سيول | باريس | مدريد
    """
)
# The words before a capital that make it a place.
PLACE_PREPOSITIONS = _listed("in | at | from | à | au | depuis | في | من")

# Forms that are only a country's when written with this exact case (us, chad, turkey, china...).
CASE_SENSITIVE = frozenset(
    {
        "US",
        "U.S.",
        "UK",
        "UAE",
        "USA",
        "KSA",
        "EAU",
        "Chad",
        "Turkey",
        "China",
        "Jordan",
        "Georgia",
        "Guinea",
        "Niger",
        "Mali",
    }
)
# Folded CLDR names too ambiguous to count as a country (مالي = "financial" in Arabic).
SKIP_NAMES = frozenset({"مالي"})

# Written forms of Oman that can also be Amman (Jordan's capital), and the reverse in Latin script.
AMBIGUOUS = {"عمان": "OMN", "Oman": "OMN", "Amman": "JOR"}
# Context words that settle the ambiguous forms, besides any plain mention of Oman or Jordan
# (عماني، مسقط، Omani, Muscat; الأردن، الأردنية، Jordanian...), which the scan already finds.
AMBIGUITY_CUES: dict[str, tuple[str, ...]] = {
    "OMN": ("سلطنة", "sultanat", "sultanate"),
    "JOR": ("الهاشمية", "hachémite", "Hashemite"),
}

# Words that name "the kingdom" or "the sultanate" without saying which: counted only when exactly
# one of the candidate countries is named plainly elsewhere in the same text.
CONTEXTUAL: dict[str, tuple[str, ...]] = {
    "le Royaume": ("MAR", "SAU", "JOR", "BHR", "GBR", "ESP"),
    "du Royaume": ("MAR", "SAU", "JOR", "BHR", "GBR", "ESP"),
    "au Royaume": ("MAR", "SAU", "JOR", "BHR", "GBR", "ESP"),
    "the Kingdom": ("MAR", "SAU", "JOR", "BHR", "GBR", "ESP"),
    "المملكة": ("MAR", "SAU", "JOR", "BHR", "GBR", "ESP"),
    "le Sultanat": ("OMN", "BRN"),
    "du Sultanat": ("OMN", "BRN"),
    "the Sultanate": ("OMN", "BRN"),
    "السلطنة": ("OMN", "BRN"),
}


def _folded_keys(table: dict) -> dict:
    from etl.news.normalize import fold

    return {fold(k): v for k, v in table.items()}


# The same tables keyed by folded form, as the scan reports them.
AMBIGUOUS_DEFAULT = _folded_keys(AMBIGUOUS)
CONTEXTUAL_CANDIDATES = _folded_keys(CONTEXTUAL)

# index id -> names and acronyms in the three languages.
INDEX_FORMS: dict[str, tuple[str, ...]] = {
    "itu_gci": (
        "Global Cybersecurity Index",
        "Global Cyber Security Index",
        "Global Cyber-Security Index",
        "ITU Cybersecurity Index",
        "ITU cybersecurity ranking",
        "ITU's cybersecurity ranking",
        "indice mondial de cybersécurité",
        "indice mondial de la cybersécurité",
        "indice mondial de cyber-sécurité",
        "indice mondial de la cyber-sécurité",
        "indice global de cybersécurité",
        "indice global de la cybersécurité",
        "indice global de cyber-sécurité",
        "indice global de la cyber-sécurité",
        "indice de cybersécurité de l'UIT",
        "مؤشر الأمن السيبراني العالمي",
        "المؤشر العالمي للأمن السيبراني",
        "مؤشر الاتحاد الدولي للاتصالات للأمن السيبراني",
        "مؤشر الأمن السيبراني للاتحاد الدولي للاتصالات",
        "مؤشر الأمن السيبراني العالمي للاتحاد الدولي للاتصالات",
    ),
    "ncsi": (
        "National Cyber Security Index",
        "National Cybersecurity Index",
        "NCSI",
        "indice national de cybersécurité",
        "indice national de la cybersécurité",
        "المؤشر الوطني للأمن السيبراني",
        "مؤشر الأمن السيبراني الوطني",
    ),
    "un_egdi": (
        "E-Government Development Index",
        "EGDI",
        "UN E-Government Survey",
        "indice de développement de l'e-gouvernement",
        "indice de développement de l'administration en ligne",
        "indice de développement du gouvernement électronique",
        "مؤشر تطوير الحكومة الإلكترونية",
        "مؤشر تنمية الحكومة الإلكترونية",
        "مؤشر تطور الحكومة الإلكترونية",
    ),
    "interpol": ("INTERPOL", "Interpol", "الإنتربول", "الانتربول", "انتربول"),
}

# "GCI" is ITU's only in a cybersecurity text that does not name another GCI.
GCI_ACRONYM = "GCI"
GCI_OTHER_CUES = (
    "competitiveness",
    "compétitivité",
    "competitivite",
    "تنافسية",
    "التنافسية",
    "good country",
    "world economic forum",
    "forum économique mondial",
    "المنتدى الاقتصادي العالمي",
    "WEF",
)
GCI_ITU_CUES = ("cyber", "سيبراني", "السيبراني", "ITU", "UIT", "الاتحاد الدولي للاتصالات")


# Abbreviations whose "." ends no sentence (read by etl.news.text; folded): titles before a name
# ("M. Benali", "Dr. Al-Harthy", "Mme. Alaoui"), and number words before a number ("No. 2"). Letters
# with dots ("U.N.", "U.S.", "M.") are abbreviations too, found by their shape.
TITLE_ABBREVIATIONS = _listed("mr | mrs | ms | dr | pr | prof | mme | mlle | mgr | st")
NUMBER_ABBREVIATIONS = _listed("no | nos")

# Words around a figure (read by etl.news.figure_patterns; written naturally, folded there).
#
# A negation: every figure of its clause is a negated statement, which is not checked ("did not
# make it into the top 10", "ne figure pas dans le top 10", "لم يدخل ضمن العشر الأوائل"). Arabic
# words may carry و or ف. "n't" and "ne ... plus" are patterns in figure_patterns.py.
NEGATIONS = _listed(
    """
    not | never | cannot | none | without | failed | fails | outside | no longer
    dropped out | fell out | out of the top
    pas | jamais | aucun | aucune | ni | sans | hors | nullement
    لم | لن | لا | ليس | ليست | خارج | عدم | فشل | فشلت
    """
)
# A negation word followed by one of these negates nothing ("not only", "لا يزال": still).
NOT_NEGATING_AFTER = _listed("only | seulement | فقط | يزال | تزال | زال | سيما")

# Regions the official data does not rank (it ranks the world; Africa, the Arab states and the
# GCC are ranked from its scores), by the scope a claim gives them ("rank_in_middle_east"): a
# rank there is unverifiable, never a world rank. "المغرب العربي" is also found with المغرب blanked
# as a mention of Morocco (see figure_patterns.py). A phrase that begins another region's
# ("Middle East" in "Middle East and North Africa") goes in a region listed after it.
UNRANKED_REGIONS_BY_SCOPE: dict[str, tuple[str, ...]] = {
    scope: _listed(forms)
    for scope, forms in {
        "mena": """
            MENA | ANMO | Middle East and North Africa | Moyen-Orient et Afrique du Nord
            الشرق الأوسط وشمال إفريقيا | الشرق الأوسط وشمال أفريقيا
            """,
        "middle_east": """
            Middle East | Middle Eastern | Moyen-Orient | Proche-Orient
            الشرق الأوسط | الشرق الأدنى
            """,
        "north_africa": """
            North Africa | North African | Northern Africa | Afrique du Nord | nord-africain
            nord de l'Afrique | شمال إفريقيا | شمال أفريقيا | الشمال الإفريقي
            """,
        "west_africa": "West Africa | Afrique de l'Ouest | غرب إفريقيا",
        "east_africa": "East Africa | Afrique de l'Est | شرق إفريقيا",
        "central_africa": "Central Africa | Afrique centrale | وسط إفريقيا",
        "southern_africa": "Southern Africa | Afrique australe",
        "sub_saharan_africa": "Sub-Saharan Africa | Afrique subsaharienne | إفريقيا جنوب الصحراء",
        "maghreb": """
            Arab Maghreb Union | Union du Maghreb arabe | Maghreb | maghrébin | maghrébine
            maghrébins | المغرب العربي | مغاربيا | المغاربية
            """,
        "mashreq": "المشرق العربي",
        "europe": """
            Europe | European | européen | européenne | européens | européennes | أوروبا
            الأوروبية
            """,
        "asia": "Asia | Asian | Asie | asiatique | asiatiques | آسيا | الآسيوية",
        "americas": "Americas | Amériques",
        "latin_america": "Latin America | Amérique latine",
    }.items()
}
UNRANKED_REGIONS = tuple(form for forms in UNRANKED_REGIONS_BY_SCOPE.values() for form in forms)

# Month names: a day written as an ordinal ("1er septembre", "June 29th", "le premier juillet")
# is no rank.
MONTHS = _listed(
    """
    January | February | March | April | May | June | July | August | September | October
    November | December | Jan | Feb | Mar | Apr | Jun | Jul | Aug | Sep | Sept | Oct | Nov | Dec
    janvier | février | mars | avril | mai | juin | juillet | août | septembre | octobre
    novembre | décembre | janv | févr | avr | juil
    """
)

# Words right before a number that make it a change, not a level ("improved by 15.09 points",
# "up 15.09", "a progressé de 15,09 points", "بزيادة 15.09 نقطة"). Arabic ones may carry و or ف.
CHANGE_BEFORE = _listed(
    """
    by | up | down | gained | gains | added | adds | lost | loses
    increase of | rise of | gain of | jump of | improvement of | drop of | decline of | fall of
    loss of | decrease of | boost of | leap of
    progressé de | augmenté de | amélioré de | reculé de | baissé de | chuté de | diminué de
    grimpé de | bondi de | gagné | perdu | hausse de | baisse de | progression de
    augmentation de | amélioration de | recul de | bond de | gain de | perte de
    diminution de | écart de | progresser de | augmenter de | reculer de | baisser de
    chuter de | grimper de | bondir de | diminuer de
    بزيادة | زيادة | بارتفاع | ارتفاع | بانخفاض | انخفاض | بتحسن | تحسن | بتراجع | تراجع
    بمقدار | مقدار | بفارق | فارق | أضاف | أضافت | كسب | كسبت | خسر | خسرت | فقد | فقدت
    """
)
# Words that may link an Arabic change word to its number ("زيادة بلغت 15.09 نقطة", "بارتفاع
# قدره 15.09 نقطة"); not "إلى" ("بارتفاع إلى 97.5": a level).
CHANGE_LINKS_AR = _listed("بلغ | بلغت | يبلغ | تبلغ | قدره | قدرها | مقداره | مقدارها | بنحو")
# Arabic verbs of change: after one, "بـ 15.09 نقطة" is "by 15.09 points" (elsewhere بـ is "with":
# "تصدرت بـ 99.54 نقطة" is a level).
CHANGE_VERBS_AR = _listed(
    """
    ارتفع | ارتفعت | زاد | زادت | تحسن | تحسنت | تراجع | تراجعت | انخفض | انخفضت
    تقدم | تقدمت | قفز | قفزت | صعد | صعدت
    """
)
# Words right after a number and its unit that make it a change ("a 15.09-point increase",
# "15,09 points de plus", "15.09 نقطة إضافية", "14 points behind").
CHANGE_AFTER = _listed(
    """
    increase | rise | jump | gain | improvement | drop | decline | fall | boost
    more | higher | lower | less | ahead | behind
    de plus | de moins | d'écart | supplémentaire | supplémentaires | إضافية | أكثر | أقل
    """
)

# Not the country's level either (no claim: a bound could be checked one day, not now). Words
# right before a number that make it a bound, a hedge or a threshold ("more than 95 points",
# "exceeded 0.85", "plus de 95", "près de", "أكثر من 95", "عتبة 95"), a percentile ("top 30%",
# "أفضل 30%": a "top N" with "%" is no top N), or a change stated with a bare verb ("rose 15.09
# points"). Arabic ones may carry و or ف.
BOUNDS_BEFORE = _listed(
    """
    more than | over | above | exceeded | exceeds | exceed | exceeding | surpassed | surpasses
    passed | crossed | beyond | at least | nearly | almost | close to | around | about
    approximately | roughly | under | below | less than | fewer than | up to | threshold of
    threshold | cutoff | top | best
    rose | rises | risen | climbed | climbs | jumped | jumps | grew | grows | increased | increases
    improved | improves | fell | falls | dropped | drops | declined | declines | slipped | surged
    soared
    plus de | près de | au moins | au-delà de | au-dessus de | environ | presque | quasi
    moins de | jusqu'à | dépassé | dépasse | dépassent | franchi | franchit | seuil de | seuil
    أكثر من | أزيد من | ما يزيد عن | ما يزيد على | يزيد عن | يزيد على | أقل من | نحو | حوالي
    حوالى | قرابة | ما يقارب | يقارب | زهاء | عتبة | حاجز | أفضل | أعلى
    """
)
# Arabic verbs of change or of passing a bound: with nothing but the subject (blanked) or a
# score word between them and the number, it is a change or a bound ("قفز رصيد المغرب 15.09
# نقطة", "تجاوز المغرب 95 نقطة"); "ارتفع رصيد المغرب إلى 97.5" (to 97.5) stays a level.
BOUND_VERBS_AR = _listed(
    "تجاوز | تجاوزت | يتجاوز | تتجاوز | تخطى | تخطت | يتخطى | فاق | فاقت | يفوق | جاوز | جاوزت"
)
# Score words that may stand between such a verb and its number.
SCORE_NOUNS_AR = _listed("رصيد | درجة | نتيجة | معدل | مجموع | تنقيط")
# Words right after a number (and its unit) that make it a bound or a distance ("95 or more",
# "95 points et plus", "95 نقطة فأكثر", "2.5 points short of a perfect score", "à 2,5 points du
# score parfait").
BOUNDS_AFTER = _listed(
    """
    or more | or above | or higher | or over | and above | and more | and over | at least
    short of | away from | from a perfect | from the maximum | from full marks | from the top
    et plus | ou plus | au moins | ou davantage | du score parfait | de la note maximale
    du maximum | de la note parfaite | du sommet | du score maximal
    فأكثر | فما فوق | وما فوق | أو أكثر | على الأقل | عن العلامة الكاملة | من العلامة الكاملة
    عن الدرجة الكاملة | من الدرجة الكاملة
    """
)
# Words right after a score that make it the overall score, whatever pillar is named near it
# ("20/20 in legal measures and 97.5 overall", "97,5 au total", "97.5 نقطة إجمالا").
OVERALL = _listed("overall | in total | au total | globalement | en tout | إجمالا | إجماليا")
# A gap between two countries ("the gap between Morocco and Oman was 0.48 points", "l'écart
# entre le Maroc et Oman n'est que de 0,48 point"): a number after one of these in its clause
# is a difference, not a level.
GAPS = _listed("gap | difference | margin | écart | différence | فارق | الفارق | الفجوة")
# Words right before a figure that make it the previous value of a change ("climbed to 50th,
# up from 93rd", "passé du 93e au 50e rang"): no level to check unless its own year follows
# ("up from 93rd in 2018").
PREVIOUS_BEFORE = _listed(
    """
    up from | down from | rose from | rising from | risen from | climbed from | climbing from
    jumped from | jumping from | moved up from | moving up from | moved down from
    improved from | improving from | advanced from | advancing from | progressed from
    fell from | falling from | fallen from | dropped from | dropping from | slipped from
    slipping from | slid from | declined from | leapt from | leaped from | surged from
    passé du | passée du | passé de | passée de | remonté du | remontée du | remonté de
    grimpé du | grimpée du | grimpé de | progressé du | progressé de | reculé du | reculée du
    reculé de | glissé du | glissée du | glissé de | chuté du | chutée du | chuté de
    bondi du | bondi de | monté du | montée du | monté de | descendu du | descendue du
    descendu de
    """
)
# Words right before a number that make it the maximum of the scale ("97,5, tout près de la
# note maximale de 100"), not a second level, when the sentence states a score before it.
SCALE_MAXIMUM_BEFORE = _listed(
    """
    maximum of | maximum score of | a maximum of | the maximum of | perfect score of
    maximum possible score of | highest possible score of
    note maximale de | note maximum de | score maximal de | score maximum de | maximum de
    score parfait de | note parfaite de
    """
)

# Words that make a clause state no figure to check, as a negation does: an aim ("qui ambitionne
# d'intégrer le top 3", "يسعى إلى التواجد ضمن أفضل 20 دولة"), and the EGDI's sub-indices (their
# values are not the EGDI: "Morocco's Online Services Index reached 0.5618"). Arabic ones may
# carry و or ف.
AIMS = _listed(
    """
    aims | aim | aiming | aimed | seeks | seeking | hopes | hoping | wants | targets | targeting
    goal | ambition | ambitions | plans to | intends | aspires | strives | bid to
    vise | visent | viser | visant | ambitionne | ambitionnent | ambition | objectif | souhaite
    souhaitent | espère | espèrent | aspire | cherche à
    يسعى | تسعى | يطمح | تطمح | يهدف | تهدف | الهدف | يأمل | تأمل | طموح | يستهدف | تستهدف
    """
)
# Words that make a clause state no figure to check, as an aim does: a hypothesis, a question
# or a future edition ("could reach 10th place", "pourrait atteindre la 10e place", "هل يحتل
# المغرب المرتبة العاشرة", "in the next index", "النسخة المقبلة"). Not "may" (a month), nor
# Arabic قد (قد حصل: has obtained).
HYPOTHETICALS = _listed(
    """
    could | would | might | should | will | if | unless | next | upcoming | future
    pourrait | pourraient | pourra | pourront | devrait | devraient | si | prochain | prochaine
    prochaines | futur | future | aurait pu | auraient pu | aurait dû | auraient dû
    هل | لو | اذا | إذا | ربما | يمكن | يمكنه | يمكنها | بإمكان | المقبلة | المقبل | القادمة
    القادم | المستقبل
    """
)
# Other indices than those the check reads, whose figures are not theirs ("first in the Arab
# world in the Government AI Readiness Index", "مؤشر جاهزية الحكومات للذكاء الاصطناعي"): their
# clause states nothing to check, as an EGDI sub-index's does. So does a "GCI" left in a sentence
# once its mentions are blanked: one not read as ITU's (no cyber cue, or another GCI named).
OTHER_INDICES = _listed(
    """
    AI Readiness | AI-readiness | ICT Development Index | IDI | Network Readiness Index | NRI
    Global Innovation Index | GII | Human Development Index | HDI | Digital Competitiveness
    artificial intelligence | indice de développement des TIC | indice de préparation
    intelligence artificielle | indice mondial de l'innovation | indice mondial d'innovation
    indice de l'innovation | indice de développement humain | IDH
    الذكاء الاصطناعي | مؤشر جاهزية | مؤشر الجاهزية | مؤشر تطور تكنولوجيا المعلومات
    مؤشر تنمية تكنولوجيا المعلومات | مؤشر تطوير تكنولوجيا المعلومات | مؤشر الابتكار
    مؤشر التنمية البشرية
    GCI
    """
)
SUB_INDICES = _listed(
    """
    Online Services Index | Online Service Index | OSI | Telecommunication Infrastructure Index
    Telecommunications Infrastructure Index | TII | Human Capital Index | HCI
    E-Participation Index | Local Online Service Index | LOSI
    indice des services en ligne | indice de services en ligne | indice des infrastructures de
    indice de l'infrastructure de | indice d'infrastructure de | indice du capital humain
    indice de capital humain | indice de participation électronique
    indice de la participation électronique
    مؤشر الخدمات الإلكترونية | مؤشر الخدمات الالكترونية | مؤشر الخدمات عبر الإنترنت
    مؤشر الخدمات الحكومية الإلكترونية | مؤشر البنية التحتية للاتصالات | مؤشر رأس المال البشري
    مؤشر المشاركة الإلكترونية
    """
)

# News outlets whose names hold a region ("Al Arabiya", "Gulf News", "Jeune Afrique"): a scope
# word inside one is no rank's scope ("Oman ranked 21st, Al Arabiya reported" is a world rank).
# Arabic outlets are also found as a media noun and the one or two words after it ("صحيفة
# الخليج", "قناة العربية", "صحيفة الشرق الأوسط").
OUTLETS = _listed(
    """
    Al Arabiya | Al-Arabiya | Gulf News | Gulf Times | Gulf Today | Gulf Business | Khaleej Times
    Arab News | Arabian Business | Arab Weekly | The Arab Weekly | Sky News Arabia | Asharq Al-Awsat
    Asharq Al Awsat | Middle East Eye | Middle East Monitor | Jeune Afrique | Afrique Magazine
    Africanews | Africa News | The Africa Report | Le Monde Afrique | Africa Intelligence
    Al Khaleej | Al-Khaleej | العربية نت | سكاي نيوز عربية | الخليج تايمز | الخليج الجديد
    """
)
MEDIA_NOUNS_AR = _listed("صحيفة | جريدة | قناة | وكالة | مجلة | شبكة")


# Words that say whose a figure is (read by etl.news.attribution; written naturally, folded there).
#
# A country named as a comparison, not as the subject of a figure: the word right before it
# ("Morocco, which trails Egypt, ranked 50th", "behind Saudi Arabia", "derrière", "خلف"). Arabic
# ones may carry و or ف. Not "que" nor a bare "before": too often a conjunction ("indique que le
# Maroc...").
COMPARED_WORDS = _listed(
    """
    behind | above | below | than | unlike | versus | vs | vs. | derrière | devant | l'instar
    خلف | وراء | أمام | عكس | خلافا | مقارنة
    """
)
# Also a conjunction or a preposition of time ("After Morocco ranked 93rd in 2018, ..."): a
# comparison only where another country is named. Arabic ones may carry و or ف.
MAYBE_COMPARED_WORDS = _listed("after | like | comme | après | بعد | قبل | مثل")
# Stems of comparison verbs ("trails", "outranked", "devance", "talonne", "تليها", "متجاوزة").
COMPARED_STEMS = _listed(
    """
    trail | outrank | outpac | overtak | surpass | beat | devanc | dépass | talonn
    متجاوز | تجاوز | تلي | تلت | يلي | تلا | وتلي | وتلت | ويلي | وتلا
    """
)
# Comparisons of two words: the second word -> the stems of the first ("ahead of", "followed by",
# "suivi de", "rapport à", "متقدما على", "على غرار").
COMPARED_PAIRS: dict[str, tuple[str, ...]] = {
    second: _listed(firsts)
    for second, firsts in (
        ("of", "ahead"),
        ("by", "followed | preceded"),
        ("with", "compared"),
        ("to", "compared | next"),
        ("de", "suivi | précéd"),
        ("par", "suivi | précéd | devanc"),
        ("à", "contrairement | compar | rapport | face"),
        ("au", "rapport"),
        ("aux", "rapport"),
        ("avec", "compar"),
        ("على", "متقدم | تتقدم | يتقدم | تقدم | متفوق | تتفوق | يتفوق | تفوق | ومتقدم"),
        ("غرار", "على"),
        ("مع", "بالمقارنة"),
    )
}
# Words that open an aside on the country named before it, set off by a comma (up to two words
# before them: "Morocco, a neighbour of Algeria,", "Le Maroc, pays voisin de l'Algérie,"): a
# country named in it is not the subject of a figure after it ("Morocco, neighbouring Algeria,
# ranked 50th"; "المغرب، جار الجزائر، احتل المرتبة 50"). Relative pronouns open one too, with
# or without the comma ("Morocco, which borders Algeria,", "عمان التي تحد الإمارات").
APPOSITION_WORDS = _listed(
    """
    neighbour | neighbor | neighbours | neighbors | neighbouring | neighboring | bordering
    borders | home | like | unlike | alongside | along
    voisin | voisine | voisins | voisines | frontalier | frontalière | limitrophe | comme
    l'instar | contrairement | aux côtés
    جار | جارة | جارته | جارتها | المجاور | المجاورة | على غرار | مثل | شأنها شأن | شأنه شأن
    على عكس | بخلاف
    """
)
RELATIVE_PRONOUNS = _listed(
    """
    which | who | whose | qui | dont | lequel | laquelle | lesquels | lesquelles
    التي | الذي | اللتين | اللذين | اللتان | اللذان
    """
)
# Determiners that may stand between a comparison word and the country ("behind its neighbour
# Algeria", "derrière son voisin l'Algérie", "خلف جارته الجزائر").
COMPARISON_FILLERS = _listed(
    """
    the | its | her | their | neighbouring | neighboring | neighbour | neighbor | neighbours
    neighbors | fellow | both
    le | la | les | l' | son | sa | ses | voisin | voisine | voisins | du | des | de | d' | au | aux
    جارته | جارتها | الشقيقة | جارها
    """
)

# "Today", "now": the sentence states the present standing, not that of the year another sentence
# of the article gives. Arabic ones may carry و or ف.
NOW_WORDS = _listed(
    """
    today | now | nowadays | currently | at present | presently
    aujourd'hui | désormais | actuellement | à présent | maintenant | dorénavant
    اليوم | حاليا | الان | في الوقت الحالي
    """
)

# Words that end a clause, for the index of a figure (besides a stop, a comma, a bracket): each
# figure takes the index named in its own clause ("Le Maroc est 101e de l'EGDI 2022, tandis qu'il
# est 50e dans l'indice mondial de cybersécurité 2020").
CLAUSE_JOINS = _listed(
    """
    while | whereas | but | and | alors que | tandis que | mais | et
    بينما | في حين | لكن | وفي
    """
)
