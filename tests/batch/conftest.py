"""Fixtures for the batch tests: the local RunningHub serving the bundled examples."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import EXAMPLES

from rhconfig.client import RunningHub
from rhconfig.testing import SAMPLE_KEY, FakeRunningHub
from rhconfig.testing.clients import fast_client


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRunningHub]:
    with FakeRunningHub(workflows_dir=EXAMPLES, queue_seconds=0.02, run_seconds=0.05) as rh:
        monkeypatch.setenv("RUNNINGHUB_BASE_URL", rh.base_url)
        monkeypatch.setenv("RUNNINGHUB_API_KEY", SAMPLE_KEY)
        yield rh


@pytest.fixture
def client(hub: FakeRunningHub) -> Iterator[RunningHub]:
    with fast_client(hub) as c:
        yield c
