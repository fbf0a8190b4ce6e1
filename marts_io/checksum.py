"""The sha256 of a file, read in blocks: inputs, official files, the marts and rejects.csv."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def sha256_file(path: Path, fsync: bool = False) -> str:
    """The file's sha256; with `fsync`, also flush its bytes to the disk (one open, one read)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
        if fsync:
            os.fsync(handle.fileno())
    return digest.hexdigest()
