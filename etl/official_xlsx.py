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

from etl.official_parse import (
    NOT_APPLICABLE,
    display_name,
    fiscal_year_of,
    month_number,
    month_start,
    parse_count,
)
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
# what a data row says about each of its cells
ROW_COLUMNS = ["row_kind", "fiscal_year", "month", "sheet_row"]


def load_sheets(path: Path, wanted: list[str]) -> dict[str, pl.DataFrame]:
    """Each wanted sheet as a frame of text cells (no header row; columns in sheet order); the
    workbook is opened once. Row i of a frame is Excel row i + 1."""
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
    return {s: reader.load_sheet(s, header_row=None, dtypes="string").to_polars() for s in wanted}


def _header(sheet: pl.DataFrame, where: str) -> tuple[int, list[str], list[str]]:
    """Index of the "Fiscal Year" row, its labels, and the group labels above (filled right)."""
    for i, first in enumerate(sheet.to_series(0).to_list()):
        if re.sub(r"\s+", " ", str(first or "")).strip().lower() == "fiscal year":
            labels = [re.sub(r"\s+", " ", str(c or "")).strip() for c in sheet.row(i)]
            above = sheet.row(i - 1) if i > 0 else (None,) * sheet.width
            groups, current = [], None
            for j, cell in enumerate(above):
                current = (str(cell).strip() or None) if j >= 2 and cell is not None else current
                groups.append(current if j >= 2 else None)
            return i, labels, groups
    raise SourceError(where, "changed shape: no header row starting with 'Fiscal Year'")


def _data_rows(sheet: pl.DataFrame, header: int, where: str) -> pl.DataFrame:
    """The Total and month rows below the header: row index, row_kind, fiscal_year, month,
    sheet_row. A Total row without a fiscal year, or a month out of fiscal order, stops the sheet.
    """
    records, fy, last_month = [], None, 0
    years, labels = sheet.to_series(0).to_list(), sheet.to_series(1).to_list()
    for i in range(header + 1, sheet.height):
        label, excel_row = str(labels[i] or "").strip(), i + 1
        if not label:
            continue  # blank, note or footnote line
        if label.lower() == "total":
            fy, last_month, kind, month = fiscal_year_of(years[i]), 0, "fy_total", None
            if fy is None:
                raise SourceError(
                    where, f"Total row without a fiscal year: {years[i]!r}", excel_row, 1
                )
        else:
            number = month_number(label)
            fiscal_order = ((number or 0) - 10) % 12 + 1
            if fy is None or number is None or fiscal_order <= last_month:
                raise SourceError(where, f"unexpected month {label!r} (FY {fy})", excel_row, 2)
            last_month, kind, month = fiscal_order, "month", month_start(fy, number)
        records.append((i, kind, fy, month, excel_row))
    schema = {"index": pl.Int64, **{c: WIDE_COLUMNS[c] for c in ROW_COLUMNS}}
    return pl.DataFrame(records, schema=schema, orient="row")


def parse_wide_sheet(
    sheet: pl.DataFrame, file: str, name: str
) -> tuple[pl.DataFrame, list[Reject]]:
    """A wide OHSS sheet (text cells, see load_sheets) -> long rows (row_kind 'fy_total' or
    'month'), one per cell in row-major order, + rejects.

    Cells that are plain counts, `X` or blank are read with polars expressions; any other cell goes
    through parse_count, and if it is not a count it becomes a Reject at its own row and column
    while the other cells of its row are kept.
    """
    where = f"{file} [sheet {name!r}]"
    header, labels, groups = _header(sheet, where)
    rows = _data_rows(sheet, header, where)
    if sheet.width <= 2:
        return pl.DataFrame(schema=WIDE_COLUMNS), []  # no series: callers name what is missing
    # one row per cell, row by row (a stable sort keeps the columns in sheet order)
    numbers = {name: str(j) for j, name in enumerate(sheet.columns, start=1) if j > 2}
    body = sheet[rows["index"].to_list()].select(list(numbers)).rename(numbers)
    cells = (
        rows.drop("index")
        .hstack(body)
        .unpivot(
            list(numbers.values()),
            index=ROW_COLUMNS,
            variable_name="sheet_column",
            value_name="cell",
        )
        .sort("sheet_row", maintain_order=True)
    )
    cell, column = pl.col("cell"), pl.col("sheet_column").cast(pl.Int64)
    positions = list(range(3, sheet.width + 1))
    # a cast reads what parse_count reads as ASCII digits (commas removed), except a leading "+"
    count = cell.str.replace_all(",", "", literal=True).cast(pl.Int64, strict=False)
    plain = count.is_not_null() & ~cell.str.contains("+", literal=True)
    cells = cells.select(
        *ROW_COLUMNS,
        column.alias("sheet_column"),
        cell,
        count.alias("value"),  # a cell not read here is read again by parse_count, or rejected
        pl.when(cell.is_null())
        .then(pl.lit("blank"))
        .when(cell == "X")
        .then(pl.lit(NOT_APPLICABLE))
        .alias("value_flag"),
        (cell.is_null() | (cell == "X") | plain).fill_null(False).alias("read"),
        column.replace_strict(positions, groups[2:], return_dtype=pl.String).alias("series_group"),
        column.replace_strict(positions, labels[2:], return_dtype=pl.String).alias("series"),
    )
    others, rejects = cells.filter(~pl.col("read")), []
    if others.height:
        cells, rejects = _read_other_cells(cells, others, where, labels)
    df = cells.select(list(WIDE_COLUMNS))
    check_totals(df, where)
    return df, rejects


def _read_other_cells(
    cells: pl.DataFrame, others: pl.DataFrame, where: str, labels: list[str]
) -> tuple[pl.DataFrame, list[Reject]]:
    """The cells the expressions did not read, through parse_count: kept with their value and
    flag, or Rejects naming their row and column. Returns all read cells in row-major order."""
    kept, rejects = [], []
    for row in others.iter_rows(named=True):
        try:
            row["value"], row["value_flag"] = parse_count(row["cell"])
        except ValueError as err:
            column = row["sheet_column"]
            rejects.append(
                Reject(where, row["sheet_row"], column, labels[column - 1], row["cell"], str(err))
            )
            continue
        kept.append(row)
    read = pl.concat([cells.filter(pl.col("read")), pl.DataFrame(kept, schema=cells.schema)])
    return read.sort("sheet_row", "sheet_column"), rejects


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
