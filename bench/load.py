"""The app served as in production, and the HTTP load the benchmark puts on it.

* :class:`Server`: ``cyberindex serve`` (gunicorn, gthread workers) on 127.0.0.1 with the
  benchmark switches; the RSS and CPU time of each worker read with psutil.
* :func:`measure_cases`: server time (``Server-Timing``) of each latency case, one client,
  cases interleaved.
* :func:`throughput_rounds`: requests per second for 1 and for 8 concurrent clients, in
  alternating windows, medians. The clients are threads of this process that send requests
  encoded once (bytes on a socket, a connection per request, the response read to its end and
  not decoded), so the load generator's own CPU stays a few per cent of a core; it is reported
  beside the figures with the CPU each worker and the rest of the machine used.
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from bench import synthetic

PROJECT_ROOT = synthetic.PROJECT_ROOT
KB = 1024
NEWS_FILTER = {
    "countries": ["MAR"],
    "languages": ["fr"],
    "start": "2024-01-01",
    "end": "2024-12-31",
}
COMPARE_COUNTRIES = ["MAR", "OMN", "SAU", "ARE", "TUN", "EGY"]
COMPARE_EDITION = 2024
COUNTRY = "MAR"


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``cyberindex serve`` on a store, with the benchmark switches; worker memory sampled,
    worker CPU time on demand."""

    def __init__(self, db: Path, workers: int, log_dir: Path) -> None:
        self.db, self.workers, self.port = db, workers, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_dir / f"server-{db.stem}.log", "w")  # noqa: SIM115
        env = {
            **os.environ,
            "CYBERINDEX_DATABASE_URL": synthetic.sqlite_url(db),
            "CYBERINDEX_SERVER_TIMING": "1",
            "CYBERINDEX_BENCH_ROUTES": "1",
            "CYBERINDEX_RATE_LIMIT": "",
            "CYBERINDEX_AUTH": "none",
            "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        cli = Path(sys.executable).with_name("cyberindex")
        self.process = subprocess.Popen(
            [
                str(cli),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_ROOT,
        )
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def start(self, timeout: float = 120) -> Server:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited; see {self.log.name}")
            try:
                if (
                    requests.get(self.url + "/healthz", timeout=5).status_code < 500
                    and len(self.worker_pids()) >= self.workers
                ):
                    self._sampler.start()
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server did not answer in {timeout} s; see {self.log.name}")

    def worker_pids(self) -> list[int]:
        import psutil

        try:
            return [c.pid for c in psutil.Process(self.process.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            for pid in self.worker_pids():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.NoSuchProcess:
                    continue
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
            self._stop.wait(0.1)

    def worker_cpu(self) -> dict[int, float]:
        """CPU seconds (user + system, every thread) each worker has used so far, by pid."""
        import psutil

        used = {}
        for pid in self.worker_pids():
            try:
                times = psutil.Process(pid).cpu_times()
            except psutil.NoSuchProcess:
                continue
            used[pid] = times.user + times.system
        return used

    def peak_worker_mb(self) -> float:
        return max(self.peak.values(), default=0) / KB / KB

    def stop(self) -> None:
        self._stop.set()
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# ---------------------------------------------------------------- requests


def server_ms(response: requests.Response) -> float:
    match = re.search(r"app;dur=([\d.]+)", response.headers.get("Server-Timing", ""))
    if not match:
        raise RuntimeError(f"no Server-Timing on {response.url} ({response.status_code})")
    return float(match.group(1))


class Dash:
    """Callback payloads built from the app's own callback definitions (``_dash-dependencies``),
    as the renderer sends them."""

    def __init__(self, session: requests.Session, url: str) -> None:
        self.url = url
        self.dependencies = session.get(url + "/_dash-dependencies").json()

    def find(self, output_part: str) -> dict:
        for dep in self.dependencies:
            if output_part in dep["output"]:
                return dep
        raise KeyError(output_part)

    @staticmethod
    def outputs(dep: dict):
        text = dep["output"]
        if text.startswith(".."):
            parts = [part for part in text[2:-2].split("...")]
            return [
                dict(zip(("id", "property"), part.rsplit(".", 1), strict=True)) for part in parts
            ]
        return dict(zip(("id", "property"), text.rsplit(".", 1), strict=True))

    def payload(self, dep: dict, values: dict[tuple[str, str], object]) -> dict:
        def items(kind):
            return [
                {
                    "id": i["id"],
                    "property": i["property"],
                    "value": values.get((i["id"], i["property"])),
                }
                for i in dep[kind]
            ]

        inputs = items("inputs")
        return {
            "output": dep["output"],
            "outputs": self.outputs(dep),
            "inputs": inputs,
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
            "state": items("state"),
        }


def news_values(spec: dict) -> dict:
    return {
        ("news-countries", "value"): spec["countries"],
        ("news-freq", "value"): "week",
        ("news-measure", "value"): "count",
        ("news-languages", "value"): spec["languages"],
        ("news-outlets", "value"): [],
        ("news-dates", "start_date"): spec["start"],
        ("news-dates", "end_date"): spec["end"],
        ("news-has-claim", "value"): "any",
        ("news-verdicts", "value"): [],
        ("news-samples", "value"): [],
        ("news-lang", "data"): "en",
    }


def compare_values() -> dict:
    return {
        ("compare-countries", "value"): COMPARE_COUNTRIES,
        ("compare-edition", "value"): COMPARE_EDITION,
        ("compare-join", "value"): [],
        ("compare-lang", "data"): "en",
    }


def pages_values(pathname: str, search: str = "") -> dict:
    return {("_pages_location", "pathname"): pathname, ("_pages_location", "search"): search}


@dataclass
class Case:
    name: str
    method: str
    path: str
    body: dict | None = None


def http_cases(dash: Dash) -> dict[str, Case]:
    news = dash.payload(dash.find("news-articles.children"), news_values(NEWS_FILTER))
    compare = dash.payload(dash.find("compare-trend.figure"), compare_values())
    country = dash.payload(
        dash.find("_pages_content.children"), pages_values(f"/country/{COUNTRY}")
    )
    query = (
        f"countries={','.join(NEWS_FILTER['countries'])}&languages="
        f"{','.join(NEWS_FILTER['languages'])}&start={NEWS_FILTER['start']}"
        f"&end={NEWS_FILTER['end']}"
    )
    update = "/_dash-update-component"
    return {
        "news_callback": Case("news_callback", "POST", update, news),
        "news_bare": Case("news_bare", "GET", f"/bench/news?{query}"),
        "compare_callback": Case("compare_callback", "POST", update, compare),
        "compare_bare": Case(
            "compare_bare",
            "GET",
            f"/bench/compare?countries={','.join(COMPARE_COUNTRIES)}&edition={COMPARE_EDITION}",
        ),
        "country_callback": Case("country_callback", "POST", update, country),
        "country_bare": Case("country_bare", "GET", f"/bench/country?iso3={COUNTRY}"),
    }


def send(session: requests.Session, base: str, case: Case) -> float:
    if case.method == "POST":
        response = session.post(base + case.path, json=case.body, timeout=120)
    else:
        response = session.get(base + case.path, timeout=120)
    if response.status_code != 200:
        raise RuntimeError(f"{case.name}: HTTP {response.status_code}: {response.text[:300]}")
    return server_ms(response)


def measure_cases(server: Server, cases: list[Case], n: int) -> dict[str, list[float]]:
    """Server times of each case, interleaved (A, B, A, B...) so noise hits both alike; two
    warm-up rounds first (each worker's first request builds its caches)."""
    times: dict[str, list[float]] = {c.name: [] for c in cases}
    with requests.Session() as session:
        for _ in range(2 * server.workers):
            for case in cases:
                send(session, server.url, case)
        for _ in range(n):
            for case in cases:
                times[case.name].append(send(session, server.url, case))
    return times


# ---------------------------------------------------------------- throughput
# Eight clients against one on two workers: the ratio is at most 2 (two processes, each
# running Python under its own GIL), and a load generator that took a sizeable share of the
# same two cores would cap it below that and blur it with its own noise. So the clients do as
# little as they can, and what they used is measured.

THROUGHPUT_CLIENTS = (1, 8)
# What a current browser (and ``requests``, the client before this one) accepts: the server
# compresses callback responses with the first it supports (flask-compress: zstd), as it would
# for a person.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def encode(case: Case, host: str) -> bytes:
    """The whole request as bytes, encoded once, with ``Connection: close``. A connection per request lets gunicorn hand each one to whichever
    worker accepts it first, so the load spreads over both workers (a kept-alive connection
    stays with the worker that accepted it, and several can pile onto one worker)."""
    body = b"" if case.body is None else json.dumps(case.body).encode()
    head = [
        f"{case.method} {case.path} HTTP/1.1",
        f"Host: {host}",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
        "Connection: close",
        "User-Agent: cyberindex-bench",
    ]
    if case.body is not None:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def exchange(address: tuple[str, int], request: bytes) -> None:
    """Send one encoded request on a new connection and read the response to its end (the
    server closes it); raise unless the status is 200."""
    head = b""
    with socket.create_connection(address, timeout=120) as conn:
        conn.sendall(request)
        while chunk := conn.recv(65536):
            if len(head) < 16:
                head += chunk[:16]
    if head[9:12] != b"200":  # b"HTTP/1.1 200 OK"
        raise RuntimeError(f"HTTP {head!r}...")


@dataclass
class Window:
    """One throughput window: ``clients`` concurrent clients for ``seconds``."""

    clients: int
    rps: float
    completed: int  # responses completed inside the window
    seconds: float
    worker_cores: list[float]  # CPU each worker used in the window, in cores (1.0 = one core)
    client_cores: float  # CPU this process (the load generator) used in the window, in cores
    other_cores: float  # CPU every other process of the machine used in the window, in cores
    steal_cores: float  # CPU the hypervisor held back from this virtual machine, in cores
    load_average: float  # 1-minute load average at the end of the window (the machine is shared)

    def to_dict(self) -> dict:
        return {
            "clients": self.clients,
            "rps": round(self.rps, 3),
            "completed": self.completed,
            "seconds": round(self.seconds, 2),
            "worker_cores": [round(c, 3) for c in self.worker_cores],
            "client_cores": round(self.client_cores, 3),
            "other_cores": round(self.other_cores, 3),
            "steal_cores": round(self.steal_cores, 3),
            "load_average": round(self.load_average, 2),
        }


def throughput(
    server: Server, requests_: list[bytes], clients: int, seconds: float, ramp: float
) -> Window:
    """Requests per second that ``clients`` concurrent clients get, each cycling through the
    encoded requests (client k starts at request k, so the mix is the same at any count).

    The clients run for ``ramp`` seconds before the window opens (every client has a request in
    flight), and the rate is taken from the responses completed inside the window: (completed
    - 1) over the time from the first to the last of them, which neither counts a request
    half done nor waits for the stragglers after the window closes.
    """
    import psutil

    address = ("127.0.0.1", server.port)
    stop = threading.Event()
    completed: list[float] = []  # list.append is atomic: no lock
    errors: list[BaseException] = []

    def client(k: int) -> None:
        i = k
        try:
            while not stop.is_set():
                exchange(address, requests_[i % len(requests_)])
                completed.append(time.monotonic())
                i += 1
        except BaseException as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
            stop.set()

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for thread in threads:
        thread.start()
    stop.wait(ramp)
    opened, cpu_before, own_before = time.monotonic(), server.worker_cpu(), time.process_time()
    machine_before = psutil.cpu_times()
    stop.wait(seconds)
    closed, cpu_after, own_after = time.monotonic(), server.worker_cpu(), time.process_time()
    machine_after = psutil.cpu_times()
    load_average = os.getloadavg()[0]
    stop.set()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"throughput client failed: {errors[0]!r}") from errors[0]
    inside = sorted(t for t in completed if opened <= t <= closed)
    span = closed - opened
    if len(inside) >= 3:
        rps = (len(inside) - 1) / (inside[-1] - inside[0])
    else:  # a smoke run's window is too short for the estimate above
        rps = len(inside) / span
    worker_cores = [
        (cpu_after[pid] - cpu_before[pid]) / span for pid in sorted(cpu_after) if pid in cpu_before
    ]
    client_cores = (own_after - own_before) / span

    def busy(t) -> float:  # noqa: ANN001 - psutil's scputimes
        return t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0)

    other_cores = (
        (busy(machine_after) - busy(machine_before)) / span - sum(worker_cores) - client_cores
    )
    steal_cores = (getattr(machine_after, "steal", 0) - getattr(machine_before, "steal", 0)) / span
    return Window(
        clients,
        rps,
        len(inside),
        span,
        worker_cores,
        client_cores,
        max(0.0, other_cores),
        steal_cores,
        load_average,
    )


def throughput_rounds(
    server: Server, cases: list[Case], rounds: int, seconds: float, ramp: float, warmup: float
) -> dict:
    """1 and 8 clients in alternating windows (1, 8, 8, 1, 1, 8...: a drift in the machine's
    load hits both alike), after a warm-up at 8 clients (every worker builds its caches).
    The ratio is the median of each round's 8-client rate over its 1-client rate."""
    host = f"127.0.0.1:{server.port}"
    encoded = [encode(case, host) for case in cases]
    one, eight = THROUGHPUT_CLIENTS
    throughput(server, encoded, eight, warmup, 0)
    windows: dict[int, list[Window]] = {one: [], eight: []}
    in_order: list[Window] = []
    for r in range(rounds):
        for clients in (one, eight) if r % 2 == 0 else (eight, one):
            in_order.append(throughput(server, encoded, clients, seconds, ramp))
            windows[clients].append(in_order[-1])
    ratios = [e.rps / o.rps for o, e in zip(windows[one], windows[eight], strict=True)]

    def cores(ws: list[Window]) -> list[float]:  # median of each worker's share over windows
        return [
            round(statistics.median(w.worker_cores[i] for w in ws), 3)
            for i in range(min(len(w.worker_cores) for w in ws))
        ]

    def per_cpu_second(ws: list[Window]) -> float:
        return round(statistics.median(w.rps / max(sum(w.worker_cores), 1e-9) for w in ws), 3)

    return {
        "ratio": statistics.median(ratios),
        "ratios": [round(r, 3) for r in ratios],
        "one_client_rps": statistics.median(w.rps for w in windows[one]),
        "eight_clients_rps": statistics.median(w.rps for w in windows[eight]),
        "one_client_worker_cores": cores(windows[one]),
        "eight_clients_worker_cores": cores(windows[eight]),
        # Requests per CPU second of the workers: equal at 1 and 8 clients when serving
        # concurrently costs nothing extra (no lock or GIL contention); then the ratio is the
        # cores the workers got, which on a shared machine the other processes decide.
        "one_client_requests_per_worker_cpu_s": per_cpu_second(windows[one]),
        "eight_clients_requests_per_worker_cpu_s": per_cpu_second(windows[eight]),
        "client_cores_max": round(max(w.client_cores for w in in_order), 3),
        # What the rest of the machine took: with two cores, a window where other processes
        # use a core or more says more about them than about the server.
        "other_cores": [
            round(min(w.other_cores for w in in_order), 2),
            round(statistics.median(w.other_cores for w in in_order), 2),
            round(max(w.other_cores for w in in_order), 2),
        ],
        "load_average": [
            round(min(w.load_average for w in in_order), 2),
            round(max(w.load_average for w in in_order), 2),
        ],
        "windows": [w.to_dict() for w in in_order],
    }
