"""`rhconfig batch run` killed with SIGKILL at random instants, resumed, then finished with
`--retry-uncertain`, against the local RunningHub; plus one uninterrupted run for the makespan.

    python benchmarks/bench_batch.py                      # 200 lines, 8 kills, --jobs 8
    python benchmarks/bench_batch.py --lines 500 --kills 12 --jobs 16 --seed 3

The fake (in this process, on loopback) limits the key to --jobs tasks at once (421 beyond) and
runs each task for --task seconds; the batch runs in child processes (`python -m rhconfig`).
Printed: lines, kills (runs killed while running), resumes, tasks the fake created, lines left
uncertain by the kills, lines with two tasks before --retry-uncertain (must be 0), and for the
uninterrupted run its makespan against the concurrency ideal ceil(lines / jobs) x task time.
Exit 1 when a line was paid twice without --retry-uncertain or a line did not end succeeded.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rhconfig.testing import SAMPLE_KEY, FakeRunningHub  # noqa: E402
from rhconfig.testing.crash import rhconfig_command, run_with_kills  # noqa: E402

WID = "1900000000000000001"
EXAMPLES = REPO / "workflows"


def write_jobs(path: Path, lines: int) -> None:
    path.write_text(
        "".join(
            json.dumps({"positive_prompt": f"line {n}", "seed": n}) + "\n"
            for n in range(1, lines + 1)
        ),
        "utf-8",
    )


def tasks_per_line(hub: FakeRunningHub) -> dict[int, int]:
    found: dict[int, int] = {}
    for task in hub.tasks:
        for entry in task.node_info_list:
            value = entry.get("fieldValue")
            if isinstance(value, str) and value.startswith("line "):
                line = int(value.split()[1])
                found[line] = found.get(line, 0) + 1
    return found


def states(ledger: Path) -> dict[str, int]:
    with sqlite3.connect(f"{ledger.as_uri()}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT state, COUNT(*) FROM lines GROUP BY state").fetchall()
    conn.close()
    return {str(s): int(n) for s, n in rows}


def ledger_makespan(ledger: Path) -> float:
    """First create sent to last task finished, from the ledger's own timings."""
    with sqlite3.connect(f"{ledger.as_uri()}?mode=ro", uri=True) as conn:
        first, last = conn.execute("SELECT MIN(sent_at), MAX(finished_at) FROM lines").fetchone()
    conn.close()
    return float(last) - float(first)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--task", type=float, default=0.5, help="seconds a task takes")
    parser.add_argument("--latency", type=float, default=0.01, help="seconds per request")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    queue_s = args.task * 0.2
    run_s = args.task - queue_s
    poll = "0.05"
    env_base = {
        **os.environ,
        "RUNNINGHUB_API_KEY": SAMPLE_KEY,
        "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    ideal = math.ceil(args.lines / args.jobs) * args.task
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # 1. killed, resumed, finished
        with FakeRunningHub(
            workflows_dir=EXAMPLES, latency=args.latency, queue_seconds=queue_s,
            run_seconds=run_s, concurrency=args.jobs,
        ) as hub:
            jobs = root / "jobs.jsonl"
            write_jobs(jobs, args.lines)
            argv = rhconfig_command(
                "batch", "run", WID, str(jobs), "--workflows-dir", str(EXAMPLES),
                "--jobs", str(args.jobs), "--poll", poll, "--download", str(root / "out"),
            )
            env = {**env_base, "RUNNINGHUB_BASE_URL": hub.base_url}
            total_run = ideal + 2.0  # kills spread over the batch's own length
            report = run_with_kills(
                argv, kills=args.kills, rng=random.Random(args.seed),
                delay=(0.8, max(1.0, total_run / max(1, args.kills) + 0.8)), env=env,
            )
            ledger = root / "jobs.jsonl.ledger.sqlite"
            after_kills = states(ledger)
            twice = sum(1 for n in tasks_per_line(hub).values() if n > 1)
            tasks_before = len(hub.tasks)
            final = run_with_kills(
                [*argv, "--retry-uncertain"], kills=0, rng=random.Random(0), env=env
            )
            end = states(ledger)
            tasks_after = len(hub.tasks)
        if twice:
            failures.append(f"{twice} lines with two tasks before --retry-uncertain")
        if end.get("succeeded") != args.lines or final.final_code != 0:
            failures.append(f"final states {end}, exit {final.final_code}")
        # 2. uninterrupted, for the makespan
        with FakeRunningHub(
            workflows_dir=EXAMPLES, latency=args.latency, queue_seconds=queue_s,
            run_seconds=run_s, concurrency=args.jobs,
        ) as hub:
            jobs2 = root / "clean.jsonl"
            write_jobs(jobs2, args.lines)
            env = {**env_base, "RUNNINGHUB_BASE_URL": hub.base_url}
            started = time.monotonic()
            code = subprocess.call(
                rhconfig_command(
                    "batch", "run", WID, str(jobs2), "--workflows-dir", str(EXAMPLES),
                    "--jobs", str(args.jobs), "--poll", poll,
                ),
                env=env, stdout=subprocess.DEVNULL,
            )
            wall = time.monotonic() - started
            makespan = ledger_makespan(root / "clean.jsonl.ledger.sqlite")
            clean_tasks = len(hub.tasks)
            if code != 0 or clean_tasks != args.lines:
                failures.append(f"uninterrupted run: exit {code}, {clean_tasks} tasks")
    print(f"lines:                    {args.lines} (--jobs {args.jobs}, task {args.task}s)")
    print(f"kills:                    {report.kills} (of {args.kills}; "
          f"{report.finished_early} runs ended first)")
    print(f"resumes:                  {report.resumes} + 1 with --retry-uncertain")
    print(f"tasks created:            {tasks_before} after the kills, {tasks_after} in all")
    print(f"uncertain after kills:    {after_kills.get('uncertain', 0)} "
          f"(states {dict(sorted(after_kills.items()))})")
    print(f"lines with two tasks:     {twice} before --retry-uncertain, "
          f"{tasks_after - args.lines} extra after it")
    print(f"killed batch wall time:   {report.seconds + final.seconds:.2f}s")
    print(f"makespan (uninterrupted): {makespan:.2f}s first create to last task end "
          f"({wall:.2f}s wall with start-up); ideal {ideal:.2f}s -> "
          f"{makespan / ideal:.2f}x")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
