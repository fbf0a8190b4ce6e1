"""The data behind a chart as CSV bytes, and the media type of each download format.

The bottom of the export layer: the /download route, exhibits and their hashes all use it.
"""

from __future__ import annotations

import polars as pl

from dashboard import data
from dashboard.source_refs import frame_ids, with_source_column
from marts_io.spreadsheet import safe_frame

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
}


def csv_rows(frame: pl.DataFrame, lang: str = "en") -> pl.DataFrame:
    """The rows as the CSV and the table tab give them: a `source` column names each row's
    sources (publisher, title, date) beside source_id."""
    return with_source_column(frame, data.source_rows(frame_ids(frame)), lang)


def chart_csv(frame, lang: str = "en") -> bytes:
    """CSV of the rows shown, ISO dates, UTF-8: the same bytes for the same marts.

    A `source` column names each row's sources (publisher, title, date) beside source_id.
    Spreadsheet-safe: a text cell starting with = + - @ (or a tab or CR) gets a leading `'`.
    """
    named = safe_frame(csv_rows(frame, lang))
    return named.write_csv(date_format="%Y-%m-%d", datetime_format="%Y-%m-%dT%H:%M:%S").encode()
