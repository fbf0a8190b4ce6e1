"""SYNTHETIC inputs for scale tests only: the committed inputs with the official CBP CSVs
repeated N times, each copy's citizenship prefixed `SYNTHETIC <i>` so every row stays distinct.

Each synthetic copy counts 0 encounters: the real rows keep their published counts, so every
monthly and fiscal-year total, and every reconciliation check against the OHSS workbooks and
data/raw/official/published_totals.csv, sees exactly the figures it sees on the real inputs
and still has to pass (a copy with real counts multiplied the totals, and the build, rightly,
refused them). The copies are parsed, type-checked, checked for duplicates, loaded and grouped
by every mart like real rows, so the build does N times the row work.

`python benchmarks/synthetic_inputs.py DEST N` writes DEST/curated and DEST/official (the
official.lock in the copy is re-pinned to the synthetic files). These rows are not data: they
only make the build read and load N times as many CBP rows; never publish marts built from them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITIZENSHIP = ("Citizenship", "Citizenship Grouping")
COUNT = "Encounter Count"


def synthetic_copy(row: list[str], i: int, citizenship: int, count: int) -> list[str]:
    """Copy i of a row: citizenship `SYNTHETIC i <real>`, 0 encounters (totals unchanged)."""
    out = list(row)
    out[citizenship] = f"SYNTHETIC {i} {row[citizenship]}"
    out[count] = "0"
    return out


def scaled_csv(body: str, factor: int) -> str | None:
    """The CSV with `factor` copies of its rows (None if it has no citizenship column)."""
    rows = list(csv.reader(io.StringIO(body)))
    header, data = rows[0], rows[1:]
    citizenship = next((header.index(c) for c in CITIZENSHIP if c in header), None)
    if citizenship is None:
        return None
    count = header.index(COUNT)  # a CBP CSV without it would multiply totals: stop here
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(data)
    for i in range(1, factor):
        writer.writerows(synthetic_copy(row, i, citizenship, count) for row in data)
    return out.getvalue()


def cbp_rows(official: Path) -> int:
    """Data rows of the CBP CSVs (those with a citizenship column) under `official`."""
    total = 0
    for path in official.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows, [])
            if any(c in header for c in CITIZENSHIP):
                total += sum(1 for _ in rows)
    return total


def make(dest: Path, factor: int) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT))
    from etl import paths

    raw, official = dest / "curated", dest / "official"
    shutil.copytree(paths.raw_dir(), raw)
    shutil.copytree(paths.official_dir(), official)
    lock_path = official / "official.lock"
    lock = json.loads(lock_path.read_text())
    for entry in lock["files"]:
        path = official / entry["path"]
        if path.suffix != ".csv":
            continue
        body = scaled_csv(path.read_text(encoding="utf-8-sig"), factor)
        if body is None:
            continue
        path.write_text(body, encoding="utf-8")
        entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        entry["bytes"] = path.stat().st_size
    lock_path.write_text(json.dumps(lock, indent=2) + "\n")
    return raw, official


if __name__ == "__main__":
    make(Path(sys.argv[1]), int(sys.argv[2]))
