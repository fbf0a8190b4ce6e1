"""Which module reads which official file: each official.lock entry names its `module`.

The lock entry is a source's only card; `module` is a file in etl/sources/ (and `layout`, for a
module that reads several release formats, one of its LAYOUTS). The build and the tests find the
official sources here, so a new module needs no list to be edited anywhere else.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from etl import official_lock
from etl.problems import SourceError


def module_names(official_dir: Path) -> list[str]:
    """The modules named by the lock, in the order they first appear."""
    names = []
    for entry in official_lock.entries(official_dir):
        if not entry.get("module"):
            raise SourceError(official_lock.LOCK_NAME, f"entry {entry['path']!r} names no module")
        names.append(entry["module"])
    return list(dict.fromkeys(names))


def load_module(name: str) -> ModuleType:
    """etl.sources.<name>; SourceError when the lock names a module that does not exist."""
    try:
        module = importlib.import_module(f"etl.sources.{name}")
    except ModuleNotFoundError as err:
        raise SourceError(
            official_lock.LOCK_NAME, f"module {name!r} not found (expected etl/sources/{name}.py)"
        ) from err
    if not hasattr(module, "read"):
        raise SourceError(official_lock.LOCK_NAME, f"etl/sources/{name}.py has no read(dirs)")
    return module


def official_modules(official_dir: Path) -> list[ModuleType]:
    return [load_module(name) for name in module_names(official_dir)]


def module_for(entry: dict) -> ModuleType:
    return load_module(entry.get("module") or "")
