"""Clients tuned for tests against :class:`FakeRunningHub`: tiny backoffs and poll intervals."""

from __future__ import annotations

from typing import Any

from rhconfig.client import PATHS, PollPolicy, QueueRetry, RetryPolicy, RunningHub
from rhconfig.testing.sample import SAMPLE_KEY
from rhconfig.testing.server import FakeRunningHub

FAST_RETRY = RetryPolicy(attempts=4, backoff_factor=0.01, backoff_max=0.05, backoff_jitter=0.01)
FAST_POLL = PollPolicy(initial=0.01, factor=1.5, maximum=0.05)
FAST_QUEUE = QueueRetry(attempts=5, base=0.01, factor=1.5, cap=0.05)


def fast_client(rh: FakeRunningHub | str, **overrides: Any) -> RunningHub:
    """A ``RunningHub`` for ``rh`` (a fake or a base URL) with the sample key and fast policies."""
    options: dict[str, Any] = {
        "api_key": SAMPLE_KEY,
        "base_url": rh if isinstance(rh, str) else rh.base_url,
        "timeout": (2.0, 5.0),
        "retry": FAST_RETRY,
        "poll": FAST_POLL,
        "queue_retry": FAST_QUEUE,
    }
    options.update(overrides)
    return RunningHub(**options)


def wire_path(api: str, op: str, target_id: str = "") -> str:
    """The path ``op`` (``create``, ``ai-app``, ``status``, ``outputs``, ``upload``, ``cancel``,
    ``accountStatus``...) takes on wire ``api``; ``target_id`` fills a v2 run path's ``{id}``."""
    return PATHS[api][op].replace("{id}", target_id)
