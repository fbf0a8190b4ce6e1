"""Fingerprints of the inputs and of the code, so an unchanged rebuild can be skipped."""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from etl import paths
from etl.paths import Dirs
from marts_io.checksum import sha256_file


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
    """Package version plus a hash of the ETL code, the contracts it shares with the app
    (marts_io/) and SQL: changes whenever the build would."""
    try:
        release = version("metering")
    except PackageNotFoundError:
        release = "0"
    roots = [("etl", paths.ROOT / "etl"), ("marts_io", paths.ROOT / "marts_io")]
    code = _tree_digest([*roots, ("sql", paths.SQL_DIR)], "*.*")
    return f"{release}+{code[:12]}"


def unchanged_build(dirs: Dirs, marts_dir: Path) -> dict | None:
    """The manifest of the current marts if inputs and code are the same as when it was built,
    the marts verify against it (marts_io/manifest.py) and rejects.csv is the one it wrote."""
    from marts_io.manifest import MartsInvalid, verify

    target = paths.marts_path(marts_dir)
    if not (target.exists() and (marts_dir / "manifest.json").exists()):
        return None
    try:
        old = verify(target)
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
