"""The local RunningHub's v2 face and the calls v2-era clients make: Bearer auth (802 on run and
query, 401 on upload), the 803 check, tasks shared across wires, the request log of
``rhconfig fake-server --log``, webhook detail and retry, the LoRA upload; and a minimal v2
client written from the shared API doc alone (plain ``requests``) run against the fake-server
command, whose log shows that ``rhconfig run`` with no options speaks v2."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from click.testing import CliRunner

import rhconfig
from rhconfig.cli import cli
from rhconfig.client import RunningHub, TransportError, UploadError
from rhconfig.store import WorkflowStore
from rhconfig.testing import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph
from rhconfig.testing.clients import fast_client

WID = SAMPLE_WORKFLOW_ID
RUN = f"/openapi/v2/run/workflow/{WID}"
QUERY = "/openapi/v2/query"
UPLOAD = "/openapi/v2/media/upload/binary"
BEARER = {"Authorization": f"Bearer {SAMPLE_KEY}"}
NODES = [{"nodeId": "6", "fieldName": "text", "fieldValue": "a fox"}]


def deadline_loop(seconds: float = 10.0) -> Iterator[None]:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        yield
    raise AssertionError(f"not done within {seconds}s")


def post(url: str, body: Any, headers: dict[str, str] | None = None) -> dict[str, Any]:
    response = requests.post(url, json=body, headers=headers or {}, timeout=5)
    assert response.status_code == 200  # errors too come with HTTP 200
    answer: dict[str, Any] = response.json()
    return answer


# -- the fake's v2 answers ----------------------------------------------------------------------


def test_v2_needs_the_bearer_header(fake_runninghub: FakeRunningHub, tmp_path: Path) -> None:
    base = fake_runninghub.base_url
    for headers in ({}, {"Authorization": "Bearer " + "x" * 10}, {"Authorization": SAMPLE_KEY}):
        refused = post(base + RUN, {"nodeInfoList": NODES}, headers)
        assert refused["errorCode"] == "802" and refused["taskId"] == ""
        assert post(base + QUERY, {"taskId": "1" * 19}, headers)["errorCode"] == "802"
    # the key in the body does not count on v2
    body_only = post(base + RUN, {"apiKey": SAMPLE_KEY, "nodeInfoList": NODES})
    assert body_only["errorCode"] == "802"
    image = tmp_path / "a.png"
    image.write_bytes(b"\x89PNG x")
    with image.open("rb") as fh:
        answer = requests.post(base + UPLOAD, files={"file": fh}, timeout=5).json()
    assert answer["code"] == 401 and answer["data"] is None and "message" in answer
    assert not fake_runninghub.tasks and not fake_runninghub.uploads


def test_v2_answers_and_the_803_check(fake_runninghub: FakeRunningHub) -> None:
    base = fake_runninghub.base_url
    bad = post(base + RUN, {"nodeInfoList": [{"nodeId": "66", "fieldName": "text",
                                              "fieldValue": "x"}]}, BEARER)  # fmt: skip
    assert bad["errorCode"] == "803" and not fake_runninghub.tasks
    created = post(base + RUN, {"nodeInfoList": NODES, "usePersonalQueue": "false"}, BEARER)
    assert created["errorCode"] == "" and created["status"] in ("QUEUED", "RUNNING", "SUCCESS")
    assert json.loads(created["promptTips"])["result"] is True
    task_id = created["taskId"]
    assert len(task_id) == 19 and isinstance(task_id, str)
    for _ in deadline_loop():
        task = post(base + QUERY, {"taskId": task_id}, BEARER)
        if task["status"] == "SUCCESS":
            break
        time.sleep(0.01)
    assert task["errorCode"] == "" and task["failedReason"] == {}
    (result,) = task["results"]
    assert result["outputType"] == "png" and result["nodeId"] == "9" and result["text"] is None
    assert set(task["usage"]) == {"consumeCoins", "consumeMoney", "thirdPartyConsumeMoney",
                                  "taskCostTime"}  # fmt: skip
    # the same task through v1: ids are shared
    v1 = post(base + "/task/openapi/outputs", {"apiKey": SAMPLE_KEY, "taskId": task_id})
    assert v1["code"] == 0 and v1["data"][0]["fileUrl"] == result["url"]
    unknown = post(base + QUERY, {"taskId": "1" * 19}, BEARER)
    assert unknown["errorCode"] == "1007" and unknown["taskId"] == "" and unknown["status"] == ""


def test_a_v2_failure_carries_failed_reason(fake_runninghub: FakeRunningHub) -> None:
    fake_runninghub.fail_tasks(1, node_id="3", exception_type="ValueError", message="bad cfg")
    with fast_client(fake_runninghub, api="v2") as client:
        created = client.create(WID, NODES)
        with pytest.raises(rhconfig.client.TaskFailedError) as info:
            client.wait(created)
    assert "node 3 (KSampler) raised ValueError: bad cfg" in str(info.value)
    assert info.value.endpoint == QUERY and info.value.failed_reason["node_id"] == "3"


def test_the_request_log(tmp_path: Path) -> None:
    log = tmp_path / "requests.log"
    with FakeRunningHub(log_path=log, queue_seconds=0.01, run_seconds=0.01) as rh:
        rh.add_workflow(WID, sample_graph())
        with fast_client(rh, api="v2") as v2, fast_client(rh, api="v1") as v1:
            v2.run(WID, NODES)
            v1.account_status()
            rh.inject("drop", path=QUERY)
            v2.status(v2.create(WID, NODES).task_id)
        post(rh.base_url + RUN, {"nodeInfoList": NODES})  # no key
        requests.get(rh.base_url + "/files/1/x.png", timeout=5)
        lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert all(set(x) == {"method", "path", "auth", "status", "code"} for x in lines)
    assert lines[0] == {"method": "POST", "path": RUN, "auth": "bearer", "status": 200,
                        "code": None}  # a v2 success has no errorCode  # fmt: skip
    assert {"method": "POST", "path": "/uc/openapi/accountStatus", "auth": "body",
            "status": 200, "code": "0"} in lines  # fmt: skip
    assert {"method": "POST", "path": QUERY, "auth": "bearer", "status": None,
            "code": None} in lines  # the dropped connection  # fmt: skip
    assert {"method": "POST", "path": RUN, "auth": "none", "status": 200, "code": "802"} in lines
    assert lines[-1] == {"method": "GET", "path": "/files/1/x.png", "auth": "none",
                         "status": 404, "code": None}  # fmt: skip
    assert SAMPLE_KEY not in log.read_text()


# -- webhooks and LoRA ----------------------------------------------------------------------


class Receiver:
    """A webhook receiver on loopback that answers ``status`` and keeps what it got."""

    def __init__(self, status: int) -> None:
        self.bodies: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                outer.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(outer.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.status = status
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("api", ["v1", "v2"])
def test_webhook_detail_and_retry(fake_runninghub: FakeRunningHub, api: str) -> None:
    failing, working = Receiver(500), Receiver(200)
    try:
        with fast_client(fake_runninghub, api=api) as client:
            created = client.create(WID, NODES, webhook_url=failing.url)
            assert client.webhook_detail(created.task_id) is None  # not ended yet
            client.wait(created)
            for _ in deadline_loop():
                detail = client.webhook_detail(created.task_id)
                # 3 tries, all refused, and the third one's record written
                if detail is not None and detail.retry_count == 2 and len(failing.bodies) == 3 \
                        and detail.callback_status == "FAILED":
                    break
                time.sleep(0.02)
            assert detail is not None and detail.callback_status == "FAILED"
            assert detail.webhook_url == failing.url and detail.task_id == created.task_id
            assert len(failing.bodies) == 3 and "userApiKey" not in detail.raw
            event = failing.bodies[0]
            assert event["event"] == "TASK_END" and event["taskId"] == created.task_id
            data = json.loads(event["eventData"])  # the creating wire's answer, as a string
            assert data["code"] == 0 if api == "v1" else data["status"] == "SUCCESS"
            client.retry_webhook(detail.id, working.url)
            for _ in deadline_loop():
                again = client.webhook_detail(created.task_id)
                if again is not None and again.callback_status == "SUCCESS" \
                        and len(working.bodies) == 1:
                    break
                time.sleep(0.02)
            assert again is not None and again.webhook_url == working.url
            assert again.callback_response == "ok" and len(working.bodies) == 1
            with pytest.raises(rhconfig.client.ValidationError):
                client.retry_webhook("2" * 19)  # no such webhook: 301
    finally:
        failing.close()
        working.close()


@pytest.mark.parametrize("api", ["v1", "v2"])
def test_upload_lora(fake_runninghub: FakeRunningHub, tmp_path: Path, api: str) -> None:
    lora = tmp_path / "my style.safetensors"
    lora.write_bytes(b"weights" * 100)
    md5 = hashlib.md5(lora.read_bytes()).hexdigest()
    with fast_client(fake_runninghub, api=api) as client:
        name = client.upload_lora(lora)
        assert name == f"api-lora-cn/{md5}.safetensors"
        with pytest.raises(UploadError, match="no such file"):
            client.upload_lora(tmp_path / "missing.safetensors")
    assert fake_runninghub.loras == {name: 700}
    (ask,) = [r for r in fake_runninghub.requests if r.path == "/api/openapi/getLoraUploadUrl"]
    assert ask.body == {"loraName": "my style", "md5Hex": md5}
    assert ask.auth == ("both" if api == "v2" else "body")
    (put,) = [r for r in fake_runninghub.requests if r.method == "PUT"]
    assert put.auth == "none" and put.path == f"/lora-upload/{md5}"  # no key to the PUT target
    # a PUT whose bytes are not the announced file is refused
    answer = post(fake_runninghub.base_url + "/api/openapi/getLoraUploadUrl",
                  {"apiKey": SAMPLE_KEY, "loraName": "x", "md5Hex": "0" * 32})  # fmt: skip
    assert requests.put(answer["data"]["url"], data=b"other", timeout=5).status_code == 400
    assert requests.put(answer["data"]["url"].split("?")[0], data=b"", timeout=5).status_code == 403


def test_lora_put_refused_is_a_transport_error(tmp_path: Path) -> None:
    with FakeRunningHub() as rh:
        lora = tmp_path / "a.safetensors"
        lora.write_bytes(b"w")
        rh.inject("http_error", 1, path=f"/lora-upload/{hashlib.md5(b'w').hexdigest()}",
                  status=403)  # fmt: skip
        with fast_client(rh) as client, pytest.raises(TransportError, match="HTTP 403"):
            client.upload_lora(lora)


def test_cli_webhook_and_upload_lora(fake_runninghub: FakeRunningHub, tmp_path: Path) -> None:
    runner = CliRunner()
    lora = tmp_path / "style.safetensors"
    lora.write_bytes(b"lora!")
    up = runner.invoke(cli, ["upload", "--lora", str(lora), "--name", "Style"])
    assert up.exit_code == 0, up.output
    assert up.stdout.strip() == f"api-lora-cn/{hashlib.md5(b'lora!').hexdigest()}.safetensors"
    bad = runner.invoke(cli, ["upload", "--lora", str(lora), "--type", "image"])
    assert bad.exit_code == 2 and "--type does not apply to --lora" in bad.stderr
    receiver = Receiver(200)
    try:
        with fast_client(fake_runninghub) as client:
            created = client.create(WID, NODES, webhook_url=receiver.url)
            client.wait(created)
        none_yet = runner.invoke(cli, ["webhook", "1" * 19])
        assert none_yet.exit_code == 2
        for _ in deadline_loop():
            shown = runner.invoke(cli, ["webhook", created.task_id, "--json"])
            # the record exists from the first try; under load that try may fail and be retried
            if shown.exit_code == 0 and json.loads(shown.stdout)["callbackStatus"] == "SUCCESS":
                break
            time.sleep(0.02)
        detail = json.loads(shown.stdout)
        assert detail["callbackStatus"] == "SUCCESS" and detail["webhookUrl"] == receiver.url
        retried = runner.invoke(cli, ["webhook", created.task_id, "--retry"])
        assert retried.exit_code == 0 and "sent again to " + receiver.url in retried.stderr
        for _ in deadline_loop():
            if len(receiver.bodies) == 2:
                break
            time.sleep(0.02)
        lonely = runner.invoke(cli, ["webhook", created.task_id, "--url", receiver.url])
        assert lonely.exit_code == 2 and "--url goes with --retry" in lonely.stderr
    finally:
        receiver.close()
    assert SAMPLE_KEY not in up.output + shown.output + retried.output


# -- a v2 client from the doc alone, against `rhconfig fake-server` -------------------------------


def minimal_v2_client(base_url: str, api_key: str, workflow_id: str, image: Path) -> list[str]:
    """Upload, run, query until done: only what the shared doc's v2 section says."""
    headers = {"Authorization": f"Bearer {api_key}"}
    with image.open("rb") as fh:
        up = requests.post(f"{base_url}/openapi/v2/media/upload/binary", headers=headers,
                           files={"file": (image.name, fh)}, timeout=10)  # fmt: skip
    up.raise_for_status()
    uploaded = up.json()
    assert uploaded["code"] in (0, 200), uploaded
    file_name = uploaded["data"]["fileName"]
    run = requests.post(
        f"{base_url}/openapi/v2/run/workflow/{workflow_id}",
        headers=headers,
        json={"nodeInfoList": [{"nodeId": "10", "fieldName": "image", "fieldValue": file_name},
                               {"nodeId": "6", "fieldName": "text", "fieldValue": "a fox"}],
              "addMetadata": False, "instanceType": "default", "usePersonalQueue": "false"},
        timeout=10,
    )  # fmt: skip
    run.raise_for_status()
    task = run.json()
    assert not task.get("errorCode"), task
    task_id = task["taskId"]
    deadline = time.monotonic() + 30
    while task.get("status") not in ("SUCCESS", "FAILED") and time.monotonic() < deadline:
        time.sleep(0.05)
        query = requests.post(f"{base_url}/openapi/v2/query", headers=headers,
                              json={"taskId": task_id}, timeout=10)  # fmt: skip
        query.raise_for_status()
        task = query.json()
        assert not task.get("errorCode"), task
    assert task["status"] == "SUCCESS", task
    return [r["url"] for r in task["results"]]


@pytest.fixture
def fake_server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """``rhconfig fake-server --log FILE`` in a subprocess: (base URL, log, workflows dir)."""
    work = tmp_path / "workflows"
    WorkflowStore(work).write_graph(WID, sample_graph())
    log = tmp_path / "fake.log"
    src = str(Path(rhconfig.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    args = ["fake-server", "--port", "0", "--workflows-dir", str(work), "--log", str(log),
            "--queue-seconds", "0.05", "--run-seconds", "0.1", "--quiet"]  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "rhconfig", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("fake RunningHub at http://127.0.0.1:"), first
        yield first.split()[3], log, work
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)


def test_a_minimal_v2_client_runs_against_fake_server(
    fake_server: tuple[str, Path, Path], tmp_path: Path
) -> None:
    url, log, _ = fake_server
    image = tmp_path / "fox.png"
    image.write_bytes(b"\x89PNG fox")
    urls = minimal_v2_client(url, SAMPLE_KEY, WID, image)
    assert len(urls) == 1 and requests.get(urls[0], timeout=5).content.startswith(b"\x89PNG")
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    posts = [x for x in lines if x["method"] == "POST"]
    assert [x["path"] for x in posts[:2]] == [UPLOAD, RUN] and posts[0]["code"] == "0"
    assert {x["path"] for x in posts[2:]} == {QUERY}
    assert all(x["auth"] == "bearer" and x["status"] == 200 for x in posts)
    assert SAMPLE_KEY not in log.read_text()


def test_rhconfig_run_with_no_options_speaks_v2(
    fake_server: tuple[str, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, log, work = fake_server
    monkeypatch.setenv("RUNNINGHUB_BASE_URL", url)
    monkeypatch.setenv("RUNNINGHUB_API_KEY", SAMPLE_KEY)
    monkeypatch.delenv("RUNNINGHUB_API", raising=False)
    monkeypatch.setenv("RHCONFIG_WORKFLOWS_DIR", str(work))
    runner = CliRunner()
    assert runner.invoke(cli, ["scan", WID]).exit_code == 0
    before = len(log.read_text().splitlines())
    result = runner.invoke(cli, ["run", WID])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in log.read_text().splitlines()[before:]]
    paths = [x["path"] for x in lines if x["method"] == "POST"]
    assert paths[0] == RUN and set(paths[1:]) == {QUERY}
    assert {x["auth"] for x in lines if x["method"] == "POST"} == {"bearer"}
    v1 = runner.invoke(cli, ["run", WID, "--api", "v1"])
    assert v1.exit_code == 0
    newest = [json.loads(x) for x in log.read_text().splitlines()][-3:]
    assert newest[-1]["path"] == "/task/openapi/outputs" and newest[-1]["auth"] == "body"


def test_client_default_is_v2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNNINGHUB_API", raising=False)
    assert RunningHub(api_key=SAMPLE_KEY).api == "v2"
