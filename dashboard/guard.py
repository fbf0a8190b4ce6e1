"""What every request goes through: security headers, request checks, a page when data is down.

- Headers (README, "Security headers"): a Content-Security-Policy allowing only this site's
  scripts (plus the hashes of Dash's own inline scripts), styles and images; `nosniff`;
  `Referrer-Policy: strict-origin-when-cross-origin`; `frame-ancestors 'self'` for pages and
  no framing limit for the chart-only routes under /embed/.
- Callback requests (`POST /_dash-update-component`) must be a JSON object of the shape the
  Dash renderer sends, else 400; a language value other than en/es falls back to English; a
  value of a type the callback cannot read (a list for a page number…) is a 400, logged.
- A missing component file, or a path that climbs out of a package, is a 404, never a 500.
- A page whose marts cannot be used shows a short "data unavailable" message (EN/ES).
- A build made with --allow-shrink may leave marts empty: a page or chart that fails on an
  empty mart shows "no records" (a callback leaves its output as it was; a route is a 404)
  instead of a 500. A failure with every mart filled is a bug and still surfaces as one.
"""

from __future__ import annotations

import sys

import duckdb
from dash import Dash, html, page_registry
from dash.exceptions import DependencyException
from flask import Response, current_app, jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException

from dashboard import data
from dashboard.i18n import lang_or_default, t

CALLBACK_PATH = "/_dash-update-component"
EMBED_PREFIX = "/embed/"
REFERRER_POLICY = "strict-origin-when-cross-origin"


def content_security_policy(app: Dash, framing: str | None) -> str:
    """The policy for pages (framing "'self'") or, with framing None, for embeds: no
    frame-ancestors at all, since even `*` refuses a page opened from a file or about:blank."""
    scripts = " ".join(app.csp_hashes())  # each already quoted: 'sha256-…'
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {scripts}",
            # Plotly and Dash components set inline styles and add <style> elements
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            *([f"frame-ancestors {framing}"] if framing else []),
        ]
    )


def _bad_request(reason: str) -> Response:
    return Response(f"bad request: {reason}\n", status=400, mimetype="text/plain")


def _is_item(item) -> bool:
    return isinstance(item, dict) and "id" in item and isinstance(item.get("property"), str)


def _items(body: dict):
    for key in ("inputs", "state"):
        for item in body.get(key) or []:
            yield from item if isinstance(item, list) else [item]


URL_PROPERTIES = {"pathname", "search", "hash", "href"}


def _is_wildcard(value) -> bool:
    return isinstance(value, list)  # ["MATCH"], ["ALL"]: patterns, never a browser's own id


def _value_problem(item: dict) -> str | None:
    """URL properties are text starting as the browser writes them; ids are concrete."""
    value = item.get("value")
    if isinstance(item["id"], dict) and any(map(_is_wildcard, item["id"].values())):
        return "an id holds a wildcard"
    if item["property"] in URL_PROPERTIES and not isinstance(value, str | None):
        return f"{item['property']} must be text"
    if item["property"] == "pathname" and value is not None and not value.startswith("/"):
        return "pathname must start with /"
    return None


def callback_problem(body) -> str | None:
    """Why a callback body is not what the Dash renderer sends, or None."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    if not isinstance(body.get("output"), str) or "outputs" not in body:
        return "output and outputs are required"
    for key in ("inputs", "state", "changedPropIds"):
        if key in body and not isinstance(body[key], list):
            return f"{key} must be a list"
    if "inputs" not in body:
        return "inputs are required"
    if not all(_is_item(item) for item in _items(body)):
        return "each input needs an id and a property"
    if not all(isinstance(p, str) for p in body.get("changedPropIds", [])):
        return "changedPropIds must be strings"
    return next(filter(None, map(_value_problem, _items(body))), None)


def _fall_back_lang(body: dict) -> None:
    """A page's language store that says anything but en/es is read as English."""
    for item in _items(body):
        item_id = item["id"]
        if isinstance(item_id, str) and item_id.endswith("-lang") and item["property"] == "data":
            value = item.get("value")
            item["value"] = lang_or_default(value if isinstance(value, str) else None)


def request_checker(app: Dash):
    def check_request():
        guard_pages()  # also pages registered after create_app (a module imported twice)
        if request.path.startswith("/_dash-component-suites/"):
            if ".." in request.path.split("/") or "\\" in request.path or "\0" in request.path:
                return Response("not found\n", status=404, mimetype="text/plain")
        if request.path == CALLBACK_PATH and request.method == "POST":
            try:  # parsed once here; Dash then reads the same (checked) object
                body = request.get_json(silent=True)
            except RecursionError:
                return _bad_request("the body is nested too deeply")
            problem = callback_problem(body)
            if problem is None and "callback" not in app.callback_map.get(body["output"], {}):
                problem = "no such server callback"
            if problem:
                return _bad_request(problem)
            _fall_back_lang(body)
        return None

    return check_request


def add_security_headers(app: Dash):
    policies: dict[bool, str] = {}  # computed at the first response: Dash adds its inline
    # scripts (the page-title callback) while it sets up, after create_app has returned

    def add(response: Response) -> Response:
        embed = request.path.startswith(EMBED_PREFIX)
        if embed not in policies:
            policies[embed] = content_security_policy(app, None if embed else "'self'")
        response.headers["Content-Security-Policy"] = policies[embed]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = REFERRER_POLICY
        if not embed:
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response

    return add


def _not_found(_err):
    return Response("not found\n", status=404, mimetype="text/plain")


def _no_records(err: Exception):
    """A route (a download, an embed) that fails on empty marts answers 404 "no records"."""
    if isinstance(err, HTTPException):
        return err
    try:
        empty = empty_marts()
    except data.MartsMissing:
        empty = []
    if not empty:
        raise err
    return Response("no records for this in the current build\n", 404, mimetype="text/plain")


def _unavailable(err):
    return jsonify({"status": "unavailable", "detail": str(err)}), 503


def register_guards(app: Dash) -> None:
    server = app.server
    server.before_request(request_checker(app))
    server.after_request(add_security_headers(app))
    server.register_error_handler(DependencyException, _not_found)
    server.register_error_handler(data.MartsMissing, _unavailable)
    server.register_error_handler(Exception, _no_records)


def empty_marts() -> list[str]:
    """Marts tables with no rows in the current build (possible only with --allow-shrink)."""
    counts = data.build_info()["row_counts"]
    return sorted(name for name, n in counts.items() if name.startswith("marts.") and not n)


# What a callback raises when a browser sent a value of the wrong type or shape
CLIENT_VALUE_ERRORS = (TypeError, ValueError, AttributeError, IndexError, KeyError)


def on_callback_error(err: Exception):
    """Dash's on_error: on empty marts a callback leaves its outputs as they are; a value the
    callback cannot read is a 400 (logged with its traceback, so a real bug stays visible)."""
    if isinstance(err, data.MartsMissing):
        raise err
    if empty_marts():
        return None  # noqa: RET501  (Dash: None leaves the outputs as they are)
    if isinstance(err, CLIENT_VALUE_ERRORS):
        current_app.logger.warning("callback could not read a request value", exc_info=err)
        raise BadRequest("a value in this request cannot be read") from err
    raise err


def message_page(path: str, lang: str, key: str, note: str) -> html.Div:
    from dashboard.components.shell import shell

    return shell(
        path,
        lang,
        [
            html.H1(t(f"{key}.title", lang)),
            html.P(t(f"{key}.body", lang), className="lede", id=f"page-{key}"),
            html.P(note, className="note"),
        ],
    )


def _guarded(layout, path: str):
    def guarded(**query):
        lang = query.get("lang")
        lang = lang_or_default(lang if isinstance(lang, str) else None)
        try:
            return layout(**query)
        except (data.MartsMissing, duckdb.Error) as err:
            return message_page(path, lang, "unavailable", str(err).splitlines()[0])
        except Exception:
            empty = empty_marts()
            if not empty:
                raise
            return message_page(path, lang, "norecords", ", ".join(empty))

    guarded.__wrapped__ = layout
    return guarded


def guard_pages() -> None:
    """Every registered page shows "data unavailable" instead of failing on unusable marts.

    A page module imported a second time under its package name registers its path again
    without a layout; it gets the module's layout, so the page is never blank."""
    for name, page in page_registry.items():
        layout = page.get("layout")
        if not layout:
            layout = getattr(sys.modules.get(page.get("module") or name), "layout", None)
        if callable(layout) and not hasattr(layout, "__wrapped__"):
            page["layout"] = _guarded(layout, page["path"])
