"""Build cost against a fair bare read of the same inputs, and the cost of a no-op rebuild.

Run: `uv run python benchmarks/build_vs_read.py [--repeats N] [--profile]` (repository root).

First one recorded build lists exactly what a build reads (benchmarks/build_inputs.py: every
file it opens under the input folders, every xlsx sheet it loads). Then, interleaved (build,
read, build, read, ...) so a busy machine slows both alike, whole processes each time:
  (a) `metering build --force` into a temporary marts folder: parse, check, load, SQL, swap;
  (b) the bare read of those same bytes: each file once, CSVs by polars (text columns), the
      same sheets by fastexcel, the YAML cards by the C loader; nothing checked or written;
  (c) `metering build` again with unchanged inputs (no --force): should only compare hashes.
Prints the medians, the median of the per-pair ratios (a)/(b) (goal <= 3x) and whether (c)
is under 1 s. `--profile` also prints the build's top costs (cProfile, in-process).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
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

RATIO_GOAL, NOOP_GOAL_S = 3.0, 1.0
INPUTS = ROOT / "benchmarks" / "build_inputs.py"


def metering() -> list[str]:
    """The `metering` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("metering")
    return [str(script)] if script.exists() else [sys.executable, "-m", "dashboard.cli"]


def run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return done.stdout


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def profile_build(dirs: list[str], marts: Path) -> None:
    from etl.build import build
    from etl.paths import Dirs

    profiler = cProfile.Profile()
    profiler.enable()
    build(Dirs(Path(dirs[1]), Path(dirs[3])), marts, force=True)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    print("\nbuild profile (cProfile, cumulative, top 30):")
    print(out.getvalue())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
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
        recorded = run([sys.executable, str(INPUTS), "record", dirs[1], dirs[3], str(marts)])
        inputs = marts / "inputs.json"
        inputs.write_text(recorded)
        listed = json.loads(recorded)
        builds, reads = [], []
        for _ in range(args.repeats):
            builds.append(timed([*metering(), "build", *dirs, "--force"]))
            reads.append(timed([sys.executable, str(INPUTS), "read", str(inputs)]))
        noop = statistics.median(timed([*metering(), "build", *dirs]) for _ in range(3))
        if args.profile:
            profile_build(dirs, marts)
    finally:
        shutil.rmtree(marts, ignore_errors=True)
    ratio = statistics.median(b / r for b, r in zip(builds, reads, strict=True))
    sheets = sum(len(s) for s in listed["sheets"].values())
    print(
        f"inputs: {len(listed['files'])} files read by the build ({len(listed['sheets'])} xlsx, "
        f"{sheets} sheets); {args.repeats} interleaved pairs, whole processes"
    )
    print(f"(a) metering build --force : {statistics.median(builds):6.2f} s (median)")
    print(f"(b) bare read, same inputs : {statistics.median(reads):6.2f} s (median)")
    print(
        f"    ratio (a)/(b)          : {ratio:6.2f}x  median of pairs (goal <= {RATIO_GOAL:g}x: "
        f"{'met' if ratio <= RATIO_GOAL else 'NOT met'})"
    )
    print(
        f"(c) no-op rebuild          : {noop:6.2f} s  (goal < {NOOP_GOAL_S:g} s: "
        f"{'met' if noop < NOOP_GOAL_S else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
