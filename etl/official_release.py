"""Releases of the official files: which release a file is, stamping rows, reading all releases.

Every official row carries `release` (a stable id such as `ohss-monthly-2024-08`), its
`release_date`, `is_rounded` and `source_id`, all taken from official.lock.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl

from etl import official_lock
from etl.problems import SourceError
from etl.sources import SourceOutput


def with_release(df: pl.DataFrame, release: dict) -> pl.DataFrame:
    """Stamp every row with its release id, release date, rounding and source_id (from the lock)."""
    date_text = release.get("release_date") or ""
    if re.fullmatch(r"\d{4}-\d{2}", date_text):
        date_text += "-01"
    published = dt.date.fromisoformat(date_text) if date_text else None
    return df.with_columns(
        pl.lit(release["release_id"]).alias("release"),
        pl.lit(published, dtype=pl.Date).alias("release_date"),
        pl.lit(release["rounding"] == "nearest 10").alias("is_rounded"),
        pl.lit(release["source_id"]).alias("source_id"),
    )


def entry_for(path: Path) -> dict:
    """The official.lock entry of a file inside a locked official folder (SourceError if none)."""
    path = Path(path).resolve()
    for folder in path.parents[:3]:
        if (folder / official_lock.LOCK_NAME).is_file():
            rel = path.relative_to(folder).as_posix()
            found = [e for e in official_lock.entries(folder) if e["path"] == rel]
            if found:
                return found[0]
    raise SourceError(path.name, f"not listed in any {official_lock.LOCK_NAME}")


def sources_frame(entries: list[dict]) -> pl.DataFrame:
    """Rows for meta.sources (source_id, title, publisher, published, url, accessed).

    Several files of one release (extracts of one CBP file) share a source_id: the first entry
    describes it.
    """
    frame = pl.DataFrame(
        [
            {
                "source_id": e["source_id"],
                "title": e["title"],
                "publisher": e["publisher"],
                "published": e.get("release_date"),
                "url": e["url"],
                "accessed": e["retrieved"],
            }
            for e in entries
        ],
        schema=dict.fromkeys(
            ["source_id", "title", "publisher", "published", "url", "accessed"], pl.String
        ),
    )
    return frame.unique("source_id", keep="first", maintain_order=True)


def read_releases(official_dir: Path, name: str, parse_checked) -> SourceOutput:
    """Verify and parse every file the lock gives to module `name` (all releases are kept).

    parse_checked(path, release) returns (frame, rejects); a frame with a `table` column is split
    into one raw table per value, otherwise it becomes the single table `name`.
    """
    found = official_lock.entries(official_dir, name)
    if not found:
        raise SourceError(official_lock.LOCK_NAME, f"no file is locked for source {name!r}")
    inputs = official_lock.verify(official_dir, [e["path"] for e in found])
    frames, rejects = [], []
    for entry in found:
        frame, problems = parse_checked(Path(official_dir) / entry["path"], entry)
        frames.append(frame)
        rejects.extend(problems)
    df = pl.concat(frames, how="diagonal_relaxed")
    if "table" in df.columns:
        tables = {
            t: df.filter(pl.col("table") == t).drop("table")
            for t in df["table"].unique(maintain_order=True)
        }
    else:
        tables = {name: df}
    return SourceOutput(tables, rejects, inputs, sources_frame(found))
