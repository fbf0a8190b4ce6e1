"""official.lock: the pinned list of official CBP/DHS files, one entry (the card) per file.

`verify` refuses a changed, missing or unlisted file; `refresh_from` copies newer bytes of the
locked files from a local folder (`metering fetch --from DIR`). New releases are found and pinned
by etl/official_fetch.py (`metering fetch`, `metering fetch --add`).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from etl.problems import SourceError
from marts_io.checksum import sha256_file

LOCK_NAME = "official.lock"
# Files in the official folder that are not official downloads: documentation, and the
# project's own typed list of published totals (etl/sources/published_totals.py).
NOT_DATA = {LOCK_NAME, "SOURCES.md", "README.md", "published_totals.csv"}


def load(official_dir: Path) -> dict:
    lock_path = Path(official_dir) / LOCK_NAME
    if not lock_path.is_file():
        raise SourceError(str(lock_path), "official.lock is missing")
    try:
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SourceError(LOCK_NAME, "is not UTF-8 text; restore it from git") from None
    except json.JSONDecodeError as err:
        raise SourceError(LOCK_NAME, f"not valid JSON: {err.msg}", err.lineno, err.colno) from err
    check_shape(lock)
    return lock


REQUIRED_KEYS = ("path", "sha256", "bytes")


def check_shape(lock) -> None:
    """A mapping with a `files` list whose entries name path, sha256 and bytes."""
    if not isinstance(lock, dict) or not isinstance(lock.get("files"), list):
        raise SourceError(LOCK_NAME, 'needs a "files" list; restore it from git or run fetch')
    for number, entry in enumerate(lock["files"], start=1):
        missing = [k for k in REQUIRED_KEYS if not isinstance(entry, dict) or k not in entry]
        if missing:
            raise SourceError(
                LOCK_NAME,
                f"entry {number} of files lacks {', '.join(missing)}; restore it from git "
                "or run `metering fetch`",
            )


def save(official_dir: Path, lock: dict) -> None:
    text = json.dumps(lock, indent=2, ensure_ascii=False) + "\n"
    (Path(official_dir) / LOCK_NAME).write_text(text, encoding="utf-8")


def entries(official_dir: Path, module: str | None = None) -> list[dict]:
    """Lock entries, optionally only those read by one source module (etl/sources/<module>.py)."""
    files = load(official_dir)["files"]
    return [e for e in files if module is None or e.get("module") == module]


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
        raise SourceError(
            extra, f"file is not listed in {LOCK_NAME} (pin it with `metering fetch --add`)"
        )
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


def refresh_from(dest_dir: Path, from_dir: Path, today: str | None = None) -> list[str]:
    """Copy newer bytes of the locked files from a local folder; return the paths that changed.

    Each locked path is looked for in from_dir at the same relative path, or by its file name at
    the top level; a file whose bytes differ replaces the pinned one and its entry records the
    new sha256, size and retrieval date.
    """
    dest_dir, lock = Path(dest_dir), load(dest_dir)
    today = today or dt.date.today().isoformat()
    changed = []
    for entry in lock["files"]:
        rel, target = entry["path"], Path(dest_dir) / entry["path"]
        candidates = [Path(from_dir) / rel, Path(from_dir) / Path(rel).name]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None or (target.is_file() and sha256_file(found) == sha256_file(target)):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found, target)
        entry["sha256"], entry["bytes"], entry["retrieved"] = (
            sha256_file(target),
            target.stat().st_size,
            today,
        )
        changed.append(rel)
    save(dest_dir, lock)
    return changed
