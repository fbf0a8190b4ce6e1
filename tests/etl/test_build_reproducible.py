"""Reproducibility: a build in a second process gives the same marts as this session's build."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb

from etl import paths


def table_bytes(con: duckdb.DuckDBPyConnection, table: str) -> bytes:
    """A table's rows, every value at full precision, in a fixed order."""
    return repr(con.execute(f"select * from {table} order by all").fetchall()).encode()


def test_a_second_process_builds_identical_marts(tmp_path, marts_dir, marts_con):
    other = tmp_path / "marts"
    done = subprocess.run(
        [sys.executable, "-m", "metering.cli", "build", "--force", "--marts-dir", str(other)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    theirs = duckdb.connect(str(paths.marts_path(other)), read_only=True)
    tables = [
        t
        for (t,) in marts_con.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_schema in ('marts', 'meta') and table_name <> 'build' order by 1"
        ).fetchall()
    ]
    assert "marts.encounters_monthly" in tables and "meta.sources" in tables
    for table in tables:
        assert table_bytes(theirs, table) == table_bytes(marts_con, table), table
    theirs.close()
    mine = json.loads((marts_dir / "manifest.json").read_text())
    second = json.loads((other / "manifest.json").read_text())
    for key in ("fingerprint", "code_version", "inputs", "row_counts"):
        assert second[key] == mine[key], key
