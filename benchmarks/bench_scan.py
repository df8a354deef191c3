"""Scan speed: parse + classify + build a profile, against json.loads of the same graph;
and `rhconfig --version` start-up, against `python -c "import click"`.

    python benchmarks/bench_scan.py            # corpus from ../shared if present, else bundled
    python benchmarks/bench_scan.py --quick    # fewer repeats

Targets (issue 2): the median ratio over the corpus is at most 3x json.loads; `rhconfig
--version` at most 1.5x `python -c "import click"`. Each measurement is the best of several
repeats, taken in one run; caches are cleared before every scan (a cold scan, catalog loaded).
Exits 1 when a target is missed.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from rhconfig import classify, naming
from rhconfig.catalog_files import load_catalog
from rhconfig.graph import canonical_graph, graph_sha256, parse_graph
from rhconfig.profile import build_profile

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "api"


def graphs() -> list[Path]:
    if CORPUS.is_dir():
        return sorted(CORPUS.glob("*.json"))
    return sorted((REPO / "workflows").glob("*.api.json"))


def best(fn: Callable[[], object], number: int, repeat: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def scan_ratios(repeat: int) -> list[tuple[str, float, float]]:
    catalog = load_catalog()
    rows = []
    for path in graphs():
        text = path.read_bytes()
        document = json.loads(text)

        def scan(document: object = document) -> None:
            naming.clear_caches()
            classify.clear_caches()
            graph = parse_graph(document)
            sha = graph_sha256(canonical_graph(document))
            build_profile(graph, catalog, "1", graph_sha256=sha)

        t_json = best(lambda text=text: json.loads(text), 200, repeat)  # type: ignore[misc]
        t_scan = best(scan, 50, repeat)
        rows.append((path.name, t_json, t_scan))
    return rows


def startup(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    quick = "--quick" in sys.argv
    repeat = 3 if quick else 7
    rows = scan_ratios(repeat)
    print(f"{'graph':40} {'json.loads':>11} {'scan':>11} {'ratio':>7}")
    for name, t_json, t_scan in rows:
        print(f"{name:40} {t_json * 1e6:9.1f}us {t_scan * 1e6:9.1f}us {t_scan / t_json:6.1f}x")
    median = statistics.median(t_scan / t_json for _, t_json, t_scan in rows)
    print(f"median scan / json.loads over {len(rows)} graphs: {median:.1f}x (target <= 3x)")

    runs = 5 if quick else 15
    exe = [sys.executable]
    baseline = startup([*exe, "-c", "import click"], runs)
    version = startup([*exe, "-m", "rhconfig.cli", "--version"], runs)
    print(
        f"startup: rhconfig --version {version * 1e3:.1f} ms, python -c 'import click' "
        f"{baseline * 1e3:.1f} ms: {version / baseline:.2f}x (target <= 1.5x)"
    )
    ok = median <= 3 and version / baseline <= 1.5
    print("PASS" if ok else "MISSED a target")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
