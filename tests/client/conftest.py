"""Fixtures for the client tests: the loopback fake and a client tuned for fast retries."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from rhconfig.client import APIS, RunningHub
from rhconfig.testing import SAMPLE_WORKFLOW_ID, FakeRunningHub
from rhconfig.testing.clients import fast_client, wire_path
from rhconfig.testing.fixtures import fake_runninghub  # noqa: F401  (the fixture)


@pytest.fixture(params=APIS)
def api(request: pytest.FixtureRequest) -> str:
    """The protocol a client test runs on: each such test runs once per wire."""
    value: str = request.param
    return value


@pytest.fixture
def client(fake_runninghub: FakeRunningHub, api: str) -> Iterator[RunningHub]:  # noqa: F811
    with fast_client(fake_runninghub, api=api) as c:
        yield c


@pytest.fixture
def path(api: str) -> Callable[[str], str]:
    """``path("create")``: where an operation goes on this test's wire (the sample workflow)."""
    return lambda op: wire_path(api, op, SAMPLE_WORKFLOW_ID)
