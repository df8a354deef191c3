"""The API key never appears: not in messages, reprs, args, tracebacks, logs, CLI output, what
the fake records or its request log, in a body or as a ``Bearer`` header. A session with a
distinctive key walks every command and every endpoint on each wire (v2 adds the Bearer header
on every path), each error path asserts the exact exception it expects, and what each path
produced (its result or exception, the log records and fake requests it caused) is grepped
right there; at the end everything the session wrote is grepped too."""

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
from rhconfig.client import (
    AuthError,
    CreateUncertainError,
    InsufficientFundsError,
    InvalidNodeInfoError,
    MissingApiKeyError,
    NotFoundError,
    PromptTipsError,
    QueueFullError,
    QueueRetry,
    RunningHub,
    TaskFailedError,
    TaskPendingError,
    TaskTimeoutError,
    TransportError,
    UploadError,
    ValidationError,
    WorkflowNotRunError,
)
from rhconfig.testing import SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph
from rhconfig.testing.clients import fast_client, wire_path

SECRET = "SeCrEt7Q" + "kY9wLmZ3" + "pV5nXb2R" + "tH8jCd4G"  # 32 characters
WRONG = "WrOnG7Qk" + "Y9wLmZ3p" + "V5nXb2Rt" + "H8jCd4Gz"
NEEDLES = (SECRET, SECRET[:12], SECRET[-12:], WRONG, WRONG[:12], "Bearer " + SECRET[:4])
NODES = [{"nodeId": "6", "fieldName": "text", "fieldValue": "a cat"}]
WEBAPP = "1877265245566922753"


def leaks(texts: list[str]) -> list[str]:
    blob = "\n".join(texts)
    return [n[:4] + "..." for n in NEEDLES if n in blob]


def exception_texts(exc: BaseException) -> list[str]:
    texts = [str(exc), repr(exc), repr(exc.args), repr(vars(exc))]
    texts += traceback.format_exception(exc)
    texts.append(repr(pickle.loads(pickle.dumps(exc)).__dict__))
    for linked in (exc.__cause__, exc.__context__):  # what a debugger or logger could reach
        if linked is not None:
            texts += [repr(linked), repr(vars(linked)) if hasattr(linked, "__dict__") else ""]
    return texts


class Session:
    """Runs one path at a time and checks what that path produced, then keeps it for the end."""

    def __init__(self, hub: FakeRunningHub, caplog: pytest.LogCaptureFixture, log: Path) -> None:
        self.hub, self.caplog, self.log = hub, caplog, log
        self.texts: list[str] = []
        self.paths = 0

    def call(self, label: str, fn: Callable[[], Any], expect: type[BaseException] | None) -> Any:
        records, requests = len(self.caplog.records), len(self.hub.requests)
        produced: list[str] = []
        result: Any = None
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001 - compared with the exact class below
            assert type(exc) is expect, f"{label}: {type(exc).__name__}, expected {expect}"
            produced += exception_texts(exc)
            result = exc
        else:
            assert expect is None, f"{label}: no exception, expected {expect.__name__}"
            produced.append(repr(result))
            if isinstance(result, list):
                produced += [repr(vars(x)) for x in result if hasattr(x, "__dict__")]
        produced += [r.getMessage() + repr(r.args) for r in self.caplog.records[records:]]
        produced += [repr(r) for r in self.hub.requests[requests:]]
        produced.append(self.log.read_text() if self.log.exists() else "")
        assert not leaks(produced), f"{label} leaked {leaks(produced)}"
        self.texts += produced
        self.paths += 1
        return result


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[FakeRunningHub]:
    log = tmp_path / "requests.log"
    with FakeRunningHub(
        api_keys=[SECRET], queue_seconds=0.02, run_seconds=0.04, log_path=log
    ) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        rh.add_workflow("55", sample_graph(), ran=False)
        rh.add_webapp(WEBAPP, sample_graph())
        yield rh


def dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.mark.parametrize("api", ["v1", "v2"])
def test_key_never_appears(
    api: str,
    hub: FakeRunningHub,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)  # urllib3, requests, rhconfig.client, rhconfig.testing
    log = tmp_path / "requests.log"
    s = Session(hub, caplog, log)
    client = fast_client(
        hub, api=api, api_key=SECRET, queue_retry=QueueRetry(attempts=2, base=0.01)
    )
    wrong = fast_client(hub, api=api, api_key=WRONG)
    s.texts += [repr(client), str(vars(client)), repr(client._transport.__dict__)]
    s.texts += [repr(client._wire.__dict__), repr(client._transport.safe.headers)]
    image = tmp_path / "in.png"
    image.write_bytes(b"\x89PNG in")
    lora = tmp_path / "style.safetensors"
    lora.write_bytes(b"lora weights")
    create, status = wire_path(api, "create", SAMPLE_WORKFLOW_ID), wire_path(api, "status")

    # every endpoint, successfully
    outputs = s.call("run", lambda: client.run(SAMPLE_WORKFLOW_ID, NODES), None)
    s.call("download", lambda: client.download(outputs, tmp_path / "out"), None)
    s.call("upload", lambda: client.upload(image), None)
    s.call("upload_lora", lambda: client.upload_lora(lora), None)
    s.call("account", client.account_status, None)
    s.call("getJsonApiFormat", lambda: client.get_json_api_format(SAMPLE_WORKFLOW_ID), None)
    app = s.call("run_ai_app", lambda: client.run_ai_app(WEBAPP, NODES), None)
    s.call("wait ai app", lambda: client.wait(app), None)
    hooked = s.call(
        "create+webhook",
        lambda: client.create(SAMPLE_WORKFLOW_ID, NODES, webhook_url=dead_url() + "/hook"),
        None,
    )
    s.call("wait hooked", lambda: client.wait(hooked), None)
    detail = None
    for _ in range(200):  # the delivery record appears when the task ends
        detail = s.call("webhook_detail", lambda: client.webhook_detail(hooked.task_id), None)
        if detail is not None:
            break
    assert detail is not None and "userApiKey" not in detail.raw
    s.call("retry_webhook", lambda: client.retry_webhook(detail.id, dead_url()), None)
    task = s.call("create", lambda: client.create(SAMPLE_WORKFLOW_ID, NODES), None)
    s.call("status", lambda: client.status(task.task_id), None)
    s.call("outputs (pending)", lambda: client.outputs(task.task_id), TaskPendingError)
    s.call("cancel", lambda: client.cancel(task.task_id), None)

    # every error path, each with the exception it must give
    bad_node = [dict(NODES[0], nodeId="99")]
    s.call("803", lambda: client.create(SAMPLE_WORKFLOW_ID, bad_node), InvalidNodeInfoError)
    s.call("803 app", lambda: client.run_ai_app(WEBAPP, bad_node), InvalidNodeInfoError)
    s.call("901", lambda: client.run_ai_app("1" * 19, NODES), NotFoundError)
    s.call("380", lambda: client.get_json_api_format("42"), NotFoundError)
    s.call("810", lambda: client.get_json_api_format("55"), WorkflowNotRunError)
    s.call("807", lambda: client.cancel("1" * 19), NotFoundError)
    unknown_status = ValidationError if api == "v2" else NotFoundError  # v2: 1007, v1: 807
    s.call("unknown task", lambda: client.status("1" * 19), unknown_status)
    s.call("webhook 807", lambda: client.webhook_detail("1" * 19), NotFoundError)
    s.call("retry 301", lambda: client.retry_webhook("2" * 19), ValidationError)
    hub.fail_tasks(1)
    s.call("805", lambda: client.run(SAMPLE_WORKFLOW_ID, NODES), TaskFailedError)
    hub.reject_prompts(1)
    s.call("promptTips", lambda: client.run(SAMPLE_WORKFLOW_ID, NODES), PromptTipsError)
    hub.inject("code", 5, path=create, code=421)
    s.call("421", lambda: client.create(SAMPLE_WORKFLOW_ID, NODES), QueueFullError)
    hub.clear_faults()
    for kind, after in (("drop", True), ("malformed", False), ("http_error", False)):
        hub.inject(kind, path=create, after=after)
        s.call(
            f"create {kind}", lambda: client.create(SAMPLE_WORKFLOW_ID, NODES), CreateUncertainError
        )
    hub.inject("http_error", 5, path="/uc/openapi/accountStatus")  # 1 + 4 retries
    s.call("account 5xx", client.account_status, TransportError)
    hub.inject("delay", path=status, seconds=0.4)
    slow = fast_client(hub, api=api, api_key=SECRET, timeout=(1.0, 0.1))
    s.call("read timeout, retried", lambda: slow.status(task.task_id), None)
    assert [r.fault for r in hub.requests if r.path == status][-2:] == ["delay", None]
    hub.inject("code", path=create, code=416)
    s.call("416", lambda: client.create(SAMPLE_WORKFLOW_ID, NODES), InsufficientFundsError)
    s.call(
        "timeout", lambda: client.run(SAMPLE_WORKFLOW_ID, NODES, timeout=0.01), TaskTimeoutError
    )
    s.call("missing file", lambda: client.upload(tmp_path / "missing.png"), UploadError)
    s.call("missing lora", lambda: client.upload_lora(tmp_path / "missing.bin"), UploadError)
    dead = fast_client(dead_url(), api=api, api_key=SECRET)
    s.call("dead", lambda: dead.create(SAMPLE_WORKFLOW_ID, NODES), TransportError)
    s.call("dead upload", lambda: dead.upload(image), TransportError)
    s.call("802 account", wrong.account_status, AuthError)
    s.call("802 create", lambda: wrong.create(SAMPLE_WORKFLOW_ID, NODES), AuthError)
    s.call("802 status", lambda: wrong.status(task.task_id), AuthError)
    s.call("802 upload", lambda: wrong.upload(image), AuthError)  # v2: the envelope's 401
    s.call("802 lora", lambda: wrong.upload_lora(lora), AuthError)
    s.call("802 webhook", lambda: wrong.webhook_detail(task.task_id), AuthError)
    s.call("802 app", lambda: wrong.run_ai_app(WEBAPP, NODES), AuthError)

    # the CLI, with tracebacks on (-v): (arguments, exit code)
    runner = CliRunner()
    env = {"RUNNINGHUB_API_KEY": SECRET, "RUNNINGHUB_BASE_URL": hub.base_url,
           "RUNNINGHUB_API": api}  # fmt: skip
    payload = tmp_path / "payload.json"  # a create payload as users save it, key included
    payload.write_text(json.dumps({
        "apiKey": SECRET, "workflowId": SAMPLE_WORKFLOW_ID,
        "nodeInfoList": NODES + [{"nodeId": "99", "fieldName": "x", "fieldValue": SECRET[:3]}],
    }))  # fmt: skip
    work = tmp_path / "workflows"
    invocations: list[tuple[list[str], int]] = [
        (["scan", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work)], 0),
        (["run", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--poll", "0.01",
          "--set", "seed=3", "--set", f"reference_image=@{image}", "--download", str(tmp_path)],
         0),
        (["-v", "run", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--set", "steps=0"], 2),
        (["-v", "upload", str(image)], 0),
        (["-v", "upload", "--lora", str(lora)], 0),
        (["-v", "account"], 0),
        (["-v", "account", "--json"], 0),
        (["-v", "cancel", "1" * 19], 2),
        (["-v", "cancel", "x"], 2),
        (["-v", "webhook", hooked.task_id], 0),
        (["-v", "webhook", hooked.task_id, "--retry", "--url", dead_url()], 0),
        (["-v", "webhook", "1" * 19], 2),
        (["show", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--all"], 0),
        (["check", SAMPLE_WORKFLOW_ID, str(payload), "--workflows-dir", str(work)], 1),
        (["check", SAMPLE_WORKFLOW_ID, str(payload), "--workflows-dir", str(work), "--json"], 1),
        (["-v", "check", "1" * 19, str(payload), "--workflows-dir", str(work)], 2),
        (["gen", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "-o", str(tmp_path / "m.py")],
         0),
        (["-v", "scan", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--check"], 0),
    ]  # fmt: skip
    for args, code in invocations:
        result = runner.invoke(cli, args, env=env)
        produced = [result.stdout, result.stderr, repr(result.exception)]
        assert result.exit_code == code, (args, result.output)
        assert not leaks(produced), f"{args} leaked"
        s.texts += produced
    hub.fail_tasks(1)
    result = runner.invoke(
        cli,
        ["-v", "run", SAMPLE_WORKFLOW_ID, "--workflows-dir", str(work), "--poll", "0.01"],
        env=env,
    )
    assert result.exit_code == 1 and "805" in result.stderr
    s.texts += [result.stdout, result.stderr]
    result = runner.invoke(cli, ["-v", "account"], env={**env, "RUNNINGHUB_API_KEY": WRONG})
    assert result.exit_code == 2 and "802" in result.stderr
    s.texts += [result.stdout, result.stderr]

    # what the fake recorded, logged and printed
    s.texts += [repr(r) for r in hub.requests]
    s.texts += [repr(t) for t in hub.tasks] + [repr(d) for d in hub.webhooks]
    captured = capsys.readouterr()
    s.texts += [caplog.text, captured.out, captured.err]
    s.texts += [r.getMessage() + repr(r.args) for r in caplog.records]

    # every text file the session wrote: profiles, graphs, the module, the fake's request log
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != payload]
    assert any(p.suffix == ".yaml" for p in written) and (tmp_path / "m.py").is_file()
    s.texts += [p.read_bytes().decode("utf-8", "replace") for p in written]

    blob = "\n".join(s.texts)
    assert "APIKEY_UNAUTHORIZED" in blob and "may have been created and billed" in blob
    assert "raised torch.OutOfMemoryError" in blob and "Retrying" in caplog.text
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    auth = {x["auth"] for x in lines}
    assert auth >= ({"bearer", "both"} if api == "v2" else {"body"})  # the key did travel
    assert s.paths >= 45 and len(hub.requests) > 60
    assert not leaks(s.texts), f"key material leaked: {leaks(s.texts)}"


def test_missing_key_error_prints_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNNINGHUB_API_KEY", raising=False)
    with pytest.raises(MissingApiKeyError) as info:
        RunningHub(api_key="   ")
    assert "RUNNINGHUB_API_KEY" in str(info.value)


def test_a_server_echoing_the_key_is_redacted() -> None:
    client = RunningHub(api_key=SECRET, base_url="http://127.0.0.1:9", api="v1")
    echo = {"code": 802, "msg": f"bad key {SECRET}", "data": {"apiKey": SECRET, "x": [SECRET]}}
    with pytest.raises(AuthError) as info:
        client._unwrap("/uc/openapi/accountStatus", echo, task_id=None)
    assert "bad key ***" in str(info.value)
    assert SECRET not in str(info.value) + repr(info.value.data) and info.value.data == {
        "x": ["***"]
    }


def test_a_v2_answer_echoing_the_key_is_redacted() -> None:
    client = RunningHub(api_key=SECRET, base_url="http://127.0.0.1:9", api="v2")
    echo = {
        "taskId": "",
        "status": "",
        "errorCode": "802",
        "errorMessage": f"Bearer {SECRET} refused",
        "userApiKey": SECRET[:4] + "****",
    }
    with pytest.raises(AuthError) as info:
        client._wire.decode_task("/openapi/v2/query", echo, task_id=None)  # type: ignore[attr-defined]
    texts = exception_texts(info.value)
    assert "Bearer *** refused" in str(info.value) and not leaks(texts)
    assert "userApiKey" not in info.value.data
