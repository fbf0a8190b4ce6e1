"""GET /download/<figure id>.<csv|png|svg|pdf>?<filters>: exactly what a chart card shows."""

from __future__ import annotations

from flask import Flask, Response, abort, request

from dashboard.charts import CHARTS, BadFilter, Filters
from dashboard.source_refs import with_source_column

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
}


def chart_csv(frame, lang: str = "en") -> bytes:
    """CSV of the rows shown, ISO dates, UTF-8: the same bytes for the same marts.

    A `source` column names each row's sources (publisher, title, date) beside source_id."""
    named = with_source_column(frame, lang)
    return named.write_csv(date_format="%Y-%m-%d", datetime_format="%Y-%m-%dT%H:%M:%S").encode()


def download(name: str):
    figure_id, _, fmt = name.rpartition(".")
    if figure_id not in CHARTS or fmt not in MEDIA_TYPES:
        abort(404)
    try:
        filters = Filters.from_query(request.args.to_dict(flat=False), strict=True)
    except BadFilter as err:
        return Response(str(err) + "\n", status=400, mimetype="text/plain")
    chart = CHARTS[figure_id]
    if fmt == "csv":
        body = chart_csv(chart.load(filters), filters.lang)
    else:
        from dashboard.exports.render import render_chart

        body = render_chart(figure_id, filters, fmt)
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
