"""Citation lines for a chart: what it shows, its sources, the build it came from, the link."""

from __future__ import annotations

from datetime import date

import polars as pl
from flask import has_request_context, request

from dashboard import data
from dashboard.i18n import fmt_date, t

PROJECT = "Metering & Turnback Record"


def source_ids(frame: pl.DataFrame) -> list[str]:
    """The distinct source ids behind a frame (aggregated rows list them comma-separated)."""
    if "source_id" not in frame.columns or frame.height == 0:
        return []
    values = frame["source_id"].drop_nulls().unique().to_list()  # few distinct: split in Python
    return sorted({part.strip() for value in values for part in value.split(",")})


def chart_citation(
    figure_id: str, frame: pl.DataFrame, url: str, lang: str, accessed: date | None = None
) -> str:
    """One paragraph: project, figure, data build, sources (id: publisher, title), URL, access."""
    info = data.build_info()
    ids = source_ids(frame)
    if url.startswith("/") and has_request_context():
        url = request.host_url.rstrip("/") + url  # the full address a reader can open
    listed = data.sources(ids) if ids else pl.DataFrame()
    parts = [
        f"{s['publisher']}, “{s['title']}” ({s['published'] or 'n.d.'})"
        for s in listed.iter_rows(named=True)
    ]
    return t(
        "cite.line",
        lang,
        project=PROJECT,
        figure=t(f"figure_name.{figure_id}", lang),
        built=info["built_at"][:10],
        version=info["code_version"],
        n=len(parts),
        sources="; ".join(parts),
        url=url,
        accessed=fmt_date(accessed or date.today(), lang),
    )
