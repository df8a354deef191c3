"""run_batch against the local RunningHub: resume rules, faults, concurrency, stop."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from batch_helpers import WID, tasks_by_line, write_jobs
from helpers import EXAMPLES

from rhconfig.batch import BatchOptions, Ledger, read_jobs, run_batch
from rhconfig.batch.runner import Target, output_names
from rhconfig.client import DEFAULT_API, Output, PollPolicy, QueueRetry, RunningHub
from rhconfig.store import load_profile
from rhconfig.testing import FakeRunningHub
from rhconfig.testing.clients import fast_client, wire_path

CREATE = wire_path(DEFAULT_API, "create", WID)  # the default wire's paths
STATUS = wire_path(DEFAULT_API, "status")
OUTPUTS = wire_path(DEFAULT_API, "outputs")

TARGET = Target("workflow", WID)
FAST = BatchOptions(poll=PollPolicy(initial=0.01, factor=1.5, maximum=0.05))


def run(client: RunningHub, jobs_file: Path, ledger_path: Path, **options: object):  # type: ignore[no-untyped-def]
    jobs = read_jobs(jobs_file, load_profile(WID, EXAMPLES))
    opts = BatchOptions(**{**FAST.__dict__, **options})  # type: ignore[arg-type]
    with Ledger.create_or_open(ledger_path, TARGET.as_meta()) as ledger:
        result = run_batch(client, TARGET, jobs, ledger, opts)
        return result, {r.line: r for r in ledger.rows()}


def test_run_then_resume_skips_succeeded_and_completes_downloads(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 5)
    out = tmp_path / "out"
    result, rows = run(client, jobs, tmp_path / "l.sqlite", jobs=3, download=out)
    assert result.complete and result.sent == 5
    assert {r.state for r in rows.values()} == {"succeeded"}
    assert sorted(p.name for p in out.iterdir()) == [f"line-000{n}_9_1.png" for n in range(1, 6)]
    assert all(r.attempts == 1 and r.task_id for r in rows.values())
    (out / "line-0003_9_1.png").unlink()
    result, rows = run(client, jobs, tmp_path / "l.sqlite", jobs=3, download=out)
    assert result.complete and result.sent == 0
    assert len(hub.tasks) == 5  # nothing sent twice
    assert (out / "line-0003_9_1.png").read_bytes().startswith(b"\x89PNG")


def test_new_lines_are_sent_and_changed_sent_lines_refused(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 3)
    run(client, jobs, tmp_path / "l.sqlite")
    text = jobs.read_text().replace('"line 2"', '"line 2 changed"')
    jobs.write_text(text + '{"positive_prompt": "line 4"}\n')
    result, rows = run(client, jobs, tmp_path / "l.sqlite")
    assert [line for line, _ in result.refused] == [2]
    assert "changed since it was sent" in result.refused[0][1]
    assert rows[4].state == "succeeded" and not result.complete
    assert sorted(tasks_by_line(hub)) == [1, 2, 3, 4]
    assert all(len(ids) == 1 for ids in tasks_by_line(hub).values())


def test_created_lines_are_polled_not_resent(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 2)
    path = tmp_path / "l.sqlite"
    with Ledger.create_or_open(path, TARGET.as_meta()) as ledger:
        for job in read_jobs(jobs, load_profile(WID, EXAMPLES)):
            ledger.add(job.line, job.digest, job.node_info)
        created = client.create(WID, read_jobs(jobs, load_profile(WID, EXAMPLES))[0].node_info)
        ledger.set_state(1, "sending", expect=("pending",), attempts_plus=1)
        ledger.set_state(1, "created", expect=("sending",), task_id=created.task_id)
    result, rows = run(client, jobs, path)
    assert result.complete and result.sent == 1  # line 2 only
    assert rows[1].task_id == created.task_id and rows[1].attempts == 1
    assert all(len(ids) == 1 for ids in tasks_by_line(hub).values())


def test_a_kill_mid_create_leaves_uncertain_until_asked(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 2)
    path = tmp_path / "l.sqlite"
    with Ledger.create_or_open(path, TARGET.as_meta()) as ledger:
        for job in read_jobs(jobs, load_profile(WID, EXAMPLES)):
            ledger.add(job.line, job.digest, job.node_info)
        ledger.set_state(1, "sending", expect=("pending",), attempts_plus=1)  # then: killed
    result, rows = run(client, jobs, path)
    assert result.recovered["uncertain"] == 1
    assert rows[1].state == "uncertain" and "may exist" in (rows[1].error or "")
    assert rows[2].state == "succeeded" and not result.complete
    assert sorted(tasks_by_line(hub)) == [2]
    result, rows = run(client, jobs, path, retry_uncertain=True)
    assert result.complete and rows[1].attempts == 2
    assert sorted(tasks_by_line(hub)) == [1, 2]


def test_dropped_creates_become_uncertain_and_nothing_is_lost(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 12)
    hub.inject("drop", 2, path=CREATE, after=True)  # task made, answer lost
    hub.inject("drop", 1, path=CREATE)  # lost before processing
    hub.inject("http_error", 3, path=STATUS)
    hub.inject("http_error", 2, path=OUTPUTS, status=503)
    hub.inject("code", 6, path=CREATE, code=421)  # a 421 storm
    queue = QueueRetry(attempts=20, base=0.01, factor=1.2, cap=0.05)
    with fast_client(hub, queue_retry=queue) as patient:
        result, rows = run(patient, jobs, tmp_path / "l.sqlite", jobs=4)
    states = [r.state for r in rows.values()]
    assert states.count("uncertain") == 3 and states.count("succeeded") == 9
    by_line = tasks_by_line(hub)
    assert all(len(ids) == 1 for ids in by_line.values())  # no line with two tasks
    for row in rows.values():
        if row.state == "succeeded":
            assert by_line[row.line] == [row.task_id]
    result, rows = run(client, jobs, tmp_path / "l.sqlite", retry_uncertain=True)
    assert result.complete
    assert sum(len(ids) for ids in tasks_by_line(hub).values()) == 14  # 2 paid twice, by choice


def test_random_faults_lose_nothing(hub: FakeRunningHub, tmp_path: Path) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 16)
    hub.set_concurrency(3)
    hub.random_faults(0.15, seed=7)
    queue = QueueRetry(attempts=50, base=0.01, factor=1.2, cap=0.05)
    with fast_client(hub, queue_retry=queue) as client:
        for _ in range(6):  # a few resumes: a poll that gave up leaves 'created'
            result, rows = run(client, jobs, tmp_path / "l.sqlite", jobs=3)
            if all(r.state in ("succeeded", "uncertain", "failed") for r in rows.values()):
                break
    assert {r.state for r in rows.values()} <= {"succeeded", "uncertain"}
    by_line = tasks_by_line(hub)
    assert all(len(ids) == 1 for ids in by_line.values())
    assert all(by_line[r.line] == [r.task_id] for r in rows.values() if r.state == "succeeded")


def test_concurrency_fills_the_limit_without_exceeding_it(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 9)
    hub.set_concurrency(3)
    result, rows = run(client, jobs, tmp_path / "l.sqlite", jobs=3)
    assert result.complete and result.workers == 3
    creates = [r for r in hub.requests if r.path == CREATE]
    assert [r.code for r in creates] == [0] * 9  # the limit was never met with a 421


def test_slots_leave_room_for_tasks_already_running(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    hub.state.run_seconds = 30.0
    client.create(WID, [])  # another program's task, running on the same key
    hub.state.run_seconds = 0.05
    jobs = write_jobs(tmp_path / "jobs.jsonl", 4)
    result, _ = run(client, jobs, tmp_path / "l.sqlite", jobs=3)
    assert result.workers == 2 and result.complete


def test_workers_grow_when_the_other_tasks_end(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    hub.set_concurrency(3)
    hub.state.run_seconds = 0.3
    client.create(WID, [])  # another program's task: holds one of the 3 slots for a while
    hub.state.run_seconds = 0.05
    jobs = write_jobs(tmp_path / "jobs.jsonl", 40)
    queue = QueueRetry(attempts=50, base=0.01, factor=1.2, cap=0.05)
    with fast_client(hub, queue_retry=queue) as patient:
        result, rows = run(patient, jobs, tmp_path / "l.sqlite", jobs=3, rebalance=0.05)
    assert result.complete
    assert result.workers == 3  # started with 2, grew to the limit once the slot was free
    assert all(len(ids) == 1 for ids in tasks_by_line(hub).values())


def test_failed_tasks_keep_their_reason(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 3)
    hub.fail_tasks(1)
    result, rows = run(client, jobs, tmp_path / "l.sqlite", jobs=1)
    failed = [r for r in rows.values() if r.state == "failed"]
    assert len(failed) == 1 and not result.complete
    assert failed[0].failed_reason and failed[0].failed_reason["exception_type"]
    assert "OutOfMemoryError" in (failed[0].error or "")
    result, _ = run(client, jobs, tmp_path / "l.sqlite")
    assert result.sent == 0  # a failed task was paid for: not re-sent by a rerun


def test_stop_returns_at_once_and_leaves_the_ledger_consistent(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    hub.state.run_seconds = 30.0
    jobs_file = write_jobs(tmp_path / "jobs.jsonl", 6)
    jobs = read_jobs(jobs_file, load_profile(WID, EXAMPLES))
    stop = threading.Event()
    path = tmp_path / "l.sqlite"
    with Ledger.create_or_open(path, TARGET.as_meta()) as ledger:
        timer = threading.Timer(0.5, stop.set)
        timer.start()
        result = run_batch(client, TARGET, jobs, ledger, FAST, stop=stop)
        timer.cancel()
        deadline = time.monotonic() + 10  # the workers end at their next poll
        while _workers() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _workers()  # none polls on after the run returned
    assert result.interrupted
    with Ledger.open_readonly(path) as ledger:
        rows = ledger.rows()
    assert [r.state for r in rows].count("created") == 2  # DEFAULT_JOBS workers, each waiting
    assert {r.state for r in rows} <= {"created", "pending", "sending"}
    assert len(hub.tasks) == sum(r.state == "created" for r in rows)


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("rhconfig-batch-")]


def test_app_target_runs_through_run_ai_app(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path
) -> None:
    import json

    graph = json.loads((EXAMPLES / f"{WID}.api.json").read_text("utf-8"))
    app = Target("app", "1990000000000000001")
    hub.add_webapp(app.id, graph)
    jobs = read_jobs(write_jobs(tmp_path / "jobs.jsonl", 3), load_profile(WID, EXAMPLES))
    with Ledger.create_or_open(tmp_path / "l.sqlite", app.as_meta()) as ledger:
        result = run_batch(client, app, jobs, ledger, FAST)
    assert result.complete
    assert all(t.ai_app and t.workflow_id == app.id for t in hub.tasks)
    assert len(hub.tasks) == 3


def test_output_names_say_their_line() -> None:
    outs = [
        Output("http://h/files/1/a.png", "png", "9", None, None),
        Output("http://h/files/1/b.png", "png", "9", None, None),
        Output("http://h/files/1/c", "mp4", "12:3", None, None),
    ]
    assert output_names(7, outs) == [
        "line-0007_9_1.png", "line-0007_9_2.png", "line-0007_12-3_1.mp4",
    ]


@pytest.mark.parametrize("jobs", [1, 4])
def test_every_line_ends_succeeded(
    hub: FakeRunningHub, client: RunningHub, tmp_path: Path, jobs: int
) -> None:
    jobs_file = write_jobs(tmp_path / "j.jsonl", 6)
    result, rows = run(client, jobs_file, tmp_path / "l.sqlite", jobs=jobs)
    assert result.complete and len(rows) == 6
