"""GET /download/<figure id>.<csv|png|svg|pdf>?<filters>: exactly what a chart card shows."""

from __future__ import annotations

from flask import Flask, Response, abort, request

from dashboard.charts import CHARTS, BadFilter, Filters
from dashboard.data import MartsMissing
from dashboard.source_refs import with_source_column
from etl.spreadsheet import safe_frame

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
}


def chart_csv(frame, lang: str = "en") -> bytes:
    """CSV of the rows shown, ISO dates, UTF-8: the same bytes for the same marts.

    A `source` column names each row's sources (publisher, title, date) beside source_id.
    Spreadsheet-safe: a text cell starting with = + - @ (or a tab or CR) gets a leading `'`.
    """
    named = safe_frame(with_source_column(frame, lang))
    return named.write_csv(date_format="%Y-%m-%d", datetime_format="%Y-%m-%dT%H:%M:%S").encode()


def chart_body(figure_id: str, filters: Filters, fmt: str) -> bytes:
    if fmt == "csv":
        return chart_csv(CHARTS[figure_id].load(filters), filters.lang)
    from dashboard.exports.render import render_chart

    return render_chart(figure_id, filters, fmt)


def download(name: str):
    figure_id, _, fmt = name.rpartition(".")
    if figure_id not in CHARTS or fmt not in MEDIA_TYPES:
        abort(404)
    try:
        filters = Filters.from_query(request.args.to_dict(flat=False), strict=True)
    except BadFilter as err:
        return Response(str(err) + "\n", status=400, mimetype="text/plain")
    try:
        body = chart_body(figure_id, filters, fmt)
    except MartsMissing:
        raise
    except Exception:
        from dashboard.guard import empty_marts

        if not empty_marts():
            raise
        return Response("no records for this chart in the current build\n", 404)
    stem = figure_id + (
        "-" + "-".join(filters.cities).lower().replace(" ", "_") if filters.cities else ""
    )
    return Response(
        body,
        mimetype=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'},
    )


def register_downloads(server: Flask) -> None:
    server.add_url_rule("/download/<name>", "download", download)
