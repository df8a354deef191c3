"""Benchmark: the soak of tests/client/test_soak.py (rhconfig.testing.soak), timed.

Run from the repository root:

    PYTHONPATH=. python benchmarks/bench_soak.py                 # 240 tasks, 16 threads, v1 and v2
    PYTHONPATH=. python benchmarks/bench_soak.py --tasks 480 --threads 32 --target 60

240 tasks go through ``RunningHub.run`` from a thread pool while the local RunningHub drops
connections, answers 5xx, delays, sends malformed bodies and 421 storms under a concurrency
limit of 8. Target: the whole soak within --target seconds (30; the figure the test used to
assert). Prints the summary line; exits 1 when the target is missed, 2 when a task was created
twice or fewer than 75% succeeded (the test checks the rest).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rhconfig.testing.soak import run_soak, seed_of  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=240)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--target", type=float, default=30.0, help="seconds (default 30)")
    parser.add_argument("--api", choices=["v1", "v2", "both"], default="both")
    args = parser.parse_args(argv)
    # the client logs each fault it rides out: keep the benchmark's output to its figures
    logging.getLogger("rhconfig").addHandler(logging.NullHandler())
    status = 0
    for api in ("v1", "v2") if args.api == "both" else (args.api,):
        run = run_soak(tasks=args.tasks, threads=args.threads, api=api)
        print(run.summary())
        per_seed = Counter(seed_of(t) for t in run.registered)
        successes = sum(isinstance(r, list) for r in run.results.values())
        if max(per_seed.values(), default=0) > 1 or successes < 0.75 * run.tasks:
            print(f"soak {api}: FAILED (a duplicate create or too few successes)")
            return 2
        verdict = "ok" if run.wall <= args.target else "MISSED"
        print(
            f"{api}: wall {run.wall:.1f}s for {run.tasks} tasks "
            f"(target <= {args.target:g}s): {verdict}"
        )
        status = max(status, 0 if run.wall <= args.target else 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
