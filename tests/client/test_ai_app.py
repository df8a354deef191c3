"""AI apps (v1 ``/task/openapi/ai-app/run``, v2 ``/openapi/v2/run/ai-app/{id}``): ``run_ai_app``
against the loopback fake on both wires, with the same money-safe rules as create (421 retried,
a run that may have arrived never re-sent)."""

from __future__ import annotations

import pytest

from rhconfig.client import (
    CreateUncertainError,
    InvalidNodeInfoError,
    NotFoundError,
    RunningHub,
)
from rhconfig.testing import SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph
from rhconfig.testing.clients import wire_path

WEBAPP_ID = "1877265245566922753"
NODES = [{"nodeId": "6", "fieldName": "text", "fieldValue": "a dog"}]


@pytest.fixture
def rh(fake_runninghub: FakeRunningHub) -> FakeRunningHub:
    fake_runninghub.add_webapp(WEBAPP_ID, sample_graph())
    return fake_runninghub


@pytest.fixture
def app_path(api: str) -> str:
    return wire_path(api, "ai-app", WEBAPP_ID)


def app_requests(rh: FakeRunningHub, app_path: str) -> list[tuple[str | None, int | None]]:
    return [(r.fault, r.code) for r in rh.requests if r.path == app_path]


def test_run_ai_app_through_to_outputs(
    rh: FakeRunningHub, client: RunningHub, api: str, app_path: str
) -> None:
    created = client.run_ai_app(WEBAPP_ID, NODES, instance_type="default")
    assert created.task_id.isdigit() and len(created.task_id) == 19
    assert created.prompt_ok and created.status in ("CREATE", "QUEUED", "RUNNING")
    assert created.client_id and bool(created.net_wss_url) == (api == "v1")  # v2 has none

    outputs = client.wait(created, timeout=10)
    assert outputs and all(o.file_url.startswith(rh.base_url) for o in outputs)
    assert client.status(created.task_id) == "SUCCESS"

    [task] = rh.tasks
    assert task.ai_app and task.workflow_id == WEBAPP_ID and task.node_info_list == NODES
    [request] = [r for r in rh.requests if r.path == app_path]
    sent = {"nodeInfoList": NODES, "instanceType": "default"}
    assert request.body == (sent if api == "v2" else {"webappId": WEBAPP_ID, **sent})
    assert request.auth == ("bearer" if api == "v2" else "body")
    assert request.code == 0 and request.task_id == created.task_id


def test_ai_app_task_can_be_cancelled(rh: FakeRunningHub, client: RunningHub) -> None:
    created = client.run_ai_app(WEBAPP_ID, NODES)
    client.cancel(created.task_id)
    assert client.status(created.task_id) == "FAILED"


def test_unknown_webapp_is_901(rh: FakeRunningHub, client: RunningHub) -> None:
    with pytest.raises(NotFoundError) as info:
        client.run_ai_app("1877265245566922754", NODES)
    assert info.value.code == 901 and info.value.name == "WEBAPP_NOT_EXISTS"
    with pytest.raises(NotFoundError) as info:  # a workflow id is not an AI-app id
        client.run_ai_app(SAMPLE_WORKFLOW_ID, NODES)
    assert info.value.code == 901
    with pytest.raises(NotFoundError) as info:  # nor the reverse
        client.create(WEBAPP_ID, NODES)
    assert info.value.code == 380
    assert not rh.tasks


def test_bad_node_is_803(rh: FakeRunningHub, client: RunningHub, app_path: str) -> None:
    with pytest.raises(InvalidNodeInfoError) as info:
        client.run_ai_app(WEBAPP_ID, [{"nodeId": "99", "fieldName": "text", "fieldValue": "x"}])
    assert info.value.code == 803
    with pytest.raises(InvalidNodeInfoError):
        client.run_ai_app(WEBAPP_ID, [{"nodeId": "6", "fieldName": "nope", "fieldValue": "x"}])
    assert app_requests(rh, app_path) == [(None, 803), (None, 803)] and not rh.tasks


def test_421_is_retried(rh: FakeRunningHub, client: RunningHub, app_path: str) -> None:
    rh.inject("code", 3, path=app_path, code=421)
    created = client.run_ai_app(WEBAPP_ID, NODES)
    assert app_requests(rh, app_path) == [("code:421", 421)] * 3 + [(None, 0)]
    assert [t.task_id for t in rh.tasks] == [created.task_id]


def test_drop_after_processing_is_uncertain(
    rh: FakeRunningHub, client: RunningHub, app_path: str
) -> None:
    rh.inject("drop", path=app_path, after=True)
    with pytest.raises(CreateUncertainError) as info:
        client.run_ai_app(WEBAPP_ID, NODES)
    err = info.value
    assert "may have been created and billed" in str(err) and WEBAPP_ID in str(err)
    assert err.workflow_id == WEBAPP_ID and err.node_info_list == NODES
    assert err.endpoint == app_path
    assert len(app_requests(rh, app_path)) == 1  # not re-sent
    assert len(rh.tasks) == 1  # the server did start it: exactly once
