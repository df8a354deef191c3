"""pytest fixtures. Use them from a conftest with
``from rhconfig.testing.fixtures import fake_runninghub  # noqa: F401``.

``fake_runninghub`` is a started :class:`FakeRunningHub` serving the sample workflow
(``SAMPLE_WORKFLOW_ID``) from a temporary workflows dir, with short task durations.
``RUNNINGHUB_BASE_URL``/``RUNNINGHUB_API_KEY`` are set for the test (``SAMPLE_KEY``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rhconfig.testing.sample import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, sample_graph
from rhconfig.testing.server import FakeRunningHub


@pytest.fixture
def fake_runninghub(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeRunningHub]:
    workflows: Path = tmp_path_factory.mktemp("workflows")
    with FakeRunningHub(workflows_dir=workflows, queue_seconds=0.03, run_seconds=0.06) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        monkeypatch.setenv("RUNNINGHUB_BASE_URL", rh.base_url)
        monkeypatch.setenv("RUNNINGHUB_API_KEY", SAMPLE_KEY)
        yield rh
