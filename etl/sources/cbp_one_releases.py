"""CBP One figures transcribed from CBP/DHS releases and reports quoting them (prose numbers).

Publisher: U.S. Customs and Border Protection and DHS, each row citing its own page
(`source_url`, `evidence`). Units are mixed (appointments per day, requests per day, cumulative
people scheduled, people processed in a month): `count_unit` and `is_cumulative` keep them
apart, and they must never be summed or drawn as one line. Raw table: raw.cbp_one_releases__figures.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from etl.official_parse import display_name, read_csv_text
from etl.official_release import entry_for, read_releases, with_release
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput

NAME = __name__.rpartition(".")[2]
COLUMNS = [
    "period_start",
    "period_end",
    "value",
    "qualifier",
    "unit",
    "measure",
    "source_publisher",
    "source_type",
    "source_url",
    "evidence",
]
# unit as printed -> count_unit (people and individuals are the same thing)
UNITS = {
    "individuals": "people",
    "people": "people",
    "appointments": "appointments",
    "appointments per day": "appointments_per_day",
    "requests per day": "requests_per_day",
}
QUALIFIERS = {
    "": "exact",
    "more than": "more_than",
    "over": "more_than",
    "nearly": "nearly",
    "about": "about",
    "approximately": "about",
}


def page_id(url: str) -> str:
    """A stable, readable source_id for a cited page: `cbp-one-page:<host>-<last path part>`."""
    match = re.match(r"https?://(?:www\.)?([^/]+)/?(.*)", url or "")
    host, rest = (match.group(1), match.group(2)) if match else (url, "")
    tail = re.sub(r"[^a-z0-9]+", "-", rest.rstrip("/").split("/")[-1].lower()).strip("-")
    return f"cbp-one-page:{host.split('.')[0]}-{tail[:48]}".rstrip("-")


def parse_checked(path: Path, entry: dict | None = None) -> tuple[pl.DataFrame, list[Reject]]:
    release = entry or entry_for(path)
    file = display_name(path)
    df = read_csv_text(path)
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise SourceError(
            file, f"changed shape: missing column(s) {missing}; found {df.columns}", 1
        )
    df = df.select(COLUMNS).with_row_index("line", offset=2)
    df = df.with_columns(pl.col("line").cast(pl.Int64), pl.col(pl.String).str.strip_chars())
    df = df.with_columns(pl.col("qualifier").fill_null(""), pl.col("unit").str.to_lowercase())
    typed = df.with_columns(
        pl.col("period_start").str.to_date("%Y-%m-%d", strict=False),
        pl.col("period_end").str.to_date("%Y-%m-%d", strict=False),
        pl.col("value").str.replace_all(",", "").cast(pl.Int64, strict=False),
        pl.col("unit").replace_strict(UNITS, default=None).alias("count_unit"),
        pl.col("qualifier")
        .str.to_lowercase()
        .replace_strict(QUALIFIERS, default=None)
        .alias("count_qualifier"),
    )
    checks = {
        "period_start": pl.col("period_start").is_null(),
        "period_end": pl.col("period_end").is_null()
        | (pl.col("period_end") < pl.col("period_start")),
        "value": pl.col("value").is_null() | (pl.col("value") <= 0),
        "unit": pl.col("count_unit").is_null(),
        "qualifier": pl.col("count_qualifier").is_null(),
    }
    # every check runs once as an expression; only rows failing one become Python objects
    flagged = typed.with_columns(
        *(bad.fill_null(False).alias(f"_bad_{column}") for column, bad in checks.items()),
        *(df[column].alias(f"_text_{column}") for column in checks),
    ).filter(pl.any_horizontal(f"_bad_{column}" for column in checks))
    failed, rejects = list(flagged.iter_rows(named=True)), []
    for column in checks:
        reason = (
            f"not a known {column}" if column in ("unit", "qualifier") else "missing or invalid"
        )
        position, text = COLUMNS.index(column) + 1, f"_text_{column}"
        rejects.extend(
            Reject(file, row["line"], position, column, Reject.shown(row[text]), reason)
            for row in failed
            if row[f"_bad_{column}"]
        )
    bad_lines = {r.line for r in rejects}
    typed = typed.filter(~pl.col("line").is_in(bad_lines)).with_columns(
        pl.col("measure").str.starts_with("cumulative").alias("is_cumulative"),
        pl.col("source_type").str.starts_with("official").alias("is_official_text"),
    )
    out = with_release(typed, release).with_columns(
        (pl.col("count_qualifier") != "exact").alias("is_rounded"),
        pl.col("source_url").map_elements(page_id, return_dtype=pl.String).alias("source_id"),
    )
    return out, rejects


def parse(path: Path, entry: dict | None = None) -> pl.DataFrame:
    """Typed figures; rows failing a check are left out (see parse_checked)."""
    return parse_checked(path, entry)[0]


def read(dirs: Dirs) -> SourceOutput:
    out = read_releases(dirs.official, NAME, parse_checked)
    figures = out.tables.pop(NAME)
    pages = figures.group_by("source_id", maintain_order=True).agg(
        pl.col("measure").first().alias("title"),
        pl.col("source_publisher").first().alias("publisher"),
        pl.col("source_url").first().alias("url"),
    )
    accessed = out.sources["accessed"][0]
    page_sources = pages.with_columns(
        pl.lit(None, dtype=pl.String).alias("published"), pl.lit(accessed).alias("accessed")
    ).select(out.sources.columns)
    out.tables = {"figures": figures}
    out.sources = pl.concat([out.sources, page_sources])
    return out
