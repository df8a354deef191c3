"""Paths and small helpers shared by the tests (import as ``helpers``)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GRAPHS = FIXTURES / "graphs"
# The shared folder sits beside the clone (CI has it); RHCONFIG_SHARED points elsewhere.
SHARED = Path(os.environ.get("RHCONFIG_SHARED") or REPO.parent / "shared")
CORPUS_API = SHARED / "corpus" / "api"
CORPUS_UI = SHARED / "corpus" / "ui"
EXAMPLES = REPO / "workflows"

CORPUS_MISSING = (
    f"the corpus is not at {SHARED / 'corpus'} (a clone beside shared/ has it, as in CI; "
    "or set RHCONFIG_SHARED)"
)
# Marks a test that needs the corpus: skipped with CORPUS_MISSING on a user's clone, a failure
# under CI=true (the autouse fixture in conftest.py decides, in one place).
needs_corpus = pytest.mark.corpus


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def corpus_present() -> bool:
    return all(d.is_dir() and any(d.glob("*.json")) for d in (CORPUS_API, CORPUS_UI))


def corpus_gate() -> None:
    """For a test that needs the corpus: nothing if it is there; else skip with the reason, or,
    under ``CI=true``, fail (CI has the corpus: a missing one must not pass as 100 skips)."""
    if corpus_present():
        return
    if in_ci():
        pytest.fail(f"CI=true but {CORPUS_MISSING}", pytrace=False)
    pytest.skip(CORPUS_MISSING)


def corpus_files(folder: Path) -> list[Any]:
    """The ``*.json`` files of a corpus folder, sorted, for ``parametrize``. Without the corpus,
    one placeholder marked ``corpus``, so that the test is reported (skipped, or failed under CI)
    rather than vanishing, even among other parameters."""
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    return files or [pytest.param(None, id="corpus-missing", marks=needs_corpus)]


def load_graph_fixture(name: str) -> Any:
    return json.loads((GRAPHS / name).read_text(encoding="utf-8"))


def wait_until(ready: Callable[[], bool], seconds: float = 10.0, what: str = "condition") -> None:
    """Poll ``ready`` until true; fail (never hang) after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not reached within {seconds} s", pytrace=False)
        time.sleep(0.01)
