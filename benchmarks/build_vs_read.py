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
is under 1 s. `--profile` also prints the timeline of one in-process build (its top costs).

Then the same at 10x and 100x SYNTHETIC rows (benchmarks/synthetic_inputs.py: the official
CBP CSVs repeated, citizenship prefixed "SYNTHETIC i", 0 encounters in each copy so every
published total still reconciles), 3 pairs each, to show how build time grows with rows: the
table gives the build's time per 1,000 CBP rows added at each step (constant or falling:
linear or better). Synthetic inputs live in a temporary folder and are deleted at the end.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synthetic_inputs import cbp_rows  # noqa: E402

from etl import paths  # noqa: E402

RATIO_GOAL, NOOP_GOAL_S = 3.0, 1.0
INPUTS = ROOT / "benchmarks" / "build_inputs.py"
SYNTHETIC = ROOT / "benchmarks" / "synthetic_inputs.py"


def metering() -> list[str]:
    """The `metering` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("metering")
    return [str(script)] if script.exists() else [sys.executable, "-m", "metering.cli"]


def run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return done.stdout


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall s, CPU s: user + system time of the process and all its threads)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run(cmd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


@dataclass
class Measured:
    """Medians of interleaved pairs: wall and CPU seconds of the build and of the bare read,
    and the medians of the per-pair ratios."""

    build: float
    read: float
    ratio: float
    build_cpu: float
    read_cpu: float
    cpu_ratio: float
    listed: dict


def profile_build(dirs: list[str], marts: Path) -> None:
    """One in-process build (imports already done; no cyclic garbage collector, as in
    `metering build`), as a timeline: when each phase and each mart ends, and when the policy
    statistics (computed in a worker thread, overlapping the other SQL marts and the checks)
    start and end, with the worker's own CPU time."""
    from etl import build as b
    from etl.paths import Dirs

    start, cpu_start, marks = time.perf_counter(), time.process_time(), []

    def mark(what: str) -> None:
        marks.append((time.perf_counter() - start, time.process_time() - cpu_start, what))

    def timed_phase(name: str):
        original = getattr(b, name)

        def wrapper(*args, **kwargs):
            mark(f"{name} starts")
            try:
                return original(*args, **kwargs)
            finally:
                mark(f"{name} ends")

        return original, wrapper

    def compute(module_name, cursor):
        mark(f"{module_name} computing (worker thread)")
        cpu = time.thread_time()
        try:
            return compute_original(module_name, cursor)
        finally:
            cpu = time.thread_time() - cpu
            mark(f"{module_name} computed and written: {cpu:.3f} s CPU in the worker")

    phases = (
        "read_sources",
        "load_raw",
        "load_sources",
        "run_checks",
        "write_meta",
        "check_written",
    )
    originals = {name: timed_phase(name) for name in phases}
    compute_original = b._compute_python_mart
    try:
        for name, (_, wrapper) in originals.items():
            setattr(b, name, wrapper)
        b._compute_python_mart = compute
        gc.disable()  # as `metering build` runs (metering/cli.py main)
        start = time.perf_counter()
        b.build(Dirs(Path(dirs[1]), Path(dirs[3])), marts, force=True, say=mark)
        mark("build returns")
    finally:
        gc.enable()
        for name, (original, _) in originals.items():
            setattr(b, name, original)
        b._compute_python_mart = compute_original
    print("\nbuild timeline (one in-process build, ms since it started: wall, CPU of all threads):")
    for at, cpu, what in marks:
        print(f"  {at * 1000:6.0f} {cpu * 1000:6.0f}  {what}")


def measure(raw: str, official: str, repeats: int, work: Path) -> Measured:
    """Build and bare read, interleaved `repeats` times; also what the build read."""
    marts = work / "marts"
    dirs = ["--raw-dir", raw, "--official-dir", official, "--marts-dir", str(marts)]
    recorded = run([sys.executable, str(INPUTS), "record", raw, official, str(marts)])
    inputs = work / "inputs.json"
    inputs.write_text(recorded)
    builds, reads = [], []
    for _ in range(repeats):
        builds.append(timed([*metering(), "build", *dirs, "--force"]))
        reads.append(timed([sys.executable, str(INPUTS), "read", str(inputs)]))
    pairs = list(zip(builds, reads, strict=True))
    median = statistics.median
    return Measured(
        build=median(b[0] for b in builds),
        read=median(r[0] for r in reads),
        ratio=median(b[0] / r[0] for b, r in pairs),
        build_cpu=median(b[1] for b in builds),
        read_cpu=median(r[1] for r in reads),
        cpu_ratio=median(b[1] / r[1] for b, r in pairs),
        listed=json.loads(recorded),
    )


def print_growth(rows: int, real: Measured, scaled: list[tuple[int, Measured]]) -> None:
    """Build time against CBP CSV rows: 1x (real) then each SYNTHETIC scale, with the wall and
    CPU time per 1,000 rows added since the previous line (about constant: linear growth;
    falling: less than linear)."""
    print(
        "\nrows (CBP CSVs) | build s | bare read s | ratio | build CPU s "
        "| per 1,000 rows added: wall ms, CPU ms"
    )
    print(
        f"{rows:>15,} | {real.build:7.2f} | {real.read:11.2f} | {real.ratio:4.1f}x "
        f"| {real.build_cpu:11.2f} | (real inputs)"
    )
    last = rows, real
    for factor, m in scaled:
        n = rows * factor
        added = (n - last[0]) / 1000
        wall, cpu = (m.build - last[1].build) / added, (m.build_cpu - last[1].build_cpu) / added
        print(
            f"{n:>15,} | {m.build:7.2f} | {m.read:11.2f} | {m.ratio:4.1f}x "
            f"| {m.build_cpu:11.2f} | {wall * 1000:6.1f}, {cpu * 1000:5.1f}"
            f"  (SYNTHETIC x{factor}, 3 pairs)"
        )
        last = n, m


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--scales", type=int, nargs="*", default=[10, 100], help="synthetic ×N")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    raw, official = str(paths.raw_dir()), str(paths.official_dir())
    scaled, load_start = [], os.getloadavg()[0]
    try:
        real = measure(raw, official, args.repeats, work)
        marts = ["--raw-dir", raw, "--official-dir", official, "--marts-dir", str(work / "marts")]
        noop = statistics.median(timed([*metering(), "build", *marts])[0] for _ in range(3))
        if args.profile:
            profile_build(marts, work / "marts")
        for factor in args.scales:
            folder = work / f"x{factor}"
            run([sys.executable, str(SYNTHETIC), str(folder), str(factor)])
            raw_x, official_x = str(folder / "curated"), str(folder / "official")
            scaled.append((factor, measure(raw_x, official_x, 3, folder)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    listed = real.listed
    sheets = sum(len(s) for s in listed["sheets"].values())
    print(
        f"inputs: {len(listed['files'])} files read by the build ({len(listed['sheets'])} xlsx, "
        f"{sheets} sheets); {args.repeats} interleaved pairs, whole processes"
    )
    print(f"(a) metering build --force : {real.build:6.2f} s (median; CPU {real.build_cpu:.2f} s)")
    print(f"(b) bare read, same inputs : {real.read:6.2f} s (median; CPU {real.read_cpu:.2f} s)")
    print(
        f"    ratio (a)/(b)          : {real.ratio:6.2f}x  median of pairs (goal <= "
        f"{RATIO_GOAL:g}x: {'met' if real.ratio <= RATIO_GOAL else 'NOT met'}); "
        f"CPU time {real.cpu_ratio:.2f}x"
    )
    print(
        f"(c) no-op rebuild          : {noop:6.2f} s  (goal < {NOOP_GOAL_S:g} s: "
        f"{'met' if noop < NOOP_GOAL_S else 'NOT met'})"
    )
    load_end = os.getloadavg()[0]
    print(f"load average (1 min): {load_start:.1f} at the start, {load_end:.1f} at the end")
    if scaled:
        print_growth(cbp_rows(Path(official)), real, scaled)


if __name__ == "__main__":
    main()
