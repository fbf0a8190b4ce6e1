"""Hand a polars frame to DuckDB (`from_arrow`) as an Arrow C stream.

DuckDB reads a polars DataFrame through `DataFrame.to_arrow()`, which imports
pyarrow (~0.4 s of every build process) and copies the frame. Wrapped, the frame is read
through polars' own Arrow C stream export instead: the same columns, types and values.
"""

from __future__ import annotations

import polars as pl


class ArrowStream:
    """A polars DataFrame that DuckDB sees only as an object with `__arrow_c_stream__`."""

    def __init__(self, frame: pl.DataFrame):
        self.frame = frame

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        return self.frame.__arrow_c_stream__(requested_schema)
