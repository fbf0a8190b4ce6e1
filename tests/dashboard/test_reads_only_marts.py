"""The web app reads only marts: dashboard/ imports nothing from etl/ but etl.paths and the
read-side helpers etl.marts_verify and etl.spreadsheet (the command line may start a build),
and serving loads neither scipy nor the statistics code."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

DASHBOARD = Path(__file__).parents[2] / "dashboard"
STATISTICS = ("etl.series", "etl.policy_effects", "etl.stats")


def etl_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("etl"):
            found |= {f"{node.module}.{a.name}" if node.module == "etl" else node.module
                      for a in node.names}  # fmt: skip
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("etl")}
    return found


def test_dashboard_modules_import_only_etl_paths():
    for path in sorted(DASHBOARD.rglob("*.py")):
        imports = etl_imports(path)
        if path.name == "cli.py":  # `metering build`/`check`/`fetch` run the pipeline
            assert not any(i.startswith(STATISTICS) for i in imports), path
        else:  # also the two read-side helpers: marts verification and spreadsheet-safe CSV
            assert imports <= {"etl.paths", "etl.marts_verify", "etl.spreadsheet"}, (path, imports)


def test_serving_the_app_loads_no_scipy_and_no_statistics_code():
    code = (
        "import sys, dashboard.app\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in ('scipy', 'statsmodels') "
        f"or m.startswith({STATISTICS!r})]\n"
        "print(','.join(sorted(bad)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
