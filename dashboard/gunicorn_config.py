"""gunicorn settings for `metering serve` and `make serve`.

    gunicorn -c dashboard/gunicorn_config.py --bind 127.0.0.1:8050 dashboard.app:server

- workers: 2 by default (one per core of a small machine; `METERING_WORKERS` changes it).
  Each worker opens the marts read-only and keeps its own per-build cache (~300 MB RSS).
- threads: 4 per worker (gthread), so a slow figure export does not hold up page callbacks
  or /healthz; DuckDB gives each thread its own cursor (dashboard/data.py).
- timeout 60 s: the slowest request is a first PDF/PNG export, which starts Chromium (~4 s
  on a busy machine); a page callback takes well under a second.
- preload_app: the app is imported once before forking (less memory, faster restarts).
  Nothing opens the marts at import: each worker attaches them after the fork.
- After a worker starts, the common views are drawn in the background (dashboard/serving.py)
  so the first readers of each page find them ready.
"""

import os

workers = int(os.environ.get("METERING_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("METERING_THREADS", "4"))
timeout = 60
graceful_timeout = 30
keepalive = 5
preload_app = True
control_socket_disable = True  # no admin socket: the app is managed by its process only
errorlog = "-"


def post_worker_init(worker):
    from dashboard import serving

    serving.start_warming()
