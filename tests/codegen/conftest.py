"""Fixtures for the codegen tests: generated example modules and the loopback RunningHub."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from codegen_helpers import EXAMPLES, import_module_file

from rhconfig.client import RunningHub
from rhconfig.codegen import generate, module_file_name
from rhconfig.store import load_profile
from rhconfig.testing import FakeRunningHub
from rhconfig.testing.clients import fast_client


@pytest.fixture
def gen_module(tmp_path: Path) -> Iterator[object]:
    """``gen_module(workflow_id)``: generate the example's module in tmp_path and import it."""

    def make(workflow_id: str) -> ModuleType:
        path = tmp_path / module_file_name(workflow_id)
        path.write_text(generate(load_profile(workflow_id, EXAMPLES)), encoding="utf-8")
        return import_module_file(path)

    yield make


@pytest.fixture
def hub() -> Iterator[FakeRunningHub]:
    """The fake serving the four example graphs (from the repository's workflows dir)."""
    with FakeRunningHub(workflows_dir=EXAMPLES, queue_seconds=0.01, run_seconds=0.02) as rh:
        yield rh


@pytest.fixture
def client(hub: FakeRunningHub) -> Iterator[RunningHub]:
    with fast_client(hub) as c:
        yield c
