"""A batch killed with SIGKILL at random instants, then resumed, never pays twice for a line."""

from __future__ import annotations

import os
import random
import sqlite3
import sys
from pathlib import Path

import pytest
from batch_helpers import WID, tasks_by_line, write_jobs
from helpers import EXAMPLES, REPO

from rhconfig.testing import SAMPLE_KEY, FakeRunningHub
from rhconfig.testing.crash import rhconfig_command, run_with_kills

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def ledger_rows(path: Path) -> dict[int, tuple[str, str | None]]:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT line, state, task_id FROM lines").fetchall()
    conn.close()
    return {int(line): (state, task) for line, state, task in rows}


@pytest.mark.parametrize("seed", [1])
def test_killed_batch_resumes_without_double_tasks(tmp_path: Path, seed: int) -> None:
    with FakeRunningHub(
        workflows_dir=EXAMPLES, queue_seconds=0.1, run_seconds=0.4, latency=0.01, concurrency=4
    ) as hub:
        jobs = write_jobs(tmp_path / "jobs.jsonl", 30)
        ledger = tmp_path / "jobs.jsonl.ledger.sqlite"
        env = {**os.environ, "RUNNINGHUB_BASE_URL": hub.base_url, "RUNNINGHUB_API_KEY": SAMPLE_KEY}
        argv = rhconfig_command(
            "batch", "run", WID, str(jobs), "--workflows-dir", str(EXAMPLES),
            "--jobs", "4", "--poll", "0.02", "--download", str(tmp_path / "out"),
        )
        report = run_with_kills(
            argv, kills=5, rng=random.Random(seed), delay=(0.4, 1.6), env=env, cwd=REPO
        )
        # most kills land while the batch runs: its 30 tasks of 0.5 s on 4 slots outlast the
        # first three delays (3.3 s) however fast the client gets
        assert report.kills >= 3, report
        rows = ledger_rows(ledger)
        assert len(rows) == 30
        assert {state for state, _ in rows.values()} <= {"succeeded", "uncertain"}
        by_line = tasks_by_line(hub)
        assert all(len(ids) == 1 for ids in by_line.values()), by_line  # no line paid twice
        for line, (state, task) in rows.items():
            if state == "succeeded":
                assert by_line[line] == [task]
        uncertain = [line for line, (state, _) in rows.items() if state == "uncertain"]
        assert report.final_code == (1 if uncertain else 0)
        names = {p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")}
        assert {f"line-{n:04d}_9_1.png" for n, (s, _) in rows.items() if s == "succeeded"} <= names

        final = run_with_kills([*argv, "--retry-uncertain"], kills=0, rng=random.Random(0),
                               env=env, cwd=REPO)
        assert final.final_code == 0
        rows = ledger_rows(ledger)
        assert {state for state, _ in rows.values()} == {"succeeded"}
        by_line = tasks_by_line(hub)
        assert sorted(by_line) == list(range(1, 31))
        assert all(len(by_line[line]) <= 2 for line in uncertain)
        assert all(len(by_line[n]) == 1 for n in by_line if n not in uncertain)


def test_ctrl_c_stops_at_once_and_leaves_the_ledger_consistent(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    with FakeRunningHub(workflows_dir=EXAMPLES, queue_seconds=0.1, run_seconds=60.0) as hub:
        jobs = write_jobs(tmp_path / "jobs.jsonl", 6)
        env = {**os.environ, "RUNNINGHUB_BASE_URL": hub.base_url, "RUNNINGHUB_API_KEY": SAMPLE_KEY}
        argv = rhconfig_command(
            "batch", "run", WID, str(jobs), "--workflows-dir", str(EXAMPLES), "--jobs", "2",
            "--poll", "0.05",
        )
        proc = subprocess.Popen(argv, env=env, cwd=REPO, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while len(hub.tasks) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(hub.tasks) == 2
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)  # the tasks run for a minute: it did not wait
        assert proc.returncode == 130
        assert "interrupted" in err and "Traceback" not in err
        rows = ledger_rows(tmp_path / "jobs.jsonl.ledger.sqlite")
        by_line = tasks_by_line(hub)
        for line, (state, task) in rows.items():  # every task is its line's, or its line
            if line in by_line:                   # says a create was on the wire
                assert state == "sending" or (state, [task]) == ("created", by_line[line])
            else:
                assert state in ("pending", "sending")
        # a create on the wire got its answer before the exit: recorded, not uncertain
        assert sum(state == "created" for state, _ in rows.values()) == 2
