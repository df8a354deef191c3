"""Hostile profiles in, safe modules out (property-based).

Titles, class and field names, descriptions, choices and defaults are arbitrary text and data
(quotes, triple quotes, backslashes, newlines, ``{{ }}``, ``{% %}``, NUL, U+2028, surrogates,
code). The module must parse, hold nothing at top level but definitions and literals, import
without doing anything, and carry the text only inside literals and docstrings.
"""

from __future__ import annotations

import ast
import keyword
import math
from pathlib import Path
from typing import Any

from codegen_helpers import assert_only_definitions, import_module_file, nasty_profile
from codegen_strategies import any_char, json_value, profiles
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhconfig.codegen import generate, plan_module
from rhconfig.codegen.literals import comment_text, doc_text, py_str, py_value
from rhconfig.profile import Profile


def _strings(tree: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(profile=profiles())
def test_hostile_profile_gives_a_safe_module(profile: Profile, tmp_path: Path) -> None:
    source = generate(profile)
    tree = assert_only_definitions(source)
    # No stranger text outside literals: every identifier in the code is one we chose.
    plan = plan_module(profile)
    allowed = {p.name for p in plan.params} | {a.name for a in plan.aliases}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in allowed:
            assert node.id.isascii() and not keyword.iskeyword(node.id)
    # The embedded profile is the profile.
    from rhconfig.profile_io import profile_to_dict

    profile_node = next(n for n in tree.body if isinstance(n, ast.AnnAssign)
                        and isinstance(n.target, ast.Name) and n.target.id == "_PROFILE")
    assert profile_node.value is not None
    embedded = ast.literal_eval(profile_node.value)
    assert _same(embedded, profile_to_dict(profile))
    path = tmp_path / f"mod_{abs(hash(source))}.py"
    path.write_text(source, encoding="utf-8")
    module = import_module_file(path)
    assert module.WORKFLOW_ID == profile.workflow_id
    assert isinstance(module.run.__doc__, str)
    assert module.build_node_info() == []  # the embedded profile loads and checks


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isinf(a):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


@given(st.text(any_char))
def test_string_literal_round_trips(text: str) -> None:
    literal = py_str(text)
    assert ast.literal_eval(literal) == text
    assert "\n" not in literal and "\r" not in literal
    assert all(ch.isprintable() for ch in literal)


@given(json_value)
def test_value_literal_round_trips(value: Any) -> None:
    assert _same(ast.literal_eval(py_value(value, 4)), value)


@given(st.text(any_char))
def test_doc_and_comment_text_stay_on_one_line(text: str) -> None:
    for line in (doc_text(text), comment_text(text)):
        assert len(line.splitlines()) <= 1 and all(ch.isprintable() for ch in line)
    doc = doc_text(text)
    source = f'def f() -> None:\n    """{doc}\n    """\n'
    (func,) = ast.parse(source).body
    assert isinstance(func, ast.FunctionDef) and len(func.body) == 1
    assert ast.get_docstring(func, clean=False) == " ".join(text.split()) + "\n    "


def test_fixed_hostile_profile(tmp_path: Path) -> None:
    source = generate(nasty_profile())
    tree = assert_only_definitions(source)
    assert not any(isinstance(n, ast.Name) and n.id == "__import__" for n in ast.walk(tree))
    assert any("__import__('os')" in s for s in _strings(tree))  # there, but only as text
    path = tmp_path / "hostile.py"
    path.write_text(source, encoding="utf-8")
    module = import_module_file(path)
    assert module.build_node_info() == []
    assert not Path("/tmp/rhconfig-pwned").exists()
