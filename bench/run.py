"""``make bench``: every budget of docs/performance.md measured side by side in one run.

    python -m bench.run [--rebuild] [--smoke] [--requests N] [--out var/bench/results.json]

Budgets are ratios of two things measured in the same run (the machine is shared and noisy:
absolute times are printed for context only). The dashboard is served as in production
(``cyberindex serve``: gunicorn, gthread workers) on 127.0.0.1 with ``CYBERINDEX_SERVER_TIMING=1``
(the server's own time per request, from the ``Server-Timing`` header) and
``CYBERINDEX_BENCH_ROUTES=1`` (the bare Flask routes the callbacks are held against).
``--smoke`` runs everything at toy sizes in a few seconds (the test suite does, so it cannot
rot); its figures mean nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests

from bench import synthetic
from bench.load import (
    KB,
    Dash,
    Server,
    http_cases,
    measure_cases,
    pages_values,
    throughput_rounds,
)

PROJECT_ROOT = synthetic.PROJECT_ROOT
RESULTS = synthetic.BENCH_DIR / "results.json"
DOCS = PROJECT_ROOT / "docs" / "performance.md"
DOCS_BEGIN = "<!-- bench:results:begin -->"
DOCS_END = "<!-- bench:results:end -->"

# Component types that make dcc / dash_table fetch an async chunk when they render.
ASYNC_CHUNKS = {
    ("dash_core_components", "Graph"): ("dcc", "async-graph.js"),
    ("dash_core_components", "Dropdown"): ("dcc", "async-dropdown.js"),
    ("dash_core_components", "DatePickerRange"): ("dcc", "async-datepicker.js"),
    ("dash_core_components", "DatePickerSingle"): ("dcc", "async-datepicker.js"),
    ("dash_core_components", "Markdown"): ("dcc", "async-markdown.js"),
    ("dash_core_components", "Slider"): ("dcc", "async-slider.js"),
    ("dash_core_components", "RangeSlider"): ("dcc", "async-slider.js"),
    ("dash_core_components", "Upload"): ("dcc", "async-upload.js"),
    ("dash_table", "DataTable"): ("dash_table", "async-table.js"),
}


@dataclass
class Config:
    small: int = 10_000
    large: int = 1_000_000
    requests: int = 40  # per latency case
    throughput_rounds: int = 6  # each a window at 1 client and one at 8
    throughput_seconds: float = 8.0  # per window
    throughput_ramp: float = 1.0  # clients running before a window opens
    throughput_warmup: float = 5.0
    workers: int = 2
    extraction_small: int = 10_000
    extraction_large: int = 100_000
    extraction_ratio_texts: int = 3_000
    extraction_rounds: int = 3  # of the 10k and the 100k articles, for the scaling ratio
    etl_sources: tuple[str, ...] = ()  # all (a smoke run loads one)
    export_rows: int = 100_000
    repeats: int = 5
    bench_dir: Path = synthetic.BENCH_DIR
    smoke: bool = False

    @classmethod
    def smoke_config(cls, bench_dir: Path) -> Config:
        return cls(
            small=100,
            large=200,
            requests=4,
            throughput_rounds=1,
            throughput_seconds=1.0,
            throughput_ramp=0.2,
            throughput_warmup=0.5,
            workers=1,
            extraction_small=20,
            extraction_large=200,
            extraction_ratio_texts=50,
            extraction_rounds=1,
            etl_sources=("itu_gci",),
            export_rows=2_000,
            repeats=1,
            bench_dir=bench_dir,
            smoke=True,
        )


@dataclass
class Budget:
    key: str
    title: str
    value: float
    limit: float
    kind: str  # "max": value <= limit; "min": value >= limit
    unit: str = "×"
    context: dict = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.value <= self.limit if self.kind == "max" else self.value >= self.limit

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "value": round(self.value, 3),
            "limit": self.limit,
            "kind": self.kind,
            "unit": self.unit,
            "pass": self.passed,
            "context": self.context,
        }


def p(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50_ms": round(p(values, 50), 2),
        "p95_ms": round(p(values, 95), 2),
        "mean_ms": round(statistics.fmean(values), 2) if values else None,
    }


# ---------------------------------------------------------------- page weight


def wire_get(session: requests.Session, url: str, headers: dict | None = None):
    """(response, bytes on the wire: status line and headers, body as sent)."""
    response = session.get(url, headers=headers or {}, stream=True, timeout=60)
    body = response.raw.read(decode_content=False)
    head = (
        len(f"HTTP/1.1 {response.status_code} {response.reason}\r\n")
        + sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        + 2
    )
    content = gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body
    return response, head + len(body), content


def wire_post(session: requests.Session, url: str, payload: dict):
    response = session.post(url, json=payload, stream=True, timeout=60)
    body = response.raw.read(decode_content=False)
    head = (
        len(f"HTTP/1.1 {response.status_code} {response.reason}\r\n")
        + sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        + 2
    )
    content = gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body
    request_bytes = len(json.dumps(payload))
    return response, head + len(body) + request_bytes, content


def _walk(node, found: list) -> None:
    if isinstance(node, dict):
        if "type" in node and "namespace" in node:
            found.append(node)
            props = node.get("props", {})
            for value in props.values():
                _walk(value, found)
        else:
            for value in node.values():
                _walk(value, found)
    elif isinstance(node, list):
        for item in node:
            _walk(item, found)


def page_load(server: Server, path: str = "/") -> dict:
    """Bytes a browser transfers to show ``path`` the first time, and on a repeat visit.

    First visit: the HTML, every script and stylesheet it names, ``_dash-layout``,
    ``_dash-dependencies``, the page callback, the callbacks the page fires on load (inputs
    all present in the page, not ``prevent_initial_call``) and the async chunks of the
    components it renders. Repeat visit: what is cached with ``max-age`` is not asked for;
    what has an ``ETag``/``Last-Modified`` is asked for conditionally; the rest again.
    """
    gz = {"Accept-Encoding": "gzip"}
    cache: dict[str, dict] = {}
    rows: list[dict] = []

    def fetch(session, url, visit):
        entry = cache.get(url)
        if visit == "repeat" and entry and "max-age=31536000" in entry.get("cc", ""):
            rows.append({"visit": visit, "url": url, "bytes": 0, "status": "cached"})
            return entry["content"]
        headers = dict(gz)
        if visit == "repeat" and entry:
            if entry.get("etag"):
                headers["If-None-Match"] = entry["etag"]
            if entry.get("lm"):
                headers["If-Modified-Since"] = entry["lm"]
        response, size, content = wire_get(session, server.url + url, headers)
        rows.append({"visit": visit, "url": url, "bytes": size, "status": response.status_code})
        if response.status_code == 304:
            return entry["content"]
        cache[url] = {
            "cc": response.headers.get("Cache-Control", ""),
            "etag": response.headers.get("ETag"),
            "lm": response.headers.get("Last-Modified"),
            "content": content,
        }
        return content

    def visit(kind: str) -> None:
        with requests.Session() as session:
            session.headers.update(gz)
            html = fetch(session, path, kind).decode()
            urls = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"#]+)"', html)
            for url in urls:
                fetch(session, url, kind)
            fetch(session, "/_dash-layout", kind)
            deps = json.loads(fetch(session, "/_dash-dependencies", kind))
            dash = Dash.__new__(Dash)
            dash.dependencies = deps
            dep = dash.find("_pages_content.children")
            response, size, content = wire_post(
                session,
                server.url + "/_dash-update-component",
                dash.payload(dep, pages_values(path)),
            )
            rows.append(
                {
                    "visit": kind,
                    "url": "POST " + dep["output"][:40],
                    "bytes": size,
                    "status": response.status_code,
                }
            )
            layout = json.loads(content)["response"]["_pages_content"]["children"]
            nodes: list = []
            _walk(layout, nodes)
            ids = {
                n["props"].get("id"): n["props"]
                for n in nodes
                if isinstance(n.get("props", {}).get("id"), str)
            }
            for dep in deps:
                if dep.get("prevent_initial_call") or dep.get("clientside_function"):
                    continue
                wanted = dep["inputs"]
                if not wanted or not all(i["id"] in ids for i in wanted):
                    continue
                values = {
                    (i["id"], i["property"]): ids[i["id"]].get(i["property"])
                    for i in wanted + dep["state"]
                    if i["id"] in ids
                }
                response, size, _ = wire_post(
                    session, server.url + "/_dash-update-component", dash.payload(dep, values)
                )
                rows.append(
                    {
                        "visit": kind,
                        "url": "POST " + dep["output"][:40],
                        "bytes": size,
                        "status": response.status_code,
                    }
                )
            suites = {
                m.group(1): m.group(2)
                for m in re.finditer(
                    r"/_dash-component-suites/dash/(dcc|dash_table)/[^\"]*?\.(v[\w]+m\d+)\.", html
                )
            }
            chunks = sorted(
                {
                    ASYNC_CHUNKS[(n["namespace"], n["type"])]
                    for n in nodes
                    if (n["namespace"], n["type"]) in ASYNC_CHUNKS
                }
            )
            for package, name in chunks:
                stem, ext = name.rsplit(".", 1)
                fetch(
                    session,
                    f"/_dash-component-suites/dash/{package}/{stem}."
                    f"{suites.get(package, '')}.{ext}",
                    kind,
                )

    visit("first")
    visit("repeat")
    first = sum(r["bytes"] for r in rows if r["visit"] == "first")
    repeat = sum(r["bytes"] for r in rows if r["visit"] == "repeat")
    return {"first_kb": first / KB, "repeat_kb": repeat / KB, "requests": rows}


# ---------------------------------------------------------------- in-process measurements


def interleaved(fns: dict, repeats: int) -> dict[str, float]:
    """Median wall time of each of ``fns`` (seconds), run in alternating rounds (A, B, A, B...)
    so machine noise hits every side alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def timed_rounds(
    fns: dict, repeats: int, runs: dict[str, int] | None = None
) -> dict[str, dict[str, list[float]]]:
    """CPU time of the calling thread and wall time of each run of ``fns`` (seconds), in rounds
    of alternating order (A, B, B, A, A, B...: a drift in the machine's load hits both alike);
    ``runs[name]`` runs of that one per round (1 unless given: a short one is run more often so
    its median is as steady as a long one's)."""
    times: dict[str, dict[str, list[float]]] = {n: {"cpu_s": [], "wall_s": []} for n in fns}
    names = list(fns)
    for r in range(repeats):
        for name in names if r % 2 == 0 else names[::-1]:
            for _ in range((runs or {}).get(name, 1)):
                wall, cpu = time.perf_counter(), time.thread_time()
                fns[name]()
                times[name]["cpu_s"].append(time.thread_time() - cpu)
                times[name]["wall_s"].append(time.perf_counter() - wall)
    return times


def export_budget(base: Path, rows: int, repeats: int) -> dict:
    """etl.export's CSV (formula neutralisation included) against pandas' to_csv, same rows."""
    import pandas as pd

    from etl import export, store

    engine = store.make_engine(synthetic.sqlite_url(base))
    frame = export.export_frame(engine, export.ExportFilter())
    engine.dispose()
    frame = pd.concat([frame] * (rows // max(1, len(frame)) + 1), ignore_index=True).iloc[:rows]
    # Some cells a spreadsheet would run as formulas, as a hostile source could send.
    frame.loc[frame.index[::97], "source_note"] = '=HYPERLINK("http://x")'
    export.frame_to_csv(frame.iloc[:100])  # warm
    measured = interleaved(
        {
            "ours": lambda: export.frame_to_csv(frame),
            "plain": lambda: frame.to_csv(index=False, lineterminator=export.CSV_LINE_END),
        },
        repeats if repeats <= 1 else max(repeats, 7),
    )
    ours, plain = measured["ours"], measured["plain"]
    return {"rows": len(frame), "export_s": ours, "pandas_s": plain, "ratio": ours / plain}


def etl_budget(work: Path, repeats: int, sources: tuple[str, ...] = ()) -> dict:
    """A full refresh of the bundled data into a fresh store, against pandas reading the same
    files (CSV, and the news samples' JSON) and writing each to a fresh SQLite once."""
    import pandas as pd

    from etl import pipeline, store
    from etl.settings import Settings

    datasets = Settings().datasets_dir

    def refresh() -> None:
        target = work / "etl.db"
        target.unlink(missing_ok=True)
        settings = Settings.from_env(
            database_url=synthetic.sqlite_url(target), raw_dir=work / "raw", live_sources=()
        )
        engine = store.make_engine(settings.database_url)
        pipeline.run_sources(list(sources), settings, engine)
        engine.dispose()

    def plain() -> None:
        target = work / "plain.db"
        target.unlink(missing_ok=True)
        with sqlite3.connect(target) as db:
            for path in sorted(datasets.rglob("*.csv")):
                pd.read_csv(path).to_sql(path.stem, db, index=False)
            news = [
                json.loads(p.read_text(encoding="utf-8"))
                for p in sorted(datasets.rglob("*.json"))
                if "provenance" not in p.name
            ]
            pd.DataFrame(news).astype(str).to_sql("news", db, index=False)

    if repeats > 1:  # warm: imports, pandera schemas
        refresh()
        plain()
    measured = interleaved({"ours": refresh, "plain": plain}, repeats)
    ours, base = measured["ours"], measured["plain"]
    return {"refresh_s": ours, "pandas_s": base, "ratio": ours / base}


def extraction_budget(config: Config) -> dict:
    """Mentions and claims of realistic texts (as ingestion runs them) against a plain regular
    expression word split of the same texts; and the time at 10× the articles."""
    from etl.news.claims import claims_of
    from etl.news.mentions import find_hits, summarise
    from etl.news.text import Article

    word = re.compile(r"\w+")

    def extract(texts: list[str]) -> int:
        found = 0
        for text in texts:
            article = Article(text)
            hits = find_hits(article)
            summarise(article.language, hits)
            found += len(claims_of(article, hits)) if hits else 0
        return found

    def split(texts: list[str]) -> int:
        return sum(len(word.findall(text)) for text in texts)

    out: dict = {}
    for label, share in (("claim_heavy", 0.5), ("claim_free", 0.0)):
        texts = synthetic.article_texts(config.extraction_ratio_texts, seed=11, claim_share=share)
        extract(texts[:50])
        measured = interleaved(
            {"ours": lambda t=texts: extract(t), "plain": lambda t=texts: split(t)},
            config.repeats if config.smoke else max(config.repeats, 9),
        )
        ours, plain = measured["ours"], measured["plain"]
        out[label] = {
            "texts": len(texts),
            "extract_s": ours,
            "split_s": plain,
            "slowdown": ours / plain,
            "throughput_share": plain / ours,
        }
    small = synthetic.article_texts(config.extraction_small, seed=12)
    large = synthetic.article_texts(config.extraction_large, seed=13)
    # Every text of a list is extracted in every run; the 10k list three times a round (a
    # tenth of the time: its median as steady as the 100k one's). The clock is this thread's
    # CPU time: the extraction is single-threaded Python, and on a shared machine the wall
    # clock also counts the time other processes held the cores, which was most of the ratio's
    # noise (7.2× to 11.6× between single runs). Wall times are kept beside it.
    rounds = timed_rounds(
        {"small": lambda: extract(small), "large": lambda: extract(large)},
        config.extraction_rounds,
        runs={"small": 3},
    )
    cpu = {name: statistics.median(r["cpu_s"]) for name, r in rounds.items()}
    wall = {name: statistics.median(r["wall_s"]) for name, r in rounds.items()}
    out["scaling"] = {
        "small": len(small),
        "large": len(large),
        "rounds": config.extraction_rounds,
        "runs": {name: len(r["cpu_s"]) for name, r in rounds.items()},
        "ratio": cpu["large"] / cpu["small"],
        "small_cpu_s": cpu["small"],
        "large_cpu_s": cpu["large"],
        "wall_ratio": wall["large"] / wall["small"],
        "small_wall_s": wall["small"],
        "large_wall_s": wall["large"],
        "us_per_article": {
            "small": cpu["small"] / len(small) * 1e6,
            "large": cpu["large"] / len(large) * 1e6,
        },
        "each_round": rounds,
    }
    return out


# ---------------------------------------------------------------- the run


def machine() -> dict:
    import dash
    import pandas
    import plotly
    import sqlalchemy

    model = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        memory_gb = round(psutil.virtual_memory().total / KB**3, 1)
    except ImportError:
        memory_gb = None
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "dash": dash.__version__,
        "plotly": plotly.__version__,
        "pandas": pandas.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
    }


def run(config: Config, rebuild: bool = False, log=print) -> dict:  # noqa: ANN001
    started = time.perf_counter()
    config.bench_dir.mkdir(parents=True, exist_ok=True)
    synthetic.BENCH_DIR = config.bench_dir  # the stores live here (a temporary folder in tests)
    log(f"stores: base, {config.small:,} and {config.large:,} articles in {config.bench_dir}")
    base = synthetic.build_store(0, rebuild=rebuild, log=log)
    small = synthetic.build_store(config.small, rebuild=rebuild, log=log)
    large = synthetic.build_store(config.large, rebuild=rebuild, log=log)
    results: dict = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "smoke": config.smoke,
        "config": {k: str(v) for k, v in vars(config).items()},
        "cases": {},
    }
    budgets: list[Budget] = []

    # --- the large store: callbacks against bare routes, page weight, throughput, memory
    log(f"serving {large.name} ({config.workers} workers)")
    server = Server(large, config.workers, config.bench_dir).start()
    try:
        with requests.Session() as session:
            cases = http_cases(Dash(session, server.url))
        times = measure_cases(server, list(cases.values()), config.requests)
        results["cases"]["large"] = {name: summary(v) for name, v in times.items()}
        weight = page_load(server, "/")
        mix = [cases["compare_callback"], cases["news_callback"], cases["country_callback"]]
        rates = throughput_rounds(
            server,
            mix,
            config.throughput_rounds,
            config.throughput_seconds,
            config.throughput_ramp,
            config.throughput_warmup,
        )
        large_mb = server.peak_worker_mb()
    finally:
        server.stop()
    # A smoke run serves one store only (server starts are most of its time; its figures mean
    # nothing): the small-store cases and the memory baseline come from the same server.
    log(f"serving {small.name}")
    server = Server(small if not config.smoke else large, config.workers, config.bench_dir)
    try:
        server.start()
        small_times = measure_cases(
            server, [cases["news_callback"], cases["news_bare"]], config.requests
        )
        results["cases"]["small"] = {name: summary(v) for name, v in small_times.items()}
        if config.smoke:
            base_mb = server.peak_worker_mb()
    finally:
        server.stop()
    if not config.smoke:
        log(f"serving {base.name} (no articles)")
        server = Server(base, config.workers, config.bench_dir).start()
        try:
            # The same kinds of requests as on the large store, fewer of each: only memory
            # counts.
            measure_cases(server, list(cases.values()), max(1, config.requests // 4))
            page_load(server, "/")
            base_mb = server.peak_worker_mb()
        finally:
            server.stop()

    big = results["cases"]["large"]
    for name, title in (
        (
            "news",
            "News filter callback (country + language + dates, first "
            "page) p95 vs the bare Flask route, 1M articles",
        ),
        ("compare", "Compare callback p95 vs the bare route (same figures)"),
        ("country", "Country page callback p95 vs the bare route (same layout)"),
    ):
        key = {
            "news": "1_news_callback_vs_bare",
            "compare": "3_compare_callback_vs_bare",
            "country": "3_country_callback_vs_bare",
        }[name]
        budgets.append(
            Budget(
                key,
                title,
                big[f"{name}_callback"]["p95_ms"] / big[f"{name}_bare"]["p95_ms"],
                2.0,
                "max",
                context={
                    "callback_p95_ms": big[f"{name}_callback"]["p95_ms"],
                    "bare_p95_ms": big[f"{name}_bare"]["p95_ms"],
                },
            )
        )
    small_p95 = results["cases"]["small"]["news_callback"]["p95_ms"]
    budgets.append(
        Budget(
            "2_news_growth",
            f"News callback p95 at {config.large:,} vs {config.small:,} articles",
            big["news_callback"]["p95_ms"] / small_p95,
            3.0,
            "max",
            context={"large_p95_ms": big["news_callback"]["p95_ms"], "small_p95_ms": small_p95},
        )
    )
    budgets.append(
        Budget(
            "4_first_load_kb",
            "Overview first load, bytes on the wire (gzip)",
            weight["first_kb"],
            800.0,
            "max",
            "KB",
        )
    )
    budgets.append(
        Budget(
            "4_repeat_visit_kb",
            "Overview repeat visit, bytes on the wire",
            weight["repeat_kb"],
            50.0,
            "max",
            "KB",
        )
    )
    results["page_load"] = weight

    log("export, ETL and extraction (in process)")
    exp = export_budget(base, config.export_rows, config.repeats)
    results["export"] = exp
    budgets.append(
        Budget(
            "5_export_csv",
            f"CSV export of {exp['rows']:,} rows vs pandas to_csv",
            exp["ratio"],
            2.0,
            "max",
            context={"export_s": exp["export_s"], "pandas_s": exp["pandas_s"]},
        )
    )
    with tempfile.TemporaryDirectory(dir=config.bench_dir) as work:
        etl = etl_budget(Path(work), max(1, min(config.repeats, 5)), config.etl_sources)
    results["etl"] = etl
    budgets.append(
        Budget(
            "6_etl_refresh",
            "ETL refresh of the bundled data vs pandas read_csv + to_sql",
            etl["ratio"],
            3.0,
            "max",
            context={"refresh_s": etl["refresh_s"], "pandas_s": etl["pandas_s"]},
        )
    )
    ext = extraction_budget(config)
    results["extraction"] = ext
    for label in ("claim_heavy", "claim_free"):
        budgets.append(
            Budget(
                f"7_extraction_{label}",
                f"Extraction throughput vs a word split ({label.replace('_', '-')} texts)",
                ext[label]["throughput_share"],
                0.2,
                "min",
                context={"extract_s": ext[label]["extract_s"], "split_s": ext[label]["split_s"]},
            )
        )
    scaling = ext["scaling"]
    budgets.append(
        Budget(
            "7_extraction_scaling",
            f"Extraction of {scaling['large']:,} vs {scaling['small']:,} articles (CPU time, "
            f"medians of {scaling['runs']['large']} and {scaling['runs']['small']} runs)",
            scaling["ratio"],
            11.0,
            "max",
            context={
                "small_cpu_s": scaling["small_cpu_s"],
                "large_cpu_s": scaling["large_cpu_s"],
                "wall_ratio": scaling["wall_ratio"],
            },
        )
    )
    budgets.append(
        Budget(
            "8_worker_memory",
            f"Peak worker RSS serving {config.large:,} articles vs no articles",
            large_mb / base_mb,
            1.5,
            "max",
            context={"large_mb": round(large_mb, 1), "base_mb": round(base_mb, 1)},
        )
    )
    results["throughput"] = rates
    others = rates["other_cores"][1]
    if others > 0.25 * config.workers:
        log(
            f"budget 9: other processes used {others:.2f} cores (median of the windows) of "
            f"{os.cpu_count()}: the ratio says as much about them as about the server"
        )
    budgets.append(
        Budget(
            "9_throughput",
            "8 concurrent clients vs 1 (requests per second, "
            f"median of {config.throughput_rounds} rounds)",
            rates["ratio"],
            1.6,
            "min",
            context={
                "one_client_rps": round(rates["one_client_rps"], 2),
                "eight_clients_rps": round(rates["eight_clients_rps"], 2),
                "worker_cores_1": rates["one_client_worker_cores"],
                "worker_cores_8": rates["eight_clients_worker_cores"],
                "client_cores_max": rates["client_cores_max"],
                "other_cores": rates["other_cores"],
                "load_average": rates["load_average"],
            },
        )
    )
    results["budgets"] = {b.key: b.to_dict() for b in sorted(budgets, key=lambda b: b.key)}
    results["all_pass"] = all(b.passed for b in budgets)
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def table(results: dict) -> str:
    """The budgets as one Markdown table."""
    lines = ["| budget | measured | limit | context | result |", "|---|---|---|---|---|"]
    for key, b in results["budgets"].items():
        unit = "" if b["unit"] == "×" else f" {b['unit']}"
        value = f"{b['value']:.2f}{'×' if not unit else unit}"
        limit = f"{'≤' if b['kind'] == 'max' else '≥'} {b['limit']:g}{'×' if not unit else unit}"
        context = ", ".join(
            f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in b["context"].items()
        )
        lines.append(
            f"| {key}: {b['title']} | {value} | {limit} | {context} | "
            f"{'PASS' if b['pass'] else 'FAIL'} |"
        )
    return "\n".join(lines)


def cases_table(results: dict) -> str:
    lines = ["| store | case | p50 ms | p95 ms | n |", "|---|---|---|---|---|"]
    for store_name, cases in results["cases"].items():
        for name, s in cases.items():
            lines.append(f"| {store_name} | {name} | {s['p50_ms']} | {s['p95_ms']} | {s['n']} |")
    return "\n".join(lines)


def machine_line(results: dict) -> str:
    m = results["machine"]
    return (
        f"{m['cpus']} CPUs ({m['cpu_model']}), {m['memory_gb']} GB; Python {m['python']}, "
        f"Dash {m['dash']}, plotly {m['plotly']}, pandas {m['pandas']}, SQLAlchemy "
        f"{m['sqlalchemy']}, SQLite {m['sqlite']}"
    )


def write_docs(results: dict, path: Path = DOCS) -> None:
    """Replace the results section of docs/performance.md (between its markers)."""
    block = "\n".join(
        [
            DOCS_BEGIN,
            "",
            f"Run of {results['generated_at']} ({results['seconds']:.0f} s): {machine_line(results)}.",
            "",
            table(results),
            "",
            "Server time per request (Server-Timing), by case:",
            "",
            cases_table(results),
            "",
            DOCS_END,
        ]
    )
    text = path.read_text(encoding="utf-8") if path.exists() else f"{DOCS_BEGIN}\n{DOCS_END}\n"
    start, end = text.index(DOCS_BEGIN), text.index(DOCS_END) + len(DOCS_END)
    path.write_text(text[:start] + block + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--rebuild", action="store_true", help="rebuild the synthetic stores")
    parser.add_argument("--smoke", action="store_true", help="toy sizes (figures mean nothing)")
    parser.add_argument("--requests", type=int, help="requests per latency case")
    parser.add_argument("--bench-dir", type=Path, help="where stores and results go")
    parser.add_argument("--out", type=Path, help="results JSON (default var/bench/results.json)")
    parser.add_argument("--no-docs", action="store_true", help="leave docs/performance.md")
    args = parser.parse_args(argv)
    bench_dir = args.bench_dir or synthetic.BENCH_DIR
    config = Config.smoke_config(bench_dir) if args.smoke else Config(bench_dir=bench_dir)
    if args.requests:
        config.requests = args.requests
    results = run(config, rebuild=args.rebuild)
    out = args.out or bench_dir / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print()
    print(f"Machine: {machine_line(results)}")
    print(cases_table(results))
    print()
    print(table(results))
    print(
        f"\n{'ALL PASS' if results['all_pass'] else 'SOME BUDGETS FAIL'} "
        f"({results['seconds']:.0f} s); results in {out}"
    )
    if not args.no_docs and not args.smoke:
        write_docs(results)
    return 0 if results["all_pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
