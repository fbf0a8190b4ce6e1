"""`gunicorn dashboard.app:server` serves the built marts (two workers, read-only)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from etl import paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_gunicorn_serves_health_and_pages(marts_dir):
    port = free_port()
    env = {**os.environ, "METERING_MARTS_DIR": str(marts_dir)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [
            str(gunicorn),
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--no-control-socket",
            "dashboard.app:server",
        ],
        cwd=paths.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = json.load(r)
                break
            except OSError:
                time.sleep(0.2)
        assert body and body["status"] == "ok"
        assert body["row_counts"]["marts.waitlist_snapshots"] == 108
        url = f"http://127.0.0.1:{port}/download/waitlist-by-city.csv?city=Tijuana"
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.read().decode().startswith("city,")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_metering_serve_runs_gunicorn_with_its_config(marts_dir):
    """`metering serve` (unchanged inputs: no rebuild) answers from gunicorn, gzip included."""
    port = free_port()
    env = {**os.environ, "METERING_MARTS_DIR": str(marts_dir)}
    metering = Path(sys.executable).with_name("metering")
    proc = subprocess.Popen(
        [str(metering), "serve", "--port", str(port)],
        cwd=paths.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        response = None
        for _ in range(150):
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        assert response is not None and json.load(response)["status"] == "ok"
        assert response.headers["Server"].startswith("gunicorn")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/_dash-component-suites/plotly/package_data/plotly.min.js",
            headers={"Accept-Encoding": "gzip"},
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            assert r.headers["Content-Encoding"] == "gzip"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
