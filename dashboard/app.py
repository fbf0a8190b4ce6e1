"""create_app(): the Dash app (pages), /healthz and chart downloads; `server` for gunicorn.

Nothing reads data at import time: pages read the marts when a request asks for them. Every
response carries the security headers of dashboard/guard.py; malformed requests get a 4xx.
"""

from __future__ import annotations

from pathlib import Path

import dash
from flask import jsonify

from dashboard import data
from dashboard.components.shell import serve_html_lang
from dashboard.exports.routes import register_declaration_routes, register_downloads
from dashboard.guard import guard_pages, on_callback_error, register_guards

HERE = Path(__file__).parent


def healthz():
    """200 with build facts when the marts verify; 503 with the reason when they do not."""
    try:
        info = data.build_info()
    except data.MartsMissing as err:
        return jsonify({"status": "unavailable", "detail": str(err)}), 503
    return jsonify({"status": "ok", **info})


def create_app() -> dash.Dash:
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        suppress_callback_exceptions=True,
        title="Metering & Turnback Record",
        update_title=None,
        on_error=on_callback_error,
    )
    app.layout = dash.page_container
    serve_html_lang(app)
    app.server.add_url_rule("/healthz", "healthz", healthz)
    register_downloads(app.server)
    register_declaration_routes(app.server)
    guard_pages()
    register_guards(app)
    return app


app = create_app()
server = app.server
