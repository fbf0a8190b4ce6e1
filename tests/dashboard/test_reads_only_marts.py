"""The web app reads only marts: serving it loads no pipeline code (of etl/, only the folder
settings etl.paths), and so neither scipy nor the statistics code. The import rules themselves
are in tests/meta/test_imports.py; this checks what a running app really loads."""

from __future__ import annotations

import subprocess
import sys

STATISTICS = ("etl.series", "etl.policy_effects", "etl.stats")


def modules_loaded_by_serving() -> set[str]:
    code = "import sys, dashboard.app\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_serving_the_app_loads_no_pipeline_scipy_or_statistics_code():
    loaded = modules_loaded_by_serving()
    assert {m for m in loaded if m.split(".")[0] == "etl"} == {"etl", "etl.paths"}
    assert "marts_io.manifest" in loaded  # the app checks the marts it opens
    bad = [
        m for m in loaded if m.split(".")[0] in ("scipy", "statsmodels") or m.startswith(STATISTICS)
    ]
    assert bad == []
