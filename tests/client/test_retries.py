"""What is retried and what is not, on both wires: idempotent calls survive 5xx/drops/timeouts;
a create (v1 create, v2 run) that may have reached the server is never re-sent; 421 on create
is retried up to the bound."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import wait_until

from rhconfig.client import (
    CreateUncertainError,
    QueueFullError,
    QueueRetry,
    RunningHub,
    TransportError,
    expected_file_name,
)
from rhconfig.testing import SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph
from rhconfig.testing.clients import fast_client

NODES = [{"nodeId": "6", "fieldName": "text", "fieldValue": "a dog"}]
Path_ = Callable[[str], str]


def paths(rh: FakeRunningHub, path: str) -> list[str | None]:
    return [r.fault for r in rh.requests if r.path == path]


CALLS: dict[str, Callable[[RunningHub, str], Any]] = {
    "status": lambda c, t: c.status(t),
    "outputs": lambda c, t: c.outputs(t),
    "cancel": lambda c, t: c.cancel(t),
    "getJsonApiFormat": lambda c, t: c.get_json_api_format(SAMPLE_WORKFLOW_ID),
    "accountStatus": lambda c, t: c.account_status(),
}


@pytest.mark.parametrize("op", sorted(CALLS))
def test_idempotent_calls_survive_5xx_and_drops(
    fake_runninghub: FakeRunningHub, client: RunningHub, op: str, path: Path_
) -> None:
    rh = fake_runninghub
    task = client.create(SAMPLE_WORKFLOW_ID, NODES)
    # outputs needs a finished task
    wait_until(lambda: rh.task_state(task.task_id) == "SUCCESS", what=f"task {task.task_id} done")
    where = path(op)
    rh.inject("http_error", path=where, status=503)
    rh.inject("drop", path=where)
    rh.inject("drop", path=where, after=True)
    rh.inject("http_error", path=where, status=500)
    CALLS[op](client, task.task_id)
    assert paths(rh, where) == ["http_error:503", "drop", "drop_after", "http_error:500", None]
    assert len(rh.tasks) == 1


def test_read_timeout_is_retried_for_status(
    fake_runninghub: FakeRunningHub, api: str, path: Path_
) -> None:
    rh = fake_runninghub
    with fast_client(rh, timeout=(2.0, 0.2), api=api) as client:
        task = client.create(SAMPLE_WORKFLOW_ID, NODES)
        rh.inject("delay", path=path("status"), seconds=0.5)
        assert client.status(task.task_id) in ("QUEUED", "RUNNING", "SUCCESS")
    assert paths(rh, path("status")) == ["delay", None]


def test_retries_exhausted_give_transport_error(
    fake_runninghub: FakeRunningHub, client: RunningHub
) -> None:
    fake_runninghub.inject("http_error", 10, path="/uc/openapi/accountStatus")
    with pytest.raises(TransportError, match="HTTP 500") as info:
        client.account_status()
    assert info.value.code is None and "accountStatus" in str(info.value)
    assert len(paths(fake_runninghub, "/uc/openapi/accountStatus")) == 5  # 1 + 4 retries


@pytest.mark.parametrize(
    ("kind", "after", "registered"),
    [("drop", True, 1), ("drop", False, 0), ("http_error", False, 0), ("malformed", True, 1)],
)
def test_create_is_not_resent_when_it_may_have_arrived(
    fake_runninghub: FakeRunningHub,
    client: RunningHub,
    path: Path_,
    kind: str,
    after: bool,
    registered: int,
) -> None:
    rh = fake_runninghub
    CREATE = path("create")
    rh.inject(kind, path=CREATE, after=after)
    with pytest.raises(CreateUncertainError) as info:
        client.create(SAMPLE_WORKFLOW_ID, NODES)
    err = info.value
    assert "may have been created and billed" in str(err)
    assert err.workflow_id == SAMPLE_WORKFLOW_ID and err.node_info_list == NODES
    assert len(paths(rh, CREATE)) == 1
    assert len(rh.tasks) == registered


def test_create_read_timeout_is_uncertain(
    fake_runninghub: FakeRunningHub, api: str, path: Path_
) -> None:
    rh = fake_runninghub
    CREATE = path("create")
    rh.inject("delay", path=CREATE, seconds=0.5)
    with fast_client(rh, timeout=(2.0, 0.2), api=api) as client, pytest.raises(
        CreateUncertainError
    ):
        client.create(SAMPLE_WORKFLOW_ID, NODES)
    deadline = time.monotonic() + 5
    while rh.requests[-1].code is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the server is still in its delay
    assert len(paths(rh, CREATE)) == 1
    assert len(rh.tasks) == 1  # the server did create it: exactly once


def test_create_connection_refused_is_certain(api: str) -> None:
    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = fast_client(f"http://127.0.0.1:{port}", api=api)
    with pytest.raises(TransportError) as info:
        client.create(SAMPLE_WORKFLOW_ID, NODES)
    assert not isinstance(info.value, CreateUncertainError)
    assert info.value.maybe_processed is False and "cannot connect" in str(info.value)


def test_create_refused_with_4xx_is_certain(
    fake_runninghub: FakeRunningHub, client: RunningHub, path: Path_
) -> None:
    CREATE = path("create")
    fake_runninghub.inject("http_error", path=CREATE, status=404)
    with pytest.raises(TransportError, match="HTTP 404") as info:
        client.create(SAMPLE_WORKFLOW_ID, NODES)
    assert not isinstance(info.value, CreateUncertainError)
    assert len(paths(fake_runninghub, CREATE)) == 1 and not fake_runninghub.tasks


def test_421_on_create_is_retried_up_to_the_bound(
    fake_runninghub: FakeRunningHub, api: str, path: Path_
) -> None:
    rh = fake_runninghub
    CREATE = path("create")
    rh.inject("code", 3, path=CREATE, code=421)
    with fast_client(rh, api=api) as client:
        created = client.create(SAMPLE_WORKFLOW_ID, NODES)
    assert paths(rh, CREATE) == ["code:421"] * 3 + [None]
    assert [t.task_id for t in rh.tasks] == [created.task_id]

    rh.inject("code", 10, path=CREATE, code=421)
    bound = QueueRetry(attempts=4, base=0.01, cap=0.02)
    with fast_client(rh, queue_retry=bound, api=api) as client, pytest.raises(
        QueueFullError
    ) as info:
        client.create(SAMPLE_WORKFLOW_ID, NODES)
    assert info.value.code == 421 and "TASK_QUEUE_MAXED" in str(info.value)
    assert len(paths(rh, CREATE)) == 4 + 4 and len(rh.tasks) == 1


def test_real_concurrency_limit_is_waited_out(api: str, path: Path_) -> None:
    CREATE = path("create")
    with FakeRunningHub(queue_seconds=0.3, run_seconds=0.3, concurrency=1) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        patient = QueueRetry(attempts=100, base=0.02, factor=1.2, cap=0.05)
        client = fast_client(rh, queue_retry=patient, api=api)
        first = client.create(SAMPLE_WORKFLOW_ID, NODES)
        second = client.create(SAMPLE_WORKFLOW_ID, NODES)  # waits until the first ends
        client.close()
    assert first.task_id != second.task_id and len(rh.tasks) == 2
    codes = [r.code for r in rh.requests if r.path == CREATE]
    assert codes[0] == 0 and codes[-1] == 0 and 421 in codes


def test_upload_is_retried(
    fake_runninghub: FakeRunningHub, client: RunningHub, tmp_path: Path, api: str, path: Path_
) -> None:
    image = tmp_path / "in.png"
    image.write_bytes(b"\x89PNG-ish")
    fake_runninghub.inject("drop", path=path("upload"))
    name = client.upload(image)
    assert name == expected_file_name(image, api) and name.endswith(".png")
    assert name.startswith("openapi/" if api == "v2" else "api/")
    assert len(paths(fake_runninghub, path("upload"))) == 2
