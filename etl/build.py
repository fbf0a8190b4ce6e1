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
import re
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

# One OpenBLAS thread: the policy statistics' products are small (threads cost more than they
# save), and numpy's import is ~35 ms of CPU cheaper when OpenBLAS starts no thread pool. Set
# before the worker imports numpy; a value already in the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import duckdb
import polars as pl

from etl import official_registry, paths, series
from etl.arrow_stream import ArrowStream
from etl.fingerprint import code_version, input_fingerprint, unchanged_build
from etl.problems import Reject, SourceError
from etl.sources import Dirs, SourceOutput, curated, published_totals
from marts_io.checksum import sha256_file
from marts_io.manifest import MANIFEST, count_rows, opened_mismatch
from marts_io.spreadsheet import safe_text

# Marts computed in Python (statistics in numpy), with the marts each reads. Each module has
# compute_all(con) -> {table: frame} (reads only) and write(con, tables).
PYTHON_MARTS: dict[str, tuple[str, ...]] = {
    "etl.policy_effects": ("policy_events", *series.MARTS_READ),  # key events, then series
}
REJECT_COLUMNS = ["file", "line", "column", "column_name", "value", "reason"]
# A dataset may lose at most this share of its rows against the last good build.
MAX_SHRINK_SHARE = 0.2
# The temp file is written without DuckDB's fsync at each commit (one per table, ~1-5 ms each):
# nothing reads it until it is closed, verified and fsynced whole by replace_atomically before
# the rename, and a crash before then leaves only a temp file the next build removes.
TEMP_FILE_CONFIG = {"fsync_mode": "NONE"}
# The temp file is attached under this name to one in-memory database, which builds it,
# detaches it (checkpoint, file closed) and attaches it again read-only to check it: one DuckDB
# instance per build instead of two (each costs ~10 ms to start and to close).
BUILDING = "building"
# Once the SQL marts are built, every commit checkpoints: its tables go to the file once, not
# to the WAL and then to the file again at the last checkpoint.
WRITE_THROUGH_THRESHOLD = "0b"


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


def read_sources(
    dirs: Dirs,
    say: Callable[[str], None],
    each: Callable[[str, SourceOutput], None] | None = None,
) -> dict[str, SourceOutput]:
    """Every source, read two at a time: the curated checks run in Python while polars and
    fastexcel parse the official files outside the GIL. Outputs keep the modules' order, and
    the first failing module (in that order) raises, as when they were read one by one.
    `each(name, output)` runs in this thread for each source as soon as it is read, in the
    order they finish (so when the last one is read, only its tables are left to load), and
    for none once a source has failed."""
    modules = source_modules(dirs)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="read-sources") as pool:
        futures = {}
        for module in modules:
            say(f"reading {module.NAME}")
            futures[pool.submit(module.read, dirs)] = module.NAME
        if each is not None:
            for future in as_completed(futures):
                if future.exception() is not None:
                    break  # the first failing module, in the modules' order, raises below
                each(futures[future], future.result())
        return {name: future.result() for future, name in futures.items()}


def open_building(tmp: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the new marts file `tmp` attached as BUILDING, in use, and
    its schemas made."""
    con = duckdb.connect(":memory:", config=TEMP_FILE_CONFIG)
    try:
        con.execute(f"attach ? as {BUILDING}", [str(tmp)])
        con.execute(f"use {BUILDING}")
        con.execute("; ".join(f"create schema {s}" for s in ("raw", "staging", "marts", "meta")))
    except BaseException:
        con.close()
        raise
    return con


def close_opened(opened: Future) -> None:
    """Close the connection `opened` made (waits for it; nothing to close if it failed)."""
    if opened.exception() is None:
        opened.result().close()


def load_raw(con: duckdb.DuckDBPyConnection, name: str, output: SourceOutput) -> None:
    """One source's tables, as raw.<source>__<table> (each read as an Arrow stream, with no
    name to register and unregister: ~0.4 ms of Python less per table)."""
    for table, frame in output.tables.items():
        con.from_arrow(ArrowStream(frame)).create(f'raw."{name}__{table}"')


def load_sources(con: duckdb.DuckDBPyConnection, outputs: dict[str, SourceOutput]) -> None:
    """meta.sources: every source's citation rows, as text, by source_id."""
    sources = []
    for name, output in outputs.items():
        if output.sources is not None:
            frame = output.sources
            if "dataset" not in frame.columns:
                frame = frame.with_columns(pl.lit(name).alias("dataset"))
            sources.append(frame.with_columns(pl.all().cast(pl.String)))
    all_sources = pl.concat(sources, how="diagonal") if sources else pl.DataFrame()
    con.from_arrow(ArrowStream(all_sources)).order("source_id").create("meta.sources")


def sql_files(layer: str) -> list[Path]:
    return sorted((paths.SQL_DIR / layer).glob("*.sql"))


def mart_order(paths_: list[Path], wanted: set[str]) -> list[Path]:
    """The marts in `wanted` first, each after the marts its SQL names (`marts.<name>`), then
    the rest: an order to try, not a promise (run_sql_layers retries what cannot run yet)."""
    by_name = {p.stem: p for p in paths_}
    names = {n: set(re.findall(r"marts\.(\w+)", p.read_text())) for n, p in by_name.items()}
    order: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in by_name and name not in seen:
            seen.add(name)
            for dependency in sorted(names[name]):
                visit(dependency)
            order.append(name)

    for name in sorted(wanted):
        visit(name)
    return [by_name[n] for n in order] + [p for p in paths_ if p.stem not in order]


def _compute_python_mart(module_name: str, cursor: duckdb.DuckDBPyConnection):
    """Import a Python mart, compute its tables and write them, on its own cursor (run in a
    worker while the main thread runs the checks). The tables are written in one transaction:
    once the SQL marts are built, its commit writes them straight into the file (a checkpoint,
    see run_sql_layers) instead of to the WAL and again at the last checkpoint."""
    try:
        module = importlib.import_module(module_name)
        tables = module.compute_all(cursor)
        cursor.execute("begin")
        module.write(cursor, tables)
        cursor.execute("commit")
        return module, list(tables)
    finally:
        cursor.close()  # rolls back what a failed write began


def cursor_of(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor (its own connection, for another thread) on the database `con` is using."""
    cursor = con.cursor()
    (database,) = con.execute("select current_database()").fetchone()
    cursor.execute(f'use "{database}"')
    return cursor


def run_sql_layers(
    con: duckdb.DuckDBPyConnection,
    say: Callable[[str], None],
    meanwhile: Callable[[], None] = lambda: None,
    checkpointed: Callable[[], None] = lambda: None,
) -> list[str]:
    """Staging views, SQL marts, then the Python marts; returns the marts made ("marts.x").
    A worker thread imports each Python mart (numpy) while DuckDB runs, and computes and
    writes it, on its own cursor, as soon as the marts it reads exist, while DuckDB builds
    the other SQL marts (DuckDB does not hold the GIL while it runs a query). `meanwhile`
    runs once every SQL mart is built, while the Python marts may still compute; if they are
    not done by then, what is built so far is checkpointed while they finish."""
    for path in sql_files("staging"):
        con.execute(f"create view staging.{path.stem} as {path.read_text()}")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="python-marts") as worker:
        for name in PYTHON_MARTS:
            worker.submit(importlib.import_module, name)
        waiting, started, built = dict(PYTHON_MARTS), [], set()

        def start_ready() -> None:
            for name, reads in list(waiting.items()):
                if set(reads) <= built:
                    started.append(worker.submit(_compute_python_mart, name, cursor_of(con)))
                    del waiting[name]

        wanted = {mart for reads in PYTHON_MARTS.values() for mart in reads}
        pending = mart_order(sql_files("marts"), wanted)
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
                    continue
                built.add(path.stem)
                start_ready()
            if len(failed) == len(pending):
                names = ", ".join(p.name for p in failed)
                raise BuildError(f"sql/marts: cannot build {names}: {last_error}")
            pending = failed
        # From here on a commit checkpoints (unless another transaction writes): the Python
        # marts' tables, then meta.build, go straight into the file, not through the WAL.
        con.execute(f"set checkpoint_threshold = '{WRITE_THROUGH_THRESHOLD}'")
        for name in waiting:  # reads a mart no SQL file makes: let it find it missing
            started.append(worker.submit(_compute_python_mart, name, cursor_of(con)))
        meanwhile()
        if not all(future.done() for future in started):
            # The Python marts still compute: write what is built so far to the file now, so
            # their commit and meta.build's have only their own tables left to write.
            if checkpoint_unless_busy(con):
                checkpointed()
        for future in started:
            module, tables = future.result()
            built.update(tables)
            say(f"mart {module.__name__.rsplit('.', 1)[-1]}")
    return sorted(f"marts.{name}" for name in built)


def checkpoint_unless_busy(con: duckdb.DuckDBPyConnection) -> bool:
    """Checkpoint now, unless another connection has a transaction open (DuckDB then refuses
    and the statement is rolled back; the final checkpoint writes everything anyway)."""
    try:
        con.execute("checkpoint")
    except duckdb.TransactionException:
        return False
    return True


def checks_by_stage() -> tuple[list[Path], list[Path]]:
    """(checks that read only SQL marts and raw tables, checks that name a mart no SQL file
    makes: a Python mart, written last)."""
    sql_marts = {p.stem for p in sql_files("marts")}
    early, late = [], []
    for path in sql_files("checks"):
        named = set(re.findall(r"marts\.(\w+)", path.read_text()))
        (late if named - sql_marts else early).append(path)
    return early, late


def run_checks(con: duckdb.DuckDBPyConnection, checks: list[Path] | None = None) -> None:
    problems = []
    for path in sql_files("checks") if checks is None else checks:
        rows = con.execute(path.read_text()).fetchall()
        if rows:
            problems.append(f"sql/checks/{path.name}: {len(rows)} row(s), first: {rows[0]}")
    if problems:
        raise BuildError("data checks failed:\n  " + "\n  ".join(problems))


def write_meta(
    con, tables: list[str], built_at: str, version: str, inputs: dict[str, str]
) -> dict[str, int]:
    """meta.build: when, by which code, from which inputs, and the rows of each table named
    (the build's own: listing them from the catalog would cost a first scan of DuckDB's
    system views, ~6 ms per build)."""
    counts = count_rows(con, sorted(tables))
    counts["meta.build"] = 1
    con.execute(
        "create table meta.build as select ?::timestamp as built_at, ? as code_version, "
        "? as inputs, ? as row_counts",
        [built_at, version, json.dumps(inputs, sort_keys=True), json.dumps(counts)],
    )
    return counts


def write_rejects(marts_dir: Path, rejects: list[Reject]) -> str:
    """rejects.csv (spreadsheet-safe, written whole then renamed); returns its sha256."""
    target = marts_dir / "rejects.csv"
    tmp = target.with_name(f"rejects.csv.tmp-{os.getpid()}")
    with tmp.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, REJECT_COLUMNS)
        writer.writeheader()
        for reject in rejects:
            row = reject.as_row()
            writer.writerow({k: safe_text(v) if isinstance(v, str) else v for k, v in row.items()})
    os.replace(tmp, target)
    return sha256_file(target)


def input_rows(outputs: dict[str, SourceOutput]) -> dict[str, int]:
    """Rows read (valid rows only) per raw table, recorded in the manifest for the shrink guard."""
    return {
        f"raw.{name}__{table}": frame.height
        for name, output in outputs.items()
        for table, frame in output.tables.items()
    }


def _files_of(table: str, outputs: dict[str, SourceOutput]) -> str:
    module, _, name = table.removeprefix("raw.").partition("__")
    files = sorted(outputs[module].inputs) if module in outputs else []
    same_stem = [f for f in files if Path(f).stem == name]
    return ", ".join(same_stem or files) or table


def shrink_problems(
    outputs: dict[str, SourceOutput], previous: dict[str, int], same_code: bool = True
) -> list[str]:
    """Datasets that are empty, gone, or lost more than MAX_SHRINK_SHARE of their rows.

    A raw table missing after a code change was renamed by the code, not lost by an input.
    """
    now, problems = input_rows(outputs), []
    for table in sorted(set(now) | set(previous)):
        before, after = previous.get(table), now.get(table)
        where = _files_of(table, outputs)
        if after is None:
            if same_code:
                problems.append(f"{table}: gone (the last good build had {before} rows)")
        elif after == 0:
            had = f" (the last good build had {before})" if before else ""
            problems.append(f"{where}: no rows{had}")
        elif before and after < before * (1 - MAX_SHRINK_SHARE):
            problems.append(
                f"{where}: {after} rows, the last good build had {before} "
                f"(a loss of {1 - after / before:.0%}, more than {MAX_SHRINK_SHARE:.0%})"
            )
    return problems


def previous_build(marts_dir: Path) -> tuple[dict[str, int], str | None]:
    """Rows per raw table and the code version of the last good build (none: {}, None)."""
    try:
        manifest = json.loads((marts_dir / MANIFEST).read_text(encoding="utf-8"))
        rows = {str(k): int(v) for k, v in manifest.get("input_rows", {}).items()}
        return rows, manifest.get("code_version")
    except (OSError, ValueError, AttributeError, TypeError):
        return {}, None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temp_files(marts_dir: Path) -> list[str]:
    """Temp files left by killed builds (their process is gone); a live build's are kept."""
    removed = []
    for path in marts_dir.glob("*.tmp-*"):
        pid_text = path.name.rsplit(".tmp-", 1)[1].split(".", 1)[0]
        if pid_text.isdigit() and pid_alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue
        path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed


def fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def replace_atomically(tmp: Path, target: Path) -> None:
    fsync_file(tmp)
    os.replace(tmp, target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def wal_of(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def remove_temp(tmp: Path) -> None:
    for leftover in (tmp, wal_of(tmp)):
        leftover.unlink(missing_ok=True)


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def build(
    dirs: Dirs | None = None,
    marts_dir: Path | None = None,
    allow_rejects: bool = False,
    force: bool = False,
    say: Callable[[str], None] = stderr,
    allow_shrink: bool = False,
) -> BuildReport:
    """Build the marts; see the module docstring. Raises nothing: the report says what happened."""
    dirs = dirs or Dirs(paths.raw_dir(), paths.official_dir())
    marts_dir = marts_dir or paths.marts_dir()
    try:
        marts_dir.mkdir(parents=True, exist_ok=True)
        old = None if force else unchanged_build(dirs, marts_dir)
        if old is not None:
            return BuildReport(
                "unchanged",
                "inputs and code unchanged; marts kept",
                row_counts=old.get("row_counts", {}),
            )
        for name in remove_stale_temp_files(marts_dir):
            say(f"removed {name} (left by an interrupted build)")
        return _build(dirs, marts_dir, allow_rejects, allow_shrink, say)
    except OSError as err:
        where = err.filename or marts_dir
        return BuildReport(
            "failed",
            f"{where}: {err.strerror or err}; check that the folder exists and is writable "
            "(or pass --marts-dir)",
        )


def _build(
    dirs: Dirs,
    marts_dir: Path,
    allow_rejects: bool,
    allow_shrink: bool,
    say: Callable[[str], None],
) -> BuildReport:
    target, manifest_path = paths.marts_path(marts_dir), marts_dir / MANIFEST
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    tmp_manifest = manifest_path.with_name(f"{MANIFEST}.tmp-{os.getpid()}")
    remove_temp(tmp)
    # A side thread hashes the inputs and the code (file reads and sha256 outside the GIL) and
    # opens the new file while the sources are read; each source's raw tables are loaded
    # (DuckDB, outside the GIL) as soon as it is read, while the next ones are still read.
    side = ThreadPoolExecutor(max_workers=1, thread_name_prefix="build-side")
    opened, built = None, False
    try:
        opened = side.submit(open_building, tmp)  # first: the first source read loads into it
        fingerprint_of = side.submit(input_fingerprint, dirs)
        version_of = side.submit(code_version)
        outputs = read_sources(dirs, say, lambda name, out: load_raw(opened.result(), name, out))
        fingerprint, version = fingerprint_of.result(), version_of.result()
        rejects = [r for output in outputs.values() for r in output.rejects]
        rejects_sha256 = write_rejects(marts_dir, rejects)
        if rejects and not allow_rejects:
            return BuildReport("failed", f"{len(rejects)} row(s) failed their checks", rejects)
        previous, previous_code = previous_build(marts_dir)
        shrunk = shrink_problems(outputs, previous, previous_code == version)
        if shrunk and not allow_shrink:
            return BuildReport(
                "failed",
                "an input lost data against the last good build:\n  "
                + "\n  ".join(shrunk)
                + "\nrestore the file, or pass --allow-shrink if the loss is intended",
                rejects,
            )
        inputs = {k: v for output in outputs.values() for k, v in output.inputs.items()}
        built_at = datetime.now(UTC).replace(microsecond=0).isoformat()
        con = opened.result()
        load_sources(con, outputs)
        early, late = checks_by_stage()
        marts = run_sql_layers(
            con,
            say,
            meanwhile=lambda: run_checks(con, early),
            # what that checkpoint wrote goes to the disk while the Python marts finish, so the
            # last fsync (before the rename) has only what was written after it left to flush
            checkpointed=lambda: side.submit(fsync_file, tmp),
        )
        run_checks(con, late)
        counts = write_meta(con, ["meta.sources", *marts], built_at, version, inputs)
        con.execute("checkpoint")
        con.execute("use memory")
        con.execute(f"detach {BUILDING}")
        if wal_of(tmp).exists():
            raise BuildError(f"{wal_of(tmp).name} is left after the checkpoint")
        manifest = {
            "built_at": built_at,
            "code_version": version,
            "fingerprint": fingerprint,
            "inputs": inputs,
            "input_rows": input_rows(outputs),
            "row_counts": counts,
            "rejected_rows": len(rejects),
            "rejects_sha256": rejects_sha256,
        }
        # The file's sha256 (and its fsync, so the rename below finds it on disk) in the side
        # thread while DuckDB reads it back for the check.
        sealed = side.submit(sha256_file, tmp, fsync=True)
        check_written(tmp, manifest, con)
        con.close()  # done with DuckDB: it frees its memory (~5-10 ms) while the file is hashed
        manifest["marts_sha256"] = sealed.result()
        tmp_manifest.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        replace_atomically(tmp, target)
        os.replace(tmp_manifest, manifest_path)
        built = True
    except (SourceError, BuildError, duckdb.Error) as err:
        return BuildReport("failed", str(err))
    finally:
        if opened is not None:
            close_opened(opened)
        side.shutdown(cancel_futures=True)
        if not built:  # failed, refused or interrupted: the old marts stay, nothing is left
            remove_temp(tmp)
            tmp_manifest.unlink(missing_ok=True)
    return BuildReport("built", f"marts written to {target.name}", rejects, counts)


def check_written(tmp: Path, manifest: dict, con: duckdb.DuckDBPyConnection) -> None:
    """Open the new file read-only and check it against its manifest before it replaces the old."""
    problem = opened_mismatch(tmp, manifest, con)
    if problem:
        raise BuildError(f"the new marts do not verify: {problem}")
