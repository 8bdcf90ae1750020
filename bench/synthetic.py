"""Synthetic benchmark stores: the bundled indicator data plus generated news articles.

Every store is a SQLite file under ``var/bench/`` (never the default database) and says what
it is three times: a ``bench_synthetic`` table (generator version, article count, seed), the
articles' ``source_id`` ``synthetic_bench`` and their URLs on ``synthetic.invalid``.

Articles are generated directly as rows consistent with the schema of ``etl.store`` (articles,
article_mentions with their copied columns, article_indices, claims, mention_daily): running
the extractor on a million texts would take longer than the benchmark itself, and extraction
is measured apart on realistic texts (:func:`article_texts`). Rows go in with ``executemany``
in one transaction with the secondary indexes dropped and rebuilt at the end (sorted builds
are several times faster than a million random B-tree inserts).

A built store is cached by file name (generator version, size, seed); ``--rebuild`` rebuilds.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

GENERATOR_VERSION = 4  # 4: articles.read_with (revision 0008)
SOURCE_ID = "synthetic_bench"
SNAPSHOT = "5" * 64  # no raw payload behind synthetic rows
PROJECT_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = PROJECT_ROOT / "var" / "bench"
LANGUAGES = ("en", "fr", "ar")
START = datetime(2021, 1, 1, tzinfo=UTC)
DAYS = 5 * 365  # five years: 2021-01-01 .. 2025-12-31
NEWS_TABLES = ("articles", "article_mentions", "article_indices", "claims", "mention_daily")
# How often a country is named, relative to any other country (the news follows the focus).
WEIGHTS = {"focus": 40, "arab_peer": 8, "african_peer": 4, "global_leader": 4}

TEMPLATES = {
    "en": {
        "plain": [
            "Officials from {c1} met regional partners to discuss cyber resilience and the "
            "protection of critical infrastructure.",
            "A new national strategy in {c1} puts digital government and incident response "
            "at the centre of the reform agenda.",
            "Banks in {c1} reported a wave of phishing attempts; the national CERT issued "
            "guidance to customers.",
            "{c1} and {c2} signed a memorandum on information sharing between their "
            "computer emergency response teams.",
        ],
        "claim": [
            "{c1} scored {score} in the Global Cybersecurity Index {year}, ranking {rank}th "
            "in the world.",
            "According to the ITU Global Cybersecurity Index {year}, {c1} ranked {rank}th with "
            "a score of {score}.",
            "In the GCI {year}, {c1} reached Tier {tier}, ahead of {c2}.",
        ],
        "title": "Cybersecurity news: {c1}",
    },
    "fr": {
        "plain": [
            "Des responsables du {c1} ont rencontré leurs partenaires régionaux pour parler de "
            "cyber-résilience et de protection des infrastructures critiques.",
            "La nouvelle stratégie nationale du {c1} place l'administration numérique au "
            "centre de la réforme.",
            "Les banques du {c1} signalent une vague d'hameçonnage ; le CERT national a publié "
            "des recommandations.",
            "Le {c1} et le {c2} ont signé un protocole d'échange d'informations entre leurs "
            "équipes de réponse aux incidents.",
        ],
        "claim": [
            "Le {c1} a obtenu un score de {score} dans l'Indice mondial de cybersécurité "
            "{year}, au {rank}e rang mondial.",
            "Selon le GCI {year} de l'UIT, le {c1} est classé {rank}e avec une note de {score}.",
            "Dans le GCI {year}, le {c1} atteint le niveau {tier}, devant le {c2}.",
        ],
        "title": "Cybersécurité : {c1}",
    },
    "ar": {
        "plain": [
            "التقى مسؤولون من {c1} بشركاء إقليميين لبحث الصمود السيبراني وحماية البنية "
            "التحتية الحيوية.",
            "تضع الاستراتيجية الوطنية الجديدة في {c1} الحكومة الرقمية في قلب الإصلاح.",
            "أبلغت البنوك في {c1} عن موجة من محاولات التصيد وأصدر الفريق الوطني إرشادات.",
            "وقعت {c1} و{c2} مذكرة تفاهم لتبادل المعلومات بين فرق الاستجابة للحوادث.",
        ],
        "claim": [
            "حصلت {c1} على {score} نقطة في المؤشر العالمي للأمن السيبراني {year} واحتلت "
            "المرتبة {rank} عالميا.",
            "وفقا للمؤشر العالمي للأمن السيبراني {year}، جاءت {c1} في المرتبة {rank} بمعدل "
            "{score}.",
            "في المؤشر العالمي للأمن السيبراني {year}، بلغت {c1} الفئة {tier} متقدمة على {c2}.",
        ],
        "title": "الأمن السيبراني: {c1}",
    },
}
NAME_COLUMN = {"en": "name_en", "fr": "name_fr", "ar": "name_ar"}


def store_path(n_articles: int, seed: int = 8) -> Path:
    """Where the store with ``n_articles`` generated articles is cached."""
    if n_articles == 0:
        return BENCH_DIR / f"base-v{GENERATOR_VERSION}.db"
    return BENCH_DIR / f"store-{n_articles}-s{seed}-v{GENERATOR_VERSION}.db"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def build_base(path: Path, rebuild: bool = False) -> Path:
    """The bundled indicator data, loaded by the real ETL (``run_sources``), no articles."""
    if path.exists() and not rebuild:
        return path
    from etl import pipeline, store
    from etl.settings import Settings

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    settings = Settings.from_env(
        database_url=sqlite_url(partial), raw_dir=path.parent / "raw", live_sources=()
    )
    engine = store.make_engine(settings.database_url)
    pipeline.run_sources([], settings, engine)
    engine.dispose()
    with sqlite3.connect(partial) as db:
        # The bundled synthetic news samples are not what we measure: start from no articles.
        for table in NEWS_TABLES:
            db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        _mark(db, 0, 0)
    partial.replace(path)
    return path


def _mark(db: sqlite3.Connection, n_articles: int, seed: int) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS bench_synthetic (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("DELETE FROM bench_synthetic")
    db.executemany(
        "INSERT INTO bench_synthetic VALUES (?, ?)",
        [
            ("synthetic", "1"),
            ("generator_version", str(GENERATOR_VERSION)),
            ("articles", str(n_articles)),
            ("seed", str(seed)),
            ("built_at", datetime.now(UTC).isoformat(timespec="seconds")),
            ("note", "benchmark store: generated articles, not news"),
        ],
    )


def build_store(n_articles: int, seed: int = 8, rebuild: bool = False, log=print) -> Path:  # noqa: ANN001 - a print-like callable
    """The base store plus ``n_articles`` generated articles (cached; ``rebuild`` forces)."""
    base = build_base(store_path(0), rebuild=rebuild)
    path = store_path(n_articles, seed)
    if n_articles == 0:
        return base
    if path.exists() and not rebuild:
        return path
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    shutil.copyfile(base, partial)
    with sqlite3.connect(partial, isolation_level=None) as db:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-400000")
        db.execute("BEGIN")
        indexes = _drop_indexes(db)
        _insert_articles(db, n_articles, seed)
        for sql in indexes:
            db.execute(sql)
        _mark(db, n_articles, seed)
        db.execute("COMMIT")
        db.execute("ANALYZE")
    partial.replace(path)
    log(f"built {path.name}: {n_articles:,} articles in {time.perf_counter() - started:.0f} s")
    return path


def _drop_indexes(db: sqlite3.Connection) -> list[str]:
    """Drop the news tables' secondary indexes; their CREATE statements, to rebuild them."""
    marks = ",".join("?" * len(NEWS_TABLES))
    rows = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
        f"AND tbl_name IN ({marks})",
        NEWS_TABLES,
    ).fetchall()
    for name, _ in rows:
        db.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def _countries(db: sqlite3.Connection) -> tuple[list[tuple], list[int]]:
    rows = db.execute(
        "SELECT iso3, name_en, name_fr, name_ar, focus_group FROM countries ORDER BY iso3"
    ).fetchall()
    return rows, [WEIGHTS.get(r[4] or "", 1) for r in rows]


def _insert_articles(db: sqlite3.Connection, n: int, seed: int) -> None:
    rng = random.Random(seed)
    countries, weights = _countries(db)
    run_id = db.execute(
        "INSERT INTO runs (source_id, started_at, finished_at, status, reason, snapshot_sha256,"
        " fetched, valid, quarantined, inserted, updated, unchanged) VALUES (?, ?, ?,"
        " 'succeeded', 'synthetic benchmark articles', ?, ?, ?, 0, ?, 0, 0)",
        (SOURCE_ID, _stamp(datetime.now(UTC)), _stamp(datetime.now(UTC)), SNAPSHOT, n, n, n),
    ).lastrowid
    first_id = (db.execute("SELECT max(article_id) FROM articles").fetchone()[0] or 0) + 1
    ingested = _stamp(datetime.now(UTC))
    outlets = {
        lang: [f"{lang}-outlet-{k:02d}.synthetic.invalid" for k in range(12)] for lang in LANGUAGES
    }
    # Publication times sorted, as a feed delivers them (and as the index builds fastest).
    seconds = sorted(rng.randrange(DAYS * 86400) for _ in range(n))
    daily: Counter[tuple[str, str]] = Counter()
    chunk = 50_000
    for begin in range(0, n, chunk):
        arts, ments, idxs, clms = [], [], [], []
        for k in range(begin, min(n, begin + chunk)):
            article_id = first_id + k
            when = START + timedelta(seconds=seconds[k])
            published = _stamp(when)
            day = published[:10]
            lang = LANGUAGES[rng.randrange(3)]
            picked = rng.choices(range(len(countries)), weights, k=3)
            named = list(dict.fromkeys(picked[: rng.choice((1, 1, 2, 2, 3))]))
            names = [countries[i][1 + LANGUAGES.index(lang)] for i in named]
            c1, c2 = names[0], names[-1]
            templates = TEMPLATES[lang]
            has_claim = rng.random() < 0.3
            year = rng.choice((2020, 2024))
            score, rank, tier = (
                round(rng.uniform(20, 100), 2),
                rng.randrange(1, 180),
                rng.randrange(1, 6),
            )
            text = rng.choice(templates["plain"]).format(c1=c1, c2=c2)
            sentence = None
            if has_claim:
                sentence = rng.choice(templates["claim"]).format(
                    c1=c1, c2=c2, score=score, year=year, rank=rank, tier=tier
                )
                text = f"{text} {sentence}"
            url = f"https://synthetic.invalid/{lang}/{article_id:08d}"
            arts.append(
                (
                    article_id,
                    url,
                    url,
                    templates["title"].format(c1=c1),
                    outlets[lang][article_id % 12],
                    lang,
                    published,
                    text,
                    "summary",
                    f"{article_id:064x}",
                    SOURCE_ID,
                    0,
                    int(has_claim),
                    SNAPSHOT,
                    run_id,
                    ingested,
                    None,  # read_with: generated with their claims, read by no rules
                )
            )
            for rank_in, i in enumerate(named):
                iso3 = countries[i][0]
                ments.append(
                    (
                        article_id,
                        iso3,
                        2 if rank_in == 0 else 1,
                        json.dumps([names[rank_in]], ensure_ascii=False),
                        published,
                        lang,
                        0,
                    )
                )
                daily[(iso3, day)] += 1
            if has_claim or rng.random() < 0.2:
                idxs.append((article_id, "itu_gci", 1))
            if has_claim:
                verdict = rng.choice(("consistent", "contradicted", "unverifiable"))
                metric = rng.choice(("score", "rank"))
                clms.append(
                    (
                        article_id,
                        sentence,
                        countries[named[0]][0],
                        "itu_gci",
                        metric,
                        score if metric == "score" else float(rank),
                        year,
                        verdict,
                        None if verdict == "unverifiable" else score,
                        f"rank {rank}" if metric == "rank" else None,
                        f"ITU Global Cybersecurity Index {year}",
                        None,
                        None,
                        None,
                    )
                )
        db.executemany(f"INSERT INTO articles VALUES ({','.join('?' * 17)})", arts)
        db.executemany("INSERT INTO article_mentions VALUES (?, ?, ?, ?, ?, ?, ?)", ments)
        db.executemany("INSERT INTO article_indices VALUES (?, ?, ?)", idxs)
        db.executemany(
            "INSERT INTO claims (article_id, sentence, iso3, index_id, metric, value, edition,"
            " verdict, official_value, official_text, official_source, official_source_url,"
            " explanation, explanation_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            clms,
        )
    db.executemany(
        "INSERT INTO mention_daily (iso3, day, is_sample, articles) VALUES (?, ?, 0, ?)",
        [(iso3, day, count) for (iso3, day), count in sorted(daily.items())],
    )


def _stamp(moment: datetime) -> str:
    """How SQLAlchemy stores a DateTime in SQLite."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


# ---------------------------------------------------------------- texts for the extraction budget


def article_texts(
    n: int,
    seed: int = 8,
    claim_share: float = 0.5,
    country_names: dict[str, list[str]] | None = None,
) -> list[str]:
    """``n`` realistic article texts (five to eight sentences) in three languages.

    ``claim_share`` of the sentences state a figure (score, rank, tier) about a country in the
    GCI; the others name countries without a figure.
    """
    rng = random.Random(seed)
    names = country_names or {
        "en": ["Morocco", "Oman", "Saudi Arabia", "Tunisia", "Egypt", "Qatar", "Jordan"],
        "fr": ["Maroc", "Oman", "Arabie saoudite", "Tunisie", "Egypte", "Qatar", "Jordanie"],
        "ar": ["المغرب", "سلطنة عمان", "السعودية", "تونس", "مصر", "قطر", "الأردن"],
    }
    texts = []
    for _ in range(n):
        lang = LANGUAGES[rng.randrange(3)]
        sentences = []
        for _ in range(rng.randrange(5, 9)):
            c1, c2 = rng.sample(names[lang], 2)
            kind = "claim" if rng.random() < claim_share else "plain"
            sentences.append(
                rng.choice(TEMPLATES[lang][kind]).format(
                    c1=c1,
                    c2=c2,
                    score=round(rng.uniform(20, 100), 2),
                    year=rng.choice((2020, 2024)),
                    rank=rng.randrange(1, 180),
                    tier=rng.randrange(1, 6),
                )
            )
        texts.append(" ".join(sentences))
    return texts
