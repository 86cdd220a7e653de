"""The layer picture of ``docs/architecture.md``, held against the code's own imports.

Each package may import only packages on lower floors; Django stays in ``web`` and ``demo``; and the
file-level import cycles are exactly the ones the architecture page explains.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "svduty"

#: From the ground up; a package imports only what stands on a lower floor (docs/architecture.md).
FLOORS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "console"}),
    frozenset({"config", "reference"}),
    frozenset({"warehouse"}),
    frozenset({"definitions"}),
    frozenset({"ingest", "analysis", "synth"}),
    frozenset({"reports"}),
    frozenset({"web"}),
    frozenset({"demo"}),
    frozenset({"cli"}),
    frozenset({"__main__"}),
)
FLOOR = {package: n for n, floor in enumerate(FLOORS) for package in floor}
#: Packages that may import Django: the web app, and the demo that seeds it.
DJANGO_PACKAGES = {"web", "demo", "cli"}
#: File-level import cycles that remain on purpose, each with its reason (docs/architecture.md).
EXPLAINED_CYCLES: dict[frozenset[str], str] = {}


def _runtime_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import the module runs, at any depth, except those under ``if TYPE_CHECKING:``."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                stack.extend(child.orelse)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child
            stack.append(child)


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imported_modules(name: str, path: Path) -> Iterator[str]:
    """svduty modules ``name`` imports (``from package import submodule`` names the submodule)."""
    is_package = path.name == "__init__.py"
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [t if t in MODULES else base for t in targets]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith("svduty.") and target != name:
                yield target


def _package(module: str) -> str:
    return module.split(".")[1] if "." in module else "svduty"


def _all_imports() -> Iterator[tuple[str, str]]:
    for name, path in MODULES.items():
        for target in _imported_modules(name, path):
            yield name, target


def test_every_package_is_on_a_floor() -> None:
    packages = {_package(m) for m in MODULES} - {"svduty"}
    assert packages == set(FLOOR), "add the new package to FLOORS and docs/architecture.md"


def test_no_import_runs_from_a_lower_floor_to_a_higher_one() -> None:
    upward = sorted(
        f"{source} -> {target}"
        for source, target in _all_imports()
        if _package(source) != _package(target)
        and _package(source) != "svduty"
        and FLOOR[_package(target)] >= FLOOR[_package(source)]
    )
    assert upward == []


@pytest.mark.parametrize("package", ["reports"])
def test_reports_render_what_they_are_given(package: str) -> None:
    imported = {_package(t) for s, t in _all_imports() if _package(s) == package}
    assert imported.isdisjoint({"web", "synth", "ingest", "demo"}), imported


def _imported_names(path: Path) -> Iterator[str]:
    """The dotted names a module imports, svduty's or not."""
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        else:
            yield node.module or ""


def test_django_stays_in_the_web_app() -> None:
    offenders = sorted(
        name
        for name, path in MODULES.items()
        if _package(name) not in DJANGO_PACKAGES
        and any(imported.split(".")[0] == "django" for imported in _imported_names(path))
    )
    assert offenders == []


def test_the_only_file_level_cycles_are_the_explained_ones() -> None:
    names = sorted(MODULES)
    index = {name: i for i, name in enumerate(names)}
    edges = [(index[s], index[t]) for s, t in set(_all_imports())]
    graph = coo_array(([1] * len(edges), tuple(zip(*edges, strict=True))), (len(names),) * 2)
    _, component = connected_components(graph, directed=True, connection="strong")
    members: dict[int, set[str]] = {}
    for name, label in zip(names, component, strict=True):
        members.setdefault(int(label), set()).add(name)
    cycles = {frozenset(c) for c in members.values() if len(c) > 1}
    unexplained = sorted(sorted(c) for c in cycles - set(EXPLAINED_CYCLES))
    assert unexplained == []
    assert len(cycles) <= 3
