"""Soak: 240 tasks through ``run`` from a thread pool against a fake that drops connections,
answers 5xx, delays, sends malformed bodies and 421 storms, with a real concurrency limit.
Every task must end in success or a clear RunningHub error, no task may be created twice, and
the whole run must stay bounded."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from rhconfig.client import (
    CreateUncertainError,
    PollPolicy,
    QueueRetry,
    RetryPolicy,
    RunningHub,
    RunningHubError,
    TaskFailedError,
)
from rhconfig.testing import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, FakeRunningHub, FakeTask, sample_graph

TASKS = 240
THREADS = 16
CREATE = "/task/openapi/create"


def seed_of(task: FakeTask) -> int:
    return next(int(e["fieldValue"]) for e in task.node_info_list if e["fieldName"] == "seed")


def job(client: RunningHub, seed: int) -> object:
    nodes: list[dict[str, Any]] = [
        {"nodeId": "3", "fieldName": "seed", "fieldValue": seed},
        {"nodeId": "6", "fieldName": "text", "fieldValue": f"job {seed}"},
    ]
    try:
        return client.run(SAMPLE_WORKFLOW_ID, nodes, timeout=20)
    except RunningHubError as exc:
        return exc


def test_soak() -> None:
    started = time.monotonic()
    with FakeRunningHub(queue_seconds=0.02, run_seconds=0.05, concurrency=8) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        rh.random_faults(0.06, ("http_error", "drop", "delay", "malformed"), seed=7)
        for _ in range(3):  # read timeouts on polls (the client's read timeout is 1 s)
            rh.inject("delay", path="/task/openapi/status", seconds=1.3)
        rh.inject("drop", 5, path=CREATE, after=True)  # creates registered, answer lost
        rh.fail_tasks(None, where=lambda t: seed_of(t) % 25 == 0, exception_type="RuntimeError")

        stop = threading.Event()

        def storms() -> None:  # 421 storms on create, three times during the run
            for _ in range(3):
                rh.inject("code", 25, path=CREATE, code=421)
                if stop.wait(0.4):
                    return

        storm = threading.Thread(target=storms, daemon=True)
        storm.start()
        client = RunningHub(
            api_key=SAMPLE_KEY,
            base_url=rh.base_url,
            timeout=(2.0, 1.0),
            retry=RetryPolicy(
                attempts=5, backoff_factor=0.01, backoff_max=0.1, backoff_jitter=0.02
            ),
            queue_retry=QueueRetry(attempts=60, base=0.01, factor=1.3, cap=0.1, jitter=0.5),
            poll=PollPolicy(initial=0.01, factor=1.5, maximum=0.08),
        )
        with client, ThreadPoolExecutor(THREADS) as pool:
            results = dict(enumerate(pool.map(lambda s: job(client, s), range(TASKS))))
        stop.set()
        storm.join()
        wall = time.monotonic() - started
        requests = rh.requests
        tasks = rh.tasks

    per_seed = Counter(seed_of(t) for t in tasks)
    assert max(per_seed.values()) == 1, "a task was created twice"
    outcomes: Counter[str] = Counter()
    for seed, result in results.items():
        if isinstance(result, list):
            outcomes["success"] += 1
            assert len(result) == 1 and per_seed[seed] == 1
            assert seed % 25 != 0
        else:
            assert isinstance(result, RunningHubError), result
            text = str(result)
            assert text and "\n" not in text and SAMPLE_KEY not in text
            outcomes[type(result).__name__] += 1
            if isinstance(result, TaskFailedError):
                assert seed % 25 == 0 and "raised RuntimeError" in text
            elif isinstance(result, CreateUncertainError):
                assert "may have been created and billed" in text
                assert per_seed[seed] <= 1
            else:
                raise AssertionError(f"seed {seed}: unexpected {text}")
    faults = Counter((r.fault or "").split(":")[0] for r in requests if r.fault)
    creates = [r for r in requests if r.path == CREATE]
    real_421 = sum(r.code == 421 and r.fault is None for r in creates)
    print(
        f"\nsoak: {TASKS} tasks, {THREADS} threads, wall {wall:.1f}s, "
        f"{len(requests)} requests, faults {dict(faults)}, "
        f"creates sent {len(creates)} (421 injected: {sum(r.fault == 'code:421' for r in creates)}"
        f", 421 by the limit: {real_421}), "
        f"tasks registered {len(tasks)}, outcomes {dict(outcomes)}"
    )
    assert outcomes["success"] >= TASKS * 0.75
    assert all(seed % 25 != 0 or not isinstance(results[seed], list) for seed in results)
    assert faults["drop"] and faults["http_error"] and faults["malformed"] and faults["code"]
    assert real_421 > 0  # the concurrency limit was hit and waited out
    assert wall < 30
