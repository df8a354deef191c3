"""The client's own rules: key from the environment, ids as strings, local refusals before any
request, parsing of string numbers and JSON strings, run/download, promptTips, errors."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from rhconfig.client import (
    CODES,
    AccountStatus,
    InvalidNodeInfoError,
    MissingApiKeyError,
    NotFoundError,
    Output,
    PromptTipsError,
    RunningHub,
    RunningHubError,
    TaskCreated,
    TaskFailedError,
    TaskPendingError,
    TaskTimeoutError,
    UploadError,
    WorkflowNotRunError,
    expected_file_name,
)
from rhconfig.client.errors import error_for
from rhconfig.client.models import parse_number
from rhconfig.errors import RhconfigError, UsageError
from rhconfig.testing import SAMPLE_KEY, SAMPLE_WORKFLOW_ID, FakeRunningHub, sample_graph
from rhconfig.testing.clients import fast_client

NODES = [{"nodeId": "6", "fieldName": "text", "fieldValue": "a dog"}]


def test_missing_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNNINGHUB_API_KEY", raising=False)
    with pytest.raises(MissingApiKeyError, match="RUNNINGHUB_API_KEY") as info:
        RunningHub()
    assert isinstance(info.value, RhconfigError) and info.value.exit_code == 2
    assert "\n" not in str(info.value)


def test_environment_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNNINGHUB_API_KEY", SAMPLE_KEY)
    monkeypatch.delenv("RUNNINGHUB_BASE_URL", raising=False)
    assert RunningHub().base_url == "https://www.runninghub.cn"
    monkeypatch.setenv("RUNNINGHUB_BASE_URL", "https://www.runninghub.ai/")
    client = RunningHub()
    assert client.base_url == "https://www.runninghub.ai"
    assert SAMPLE_KEY not in repr(client) and SAMPLE_KEY not in repr(vars(client))
    with pytest.raises(UsageError):
        RunningHub(base_url="www.runninghub.cn")


def test_host_header_follows_base_url(fake_runninghub: FakeRunningHub, client: RunningHub) -> None:
    client.account_status()
    assert fake_runninghub.requests[-1].host == f"127.0.0.1:{fake_runninghub.port}"
    assert not fake_runninghub.requests[-1].has_authorization


@pytest.mark.parametrize("bad", [1.904136902449209e18, True, "19041369024492093x", ""])
def test_ids_must_be_digit_strings(client: RunningHub, bad: object) -> None:
    with pytest.raises(UsageError):
        client.create(bad, [])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "entry",
    [{"nodeId": "6", "fieldName": "text"}, {"nodeId": 6.0, "fieldName": "t", "fieldValue": 1}, "x"],
)
def test_node_info_checked_locally(
    fake_runninghub: FakeRunningHub, client: RunningHub, entry: object
) -> None:
    with pytest.raises(UsageError):
        client.create(SAMPLE_WORKFLOW_ID, [entry])  # type: ignore[list-item]
    assert fake_runninghub.requests == []


def test_ids_are_sent_as_strings(fake_runninghub: FakeRunningHub, client: RunningHub) -> None:
    client.create(int(SAMPLE_WORKFLOW_ID), [{"nodeId": 6, "fieldName": "text", "fieldValue": 1}])  # type: ignore[arg-type]
    body = fake_runninghub.requests[-1].body
    assert body["workflowId"] == SAMPLE_WORKFLOW_ID and body["nodeInfoList"][0]["nodeId"] == "6"


def test_create_options_are_sent(fake_runninghub: FakeRunningHub, client: RunningHub) -> None:
    graph = sample_graph()
    created = client.create(
        SAMPLE_WORKFLOW_ID,
        None,
        add_metadata=False,
        webhook_url="http://127.0.0.1:9/hook",
        instance_type="plus",
        use_personal_queue=True,
        workflow=graph,
    )
    assert isinstance(created, TaskCreated) and created.prompt_ok
    assert created.prompt_tips is not None and created.prompt_tips["result"] is True
    body = fake_runninghub.requests[-1].body
    assert "nodeInfoList" not in body
    assert body["addMetadata"] is False and body["instanceType"] == "plus"
    assert body["usePersonalQueue"] is True and json.loads(body["workflow"]) == graph
    with pytest.raises(UsageError):
        client.create(SAMPLE_WORKFLOW_ID, [], instance_type="huge")


@pytest.mark.parametrize(
    ("workflow_id", "ran", "exc", "code"),
    [("42", True, NotFoundError, 380), ("43", False, WorkflowNotRunError, 810)],
)
def test_get_json_api_format_errors(
    fake_runninghub: FakeRunningHub,
    client: RunningHub,
    workflow_id: str,
    ran: bool,
    exc: type[RunningHubError],
    code: int,
) -> None:
    if not ran:
        fake_runninghub.add_workflow(workflow_id, sample_graph(), ran=False)
    with pytest.raises(exc) as info:
        client.get_json_api_format(workflow_id)
    assert info.value.code == code and CODES[code][0] in str(info.value)


def test_get_json_api_format_parses_the_prompt_string(client: RunningHub) -> None:
    assert client.get_json_api_format(SAMPLE_WORKFLOW_ID) == sample_graph()


def test_invalid_node_info_error(client: RunningHub) -> None:
    with pytest.raises(InvalidNodeInfoError, match=r"code 803 APIKEY_INVALID_NODE_INFO"):
        client.create(SAMPLE_WORKFLOW_ID, [{"nodeId": "99", "fieldName": "x", "fieldValue": 1}])


def test_account_status_numbers(client: RunningHub) -> None:
    status = client.account_status()
    assert status == AccountStatus(177814, 0, 0.0, "CNY", "NORMAL")
    assert isinstance(status.remain_coins, int)


def test_parse_number() -> None:
    assert parse_number("177814") == 177814 and parse_number("0.25") == 0.25
    assert parse_number("") is None and parse_number(None) is None and parse_number("n/a") is None
    out = Output.from_api(
        {
            "fileUrl": "u",
            "fileType": "png",
            "taskCostTime": "12",
            "consumeCoins": "3.5",
            "nodeId": 9,
        }
    )
    assert (out.task_cost_time, out.consume_coins, out.node_id) == (12.0, 3.5, "9")


def test_outputs_pending_then_done() -> None:
    now = [0.0]
    with FakeRunningHub(queue_seconds=1, run_seconds=1, clock=lambda: now[0]) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        client = fast_client(rh)
        task = client.create(SAMPLE_WORKFLOW_ID, NODES)
        for when, code in ((0.5, 813), (1.5, 804)):
            now[0] = when
            with pytest.raises(TaskPendingError) as info:
                client.outputs(task.task_id)
            assert info.value.code == code
        now[0] = 2.5
        assert [o.node_id for o in client.outputs(task.task_id)] == ["9"]


def test_run_and_download(client: RunningHub, tmp_path: Path) -> None:
    outputs = client.run(SAMPLE_WORKFLOW_ID, NODES)
    paths = client.download(outputs + outputs, tmp_path / "out")
    assert len({p.name for p in paths}) == 2  # same URL twice: distinct names
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in paths)
    assert not list((tmp_path / "out").glob("*.part"))


def test_run_failure_prints_failed_reason(
    fake_runninghub: FakeRunningHub, client: RunningHub
) -> None:
    fake_runninghub.fail_tasks(1, node_id="3", exception_type="ValueError", message="bad cfg 0")
    with pytest.raises(TaskFailedError) as info:
        client.run(SAMPLE_WORKFLOW_ID, NODES)
    text = str(info.value)
    assert "code 805 APIKEY_TASK_STATUS_ERROR" in text
    assert "node 3 (KSampler) raised ValueError: bad cfg 0" in text
    assert 'nodes.py", line 1540' in text  # the traceback's last frame
    assert info.value.task_id and info.value.task_id in text and "\n" not in text
    assert info.value.failed_reason["node_name"] == "KSampler"
    assert info.value.exit_code == 1


def test_prompt_tips_false(
    fake_runninghub: FakeRunningHub, client: RunningHub, caplog: pytest.LogCaptureFixture
) -> None:
    fake_runninghub.reject_prompts(2)
    with caplog.at_level(logging.WARNING, logger="rhconfig.client"):
        created = client.create(SAMPLE_WORKFLOW_ID, NODES)  # create: a warning, not an error
    assert not created.prompt_ok
    assert "sampler_name: 'eulerx' not in" in caplog.text
    with pytest.raises(PromptTipsError, match="eulerx") as info:
        client.run(SAMPLE_WORKFLOW_ID, NODES)  # run: an error, and the doomed task is cancelled
    assert info.value.prompt_tips["result"] is False
    assert fake_runninghub.requests[-1].path == "/task/openapi/cancel"


def test_run_timeout() -> None:
    with FakeRunningHub(run_seconds=30) as slow:
        slow.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        with fast_client(slow) as client, pytest.raises(TaskTimeoutError) as info:
            client.run(SAMPLE_WORKFLOW_ID, NODES, timeout=0.3, cancel_on_timeout=True)
        assert "RUNNING" in str(info.value) or "QUEUED" in str(info.value)
        assert slow.requests[-1].path == "/task/openapi/cancel"


def test_run_keeps_polling_through_unknown_states(
    fake_runninghub: FakeRunningHub, client: RunningHub
) -> None:
    rh = fake_runninghub
    rh.inject("code", 2, path="/task/openapi/status", code=0)  # data: null
    rh.inject("malformed", 2, path="/task/openapi/status")
    assert client.run(SAMPLE_WORKFLOW_ID, NODES)


def test_upload_refused_locally(fake_runninghub: FakeRunningHub, tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(b"x" * 2048)
    odd = tmp_path / "model.xyz"
    odd.write_bytes(b"x")
    with fast_client(fake_runninghub, max_upload_bytes=1024) as client:
        with pytest.raises(UploadError, match=r"2.0 KB, over the 1.0 KB upload limit"):
            client.upload(big)
        with pytest.raises(UploadError, match="unknown file type 'xyz'"):
            client.upload(odd)
        with pytest.raises(UploadError, match="not one of"):
            client.upload(odd, "document")
        with pytest.raises(UploadError, match="no such file"):
            client.upload(tmp_path / "missing.png")
        assert fake_runninghub.requests == []
        name = client.upload(odd, "input")
    assert name == expected_file_name(odd) and name.endswith(".xyz")


def test_upload_809_from_server(tmp_path: Path) -> None:
    with FakeRunningHub(max_upload_bytes=10) as rh:
        image = tmp_path / "a.png"
        image.write_bytes(b"x" * 11)
        with fast_client(rh) as client, pytest.raises(UploadError, match="809"):
            client.upload(image)


def test_error_table_and_messages() -> None:
    for code, (name, cls) in CODES.items():
        err = error_for(code, name, endpoint="/x")
        assert isinstance(err, cls) and err.code == code and err.name == name
        assert f"code {code} {name}" in str(err) and "\n" not in str(err)
    unknown = error_for(999, "weird", endpoint="/x")
    assert type(unknown) is RunningHubError and "code 999 UNKNOWN_CODE: weird" in str(unknown)
    assert repr(unknown) == "RunningHubError(code=999, name='UNKNOWN_CODE')"
