"""Citation lines for a chart: what it shows, its sources, the build it came from, the link."""

from __future__ import annotations

from datetime import date

import polars as pl
from flask import has_request_context, request

from dashboard import data
from dashboard.i18n import fmt_date, t
from dashboard.source_refs import frame_ids, rows_for, short_ref

PROJECT = "Metering & Turnback Record"


def chart_citation(
    figure_id: str, frame: pl.DataFrame, url: str, lang: str, accessed: date | None = None
) -> str:
    """One paragraph: project, figure, data build, sources (publisher, title, date), URL."""
    info = data.build_info()
    if url.startswith("/") and has_request_context():
        url = request.host_url.rstrip("/") + url  # the full address a reader can open
    ids = frame_ids(frame)
    parts = [short_ref(s, lang) for s in rows_for(ids, data.source_rows(ids))]
    return t(
        "cite.line",
        lang,
        project=PROJECT,
        figure=t(f"figure_name.{figure_id}", lang),
        built=fmt_date(data.built_on(), lang),
        version=info["code_version"],
        n=len(parts),
        sources="; ".join(parts),
        url=url,
        accessed=fmt_date(accessed or date.today(), lang),
    )
