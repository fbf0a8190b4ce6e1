"""The tree is ruff-clean (rules E, F, W, I, UP, B; line 100), as pyproject.toml sets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from etl import paths


def test_ruff_check_passes():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "."], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]
