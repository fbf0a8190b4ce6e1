"""Serving benchmark: each page's callbacks alone against their in-process limit, then readers.

Run: `uv run python benchmarks/serving.py [--quick]` (from the repository root; `make bench`).

1. Starts gunicorn the way `metering serve` does (the config file in dashboard/, falling back
   to `-w 2` where there is none) on a free loopback port, with `--no-control-socket`, and
   waits until its workers have finished warming up (their CPU use falls under 5% of a core).
2. Opens every page in headless Chromium (Playwright) and records the callback requests the
   page really sends (POST /_dash-update-component) and every response (size, encoding, cache).
3. Replays each recorded callback alone, one after another, and prints its p50/p95 beside its
   in-process limit: the mart queries that callback really makes (recorded by running the same
   request in-process with the per-build cache bypassed), their frames turned into plain lists
   (the figure as a dict) and `json.dumps` of the response. A page load is the page's layout
   (`_pages_content`), then one callback per card: `card-graph` (chart, summary, footer,
   citation), `card-map` (its map), `card-table` (a page of its table). Ratios = p50 / limit
   and p95 / limit.
4. Drives 20 readers for 60 s on loopback: each opens a random page (all its callbacks, one
   after another), then thinks 1-3 s; one more client asks /healthz every second. Prints
   p50/p95/p99, errors, requests/s, /healthz p95 and the memory (RSS) of each worker.

`--quick`: 3 replays per callback and 10 s of load, to check that everything runs.
Times depend on the machine: the first line says how busy it was (load average); read ratios.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Every page's default view, and a few views a shared link opens (a city, the other component,
# Spanish): each load sends the callback that builds the page with those filters.
VIEWS = (
    "/",
    "/?lang=es",
    "/waitlists",
    "/waitlists?city=Tijuana",
    "/ports",
    "/ports?component=USBP&city=Reynosa",
    "/policy",
    "/turnbacks",
    "/turnbacks?city=Tijuana",
    "/sources",
    "/exhibits",
)
CONFIG = ROOT / "dashboard" / "gunicorn_config.py"
CALLBACK_PATH = "/_dash-update-component"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    config = ["-c", str(CONFIG)] if CONFIG.exists() else ["-w", "2"]
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        *config,
        "--no-control-socket",
        "--bind",
        f"127.0.0.1:{port}",
        "dashboard.app:server",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn stopped: {proc.stderr.read().decode()[-2000:]}")
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.terminate()
    sys.exit("gunicorn did not answer /healthz within 60 s")


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, int]:
    """(status, bytes on the wire) of one request, gzip accepted as a browser would."""
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Accept-Encoding": "gzip"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        con.request(method, path, body=body, headers=headers)
        response = con.getresponse()
        return response.status, len(response.read())
    finally:
        con.close()


def timed(port: int, method: str, path: str, body: bytes | None = None) -> tuple[float, bool]:
    start = time.perf_counter()
    try:
        ok = request(port, method, path, body)[0] == 200
    except OSError:
        ok = False
    return (time.perf_counter() - start) * 1000, ok


# --- recording in Chromium ---------------------------------------------------------------


def record(port: int) -> tuple[dict[str, list[dict]], list[dict]]:
    """Per page, its callback requests (body, output, response text); and every response."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import DRAWN  # the browser tests' "page drawn" state
    from tests.conftest import CHROMIUM_LAUNCH  # the browser tests' launch settings

    callbacks: dict[str, list[dict]] = {}
    responses: list[dict] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**CHROMIUM_LAUNCH)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        for path in VIEWS:
            page = context.new_page()
            seen: list[dict] = []

            def on_response(response, seen=seen, path=path):
                headers = response.headers
                responses.append(
                    {
                        "url": response.url.split(str(port), 1)[-1],
                        "status": response.status,
                        "encoding": headers.get("content-encoding", ""),
                        "cache": headers.get("cache-control", ""),
                        "length": int(headers.get("content-length", 0) or 0),
                    }
                )
                req = response.request
                if req.method == "POST" and CALLBACK_PATH in req.url:
                    body = req.post_data or ""
                    seen.append(
                        {
                            "page": path,
                            "path": CALLBACK_PATH + req.url.split(CALLBACK_PATH, 1)[1],
                            "body": body.encode(),
                            "output": json.loads(body).get("output", "?"),
                            "response": response.text(),
                        }
                    )

            page.on("response", on_response)
            page.goto(f"http://127.0.0.1:{port}{path}")
            page.wait_for_function(DRAWN, timeout=120_000)  # every card filled
            page.wait_for_load_state("networkidle")
            callbacks[path] = seen
            page.close()
        browser.close()
    return callbacks, responses


# --- in-process limit ---------------------------------------------------------------------

_APP = None


def limit_ms(callback: dict, repeats: int) -> float:
    """The floor for this callback in one process: the mart queries it really makes (each
    distinct query once, as the per-build cache would), each frame turned into plain lists
    (what drawing a figure as a dict or a table page costs at least), and `json.dumps` of the
    response it sent. Which queries: the same request is run once in-process, per-build cache
    bypassed, with every call of `data.q` (the one function that asks the marts) recorded."""
    from dashboard import data

    queries = _queries_of(callback)
    payload = json.loads(callback["response"])
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        with _no_cache():
            for sql, params in queries:
                frame = data.q(sql, params)
                {name: frame[name].to_list() for name in frame.columns}
        json.dumps(payload)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _queries_of(callback: dict) -> list[tuple]:
    """(sql, params) of every distinct mart query the callback makes, in order."""
    global _APP
    from dashboard import data

    if _APP is None:
        from dashboard.app import app

        _APP = app
    asked: dict[str, tuple] = {}
    ask = data.q

    def recorded(sql, params=None):
        asked.setdefault(json.dumps([sql, params], default=str), (sql, params))
        return ask(sql, params)

    data.q = recorded
    try:
        with _no_cache():
            response = _APP.server.test_client().post(
                callback["path"], data=callback["body"], content_type="application/json"
            )
    finally:
        data.q = ask
    if response.status_code != 200:
        sys.exit(f"in-process replay of {label(callback)} answered {response.status_code}")
    return list(asked.values())


class _no_cache:
    """Bypass the per-build cache (when there is one) so the limit includes the queries."""

    def __enter__(self):
        try:
            from dashboard import cache
        except ImportError:
            self._ctx = None
            return
        self._ctx = cache.bypass()
        self._ctx.__enter__()

    def __exit__(self, *exc):
        if self._ctx is not None:
            self._ctx.__exit__(*exc)


# --- replay and load ---------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def replay(port: int, callbacks: dict[str, list[dict]], repeats: int) -> list[dict]:
    rows = []
    for path, recorded in callbacks.items():
        for cb in recorded:
            timed(port, "POST", cb["path"], cb["body"])  # one warm-up call, not counted
            times = [timed(port, "POST", cb["path"], cb["body"])[0] for _ in range(repeats)]
            wire = request(port, "POST", cb["path"], cb["body"])[1]
            limit = limit_ms(cb, max(3, repeats // 4))
            rows.append(
                {
                    "page": path,
                    "output": label(cb),
                    "kb": wire / 1024,
                    "p50": pct(times, 50),
                    "p95": pct(times, 95),
                    "limit": limit,
                }
            )
    return rows


def load(port: int, callbacks, readers: int, seconds: float, think: tuple[float, float]):
    pages = [recorded for recorded in callbacks.values() if recorded]
    times: list[float] = []
    health: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            for cb in rng.choice(pages):
                ms, ok = timed(port, "POST", cb["path"], cb["body"])
                with lock:
                    times.append(ms)
                    errors[0] += not ok
            time.sleep(rng.uniform(*think))

    def healthz() -> None:
        while time.monotonic() < stop:
            ms, ok = timed(port, "GET", "/healthz")
            with lock:
                health.append(ms)
                errors[0] += not ok
            time.sleep(1)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    threads.append(threading.Thread(target=healthz))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return times, health, errors[0], elapsed


def workers(master: int) -> list[Path]:
    """/proc entries of the gunicorn master's children."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and _stat(entry)[1] == str(master):
                found.append(entry)
        except (OSError, IndexError):
            continue
    return found


def _stat(entry: Path) -> list[str]:
    """Fields of /proc/PID/stat after the command name: state, ppid, ... (utime is [11])."""
    return (entry / "stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(master: int) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in workers(master):
        try:
            fields = _stat(entry)
            total += (int(fields[11]) + int(fields[12])) / ticks
        except (OSError, IndexError, ValueError):
            continue
    return total


def settle(master: int, limit_s: float = 300) -> float:
    """Wait until the workers' warm-up is over (under 5% of a core used over 2 s); seconds."""
    start = time.monotonic()
    before = cpu_seconds(master)
    while time.monotonic() - start < limit_s:
        time.sleep(2)
        now = cpu_seconds(master)
        if now - before < 0.1:
            break
        before = now
    return time.monotonic() - start


def worker_rss_mb(master: int) -> list[float]:
    out = []
    for entry in workers(master):
        try:
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out.append(int(line.split()[1]) / 1024)
        except (OSError, ValueError, IndexError):
            continue
    return sorted(out)


# --- report ------------------------------------------------------------------------------


def short(output: str) -> str:
    """The first component the callback writes to (`_pages_content`: the page's layout), or
    the kind of part for pattern-matching ids (`card-graph`: a card's chart and text,
    `card-map`: its map, `card-table`: a page of its table)."""
    kind = re.search(r'"type":"([^"]+)"', output)
    return kind.group(1) if kind else output.strip(".").split(".")[0]


def label(callback: dict) -> str:
    """`short` plus, for a card's callback, the card's figure id."""
    name = short(callback["output"])
    body = json.loads(callback["body"])
    first = (body.get("inputs") or [{}])[0]
    card = first.get("id") if isinstance(first, dict) else None
    figure = card.get("figure") if isinstance(card, dict) else None
    if isinstance(figure, str) and name.startswith("card-"):
        return f"{name} {figure}"
    return name


def print_replay(rows: list[dict], repeats: int) -> None:
    print(f"\nEach page's callbacks replayed alone ({repeats} times each after one warm-up):\n")
    print("| view | callback | KiB sent | p50 ms | p95 ms | limit ms | p50/limit | p95/limit |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['page']} | {r['output']} | {r['kb']:.0f} | {r['p50']:.0f} | "
            f"{r['p95']:.0f} | {r['limit']:.1f} | {r['p50'] / max(r['limit'], 0.1):.1f}× | "
            f"{r['p95'] / max(r['limit'], 0.1):.1f}× |"
        )
    met = sum(r["p95"] <= 100 for r in rows)
    near50 = sum(r["p50"] <= 2 * r["limit"] for r in rows)
    near95 = sum(r["p95"] <= 2 * r["limit"] for r in rows)
    print(f"\n{met} of {len(rows)} callbacks have p95 <= 100 ms alone; within 2x of their")
    print(f"in-process limit: {near50} of {len(rows)} at p50, {near95} of {len(rows)} at p95.")


def print_assets(responses: list[dict]) -> None:
    seen, rows = set(), []
    for r in responses:
        name = r["url"].split("?")[0].rsplit("/", 1)[-1]
        if CALLBACK_PATH in r["url"] or name in seen:
            continue
        if name.endswith((".js", ".css")) and ("plotly" in name or name == "style.css"):
            seen.add(name)
            rows.append(r)
    print("\nLargest static assets as Chromium received them:\n")
    print("| asset | status | bytes on the wire | encoding | cache-control |")
    print("|---|---:|---:|---|---|")
    for r in rows:
        name = r["url"].split("?")[0].rsplit("/", 1)[-1]
        print(
            f"| {name} | {r['status']} | {r['length'] or '?'} | {r['encoding'] or '-'} | "
            f"{r['cache'] or '-'} |"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 replays, 10 s of load")
    ap.add_argument("--readers", type=int, default=20)
    ap.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"))
    args = ap.parse_args()
    repeats, seconds = (3, 10) if args.quick else (20, 60)

    subprocess.run([sys.executable, "-m", "metering.cli", "build"], cwd=ROOT, check=True)
    load_before = os.getloadavg()[0]
    port = free_port()
    server = start_gunicorn(port)
    try:
        warm_s = settle(server.pid)
        callbacks, responses = record(port)
        rows = replay(port, callbacks, repeats)
        times, health, errors, elapsed = load(
            port, callbacks, args.readers, seconds, tuple(args.think)
        )
        rss = worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    cores = os.cpu_count()
    load_after = os.getloadavg()[0]
    busy = "busy" if max(load_before, load_after) > 0.5 * cores else "idle"
    print(
        f"\nmachine: {cores} cores, load average {load_before:.1f} before / "
        f"{load_after:.1f} after ({busy}); server: "
        f"{'dashboard/gunicorn_config.py' if CONFIG.exists() else 'gunicorn -w 2'}; "
        f"workers busy warming for {warm_s:.0f} s before the first request"
    )
    print_replay(rows, repeats)
    print_assets(responses)
    print(
        f"\n{args.readers} readers for {seconds} s (think {args.think[0]:g}-{args.think[1]:g} s), "
        "loopback:\n"
    )
    print(
        "| requests | errors | requests/s | p50 ms | p95 ms | p99 ms | /healthz p95 ms "
        "| RSS/worker MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    print(
        f"| {len(times)} | {errors} | {len(times) / elapsed:.1f} | {pct(times, 50):.0f} | "
        f"{pct(times, 95):.0f} | {pct(times, 99):.0f} | {pct(health, 95):.0f} | "
        f"{', '.join(f'{m:.0f}' for m in rss)} |"
    )


if __name__ == "__main__":
    main()
