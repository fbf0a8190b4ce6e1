"""How the app answers over HTTP: gzip, cache lifetimes for static files, cache warm-up.

`configure(app)` is called once by create_app():
- JSON (callback answers, layouts), HTML, JS, CSS, CSV and SVG bodies over 1 KiB are sent
  gzip-compressed to clients that accept it (level 6 for static files, compressed once per
  worker and kept; level 5 for answers computed per request).
- Files Dash fingerprints (`/_dash-component-suites/...vX_Y_Zm<mtime>.js`, `/assets/...?m=`)
  are cached by browsers for a year: a new version gets a new address. Component files Dash
  loads without a fingerprint (plotly.min.js, async chunks) are cached for a day and
  revalidated by their ETag after that, so an upgrade reaches readers within a day.
- Warm-up (dashboard/cache.py), in served workers only (`start_warming`, called by gunicorn's
  post_worker_init): every page's default view (English and Spanish), and each city's view of
  the pages that filter by city, are drawn in a background thread at worker start and again
  after a rebuild is picked up.
"""

from __future__ import annotations

import gzip
import threading

import dash
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, request

COMPRESSIBLE = (
    "application/json",
    "text/html",
    "text/css",
    "text/csv",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "image/svg+xml",
)
MIN_BYTES = 1024
YEAR, DAY = 365 * 24 * 3600, 24 * 3600
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
CITY_PAGES = ("/waitlists", "/turnbacks", "/ports")

_gzipped: dict[tuple, bytes] = {}  # (path, etag or length) -> gzip body of a static file
_gzipped_lock = threading.Lock()


def _static(path: str) -> bool:
    return path.startswith(STATIC_PREFIXES)


def cache_headers(response: Response) -> Response:
    path = request.path
    if response.status_code != 200 or not _static(path):
        return response
    if check_fingerprint(path)[1] or (path.startswith("/assets/") and "m" in request.args):
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.no_cache = None
    elif path.startswith("/_dash-component-suites/"):
        response.cache_control.public = True
        response.cache_control.max_age = DAY
        if not response.get_etag()[0]:
            response.add_etag()
    return response


def compress(response: Response) -> Response:
    if (
        response.status_code != 200
        or "gzip" not in request.headers.get("Accept-Encoding", "")
        or response.headers.get("Content-Encoding")
        or response.mimetype not in COMPRESSIBLE
        or (response.is_streamed and not response.direct_passthrough)
    ):
        return response
    static = _static(request.path)
    response.direct_passthrough = False  # Flask serves files as a passthrough stream
    body = response.get_data()
    if len(body) < MIN_BYTES:
        return response
    if static:
        key = (request.path, response.get_etag()[0] or len(body))
        with _gzipped_lock:
            packed = _gzipped.get(key)
        if packed is None:
            packed = gzip.compress(body, compresslevel=6, mtime=0)
            with _gzipped_lock:
                _gzipped[key] = packed
    else:
        packed = gzip.compress(body, compresslevel=5, mtime=0)
    response.set_data(packed)
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")  # the ETag stays: Dash answers 304 by comparing it
    return response


def warm_views() -> None:
    """Draw each page's default view (en, es) and each city's view (fills the per-build cache):
    the page's layout, then each of its cards (they arrive by their own callbacks)."""
    from dashboard import data
    from dashboard.components.chart_card import draw_cards

    pages = [p for p in dash.page_registry.values() if callable(p.get("layout"))]
    with dash.get_app().server.test_request_context("/"):
        for page in pages:
            draw_cards(page["layout"]())
            draw_cards(page["layout"](lang="es"))
        for city in data.cities():
            for page in pages:
                if page["path"] in CITY_PAGES:
                    draw_cards(page["layout"](city=city))


def configure(app: dash.Dash) -> None:
    server: Flask = app.server
    server.after_request(cache_headers)
    server.after_request(compress)  # after_request runs in reverse: compress, then headers


def start_warming() -> None:
    """In a served worker only (gunicorn's post_worker_init): warm now, in the background, and
    again whenever a rebuild is picked up. Tests and the CLI never warm."""
    from dashboard import cache

    if warm_views not in cache._warmers:
        cache.on_new_build(warm_views)
    threading.Thread(target=cache.warm, name="warm-cache", daemon=True).start()
