"""Scan speed and memory against json.loads of the same graph, and CLI start-up against
`python -c "import click"`.

    python benchmarks/bench_scan.py            # corpus from ../shared if present, else bundled
    python benchmarks/bench_scan.py --quick    # fewer repeats

Scan (issue 12): ``rhconfig.scan.scan_document(document, load_catalog(), id)`` (catalog loaded
once, rhconfig's caches cleared before every scan, no YAML) against ``json.loads`` of the same
text: median ratio over the graphs at most 5x, none above 10x. Each time is the best of several
repeats, both taken in one run. Memory: the tracemalloc peak of scanning the largest graph at
most 3x that of ``json.loads`` of it. Start-up: one ``rhconfig check ID FILE`` process (the
console script's own code, ``from rhconfig.cli import main; main()``) at most 1.3x one
``python -c "import click"`` (medians of interleaved runs, bytecode compiled beforehand).
Exits 1 when a target is missed.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from rhconfig import classify, naming  # noqa: E402
from rhconfig.catalog_files import load_catalog  # noqa: E402
from rhconfig.scan import scan_document  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "api"
EXAMPLE = "1900000000000000001"


@dataclass(frozen=True)
class Measure:
    """One figure of a benchmark, with its target (lower is better)."""

    name: str
    value: float
    target: float
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.value <= self.target

    def line(self) -> str:
        verdict = "ok" if self.ok else "MISSED"
        figure = f"{self.value:7.2f}x  target <= {self.target:g}x"
        return f"{self.name:46} {figure}  {verdict}  {self.detail}"


def graphs() -> list[Path]:
    if CORPUS.is_dir():
        return sorted(CORPUS.glob("*.json"))
    return sorted((REPO / "workflows").glob("*.api.json"))


def best(fn: Callable[[], object], number: int, repeat: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def _cold_scan(document: object, catalog: object) -> None:
    naming.clear_caches()
    classify.clear_caches()
    scan_document(document, catalog, "1")  # type: ignore[arg-type]


def scan_ratios(repeat: int) -> list[tuple[str, float, float]]:
    catalog = load_catalog()
    rows = []
    for path in graphs():
        text = path.read_bytes()
        document = json.loads(text)
        t_json = best(lambda text=text: json.loads(text), 200, repeat)  # type: ignore[misc]
        t_scan = best(lambda d=document: _cold_scan(d, catalog), 50, repeat)  # type: ignore[misc]
        rows.append((path.name, t_json, t_scan))
    return rows


def scan_measures(repeat: int, verbose: bool = False) -> list[Measure]:
    rows = scan_ratios(repeat)
    if verbose:
        print(f"{'graph':40} {'json.loads':>11} {'scan':>11} {'ratio':>7}")
        for name, t_json, t_scan in rows:
            print(f"{name:40} {t_json * 1e6:9.1f}us {t_scan * 1e6:9.1f}us {t_scan / t_json:6.1f}x")
    ratios = {name: t_scan / t_json for name, t_json, t_scan in rows}
    worst = max(ratios, key=ratios.__getitem__)
    return [
        Measure("scan / json.loads, median over graphs", statistics.median(ratios.values()), 5,
                f"({len(rows)} graphs)"),
        Measure("scan / json.loads, slowest graph", ratios[worst], 10, f"({worst})"),
    ]


def _peak(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def memory_measure() -> Measure:
    path = max(graphs(), key=lambda p: p.stat().st_size)
    text = path.read_bytes()
    catalog = load_catalog()
    loads_peak = min(_peak(lambda: json.loads(text)) for _ in range(3))
    # the scan's own allocations: the document is parsed outside the traced call
    document = json.loads(text)
    scan_peak = min(_peak(lambda: _cold_scan(document, catalog)) for _ in range(3))
    return Measure("scan memory / json.loads memory (peak)", scan_peak / loads_peak, 3,
                   f"({path.name}: {scan_peak / 1024:.0f} KiB vs {loads_peak / 1024:.0f} KiB)")


def _wall(cmd: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """The process's wall time; its CPU time (user + system) is appended to ``cpu``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def startup_measure(runs: int) -> Measure:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        env["RHCONFIG_CACHE_DIR"] = str(Path(tmp) / "cache")
        node_info = Path(tmp) / "node_info.json"
        node_info.write_text('[{"nodeId": "6", "fieldName": "text", "fieldValue": "a cat"}]')
        click = [sys.executable, "-c", "import click"]
        check = [sys.executable, "-c", "from rhconfig.cli import main; main()", "check", EXAMPLE,
                 str(node_info), "--workflows-dir", str(REPO / "workflows")]
        for cmd in (click, check, check):  # bytecode and the profile cache in place
            _wall(cmd, env)
        base: list[float] = []
        ours: list[float] = []
        base_cpu: list[float] = []
        ours_cpu: list[float] = []
        for _ in range(runs):
            base.append(_wall(click, env, base_cpu))
            ours.append(_wall(check, env, ours_cpu))
    b, o = statistics.median(base), statistics.median(ours)
    cpu = statistics.median(ours_cpu) / statistics.median(base_cpu)
    return Measure("rhconfig check / python -c 'import click'", o / b, 1.3,
                   f"({o * 1e3:.1f} ms vs {b * 1e3:.1f} ms, medians of {runs}; CPU {cpu:.2f}x)")


def main() -> int:
    quick = "--quick" in sys.argv
    measures = [*scan_measures(3 if quick else 7, verbose=True), memory_measure(),
                startup_measure(11 if quick else 31)]
    for m in measures:
        print(m.line())
    return 0 if all(m.ok for m in measures) else 1


if __name__ == "__main__":
    sys.exit(main())
