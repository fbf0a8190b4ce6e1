"""`metering serve`: the app under gunicorn with dashboard/gunicorn_config.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CONFIG = Path(__file__).with_name("gunicorn_config.py")


def run(host: str, port: int) -> int:
    """Serve until stopped (Ctrl-C): this process becomes gunicorn.

    A fresh interpreter, not gunicorn started in place: the build that `metering serve` runs
    first leaves DuckDB's and polars' worker threads in this process, and workers forked from
    it (the app is preloaded) hang on their locks."""
    argv = [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "--bind", f"{host}:{port}"]
    os.execv(sys.executable, [*argv, "dashboard.app:server"])
    return 1  # not reached: execv replaces this process
