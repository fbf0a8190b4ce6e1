"""File routes: GET /download/<figure id>.<csv|png|svg|pdf>?<filters> (exactly what a chart card
shows) and GET /declaration.<md|docx|pdf>?city=|port=&start=&end=&lang= (the declaration)."""

from __future__ import annotations

from datetime import date

from flask import Flask, Response, abort, request

from dashboard.downloads import MEDIA_TYPES as DOWNLOAD_TYPES
from dashboard.downloads import chart_csv
from dashboard.exports.render import render_chart
from dashboard.figures.registry import CHARTS, BadFilter, Filters
from dashboard.i18n import lang_or_default

MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def declaration_query(args) -> tuple[str | None, str | None, date, date, str]:
    """city, port, start, end, lang from a query; ValueError with a plain message if bad."""
    city, port = args.get("city") or None, args.get("port") or None
    if (city is None) == (port is None):
        raise ValueError("give exactly one of city or port")
    try:
        start, end = (date.fromisoformat(args.get(k, "")) for k in ("start", "end"))
    except ValueError:
        raise ValueError("start and end must be dates written YYYY-MM-DD") from None
    if start > end:
        raise ValueError("start must not be after end")
    return city, port, start, end, lang_or_default(args.get("lang"))


def declaration_file(fmt: str):
    from dashboard.exports.declaration import DeclarationError, resolve_city, write_declaration

    if fmt not in MEDIA_TYPES:
        abort(404)
    try:
        city, port, start, end, lang = declaration_query(request.args)
        body = write_declaration(city, port, start, end, lang, fmt)
        name = resolve_city(city, port).lower().replace(" ", "_")
    except (ValueError, DeclarationError) as err:
        return Response(f"{err}\n", status=400, mimetype="text/plain")
    filename = f"declaration-{name}-{start.isoformat()}-{end.isoformat()}-{lang}.{fmt}"
    return Response(
        body,
        mimetype=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def register_declaration_routes(server: Flask) -> None:
    server.add_url_rule("/declaration.<fmt>", "declaration", declaration_file)


def download(name: str):
    figure_id, _, fmt = name.rpartition(".")
    if figure_id not in CHARTS or fmt not in DOWNLOAD_TYPES:
        abort(404)
    try:
        filters = Filters.from_query(request.args.to_dict(flat=False), strict=True)
    except BadFilter as err:
        return Response(str(err) + "\n", status=400, mimetype="text/plain")
    chart = CHARTS[figure_id]
    if fmt == "csv":
        body = chart_csv(chart.load(filters), filters.lang)
    else:
        body = render_chart(figure_id, filters, fmt)
    stem = figure_id + (
        "-" + "-".join(filters.cities).lower().replace(" ", "_") if filters.cities else ""
    )
    return Response(
        body,
        mimetype=DOWNLOAD_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'},
    )


def register_downloads(server: Flask) -> None:
    server.add_url_rule("/download/<name>", "download", download)
