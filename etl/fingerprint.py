"""Fingerprints of the inputs and of the code, so an unchanged rebuild can be skipped."""

from __future__ import annotations

import hashlib
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
    """The manifest of the current marts if inputs and code are the same as when it was built,
    the marts verify against it (etl/marts_verify.py) and rejects.csv is the one it wrote."""
    from etl.marts_verify import MartsInvalid, verify

    target = paths.marts_path(marts_dir)
    if not (target.exists() and (marts_dir / "manifest.json").exists()):
        return None
    try:
        old = verify(marts_dir)
    except MartsInvalid:
        return None
    same = old.get("fingerprint") == input_fingerprint(dirs)
    if not (same and old.get("code_version") == code_version()):
        return None
    rejects = marts_dir / "rejects.csv"
    if "rejects_sha256" in old and (
        not rejects.is_file() or sha256_file(rejects) != old["rejects_sha256"]
    ):
        return None
    return old
