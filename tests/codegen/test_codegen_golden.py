"""The four example workflows' modules and the example AI app's, byte for byte against
tests/golden.

Regenerate after an intended change with:

    rhconfig gen --all --workflows-dir workflows -o tests/golden
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from codegen_helpers import EXAMPLE_APP, EXAMPLE_IDS, EXAMPLES, GOLDEN

from rhconfig.codegen import generate, module_file_name
from rhconfig.store import load_profile

REGEN = "rhconfig gen --all --workflows-dir workflows -o tests/golden"


@pytest.mark.parametrize("workflow_id", EXAMPLE_IDS)
def test_golden_module(workflow_id: str) -> None:
    golden = GOLDEN / module_file_name(workflow_id)
    produced = generate(load_profile(workflow_id, EXAMPLES)).encode("utf-8")
    assert produced == golden.read_bytes(), f"golden file out of date: run {REGEN}"


def test_golden_app_module() -> None:
    golden = GOLDEN / module_file_name(EXAMPLE_APP, app=True)
    produced = generate(load_profile(EXAMPLE_APP, EXAMPLES)).encode("utf-8")
    assert produced == golden.read_bytes(), f"golden file out of date: run {REGEN}"


def test_same_profile_same_bytes() -> None:
    profile = load_profile(EXAMPLE_IDS[2], EXAMPLES)
    assert generate(profile) == generate(load_profile(EXAMPLE_IDS[2], EXAMPLES))


def test_cli_all_reproduces_golden(run_cli: Any, tmp_path: Path) -> None:
    res = run_cli("gen", "--all", "--workflows-dir", str(EXAMPLES), "-o", str(tmp_path))
    assert res.exit_code == 0, res.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in GOLDEN.glob("*.py"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (GOLDEN / name).read_bytes()
    check = run_cli("gen", "--all", "--check", "--workflows-dir", str(EXAMPLES), "-o", str(GOLDEN))
    assert check.exit_code == 0, check.output
