"""Shared parsing helpers for the official CBP/DHS files: dates, counts, headers, CSV text.

Fiscal years run October-September (FY2025 = 2024-10-01 .. 2025-09-30). Labels seen across
releases: `2025`, `2025 (FYTD)`, `2024 YTD`, `Fiscal\\nYear` headers, months as `OCT`,
`October` or `01 October`, counts with thousands separators, `X` = not applicable.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl

from etl.problems import Reject, SourceError

MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
ABBR = {name[:3].upper(): number for name, number in MONTHS.items()}
NOT_APPLICABLE = "not_applicable"


def display_name(path: Path) -> str:
    """How messages name a file: its folder and name, as in the official folder."""
    path = Path(path)
    return f"{path.parent.name}/{path.name}"


def normalise_header(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "").replace("\ufeff", "")).strip().lower()


def fiscal_year_of(label: object) -> int | None:
    """`2025`, `2025 (FYTD)`, `2024 YTD`, `FY2024`, 2025.0 -> the fiscal year, else None."""
    found = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", str(label or ""))
    return int(found.group(0)) if found else None


def month_number(label: object) -> int | None:
    """`OCT`, `Oct`, `October`, `01 October` -> 10, else None."""
    text = re.sub(r"^\d{1,2}\s+", "", str(label or "").strip()).lower()
    return MONTHS.get(text) or ABBR.get(text[:3].upper()) if len(text) >= 3 else None


def month_start(fiscal_year: int, month: int) -> dt.date:
    """First day of the calendar month; October-December belong to the previous calendar year."""
    return dt.date(fiscal_year - 1 if month >= 10 else fiscal_year, month, 1)


def parse_count(cell: object) -> tuple[int | None, str | None]:
    """A count cell -> (value, flag). `X` -> (None, 'not_applicable'); bad text -> ValueError."""
    if cell is None:
        return None, "blank"
    if isinstance(cell, int | float):
        if cell != int(cell):
            raise ValueError("not a whole number")
        return int(cell), None
    text = str(cell).strip().replace(",", "")
    if text == "":
        return None, "blank"
    if text.upper() == "X":
        return None, NOT_APPLICABLE
    if re.fullmatch(r"-?\d+(\.0+)?", text):
        return int(text.partition(".")[0]), None
    raise ValueError("not a count")


def read_csv_text(path: Path) -> pl.DataFrame:
    """All columns as text; tolerates a UTF-8 BOM and CRLF line endings."""
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\r" in data:  # a scan is cheap; the copy that replaces is not, on a file of LF lines
        data = data.replace(b"\r\n", b"\n")
    try:
        return pl.read_csv(data, infer_schema=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as err:
        raise SourceError(display_name(path), f"not a readable CSV: {err}") from err


def rename_to_canonical(df: pl.DataFrame, file: str, headers: dict[str, str]) -> pl.DataFrame:
    """Keep and rename the columns a layout declares (`headers`: header as printed -> column).

    Headers are compared after normalise_header (case, spaces, BOM); every declared header must be
    present, or the file has changed shape (SourceError naming the missing headers).
    """
    wanted = {normalise_header(printed): column for printed, column in headers.items()}
    mapping = {h: wanted[normalise_header(h)] for h in df.columns if normalise_header(h) in wanted}
    missing = [printed for printed, column in headers.items() if column not in mapping.values()]
    if missing:
        raise SourceError(
            file, f"changed shape: missing header(s) {missing}; found {df.columns}", 1
        )
    return df.select([pl.col(src).alias(dst) for src, dst in mapping.items()])


def count_column(
    df: pl.DataFrame, column: str, file: str, position: int, line_col: str = "line"
) -> tuple[pl.DataFrame, list[Reject]]:
    """Cast a text count column to Int64 (spaces and commas removed); rows that fail become Rejects
    (their text as stripped). A column of plain digits only, the usual case, is cast in one step."""
    plain = df.get_column(column).cast(pl.Int64, strict=False)
    if plain.null_count() == 0 and not (plain < 0).any():
        # every cell read as a count without stripping or removing commas, so doing both first
        # (below) gives the same numbers
        return df.with_columns(plain.alias(column)), []
    stripped = pl.col(column).str.strip_chars()
    df = df.with_columns(stripped.str.replace_all(",", "").cast(pl.Int64, strict=False).alias("_c"))
    bad = df.filter(pl.col("_c").is_null() | (pl.col("_c") < 0)).with_columns(stripped)
    rejects = [
        Reject(file, row[line_col], position, column, Reject.shown(row[column]), "not a count >= 0")
        for row in bad.iter_rows(named=True)
    ]
    good = df.filter(pl.col("_c").is_not_null() & (pl.col("_c") >= 0))
    return good.with_columns(pl.col("_c").alias(column)).drop("_c"), rejects


def strip_text(df: pl.DataFrame) -> pl.DataFrame:
    """Every text column with the spaces around its cells stripped (`str.strip_chars`), worked
    out once per distinct value: the same cells as stripping every row, for one hash per cell
    when a column repeats a few labels, and no copy of a column that has nothing to strip."""
    text = [c for c, dtype in df.schema.items() if dtype == pl.String]
    value = pl.element()
    spaced = value.filter(value.str.strip_chars() != value)  # a null cell stays null
    spaced = pl.col(text).unique().implode().list.eval(spaced)
    found = df.select(spaced).row(0, named=True) if text else {}
    fixes = [
        pl.col(column).replace(old, pl.Series(old, dtype=pl.String).str.strip_chars())
        for column, old in found.items()
        if old
    ]
    return df.with_columns(fixes) if fixes else df


def per_distinct(df: pl.DataFrame, column: str, expr: pl.Expr) -> pl.Expr:
    """`expr` (an expression of pl.col(column)) for every row, computed once per distinct value of
    the column: the same result as `expr` itself, for a fraction of the string work when a column
    repeats a few labels (fiscal years, months) over thousands of rows."""
    distinct = df.select(pl.col(column).unique().drop_nulls())
    mapped = distinct.select(column, expr.alias("_mapped"))
    return pl.col(column).replace_strict(
        mapped[column], mapped["_mapped"], default=None, return_dtype=mapped["_mapped"].dtype
    )


def month_columns(df: pl.DataFrame, file: str) -> pl.DataFrame:
    """fiscal_year + month text -> fiscal_year (Int32), month (Date, first day of month)."""
    fy = pl.col("fiscal_year").str.extract(r"((?:19|20)\d{2})").cast(pl.Int32)
    mon = pl.col("month").str.strip_chars().str.replace(r"^\d+\s+", "").str.slice(0, 3)
    mon = mon.str.to_uppercase()
    mon = mon.replace_strict(ABBR, default=None, return_dtype=pl.Int32)
    df = df.with_columns(
        per_distinct(df, "fiscal_year", fy).alias("fiscal_year"),
        per_distinct(df, "month", mon).alias("_m"),
        pl.col("month").alias("_mt"),
    )
    bad = df.filter(pl.col("fiscal_year").is_null() | pl.col("_m").is_null())
    if bad.height:
        row = bad.row(0, named=True)
        raise SourceError(file, f"unreadable fiscal year/month {row['_mt']!r}", row["line"], 1)
    year = (
        pl.when(pl.col("_m") >= 10).then(pl.col("fiscal_year") - 1).otherwise(pl.col("fiscal_year"))
    )
    return df.with_columns(pl.date(year, pl.col("_m"), 1).alias("month")).drop("_m", "_mt")


def position_of(file_headers: list[str], headers: dict[str, str], column: str) -> int:
    """1-based position in the file of the header that the layout maps to `column` (0 if none)."""
    printed = {normalise_header(h) for h, c in headers.items() if c == column}
    return next((i + 1 for i, h in enumerate(file_headers) if normalise_header(h) in printed), 0)


def check_unique(df: pl.DataFrame, keys: list[str], file: str) -> None:
    """SourceError naming both lines when two rows share the same key.

    Rows with the same key have the same hash of it, so when the hashes are all different no key
    repeats; only otherwise are the keys themselves compared (a hash may collide)."""
    hashes = pl.sum_horizontal(pl.col(key).hash(seed=n) for n, key in enumerate(keys))
    if df.select(hashes.n_unique()).item() == df.height:
        return
    dupes = df.filter(pl.struct(keys).is_duplicated())
    if dupes.height:
        lines = dupes["line"].head(2).to_list()
        raise SourceError(
            file, f"rows on lines {lines} repeat the same {'+'.join(keys)}", lines[-1], 1
        )
