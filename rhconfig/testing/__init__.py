"""Test helpers: ``FakeRunningHub``, a loopback stand-in for RunningHub, and a sample graph.

The pytest fixture ``fake_runninghub`` lives in :mod:`rhconfig.testing.fixtures`.
"""

from __future__ import annotations

from rhconfig.testing.sample import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, sample_graph
from rhconfig.testing.server import FakeRunningHub
from rhconfig.testing.state import FakeTask, RecordedRequest

__all__ = [
    "SAMPLE_KEY",
    "SAMPLE_WORKFLOW_ID",
    "FakeRunningHub",
    "FakeTask",
    "RecordedRequest",
    "sample_graph",
]
