"""CBP "Nationwide Encounters by State" CSVs (unrounded): all of CBP, per U.S. state.

Publisher: U.S. Customs and Border Protection, https://www.cbp.gov/document/stats/nationwide-encounters
(`nationwide-encounters-fy22-fy25-state.csv` and its later releases). One row per month x land
border region x state x demographic x citizenship x title of authority. Unlike the AOR and
Southwest files (etl/sources/cbp_encounters.py) it has no Component and no Encounter Type: a row
counts OFO inadmissibles, USBP apprehensions and Title 42 expulsions together, so it is another
grain (CBP total per state) and never enters marts.encounters_monthly.
Raw table: raw.cbp_encounters_state__encounters.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl.official_parse import display_name, position_of
from etl.official_release import entry_for, read_releases, with_release
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput
from etl.sources.cbp_encounters import typed_rows

NAME = __name__.rpartition(".")[2]
TABLE = "encounters"
HEADERS = {
    "Fiscal Year": "fiscal_year",
    "Month Grouping": "month_grouping",
    "Month (abbv)": "month",
    "Land Border Region": "land_border_region",
    "State": "state",
    "Demographic": "demographic",
    "Citizenship": "citizenship",
    "Title of Authority": "title_of_authority",
    "Encounter Count": "encounters",
}
REGIONS = {"Southwest Land Border", "Northern Land Border", "Other"}


def _check_places(df: pl.DataFrame, file: str, printed: list[str]) -> None:
    """A region CBP does not use, or a state that is not a two-letter code, stops the file."""
    checks = {
        ("Land Border Region", "land_border_region"): ~pl.col("land_border_region").is_in(REGIONS),
        ("State", "state"): ~pl.col("state").str.contains(r"^[A-Z]{2}$"),
    }
    for (header, column), odd in checks.items():
        bad = df.filter(odd)
        if bad.height:
            row = bad.row(0, named=True)
            where = position_of(printed, HEADERS, column)
            raise SourceError(file, f"unknown {header} {row[column]!r}", row["line"], where)


def parse_checked(path: Path, entry: dict) -> tuple[pl.DataFrame, list[Reject]]:
    """One release file -> typed rows + rejects (lines numbered as in the file, header = 1)."""
    file = display_name(path)
    df, rejects, printed = typed_rows(path, HEADERS, file)
    _check_places(df, file, printed)
    return with_release(df, entry), rejects


def parse(path: Path, entry: dict | None = None) -> pl.DataFrame:
    """Typed rows of a locked file (or of any file, given an entry); see parse_checked."""
    return parse_checked(path, entry or entry_for(path))[0]


def read(dirs: Dirs) -> SourceOutput:
    out = read_releases(dirs.official, NAME, parse_checked)
    out.tables = {TABLE: out.tables[NAME]}
    return out
