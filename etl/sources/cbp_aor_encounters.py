"""CBP "Nationwide Encounters by Area of Responsibility" CSV (FY23 - FY26 July release), unrounded.

Publisher: U.S. Customs and Border Protection, https://www.cbp.gov/document/stats/nationwide-encounters
The committed file is an extract (OFO, Southwest Land Border, FY2025); a full file parses the
same way. One row per month x component x region x area of responsibility (OFO field office
or USBP sector) x demographic x citizenship x title of authority x encounter type.
Months are sorted alphabetically within each fiscal year in the original; order is irrelevant
here because every row is dated from its own fiscal year and month.
Raw table: raw.cbp_aor_encounters__encounters.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl.official_parse import parse_cbp_csv
from etl.official_release import read_releases, release_for
from etl.problems import Reject
from etl.sources import Dirs, SourceOutput

NAME = "cbp_aor_encounters"
TABLE = "encounters"
REQUIRED = [
    "fiscal_year",
    "month_grouping",
    "month",
    "component",
    "land_border_region",
    "area_of_responsibility",
    "aor_abbv",
    "demographic",
    "citizenship",
    "title_of_authority",
    "encounter_type",
    "encounters",
]
DEFAULT_RELEASE = {
    "release_id": "cbp-aor-fy23-fy26-jul",
    "source_id": "cbp-aor-fy23-fy26-jul",
    "release_date": "2026-08",
    "rounding": "unrounded",
}


def parse_checked(path: Path, release: dict | None = None) -> tuple[pl.DataFrame, list[Reject]]:
    return parse_cbp_csv(path, REQUIRED, release or release_for(path, DEFAULT_RELEASE))


def parse(path: Path) -> pl.DataFrame:
    """Typed rows of one release; rows with unreadable counts are left out (see parse_checked)."""
    return parse_checked(path)[0]


def read(dirs: Dirs) -> SourceOutput:
    out = read_releases(dirs.official, NAME, parse_checked)
    out.tables = {TABLE: out.tables[NAME]}
    return out
