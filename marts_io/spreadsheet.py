"""Spreadsheet-safe CSV: a text cell that a spreadsheet would run as a formula gets a `'`.

Cells starting with =, +, -, @, a tab or a carriage return are read by Excel, LibreOffice and
Google Sheets as formulas (CSV injection). Such TEXT cells are written with a leading `'`,
the escape those programs themselves use; numbers (negative ones included) stay numbers.
"""

from __future__ import annotations

import polars as pl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str | None) -> str | None:
    if value and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text column escaped; other columns untouched."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not text:
        return frame
    starts = "^[" + "".join("\\" + c if c in "-+" else c for c in FORMULA_START) + "]"
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(starts))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )
