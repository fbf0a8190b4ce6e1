"""The data behind a chart as CSV bytes, and the media type of each download format.

The bottom of the export layer: the /download route, exhibits and their hashes all use it.
"""

from __future__ import annotations

from dashboard.source_refs import with_source_column
from marts_io.spreadsheet import safe_frame

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
