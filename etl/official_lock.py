"""official.lock: the pinned list of official CBP/DHS files (sha256, size, release, provenance).

`verify` refuses a changed, missing or unlisted file; `fetch` refreshes files, either copied from a
local folder (`--from DIR`) or downloaded from their official addresses, and records sha256,
size and retrieval date in the lock. Run as `python -m etl.official_lock verify|fetch [--from DIR]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import shutil
import sys
import urllib.error
import urllib.request
from pathlib import Path

from etl.problems import SourceError

LOCK_NAME = "official.lock"
# Files in the official folder that are not official downloads: documentation, and the
# project's own typed list of published totals (etl/sources/published_totals.py).
NOT_DATA = {LOCK_NAME, "SOURCES.md", "README.md", "published_totals.csv"}
TIMEOUT_S = 30


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(official_dir: Path) -> dict:
    lock_path = Path(official_dir) / LOCK_NAME
    if not lock_path.is_file():
        raise SourceError(str(lock_path), "official.lock is missing")
    try:
        return json.loads(lock_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise SourceError(LOCK_NAME, f"not valid JSON: {err.msg}", err.lineno, err.colno) from err


def save(official_dir: Path, lock: dict) -> None:
    text = json.dumps(lock, indent=2, ensure_ascii=False) + "\n"
    (Path(official_dir) / LOCK_NAME).write_text(text, encoding="utf-8")


def entries(official_dir: Path, parser: str | None = None) -> list[dict]:
    """Lock entries, optionally only those read by one source module (its NAME)."""
    files = load(official_dir)["files"]
    return [e for e in files if parser is None or e.get("parser") == parser]


def _data_files(official_dir: Path) -> set[str]:
    return {
        p.relative_to(official_dir).as_posix()
        for p in official_dir.rglob("*")
        if p.is_file() and p.name not in NOT_DATA and not p.name.startswith(".")
    }


def verify(official_dir: Path, only: list[str] | None = None) -> dict[str, str]:
    """Check sha256 and size of the listed files (all if `only` is None); return path -> sha256.

    Raises SourceError naming the file: missing, changed (expected vs actual sha256 and size),
    or present in the folder but not listed in the lock.
    """
    official_dir = Path(official_dir)
    listed = {e["path"]: e for e in load(official_dir)["files"]}
    for extra in sorted(_data_files(official_dir) - listed.keys()):
        raise SourceError(extra, f"file is not listed in {LOCK_NAME} (add it with fetch)")
    checked = {}
    for rel in only if only is not None else sorted(listed):
        entry, path = listed.get(rel), official_dir / rel
        if entry is None:
            raise SourceError(rel, f"no entry in {LOCK_NAME}")
        if not path.is_file():
            raise SourceError(rel, f"file is missing (expected sha256 {entry['sha256']})")
        actual, size = sha256_file(path), path.stat().st_size
        if actual != entry["sha256"] or size != entry["bytes"]:
            raise SourceError(
                rel,
                f"file differs from {LOCK_NAME}: expected sha256 {entry['sha256']} "
                f"({entry['bytes']} bytes), actual sha256 {actual} ({size} bytes)",
            )
        checked[rel] = actual
    return checked


def _record(entry: dict, path: Path, today: str) -> None:
    entry["sha256"], entry["bytes"], entry["retrieved"] = (
        sha256_file(path),
        path.stat().st_size,
        today,
    )


def _download(url: str, target: Path, rel: str) -> None:
    tmp = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response, tmp.open("wb") as out:
            shutil.copyfileobj(response, out)
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        tmp.unlink(missing_ok=True)
        reason = getattr(err, "reason", err)
        raise SourceError(
            rel, f"cannot download {url}: {reason} (offline? use --from DIR)"
        ) from err
    tmp.replace(target)


def fetch(
    dest_dir: Path,
    from_dir: Path | None = None,
    urls: dict[str, str] | None = None,
    today: str | None = None,
) -> list[str]:
    """Refresh the locked files in dest_dir; return the paths whose bytes changed.

    With from_dir: copy each locked path found there (same relative path, or same file name at
    its top level) when its bytes differ. Without: download from `urls[path]` or the entry's
    download_url (timeout 30 s); entries with no known address raise SourceError.
    """
    dest_dir, lock = Path(dest_dir), load(dest_dir)
    today = today or dt.date.today().isoformat()
    changed = []
    for entry in lock["files"]:
        rel, target = entry["path"], Path(dest_dir) / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if from_dir is not None:
            candidates = [Path(from_dir) / rel, Path(from_dir) / Path(rel).name]
            found = next((c for c in candidates if c.is_file()), None)
            if found is None or (target.is_file() and sha256_file(found) == sha256_file(target)):
                continue
            shutil.copyfile(found, target)
        else:
            url = (urls or {}).get(rel) or entry.get("download_url")
            if not url:
                raise SourceError(rel, "no download address known for this file; use --from DIR")
            _download(url, target, rel)
            if sha256_file(target) == entry["sha256"]:
                continue
        _record(entry, target, today)
        changed.append(rel)
    save(dest_dir, lock)
    return changed


def main(argv: list[str] | None = None) -> int:
    from etl.paths import official_dir

    parser = argparse.ArgumentParser(prog="python -m etl.official_lock")
    parser.add_argument("command", choices=["verify", "fetch"])
    parser.add_argument("--official-dir", type=Path, default=None)
    parser.add_argument("--from", dest="from_dir", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = args.official_dir or official_dir()
    try:
        if args.command == "verify":
            print(f"{len(verify(folder))} files match {LOCK_NAME}")
        else:
            changed = fetch(folder, from_dir=args.from_dir)
            print("\n".join(changed) if changed else "no file changed")
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
