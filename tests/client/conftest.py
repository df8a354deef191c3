"""Fixtures for the client tests: the loopback fake and a client tuned for fast retries."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rhconfig.client import RunningHub
from rhconfig.testing import FakeRunningHub
from rhconfig.testing.clients import fast_client
from rhconfig.testing.fixtures import fake_runninghub  # noqa: F401  (the fixture)


@pytest.fixture
def client(fake_runninghub: FakeRunningHub) -> Iterator[RunningHub]:  # noqa: F811
    with fast_client(fake_runninghub) as c:
        yield c
