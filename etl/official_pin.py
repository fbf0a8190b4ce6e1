"""Pinning an official file: copy it in, read it with its module, write its lock entry (card).

`metering fetch --add FILE` pins a file you already have; `metering fetch` pins the releases it
downloads the same way. Nothing is changed when the file cannot be read or a row is rejected.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl

from etl import official_lock, official_registry
from etl.problems import SourceError

# the order of a lock entry's fields (the card first, then what fetch measures)
CARD = (
    "path module layout release_id source_id release title publisher url file_pattern "
    "release_file download_url release_date release_date_note coverage rounding came_from note"
).split()
MEASURED = ("sha256", "bytes", "retrieved")


def _month_range(frame: pl.DataFrame) -> str:
    if "month" not in frame.columns or frame["month"].drop_nulls().is_empty():
        return ""
    first, last = frame["month"].drop_nulls().min(), frame["month"].drop_nulls().max()
    return f"{first:%b %Y} - {last:%b %Y}"


def _ordered(entry: dict) -> dict:
    keys = [k for k in CARD if k in entry] + [k for k in entry if k not in CARD]
    return {k: entry[k] for k in keys if k not in MEASURED} | {
        k: entry[k] for k in MEASURED if k in entry
    }


def pin(official_dir: Path, file: Path, card: dict, today: str | None = None) -> tuple[dict, str]:
    """Copy `file` to card['path'], read it with its module, and add its lock entry.

    Refuses (SourceError, nothing changed) a path already locked or present, an unknown module
    or layout, a file its module cannot read, and any row the module rejects.
    Returns the entry and a one-line summary (rows and months read).
    """
    official_dir = Path(official_dir)
    rel = card["path"]
    target = official_dir / rel
    if any(e["path"] == rel for e in official_lock.entries(official_dir)) or target.exists():
        raise SourceError(rel, f"already in {official_lock.LOCK_NAME} or in the folder")
    module = official_registry.module_for(card)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, target)
    entry = dict(card)
    entry["sha256"] = official_lock.sha256_file(target)
    entry["bytes"] = target.stat().st_size
    entry["retrieved"] = today or dt.date.today().isoformat()
    try:
        frame, rejects = module.parse_checked(target, entry)
        if rejects:
            raise SourceError(rel, "rows rejected: " + "; ".join(r.message() for r in rejects[:5]))
    except BaseException:
        target.unlink()
        raise
    months = _month_range(frame)
    entry.setdefault("coverage", months or None)
    lock = official_lock.load(official_dir)
    lock["files"].append(_ordered(entry))
    official_lock.save(official_dir, lock)
    summary = f"pinned {rel}: {frame.height} rows{', ' + months if months else ''}, "
    summary += f"{entry['bytes']} bytes, sha256 {entry['sha256']}"
    return entry, summary


def card_like(official_dir: Path, like: str, file_name: str, overrides: dict) -> dict:
    """A new entry's card: the card of locked file `like`, in its folder, with overrides."""
    base = next((e for e in official_lock.entries(official_dir) if e["path"] == like), None)
    if base is None:
        raise SourceError(like, f"--like names no file in {official_lock.LOCK_NAME}")
    card = {k: v for k, v in base.items() if k in CARD and k not in ("coverage", "note")}
    card["path"] = f"{like.rsplit('/', 1)[0]}/{file_name}" if "/" in like else file_name
    return card | {k: v for k, v in overrides.items() if v is not None}
