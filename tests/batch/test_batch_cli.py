"""``rhconfig batch run/status`` in-process: checks first, one-line refusals, JSON summary."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from batch_helpers import WID, write_jobs
from click.testing import CliRunner, Result
from helpers import EXAMPLES

from rhconfig.cli import cli
from rhconfig.client import DEFAULT_API
from rhconfig.testing import SAMPLE_KEY, FakeRunningHub
from rhconfig.testing.clients import wire_path

CREATE = wire_path(DEFAULT_API, "create", WID)  # the default wire's paths


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def batch_run(jobs: Path, *args: str) -> Result:
    return invoke(
        "batch", "run", WID, str(jobs), "--workflows-dir", str(EXAMPLES), "--poll", "0.01", *args
    )


def test_run_and_status(hub: FakeRunningHub, tmp_path: Path) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 4)
    result = batch_run(jobs, "--jobs", "2", "--download", str(tmp_path / "out"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["total"], data["succeeded"], data["failed"], data["uncertain"]) == (4, 4, 0, 0)
    assert data["run"]["sent"] == 4
    ledger = tmp_path / "jobs.jsonl.ledger.sqlite"
    assert ledger.is_file()
    status = invoke("batch", "status", str(ledger), "--json")
    assert status.exit_code == 0
    assert json.loads(status.stdout)["lines"] == data["lines"]
    human = invoke("batch", "status", str(ledger))
    assert human.stdout.startswith(f"workflow {WID}: 4 lines: 4 succeeded, 0 failed")
    for path in tmp_path.rglob("*"):  # the ledger (and its WAL), the downloads: no key
        if path.is_file():
            assert SAMPLE_KEY.encode() not in path.read_bytes(), path
    assert SAMPLE_KEY not in result.output + status.output + human.output


def test_failed_and_uncertain_lines_are_listed_with_reasons(
    hub: FakeRunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 3)
    hub.fail_tasks(1, where=lambda t: "line 2" in str(t.node_info_list))
    hub.inject("drop", 1, path=CREATE, after=True)
    result = batch_run(jobs, "--jobs", "1", "--ledger", str(tmp_path / "b.sqlite"))
    assert result.exit_code == 1
    assert "1 failed, 1 uncertain" in result.stdout
    assert "--retry-uncertain" in result.stderr
    status = invoke("batch", "status", str(tmp_path / "b.sqlite")).stdout.splitlines()
    assert any(" failed (task " in s and "OutOfMemoryError" in s for s in status)
    assert any(" uncertain: " in s and "may have reached RunningHub" in s for s in status)


def test_bad_lines_are_all_listed_and_nothing_is_sent(hub: FakeRunningHub, tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text('{"positive_prompt": "ok"}\n{"stepz": 3}\n{"cfg": "x"}\n', "utf-8")
    result = batch_run(jobs)
    assert result.exit_code == 2
    assert f"{jobs}:2:" in result.stderr and f"{jobs}:3:" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("rhconfig: error: ")
    assert "nothing was sent" in result.stderr
    assert not hub.requests
    assert not (tmp_path / "jobs.jsonl.ledger.sqlite").exists()


def test_corrupt_and_foreign_ledgers_are_refused_with_one_line(
    hub: FakeRunningHub, tmp_path: Path
) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 2)
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"this is not a database at all\n" * 10)
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    conn.close()
    damaged = tmp_path / "damaged.sqlite"
    assert batch_run(jobs, "--ledger", str(damaged)).exit_code == 0
    raw = bytearray(damaged.read_bytes())
    raw[4096:8192] = b"\xff" * 4096  # wreck the second page (a table's b-tree)
    damaged.write_bytes(bytes(raw))
    for path in (corrupt, foreign, damaged):
        for result in (
            batch_run(jobs, "--ledger", str(path)),
            invoke("batch", "status", str(path)),
        ):
            assert result.exit_code == 2, result.output
            assert result.stdout == ""
            (line,) = result.stderr.strip().splitlines()
            assert line.startswith("rhconfig: error: ") and str(path) in line
    assert sum(r.path == CREATE for r in hub.requests) == 2  # damaged's first run


def test_a_ledger_of_another_workflow_is_refused(hub: FakeRunningHub, tmp_path: Path) -> None:
    jobs = write_jobs(tmp_path / "jobs.jsonl", 1)
    assert batch_run(jobs, "--ledger", str(tmp_path / "l.sqlite")).exit_code == 0
    other = invoke(
        "batch", "run", "1900000000000000002", str(jobs), "--workflows-dir", str(EXAMPLES),
        "--ledger", str(tmp_path / "l.sqlite"),
    )
    assert other.exit_code == 2
    assert "not of workflow 1900000000000000002" in other.stderr


def test_progress_line_only_on_a_terminal(
    hub: FakeRunningHub, tmp_path: Path, capsys: object
) -> None:
    from rhconfig.cli.batch_cmd import ProgressLine

    result = batch_run(write_jobs(tmp_path / "jobs.jsonl", 2))
    assert result.exit_code == 0 and "\r" not in result.stderr  # not a terminal: no progress
    line = ProgressLine(10)
    counts = dict.fromkeys(
        ("pending", "uploading", "sending", "created", "succeeded", "failed", "uncertain"), 0
    )
    counts.update(succeeded=4, created=2, sending=1, failed=1, uncertain=2)
    line(counts)
    line.end()
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert err == "\r4/10 done, 3 running, 1 failed, 2 uncertain \n"


def test_an_app_profile_runs_through_the_ai_app_endpoint(
    hub: FakeRunningHub, tmp_path: Path
) -> None:
    app_id = "1950000000000000001"  # the bundled example app (workflows/ID.app.json)
    (tmp_path / "face.png").write_bytes(b"\x89PNG face")
    jobs = tmp_path / "jobs.jsonl"
    jobs.write_text(
        "".join(
            json.dumps({"prompt": f"line {n}", "portrait_photo": "@face.png"}) + "\n"
            for n in (1, 2, 3)
        ),
        "utf-8",
    )
    result = invoke(
        "batch", "run", app_id, str(jobs), "--workflows-dir", str(EXAMPLES), "--poll", "0.01",
        "--jobs", "3", "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["target"] == {"kind": "app", "id": app_id} and data["succeeded"] == 3
    assert len(hub.tasks) == 3 and all(t.ai_app and t.workflow_id == app_id for t in hub.tasks)
    runs = [r for r in hub.requests if r.path == wire_path(DEFAULT_API, "ai-app", app_id)]
    assert len(runs) == 3 and not any(r.path == CREATE for r in hub.requests)
    sent = {e["fieldName"]: e["fieldValue"] for e in runs[0].body["nodeInfoList"]}
    assert sent["image"] in hub.uploads  # the upload's name, not the local path
    uploads = [r for r in hub.requests if r.path == wire_path(DEFAULT_API, "upload")]
    assert len(uploads) == 1  # one file named by three lines: uploaded once


def test_api_option_reaches_the_client(hub: FakeRunningHub, tmp_path: Path) -> None:
    import inspect

    from rhconfig.client import RunningHub

    jobs = write_jobs(tmp_path / "jobs.jsonl", 2)
    v1 = batch_run(jobs, "--api", "v1", "--ledger", str(tmp_path / "v1.sqlite"))
    assert v1.exit_code == 0, v1.output
    assert sum(r.path == "/task/openapi/create" for r in hub.requests) == 2
    v2 = batch_run(jobs, "--api", "v2", "--ledger", str(tmp_path / "v2.sqlite"))
    if "api" in inspect.signature(RunningHub).parameters:  # the client speaks v2
        assert v2.exit_code == 0, v2.output
        runs = [r for r in hub.requests if r.path == f"/openapi/v2/run/workflow/{WID}"]
        assert len(runs) == 2
    else:
        assert v2.exit_code == 2 and "v1 API only" in v2.stderr
        assert sum(r.path == "/task/openapi/create" for r in hub.requests) == 2


def test_status_tells_a_stopped_run_from_an_active_one(
    hub: FakeRunningHub, tmp_path: Path
) -> None:
    from batch_helpers import WID as wid

    from rhconfig.batch import Ledger

    path = tmp_path / "l.sqlite"
    with Ledger.create_or_open(path, {"kind": "workflow", "id": wid}) as ledger:
        ledger.add(1, "h1", [])
        ledger.add(2, "h2", [])
        ledger.set_state(1, "sending", expect=("pending",))
        active = invoke("batch", "status", str(path), "--json")
        assert json.loads(active.stdout)["active"] is True
        assert "1 running" in invoke("batch", "status", str(path)).stdout
    stopped = invoke("batch", "status", str(path))
    assert "1 in flight when the last run stopped" in stopped.stdout
    assert "line 1 sending: the run stopped while its create was on the wire" in stopped.stdout
    assert json.loads(invoke("batch", "status", str(path), "--json").stdout)["active"] is False
