"""Releases of the official files: which release a file is, stamping rows, reading all releases.

Every official row carries `release` (a stable id such as `ohss-monthly-2024-08`), its
`release_date`, `is_rounded` and `source_id`, all taken from official.lock.
"""

from __future__ import annotations

import datetime as dt
import json
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


def release_for(path: Path, default: dict) -> dict:
    """The lock entry of `path` when it sits in a locked official folder, else `default`."""
    path = Path(path).resolve()
    for folder in path.parents[:3]:
        lock_path = folder / "official.lock"
        if lock_path.is_file():
            rel = path.relative_to(folder).as_posix()
            files = json.loads(lock_path.read_text(encoding="utf-8"))["files"]
            return next((e for e in files if e["path"] == rel), default)
    return default


def sources_frame(entries: list[dict]) -> pl.DataFrame:
    """Rows for meta.sources (source_id, title, publisher, published, url, accessed)."""
    return pl.DataFrame(
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


def read_releases(official_dir: Path, name: str, parse_checked) -> SourceOutput:
    """Verify and parse every locked file of source `name` (all releases are kept).

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
