"""Published fiscal-year totals that the policy series must match (sql/checks).

`data/raw/official/published_totals.csv` is typed by the project, one row per figure, each
naming the official file it was read from (`file`, relative to the official folder; `release`,
its release id in official.lock), where in
that file (`location`) and how: `stated` (a total printed in the file) or `sum_of_rows` (the
file prints no total; the figure is the sum of its rows). It is not an official download, so
it is not pinned in official.lock; tests/etl/test_published_totals.py re-reads every figure
from the named file. Raw table: raw.published_totals__figures.
"""

from __future__ import annotations

import polars as pl

from etl.official_parse import display_name
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput
from marts_io.checksum import sha256_file

NAME = "published_totals"
FILE_NAME = "published_totals.csv"
COLUMNS = [
    "series_id", "period", "first_month", "last_month", "value", "is_rounded", "release",
    "file", "location", "how",
]  # fmt: skip
SERIES = ("ofo_sw_total", "usbp_sw_total")
HOW = ("stated", "sum_of_rows")


def _rejects(df: pl.DataFrame, file: str) -> list[Reject]:
    """One reject per bad cell: unknown series or method, a date or count that does not parse,
    a period that ends before it starts."""
    bad = []
    for row in df.iter_rows(named=True):
        checks = {
            "series_id": (row["series_id"] in SERIES, f"not one of {SERIES}"),
            "how": (row["how"] in HOW, f"not one of {HOW}"),
            "is_rounded": (row["is_rounded"] in ("true", "false"), "not true or false"),
            "value": (row["value_int"] is not None and row["value_int"] >= 0, "not a count"),
            "first_month": (row["first"] is not None, "not a YYYY-MM-01 date"),
            "last_month": (
                row["last"] is not None and (row["first"] is None or row["last"] >= row["first"]),
                "not a YYYY-MM-01 date on or after first_month",
            ),
        }
        for column, (ok, reason) in checks.items():
            if not ok:
                bad.append(
                    Reject(file, row["line"], COLUMNS.index(column) + 1, column,
                           str(row[column] or ""), reason)
                )  # fmt: skip
    return bad


def read(dirs: Dirs) -> SourceOutput:
    path = dirs.official / FILE_NAME
    file = display_name(path)
    if not path.is_file():
        raise SourceError(file, "the file of published totals is missing")
    df = pl.read_csv(path, infer_schema=False)
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise SourceError(file, f"changed shape: missing column(s) {missing}", 1)
    df = (
        df.select(COLUMNS)
        .with_row_index("line", offset=2)
        .with_columns(
            pl.col("line").cast(pl.Int64),
            value_int=pl.col("value").cast(pl.Int64, strict=False),
            first=pl.col("first_month").str.to_date("%Y-%m-%d", strict=False),
            last=pl.col("last_month").str.to_date("%Y-%m-%d", strict=False),
        )
    )
    rejects = _rejects(df, file)
    bad_lines = {r.line for r in rejects}
    good = df.filter(~pl.col("line").is_in(list(bad_lines))).select(
        "line", "series_id", "period", pl.col("first").alias("first_month"),
        pl.col("last").alias("last_month"), pl.col("value_int").alias("value"),
        (pl.col("is_rounded") == "true").alias("is_rounded"), "release", "file", "location",
        "how",
    )  # fmt: skip
    return SourceOutput({"figures": good}, rejects, {FILE_NAME: sha256_file(path)})
