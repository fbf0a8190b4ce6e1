"""Reading the OHSS xlsx workbooks fast (calamine via fastexcel), and their wide table layout.

OHSS monthly-table sheets start with "Return to Table of Contents" and a title row; the header
spans two rows (group over series); fiscal years sit only on each year's "Total" row
(`2014`, ..., `2024 YTD`); month rows follow it; footnotes and notes follow the data; `X` means
not applicable. Rows and columns in messages are numbered as Excel shows them (1-based).
"""

from __future__ import annotations

import re
from pathlib import Path

import fastexcel
import polars as pl

from etl.official_parse import display_name, fiscal_year_of, month_number, month_start, parse_count
from etl.problems import Reject, SourceError

WIDE_COLUMNS = {
    "row_kind": pl.String,
    "fiscal_year": pl.Int32,
    "month": pl.Date,
    "series_group": pl.String,
    "series": pl.String,
    "value": pl.Int64,
    "value_flag": pl.String,
    "sheet_row": pl.Int64,
}


def load_sheets(path: Path, wanted: list[str]) -> dict[str, list[tuple]]:
    """Each wanted sheet as rows of text cells; the workbook is opened once."""
    file = display_name(path)
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as err:  # fastexcel raises its own error types for unreadable workbooks
        raise SourceError(file, f"not a readable xlsx workbook: {err}") from err
    missing = [s for s in wanted if s not in reader.sheet_names]
    if missing:
        raise SourceError(
            file, f"changed shape: sheet(s) {missing} not found; sheets are {reader.sheet_names}"
        )
    return {
        s: reader.load_sheet(s, header_row=None, dtypes="string").to_polars().rows() for s in wanted
    }


def _header(rows: list[tuple], where: str) -> tuple[int, list[str], list[str]]:
    """Index of the "Fiscal Year" row, its labels, and the group labels above (filled right)."""
    for i, row in enumerate(rows):
        if re.sub(r"\s+", " ", str(row[0] or "")).strip().lower() == "fiscal year":
            labels = [re.sub(r"\s+", " ", str(c or "")).strip() for c in row]
            above = rows[i - 1] if i > 0 else (None,) * len(row)
            groups, current = [], None
            for j, cell in enumerate(above):
                current = (str(cell).strip() or None) if j >= 2 and cell is not None else current
                groups.append(current if j >= 2 else None)
            return i, labels, groups
    raise SourceError(where, "changed shape: no header row starting with 'Fiscal Year'")


def parse_wide_sheet(rows: list[tuple], file: str, sheet: str) -> tuple[pl.DataFrame, list[Reject]]:
    """A wide OHSS sheet -> long rows (row_kind 'fy_total' or 'month') + rejects."""
    where = f"{file} [sheet {sheet!r}]"
    h, labels, groups = _header(rows, where)
    records, rejects, fy, last_month = [], [], None, 0
    for i in range(h + 1, len(rows)):
        row, excel_row = rows[i], i + 1
        label = str(row[1] or "").strip()
        if not label:
            continue  # blank, note or footnote line
        if label.lower() == "total":
            fy, last_month, kind, month = fiscal_year_of(row[0]), 0, "fy_total", None
            if fy is None:
                raise SourceError(
                    where, f"Total row without a fiscal year: {row[0]!r}", excel_row, 1
                )
        else:
            number = month_number(label)
            fiscal_order = ((number or 0) - 10) % 12 + 1
            if fy is None or number is None or fiscal_order <= last_month:
                raise SourceError(where, f"unexpected month {label!r} (FY {fy})", excel_row, 2)
            last_month, kind, month = fiscal_order, "month", month_start(fy, number)
        for j in range(2, len(labels)):
            try:
                value, flag = parse_count(row[j])
            except ValueError as err:
                rejects.append(Reject(where, excel_row, j + 1, labels[j], str(row[j]), str(err)))
                continue
            records.append((kind, fy, month, groups[j], labels[j], value, flag, excel_row))
    df = pl.DataFrame(records, schema=WIDE_COLUMNS, orient="row")
    check_totals(df, where)
    return df, rejects


def check_totals(df: pl.DataFrame, where: str) -> None:
    """Months must add up to their fiscal-year Total row within rounding (each cell +-5)."""
    keys = ["fiscal_year", "series_group", "series"]
    months = (
        df.filter(pl.col("row_kind") == "month")
        .group_by(keys)
        .agg(pl.col("value").sum().alias("months_sum"), pl.col("value").count().alias("n"))
    )
    totals = df.filter(pl.col("row_kind") == "fy_total")
    joined = totals.join(months, on=keys, how="left", nulls_equal=True)
    bad = joined.filter(
        pl.col("value").is_not_null()
        & (
            (pl.col("value") - pl.col("months_sum").fill_null(0)).abs()
            > 5 * pl.col("n").fill_null(0) + 5
        )
    )
    if bad.height:
        r = bad.row(0, named=True)
        raise SourceError(
            where,
            f"column {r['series']!r}: FY{r['fiscal_year']} Total {r['value']} but months add to "
            f"{r['months_sum']}",
            r["sheet_row"],
        )
