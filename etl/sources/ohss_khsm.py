"""OHSS Key Homeland Security Metrics "CBP Encounters" workbook, U.S. Border Patrol (fy25m11).

Publisher: DHS Office of Homeland Security Statistics, https://ohss.dhs.gov/khsm/cbp-encounters ;
counts rounded to the nearest 10; USBP only, Oct 1999 (FY2000) - Nov 2024. Sheets are already
long (header `Fiscal\\nYear`, months like `01 October`). Raw tables, one row per month x ...:
  raw.ohss_khsm__monthly_count    `Monthly Count`           (nationwide USBP; a checkpoint)
  raw.ohss_khsm__monthly_region   `Monthly Region`          (x land border region)
  raw.ohss_khsm__monthly_sector   `Monthly Rgn and Sector`  (x region x sector)
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl.official_parse import (
    check_unique,
    count_column,
    display_name,
    month_columns,
    position_of,
    rename_to_canonical,
)
from etl.official_release import entry_for, read_releases, with_release
from etl.official_xlsx import load_sheets
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput

NAME = __name__.rpartition(".")[2]
# headers as printed in these sheets -> columns ("Fiscal\nYear" compares as "fiscal year")
HEADERS = {
    "Fiscal Year": "fiscal_year",
    "Month": "month",
    "Region": "land_border_region",
    "Sector": "sector",
    "Quantity": "quantity",
}
# sheet -> (raw table, the headers it must have)
SHEETS = {
    "Monthly Count": ("monthly_count", ["Fiscal Year", "Month", "Quantity"]),
    "Monthly Region": ("monthly_region", ["Fiscal Year", "Month", "Region", "Quantity"]),
    "Monthly Rgn and Sector": (
        "monthly_sector",
        ["Fiscal Year", "Month", "Region", "Sector", "Quantity"],
    ),
}


def _sheet(
    sheet: pl.DataFrame, where: str, printed: list[str]
) -> tuple[pl.DataFrame, list[Reject]]:
    if sheet.height == 0:
        raise SourceError(where, "changed shape: the sheet is empty")
    header = [str(c or "") for c in sheet.row(0)]
    raw = sheet.slice(1).rename(dict(zip(sheet.columns, header, strict=True)))
    headers = {h: HEADERS[h] for h in printed}
    df = rename_to_canonical(raw, where, headers)
    df = df.with_columns(pl.col(pl.String).str.strip_chars())
    df = df.with_row_index("line", offset=2).with_columns(pl.col("line").cast(pl.Int64))
    df = df.filter(pl.col("fiscal_year").is_not_null() & (pl.col("fiscal_year") != ""))
    df, rejects = count_column(df, "quantity", where, position_of(header, headers, "quantity"))
    df = month_columns(df, where).rename({"quantity": "encounters", "line": "sheet_row"})
    keys = [c for c in headers.values() if c != "quantity"]
    check_unique(df.rename({"sheet_row": "line"}), keys, where)
    return df, rejects


def _checkpoint(tables: dict[str, pl.DataFrame], where: str) -> None:
    """Sectors must add up to the nationwide monthly count within rounding (each cell +-5)."""
    sectors = (
        tables["monthly_sector"]
        .group_by("month")
        .agg(pl.col("encounters").sum().alias("sectors"), pl.len().alias("n"))
    )
    joined = tables["monthly_count"].join(sectors, on="month", how="left")
    bad = joined.filter((pl.col("encounters") - pl.col("sectors")).abs() > 5 * pl.col("n") + 5)
    if bad.height:
        r = bad.row(0, named=True)
        raise SourceError(
            where,
            f"Quantity {r['encounters']} for {r['month']} but sectors add to {r['sectors']}",
            r["sheet_row"],
            3,
        )


def parse_checked(path: Path, entry: dict | None = None) -> tuple[pl.DataFrame, list[Reject]]:
    release = entry or entry_for(path)
    file = display_name(path)
    tables, rejects = {}, []
    for sheet, cells in load_sheets(path, list(SHEETS)).items():
        table, printed = SHEETS[sheet]
        tables[table], problems = _sheet(cells, f"{file} [sheet {sheet!r}]", printed)
        rejects.extend(problems)
    _checkpoint(tables, f"{file} [sheet 'Monthly Count']")
    df = pl.concat(
        [t.with_columns(pl.lit(name).alias("table")) for name, t in tables.items()],
        how="diagonal_relaxed",
    )
    return with_release(df, release), rejects


def parse(path: Path, entry: dict | None = None) -> pl.DataFrame:
    """All three sheets, with a `table` column naming the raw table."""
    return parse_checked(path, entry)[0]


def read(dirs: Dirs) -> SourceOutput:
    out = read_releases(dirs.official, NAME, parse_checked)
    for table, printed in SHEETS.values():
        absent = [HEADERS[h] for h in ("Region", "Sector") if h not in printed]
        out.tables[table] = out.tables[table].drop(absent)
    return out
