"""Kill during build: a build killed (SIGKILL) at any step leaves the last good marts byte for
byte, still verifying; the next build removes what the killed ones left. Prints kill points
tried and survived.

Each kill point is a progress line of `metering build --force` (reading a source, writing a
mart): the build runs in a child process and is killed as soon as that line appears.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

from etl import paths
from etl.build import build
from etl.marts_verify import verify
from tests.reliability.figures import report

KILL_AT = (
    "reading cbp_aor_encounters",
    "reading curated",
    "reading ohss_monthly",
    "mart cbp_one_monthly",
    "mart waitlist_snapshots",
    "mart turnback_tactics",
    "mart policy_effects",
)


def kill_build_at(line: str, marts) -> bool:
    """Start a forced build and SIGKILL it when `line` is printed; True if it was killed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "build", "--force", "--marts-dir", str(marts)],
        stderr=subprocess.PIPE,
        text=True,
        cwd=paths.ROOT,
    )
    killed = False
    for printed in child.stderr:
        if printed.strip() == line:
            os.kill(child.pid, signal.SIGKILL)
            killed = True
            break
    child.stderr.close()
    child.wait(timeout=120)
    return killed and child.returncode == -signal.SIGKILL


def test_killed_builds_leave_the_last_good_marts(tmp_path, marts_dir, real_dirs):
    marts = tmp_path / "marts"
    shutil.copytree(marts_dir, marts)
    before = {p.name: p.read_bytes() for p in marts.iterdir()}
    survived = []
    for line in KILL_AT:
        assert kill_build_at(line, marts), f"the build never printed {line!r}"
        now = {p.name: p.read_bytes() for p in marts.iterdir() if ".tmp-" not in p.name}
        verify(marts)
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
