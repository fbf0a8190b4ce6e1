"""What a build reads, recorded from a real build, and a bare read of exactly that.

`python benchmarks/build_inputs.py record RAW OFFICIAL MARTS` runs `etl.build.build` once and
prints, as JSON, every file the build opened under the two input folders (a Python audit hook
sees each `open`) and every xlsx sheet it loaded (fastexcel's reader is wrapped), in order.

`python benchmarks/build_inputs.py read INPUTS.json` is the bare read of those inputs: each
file's bytes once, CSVs parsed by polars (all columns text), the recorded sheets by fastexcel,
YAML cards by the C loader; nothing is checked, joined or written. It runs the way `metering
build` does, without the cyclic garbage collector, and ends its process the same way (no
interpreter teardown), so neither side skips a cost the other pays.
"""

from __future__ import annotations

import atexit
import gc
import io
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def record(raw: Path, official: Path, marts: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    import fastexcel

    roots = (raw.resolve(), official.resolve())
    files: list[str] = []
    sheets: dict[str, list[str]] = {}

    def audit(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], str | Path):
            path = Path(args[0]).resolve()
            if any(root in path.parents for root in roots) and str(path) not in files:
                files.append(str(path))

    class Reader:
        def __init__(self, path: str):
            self._path, self._reader = str(Path(path).resolve()), original(path)

        def __getattr__(self, name):
            return getattr(self._reader, name)

        def load_sheet(self, name, *args, **kwargs):
            sheets.setdefault(self._path, []).append(name)
            return self._reader.load_sheet(name, *args, **kwargs)

    original = fastexcel.read_excel
    fastexcel.read_excel = Reader
    sys.addaudithook(audit)
    from etl.build import build
    from etl.paths import Dirs

    report = build(Dirs(raw, official), marts, force=True)
    if report.status == "failed":
        sys.exit(f"build failed: {report.message}")
    for path in sheets:
        if path not in files:
            files.append(path)
    return {"files": files, "sheets": sheets}


def bare_read(inputs: dict) -> None:
    import fastexcel
    import polars as pl
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for name in inputs["files"]:
        body = Path(name).read_bytes()
        if name.endswith(".csv"):
            pl.read_csv(io.BytesIO(body), infer_schema=False)
        elif name.endswith((".yml", ".yaml")):
            yaml.load(body, Loader=loader)
        elif name in inputs["sheets"]:
            reader = fastexcel.read_excel(body)
            for sheet in inputs["sheets"][name]:
                reader.load_sheet(sheet, header_row=None, dtypes="string").to_polars()


def end_like_metering_build() -> None:
    """End the process as `metering build` ends its own (metering/cli.py end_process): output
    flushed, atexit handlers run, the interpreter's teardown of every module skipped. Both
    sides of the comparison then pay the same exit (~30 ms here, ~60-90 ms after a build)."""
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    if sys.argv[1] == "record":
        json.dump(record(*(Path(a) for a in sys.argv[2:5])), sys.stdout)
    else:
        gc.disable()  # as `metering build` runs (metering/cli.py main): no collector passes
        bare_read(json.loads(Path(sys.argv[2]).read_text()))
        end_like_metering_build()
