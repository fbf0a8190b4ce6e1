"""CBP "Southwest Land Border Encounters" CSV (FY22 - FY25 August release): USBP and OFO, unrounded.

Publisher: U.S. Customs and Border Protection, https://www.cbp.gov/document/stats/southwest-land-border-encounters
One row per month x component x demographic x citizenship group x title of authority x
encounter type. The file has no area-of-responsibility column: it gives Southwest totals only.
Raw table: raw.cbp_sw_encounters__encounters.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl.official_parse import parse_cbp_csv
from etl.official_release import read_releases, release_for
from etl.problems import Reject
from etl.sources import Dirs, SourceOutput

NAME = "cbp_sw_encounters"
TABLE = "encounters"
REQUIRED = [
    "fiscal_year",
    "month_grouping",
    "month",
    "component",
    "demographic",
    "citizenship",
    "title_of_authority",
    "encounter_type",
    "encounters",
]
DEFAULT_RELEASE = {
    "release_id": "cbp-sw-fy22-fy25-aug",
    "source_id": "cbp-sw-fy22-fy25-aug",
    "release_date": "2025-09",
    "rounding": "unrounded",
}


def parse_checked(path: Path, release: dict | None = None) -> tuple[pl.DataFrame, list[Reject]]:
    release = release or release_for(path, DEFAULT_RELEASE)
    df, rejects = parse_cbp_csv(path, REQUIRED, release)
    return df.with_columns(pl.lit("Southwest Land Border").alias("land_border_region")), rejects


def parse(path: Path) -> pl.DataFrame:
    """Typed rows of one release; rows with unreadable counts are left out (see parse_checked)."""
    return parse_checked(path)[0]


def read(dirs: Dirs) -> SourceOutput:
    out = read_releases(dirs.official, NAME, parse_checked)
    out.tables = {TABLE: out.tables[NAME]}
    return out
