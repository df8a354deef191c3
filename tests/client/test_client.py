"""The client's own rules, on both wires: key and protocol from the environment, ids as strings,
local refusals before any request, parsing of string numbers and JSON strings, run/download,
promptTips, errors; one model whatever the wire (outputs, text, usage, failedReason)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from rhconfig.client import (
    CODES,
    AccountStatus,
    AuthError,
    InvalidNodeInfoError,
    MissingApiKeyError,
    NotFoundError,
    Output,
    PromptTipsError,
    QueueFullError,
    QueueRetry,
    RunningHub,
    RunningHubError,
    ServiceBusyError,
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


def test_api_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNNINGHUB_API_KEY", SAMPLE_KEY)
    monkeypatch.delenv("RUNNINGHUB_API", raising=False)
    assert RunningHub().api == "v2"  # the default
    monkeypatch.setenv("RUNNINGHUB_API", "v1")
    assert RunningHub().api == "v1" and RunningHub(api="v2").api == "v2"
    monkeypatch.setenv("RUNNINGHUB_API", "v3")
    with pytest.raises(UsageError, match="RUNNINGHUB_API must be v1 or v2"):
        RunningHub()
    with pytest.raises(UsageError, match="api must be v1 or v2"):
        RunningHub(api="2")


def test_host_header_follows_base_url(
    fake_runninghub: FakeRunningHub, client: RunningHub, api: str
) -> None:
    client.account_status()
    record = fake_runninghub.requests[-1]
    assert record.host == f"127.0.0.1:{fake_runninghub.port}"
    # v1: the key in the body only; v2 on a v1 path: the body key and the Bearer header
    assert record.has_authorization == (api == "v2")
    assert record.auth == ("both" if api == "v2" else "body")


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


def test_ids_are_sent_as_strings(
    fake_runninghub: FakeRunningHub, client: RunningHub, api: str, path: Callable[[str], str]
) -> None:
    client.create(int(SAMPLE_WORKFLOW_ID), [{"nodeId": 6, "fieldName": "text", "fieldValue": 1}])  # type: ignore[arg-type]
    record = fake_runninghub.requests[-1]
    assert record.path == path("create") and record.body["nodeInfoList"][0]["nodeId"] == "6"
    if api == "v1":
        assert record.body["workflowId"] == SAMPLE_WORKFLOW_ID and record.auth == "body"
    else:  # the id is in the path; the key only in the Bearer header
        assert "workflowId" not in record.body and record.auth == "bearer"


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
    record = fake_runninghub.requests[-1]
    # the workflow override is documented for v1 create only: it goes there on both wires
    assert record.path == "/task/openapi/create" and record.task_id == created.task_id
    body = record.body
    assert "nodeInfoList" not in body
    assert body["addMetadata"] is False and body["instanceType"] == "plus"
    assert body["usePersonalQueue"] is True and json.loads(body["workflow"]) == graph
    with pytest.raises(UsageError):
        client.create(SAMPLE_WORKFLOW_ID, [], instance_type="huge")
    assert client.wait(created)  # waited for through the client's own wire


def test_v2_run_options_are_sent(
    fake_runninghub: FakeRunningHub, path: Callable[[str], str], api: str
) -> None:
    with fast_client(fake_runninghub, api=api) as client:
        client.create(
            SAMPLE_WORKFLOW_ID,
            NODES,
            add_metadata=True,
            webhook_url="http://127.0.0.1:9/hook",
            instance_type="default",
            use_personal_queue=False,
        )
    record = fake_runninghub.requests[-1]
    assert record.path == path("create") and record.code == 0
    assert {k: record.body[k] for k in ("addMetadata", "instanceType", "usePersonalQueue")} == {
        "addMetadata": True,
        "instanceType": "default",
        "usePersonalQueue": False,
    }


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


def test_outputs_pending_then_done(api: str) -> None:
    now = [0.0]
    with FakeRunningHub(queue_seconds=1, run_seconds=1, clock=lambda: now[0]) as rh:
        rh.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        client = fast_client(rh, api=api)
        task = client.create(SAMPLE_WORKFLOW_ID, NODES)
        for when, code in ((0.5, 813), (1.5, 804)):
            now[0] = when
            with pytest.raises(TaskPendingError) as info:
                client.outputs(task.task_id)
            assert info.value.code == code
        now[0] = 2.5
        [out] = client.outputs(task.task_id)
        assert out.node_id == "9" and out.file_type == "png" and out.text is None
        assert out.file_url.startswith(rh.base_url + "/files/") and out.consume_coins == 2.0
        assert out.task_cost_time == 2.0 and client.status(task.task_id) == "SUCCESS"


def test_a_task_is_queried_through_the_other_wire(fake_runninghub: FakeRunningHub) -> None:
    """Task ids are shared: created through one protocol, waited for through the other."""
    with fast_client(fake_runninghub, api="v1") as v1, fast_client(
        fake_runninghub, api="v2"
    ) as v2:
        for maker, reader in ((v1, v2), (v2, v1)):
            created = maker.create(SAMPLE_WORKFLOW_ID, NODES)
            outputs = reader.wait(created)
            assert [o.node_id for o in outputs] == ["9"]
            assert outputs == maker.outputs(created.task_id)  # the same model either way
    paths = {r.path for r in fake_runninghub.requests}
    assert {"/openapi/v2/query", "/task/openapi/status", "/task/openapi/outputs"} <= paths


def test_text_outputs_and_usage(fake_runninghub: FakeRunningHub, client: RunningHub,
                                tmp_path: Path) -> None:  # fmt: skip
    graph = sample_graph()
    graph["11"] = {"class_type": "ShowText|pysssss", "inputs": {"text": "a caption"}}
    fake_runninghub.add_workflow("77", graph)
    outputs = client.run("77", NODES)
    [text] = [o for o in outputs if o.file_type == "txt"]
    assert text.node_id == "11" and text.consume_coins == 2.0
    assert text.consume_money is None and text.third_party_consume_money is None
    if client.api == "v2":
        assert text.text == "a caption"  # v2 results[].text
    paths = client.download(outputs, tmp_path)
    assert [p.read_text() for p in paths if p.suffix == ".txt"] == ["a caption"]


def test_v2_models_from_answers() -> None:
    """v2 shapes the fake does not produce are read too: failedReason as a string, usage."""
    out = Output.from_v2(
        {"url": "https://x/a.txt", "outputType": "txt", "text": "hi"},
        {"consumeCoins": "3", "consumeMoney": "0.125", "taskCostTime": "9"},
    )
    assert (out.text, out.node_id, out.consume_money) == ("hi", None, 0.125)
    assert out.task_cost_time == 9.0 and out.consume_coins == 3.0
    again = Output.from_api(out.raw)  # what a ledger keeps rebuilds the same output
    assert again == out and again.consume_money == 0.125
    as_text = error_for("805", "", endpoint="/openapi/v2/query", data={"failedReason": "OOM x"})
    assert isinstance(as_text, TaskFailedError) and as_text.failed_reason == {}
    assert as_text.failed_reason_text == "OOM x" and "task failed: OOM x" in str(as_text)
    obj = {"failedReason": {"node_id": "3", "node_name": "KSampler", "exception_type": "E"}}
    as_obj = error_for("805", "", endpoint="/openapi/v2/query", data=obj)
    assert isinstance(as_obj, TaskFailedError) and "node 3 (KSampler) raised E" in str(as_obj)


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


def test_run_timeout(api: str) -> None:
    with FakeRunningHub(run_seconds=30) as slow:
        slow.add_workflow(SAMPLE_WORKFLOW_ID, sample_graph())
        with fast_client(slow, api=api) as client, pytest.raises(TaskTimeoutError) as info:
            client.run(SAMPLE_WORKFLOW_ID, NODES, timeout=0.3, cancel_on_timeout=True)
        assert "RUNNING" in str(info.value) or "QUEUED" in str(info.value)
        assert slow.requests[-1].path == "/task/openapi/cancel"


def test_run_keeps_polling_through_unknown_states(
    fake_runninghub: FakeRunningHub, client: RunningHub, path: Callable[[str], str], api: str
) -> None:
    rh = fake_runninghub
    status = path("status")
    # v1: data null (code 0); v2: a task object with no status; then bodies that are not JSON
    rh.inject("code", 2, path=status, code=0)
    rh.inject("malformed", 2, path=status)
    if api == "v2":
        rh.inject("code", 2, path=status, code=1005)  # a v2 "retry" code while polling
    assert len(client.run(SAMPLE_WORKFLOW_ID, NODES)) == 1
    faults = [r.fault for r in rh.requests if r.path == status and r.fault]
    expected = ["code:0"] * 2 + ["malformed"] * 2 + (["code:1005"] * 2 if api == "v2" else [])
    assert faults == expected  # every injected fault was met, and the run still succeeded
    assert [r.fault for r in rh.requests if r.path == status][-1] is None


def test_upload_refused_locally(
    fake_runninghub: FakeRunningHub, tmp_path: Path, api: str
) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(b"x" * 2048)
    odd = tmp_path / "model.xyz"
    odd.write_bytes(b"x")
    with fast_client(fake_runninghub, max_upload_bytes=1024, api=api) as client:
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
    assert name == expected_file_name(odd, api) and name.endswith(".xyz")
    sent = fake_runninghub.requests[-1]
    if api == "v2":  # one multipart field, no fileType; the answer's download_url is kept
        assert set(sent.body) == {"file"} and sent.auth == "bearer"
        assert name.download_url and name.download_url.endswith(name) and name.size == 1
    else:
        assert sent.body["fileType"] == "input" and name.download_url is None


def test_upload_809_from_server(tmp_path: Path, api: str) -> None:
    with FakeRunningHub(max_upload_bytes=10) as rh:
        image = tmp_path / "a.png"
        image.write_bytes(b"x" * 11)
        with fast_client(rh, api=api) as client, pytest.raises(UploadError, match="809"):
            client.upload(image)


def test_error_table_and_messages() -> None:
    for code, (name, cls) in CODES.items():
        err = error_for(code, name, endpoint="/x")
        assert isinstance(err, cls) and err.code == code and err.name == name
        assert f"code {code} {name}" in str(err) and "\n" not in str(err)
    unknown = error_for(999, "weird", endpoint="/x")
    assert type(unknown) is RunningHubError and "code 999 UNKNOWN_CODE: weird" in str(unknown)
    assert repr(unknown) == "RunningHubError(code=999, name='UNKNOWN_CODE')"


def test_v2_error_codes_go_through_the_one_table() -> None:
    for code, (name, cls) in CODES.items():  # a v2 errorCode string is read as its number
        err = error_for(str(code), "", endpoint="/openapi/v2/query")
        assert type(err) is cls and err.code == code and err.name == name
    assert isinstance(error_for("803", "", endpoint="/x"), InvalidNodeInfoError)
    assert isinstance(error_for("802", "", endpoint="/x"), AuthError)
    for code in (1003, 1005, 1010, 1011, 1012):
        assert type(error_for(str(code), "", endpoint="/x")) is ServiceBusyError
        assert code in QueueRetry().codes  # a create answered so is sent again
    limit = error_for("1520", "", endpoint="/x")
    assert isinstance(limit, QueueFullError) and 1520 in QueueRetry().codes
    for code, words in ((1014, "enterprise key"), (1505, "real people")):
        err = error_for(str(code), "", endpoint="/x")
        assert type(err) is RunningHubError and words in str(err)
    assert error_for("x", "odd", endpoint="/x").name == "UNKNOWN_CODE"  # never success


@pytest.mark.parametrize("code", [421, 1520, 1003])
def test_v2_busy_codes_on_run_are_retried(
    fake_runninghub: FakeRunningHub, client: RunningHub, path: Callable[[str], str], code: int
) -> None:
    fake_runninghub.inject("code", 2, path=path("create"), code=code)
    created = client.create(SAMPLE_WORKFLOW_ID, NODES)
    creates = [(r.fault, r.task_id) for r in fake_runninghub.requests if r.path == path("create")]
    assert creates == [(f"code:{code}", None)] * 2 + [(None, created.task_id)]
