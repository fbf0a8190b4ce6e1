"""The only module that knows the project's folders: one root, each folder overridable by env."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = ROOT / "sql"
MARTS_FILE = "metering.duckdb"


@dataclass(frozen=True)
class Dirs:
    """The two input folders a build reads."""

    raw: Path
    official: Path


def _from_env(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).resolve() if value else default


def raw_dir() -> Path:
    """Curated, cited CSVs and their source cards (METERING_RAW_DIR)."""
    return _from_env("METERING_RAW_DIR", ROOT / "data" / "raw" / "curated")


def official_dir() -> Path:
    """Pinned official CBP/DHS files and official.lock (METERING_OFFICIAL_DIR)."""
    return _from_env("METERING_OFFICIAL_DIR", ROOT / "data" / "raw" / "official")


def marts_dir() -> Path:
    """Built DuckDB marts, manifest.json and rejects.csv (METERING_MARTS_DIR)."""
    return _from_env("METERING_MARTS_DIR", ROOT / "data" / "marts")


def marts_path(directory: Path | None = None) -> Path:
    return (directory or marts_dir()) / MARTS_FILE
