"""Generated modules pass ruff (check and format) and mypy --strict without any formatter.

One subprocess per tool over a temporary folder holding: the examples' modules, one per graph of
the shared corpus (when ../shared is present), the hostile profile's module and a module of
literals of awkward strings (checks that literals are already as ruff formats them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from codegen_helpers import (
    EXAMPLE_APP,
    EXAMPLE_IDS,
    EXAMPLES,
    HOSTILE_APP,
    NASTY,
    nasty_profile,
)
from codegen_strategies import profiles
from helpers import CORPUS_API, needs_corpus
from hypothesis import given, settings

import rhconfig
from rhconfig.codegen import generate, module_file_name
from rhconfig.codegen.literals import py_value
from rhconfig.profile import Profile
from rhconfig.store import load_profile

# ruff and mypy are dependencies of the test install: run through this interpreter, never skip.
RUFF = [sys.executable, "-m", "ruff"]


def _corpus_profiles() -> list[tuple[str, object]]:
    if not CORPUS_API.is_dir():
        return []
    from rhconfig.catalog_files import load_catalog
    from rhconfig.scan import scan_document

    catalog = load_catalog()
    out = []
    for n, path in enumerate(sorted(CORPUS_API.glob("*.json"))):
        doc = json.loads(path.read_text(encoding="utf-8"))
        workflow_id = f"123{n:04d}"
        out.append((workflow_id, scan_document(doc, catalog, workflow_id).profile))
    return out


LITERALS = [
    *NASTY,
    "it's", 'say "hi"', "both ' and \"", "'\"'", "\"'\"", "''\"", "a\\", "\\'", "\x7f\x80\x9f",
    "\u00e9\u0301", "ｗｉｄｅ" * 30, "x" * 200, 1e16, -0.0, 1.5e-07, 2**70, -1, 1e300, [], {},
    {"nested": [{"a": [1, [2, [3]]]}], "": None}, [True, False, None],
]


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    for workflow_id in EXAMPLE_IDS:
        source = generate(load_profile(workflow_id, EXAMPLES))
        (folder / module_file_name(workflow_id)).write_text(source, encoding="utf-8")
    for workflow_id, profile in _corpus_profiles():
        source = generate(profile)  # type: ignore[arg-type]
        (folder / module_file_name(workflow_id)).write_text(source, encoding="utf-8")
    (folder / "hostile.py").write_text(generate(nasty_profile()), encoding="utf-8")
    # AI apps: the bundled example and an app whose descriptions and choices are hostile
    from rhconfig.scan import scan_app_document

    app = load_profile(EXAMPLE_APP, EXAMPLES)
    (folder / module_file_name(app.workflow_id, app=True)).write_text(generate(app), "utf-8")
    hostile_app = json.loads(HOSTILE_APP.read_text(encoding="utf-8"))
    source = generate(scan_app_document(hostile_app, "2").profile)
    (folder / "app_hostile.py").write_text(source, encoding="utf-8")
    literals = "from typing import Any\n\nVALUES: list[Any] = " + py_value(LITERALS) + "\n"
    (folder / "literals.py").write_text(literals, encoding="utf-8")
    return folder


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # mypy reads the rhconfig this test run imports (the checkout, or the installed copy)
    here = str(Path(rhconfig.__file__).resolve().parents[1])
    env = {**os.environ, "NO_COLOR": "1", "MYPYPATH": here}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


@needs_corpus
def test_corpus_is_covered(modules: Path) -> None:
    count = len(list(modules.glob("*.py")))
    assert count == len(EXAMPLE_IDS) + 4 + len(list(CORPUS_API.glob("*.json")))


def test_ruff_check(modules: Path) -> None:
    res = _run([*RUFF, "check", "--isolated", "--select", "E,F,W,B,UP,I", "--ignore", "E501",
                "--no-cache", "."], modules)
    assert res.returncode == 0, res.stdout + res.stderr


def test_ruff_format_is_a_no_op(modules: Path) -> None:
    res = _run([*RUFF, "format", "--isolated", "--check", "--diff", "--no-cache", "."], modules)
    assert res.returncode == 0, res.stdout[-6000:] + res.stderr


def test_mypy_strict(modules: Path) -> None:
    res = _run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                "--cache-dir", os.devnull, "."], modules)
    assert res.returncode == 0, res.stdout[-6000:] + res.stderr


@settings(max_examples=25, deadline=None)
@given(profile=profiles())
def test_hostile_modules_are_already_formatted(profile: Profile) -> None:
    source = generate(profile)
    res = subprocess.run([*RUFF, "format", "--isolated", "-"], input=source, capture_output=True,
                         text=True, encoding="utf-8", errors="surrogateescape", timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout == source
