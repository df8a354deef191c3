"""``rhconfig run/upload/account/cancel/fake-server`` against the fake, in-process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import rhconfig
from rhconfig.cli import cli
from rhconfig.store import WorkflowStore
from rhconfig.testing import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph

WID = SAMPLE_WORKFLOW_ID


@pytest.fixture
def workflows(fake_runninghub: FakeRunningHub, tmp_path: Path) -> Iterator[Path]:
    """A workflows dir holding the sample's profile, made by ``rhconfig scan`` via the fake."""
    result = invoke("scan", WID, "--workflows-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    yield tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def run(workflows: Path, *args: str) -> Result:
    return invoke("run", WID, "--workflows-dir", str(workflows), "--poll", "0.01", *args)


@pytest.mark.parametrize("api", [None, "v1", "v2"])
def test_run_prints_outputs_and_downloads(
    fake_runninghub: FakeRunningHub, workflows: Path, tmp_path: Path, api: str | None
) -> None:
    image = tmp_path / "ref.png"
    image.write_bytes(b"\x89PNG reference")
    out = tmp_path / "out"
    before = len(fake_runninghub.requests)
    result = run(
        workflows,
        *(["--api", api] if api else []),
        "--set", "steps=12",
        "--set", "positive_prompt=@@home",  # a literal leading @
        "--set", f"reference_image=@{image}",
        "--download", str(out),
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (item,) = data["outputs"]
    assert Path(item["path"]).read_bytes().startswith(b"\x89PNG")
    (task,) = fake_runninghub.tasks
    assert task.task_id == data["taskId"]
    sent = {(e["nodeId"], e["fieldName"]): e["fieldValue"] for e in task.node_info_list}
    assert sent[("3", "steps")] == 12 and sent[("6", "text")] == "@home"
    assert sent[("10", "image")] in fake_runninghub.uploads
    prefix = "api/" if api == "v1" else "openapi/"  # v2 unless --api v1
    assert f"uploaded ref.png as {prefix}" in result.stderr
    assert f"task {task.task_id} created" in result.stderr
    sent_to = {r.path for r in fake_runninghub.requests[before:] if r.method == "POST"}
    if api == "v1":
        assert sent_to == {"/task/openapi/" + p for p in ("upload", "create", "status", "outputs")}
    else:
        assert sent_to == {
            "/openapi/v2/media/upload/binary",
            f"/openapi/v2/run/workflow/{WID}",
            "/openapi/v2/query",
        }


def test_runninghub_api_environment_chooses_the_wire(
    fake_runninghub: FakeRunningHub, workflows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNNINGHUB_API", "v1")
    before = len(fake_runninghub.requests)
    assert run(workflows, "--set", "seed=2").exit_code == 0
    assert fake_runninghub.requests[before].path == "/task/openapi/create"
    assert run(workflows, "--set", "seed=2", "--api", "v2").exit_code == 0  # the option wins
    assert fake_runninghub.requests[-1].path == "/openapi/v2/query"
    monkeypatch.setenv("RUNNINGHUB_API", "v9")
    bad = run(workflows, "--set", "seed=2")
    assert bad.exit_code == 2 and "RUNNINGHUB_API must be v1 or v2" in bad.stderr


def test_run_plain_output(workflows: Path) -> None:
    result = run(workflows, "--set", "seed=5")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    node, kind, url = line.split("\t")
    assert (node, kind) == ("node 9", "png") and url.startswith("http://127.0.0.1:")


def test_run_checks_values_before_sending(
    fake_runninghub: FakeRunningHub, workflows: Path, tmp_path: Path
) -> None:
    before = len(fake_runninghub.requests)
    bad = run(workflows, "--set", "steps=-5", "--set", "sampler_name=eulerx")
    assert bad.exit_code == 2
    assert "out_of_range" in bad.stderr and "not_in_enum" in bad.stderr
    assert "2 errors in the values" in bad.stderr and "nothing was sent" in bad.stderr
    typo = run(workflows, "--set", "sampler=euler")
    assert typo.exit_code == 2 and "did you mean 'sampler_name'" in typo.stderr
    missing = run(workflows, "--set", f"reference_image=@{tmp_path / 'nope.png'}")
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    wrong_type = run(workflows, "--set", "steps=many")
    assert wrong_type.exit_code == 2 and "is not a whole number" in wrong_type.stderr
    malformed = run(workflows, "--set", "steps")
    assert malformed.exit_code == 2 and "NAME=VALUE" in malformed.stderr
    assert len(fake_runninghub.requests) == before  # nothing reached the server


def test_run_task_failure_exit_1(fake_runninghub: FakeRunningHub, workflows: Path) -> None:
    fake_runninghub.fail_tasks(1, node_id="3", exception_type="RuntimeError", message="CUDA oom")
    result = run(workflows, "--set", "seed=1")
    assert result.exit_code == 1
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("rhconfig: error:")]
    assert "code 805 APIKEY_TASK_STATUS_ERROR" in line
    assert "node 3 (KSampler) raised RuntimeError: CUDA oom" in line


def test_run_without_profile(fake_runninghub: FakeRunningHub, tmp_path: Path) -> None:
    result = invoke("run", WID, "--workflows-dir", str(tmp_path))
    assert result.exit_code == 2 and "rhconfig scan" in result.stderr


def test_run_without_key(workflows: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNNINGHUB_API_KEY")
    result = run(workflows, "--set", "seed=1")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("set RUNNINGHUB_API_KEY (or pass api_key=)")


def test_upload_account_cancel(fake_runninghub: FakeRunningHub, tmp_path: Path) -> None:
    image = tmp_path / "a.webp"
    image.write_bytes(b"RIFF....WEBP")
    up = invoke("upload", str(image))
    assert up.exit_code == 0 and up.stdout.strip() in fake_runninghub.uploads
    odd = tmp_path / "a.xyz"
    odd.write_bytes(b"x")
    refused = invoke("upload", str(odd))
    assert refused.exit_code == 2 and "unknown file type" in refused.stderr
    account = invoke("account", "--json")
    assert account.exit_code == 0
    assert json.loads(account.stdout)["remainCoins"] == 177814
    assert "coins:" in invoke("account").stdout
    unknown = invoke("cancel", "1" * 19)
    # v2 (the default) answers an unknown task id with 1007; v1's cancel says 807
    assert unknown.exit_code == 2 and "1007 PARAMS_INVALID: task not found" in unknown.stderr
    fake_runninghub.add_workflow("77", sample_graph())
    from rhconfig.testing.clients import fast_client

    task = fast_client(fake_runninghub).create("77", [])
    done = invoke("cancel", task.task_id)
    assert done.exit_code == 0 and task.task_id in done.stdout


def test_fake_server_command(tmp_path: Path) -> None:
    WorkflowStore(tmp_path).write_graph("123", sample_graph())
    key = "F" * 32
    src = str(Path(rhconfig.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    code = "from rhconfig.cli import main; main()"
    args = ["fake-server", "--port", "0", "--workflows-dir", str(tmp_path), "--api-key", key]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        first, second = proc.stdout.readline(), proc.stdout.readline()
        assert first.startswith("fake RunningHub at http://127.0.0.1:")
        assert "1 configured key" in first and key not in first + second
        assert second.strip() == "serving 1 workflow: 123"
        url = first.split()[3]
        import requests

        body = {"apiKey": key, "workflowId": "123"}
        answer = requests.post(url + "/api/openapi/getJsonApiFormat", json=body, timeout=5)
        assert answer.json()["code"] == 0
        body["apiKey"] = SAMPLE_KEY
        answer = requests.post(url + "/api/openapi/getJsonApiFormat", json=body, timeout=5)
        assert answer.json()["code"] == 802
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0 and key not in out + err
