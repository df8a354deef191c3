"""``rhconfig run`` as users reach for it: every --set problem at once, @FILE by kind,
NODE:FIELD, --node-info, --dry-run; ``cancel`` of a finished task; the fake's "try:" line."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import rhconfig
from rhconfig.cli import cli
from rhconfig.store import WorkflowStore, load_profile
from rhconfig.testing import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph

WID = SAMPLE_WORKFLOW_ID
SRC = str(Path(rhconfig.__file__).resolve().parents[1])


@pytest.fixture
def workflows(fake_runninghub: FakeRunningHub, tmp_path: Path) -> Iterator[Path]:
    result = invoke("scan", WID, "--workflows-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    yield tmp_path


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, input=input)


def run(workflows: Path, *args: str, input: str | None = None) -> Result:
    return invoke(
        "run", WID, "--workflows-dir", str(workflows), "--poll", "0.01", *args, input=input
    )


def name_of(workflows: Path, node_id: str, field: str) -> str:
    """The profile's name for an input (names are the naming rules' business, not ours)."""
    return load_profile(WID, workflows).by_key[(node_id, field)].name


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_every_set_problem_at_once_with_the_workflows_own_examples(
    fake_runninghub: FakeRunningHub, workflows: Path, tmp_path: Path
) -> None:
    before = len(fake_runninghub.requests)
    steps, cfg, seed = (name_of(workflows, "3", f) for f in ("steps", "cfg", "seed"))
    result = run(
        workflows,
        "--set", f"{steps}=many",
        "--set", f"{cfg}=x",
        "--set", f"{seed.upper()}=1",  # a case-only miss
        "--set", "nonsense",
        "--set", "3:stepz=4",
        "--set", "3:model=x",  # linked
        "--set", f"{steps}=@{tmp_path / 'p.txt'}",  # @FILE refused for an integer
    )  # fmt: skip
    assert result.exit_code == 2
    lines = error_lines(result)
    assert all(line.startswith("rhconfig: error: ") for line in lines), lines
    assert len(lines) == 8, lines
    # the examples are this workflow's own values (the sample has steps 20, cfg 8)
    assert f"input '{steps}' (integer): 'many' is not a whole number, e.g. 20" in lines[0]
    assert f"input '{cfg}' (number): 'x' is not a number, e.g. 8" in lines[1]
    assert f"did you mean '{seed}'?" in lines[2]
    assert "NAME=VALUE" in lines[3]
    assert "node 3 has no field 'stepz': did you mean 'steps'?" in lines[4]
    assert "node 3 field 'model' is linked" in lines[5]
    assert "@FILE works for media inputs" in lines[6]
    assert lines[7].endswith(f"7 problems in --set for workflow {WID}: nothing was sent")
    assert len(fake_runninghub.requests) == before


def test_unknown_name_suggests_several(workflows: Path) -> None:
    prompt = name_of(workflows, "6", "text")
    result = run(workflows, "--set", f"{prompt[:-1]}=x")
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith("rhconfig: error: --set: ") and f"'{prompt}'" in line
    assert "did you mean" in line


def test_at_file_by_kind(fake_runninghub: FakeRunningHub, workflows: Path, tmp_path: Path) -> None:
    text = tmp_path / "prompt.txt"
    text.write_text("a red fox, 北京\n", encoding="utf-8")
    image = tmp_path / "ref.png"
    image.write_bytes(b"\x89PNG ref")
    prompt, ref = name_of(workflows, "6", "text"), name_of(workflows, "10", "image")
    result = run(workflows, "--set", f"{prompt}=@{text}", "--set", f"{ref}=@{image}", "--json")
    assert result.exit_code == 0, result.output
    (task,) = fake_runninghub.tasks
    sent = {(e["nodeId"], e["fieldName"]): e["fieldValue"] for e in task.node_info_list}
    assert sent[("6", "text")] == "a red fox, 北京\n"  # the file's text, not an upload
    assert sent[("10", "image")] in fake_runninghub.uploads
    assert len(fake_runninghub.uploads) == 1
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    bad = run(workflows, "--set", f"{prompt}=@{binary}")
    assert bad.exit_code == 2 and "is not UTF-8 text" in bad.stderr


def test_run_help_documents_at_file() -> None:
    text = " ".join(invoke("run", "--help").stdout.split())
    assert "uploads FILE for an image/video/audio/file input" in text
    assert "reads FILE's UTF-8 text for a text/string input" in text
    assert "refused for other kinds" in text


def test_dry_run_prints_the_payload_and_sends_nothing(
    fake_runninghub: FakeRunningHub, workflows: Path, tmp_path: Path
) -> None:
    image = tmp_path / "ref.png"
    image.write_bytes(b"\x89PNG ref")
    before = len(fake_runninghub.requests)
    ref = name_of(workflows, "10", "image")
    result = run(
        workflows, "--dry-run", "--set", "3:steps=7", "--set", f"{ref}=@{image}",
        "--instance-type", "plus",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["workflowId"] == WID and payload["instanceType"] == "plus"
    assert "apiKey" not in payload and os.environ["RUNNINGHUB_API_KEY"] not in result.output
    entries = {(e["nodeId"], e["fieldName"]): e["fieldValue"] for e in payload["nodeInfoList"]}
    assert entries[("3", "steps")] == 7
    assert entries[("10", "image")].startswith("openapi/") and "would upload" in result.stderr
    assert len(fake_runninghub.requests) == before and not fake_runninghub.uploads


def test_dry_run_needs_no_key(workflows: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNNINGHUB_API_KEY")
    result = run(workflows, "--dry-run", "--set", "3:steps=7")
    assert result.exit_code == 0, result.output


def test_node_info_file_is_submitted_as_checked(
    fake_runninghub: FakeRunningHub, workflows: Path, tmp_path: Path
) -> None:
    entries = [
        {"nodeId": "3", "fieldName": "steps", "fieldValue": 9},
        {"nodeId": "3", "fieldName": "seed", "fieldValue": 1},
    ]
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps({"workflowId": WID, "nodeInfoList": entries}), "utf-8")
    check = invoke("check", WID, str(payload), "--workflows-dir", str(workflows))
    assert check.exit_code == 0, check.output
    result = run(workflows, "--node-info", str(payload))
    assert result.exit_code == 0, result.output
    (task,) = fake_runninghub.tasks
    assert task.node_info_list == entries
    # --set replaces an entry of the file and adds others; stdin works too
    seed = name_of(workflows, "3", "seed")
    again = run(workflows, "--node-info", "-", "--set", f"{seed}=5", "--set", "3:cfg=2.5",
                input=json.dumps(entries))
    assert again.exit_code == 0, again.output
    sent = fake_runninghub.tasks[-1].node_info_list
    assert sent == [entries[0], {"nodeId": "3", "fieldName": "seed", "fieldValue": 5},
                    {"nodeId": "3", "fieldName": "cfg", "fieldValue": 2.5}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"nodeId": "3", "fieldName": "steps", "fieldValue": -1}]), "utf-8")
    before = len(fake_runninghub.requests)
    refused = run(workflows, "--node-info", str(bad))
    assert refused.exit_code == 2 and "out_of_range" in refused.stderr
    assert len(fake_runninghub.requests) == before


def test_cancel_of_a_finished_task_says_so(fake_runninghub: FakeRunningHub) -> None:
    from rhconfig.testing.clients import fast_client

    fake_runninghub.add_workflow("77", sample_graph())
    client = fast_client(fake_runninghub)
    task = client.create("77", [])
    client.wait(task, timeout=10)
    done = invoke("cancel", task.task_id)
    assert done.exit_code == 0
    assert f"task {task.task_id} had already finished (SUCCESS): nothing to cancel" in done.stdout
    assert fake_runninghub.task_state(task.task_id) == "SUCCESS"


def test_every_option_has_help() -> None:
    import click

    from rhconfig.cli import COMMANDS

    ctx = click.Context(cli)
    missing = []
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None
        todo = [(name, command)]
        while todo:
            path, cmd = todo.pop()
            missing += [f"{path} {p.opts[0]}" for p in cmd.params
                        if isinstance(p, click.Option) and not p.help]
            if isinstance(cmd, click.Group):
                todo += [(f"{path} {n}", c) for n, c in cmd.commands.items()]
    assert not missing


def test_catalog_help_is_not_cut() -> None:
    text = invoke("catalog", "--help").stdout
    commands = text.split("Commands:")[1]
    assert "..." not in commands and "(e.g." not in commands


def test_fake_try_line_works_as_printed(tmp_path: Path) -> None:
    """The fake's 'try:' line, run by a shell as printed, runs a task."""
    store = WorkflowStore(tmp_path)
    store.write_graph(WID, sample_graph())
    scanned = invoke("scan", WID, "--workflows-dir", str(tmp_path), "--from-file",
                     str(store.graph_path(WID)))
    assert scanned.exit_code == 0, scanned.output
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("RUNNINGHUB_API_KEY", None)
    env.pop("RUNNINGHUB_BASE_URL", None)
    args = ["fake-server", "--port", "0", "--workflows-dir", str(tmp_path),
            "--queue-seconds", "0", "--run-seconds", "0.05"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "rhconfig", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=SRC,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(3)]
        (line,) = [x for x in lines if x.startswith("try: ")]
        command = line.removeprefix("try: ").strip()
        assert "RUNNINGHUB_API_KEY=" in command and f"run {WID}" in command
        shell = f"rhconfig() {{ {shlex.quote(sys.executable)} -m rhconfig \"$@\"; }}; {command}"
        done = subprocess.run(
            ["bash", "-c", shell], env=env, capture_output=True, text=True, timeout=60, cwd=SRC
        )
        assert done.returncode == 0, done.stderr
        assert "finished" in done.stderr and done.stdout.startswith("node ")
    finally:
        proc.send_signal(signal.SIGINT)
        _, console = proc.communicate(timeout=10)
    # one console line per request, without the key
    # the printed command runs through v2, the default
    assert f"POST /openapi/v2/run/workflow/{WID} code 0 task " in console, console
    assert "POST /openapi/v2/query code 0" in console
    assert SAMPLE_KEY not in console


def test_a_media_file_never_uploaded_fails_the_task(
    fake_runninghub: FakeRunningHub, workflows: Path
) -> None:
    ref = name_of(workflows, "10", "image")
    result = run(workflows, "--set", f"{ref}=holiday.png")
    assert result.exit_code == 1, result.output
    assert "unverified_media" in result.stderr  # check warned
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("rhconfig: error:")]
    assert "code 805" in line and "FileNotFoundError" in line and "holiday.png" in line
    fake_runninghub.set_lenient()
    assert run(workflows, "--set", f"{ref}=holiday.png").exit_code == 0
