"""Marts that prove themselves: the marts file against its manifest.json and its own meta.build.

A marts file verifies when its sha256 is the one manifest.json (beside it) recorded, it opens
read-only, its `meta.build` row names the same inputs (file → sha256), build time and row
counts as `manifest.json`, and every table listed there holds that many rows. The build checks this
after writing and before calling a build "unchanged"; the app checks it whenever a new marts
file appears (and /healthz reports it).
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from marts_io.checksum import sha256_file

MANIFEST = "manifest.json"


class MartsInvalid(Exception):
    """The marts are missing, unreadable or do not match their manifest (the reason says which)."""


def manifest_path(marts_dir: Path) -> Path:
    return Path(marts_dir) / MANIFEST


def read_manifest(marts_dir: Path) -> dict:
    path = manifest_path(marts_dir)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MartsInvalid(f"{MANIFEST} is missing: run `metering build`") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise MartsInvalid(
            f"{MANIFEST} cannot be read ({err}): run `metering build --force`"
        ) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("row_counts"), dict):
        raise MartsInvalid(f"{MANIFEST} has no row counts: run `metering build --force`")
    return manifest


def meta_build(con: duckdb.DuckDBPyConnection, catalog: str) -> dict:
    rows = con.execute(
        f"select built_at, inputs, row_counts from {catalog}.meta.build"  # catalog: our own name
    ).fetchall()
    if len(rows) != 1:
        raise MartsInvalid(f"meta.build has {len(rows)} rows instead of 1")
    built_at, inputs, counts = rows[0]
    return {
        "built_at": built_at.isoformat(),
        "inputs": json.loads(inputs),
        "row_counts": json.loads(counts),
    }


def mismatch(con: duckdb.DuckDBPyConnection, catalog: str, manifest: dict) -> str | None:
    """Why the attached marts (`catalog`) do not match `manifest`, or None when they do."""
    try:
        meta = meta_build(con, catalog)
    except duckdb.Error as err:
        return f"meta.build cannot be read ({str(err).splitlines()[0]})"
    if meta["built_at"][:19] != str(manifest.get("built_at"))[:19]:  # naive vs +00:00
        return f"meta.build built_at differs from {MANIFEST}"
    for key in ("inputs", "row_counts"):
        if meta[key] != manifest.get(key):
            return f"meta.build {key} differs from {MANIFEST}"
    tables = sorted(meta["row_counts"])
    try:
        counts = count_rows(con, tables, catalog)
    except duckdb.Error:  # a table cannot be read: count them one by one to name it
        counts = None
    for table in tables:
        try:
            found = (
                counts[table] if counts is not None else count_rows(con, [table], catalog)[table]
            )
        except duckdb.Error as err:
            return f"{table} cannot be read ({str(err).splitlines()[0]})"
        if found != meta["row_counts"][table]:
            return f"{table} has {found} rows, meta.build says {meta['row_counts'][table]}"
    return None


def count_rows(
    con: duckdb.DuckDBPyConnection, tables: list[str], catalog: str = ""
) -> dict[str, int]:
    """{"schema.table": rows} for every table named, in one query (one round trip, one scan
    of the catalog); `catalog` (our own name) prefixes each table when given."""
    if not tables:
        return {}
    prefix = f"{catalog}." if catalog else ""
    selects = []
    for i, table in enumerate(tables):
        schema, _, name = table.partition(".")
        selects.append(f'select {i} as i, count(*) as n from {prefix}"{schema}"."{name}"')
    rows = con.execute(" union all ".join(selects)).fetchall()
    return {tables[i]: n for i, n in sorted(rows)}


def file_mismatch(target: Path, manifest: dict) -> str | None:
    """The marts file's bytes against the sha256 the manifest recorded when it was built."""
    expected = manifest.get("marts_sha256")
    if expected and sha256_file(target) != expected:
        return f"its sha256 differs from {MANIFEST} (the file changed after the build)"
    return None


def opened_mismatch(
    target: Path, manifest: dict, con: duckdb.DuckDBPyConnection | None = None
) -> str | None:
    """Open the marts file read-only and say why it does not match `manifest`, or None.

    The file is attached read-only to `con` (the build's own in-memory database, which has
    detached it, so it is read back from disk) and detached after, or to a new in-memory one."""
    own = con is None
    con = duckdb.connect(":memory:") if con is None else con
    try:
        con.execute("attach ? as checked (read_only)", [str(target)])
        try:
            return mismatch(con, "checked", manifest)
        finally:
            con.execute("detach checked")
    finally:
        if own:
            con.close()


def verify(target: Path) -> dict:
    """The manifest of the marts file `target` (manifest.json beside it) if it verifies;
    MartsInvalid with the reason."""
    target = Path(target)
    if not target.is_file():
        raise MartsInvalid(f"{target.name} is missing: run `metering build`")
    if target.stat().st_size == 0:
        raise MartsInvalid(f"{target.name} is empty (0 bytes): run `metering build --force`")
    manifest = read_manifest(target.parent)
    problem = file_mismatch(target, manifest)
    if problem:
        raise MartsInvalid(f"{target.name}: {problem}: run `metering build --force`")
    try:
        problem = opened_mismatch(target, manifest)
    except duckdb.Error as err:
        problem = f"cannot be opened ({str(err).splitlines()[0]})"
    if problem:
        raise MartsInvalid(f"{target.name}: {problem}: run `metering build --force`")
    return manifest
