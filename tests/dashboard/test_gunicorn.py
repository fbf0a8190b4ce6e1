"""`gunicorn dashboard.app:server` serves the built marts (two workers, read-only)."""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from etl import paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(cmd: list[str], marts_dir: Path) -> Iterator[tuple[int, dict, dict]]:
    """Start `cmd` (with PORT in it replaced by a free port) on the built marts; yield the port,
    the first /healthz answer and its headers; stop the server at the end."""
    port = free_port()
    env = {**os.environ, "METERING_MARTS_DIR": str(marts_dir)}
    cmd = [part.replace("PORT", str(port)) for part in cmd]
    proc = subprocess.Popen(
        cmd, cwd=paths.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        answer = None
        deadline = time.monotonic() + 120  # a busy machine starts workers slowly
        while answer is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    answer = json.load(r), dict(r.headers)
            except OSError:
                time.sleep(0.2)
        if answer is None:
            pytest.fail(f"{cmd[0]} did not answer /healthz")
        yield port, *answer
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.slow
def test_gunicorn_serves_health_and_pages(marts_dir):
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    cmd = [gunicorn, "-w", "2", "-b", "127.0.0.1:PORT", "--no-control-socket"]
    with serving([*cmd, "dashboard.app:server"], marts_dir) as (port, body, _):
        assert body["status"] == "ok"
        snapshots = paths.raw_dir() / "waitlist_snapshots.csv"
        with snapshots.open(encoding="utf-8", newline="") as fh:
            rows_in_file = sum(1 for _ in csv.DictReader(fh))  # every row reaches the mart
        assert body["row_counts"]["marts.waitlist_snapshots"] == rows_in_file
        url = f"http://127.0.0.1:{port}/download/waitlist-by-city.csv?city=Tijuana"
        with urllib.request.urlopen(url, timeout=60) as r:
            assert r.read().decode().startswith("city,")


@pytest.mark.slow
def test_metering_serve_runs_gunicorn_with_its_config(marts_dir):
    """`metering serve` (unchanged inputs: no rebuild) answers from gunicorn, gzip included."""
    metering = str(Path(sys.executable).with_name("metering"))
    with serving([metering, "serve", "--port", "PORT"], marts_dir) as (port, body, headers):
        assert body["status"] == "ok"
        assert headers["Server"].startswith("gunicorn")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/_dash-component-suites/plotly/package_data/plotly.min.js",
            headers={"Accept-Encoding": "gzip"},
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            assert r.headers["Content-Encoding"] == "gzip"


@pytest.mark.slow
def test_metering_serve_answers_after_building_the_marts_itself(tmp_path):
    """A fresh clone: no marts yet, so `metering serve` builds first. Workers forked from the
    process that built used to hang on DuckDB's and polars' thread locks and never answer."""
    metering = str(Path(sys.executable).with_name("metering"))
    with serving([metering, "serve", "--port", "PORT"], tmp_path / "marts") as (_, body, _):
        assert body["status"] == "ok"
