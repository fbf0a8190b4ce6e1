"""Fingerprints of the inputs and of the code, so an unchanged rebuild can be skipped."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from etl import paths
from etl.paths import Dirs


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tree_digest(roots: list[tuple[str, Path]], pattern: str = "*") -> str:
    digest = hashlib.sha256()
    for label, root in roots:
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(sha256_file(path).encode())
    return digest.hexdigest()


def input_fingerprint(dirs: Dirs) -> str:
    """One hash over every file in the curated and official folders (names and bytes)."""
    return _tree_digest([("curated", dirs.raw), ("official", dirs.official)])


def code_version() -> str:
    """Package version plus a hash of the ETL code and SQL: changes whenever the build would."""
    try:
        release = version("metering")
    except PackageNotFoundError:
        release = "0"
    code = _tree_digest([("etl", paths.ROOT / "etl"), ("sql", paths.SQL_DIR)], "*.*")
    return f"{release}+{code[:12]}"


def unchanged_build(dirs: Dirs, marts_dir: Path) -> dict | None:
    """The manifest of the current marts if inputs and code are the same as when it was built."""
    target, manifest_path = paths.marts_path(marts_dir), marts_dir / "manifest.json"
    if not (target.exists() and manifest_path.exists()):
        return None
    old = json.loads(manifest_path.read_text())
    same = old.get("fingerprint") == input_fingerprint(dirs)
    return old if same and old.get("code_version") == code_version() else None
