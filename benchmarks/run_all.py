"""Every speed target of rhconfig, measured in one run, as ratios against its named baseline.

    python benchmarks/run_all.py            # all figures; exit 1 when a target is missed
    python benchmarks/run_all.py --quick    # fewer repeats (noisier)

| measure | baseline | target |
|---|---|---|
| scan (scan_document, cold caches, no YAML), median over the corpus | json.loads of the text | 5x |
| scan, slowest corpus graph | json.loads of the text | 10x |
| scan memory (tracemalloc peak), largest corpus graph | json.loads of the text | 3x |
| `rhconfig check ID FILE` process | `python -c "import click"` | 1.3x |
| `scan` of 100 ids, `--jobs 8`, fake with 50 ms latency | 100 x 50 ms / 8 | 1.3x |
| `run_many` of 200 tasks of 0.5 s, 8 per key, v1 and v2 | 200 / 8 x 0.5 s | 1.2x |

The corpus is ``../shared/corpus/api`` when present (else the bundled examples).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_runs  # noqa: E402
import bench_scan  # noqa: E402
import bench_scan_remote  # noqa: E402
import scan_floor  # noqa: E402
from bench_scan import Measure  # noqa: E402


def main() -> int:
    quick = "--quick" in sys.argv
    measures: list[Measure] = []

    def show(new: list[Measure]) -> None:
        for m in new:
            print(m.line(), flush=True)
        measures.extend(new)

    show(bench_scan.scan_measures(3 if quick else 7))
    floor = scan_floor.stage_ratios(3 if quick else 7)
    print("  where a scan's time goes (x json.loads, median; benchmarks/scan_floor.py):")
    print("    floor (walk + ProfileInput + canonical sha256) {:.2f}x; scan {:.2f}x = walk and "
          "model {:.2f}x + naming {:.2f}x + classification {:.2f}x".format(
              floor["walk + sha"][0], floor["scan"][0], floor["scan without either"][0],
              floor["scan"][0] - floor["scan without naming"][0],
              floor["scan"][0] - floor["scan without classification"][0]), flush=True)
    show([bench_scan.memory_measure()])
    show([bench_scan.startup_measure(11 if quick else 31)])
    remote = bench_scan_remote.measure(repeat=2 if quick else 3)
    show([Measure("scan of 100 ids, --jobs 8, 50 ms / ideal", remote.ratio, 1.3,
                  f"(best {remote.best:.3f} s vs {remote.ideal:.3f} s; fetch alone "
                  f"{remote.fetch / remote.ideal:.2f}x)")])
    for api in ("v1", "v2"):
        runs = bench_runs.measure(tasks=200, limit=8, seconds=0.5, api=api)
        detail = (f"({runs.makespan:.2f} s vs {runs.ideal:.2f} s; {runs.created} created for "
                  f"{runs.tasks} calls, {runs.answered} answered, {runs.refused_421} x 421)")
        value = runs.ratio if runs.exact else float("inf")
        show([Measure(f"run_many 200 x 0.5 s, 8 per key ({api}) / ideal", value, 1.2, detail)])
    missed = [m.name for m in measures if not m.ok]
    print("all targets met" if not missed else f"MISSED: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
