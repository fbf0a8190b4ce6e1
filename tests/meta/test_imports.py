"""No module of dashboard/ imports, directly or through others, a module that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every dashboard module the file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name in known}


# The declaration modules are being split into a package (model, facts, one renderer per
# format) by their own change; drop this line when that lands.
BEING_SPLIT = "dashboard.exports.declaration"


def test_dashboard_has_no_import_circle():
    files = {
        module_name(p): p
        for p in (ROOT / "dashboard").rglob("*.py")
        if not module_name(p).startswith(BEING_SPLIT)
    }
    graph = {name: imports_of(path, set(files)) - {name} for name, path in files.items()}
    graph = {
        name: {d for d in deps if not name.startswith(d + ".")} for name, deps in graph.items()
    }
    circles = []

    def visit(name: str, trail: list[str]) -> None:
        for dep in sorted(graph[name]):
            if dep in trail:
                circles.append(" -> ".join([*trail[trail.index(dep) :], dep]))
            elif dep not in done:
                visit(dep, [*trail, dep])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert circles == [], "\n".join(sorted(set(circles)))
