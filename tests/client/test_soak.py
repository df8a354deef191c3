"""Soak, on each protocol: 240 tasks through ``run`` from a thread pool against a fake that
drops connections, answers 5xx, delays, sends malformed bodies and 421 storms, with a real
concurrency limit (the scenario: :mod:`rhconfig.testing.soak`). Every task must end in
success or a clear RunningHub error and no task may be created twice. How long it takes is a
benchmark's business (``benchmarks/bench_soak.py``), not this test's."""

from __future__ import annotations

from collections import Counter

from rhconfig.client import CreateUncertainError, RunningHubError, TaskFailedError
from rhconfig.testing import SAMPLE_KEY
from rhconfig.testing.soak import FAILING, create_path, run_soak, seed_of


def test_soak(api: str) -> None:
    run = run_soak(api=api)
    print("\n" + run.summary())
    per_seed = Counter(seed_of(t) for t in run.registered)
    assert max(per_seed.values()) == 1, "a task was created twice"
    assert len(run.results) == run.tasks
    outcomes: Counter[str] = Counter()
    for seed, result in run.results.items():
        if isinstance(result, list):
            outcomes["success"] += 1
            assert len(result) == 1 and per_seed[seed] == 1
            assert seed % FAILING != 0
        else:
            assert isinstance(result, RunningHubError), result
            text = str(result)
            assert text and "\n" not in text and SAMPLE_KEY not in text
            outcomes[type(result).__name__] += 1
            if isinstance(result, TaskFailedError):
                assert seed % FAILING == 0 and "raised RuntimeError" in text
            elif isinstance(result, CreateUncertainError):
                assert "may have been created and billed" in text
                assert per_seed[seed] <= 1
            else:
                raise AssertionError(f"seed {seed}: unexpected {text}")
    assert outcomes["success"] >= run.tasks * 0.75
    assert outcomes["TaskFailedError"] > 0
    faults = run.faults()
    assert faults["drop"] and faults["http_error"] and faults["malformed"] and faults["code"]
    creates = [r for r in run.requests if r.path == create_path(api)]
    assert any(r.fault == "code:421" for r in creates)  # the storms hit this wire's creates
    assert any(r.code == 421 and r.fault is None for r in creates)  # the limit was waited out
