"""`run_many` of many tasks against the local RunningHub, with a concurrency limit per key.

    python benchmarks/bench_runs.py                       # 200 tasks, limit 8, 0.5 s tasks
    python benchmarks/bench_runs.py --tasks 40 --seconds 0.2

The fake (in this process, on loopback) runs each task for ``--seconds`` and answers 421 to a
create beyond ``--limit`` running tasks of the key. The generated module of the bundled example
1900000000000000001 calls ``run_many(client, calls, jobs=limit)`` with a poll policy suited to
tasks of that length. Ideal makespan: ``tasks / limit x seconds``. Target (issue 12): at most
1.2x the ideal, with every call answered once: as many tasks created as calls, no call without
its outputs. Prints the 421s taken (creates refused for the limit).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from rhconfig.client import RunningHub  # noqa: E402
from rhconfig.client.polling import PollPolicy  # noqa: E402
from rhconfig.codegen import generate  # noqa: E402
from rhconfig.store import load_profile  # noqa: E402
from rhconfig.testing import SAMPLE_KEY, FakeRunningHub  # noqa: E402

EXAMPLE = "1900000000000000001"
CREATE_PATHS = ("/task/openapi/create", f"/openapi/v2/run/workflow/{EXAMPLE}")


@dataclass(frozen=True)
class RunFigures:
    api: str
    tasks: int
    limit: int
    seconds: float
    makespan: float
    created: int
    refused_421: int
    answered: int

    @property
    def ideal(self) -> float:
        return self.tasks / self.limit * self.seconds

    @property
    def ratio(self) -> float:
        return self.makespan / self.ideal

    @property
    def exact(self) -> bool:
        return self.created == self.tasks == self.answered


def _module(folder: Path) -> object:
    source = generate(load_profile(EXAMPLE, REPO / "workflows"))
    path = folder / "bench_workflow.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("bench_workflow", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(tasks: int = 200, limit: int = 8, seconds: float = 0.5, api: str = "v2") -> RunFigures:
    with tempfile.TemporaryDirectory(prefix="bench-runs-") as tmp:
        module = _module(Path(tmp))
        fake = FakeRunningHub(
            REPO / "workflows", [SAMPLE_KEY], create_seconds=0.0, queue_seconds=0.0,
            run_seconds=seconds, concurrency=limit,
        )
        with fake:
            options: dict[str, object] = {"api_key": SAMPLE_KEY, "base_url": fake.base_url}
            if "api" in RunningHub.__init__.__code__.co_varnames:
                options["api"] = api
            # Poll at a tenth of the task length: what a caller tunes for short tasks.
            poll = PollPolicy(initial=seconds / 10, factor=1.0, maximum=seconds / 10)
            with RunningHub(**options) as client:  # type: ignore[arg-type]
                calls = [{"seed": i} for i in range(tasks)]
                start = time.perf_counter()
                results = module.run_many(client, calls, jobs=limit, poll=poll)  # type: ignore[attr-defined]
                makespan = time.perf_counter() - start
            records = fake.requests
    creates = [r for r in records if r.path in CREATE_PATHS]
    refused = sum(1 for r in creates if r.code == 421 or str(r.code) == "421")
    return RunFigures(
        api=api, tasks=tasks, limit=limit, seconds=seconds, makespan=makespan,
        created=len(creates) - refused, refused_421=refused,
        answered=sum(1 for r in results if r),
    )


def describe(f: RunFigures) -> str:
    return (
        f"run_many ({f.api}): {f.tasks} tasks of {f.seconds} s, limit {f.limit}: makespan "
        f"{f.makespan:.2f} s, ideal {f.ideal:.2f} s ({f.ratio:.2f}x); {f.created} tasks created, "
        f"{f.answered} answered, {f.refused_421} creates refused with 421"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--limit", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=0.5)
    parser.add_argument("--api", default="v2")
    opts = parser.parse_args()
    figures = measure(opts.tasks, opts.limit, opts.seconds, opts.api)
    print(describe(figures))
    ok = figures.exact and figures.ratio <= 1.2
    print("OK" if ok else "MISSED (target <= 1.2x, every call answered once)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
