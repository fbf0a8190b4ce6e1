"""Shared fixtures: one build of the real committed data per session, the app, the browser."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from etl import paths
from etl.build import build
from etl.paths import Dirs


@pytest.fixture(scope="session")
def real_dirs() -> Dirs:
    return Dirs(paths.raw_dir(), paths.official_dir())


@pytest.fixture(scope="session")
def marts_dir(tmp_path_factory, real_dirs) -> Path:
    """Marts built once from the committed data (strict: no row may be rejected)."""
    target = tmp_path_factory.mktemp("marts")
    report = build(real_dirs, target, say=lambda message: None)
    assert report.status == "built", (
        report.message + "\n" + "\n".join(r.message() for r in report.rejects[:20])
    )
    return target


@pytest.fixture(scope="session")
def marts_con(marts_dir):
    import duckdb

    con = duckdb.connect(str(paths.marts_path(marts_dir)), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def use_built_marts(marts_dir):
    from dashboard import data

    data.use_marts(paths.marts_path(marts_dir))
    yield paths.marts_path(marts_dir)
    data.use_marts(None)


@pytest.fixture()
def raw_copy(tmp_path, real_dirs) -> Dirs:
    """A writable copy of the curated folder (official files are read in place)."""
    shutil.copytree(real_dirs.raw, tmp_path / "curated")
    return Dirs(tmp_path / "curated", real_dirs.official)


@pytest.fixture(scope="session")
def dash_app(use_built_marts):
    from dashboard.app import app

    return app


@pytest.fixture(scope="session")
def live_server(dash_app):
    """The app served on a free loopback port in a background thread."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, dash_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


# Debian's chromium as RECIPES.md launches it (also used by benchmarks/serving.py)
CHROMIUM_LAUNCH = {
    "executable_path": "/usr/bin/chromium",
    "args": [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
    ],
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **CHROMIUM_LAUNCH}


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    target = paths.ROOT / "screenshots"
    target.mkdir(exist_ok=True)
    return target
