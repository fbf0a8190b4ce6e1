"""Build cost against a bare read of the same inputs, and the cost of a no-op rebuild.

Run: `uv run python benchmarks/build_vs_read.py` (from the repository root).

Three whole processes, each run 3 times (median wall time, `time.perf_counter`):
  (a) `metering build --force` into a temporary marts folder: parse, check, load, SQL, swap;
  (b) a bare read of the same files: DuckDB `read_csv` for every CSV (official and curated) and
      polars `read_excel` (calamine) for every sheet of every xlsx, nothing else;
  (c) `metering build` again with unchanged inputs (no --force): should only compare hashes.
Prints the three medians, the ratio (a)/(b) (goal ≤ 3×) and whether (c) is under 1 s.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl import paths  # noqa: E402

REPEATS = 3
RATIO_GOAL, NOOP_GOAL_S = 3.0, 1.0
BARE_READ = """
import sys
import duckdb
import polars as pl

con = duckdb.connect()
for path in sys.argv[1:]:
    if path.endswith(".csv"):
        con.execute("select * from read_csv(?)", [path]).fetchall()
    else:
        pl.read_excel(path, sheet_id=0, engine="calamine", has_header=False)
"""


def metering() -> list[str]:
    """The `metering` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("metering")
    return [str(script)] if script.exists() else [sys.executable, "-m", "metering.cli"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return elapsed


def median_of(cmd: list[str]) -> float:
    return statistics.median(timed(cmd) for _ in range(REPEATS))


def inputs() -> list[str]:
    files = [
        *paths.official_dir().rglob("*.csv"),
        *paths.official_dir().rglob("*.xlsx"),
        *paths.raw_dir().glob("*.csv"),
    ]
    return sorted(str(f) for f in files)


def main() -> None:
    files = inputs()
    marts = Path(tempfile.mkdtemp(prefix="bench-marts-"))
    dirs = [
        "--raw-dir",
        str(paths.raw_dir()),
        "--official-dir",
        str(paths.official_dir()),
        "--marts-dir",
        str(marts),
    ]
    try:
        build = median_of([*metering(), "build", *dirs, "--force"])
        read = median_of([sys.executable, "-c", BARE_READ, *files])
        noop = median_of([*metering(), "build", *dirs])
    finally:
        shutil.rmtree(marts, ignore_errors=True)
    ratio = build / read
    print(
        f"inputs: {len(files)} files ({sum(f.endswith('.xlsx') for f in files)} xlsx); "
        f"median of {REPEATS} runs each, whole processes"
    )
    print(f"(a) metering build --force : {build:6.2f} s")
    print(f"(b) bare read of the inputs: {read:6.2f} s")
    print(
        f"    ratio (a)/(b)          : {ratio:6.2f}x  (goal <= {RATIO_GOAL:g}x: "
        f"{'met' if ratio <= RATIO_GOAL else 'NOT met'})"
    )
    print(
        f"(c) no-op rebuild          : {noop:6.2f} s  (goal < {NOOP_GOAL_S:g} s: "
        f"{'met' if noop < NOOP_GOAL_S else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
