"""Kill during build: a build killed (SIGKILL) at any step leaves the last good marts byte for
byte, still verifying; the next build removes what the killed ones left. Prints kill points
tried and survived.

Each kill point is a state of `metering build --force` running in a child process: a progress
line (reading a source), or the new marts file written up to a size (the SQL layers): the
child is killed as soon as that state is seen.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

from etl import paths
from etl.build import build
from marts_io.manifest import verify
from tests.reliability.figures import report

READING = (
    "reading curated",
    "reading published_totals",
    "reading ohss_monthly",
    "reading ohss_khsm",
    "reading cbp_encounters",
    "reading cbp_one_releases",
)
TEMP_SIZES = (1, 1 << 20, 4 << 20)  # bytes of the new marts file when the build is killed
KILL_AT = (*READING, *(f"marts temp file at {size:,} bytes" for size in TEMP_SIZES))


def start_build(marts) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "metering.cli", "build", "--force", "--marts-dir", str(marts)],
        stderr=subprocess.PIPE,
        text=True,
        cwd=paths.ROOT,
    )


def killed(child: subprocess.Popen) -> bool:
    child.stderr.close()
    child.wait(timeout=120)
    return child.returncode == -signal.SIGKILL


def kill_build_at_line(line: str, marts) -> bool:
    """SIGKILL the build when it prints `line`; True if it was killed there."""
    child = start_build(marts)
    for printed in child.stderr:
        if printed.strip() == line:
            os.kill(child.pid, signal.SIGKILL)
            break
    return killed(child)


def kill_build_at_size(size: int, marts) -> bool:
    """SIGKILL the build once its temp marts file holds `size` bytes (polled, not timed)."""
    child = start_build(marts)
    temp = marts / f"{paths.MARTS_FILE}.tmp-{child.pid}"
    while child.poll() is None:
        if temp.exists() and temp.stat().st_size >= size:
            os.kill(child.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    return killed(child)


def kill_build_at(point: str, marts) -> bool:
    if point in READING:
        return kill_build_at_line(point, marts)
    return kill_build_at_size(TEMP_SIZES[KILL_AT.index(point) - len(READING)], marts)


def test_killed_builds_leave_the_last_good_marts(tmp_path, marts_dir, real_dirs):
    marts = tmp_path / "marts"
    shutil.copytree(marts_dir, marts)
    before = {p.name: p.read_bytes() for p in marts.iterdir()}
    survived = []
    for line in KILL_AT:
        assert kill_build_at(line, marts), f"the build never printed {line!r}"
        now = {p.name: p.read_bytes() for p in marts.iterdir() if ".tmp-" not in p.name}
        verify(paths.marts_path(marts))
        if now == before:
            survived.append(line)
    leftovers = [p.name for p in marts.iterdir() if ".tmp-" in p.name]
    report(
        "kill during build",
        f"{len(KILL_AT)} kill points tried, {len(survived)} survived "
        f"(marts byte-identical and verifying); {len(leftovers)} temp files left, "
        "removed by the next build",
    )
    assert survived == list(KILL_AT)
    assert build(real_dirs, marts, force=True, say=lambda m: None).status == "built"
    assert [p.name for p in marts.iterdir() if ".tmp-" in p.name] == []
