"""CBP encounter CSVs (unrounded): one reader for every release layout, chosen by the lock entry.

Publisher: U.S. Customs and Border Protection. The lock entry's `layout` names one of LAYOUTS:
  aor        "Nationwide Encounters by Area of Responsibility"
             (https://www.cbp.gov/document/stats/nationwide-encounters): one row per month x
             component x region x AOR (OFO field office or USBP sector) x demographic x
             citizenship x title of authority x encounter type.
  southwest  "Southwest Land Border Encounters"
             (https://www.cbp.gov/document/stats/southwest-land-border-encounters): the same
             without region or AOR columns, so Southwest totals by component only.
Rows are dated from their own fiscal year and month, so CBP's alphabetical month order is moot.
Raw table: raw.cbp_encounters__encounters; `layout` and `detail_level` say which rows are which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from etl.official_parse import (
    check_unique,
    count_column,
    display_name,
    month_columns,
    position_of,
    read_csv_text,
    rename_to_canonical,
    strip_text,
)
from etl.official_release import entry_for, read_releases, with_release
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput

NAME = __name__.rpartition(".")[2]
TABLE = "encounters"
COMPONENTS = {"Office of Field Operations", "U.S. Border Patrol"}


@dataclass(frozen=True)
class Layout:
    """One release format: its headers as printed -> columns, and what the file leaves implicit."""

    headers: dict[str, str]
    detail_level: str  # 'area_of_responsibility' (one row per AOR) or 'region' (region totals)
    constants: dict[str, str] = field(default_factory=dict)


LAYOUTS = {
    "aor": Layout(
        headers={
            "Fiscal Year": "fiscal_year",
            "Month Grouping": "month_grouping",
            "Month (abbv)": "month",
            "Component": "component",
            "Land Border Region": "land_border_region",
            "Area of Responsibility": "area_of_responsibility",
            "AOR (Abbv)": "aor_abbv",
            "Demographic": "demographic",
            "Citizenship": "citizenship",
            "Title of Authority": "title_of_authority",
            "Encounter Type": "encounter_type",
            "Encounter Count": "encounters",
        },
        detail_level="area_of_responsibility",
    ),
    "southwest": Layout(
        headers={
            "Fiscal Year": "fiscal_year",
            "Month Grouping": "month_grouping",
            "Month (abbv)": "month",
            "Component": "component",
            "Demographic": "demographic",
            "Citizenship Grouping": "citizenship",
            "Title of Authority": "title_of_authority",
            "Encounter Type": "encounter_type",
            "Encounter Count": "encounters",
        },
        detail_level="region",
        constants={"land_border_region": "Southwest Land Border"},
    ),
}
# columns that do not identify a row (the count, and labels that repeat another column)
NOT_KEYS = {"encounters", "month_grouping", "aor_abbv"}


def layout_of(entry: dict, file: str) -> Layout:
    name = entry.get("layout")
    if name not in LAYOUTS:
        raise SourceError(file, f"unknown layout {name!r} in official.lock; known: {list(LAYOUTS)}")
    return LAYOUTS[name]


def _check_components(df: pl.DataFrame, file: str, column: int) -> None:
    odd = df.filter(~pl.col("component").is_in(COMPONENTS))
    if odd.height:
        row = odd.row(0, named=True)
        raise SourceError(file, f"unknown Component {row['component']!r}", row["line"], column)


def typed_rows(
    path: Path, headers: dict[str, str], file: str
) -> tuple[pl.DataFrame, list[Reject], list[str]]:
    """A CBP encounter CSV -> rows with canonical columns, dated, counted; rejects; its header.

    Shared by every CBP encounter CSV reader: the headers as printed are mapped to columns, the
    `Encounter Count` is checked (an unreadable count leaves out its row), the fiscal year and
    month become `month`, and a repeated key (all columns but NOT_KEYS) stops the file.
    """
    raw = read_csv_text(path)
    df = rename_to_canonical(raw, file, headers)
    df = df.with_row_index("line", offset=2).with_columns(pl.col("line").cast(pl.Int64))
    position = position_of(raw.columns, headers, "encounters")
    df, rejects = count_column(df, "encounters", file, position)
    df = month_columns(strip_text(df), file)
    check_unique(df, [c for c in headers.values() if c not in NOT_KEYS], file)
    return df, rejects, raw.columns


def parse_checked(path: Path, entry: dict) -> tuple[pl.DataFrame, list[Reject]]:
    """One release file -> typed rows + rejects, read with the layout its lock entry names.

    Lines are numbered as in the file (header = line 1). A missing header, an unknown component
    or a repeated key stops the file (SourceError); an unreadable count leaves out its row.
    """
    file = display_name(path)
    layout = layout_of(entry, file)
    df, rejects, printed = typed_rows(path, layout.headers, file)
    _check_components(df, file, position_of(printed, layout.headers, "component"))
    df = df.with_columns(
        *(pl.lit(value).alias(column) for column, value in layout.constants.items()),
        pl.lit(entry["layout"]).alias("layout"),
        pl.lit(layout.detail_level).alias("detail_level"),
    )
    return with_release(df, entry), rejects


def parse(path: Path, entry: dict | None = None) -> pl.DataFrame:
    """Typed rows of a locked file (or of any file, given an entry); see parse_checked."""
    return parse_checked(path, entry or entry_for(path))[0]


def read(dirs: Dirs) -> SourceOutput:
    out = read_releases(dirs.official, NAME, parse_checked)
    frame = out.tables[NAME]
    # the raw table has every layout's columns, whichever layouts are locked today
    columns = {
        c for layout in LAYOUTS.values() for c in [*layout.headers.values(), *layout.constants]
    }
    absent = sorted(columns - set(frame.columns))
    out.tables = {TABLE: frame.with_columns(pl.lit(None, pl.String).alias(c) for c in absent)}
    return out
