"""A soak of the client against the local RunningHub, on either protocol: many tasks through
``run`` from a thread pool while the fake drops connections, answers 5xx, delays, sends
malformed bodies and 421 storms, with a real concurrency limit.

``tests/client/test_soak.py`` checks what it produced (every task succeeded or ended in a clear
error, none was created twice); ``benchmarks/bench_soak.py`` times it. Keeping the scenario here
lets both run the same one.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from rhconfig.client import PATHS, PollPolicy, QueueRetry, RetryPolicy, RunningHub, RunningHubError
from rhconfig.testing.sample import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, sample_graph
from rhconfig.testing.server import FakeRunningHub
from rhconfig.testing.state import FakeTask, RecordedRequest

FAILING = 25  # every task whose seed is a multiple of this fails on the server


def create_path(api: str) -> str:
    """Where ``run`` creates the soak's tasks on wire ``api``."""
    return PATHS[api]["create"].replace("{id}", SAMPLE_WORKFLOW_ID)


@dataclass(frozen=True)
class SoakRun:
    api: str
    tasks: int
    threads: int
    results: dict[int, object]  # seed -> the outputs (a list) or the RunningHubError raised
    requests: list[RecordedRequest]
    registered: list[FakeTask]
    wall: float  # seconds, fake start to last result

    def faults(self) -> Counter[str]:
        return Counter((r.fault or "").split(":")[0] for r in self.requests if r.fault)

    def summary(self) -> str:
        creates = [r for r in self.requests if r.path == create_path(self.api)]
        real_421 = sum(r.code == 421 and r.fault is None for r in creates)
        outcomes = Counter(
            "success" if isinstance(r, list) else type(r).__name__ for r in self.results.values()
        )
        return (
            f"soak {self.api}: {self.tasks} tasks, {self.threads} threads, wall {self.wall:.1f}s, "
            f"{len(self.requests)} requests, faults {dict(self.faults())}, creates sent "
            f"{len(creates)} (421 injected: {sum(r.fault == 'code:421' for r in creates)}, "
            f"421 by the limit: {real_421}), tasks registered {len(self.registered)}, "
            f"outcomes {dict(outcomes)}"
        )


def seed_of(task: FakeTask) -> int:
    return next(int(e["fieldValue"]) for e in task.node_info_list if e["fieldName"] == "seed")


def _job(client: RunningHub, seed: int) -> object:
    nodes: list[dict[str, Any]] = [
        {"nodeId": "3", "fieldName": "seed", "fieldValue": seed},
        {"nodeId": "6", "fieldName": "text", "fieldValue": f"job {seed}"},
    ]
    try:
        return client.run(SAMPLE_WORKFLOW_ID, nodes, timeout=20)
    except RunningHubError as exc:
        return exc


def run_soak(tasks: int = 240, threads: int = 16, seed: int = 7, api: str = "v2") -> SoakRun:
    CREATE, STATUS = create_path(api), PATHS[api]["status"]  # noqa: N806
    started = time.monotonic()
    with FakeRunningHub(queue_seconds=0.02, run_seconds=0.05, concurrency=8) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        rh.random_faults(0.06, ("http_error", "drop", "delay", "malformed"), seed=seed)
        for _ in range(3):  # read timeouts on polls (the client's read timeout is 1 s)
            rh.inject("delay", path=STATUS, seconds=1.3)
        rh.inject("drop", 5, path=CREATE, after=True)  # creates registered, answer lost
        rh.fail_tasks(
            None, where=lambda t: seed_of(t) % FAILING == 0, exception_type="RuntimeError"
        )
        stop = threading.Event()

        def storms() -> None:  # 421 storms on create, three times during the run
            for _ in range(3):
                rh.inject("code", 25, path=CREATE, code=421)
                if stop.wait(0.4):
                    return

        storm = threading.Thread(target=storms, daemon=True)
        storm.start()
        client = RunningHub(
            api=api,
            api_key=SAMPLE_KEY,
            base_url=rh.base_url,
            timeout=(2.0, 1.0),
            retry=RetryPolicy(
                attempts=5, backoff_factor=0.01, backoff_max=0.1, backoff_jitter=0.02
            ),
            queue_retry=QueueRetry(attempts=60, base=0.01, factor=1.3, cap=0.1, jitter=0.5),
            poll=PollPolicy(initial=0.01, factor=1.5, maximum=0.08),
        )
        try:
            with client, ThreadPoolExecutor(threads) as pool:
                results = dict(enumerate(pool.map(lambda s: _job(client, s), range(tasks))))
        finally:
            stop.set()
            storm.join(timeout=5)
        wall = time.monotonic() - started
        return SoakRun(api, tasks, threads, results, rh.requests, rh.tasks, wall)
