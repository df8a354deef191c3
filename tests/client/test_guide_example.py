"""Proof of fidelity: the shape of RunningHub's own minimal integration example (create, poll
status every few seconds, then outputs; plain ``requests``, key in the body, ``Host`` header)
runs unchanged against the fake. Only BASE_URL and the sleep differ from the guide."""

from __future__ import annotations

import json
import time

import requests

from rhconfig.testing import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, FakeRunningHub

API_KEY = SAMPLE_KEY
WORKFLOW_ID = SAMPLE_WORKFLOW_ID
POLL_SECONDS = 0.02  # the guide sleeps 5 s between status checks
DEADLINE_SECONDS = 20  # the guide polls forever; a broken fake must fail the test, not hang it


def guide_example(base_url: str) -> list[str]:
    headers = {"Host": "www.runninghub.cn", "Content-Type": "application/json"}
    create = requests.post(
        f"{base_url}/task/openapi/create",
        headers=headers,
        data=json.dumps(
            {
                "apiKey": API_KEY,
                "workflowId": WORKFLOW_ID,
                "nodeInfoList": [
                    {"nodeId": "6", "fieldName": "text", "fieldValue": "1 girl in classroom"},
                    {"nodeId": "3", "fieldName": "seed", "fieldValue": "1231231"},
                ],
            }
        ),
        timeout=10,
    )
    create.raise_for_status()
    result = create.json()
    assert result["code"] == 0, result
    task_id = result["data"]["taskId"]

    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        status = requests.post(
            f"{base_url}/task/openapi/status",
            headers=headers,
            data=json.dumps({"apiKey": API_KEY, "taskId": task_id}),
            timeout=10,
        )
        status.raise_for_status()
        state = status.json()["data"]
        if state in ("SUCCESS", "FAILED"):
            break
        time.sleep(POLL_SECONDS)
    else:
        raise AssertionError(f"task {task_id} still {state} after {DEADLINE_SECONDS} s")

    outputs = requests.post(
        f"{base_url}/task/openapi/outputs",
        headers=headers,
        data=json.dumps({"apiKey": API_KEY, "taskId": task_id}),
        timeout=10,
    )
    outputs.raise_for_status()
    body = outputs.json()
    assert body["code"] == 0, body
    return [item["fileUrl"] for item in body["data"]]


def test_guide_example_runs_against_the_fake(fake_runninghub: FakeRunningHub) -> None:
    urls = guide_example(fake_runninghub.base_url)
    assert len(urls) == 1
    png = requests.get(urls[0], timeout=5)
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    creates = [r for r in fake_runninghub.requests if r.path == "/task/openapi/create"]
    assert len(creates) == 1 and creates[0].host == "www.runninghub.cn"
    (task,) = fake_runninghub.tasks
    assert task.node_info_list[1] == {"nodeId": "3", "fieldName": "seed", "fieldValue": "1231231"}
