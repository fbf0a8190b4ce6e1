"""Upstream sources. Each module turns its files into raw tables: read(dirs) -> SourceOutput.

A source module exposes NAME and `read(dirs: Dirs) -> SourceOutput`. It must not touch the
database: build.py writes each frame in `tables` to `raw.<NAME>__<table>`. The build reads
`curated` and every module that official.lock names (etl/official_registry.py); see
docs/adding-an-official-source.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from etl.paths import Dirs  # noqa: F401  (re-exported for source modules)
from etl.problems import Reject


@dataclass
class SourceOutput:
    tables: dict[str, pl.DataFrame]
    rejects: list[Reject] = field(default_factory=list)
    # input file (relative to its folder) -> sha256, recorded in meta.build and the manifest
    inputs: dict[str, str] = field(default_factory=dict)
    # rows for meta.sources: source_id, title, publisher, published, url, accessed
    sources: pl.DataFrame | None = None
