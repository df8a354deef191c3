"""Fixtures for the check tests: a profile built from a hand-written graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_helpers import build_profile, load_fixture

from rhconfig.profile import Profile


@pytest.fixture(scope="session")
def profile() -> Profile:
    return build_profile(load_fixture("check-graph.api.json"))


@pytest.fixture
def workflows_dir(tmp_path: Path, profile: Profile) -> Path:
    from rhconfig.store import WorkflowStore

    WorkflowStore(tmp_path).write_profile(profile)
    return tmp_path
