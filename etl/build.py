"""Build the marts: every source → raw.* → sql/staging views → sql/marts tables → checks.

The database is written to a temporary file beside the target and renamed over it only when
every step and every check has passed, so readers never see a half-built file and a failed
build leaves the last good marts in place (the app picks up the new file without a restart).
"""

from __future__ import annotations

import csv
import importlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from etl import official_registry, paths
from etl.fingerprint import code_version, input_fingerprint, unchanged_build
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput, curated, published_totals

# Marts computed in Python after the SQL marts (statistics need scipy). Each has build(con).
PYTHON_MARTS: tuple[str, ...] = ("etl.policy_effects",)
REJECT_COLUMNS = ["file", "line", "column", "column_name", "value", "reason"]


class BuildError(Exception):
    """The build stopped; the previous marts were left untouched."""


@dataclass
class BuildReport:
    status: str  # built | unchanged | failed
    message: str = ""
    rejects: list[Reject] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)


def source_modules(dirs: Dirs) -> list:
    """The files the project types itself (curated CSVs, published totals), then every module
    official.lock names (etl/official_registry.py)."""
    return [curated, published_totals, *official_registry.official_modules(dirs.official)]


def read_sources(dirs: Dirs, say: Callable[[str], None]) -> dict[str, SourceOutput]:
    outputs = {}
    for module in source_modules(dirs):
        say(f"reading {module.NAME}")
        outputs[module.NAME] = module.read(dirs)
    return outputs


def load_raw(con: duckdb.DuckDBPyConnection, outputs: dict[str, SourceOutput]) -> None:
    for schema in ("raw", "staging", "marts", "meta"):
        con.execute(f"create schema if not exists {schema}")
    sources = []
    for name, output in outputs.items():
        for table, frame in output.tables.items():
            con.register("frame", frame)
            con.execute(f'create table raw."{name}__{table}" as select * from frame')
            con.unregister("frame")
        if output.sources is not None:
            frame = output.sources
            if "dataset" not in frame.columns:
                frame = frame.with_columns(pl.lit(name).alias("dataset"))
            sources.append(frame.with_columns(pl.all().cast(pl.String)))
    all_sources = pl.concat(sources, how="diagonal") if sources else pl.DataFrame()
    con.register("frame", all_sources)
    con.execute("create table meta.sources as select * from frame order by source_id")
    con.unregister("frame")


def sql_files(layer: str) -> list[Path]:
    return sorted((paths.SQL_DIR / layer).glob("*.sql"))


def run_sql_layers(con: duckdb.DuckDBPyConnection, say: Callable[[str], None]) -> None:
    for path in sql_files("staging"):
        con.execute(f"create view staging.{path.stem} as {path.read_text()}")
    pending = sql_files("marts")
    # Marts may read other marts: run what can run, then retry the rest until none is left.
    while pending:
        failed, last_error = [], None
        for path in pending:
            try:
                con.execute(f"create table marts.{path.stem} as {path.read_text()}")
                say(f"mart {path.stem}")
            except duckdb.CatalogException as err:
                failed.append(path)
                last_error = err
        if len(failed) == len(pending):
            names = ", ".join(p.name for p in failed)
            raise BuildError(f"sql/marts: cannot build {names}: {last_error}")
        pending = failed
    for module_name in PYTHON_MARTS:
        importlib.import_module(module_name).build(con)
        say(f"mart {module_name.rsplit('.', 1)[-1]}")


def run_checks(con: duckdb.DuckDBPyConnection) -> None:
    problems = []
    for path in sql_files("checks"):
        rows = con.execute(path.read_text()).fetchall()
        if rows:
            problems.append(f"sql/checks/{path.name}: {len(rows)} row(s), first: {rows[0]}")
    if problems:
        raise BuildError("data checks failed:\n  " + "\n  ".join(problems))


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = con.execute(
        "select table_schema || '.' || table_name from information_schema.tables "
        "where table_schema in ('marts', 'meta') and table_type = 'BASE TABLE' order by 1"
    ).fetchall()
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for (t,) in tables}


def write_meta(con, built_at: str, version: str, inputs: dict[str, str]) -> dict[str, int]:
    counts = row_counts(con)
    counts["meta.build"] = 1
    con.execute(
        "create table meta.build as select ?::timestamp as built_at, ? as code_version, "
        "? as inputs, ? as row_counts",
        [built_at, version, json.dumps(inputs, sort_keys=True), json.dumps(counts)],
    )
    return counts


def write_rejects(marts_dir: Path, rejects: list[Reject]) -> None:
    target = marts_dir / "rejects.csv"
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, REJECT_COLUMNS)
        writer.writeheader()
        writer.writerows(r.as_row() for r in rejects)


def replace_atomically(tmp: Path, target: Path) -> None:
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def remove_temp(tmp: Path) -> None:
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def build(
    dirs: Dirs | None = None,
    marts_dir: Path | None = None,
    allow_rejects: bool = False,
    force: bool = False,
    say: Callable[[str], None] = stderr,
) -> BuildReport:
    """Build the marts; see the module docstring. Raises nothing: the report says what happened."""
    dirs = dirs or Dirs(paths.raw_dir(), paths.official_dir())
    marts_dir = marts_dir or paths.marts_dir()
    marts_dir.mkdir(parents=True, exist_ok=True)
    target, manifest_path = paths.marts_path(marts_dir), marts_dir / "manifest.json"
    old = None if force else unchanged_build(dirs, marts_dir)
    if old is not None:
        return BuildReport(
            "unchanged",
            "inputs and code unchanged; marts kept",
            row_counts=old.get("row_counts", {}),
        )
    fingerprint, version = input_fingerprint(dirs), code_version()
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    remove_temp(tmp)
    try:
        outputs = read_sources(dirs, say)
        rejects = [r for output in outputs.values() for r in output.rejects]
        write_rejects(marts_dir, rejects)
        if rejects and not allow_rejects:
            return BuildReport("failed", f"{len(rejects)} row(s) failed their checks", rejects)
        inputs = {k: v for output in outputs.values() for k, v in output.inputs.items()}
        built_at = datetime.now(UTC).replace(microsecond=0).isoformat()
        with duckdb.connect(str(tmp)) as con:
            load_raw(con, outputs)
            run_sql_layers(con, say)
            run_checks(con)
            counts = write_meta(con, built_at, version, inputs)
            con.execute("checkpoint")
        replace_atomically(tmp, target)
    except (SourceError, BuildError, duckdb.Error) as err:
        remove_temp(tmp)
        return BuildReport("failed", str(err))
    except BaseException:
        remove_temp(tmp)
        raise
    manifest = {
        "built_at": built_at,
        "code_version": version,
        "fingerprint": fingerprint,
        "inputs": inputs,
        "row_counts": counts,
        "rejected_rows": len(rejects),
    }
    tmp_manifest = manifest_path.with_name("manifest.json.tmp")
    tmp_manifest.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    os.replace(tmp_manifest, manifest_path)
    return BuildReport("built", f"marts written to {target.name}", rejects, counts)
