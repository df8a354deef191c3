"""The fake answers like RunningHub: envelope on HTTP 200, codes, strings for numbers and ids."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from rhconfig.store import WorkflowStore
from rhconfig.testing import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph

CREATE = "/task/openapi/create"


def post(rh: FakeRunningHub, path: str, body: dict[str, Any], **kw: Any) -> dict[str, Any]:
    response = requests.post(rh.base_url + path, json=body, timeout=5, **kw)
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    assert set(result) == {"code", "msg", "data"}
    return result


def create(rh: FakeRunningHub, nodes: Any = None, **extra: Any) -> dict[str, Any]:
    body = {"apiKey": SAMPLE_KEY, "workflowId": SAMPLE_WORKFLOW_ID, **extra}
    if nodes is not None:
        body["nodeInfoList"] = nodes
    return post(rh, CREATE, body)


class Clock:
    """A clock the test moves by hand: the life cycle no longer depends on the machine's speed."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def frozen() -> Iterator[tuple[FakeRunningHub, Clock]]:
    """A fake whose time moves only when the test says so."""
    clock = Clock()
    with FakeRunningHub(queue_seconds=1, run_seconds=2, clock=clock) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        yield rh, clock


def wait_state(rh: FakeRunningHub, task_id: str, want: str) -> None:
    deadline = time.monotonic() + 5
    while rh.task_state(task_id) != want:
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_key_checks(fake_runninghub: FakeRunningHub) -> None:
    rh = fake_runninghub
    body = {"workflowId": SAMPLE_WORKFLOW_ID}
    assert post(rh, CREATE, body)["code"] == 802
    assert post(rh, CREATE, {**body, "apiKey": "short"})["code"] == 802
    assert post(rh, CREATE, {**body, "apikey": SAMPLE_KEY})["code"] == 0
    # accountStatus takes the documented ``apikey`` and the ``apiKey`` real clients send
    for field in ("apikey", "apiKey"):
        assert post(rh, "/uc/openapi/accountStatus", {field: SAMPLE_KEY})["code"] == 0
    # an Authorization header and any Host are accepted, never required
    headers = {"Authorization": f"Bearer {SAMPLE_KEY}", "Host": "www.runninghub.ai"}
    assert post(rh, CREATE, {**body, "apiKey": SAMPLE_KEY}, headers=headers)["code"] == 0
    recorded = [r for r in rh.requests if r.has_authorization]
    assert recorded and recorded[0].host == "www.runninghub.ai"
    assert all("apiKey" not in r.body and "apikey" not in r.body for r in rh.requests)


def test_explicit_api_keys(tmp_path: Path) -> None:
    with FakeRunningHub(api_keys=["k" * 10]) as rh:
        rh.add_workflow("1", sample_graph())
        assert post(rh, CREATE, {"apiKey": SAMPLE_KEY, "workflowId": "1"})["code"] == 802
        assert post(rh, CREATE, {"apiKey": "k" * 10, "workflowId": "1"})["code"] == 0


def test_workflow_codes_and_store(tmp_path: Path) -> None:
    WorkflowStore(tmp_path).write_graph("1111", sample_graph())
    with FakeRunningHub(workflows_dir=tmp_path) as rh:
        rh.add_workflow("2222", sample_graph(), ran=False)
        assert rh.workflow_ids() == ["1111", "2222"]
        fmt = "/api/openapi/getJsonApiFormat"
        ok = post(rh, fmt, {"apiKey": SAMPLE_KEY, "workflowId": "1111"})
        assert ok["code"] == 0 and json.loads(ok["data"]["prompt"]) == sample_graph()
        assert post(rh, fmt, {"apiKey": SAMPLE_KEY, "workflowId": "2222"})["code"] == 810
        assert post(rh, fmt, {"apiKey": SAMPLE_KEY, "workflowId": "3333"})["code"] == 380
        assert post(rh, CREATE, {"apiKey": SAMPLE_KEY, "workflowId": "2222"})["code"] == 810
        # a 19-digit id sent as a JSON number by JavaScript loses its last digits: 380
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        rounded = int(float(SAMPLE_WORKFLOW_ID))
        assert post(rh, CREATE, {"apiKey": SAMPLE_KEY, "workflowId": rounded})["code"] == 380
        exact = int(SAMPLE_WORKFLOW_ID)
        assert post(rh, CREATE, {"apiKey": SAMPLE_KEY, "workflowId": exact})["code"] == 0


@pytest.mark.parametrize(
    ("nodes", "code"),
    [
        ([{"nodeId": "6", "fieldName": "text", "fieldValue": "x"}], 0),
        ([{"nodeId": 6, "fieldName": "text", "fieldValue": "x"}], 0),
        ([{"nodeId": "66", "fieldName": "text", "fieldValue": "x"}], 803),
        ([{"nodeId": "6", "fieldName": "txt", "fieldValue": "x"}], 803),
        ([{"nodeId": "6", "fieldName": "text"}], 803),
        ([{"fieldName": "text", "fieldValue": "x"}], 301),
        (["6"], 301),
        ({"nodeId": "6"}, 301),
        ([{"nodeId": ["6"], "fieldName": "text", "fieldValue": "x"}], 301),
    ],
)
def test_node_info_checks(fake_runninghub: FakeRunningHub, nodes: Any, code: int) -> None:
    assert create(fake_runninghub, nodes)["code"] == code


def test_life_cycle_and_outputs(frozen: tuple[FakeRunningHub, Clock]) -> None:
    rh, clock = frozen
    created = create(rh, [])
    data = created["data"]
    task_id = data["taskId"]
    assert isinstance(task_id, str) and len(task_id) == 19
    assert set(data) >= {"taskId", "clientId", "taskStatus", "netWssUrl", "promptTips"}
    tips = json.loads(data["promptTips"])  # a JSON string, parsed a second time
    assert tips["result"] is True and tips["outputs_to_execute"] == ["9"]
    body = {"apiKey": SAMPLE_KEY, "taskId": task_id}
    assert post(rh, "/task/openapi/status", body)["data"] == "QUEUED"
    assert post(rh, "/task/openapi/outputs", body)["code"] == 813
    account = post(rh, "/uc/openapi/accountStatus", {"apikey": SAMPLE_KEY})["data"]
    assert account["currentTaskCounts"] == "1"
    clock.now += 1.5
    assert post(rh, "/task/openapi/status", body)["data"] == "RUNNING"
    assert post(rh, "/task/openapi/outputs", body)["code"] == 804
    clock.now += 2
    assert post(rh, "/task/openapi/status", body)["data"] == "SUCCESS"
    out = post(rh, "/task/openapi/outputs", body)
    assert out["code"] == 0
    (item,) = out["data"]
    assert item["nodeId"] == "9" and item["fileType"] == "png"
    assert item["taskCostTime"] == "3" and isinstance(item["consumeCoins"], str)
    assert requests.get(item["fileUrl"], timeout=5).content.startswith(b"\x89PNG")
    account = post(rh, "/uc/openapi/accountStatus", {"apikey": SAMPLE_KEY})["data"]
    assert account["remainCoins"] == str(177814 - int(item["consumeCoins"]))
    assert account["currentTaskCounts"] == "0"


def test_failed_task_reason(fake_runninghub: FakeRunningHub) -> None:
    rh = fake_runninghub
    rh.fail_tasks(1, node_id="8", exception_type="RuntimeError", message="boom")
    task_id = create(rh, [])["data"]["taskId"]
    wait_state(rh, task_id, "FAILED")
    out = post(rh, "/task/openapi/outputs", {"apiKey": SAMPLE_KEY, "taskId": task_id})
    assert out["code"] == 805
    reason = out["data"]["failedReason"]
    assert reason["node_id"] == "8" and reason["node_name"] == "VAEDecode"
    assert reason["exception_type"] == "RuntimeError" and reason["exception_message"] == "boom"
    assert isinstance(json.loads(reason["traceback"]), list)
    assert set(reason) >= {"current_inputs", "current_outputs"}


def test_cancel_unknown_and_other_key(frozen: tuple[FakeRunningHub, Clock]) -> None:
    rh, clock = frozen
    task_id = create(rh, [])["data"]["taskId"]
    other = "z" * 32
    assert post(rh, "/task/openapi/cancel", {"apiKey": other, "taskId": task_id})["code"] == 807
    missing = {"apiKey": SAMPLE_KEY, "taskId": "1" * 19}
    assert post(rh, "/task/openapi/cancel", missing)["code"] == 807
    ok = post(rh, "/task/openapi/cancel", {"apiKey": SAMPLE_KEY, "taskId": task_id})
    assert ok == {"code": 0, "msg": "success", "data": None}
    assert rh.task_state(task_id) == "FAILED"


def test_concurrency_limit_and_prompt_tips(frozen: tuple[FakeRunningHub, Clock]) -> None:
    rh, clock = frozen
    rh.set_concurrency(2)
    assert create(rh, [])["code"] == 0
    assert create(rh, [])["code"] == 0
    assert create(rh, [])["code"] == 421
    rh.set_concurrency(None)
    rh.reject_prompts(1)
    tips = json.loads(create(rh, [])["data"]["promptTips"])
    assert tips["result"] is False and tips["node_errors"]
    assert json.loads(create(rh, [])["data"]["promptTips"])["result"] is True


def test_upload(tmp_path: Path) -> None:
    with FakeRunningHub(max_upload_bytes=100) as rh:
        url = rh.base_url + "/task/openapi/upload"
        content = b"\x89PNG fake"
        form = {"apiKey": SAMPLE_KEY, "fileType": "image"}
        r = requests.post(url, data=form, files={"file": ("a.PNG", content)}, timeout=5)
        data = r.json()["data"]
        assert data == {
            "fileName": f"api/{hashlib.sha256(content).hexdigest()}.png",
            "fileType": "image",
        }
        big = requests.post(url, data=form, files={"file": ("b.png", b"x" * 101)}, timeout=5)
        assert big.json()["code"] == 809
        bad = requests.post(
            url, data={**form, "fileType": "pdf"}, files={"file": ("c.png", b"x")}, timeout=5
        )
        assert bad.json()["code"] == 301
        nokey = requests.post(
            url, data={"fileType": "image"}, files={"file": ("d.png", b"x")}, timeout=5
        )
        assert nokey.json()["code"] == 802
        assert rh.requests[0].body == {
            "fileType": "image",
            "file": {"filename": "a.PNG", "size": len(content)},
        }


def test_fault_injection(fake_runninghub: FakeRunningHub) -> None:
    rh = fake_runninghub
    status = "/task/openapi/status"
    rh.inject("http_error", path=status, status=502)
    rh.inject("malformed", path=status)
    rh.inject("code", path=CREATE, code=421)
    rh.inject("drop", path=CREATE, after=True)
    body = {"apiKey": SAMPLE_KEY, "taskId": "1"}
    assert requests.post(rh.base_url + status, json=body, timeout=5).status_code == 502
    with pytest.raises(ValueError):
        requests.post(rh.base_url + status, json=body, timeout=5).json()
    assert create(rh, [])["code"] == 421
    with pytest.raises(requests.ConnectionError):
        create(rh, [])
    assert len(rh.tasks) == 1  # the dropped create was registered
    assert [r.fault for r in rh.requests] == [
        "http_error:502",
        "malformed",
        "code:421",
        "drop_after",
    ]
    rh.inject("delay", seconds=0.2)
    start = time.monotonic()
    assert create(rh, [])["code"] == 0
    assert time.monotonic() - start >= 0.2


def test_unknown_path_and_files(fake_runninghub: FakeRunningHub) -> None:
    rh = fake_runninghub
    assert post(rh, "/task/openapi/nope", {"apiKey": SAMPLE_KEY})["code"] == 412
    assert requests.get(rh.base_url + "/files/1/x.png", timeout=5).status_code == 404


def test_webhook_on_task_end(fake_runninghub: FakeRunningHub) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    received: list[dict[str, Any]] = []
    calls: list[int] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            calls.append(1)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if len(calls) == 1:  # the first delivery fails: RunningHub retries
                self.send_response(503)
            else:
                received.append(json.loads(body))
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        hook = f"http://127.0.0.1:{server.server_address[1]}/hook"
        task_id = create(fake_runninghub, [], webhookUrl=hook)["data"]["taskId"]
        deadline = time.monotonic() + 5
        while not received and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        server.shutdown()
        server.server_close()
    (event,) = received
    assert event["event"] == "TASK_END" and event["taskId"] == task_id
    outputs = json.loads(event["eventData"])  # the outputs answer, as a string
    assert outputs["code"] == 0 and outputs["data"][0]["nodeId"] == "9"
    (delivery,) = fake_runninghub.webhooks
    assert delivery.attempts == 2 and delivery.status == 200
