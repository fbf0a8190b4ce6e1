"""OHSS "Immigration Enforcement and Legal Processes Monthly Tables" (DHS), August 2024 edition.

Publisher: DHS Office of Homeland Security Statistics; counts rounded to the nearest 10.
Three sheets, each read once from the workbook, tidied to long form (one row per month or
fiscal-year Total row x column):
  raw.ohss_monthly__swb_sector_field_office   `SWB Enc by Sector+Field Ofc` (USBP sectors, OFO
                                              field offices, FY2014 - Aug 2024)
  raw.ohss_monthly__cbp_one_appointments      `CBP One Appointments` (by citizenship)
  raw.ohss_monthly__encounters_type_region    `CBP Encounter by Type + Region` (CBP total)
`row_kind` is 'month' or 'fy_total' (the sheet's own Total row, kept as a checkpoint).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl.official_parse import display_name
from etl.official_release import entry_for, read_releases, with_release
from etl.official_xlsx import load_sheets, parse_wide_sheet
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput

NAME = __name__.rpartition(".")[2]
# sheet -> (raw table, labels that must appear in its header row)
SHEETS = {
    "SWB Enc by Sector+Field Ofc": (
        "swb_sector_field_office",
        ["Total CBP", "Total USBP", "Total OFO", "San Diego, CA", "Laredo, TX"],
    ),
    "CBP One Appointments": ("cbp_one_appointments", ["Total", "Mexico", "Other"]),
    "CBP Encounter by Type + Region": ("encounters_type_region", ["Total", "SW Land Border"]),
}


def _check_labels(df: pl.DataFrame, file: str, sheet: str, expected: list[str]) -> None:
    found = set(df["series"].unique().to_list())
    missing = [label for label in expected if label not in found]
    if missing:
        raise SourceError(
            f"{file} [sheet {sheet!r}]",
            f"changed shape: column(s) {missing} not in the header; found {sorted(found)}",
        )


def parse_checked(path: Path, entry: dict | None = None) -> tuple[pl.DataFrame, list[Reject]]:
    release = entry or entry_for(path)
    file = display_name(path)
    frames, rejects = [], []
    for sheet, cells in load_sheets(path, list(SHEETS)).items():
        table, expected = SHEETS[sheet]
        df, problems = parse_wide_sheet(cells, file, sheet)
        _check_labels(df, file, sheet, expected)
        # Footnote markers glued to group labels ("Enforcement Encounters1") are dropped.
        group = pl.col("series_group").str.replace(r"([a-z])\d+$", "$1")
        frames.append(
            df.with_columns(group, pl.lit(table).alias("table"), pl.lit(sheet).alias("sheet"))
        )
        rejects.extend(problems)
    df = pl.concat(frames)
    bad = df.filter(pl.col("value") < 0)
    if bad.height:
        r = bad.row(0, named=True)
        raise SourceError(
            f"{file} [sheet {r['sheet']!r}]", f"negative count in {r['series']!r}", r["sheet_row"]
        )
    return with_release(df, release), rejects


def parse(path: Path, entry: dict | None = None) -> pl.DataFrame:
    """All three sheets in long form, with a `table` column naming the raw table."""
    return parse_checked(path, entry)[0]


def read(dirs: Dirs) -> SourceOutput:
    return read_releases(dirs.official, NAME, parse_checked)
