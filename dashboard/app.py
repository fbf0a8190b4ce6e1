"""create_app(): the Dash app (pages), /healthz and chart downloads; `server` for gunicorn.

Nothing reads data at import time: pages read the marts when a request asks for them.
"""

from __future__ import annotations

from pathlib import Path

import dash
from flask import jsonify

from dashboard import data, serving
from dashboard.exports.routes import register_declaration_routes, register_downloads

HERE = Path(__file__).parent


def healthz():
    try:
        info = data.build_info()
    except data.MartsMissing as err:
        return jsonify({"status": "no marts", "detail": str(err)}), 503
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
    )
    app.layout = dash.page_container
    app.server.add_url_rule("/healthz", "healthz", healthz)
    register_downloads(app.server)
    register_declaration_routes(app.server)
    serving.configure(app)
    return app


app = create_app()
server = app.server
