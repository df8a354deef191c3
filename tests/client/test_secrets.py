"""The API key never appears: not in messages, reprs, args, tracebacks, logs, CLI output, or
what the fake records. A session with a distinctive key walks every command and error path and
everything it produced is grepped."""

from __future__ import annotations

import json
import logging
import pickle
import socket
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rhconfig.cli import cli
from rhconfig.client import QueueRetry, RunningHub
from rhconfig.testing import SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph
from rhconfig.testing.clients import fast_client

SECRET = "SeCrEt7Q" + "kY9wLmZ3" + "pV5nXb2R" + "tH8jCd4G"  # 32 characters
WRONG = "WrOnG7Qk" + "Y9wLmZ3p" + "V5nXb2Rt" + "H8jCd4Gz"
NEEDLES = (SECRET, SECRET[:12], SECRET[-12:], WRONG, WRONG[:12])
CREATE = "/task/openapi/create"
NODES = [{"nodeId": "6", "fieldName": "text", "fieldValue": "a cat"}]


class Collector:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def exc(self, exc: BaseException) -> None:
        self.texts += [str(exc), repr(exc), repr(exc.args), repr(vars(exc))]
        self.texts += traceback.format_exception(exc)
        self.texts.append(repr(pickle.loads(pickle.dumps(exc)).__dict__))

    def call(self, fn: Callable[[], Any]) -> Any:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - every error is collected and grepped
            self.exc(exc)
            return exc
        self.texts.append(repr(result))
        return result


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[FakeRunningHub]:
    with FakeRunningHub(api_keys=[SECRET], queue_seconds=0.02, run_seconds=0.04) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        rh.add_workflow("55", sample_graph(), ran=False)
        yield rh


def test_key_never_appears(
    hub: FakeRunningHub,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)  # urllib3, requests, rhconfig.client, rhconfig.testing
    seen = Collector()
    client = fast_client(hub, api_key=SECRET, queue_retry=QueueRetry(attempts=2, base=0.01))
    seen.texts += [repr(client), str(vars(client)), repr(client._transport.__dict__)]
    image = tmp_path / "in.png"
    image.write_bytes(b"\x89PNG in")

    # every endpoint, successfully
    outputs = seen.call(lambda: client.run(SAMPLE_WORKFLOW_ID, NODES))
    seen.call(lambda: client.download(outputs, tmp_path / "out"))
    seen.call(lambda: client.upload(image))
    seen.call(client.account_status)
    seen.call(lambda: client.get_json_api_format(SAMPLE_WORKFLOW_ID))
    task = seen.call(lambda: client.create(SAMPLE_WORKFLOW_ID, NODES))
    seen.call(lambda: client.status(task.task_id))
    seen.call(lambda: client.outputs(task.task_id))  # 813/804: TaskPendingError
    seen.call(lambda: client.cancel(task.task_id))

    # every error path
    seen.call(lambda: client.create(SAMPLE_WORKFLOW_ID, [dict(NODES[0], nodeId="99")]))  # 803
    seen.call(lambda: client.get_json_api_format("42"))  # 380
    seen.call(lambda: client.get_json_api_format("55"))  # 810
    seen.call(lambda: client.cancel("1" * 19))  # 807
    hub.fail_tasks(1)
    seen.call(lambda: client.run(SAMPLE_WORKFLOW_ID, NODES))  # 805
    hub.reject_prompts(1)
    seen.call(lambda: client.run(SAMPLE_WORKFLOW_ID, NODES))  # promptTips
    hub.inject("code", 5, path=CREATE, code=421)
    seen.call(lambda: client.create(SAMPLE_WORKFLOW_ID, NODES))  # 421 after retries
    hub.clear_faults()
    for kind, after in (("drop", True), ("malformed", False), ("http_error", False)):
        hub.inject(kind, path=CREATE, after=after)
        seen.call(lambda: client.create(SAMPLE_WORKFLOW_ID, NODES))  # CreateUncertainError
    hub.inject("http_error", 10, path="/uc/openapi/accountStatus")
    seen.call(client.account_status)  # TransportError after retries
    hub.inject("delay", path="/task/openapi/status", seconds=0.4)
    slow = fast_client(hub, api_key=SECRET, timeout=(1.0, 0.1))
    seen.call(lambda: slow.status(task.task_id))  # read timeouts
    hub.inject("code", path=CREATE, code=416)
    seen.call(lambda: client.create(SAMPLE_WORKFLOW_ID, NODES))
    seen.call(lambda: client.run(SAMPLE_WORKFLOW_ID, NODES, timeout=0.01))  # TaskTimeoutError
    seen.call(lambda: client.upload(tmp_path / "missing.png"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    seen.call(lambda: fast_client(dead, api_key=SECRET).create(SAMPLE_WORKFLOW_ID, NODES))
    wrong = fast_client(hub, api_key=WRONG)
    seen.call(wrong.account_status)  # 802
    seen.call(lambda: wrong.create(SAMPLE_WORKFLOW_ID, NODES))

    # the CLI, with tracebacks on (-v)
    runner = CliRunner()
    env = {"RUNNINGHUB_API_KEY": SECRET, "RUNNINGHUB_BASE_URL": hub.base_url}
    payload = tmp_path / "payload.json"  # a create payload as users save it, key included
    payload.write_text(json.dumps({
        "apiKey": SECRET, "workflowId": SAMPLE_WORKFLOW_ID,
        "nodeInfoList": NODES + [{"nodeId": "99", "fieldName": "x", "fieldValue": SECRET[:3]}],
    }))  # fmt: skip
    work = tmp_path / "workflows"
    invocations = [
        ["scan", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work)],
        ["run", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--poll", "0.01",
         "--set", "seed=3", "--set", f"reference_image=@{image}", "--download", str(tmp_path)],
        ["-v", "run", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--set", "steps=0"],
        ["-v", "upload", str(image)],
        ["-v", "account"],
        ["-v", "account", "--json"],
        ["-v", "cancel", "1" * 19],
        ["-v", "cancel", "x"],
        ["show", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--all"],
        ["check", SAMPLE_WORKFLOW_ID, str(payload), "--workflows-dir", str(work)],
        ["check", SAMPLE_WORKFLOW_ID, str(payload), "--workflows-dir", str(work), "--json"],
        ["-v", "check", "1" * 19, str(payload), "--workflows-dir", str(work)],
        ["gen", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "-o", str(tmp_path / "m.py")],
        ["-v", "scan", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--check"],
    ]  # fmt: skip
    for args in invocations:
        result = runner.invoke(cli, args, env=env)
        seen.texts += [result.stdout, result.stderr, repr(result.exception)]
    hub.fail_tasks(1)
    result = runner.invoke(
        cli,
        ["-v", "run", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--poll", "0.01"],
        env=env,
    )
    assert result.exit_code == 1
    seen.texts += [result.stdout, result.stderr]
    result = runner.invoke(cli, ["-v", "account"], env={**env, "RUNNINGHUB_API_KEY": WRONG})
    assert result.exit_code == 2 and "802" in result.stderr
    seen.texts += [result.stdout, result.stderr]

    # what the fake recorded, logged and printed
    seen.texts += [repr(r) for r in hub.requests]
    seen.texts += [repr(t) for t in hub.tasks]
    captured = capsys.readouterr()
    seen.texts += [caplog.text, captured.out, captured.err]
    seen.texts += [r.getMessage() + repr(r.args) for r in caplog.records]

    # every text file the session wrote: profiles, graphs, the generated module
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != payload]
    assert any(p.suffix == ".yaml" for p in written) and (tmp_path / "m.py").is_file()
    seen.texts += [p.read_bytes().decode("utf-8", "replace") for p in written]

    blob = "\n".join(seen.texts)
    assert "APIKEY_UNAUTHORIZED" in blob and "may have been created and billed" in blob
    assert "raised torch.OutOfMemoryError" in blob and "Retrying" in caplog.text
    assert len(hub.requests) > 40
    for needle in NEEDLES:
        assert needle not in blob, f"key material {needle[:4]}... leaked"


def test_missing_key_error_prints_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNNINGHUB_API_KEY", raising=False)
    with pytest.raises(Exception) as info:
        RunningHub(api_key="   ")
    assert "RUNNINGHUB_API_KEY" in str(info.value)


def test_a_server_echoing_the_key_is_redacted() -> None:
    from rhconfig.client import AuthError

    client = RunningHub(api_key=SECRET, base_url="http://127.0.0.1:9")
    echo = {"code": 802, "msg": f"bad key {SECRET}", "data": {"apiKey": SECRET, "x": [SECRET]}}
    with pytest.raises(AuthError) as info:
        client._unwrap("/uc/openapi/accountStatus", echo, task_id=None)
    assert "bad key ***" in str(info.value)
    assert SECRET not in str(info.value) + repr(info.value.data) and info.value.data == {
        "x": ["***"]
    }
