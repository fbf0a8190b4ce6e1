"""SYNTHETIC inputs for scale tests only: the committed inputs with the official CBP CSVs
repeated N times, each copy's citizenship prefixed `SYNTHETIC <i>` so every row stays distinct.

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


def scaled_csv(body: str, factor: int) -> str | None:
    """The CSV with `factor` copies of its rows (None if it has no citizenship column)."""
    rows = list(csv.reader(io.StringIO(body)))
    header, data = rows[0], rows[1:]
    column = next((header.index(c) for c in CITIZENSHIP if c in header), None)
    if column is None:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(data)
    for i in range(1, factor):
        for row in data:
            writer.writerow([*row[:column], f"SYNTHETIC {i} {row[column]}", *row[column + 1 :]])
    return out.getvalue()


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
