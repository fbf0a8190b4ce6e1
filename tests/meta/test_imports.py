"""Import direction. No module of dashboard/ imports, directly or through others, a module that
imports it back; and the layers keep to their side:
- marts_io/ (what the pipeline and the app share) imports neither etl/ nor dashboard/;
- etl/ never imports dashboard/;
- dashboard/ imports nothing from etl/ but its folder settings, etl.paths (which imports no
  other etl module); the `metering` command, metering/cli.py, sits above both;
- a figure module (dashboard/figures/, the registry aside) neither opens a DuckDB connection
  nor imports dashboard.data or duckdb, directly or through other dashboard modules: it draws
  the frame and the facts (source rows) it is given;
- a page module (dashboard/pages/) runs no SQL and does not import duckdb: it asks data.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

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


def imported(tree: ast.AST) -> set[str]:
    """Every absolute name a module imports: `from a import b` gives both a and a.b."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


# a query names a table of the marts file by its schema: "from marts.ports", "join raw.x"
SQL = re.compile(
    r"\b(from|join|into|table)\s+(marts|raw|meta|staging|information_schema)\.\w", re.I
)
RUNS_SQL = {"q", "query", "execute", "executemany", "sql"}  # data.q(…), con.execute(…), …


def etl_breaks(tree: ast.AST) -> list[str]:
    return sorted(n for n in imported(tree) if under(n, "dashboard"))


# The one etl/ module the app may import: where the project's folders are.
PATH_SETTINGS = "etl.paths"


def dashboard_breaks(tree: ast.AST) -> list[str]:
    """Every etl/ module imported but the path settings (`from etl import paths` names "etl"
    as the package it comes from, which is allowed; `import etl` alone is not)."""
    return sorted(
        n for n in imported(tree) if under(n, "etl") and n != "etl" and not under(n, PATH_SETTINGS)
    ) + (["etl"] if _imports_bare(tree, "etl") else [])


def path_settings_breaks(tree: ast.AST) -> list[str]:
    """etl.paths stays a leaf, so importing it brings no pipeline code into the app."""
    return sorted(n for n in imported(tree) if under(n, "etl") or under(n, "dashboard"))


def shared_breaks(tree: ast.AST) -> list[str]:
    return sorted(
        n for n in imported(tree) if any(under(n, p) for p in ("etl", "dashboard", "metering"))
    )


def _imports_bare(tree: ast.AST, package: str) -> bool:
    """`import etl` (the whole package) rather than `from etl import paths`."""
    return any(
        isinstance(node, ast.Import) and any(a.name == package for a in node.names)
        for node in ast.walk(tree)
    )


def figure_breaks(tree: ast.AST) -> list[str]:
    names = imported(tree)
    found = sorted(n for n in names if under(n, "duckdb") or n == "dashboard.data")
    found += [f"{call}()" for call in _calls(tree) if call == "connect"]
    found += ["a relative import"] * any(
        isinstance(node, ast.ImportFrom) and node.level for node in ast.walk(tree)
    )
    return found


def _loaded(name: str, known: set[str]) -> set[str]:
    """The known modules an imported name loads: the module and the packages above it."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)} & known


def figure_breaks_through(start: str, trees: dict[str, ast.AST]) -> list[str]:
    """figure_breaks of `start` and of every dashboard module it reaches by importing, at the
    top or inside a function, each named with the chain of imports that reaches it."""
    known = set(trees)
    chains = {name: [name] for name in _loaded(start, known)}
    todo = sorted(chains)
    while todo:
        name = todo.pop()
        for dep in sorted(set().union(*(_loaded(n, known) for n in imported(trees[name])))):
            if dep not in chains:
                chains[dep] = [*chains[name], dep]
                todo.append(dep)
    return [
        f"{' -> '.join(chains[name])}: {found}"
        for name in sorted(chains)
        for found in figure_breaks(trees[name])
    ]


def _dashboard_trees() -> dict[str, ast.AST]:
    return {
        module_name(p): ast.parse(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "dashboard").rglob("*.py"))
    }


def test_figure_modules_reach_no_connection_through_other_modules():
    trees = _dashboard_trees()
    figures = [
        name
        for name in trees
        if under(name, "dashboard.figures") and name != "dashboard.figures.registry"
    ]
    assert len(figures) > 5, figures
    broken = {name: found for name in figures if (found := figure_breaks_through(name, trees))}
    assert broken == {}, broken


def page_breaks(tree: ast.AST) -> list[str]:
    found = sorted(n for n in imported(tree) if under(n, "duckdb"))
    found += [f"{call}()" for call in _calls(tree) if call in RUNS_SQL]
    found += [
        f"SQL text {node.value[:40]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value)
    ]
    return found


def _calls(tree: ast.AST) -> list[str]:
    """The method names called on something: `x.connect(…)` gives "connect"."""
    return [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]


def _modules(folder: str, skip: tuple[str, ...] = ()) -> dict[str, ast.AST]:
    return {
        str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / folder).rglob("*.py"))
        if p.name not in skip
    }


LAYERS = {  # rule → (the folder it covers, files it leaves out, the check)
    "marts_io/ imports etl/, dashboard/ or metering/": ("marts_io", (), shared_breaks),
    "etl/ imports dashboard/": ("etl", (), etl_breaks),
    "dashboard/ imports etl/ beyond its path settings": ("dashboard", (), dashboard_breaks),
    "a figure module opens DuckDB or imports data": (
        "dashboard/figures",
        ("registry.py",),
        figure_breaks,
    ),
    "a page module runs SQL or imports duckdb": ("dashboard/pages", (), page_breaks),
}


@pytest.mark.parametrize("rule", sorted(LAYERS))
def test_layers_keep_their_direction(rule):
    folder, skip, check = LAYERS[rule]
    modules = _modules(folder, skip)
    assert modules, f"no modules found under {folder}"
    broken = {path: found for path, tree in modules.items() if (found := check(tree))}
    assert broken == {}, f"{rule}: {broken}"


def test_path_settings_import_no_other_etl_module():
    tree = ast.parse((ROOT / "etl" / "paths.py").read_text(encoding="utf-8"))
    assert path_settings_breaks(tree) == []


@pytest.mark.parametrize(
    ("check", "source", "caught"),
    [  # each rule catches the break it names (written here, not read from the repo)
        (etl_breaks, "from dashboard import data", ["dashboard", "dashboard.data"]),
        (etl_breaks, "import dashboard.figures.style", ["dashboard.figures.style"]),
        (dashboard_breaks, "from etl.build import build", ["etl.build", "etl.build.build"]),
        (dashboard_breaks, "from etl import paths", []),
        (dashboard_breaks, "from etl.paths import Dirs", []),
        (dashboard_breaks, "from marts_io.manifest import verify", []),
        (
            dashboard_breaks,
            "from etl.fingerprint import sha256_file",
            ["etl.fingerprint", "etl.fingerprint.sha256_file"],
        ),
        (dashboard_breaks, "from etl import build", ["etl.build"]),
        (dashboard_breaks, "from etl import paths, build", ["etl.build"]),
        (dashboard_breaks, "import etl", ["etl"]),
        (dashboard_breaks, "def f():\n    from etl import stats", ["etl.stats"]),
        (
            path_settings_breaks,
            "from etl.problems import SourceError",
            ["etl.problems", "etl.problems.SourceError"],
        ),
        (shared_breaks, "from etl import paths", ["etl", "etl.paths"]),
        (shared_breaks, "def f():\n    import dashboard.data", ["dashboard.data"]),
        (shared_breaks, "import duckdb\nfrom marts_io.checksum import sha256_file", []),
        (figure_breaks, "from dashboard import data", ["dashboard.data"]),
        (figure_breaks, "from . import style", ["a relative import"]),
        (figure_breaks, "import duckdb\ncon = duckdb.connect('x')", ["duckdb", "connect()"]),
        (page_breaks, "x = data.q('select 1')", ["q()"]),
        (
            page_breaks,
            "SQL = 'select port_name from marts.ports'",
            ["SQL text 'select port_name from marts.ports'"],
        ),
        (page_breaks, "text = 'Select a city from the list'", []),  # words, not a query
        (page_breaks, "rows = data.port_names()", []),
    ],
)
def test_each_layer_rule_catches_its_break(check, source, caught):
    assert check(ast.parse(source)) == caught


def test_a_figure_module_is_caught_reaching_data_through_another_module():
    # written here, not read from the repo: figure → helper → (inside a function) data → duckdb
    trees = {
        name: ast.parse(source)
        for name, source in {
            "dashboard": "",
            "dashboard.figures": "",
            "dashboard.figures.bars": "from dashboard.helper import rows",
            "dashboard.helper": "def rows():\n    from dashboard import data",
            "dashboard.data": "import duckdb",
            "dashboard.figures.clean": "from dashboard import figures",
        }.items()
    }
    chain = "dashboard.figures.bars -> dashboard.helper"
    assert figure_breaks_through("dashboard.figures.bars", trees) == [
        f"{chain} -> dashboard.data: duckdb",
        f"{chain}: dashboard.data",
    ]
    assert figure_breaks_through("dashboard.figures.clean", trees) == []
