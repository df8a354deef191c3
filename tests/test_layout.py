"""The layout the design card asks for, and the one-way flow of the brief, as checks.

Imports are read from the source (module level and function level alike; ``TYPE_CHECKING``
blocks and the package's lazy ``__getattr__`` table excepted), so a cycle or a core module that
reaches for an edge fails here, not in a reader's head.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "rhconfig"
# The core: pure functions over plain data. None of these may import an edge module.
CORE = ("graph", "catalog", "classify", "naming", "profile", "merge", "scan", "check", "codegen",
        "nodeinfo", "media")
EDGES = ("rhconfig.client", "rhconfig.testing", "rhconfig.cli", "rhconfig.store", "requests",
         "urllib3", "click")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = set()
        for target in _imports(path):
            # "from rhconfig.x import y" may name a module rhconfig.x.y or a name in rhconfig.x
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and target != "rhconfig":
                deps.add(target)
        graph[name] = deps
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while stack:  # v is on the stack: the loop ends there at the latest
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_top_level_is_the_design_card() -> None:
    for name in ("rhconfig", "templates", "schemas", "tests", "workflows"):
        assert (REPO / name).is_dir(), name
    for name in ("setup.cfg", "README.md"):
        assert (REPO / name).is_file(), name
    assert not (REPO / "src").exists()
    assert (REPO / "templates" / "module.py.jinja").is_file()
    assert (REPO / "schemas" / "profile.schema.json").is_file()
    assert not (PACKAGE / "templates").exists() and not (PACKAGE / "schemas").exists()


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_core_does_not_reach_for_the_edges() -> None:
    graph = _graph()
    offenders = []
    for name, path in sorted({_module_name(p): p for p in PACKAGE.rglob("*.py")}.items()):
        top = name.split(".")[1] if "." in name else ""
        if top not in CORE:
            continue
        for target in sorted(_imports(path) | graph[name]):
            if target.startswith(EDGES):
                offenders.append(f"{name} imports {target}")
    assert offenders == []
