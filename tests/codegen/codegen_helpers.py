"""Helpers shared by the codegen tests (import as ``codegen_helpers``)."""

from __future__ import annotations

import ast
import importlib.util
import itertools
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from rhconfig.profile import Profile, ProfileInput, ProfileNode, Source

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "workflows"
GOLDEN = REPO / "tests" / "golden"
EXAMPLE_IDS = [f"190000000000000000{n}" for n in range(1, 5)]
EXAMPLE_APP = "1950000000000000001"  # the bundled AI app (workflows/ID.app.json)
HOSTILE_APP = Path(__file__).resolve().parent.parent / "fixtures" / "apps" / (
    "hostile-descriptions.json"
)

_counter = itertools.count()


def import_module_file(path: Path) -> ModuleType:
    """Import a generated module from its file under a unique name (no sys.path changes)."""
    name = f"rhconfig_gen_test_{next(_counter)}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _is_literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _is_literal_alias(node: ast.expr) -> bool:
    """``Literal[...]`` with literal members: the only non-literal value assigned."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)):
        return False
    if node.value.id != "Literal":
        return False
    members = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    return all(_is_literal(m) for m in members)


def assert_only_definitions(source: str) -> ast.Module:
    """The module's top level: a docstring, imports, literal assignments, defs and classes;
    function defaults and class bodies hold nothing that runs either."""
    tree = ast.parse(source)
    body = tree.body
    assert isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    assert isinstance(body[0].value.value, str)
    for node in body[1:]:
        if isinstance(node, ast.ImportFrom):
            assert node.module in ("__future__", "collections.abc", "pathlib", "typing",
                                   "rhconfig", "rhconfig.client", "rhconfig.runtime"), node.module
        elif isinstance(node, ast.Assign):
            assert len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
            assert _is_literal(node.value) or _is_literal_alias(node.value), ast.dump(node)
        elif isinstance(node, ast.AnnAssign):
            assert isinstance(node.target, ast.Name) and node.value is not None
            assert _is_literal(node.value), ast.dump(node)
        elif isinstance(node, ast.FunctionDef):
            assert not node.decorator_list
            for default in node.args.defaults + [
                d for d in node.args.kw_defaults if d is not None
            ]:
                assert _is_literal(default), ast.dump(default)
        elif isinstance(node, ast.ClassDef):
            assert not node.decorator_list and not node.keywords or all(
                _is_literal(k.value) for k in node.keywords
            )
            for item in node.body:
                ok = isinstance(item, ast.AnnAssign) and item.value is None
                ok = ok or (isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant))
                assert ok, ast.dump(item)
        else:
            raise AssertionError(f"unexpected top-level statement: {ast.dump(node)[:200]}")
    return tree


NASTY = [
    'triple """ quotes',
    "triple ''' single",
    "ends with a backslash \\",
    'ends with a quote "',
    "{{ jinja }} {% if x %}block{% endif %} {# comment #}",
    "line\nbreak\r\nand\rreturn",
    "nul\x00byte and bell\x07",
    "separators \u2028 \u2029 \x85 \x0b \x0c \x1c",
    "bidi \u202e reversed \u2066 isolate",
    "__import__('os').system('touch /tmp/rhconfig-pwned')",
    '"); __import__("os").system("id"); ("',
    "# not a comment",
    "中文标题 · émoji 🎨 ｗｉｄｅ",
    "tab\there",
    "\\N{BULLET} \\x41 \\u0041",
    "",
    " ",
    "lone surrogate \ud800 here",
    "zero width \u200b joiner \ufeff bom",
]


def nasty_profile(workflow_id: str = "123456") -> Profile:
    """A profile whose every text field is hostile (the bugs a generator must not have)."""
    inputs: list[ProfileInput] = []
    nodes: dict[str, ProfileNode] = {}
    names = [
        "def_", "class_", "_rt", "rt", "_PROFILE", "Path", "str", "path", "Arguments",
        "WORKFLOW_ID", "x" * 190, "match", "_", "run", "build_node_info", "Literal", "_x",
        "ok_name", "n_1",
    ]
    kinds = ["text", "string", "image", "video", "audio", "file", "seed", "integer", "number",
             "boolean", "choice", "model", "json"]
    defaults: dict[str, Any] = {
        "text": 'He said "hi" \\ \n bye', "string": "x\x00y", "image": "a\"b'.png",
        "video": "v.mp4", "audio": "a.wav", "file": "f.txt", "seed": 2**64 - 1,
        "integer": -5, "number": float("inf"), "boolean": False, "choice": "b'\"",
        "model": "m\u2028.safetensors", "json": {"__value__": [1, "\ud800", {"k": None}]},
    }
    for n, name in enumerate(names):
        text = NASTY[n % len(NASTY)]
        kind = kinds[n % len(kinds)]
        node_id = str(n + 1)
        nodes[node_id] = ProfileNode(node_id, text, text, known=bool(n % 2))
        inputs.append(
            ProfileInput(
                name=name,
                node_id=node_id,
                field=text or "f",
                class_type=text,
                title=text,
                kind=kind,
                type={"choice": "COMBO", "number": "FLOAT", "seed": "INT"}.get(kind, "STRING"),
                default=defaults[kind],
                known=bool(n % 2),
                expose=True,
                choices=(
                    ("a", 'b\'"', "c\\", "d\n", "", 'e"""', "\ud800", 3, True, None)
                    if kind == "choice" else None
                ),
                minimum=-1e300 if kind in ("number", "integer") else None,
                maximum=1e300 if kind == "number" else None,
                step=0.5 if kind == "number" else None,
                description=NASTY[(n + 3) % len(NASTY)],
            )
        )
    return Profile(
        workflow_id=workflow_id,
        source=Source(kind="file", graph_sha256="0" * 64),
        inputs=tuple(inputs),
        nodes=nodes,
    )
